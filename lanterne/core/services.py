"""What every app's services share: the refusal a user can act on, and the permission check."""

from django.core.exceptions import PermissionDenied, ValidationError


class ServiceError(ValidationError):
    """A refusal the user can act on; its message is shown as is, in the user's language."""


def require_perm(user, perm: str, obj) -> None:
    """Raise PermissionDenied unless `user` holds the `rules` permission `perm` on `obj`."""
    if not user.has_perm(perm, obj):
        raise PermissionDenied
