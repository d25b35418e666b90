"""The accepted dossier's document for the DRAC, carrying what cerfa n°12156 asks for."""

from django.http import Http404
from django.views.decorators.http import require_safe

from lanterne.core.pdf import pdf_response, render_pdf
from lanterne.dossiers.cerfa import grant_request, is_available
from lanterne.dossiers.models import Dossier
from lanterne.www.actions import in_scope, require

GRANT_REQUEST = "dossiers.view_grant_request"
TEMPLATE = "pdf/grant_request.html"


@require_safe
def dossier_grant_request(request, pk):
    """A PDF pre-filled from the dossier: the structure, the project, its budget."""
    dossier = in_scope(
        request, Dossier.objects.select_related("applicant__commune", "call", "created_by"), pk=pk
    )
    if not is_available(dossier):
        raise Http404
    require(request, GRANT_REQUEST, dossier)
    pdf = render_pdf(TEMPLATE, grant_request(dossier))
    return pdf_response(pdf, f"demande-subvention-{dossier.reference}.pdf")
