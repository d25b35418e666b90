import logging

from django.core.management.base import BaseCommand as DjangoBaseCommand
from django.db import transaction


class DryRunRollback(Exception):
    """Raised at the end of a dry run to undo every write of the command."""


class BaseCommand(DjangoBaseCommand):
    """Lanterne's commands: logging, one transaction, and --dry-run for those that write.

    A command whose steps must each commit on their own (a delivery: an e-mail marked sent must
    stay so if the process dies on the next one) sets `atomic = False` and handles --dry-run
    itself."""

    writes = True
    atomic = True

    def create_parser(self, prog_name, subcommand, **kwargs):
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        if self.writes:
            parser.add_argument(
                "--dry-run",
                action="store_true",
                help="Tout calculer et afficher sans rien enregistrer.",
            )
        return parser

    def execute(self, *args, **options):
        self.logger = logging.getLogger(f"lanterne.commands.{self.__module__.rsplit('.', 1)[-1]}")
        return super().execute(*args, **options)

    def handle(self, *args, **options):
        if not self.writes or not self.atomic:
            return self.run(*args, **options)
        try:
            with transaction.atomic():
                result = self.run(*args, **options)
                if options.get("dry_run"):
                    raise DryRunRollback
        except DryRunRollback:
            self.stdout.write(self.style.WARNING("Dry run: nothing was saved."))
            return None
        return result

    def run(self, *args, **options):
        raise NotImplementedError
