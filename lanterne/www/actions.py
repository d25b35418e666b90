"""What every page that acts shares: fetch in scope, check the permission, call one service,
then redirect with a message or show the refusal beside what was typed.

Out of scope is a 404 (the object is not even named), in scope without the permission a 403;
a service's refusal (`ServiceError`, or the `ValidationError` of a model's rule) is shown in the
user's language, on the form when there is one, as a message otherwise. Views stay a few lines:

    action = in_scope(request, Action.objects.select_related("project"), pk=pk,
                      perm="projects.change_project", on=lambda a: a.project)
    form = SessionForm(request.POST, project=action.project)
    if form.is_valid() and (done := run_service(form, services.session_add, action=action,
                                                by=request.user, session=form.instance)):
        return succeed(request, _("La séance a été ajoutée."), done.url)
    return render_action(request, action, status=422, session_form=form)
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Model, QuerySet
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect

M = TypeVar("M", bound=Model)


def require(request: HttpRequest, perm: str, obj: Any) -> None:
    """403 unless the signed-in user holds the `rules` permission `perm` on `obj`."""
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied


def in_scope(
    request: HttpRequest,
    queryset: QuerySet[M],
    *,
    perm: str | None = None,
    on: Callable[[M], Any] | None = None,
    **lookup: Any,
) -> M:
    """The object of `queryset` that `lookup` names among those the user may see (404
    otherwise), and — when `perm` is given — that the user may act on (403 otherwise). `on`
    picks what the permission is checked against (the project of an action, say)."""
    obj = get_object_or_404(queryset.visible_to(request.user), **lookup)  # type: ignore[attr-defined]
    if perm is not None:
        require(request, perm, on(obj) if on is not None else obj)
    return obj


def refusal_messages(error: ValidationError) -> list[str]:
    """The sentences of a refusal, whether it carries one message, a list or field errors."""
    return [str(message) for message in error.messages]


def show_refusal(form: BaseForm, error: ValidationError) -> None:
    """A service's refusal on the form (what was typed stays in the form): what it says of one
    of the form's fields beside that field, as `form.add_error` does; the rest above the fields."""
    if not hasattr(error, "error_dict"):
        for message in refusal_messages(error):
            form.add_error(None, message)
        return
    for name, errors in error.error_dict.items():
        field = name if name in form.fields else None
        for message in refusal_messages(ValidationError(errors)):
            form.add_error(field, message)


@dataclass(frozen=True)
class Done:
    """What a service gave back when it accepted; always true, so that
    `if (done := run_service(...))` reads as "if it went through"."""

    result: Any

    def __bool__(self) -> bool:
        return True


def run_service(
    form: BaseForm | None, service: Callable[..., Any], /, **kwargs: Any
) -> Done | None:
    """Call `service(**kwargs)`. Accepted: its result, wrapped in `Done`. Refused: None, the
    refusal shown on `form` — or, without a form, left to the caller (`run_or_flash`)."""
    try:
        return Done(service(**kwargs))
    except ValidationError as error:
        if form is None:
            raise
        show_refusal(form, error)
        return None


def run_or_flash(
    request: HttpRequest, service: Callable[..., Any], /, **kwargs: Any
) -> Done | None:
    """For actions without a form (a delete, a button): a refusal becomes an error message on
    the next page."""
    try:
        return Done(service(**kwargs))
    except ValidationError as error:
        for message in refusal_messages(error):
            messages.error(request, message)
        return None


def succeed(request: HttpRequest, message: str, to: Any) -> HttpResponseRedirect:
    """The redirect after an accepted action, with its confirmation shown on the next page."""
    messages.success(request, message)
    return redirect(to)
