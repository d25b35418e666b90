from django.utils import timezone
from django.utils.translation import gettext as _

from lanterne.core.management.base import BaseCommand
from lanterne.core.models import OutboxMessage
from lanterne.core.tasks import run_delivery


class Command(BaseCommand):
    help = (
        "Envoie les courriels en attente de l'outbox et reprend les tâches abandonnées par un "
        "worker arrêté (filet de sécurité : à lancer par cron, par exemple chaque minute)."
    )
    # Each e-mail is claimed, then marked sent, in its own transaction.
    atomic = False

    def run(self, *args, **options):
        if options.get("dry_run"):
            count = OutboxMessage.objects.due(timezone.now()).count()
            self.stdout.write(_("%(count)d courriel(s) à envoyer.") % {"count": count})
            return
        delivery = run_delivery()
        self.logger.info("%d e-mail(s) sent, %d failed for good", delivery.sent, delivery.failed)
        self.stdout.write(
            _("%(sent)d courriel(s) envoyé(s), %(failed)d en échec définitif.")
            % {"sent": delivery.sent, "failed": delivery.failed}
        )
