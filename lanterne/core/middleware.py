"""Requests refused before anything reads them."""

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _


class RequestBodyLimitMiddleware:
    """A body announced larger than REQUEST_BODY_MAX_BYTES is a 413 before it is read.

    Django caps the fields of a form (DATA_UPLOAD_MAX_MEMORY_SIZE) but streams files of any
    size to disk; the reverse proxy (client_max_body_size) and this cap bound the whole body.
    A body without Content-Length (chunked) is bounded by the proxy, which buffers it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.REQUEST_BODY_MAX_BYTES:
            return self.refuse(request)
        return self.get_response(request)

    def refuse(self, request):
        megabytes = settings.REQUEST_BODY_MAX_BYTES // (1024 * 1024)
        message = _(
            "L'envoi dépasse %(size)s Mo, la taille la plus grande acceptée. "
            "Réduisez le fichier ou envoyez-le en plusieurs fois."
        ) % {"size": megabytes}
        if request.path.startswith("/api/"):
            return JsonResponse({"detail": message, "errors": [message], "fields": {}}, status=413)
        return HttpResponse(render_to_string("413.html", {"message": message}), status=413)
