"""The life of the dossier: the applicant submits or withdraws it, the coordination instructs
it (start review, send back, extension, decision, private note)."""

from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from lanterne.dossiers import services
from lanterne.dossiers.attestation import attestation_text
from lanterne.dossiers.models import Dossier
from lanterne.www.actions import in_scope, run_or_flash, run_service, succeed

from .. import forms as f
from .page import DOSSIERS, content_of, refetch, render_detail, report_of, url_of


@require_http_methods(["GET", "HEAD", "POST"])
def dossier_submit(request, pk):
    """The confirmation of a submission: the dossier as it will be frozen, the eligibility and
    the *attestation sur l'honneur* to tick. Refused (no tick, the deadline, a blocking rule):
    the page again with the reasons; nothing typed is lost, the content is saved already."""
    dossier = in_scope(request, DOSSIERS, pk=pk, perm="dossiers.submit_dossier")
    attestation = attestation_text(dossier=dossier, by=request.user)
    form = f.SubmitForm(request.POST if request.method == "POST" else None)
    if (
        request.method == "POST"
        and form.is_valid()
        and run_service(
            form,
            services.dossier_submit,
            dossier=dossier,
            by=request.user,
            attestation=attestation,
        )
    ):
        done = _("Le dossier est déposé. Votre récépissé est disponible ci-dessous.")
        return succeed(request, done, url_of(dossier))
    if request.method == "POST":
        dossier = refetch(dossier)
    return render(
        request,
        "www/dossiers/submit.html",
        {
            "dossier": dossier,
            "call": dossier.call,
            "content": content_of(dossier, request.user),
            "report": report_of(dossier, request.user),
            "deadline": dossier.effective_deadline(),
            "attestation": attestation,
            "form": form,
            "submit_errors": form.non_field_errors(),
        },
    )


@require_http_methods(["GET", "POST"])
def dossier_withdraw(request, pk):
    """The applicant withdraws its dossier, after confirming."""
    dossier = in_scope(request, DOSSIERS, pk=pk, perm="dossiers.withdraw_dossier")
    form = f.ReasonForm(request.POST or None)
    if (
        request.method == "POST"
        and form.is_valid()
        and run_service(
            form,
            services.dossier_withdraw,
            dossier=dossier,
            by=request.user,
            reason=form.cleaned_data["reason"],
        )
    ):
        return succeed(request, _("Le dossier est retiré."), url_of(dossier))
    return render(request, "www/dossiers/withdraw.html", {"dossier": dossier, "form": form})


INSTRUCTION_FORMS = {
    "return": f.SendBackForm,
    "extension": f.ExtensionForm,
    "decide": f.DecideForm,
    "note": f.NoteForm,
}


def _instruct(*, action: str, dossier: Dossier, by, data: dict):
    """The service behind each of the coordination's forms."""
    if action == "return":
        return services.dossier_send_back(dossier=dossier, by=by, reason=data["reason"])
    if action == "extension":
        return services.dossier_grant_extension(
            dossier=dossier, by=by, until=data["until"], reason=data["reason"]
        )
    if action == "decide":
        return services.dossier_decide(
            dossier=dossier,
            by=by,
            decision=data["decision"],
            amount=data["amount"],
            reason=data["reason"],
        )
    return services.note_add(dossier=dossier, by=by, body=data["body"])


@require_POST
def dossier_instruct(request, pk, action):
    """The coordination's actions: start review, send back, extension, decision, private note."""
    if action not in ("start_review", *INSTRUCTION_FORMS):
        raise Http404
    dossier = in_scope(request, DOSSIERS, pk=pk, perm="dossiers.instruct_dossier")
    if action == "start_review":
        if run_or_flash(request, services.dossier_start_review, dossier=dossier, by=request.user):
            return succeed(request, _("C'est enregistré."), url_of(dossier, "instruction"))
        return redirect(url_of(dossier, "instruction"))
    form = INSTRUCTION_FORMS[action](request.POST, prefix=action)
    if form.is_valid() and run_service(
        form, _instruct, action=action, dossier=dossier, by=request.user, data=form.cleaned_data
    ):
        anchor = "notes" if action == "note" else "instruction"
        return succeed(request, _("C'est enregistré."), url_of(dossier, anchor))
    return render_detail(request, refetch(dossier), bound={action: form})
