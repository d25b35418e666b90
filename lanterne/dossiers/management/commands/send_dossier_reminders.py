from django.utils import timezone
from django.utils.translation import gettext as _

from lanterne.core.management.base import BaseCommand
from lanterne.dossiers import services


class Command(BaseCommand):
    help = (
        "Envoie les rappels de date limite aux porteurs dont le dossier est encore en brouillon "
        "(un rappel par dossier et par échéance : à lancer chaque jour)."
    )

    def run(self, *args, **options):
        now = timezone.now()
        if options.get("dry_run"):
            due = services.reminders_due(now)
            for dossier, offset in due:
                self.stdout.write(
                    _("Rappel J-%(days)d : %(reference)s — %(title)s")
                    % {"days": offset, "reference": dossier.reference, "title": dossier.title}
                )
            self.stdout.write(_("%(count)d rappel(s) à envoyer.") % {"count": len(due)})
            return
        count = services.reminders_send(now)
        self.logger.info("%d deadline reminder(s) sent", count)
        self.stdout.write(_("%(count)d rappel(s) envoyé(s).") % {"count": count})
