from django.utils.translation import gettext as _

from lanterne.core.management.base import BaseCommand
from lanterne.core.tasks import recover_stalled_tasks


class Command(BaseCommand):
    help = (
        "Remet en file les tâches restées « en cours » plus longtemps que TASK_LEASE (leur worker "
        "a été arrêté) ; au-delà de TASK_MAX_ATTEMPTS lancements, les marque en échec."
    )

    def run(self, *args, **options):
        requeued, failed = recover_stalled_tasks()
        self.logger.info("%d task(s) put back to run, %d failed", requeued, failed)
        self.stdout.write(
            _("%(requeued)d tâche(s) remise(s) en file, %(failed)d en échec.")
            % {"requeued": requeued, "failed": failed}
        )
