from django.conf import settings
from django.core.management import call_command
from django.urls import reverse

from lanterne.accounts.models import User
from lanterne.accounts.two_factor.services import (
    format_recovery_code,
    requires_second_factor,
    secret_for_display,
)
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
        enrolled = {
            user.email
            for user in User.objects.filter(email__in=[u.email for u in users])
            if requires_second_factor(user)
        }
        for user in users:
            mark = " *" if user.email in enrolled else ""
            self.stdout.write(f"  {user.email:<{width}}  {user.label}{mark}")
        secret = secret_for_display(fictive.DEMO_TOTP_KEY)
        self.stdout.write(
            "* Double authentification : ajoutez cette clé à une application d'authentification "
            f"(FreeOTP, Aegis…), type « basé sur le temps » : {secret}"
        )
        self.stdout.write(
            "  ou, une fois par compte, le code de secours "
            f"{format_recovery_code(fictive.DEMO_RECOVERY_CODE)} (relancer load_demo le rétablit)."
        )
        link = reverse("invitations:accept", args=[fictive.DEMO_INVITATION_KEY])
        self.stdout.write(
            "Invitation en attente (porteuse de projet, Centre social Les Tilleuls) : "
            f"{settings.SITE_URL.rstrip('/')}{link}"
        )
