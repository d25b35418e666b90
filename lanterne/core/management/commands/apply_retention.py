from django.utils.translation import gettext as _

from lanterne.core import privacy
from lanterne.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Supprime les données personnelles dont la durée de conservation (settings.RETENTION, "
        "en jours) est passée, type par type ; --dry-run compte sans rien supprimer. "
        "Relancer la commande ne supprime rien de plus."
    )

    def run(self, *args, **options):
        done = privacy.apply_retention()
        days = privacy.retention_days()
        labels = {retention.key: retention.label for retention in privacy.retentions()}
        for key, count in done.items():
            if count is None:
                line = _("%(kind)s : conservé sans limite") % {"kind": labels[key]}
            else:
                line = _("%(kind)s (plus de %(days)d jours) : %(count)d") % {
                    "kind": labels[key],
                    "days": days[key],
                    "count": count,
                }
            self.stdout.write(f"{key}\t{line}")
        self.logger.info("Retention applied: %s", done)
        return None
