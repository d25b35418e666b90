"""The dossier page: its sections and their forms, what it shows (the frozen submission or the
live content), and what the pages that act on it share (the anchor to come back to, keeping
what was typed after a stale save, removing a row)."""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from lanterne.core.services import ServiceError
from lanterne.core.workflow import abilities
from lanterne.dossiers import services
from lanterne.dossiers.attestation import last_attestation
from lanterne.dossiers.content import dossier_content, verdict_at_submission
from lanterne.dossiers.eligibility import evaluate
from lanterne.dossiers.enums import BudgetSide, DossierState
from lanterne.dossiers.models import BudgetLine, Dossier, Partner, PlannedAction
from lanterne.dossiers.selectors import hidden_documents
from lanterne.territories.models import Qpv
from lanterne.www.actions import in_scope, run_or_flash

from .. import forms as f
from ..display import for_display

# What the dossier pages fetch: the dossier with everything the page reads.
DOSSIERS = Dossier.objects.for_page()
EDIT = "dossiers.change_dossier"

# Sections edited in place on the dossier page, and the items added from it.
FIELD_SECTIONS = {
    "general": f.GeneralForm,
    "public": f.PublicForm,
    "territories": f.TerritoriesForm,
    "structure_budget": f.StructureBudgetForm,
}
ITEM_SECTIONS = {
    "partner": (f.PartnerForm, Partner),
    "action": (f.ActionForm, PlannedAction),
    "expense": (f.ExpenseForm, BudgetLine),
    "resource": (f.ResourceForm, BudgetLine),
}
# Where each section is on the page, to come back to it after saving.
ANCHORS = {
    "general": "general",
    "public": "public",
    "territories": "territories",
    "structure_budget": "budget",
    "partner": "partners",
    "action": "actions",
    "expense": "budget",
    "resource": "budget",
    "document": "documents",
}


# ---------------------------------------------------------------------------------------------
# The sections' forms
# ---------------------------------------------------------------------------------------------


def _field_initial(section: str, dossier: Dossier) -> dict:
    initial: dict[str, Any] = {"expected_version": dossier.version}
    form_class = FIELD_SECTIONS[section]
    for name in form_class.base_fields:
        if name in ("expected_version", "communes", "qpvs"):
            continue
        initial[name] = getattr(dossier, name)
    if section == "territories":
        initial["communes"] = list(dossier.communes.all())
        initial["qpvs"] = [q.code for q in dossier.qpvs.all()]
    return initial


def _qpv_choices(dossier: Dossier):
    """QPVs of the dossier's communes in force when its actions start (a quarter whose code
    changed is offered once, under its new code), and those already chosen."""
    day = dossier.call.actions_start or timezone.localdate()
    return Qpv.objects.choices_for(
        list(dossier.communes.all()), on=day, chosen=dossier.qpvs.all()
    ).order_by("name")


def _films(dossier: Dossier) -> list:
    return [film for films in dossier.call.film_lists.all() for film in films.films.all()]


def field_form(section: str, dossier: Dossier, data=None):
    """The form of one section of the dossier's own fields: blank for the page, or bound."""
    kwargs: dict[str, Any] = {"prefix": section}
    if section == "territories":
        kwargs["qpv_choices"] = None if data is not None else _qpv_choices(dossier)
    if data is None:
        return FIELD_SECTIONS[section](initial=_field_initial(section, dossier), **kwargs)
    return FIELD_SECTIONS[section](data, **kwargs)


def item_form(section: str, dossier: Dossier, data=None, instance=None):
    """The form of one partner, fiche action or budget line: a new one, or `instance`."""
    form_class, model = ITEM_SECTIONS[section]
    if instance is None:
        instance = model(dossier=dossier)
        if model is BudgetLine:
            instance.side = BudgetSide.EXPENSE if section == "expense" else BudgetSide.RESOURCE
    kwargs: dict[str, Any] = {"prefix": section, "instance": instance}
    if section == "action":
        kwargs["call"] = dossier.call
        kwargs["films"] = _films(dossier)
    if data is None:
        kwargs["initial"] = {"expected_version": dossier.version}
        return form_class(**kwargs)
    return form_class(data, **kwargs)


# ---------------------------------------------------------------------------------------------
# What the page shows
# ---------------------------------------------------------------------------------------------


def _annotate_rows(shown: dict, dossier: Dossier) -> None:
    """Give each row of the live content the key of its item, for the edit buttons."""
    lines = list(dossier.budget_lines.all())
    pairs = (
        (shown["partners"], list(dossier.partners.all())),
        (shown["actions"], list(dossier.actions.all())),
        (shown["budget"]["expenses"], [x for x in lines if x.side == BudgetSide.EXPENSE]),
        (shown["budget"]["resources"], [x for x in lines if x.side == BudgetSide.RESOURCE]),
    )
    for rows, objects in pairs:
        for row, obj in zip(rows, objects, strict=True):
            row["pk"] = obj.pk


def _documents(shown: dict, dossier: Dossier, hidden: frozenset[int]) -> None:
    """Link each listed document to its stored file (frozen content names it by hash), and
    leave out the `hidden` ones (the conversation's attachments, for who may not read it)."""
    live = list(dossier.documents.all())
    # A file sent both as a piece and with a message is listed as the piece.
    by_hash = {d.sha256: d for d in sorted(live, key=lambda d: d.pk in hidden, reverse=True)}
    rows = []
    for index, row in enumerate(shown["documents"]):
        document = by_hash.get(row["sha256"])
        if document is None and index < len(live):
            document = live[index]
        if document is not None and document.pk in hidden:
            continue
        row["pk"] = document.pk if document else None
        row["content_type"] = document.content_type if document else ""
        rows.append(row)
    shown["documents"] = rows


def reads_as_committee(dossier: Dossier, user) -> bool:
    """Whether `user` reads `dossier` only as a member of its committee."""
    return user is not None and user.has_perm("dossiers.read_as_committee", dossier)


def is_frozen(dossier: Dossier, user=None) -> bool:
    """Whether the page shows the frozen submission: once it can no longer change, and for
    the committee always (even while the applicant completes a dossier sent back)."""
    if dossier.submitted_content is None:
        return False
    return not dossier.is_editable or reads_as_committee(dossier, user)


def content_of(dossier: Dossier, user=None) -> dict:
    """What `user` is shown: the frozen submission once submitted, else the live content;
    without the conversation's attachments unless `user` may read the conversation."""
    if is_frozen(dossier, user):
        shown = for_display(dossier.submitted_content)
    else:
        shown = for_display(dossier_content(dossier))
        _annotate_rows(shown, dossier)
    _documents(shown, dossier, hidden_documents(dossier, user))
    return shown


def report_of(dossier: Dossier, user=None):
    """The eligibility shown: the verdict at submission for the committee, who judges what
    was submitted; the live one for the applicant and the coordination."""
    if reads_as_committee(dossier, user):
        return verdict_at_submission(dossier)
    return evaluate(dossier)


def _detail_context(request: HttpRequest, dossier: Dossier, *, bound=None, submit_errors=None):
    user = request.user
    can = abilities(dossier, user)
    can_instruct = user.has_perm("dossiers.instruct_dossier", dossier)
    transitions = list(dossier.transitions.select_related("by"))
    context: dict[str, Any] = {
        "dossier": dossier,
        "call": dossier.call,
        "content": content_of(dossier, user),
        "frozen": is_frozen(dossier, user),
        # The frozen content has no rows to edit: one who reads it (a superuser reads as the
        # committee) is offered no edit buttons.
        "editing": can["edit"] and not is_frozen(dossier, user),
        "report": report_of(dossier, user),
        "abilities": can,
        "can_instruct": can_instruct,
        "can_message": user.has_perm("dossiers.message_dossier", dossier),
        "deadline": dossier.effective_deadline(),
        "transitions": transitions,
        "attestation": last_attestation(transitions) if dossier.submitted_at else None,
        "sent_back": next((t for t in reversed(transitions) if t.name == "send_back"), None)
        if dossier.state == DossierState.SENT_BACK
        else None,
        "messages_list": list(dossier.messages.select_related("author", "attachment"))
        if can["view_messages"]
        else [],
        "submit_errors": submit_errors or [],
        "forms": {},
    }
    forms = context["forms"]
    if can["edit"]:
        for section in FIELD_SECTIONS:
            forms[section] = field_form(section, dossier)
        for section in ITEM_SECTIONS:
            forms[section] = item_form(section, dossier)
        forms["document"] = f.DocumentForm(
            prefix="document", initial={"expected_version": dossier.version}
        )
    if context["can_message"]:
        forms["message"] = f.MessageForm(prefix="message")
    if can_instruct:
        context["notes"] = list(dossier.notes.select_related("author"))
        forms["note"] = f.NoteForm(prefix="note")
        forms["return"] = f.SendBackForm(prefix="return")
        forms["extension"] = f.ExtensionForm(prefix="extension")
        forms["decide"] = f.DecideForm(prefix="decide")
    forms.update(bound or {})
    return context


def render_detail(request: HttpRequest, dossier: Dossier, **kwargs: Any) -> HttpResponse:
    """The dossier page; `bound` puts refused forms in place of the blank ones, with what was
    typed and why it was refused."""
    return render(request, "www/dossiers/detail.html", _detail_context(request, dossier, **kwargs))


def record_committee_read(request: HttpRequest, dossier: Dossier, via: str) -> None:
    """A committee member's read of the dossier goes to its trail (who, when, which page)."""
    if reads_as_committee(dossier, request.user):
        services.dossier_record_read(dossier=dossier, by=request.user, via=via)


@require_safe
def dossier_detail(request, pk):
    dossier = in_scope(request, DOSSIERS, pk=pk)
    record_committee_read(request, dossier, "page")
    return render_detail(request, dossier)


@require_safe
def dossier_eligibility(request, pk):
    """The eligibility panel alone, for htmx to refresh it."""
    dossier = in_scope(request, DOSSIERS, pk=pk)
    return render(
        request,
        "www/dossiers/_eligibility.html",
        {"dossier": dossier, "report": report_of(dossier, request.user)},
    )


# ---------------------------------------------------------------------------------------------
# What the pages that act share
# ---------------------------------------------------------------------------------------------


def url_of(dossier: Dossier, anchor: str = "") -> str:
    """The dossier page, at the section `anchor` names."""
    url = reverse("dossiers:detail", args=[dossier.pk])
    return f"{url}#{anchor}" if anchor else url


def refetch(dossier: Dossier) -> Dossier:
    """The dossier as it is now, after a refused action (someone may have saved meanwhile)."""
    return DOSSIERS.get(pk=dossier.pk)


def keep_input(form, version: int) -> None:
    """After a refused save: keep what was typed, with the version now current, so that
    saving again after checking the other person's changes goes through."""
    data = form.data.copy()
    data[form.add_prefix("expected_version")] = str(version)
    form.data = data


def file_refused_beside(field: str, service: Callable[..., Any]) -> Callable[..., Any]:
    """`service`, with a refusal of an uploaded file by its content (type, size: a
    `ValidationError` that is not a `ServiceError`) told beside the form's field `field`."""

    def call(**kwargs: Any) -> Any:
        try:
            return service(**kwargs)
        except ServiceError:
            raise
        except ValidationError as error:
            raise ValidationError({field: error}) from error

    return call


def remove(
    request: HttpRequest,
    service: Callable[..., Any],
    /,
    *,
    dossier: Dossier,
    done: str,
    anchor: str,
    **target: Any,
) -> HttpResponseRedirect:
    """Remove a row of the dossier (`target`, passed to `service`) named by the version the
    page was displayed from; back to the page's `anchor` with `done` or the refusal."""
    form = f.VersionedForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("La page était périmée : rechargez-la puis recommencez."))
    elif run_or_flash(
        request,
        service,
        dossier=dossier,
        expected_version=form.cleaned_data["expected_version"],
        by=request.user,
        **target,
    ):
        messages.success(request, done)
    return redirect(url_of(dossier, anchor))
