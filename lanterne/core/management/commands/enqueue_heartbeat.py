from lanterne.core.health import heartbeat
from lanterne.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Met en file la tâche « signe de vie » qu'un worker exécutera ; /sante/ signale une panne "
        "quand aucun worker ne l'a exécutée depuis HEALTH_WORKER_MAX_AGE (à lancer toutes les "
        "5 minutes)."
    )
    writes = False

    def run(self, *args, **options):
        result = heartbeat.enqueue()
        self.logger.info("heartbeat task %s queued", result.id)
