"""Writes to a call's catalogue: its film lists and the documents it asks for.

Same contract as `services`: keyword arguments, `by` last, permission checked first, one
transaction with its audit row.
"""

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from lanterne.accounts.models import User
from lanterne.core.audit import audit
from lanterne.core.services import ServiceError, require_perm

from .enums import AuditAction
from .models import Call, Film, FilmList, RequiredDocument


@transaction.atomic
def film_add(
    *,
    call: Call,
    kind: str,
    title: str,
    director: str = "",
    year: int | None = None,
    duration_minutes: int | None = None,
    by: User,
) -> Film:
    """Add a film to the call's list of `kind` (the list is created when missing)."""
    require_perm(by, "calls.manage_call", call)
    film_list, _created = FilmList.objects.get_or_create(call=call, kind=kind)
    film = Film(
        film_list=film_list,
        title=title,
        director=director,
        year=year,
        duration_minutes=duration_minutes,
    )
    film.full_clean()
    film.save()
    audit(action=AuditAction.FILM_ADD, obj=call, by=by, film=film.pk, kind=kind)
    return film


@transaction.atomic
def film_remove(*, call: Call, film: Film, by: User) -> None:
    """Remove a film from the call's lists; actions that named it keep no film."""
    require_perm(by, "calls.manage_call", call)
    if film.film_list.call_id != call.pk:
        raise PermissionDenied
    audit(action=AuditAction.FILM_REMOVE, obj=call, by=by, film=film.pk, title=film.title)
    film.delete()


@transaction.atomic
def required_document_add(
    *, call: Call, kind: str, label: str = "", returning_only: bool = False, by: User
) -> RequiredDocument:
    require_perm(by, "calls.manage_call", call)
    document = RequiredDocument(call=call, kind=kind, label=label, returning_only=returning_only)
    try:
        with transaction.atomic():
            document.save()
    except IntegrityError as error:
        raise ServiceError(
            _("Cette pièce est déjà demandée par l'appel : retirez-la avant de la redemander.")
        ) from error
    audit(action=AuditAction.DOCUMENT_ADD, obj=call, by=by, kind=kind)
    return document


@transaction.atomic
def required_document_remove(*, call: Call, document: RequiredDocument, by: User) -> None:
    require_perm(by, "calls.manage_call", call)
    if document.call_id != call.pk:
        raise PermissionDenied
    audit(action=AuditAction.DOCUMENT_REMOVE, obj=call, by=by, kind=document.kind)
    document.delete()
