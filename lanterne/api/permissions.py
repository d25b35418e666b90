"""DRF permissions that delegate object-level decisions to the `rules` predicates.

The API never re-derives who may see what: querysets come from `visible_to(user)` and object
decisions from the permissions registered in each app's `perms.py`.
"""

from django.http import Http404
from rest_framework.permissions import SAFE_METHODS, BasePermission


def user_has_perm(request, perm: str, obj=None) -> bool:
    """Whether the request's user holds the `rules` permission `perm` on `obj`."""
    user = getattr(request, "user", None)
    return user is not None and user.has_perm(perm, obj)


class RulesObjectPermission(BasePermission):
    """Ask `rules` for the permission named by the view's `object_permission` attribute.

    A refused read answers 404, like an object outside `visible_to(user)`: the API must not
    reveal that something exists out of the user's reach. Writes are refused unless the view
    names an `object_change_permission`.
    """

    def has_object_permission(self, request, view, obj):
        if request.method in SAFE_METHODS:
            perm = getattr(view, "object_permission", None)
            if perm is None or user_has_perm(request, perm, obj):
                return True
            raise Http404
        perm = getattr(view, "object_change_permission", None)
        return perm is not None and user_has_perm(request, perm, obj)
