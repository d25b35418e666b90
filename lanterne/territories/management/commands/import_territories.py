import sys
from pathlib import Path

from django.core.management.base import CommandError, OutputWrapper
from django.utils.translation import gettext as _
from tqdm import tqdm

from lanterne.core.management.base import BaseCommand
from lanterne.territories.importers import ImportFileError, ImportSources, import_territories
from lanterne.territories.signals import territories_changed


class Command(BaseCommand):
    help = (
        "Importe les régions, départements et communes (Code officiel géographique de l'INSEE), "
        "leurs anciens noms et codes (mouvements des communes), les QPV, les zonages ZRR/FRR et "
        "les positions des communes. Sans option de fichier, "
        "importe les données livrées avec Lanterne. Idempotent ; une ligne invalide annule tout."
    )

    def add_arguments(self, parser):
        cog = parser.add_mutually_exclusive_group()
        cog.add_argument(
            "--cog-dir",
            type=Path,
            metavar="DOSSIER",
            help=(
                "Dossier du COG : fichiers de l'INSEE v_region_AAAA.csv, v_departement_AAAA.csv, "
                "v_commune_AAAA.csv, ou format livré (regions.csv, departements.csv, "
                "communes.csv.gz)."
            ),
        )
        cog.add_argument(
            "--communes-json",
            type=Path,
            metavar="FICHIER",
            help=(
                "communes.json du paquet @etalab/decoupage-administratif (regions.json et "
                "departements.json lus à côté s'ils existent)."
            ),
        )
        parser.add_argument(
            "--mouvements",
            type=Path,
            metavar="FICHIER",
            help=(
                "Mouvements des communes de l'INSEE (v_mvt_commune_AAAA.csv) : anciens noms et "
                "anciens codes des communes d'aujourd'hui. Lu après le COG."
            ),
        )
        parser.add_argument(
            "--qpv",
            type=Path,
            metavar="FICHIER",
            help="CSV des QPV : code_qp,lib_qp,insee_com,date_debut,date_fin,source.",
        )
        parser.add_argument(
            "--rural",
            type=Path,
            metavar="FICHIER",
            help=(
                "CSV des zonages ZRR/FRR : insee_com,dispositif,classement,date_debut,date_fin,"
                "source."
            ),
        )
        parser.add_argument(
            "--positions",
            type=Path,
            metavar="FICHIER",
            help="CSV des positions des communes : code_insee,latitude,longitude[,source].",
        )

    def run(self, *args, **options):
        sources = ImportSources(
            cog_dir=options["cog_dir"],
            communes_json=options["communes_json"],
            mouvements=options["mouvements"],
            qpv=options["qpv"],
            rural=options["rural"],
            positions=options["positions"],
        )
        if sources.empty:
            sources = ImportSources.shipped()
        try:
            report = import_territories(sources, progress=self.progress_bar)
        except ImportFileError as error:
            raise CommandError(str(error)) from error

        for source in report.sources:
            self.stdout.write(_("Lu : %(source)s") % {"source": source})
        for counts in report.counts:
            self.stdout.write(counts.summary())
        if report.changed:
            # Apps holding copies of territory data bring them up to date in this transaction.
            territories_changed.send(sender=self.__class__, report=report)
            self.stdout.write(self.style.SUCCESS(_("Import terminé.")))
        else:
            self.stdout.write(self.style.SUCCESS(_("Rien à changer : la base était déjà à jour.")))

    def progress_bar(self, **kwargs):
        """A tqdm bar on the real stderr, shown only on a terminal."""
        stream = self.stderr
        # call_command(stderr=self.stderr) wraps wrappers; tqdm needs the raw stream.
        while isinstance(stream, OutputWrapper):
            # The wrapped stream: the stubs do not declare `_out` (it reads as a method).
            stream = stream._out  # type: ignore[assignment]
        stream = stream or sys.stderr
        enabled = hasattr(stream, "isatty") and stream.isatty()
        return tqdm(file=stream, disable=not enabled, leave=False, **kwargs)
