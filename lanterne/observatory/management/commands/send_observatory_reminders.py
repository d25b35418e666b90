import datetime

from django.utils import timezone

from lanterne.core.management.base import BaseCommand
from lanterne.observatory.services import reminders_send


class Command(BaseCommand):
    help = (
        "Relance par e-mail les structures dont le retour d'indicateurs est attendu avant une "
        "échéance proche ; une seule relance par retour et par échéance (à lancer chaque jour)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--today", help="Date du jour (AAAA-MM-JJ), pour rattraper un envoi.")

    def run(self, *args, **options):
        today = (
            datetime.date.fromisoformat(options["today"])
            if options.get("today")
            else timezone.localdate()
        )
        count = reminders_send(today=today)
        self.stdout.write(f"{count} relance(s) envoyée(s).")
        return None
