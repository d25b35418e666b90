"""What follows a change of an account's credentials, whatever changed them (the password
pages, the reset link, the admin, a command)."""

from django.contrib.auth.signals import user_logged_in
from django.db.models.signals import post_save
from django.dispatch import receiver

from .models import User
from .sessions import start_session
from .tokens import revoke_all_tokens


@receiver(post_save, sender=User, dispatch_uid="accounts_revoke_tokens")
def revoke_tokens_on_credential_change(sender, instance: User, created: bool, **kwargs):
    """A new password or a deactivated account ends every API token of the account.

    `_password` is the raw password `set_password()` leaves for `AbstractBaseUser.save()`, which
    clears it only after this signal: it is set exactly when the password was changed (Django
    clears it itself for the silent re-hash of a login)."""
    if created:
        return
    if getattr(instance, "_password", None) is not None or not instance.is_active:
        revoke_all_tokens(instance)


@receiver(user_logged_in, dispatch_uid="accounts_start_session")
def stamp_new_session(sender, request, user, **kwargs):
    start_session(request, user)
