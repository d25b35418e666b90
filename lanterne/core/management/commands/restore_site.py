"""Restore a backup made by backup_site: the database and the private documents together."""

from pathlib import Path

from django.core.management.base import CommandError

from lanterne.core.backup import FILES_PREFIX, BackupError, read_manifest, restore_site
from lanterne.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Restaure une sauvegarde de backup_site dans la base et le stockage privé configurés, "
        "après avoir vérifié l'archive contre son manifeste ; refuse une base ou un stockage "
        "non vide sans --force."
    )
    # The restore is not one Django transaction: pg_restore runs in its own (--single-transaction).
    writes = False

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path, help="L'archive écrite par backup_site.")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Écraser une base ou un stockage privé qui contient déjà des données.",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Seulement vérifier l'archive contre son manifeste, sans rien restaurer.",
        )

    def run(self, *args, archive: Path, force: bool, dry_run: bool, **options):
        try:
            if dry_run:
                manifest = read_manifest(archive)
                files = [name for name in manifest["members"] if name.startswith(FILES_PREFIX)]
                self.stdout.write(
                    self.style.SUCCESS(
                        f"Archive intacte : base {manifest['database']['vendor']} du "
                        f"{manifest['created_at']}, {len(manifest['database']['tables'])} tables, "
                        f"{len(files)} fichier(s) privé(s). Rien n'a été restauré."
                    )
                )
                return
            summary = restore_site(archive, force=force)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.logger.info("backup %s restored", archive)
        self.stdout.write(
            self.style.SUCCESS(
                f"Sauvegarde restaurée : {len(summary.tables)} tables, {summary.rows} lignes, "
                f"{summary.files} fichier(s) privé(s), vérifiés contre le manifeste. "
                "Lancez ensuite manage.py migrate si le code est plus récent que la sauvegarde."
            )
        )
