"""Back up the database and the private documents together into one archive (see core.backup)."""

from pathlib import Path

from django.core.management.base import CommandError

from lanterne.core.backup import BackupError, backup_site
from lanterne.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Sauvegarde la base de données et les pièces privées dans une seule archive tar "
        "(manifeste avec le nombre de lignes de chaque table et l'empreinte de chaque fichier)."
    )
    # Writes only the archive, never the database.
    writes = False

    def add_arguments(self, parser):
        parser.add_argument(
            "archive",
            type=Path,
            help="Fichier à écrire (.tar, ou .tar.gz pour compresser), ou dossier où écrire "
            "lanterne-AAAAMMJJ-HHMMSS.tar.",
        )

    def run(self, *args, archive: Path, **options):
        try:
            summary = backup_site(archive)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.logger.info("backup written to %s", summary.path)
        self.stdout.write(
            self.style.SUCCESS(
                f"Sauvegarde écrite : {summary.path} — {len(summary.tables)} tables, "
                f"{summary.rows} lignes, {summary.files} fichier(s) privé(s), "
                f"{summary.bytes} octets."
            )
        )
