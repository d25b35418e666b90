from lanterne.core.management.base import BaseCommand
from lanterne.observatory.models import Campaign, StoredConsolidation
from lanterne.observatory.selectors import stale_consolidations
from lanterne.observatory.services import consolidation_store


class Command(BaseCommand):
    help = (
        "Calcule et enregistre la consolidation des panoramas publiés qui n'en ont pas, ou dont "
        "les retours ont changé depuis (--all : toutes) ; chaque panorama est remplacé d'un "
        "bloc, les lecteurs voient l'ancienne version jusque-là."
    )
    # Each campaign commits on its own: its readers get it as soon as it is ready.
    atomic = False

    def add_arguments(self, parser):
        parser.add_argument(
            "--all", action="store_true", help="Recalculer toutes les consolidations publiées."
        )

    def run(self, *args, **options):
        campaigns = (
            list(Campaign.objects.published().order_by("year", "pk"))
            if options["all"]
            else stale_consolidations()
        )
        for campaign in campaigns:
            self.stdout.write(f"{campaign.slug}")
            if not options.get("dry_run"):
                consolidation_store(campaign=campaign)
        if options.get("dry_run"):
            self.stdout.write(f"{len(campaigns)} consolidation(s) à calculer.")
            return None
        # A withdrawn panorama keeps none (`campaign_publish`).
        withdrawn, _by_model = StoredConsolidation.objects.filter(
            campaign__is_published=False
        ).delete()
        self.stdout.write(f"{len(campaigns)} consolidation(s) calculée(s), {withdrawn} retirée(s).")
        self.logger.info("%s consolidations stored", len(campaigns))
        return None
