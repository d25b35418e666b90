"""The API's one error shape, set as `REST_FRAMEWORK["EXCEPTION_HANDLER"]`.

Every refusal answers `{"detail": …, "errors": […], "fields": {…}}` (`ErrorSerializer`), with
its messages in the request's language:

- a service's `ServiceError`, any Django or DRF `ValidationError` (a body, a filter): 400;
- `PermissionDenied` (a service's permission check): 403;
- `Http404` / `NotFound` (out of `visible_to(user)`): 404;
- django-fsm's `TransitionNotAllowed` (a move the object's state does not allow, reaching the
  API unguarded): 409, never a 500;
- DRF's own refusals (401, 405, 429…) keep their status and take the same shape.

Views therefore call services without `try`: the handler turns what they raise into the answer.
"""

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, JsonResponse
from django.utils.translation import gettext_lazy as _
from django.views import defaults
from django_fsm import TransitionNotAllowed
from rest_framework import exceptions, status
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler as drf_exception_handler

# Keys under which Django and DRF put the messages that belong to no field.
GENERAL_KEYS = {NON_FIELD_ERRORS, api_settings.NON_FIELD_ERRORS_KEY}


class Conflict(exceptions.APIException):
    """The object's state does not allow the action (django-fsm refused the transition)."""

    status_code = status.HTTP_409_CONFLICT
    default_detail = _("Cette action n'est pas possible dans l'état actuel de l'objet.")
    default_code = "conflict"


def _messages(detail) -> list[str]:
    """Every message of a DRF error detail (a string, a list or a dict, nested), in order."""
    if isinstance(detail, dict):
        return [message for value in detail.values() for message in _messages(value)]
    if isinstance(detail, list):
        return [message for value in detail for message in _messages(value)]
    return [str(detail)]


def _drf_detail(error: DjangoValidationError) -> dict | list:
    """A Django `ValidationError` (a `ServiceError` included) as a DRF error detail."""
    if hasattr(error, "error_dict"):
        return {field: [str(m) for m in messages] for field, messages in error.message_dict.items()}
    return [str(message) for message in error.messages]


def error_body(detail) -> dict:
    """A DRF error detail in the documented shape: what to show, each message, per field."""
    if isinstance(detail, dict) and set(detail) == {"detail"} and isinstance(detail["detail"], str):
        detail = detail["detail"]  # DRF's wrapping of a single message
    errors = _messages(detail)
    fields = {}
    if isinstance(detail, dict):
        fields = {
            name: _messages(value) for name, value in detail.items() if name not in GENERAL_KEYS
        }
    return {"detail": " ".join(errors), "errors": errors, "fields": fields}


def api_exception_handler(exc, context):
    """DRF's handler, taught the services' exceptions, answering in one shape."""
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(_drf_detail(exc))
    elif isinstance(exc, TransitionNotAllowed):
        exc = Conflict()
    elif isinstance(exc, Http404):
        # `get_object_or_404` says "No Dossier matches the given query.", in English: the
        # translated "not found" tells no more than the status.
        exc = exceptions.NotFound()
    response = drf_exception_handler(exc, context)
    if response is not None:
        response.data = error_body(response.data)
    return response


def page_not_found(request, exception):
    """The site's 404 (`handler404`): an address under the API that no route takes (a format
    suffix, an id with a dot) answers in the API's shape, in JSON; others get the page."""
    if request.path.startswith("/api/"):
        return JsonResponse(error_body(str(exceptions.NotFound.default_detail)), status=404)
    return defaults.page_not_found(request, exception)
