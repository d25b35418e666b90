"""A call's film lists and required documents, each added with its own form."""

from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from lanterne.calls import services_catalogue
from lanterne.calls.enums import FilmListKind
from lanterne.calls.models import Film, RequiredDocument
from lanterne.www.actions import in_scope, run_service, succeed

from ..forms import FilmForm, RequiredDocumentForm
from . import CALLS, MANAGE


def _catalogue_context(call, film_form=None, document_form=None):
    return {
        "call": call,
        "film_lists": [
            (kind, kind.label, Film.objects.filter(film_list__call=call, film_list__kind=kind))
            for kind in FilmListKind
        ],
        "documents": call.required_documents.all(),
        "film_form": film_form or FilmForm(),
        "document_form": document_form or RequiredDocumentForm(),
    }


@require_http_methods(["GET", "HEAD", "POST"])
def call_catalogue(request, slug):
    """The film lists and the required documents, each added with its own form."""
    call = in_scope(request, CALLS, slug=slug, perm=MANAGE)
    film_form = document_form = None
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "add_film":
            film_form = form = FilmForm(request.POST)
            service, message = services_catalogue.film_add, _("Le film est ajouté.")
        elif action == "add_document":
            document_form = form = RequiredDocumentForm(request.POST)
            service = services_catalogue.required_document_add
            message = _("La pièce est ajoutée.")
        else:
            raise Http404
        if form.is_valid() and run_service(
            form, service, call=call, by=request.user, **form.cleaned_data
        ):
            return succeed(request, message, reverse("calls:catalogue", args=[call.slug]))
    return render(
        request, "www/calls/catalogue.html", _catalogue_context(call, film_form, document_form)
    )


@require_POST
def film_remove(request, slug, pk):
    call = in_scope(request, CALLS, slug=slug, perm=MANAGE)
    film = get_object_or_404(Film.objects.select_related("film_list"), pk=pk, film_list__call=call)
    services_catalogue.film_remove(call=call, film=film, by=request.user)
    return succeed(
        request,
        _("Le film « %(title)s » est retiré.") % {"title": film.title},
        reverse("calls:catalogue", args=[call.slug]),
    )


@require_POST
def document_remove(request, slug, pk):
    call = in_scope(request, CALLS, slug=slug, perm=MANAGE)
    document = get_object_or_404(RequiredDocument, pk=pk, call=call)
    services_catalogue.required_document_remove(call=call, document=document, by=request.user)
    return succeed(
        request, _("La pièce est retirée."), reverse("calls:catalogue", args=[call.slug])
    )
