from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from lanterne.accounts.erasure import person_erase
from lanterne.accounts.models import User
from lanterne.core.management.base import BaseCommand
from lanterne.core.services import ServiceError


class Command(BaseCommand):
    help = (
        "Efface une personne à sa demande (RGPD, article 17) : supprime ses données et rend "
        "anonyme ce qui doit être gardé (docs/registre-des-traitements.md). --dry-run affiche "
        "ce qui serait fait sans rien changer."
    )
    # `person_erase` holds its own transaction and rolls a dry run back itself.
    atomic = False

    def add_arguments(self, parser):
        parser.add_argument("--email", required=True, help="L'adresse e-mail du compte.")

    def run(self, *args, email, dry_run=False, **options):
        try:
            user = User.objects.get(email__iexact=email.strip())
        except User.DoesNotExist as missing:
            raise CommandError(
                _("Aucun compte n'a l'adresse %(email)s.") % {"email": email}
            ) from missing
        pk = user.pk
        try:
            erasure = person_erase(user=user, by=None, dry_run=dry_run)
        except ServiceError as refused:
            raise CommandError(" ".join(refused.messages)) from refused
        for key, count in erasure.counts.items():
            self.stdout.write(f"{key}\t{count}")
        if erasure.row_deleted:
            self.stdout.write(_("Le compte est supprimé."))
        else:
            self.stdout.write(
                _("Le compte est gardé sans données personnelles (« compte supprimé »).")
            )
        if dry_run:
            self.stdout.write(self.style.WARNING(_("Simulation : rien n'a été modifié.")))
        self.logger.info("Erasure of user %s (dry run: %s): %s", pk, dry_run, erasure.counts)
        return None
