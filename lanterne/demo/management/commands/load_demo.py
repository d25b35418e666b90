from django.core.management import call_command

from lanterne.core.management.base import BaseCommand
from lanterne.demo import fictive
from lanterne.demo.loader import load_demo
from lanterne.territories.models import Commune


class Command(BaseCommand):
    help = (
        "Charge la démonstration : territoires livrés avec Lanterne (si absents), réseau réel des "
        "pôles 2024-2025, porteurs de projet fictifs et un compte par rôle."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--skip-territories",
            action="store_true",
            help="Ne pas importer les territoires livrés (déjà importés).",
        )

    def run(self, *args, **options):
        if not options["skip_territories"] and not Commune.objects.exists():
            call_command("import_territories", stdout=self.stdout, stderr=self.stderr)
        users = load_demo()
        self.stdout.write(self.style.SUCCESS("Démonstration prête : http://127.0.0.1:8000"))
        self.stdout.write(
            f"Mot de passe de tous les comptes de démonstration : {fictive.DEMO_PASSWORD}"
        )
        width = max(len(u.email) for u in users)
        for user in users:
            self.stdout.write(f"  {user.email:<{width}}  {user.label}")
