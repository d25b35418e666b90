"""The dossier's documents: adding one (its type read from its content), serving it, removing
it."""

from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from lanterne.core.exports import private_download
from lanterne.dossiers import services
from lanterne.dossiers.models import Dossier
from lanterne.www.actions import in_scope, run_service, succeed

from .. import forms as f
from .page import (
    DOSSIERS,
    EDIT,
    file_refused_beside,
    keep_input,
    refetch,
    remove,
    render_detail,
    url_of,
)


@require_POST
def document_add(request, pk):
    dossier = in_scope(request, DOSSIERS, pk=pk, perm=EDIT)
    form = f.DocumentForm(request.POST, request.FILES, prefix="document")
    if form.is_valid():
        if run_service(
            form,
            file_refused_beside("file", services.dossier_add_document),
            dossier=dossier,
            expected_version=form.cleaned_data["expected_version"],
            by=request.user,
            kind=form.cleaned_data["kind"],
            uploaded=form.cleaned_data["file"],
        ):
            return succeed(
                request, _("La pièce est ajoutée au dossier."), url_of(dossier, "documents")
            )
        if not form.has_error("file"):
            # The file was fine: the dossier was saved meanwhile, or can no longer change.
            keep_input(form, refetch(dossier).version)
    return render_detail(request, refetch(dossier), bound={"document": form})


@require_safe
def document_download(request, pk, doc_pk):
    """A document of the dossier, to whoever may read the dossier — a message's attachment to
    whoever may read the conversation (the committee never does: 404); never shown inline.
    Each download goes to the dossier's trail."""
    dossier = in_scope(request, Dossier.objects.all(), pk=pk)
    document = get_object_or_404(dossier.documents.all(), pk=doc_pk)
    attachment = dossier.documents.attached_to_messages().filter(pk=document.pk).exists()
    if attachment and not request.user.has_perm("dossiers.view_messages", dossier):
        raise Http404
    services.document_record_download(document=document, by=request.user, attachment=attachment)
    response = FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=document.original_name,
        content_type=document.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return private_download(response)


@require_POST
def document_delete(request, pk, doc_pk):
    dossier = in_scope(request, DOSSIERS, pk=pk, perm=EDIT)
    document = get_object_or_404(dossier.documents.all(), pk=doc_pk)
    return remove(
        request,
        services.dossier_remove_document,
        dossier=dossier,
        document=document,
        done=_("La pièce est retirée du dossier."),
        anchor="documents",
    )
