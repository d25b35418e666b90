import datetime

from django.utils import timezone

from lanterne.core.choices import choice_label
from lanterne.core.management.base import BaseCommand
from lanterne.observatory.enums import Deadline
from lanterne.observatory.services import reminders_due, reminders_send


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
        if options.get("dry_run"):
            # Only read: list what a real run would send.
            due = reminders_due(today=today)
            for value_return, deadline, day in due:
                self.stdout.write(
                    f"{value_return.structure} — {value_return.campaign} : "
                    f"{choice_label(Deadline, deadline)} ({day:%d/%m/%Y})"
                )
            self.stdout.write(f"{len(due)} relance(s) à envoyer.")
            return None
        count = reminders_send(today=today)
        self.stdout.write(f"{count} relance(s) envoyée(s).")
        return None
