"""The dossier as PDF: the submission receipt, and the whole dossier for the committee."""

from django.http import Http404
from django.template.loader import render_to_string
from django.utils import timezone
from django.views.decorators.http import require_safe

from lanterne.core.pdf import pdf_response, render_pdf
from lanterne.dossiers.content import verdict_at_submission
from lanterne.dossiers.eligibility import evaluate
from lanterne.dossiers.models import Dossier
from lanterne.www.actions import in_scope

from ..display import for_display
from .page import DOSSIERS, content_of, is_frozen, record_committee_read


def receipt_context(dossier: Dossier) -> dict:
    return {
        "dossier": dossier,
        "content": for_display(dossier.submitted_content),
        "submitted_at": dossier.submitted_at,
        "generated_at": timezone.now(),
    }


def print_context(dossier: Dossier, user=None) -> dict:
    """What the printed dossier shows `user` (see `page.content_of`)."""
    frozen = is_frozen(dossier, user)
    return {
        "dossier": dossier,
        "content": content_of(dossier, user),
        "draft": not frozen,
        "report": verdict_at_submission(dossier) if frozen else evaluate(dossier),
        "generated_at": timezone.now(),
    }


def receipt_html(dossier: Dossier) -> str:
    return render_to_string("pdf/receipt.html", receipt_context(dossier))


def print_html(dossier: Dossier, user=None) -> str:
    return render_to_string("pdf/dossier.html", print_context(dossier, user))


@require_safe
def dossier_receipt(request, pk):
    """The submission receipt: what was submitted, when, and its fingerprint."""
    dossier = in_scope(request, DOSSIERS, pk=pk)
    if not dossier.submitted_at or not dossier.submitted_content:
        raise Http404
    record_committee_read(request, dossier, "receipt")
    pdf = render_pdf("pdf/receipt.html", receipt_context(dossier))
    return pdf_response(pdf, f"recepisse-{dossier.reference}.pdf")


@require_safe
def dossier_print(request, pk):
    """The whole dossier for the committee: frozen content, or the draft marked as such."""
    dossier = in_scope(request, DOSSIERS, pk=pk)
    record_committee_read(request, dossier, "pdf")
    pdf = render_pdf("pdf/dossier.html", print_context(dossier, request.user))
    return pdf_response(pdf, f"dossier-{dossier.reference}.pdf", inline=True)
