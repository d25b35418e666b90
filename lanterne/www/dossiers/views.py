"""The dossier pages: the applicant fills its dossier section by section, the coordination
instructs it, the committee reads it. Each view parses a form, calls one service, renders."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from lanterne.accounts.enums import Role
from lanterne.accounts.scoping import scope_for
from lanterne.calls.models import Call
from lanterne.core.pdf import pdf_response, render_pdf
from lanterne.core.workflow import abilities
from lanterne.dossiers import services
from lanterne.dossiers.content import dossier_content, verdict_at_submission
from lanterne.dossiers.eligibility import evaluate
from lanterne.dossiers.enums import BudgetSide, DossierState
from lanterne.dossiers.models import BudgetLine, Dossier, Partner, PlannedAction
from lanterne.dossiers.selectors import previous_dossiers
from lanterne.network.models import Structure
from lanterne.territories.models import Qpv
from lanterne.www.actions import require, run_or_flash, run_service, succeed

from . import forms as f
from .display import for_display

PER_PAGE = 20

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
# Helpers
# ---------------------------------------------------------------------------------------------


def _get(request, pk) -> Dossier:
    """The dossier with everything the page reads; out of the user's reach it does not exist."""
    dossier = get_object_or_404(Dossier.objects.visible_to(request.user).for_content(), pk=pk)
    if not request.user.has_perm("dossiers.view_dossier", dossier):
        raise Http404
    return dossier


def _require_edit(request, dossier) -> None:
    if not request.user.has_perm("dossiers.change_dossier", dossier):
        raise PermissionDenied(_("Ce dossier ne peut pas être modifié."))


def _field_initial(section: str, dossier: Dossier) -> dict:
    initial = {"expected_version": dossier.version}
    form_class = FIELD_SECTIONS[section]
    for name in form_class.base_fields:
        if name in ("expected_version", "communes", "qpvs"):
            continue
        initial[name] = getattr(dossier, name)
    if section == "territories":
        initial["communes"] = ", ".join(f"{c.name} ({c.code})" for c in dossier.communes.all())
        initial["qpvs"] = [q.code for q in dossier.qpvs.all()]
    return initial


def _qpv_choices(dossier: Dossier):
    """QPVs of the dossier's communes, and those already chosen."""
    codes = {q.code for c in dossier.communes.all() for q in c.qpvs.all()}
    codes |= {q.code for q in dossier.qpvs.all()}
    return Qpv.objects.filter(code__in=sorted(codes)).order_by("name")


def _films(dossier: Dossier) -> list:
    return [film for films in dossier.call.film_lists.all() for film in films.films.all()]


def _field_form(section, dossier, data=None):
    kwargs = {"prefix": section}
    if section == "territories":
        kwargs["qpv_choices"] = None if data is not None else _qpv_choices(dossier)
    if data is None:
        return FIELD_SECTIONS[section](initial=_field_initial(section, dossier), **kwargs)
    return FIELD_SECTIONS[section](data, **kwargs)


def _item_form(section, dossier, data=None, instance=None):
    form_class, model = ITEM_SECTIONS[section]
    if instance is None:
        instance = model(dossier=dossier)
        if model is BudgetLine:
            instance.side = BudgetSide.EXPENSE if section == "expense" else BudgetSide.RESOURCE
    kwargs = {"prefix": section, "instance": instance}
    if section == "action":
        kwargs["call"] = dossier.call
        kwargs["films"] = _films(dossier)
    if data is None:
        kwargs["initial"] = {"expected_version": dossier.version}
        return form_class(**kwargs)
    return form_class(data, **kwargs)


def _keep_input(form, version: int):
    """After a refused save: keep what was typed, with the version now current, so that
    saving again after checking the other person's changes goes through."""
    data = form.data.copy()
    data[form.add_prefix("expected_version")] = str(version)
    form.data = data


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


def _documents(shown: dict, dossier: Dossier) -> None:
    """Link each listed document to its stored file (frozen content names it by hash)."""
    by_hash = {d.sha256: d for d in dossier.documents.all()}
    live = list(dossier.documents.all())
    for index, row in enumerate(shown["documents"]):
        document = by_hash.get(row["sha256"])
        if document is None and index < len(live):
            document = live[index]
        row["pk"] = document.pk if document else None
        row["content_type"] = document.content_type if document else ""


def is_frozen(dossier: Dossier) -> bool:
    return not dossier.is_editable and dossier.submitted_content is not None


def content_of(dossier: Dossier) -> dict:
    """What the page shows: the frozen submission once submitted, else the live content."""
    if is_frozen(dossier):
        shown = for_display(dossier.submitted_content)
    else:
        shown = for_display(dossier_content(dossier))
        _annotate_rows(shown, dossier)
    _documents(shown, dossier)
    return shown


def _detail_context(request, dossier, *, bound=None, submit_errors=None) -> dict:
    user = request.user
    can = abilities(dossier, user)
    can_instruct = user.has_perm("dossiers.instruct_dossier", dossier)
    context = {
        "dossier": dossier,
        "call": dossier.call,
        "content": content_of(dossier),
        "frozen": is_frozen(dossier),
        "report": evaluate(dossier),
        "abilities": can,
        "can_instruct": can_instruct,
        "can_message": user.has_perm("dossiers.message_dossier", dossier),
        "deadline": dossier.effective_deadline(),
        "transitions": list(dossier.transitions.select_related("by")),
        "messages_list": list(dossier.messages.select_related("author", "attachment")),
        "submit_errors": submit_errors or [],
        "forms": {},
    }
    forms = context["forms"]
    if can["edit"]:
        for section in FIELD_SECTIONS:
            forms[section] = _field_form(section, dossier)
        for section in ITEM_SECTIONS:
            forms[section] = _item_form(section, dossier)
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


def _render_detail(request, dossier, **kwargs):
    return render(request, "www/dossiers/detail.html", _detail_context(request, dossier, **kwargs))


def _url(dossier, anchor: str = "") -> str:
    url = reverse("dossiers:detail", args=[dossier.pk])
    return f"{url}#{anchor}" if anchor else url


def _back(dossier, anchor: str = ""):
    return redirect(_url(dossier, anchor))


def _refetch(dossier) -> Dossier:
    return Dossier.objects.for_content().get(pk=dossier.pk)


# ---------------------------------------------------------------------------------------------
# Lists and creation
# ---------------------------------------------------------------------------------------------


@require_safe
def dossier_list(request):
    """The dossiers the user may see, most recent first; a coordination's list leaves out
    drafts that are not its own structures'."""
    scope = scope_for(request.user)
    own = list(scope.structures_with_role(Role.APPLICANT))
    dossiers = (
        Dossier.objects.visible_to(request.user)
        .exclude(Q(state=DossierState.DRAFT) & ~Q(applicant__in=own))
        .select_related("call", "applicant")
        .order_by("-created_at", "-pk")
    )
    if scope.sees_all(applications=True):
        dossiers = Dossier.objects.select_related("call", "applicant").order_by("-created_at")
    filters = f.ListFilterForm(request.GET)
    if filters.is_valid() and filters.cleaned_data["state"]:
        dossiers = dossiers.filter(state=filters.cleaned_data["state"])
    page = Paginator(dossiers, PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "www/dossiers/list.html",
        {
            "page": page,
            "page_range": page.paginator.get_elided_page_range(page.number),
            "filters": filters,
        },
    )


@require_http_methods(["GET", "POST"])
def dossier_create(request, call_slug):
    """Start a dossier on an open call, for one of the structures the user applies for."""
    call = get_object_or_404(
        Call.objects.visible_to(request.user).with_calendar().select_related("region"),
        slug=call_slug,
    )
    structures = Structure.objects.filter(
        pk__in=list(scope_for(request.user).structures_with_role(Role.APPLICANT))
    ).order_by("name")
    structures = list(structures)
    if not structures:
        raise PermissionDenied(_("Vous n'agissez pour aucune structure porteuse de projet."))
    qs = Structure.objects.filter(pk__in=[s.pk for s in structures]).order_by("name")
    previous = previous_dossiers(call, structures)
    form = f.CreateForm(request.POST or None, structures=qs)
    if not previous:
        del form.fields["from_previous"]
    if request.method == "POST" and form.is_valid():
        applicant = form.cleaned_data["applicant"]
        from_previous = (
            previous.get(applicant.pk) if form.cleaned_data.get("from_previous") else None
        )
        try:
            dossier = services.dossier_create(
                call=call,
                applicant=applicant,
                title=form.cleaned_data["title"],
                by=request.user,
                from_previous=from_previous,
            )
        except services.ServiceError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Le dossier est créé : complétez-le section par section."))
            return redirect(dossier)
    return render(
        request,
        "www/dossiers/create.html",
        {"call": call, "form": form, "is_open": call.is_open, "previous": previous},
    )


# ---------------------------------------------------------------------------------------------
# The dossier page and its sections
# ---------------------------------------------------------------------------------------------


@require_safe
def dossier_detail(request, pk):
    return _render_detail(request, _get(request, pk))


@require_safe
def dossier_eligibility(request, pk):
    """The live eligibility panel alone, for htmx to refresh it."""
    dossier = _get(request, pk)
    return render(
        request,
        "www/dossiers/_eligibility.html",
        {"dossier": dossier, "report": evaluate(dossier)},
    )


def _save_fields(section, dossier, form, user):
    data = dict(form.cleaned_data)
    version = data.pop("expected_version")
    services.dossier_update(dossier=dossier, expected_version=version, by=user, **data)


def _save_item(section, dossier, form, user):
    version = form.cleaned_data["expected_version"]
    item = form.save(commit=False)
    services.dossier_save_item(dossier=dossier, expected_version=version, by=user, item=item)


@require_POST
def dossier_edit(request, pk, section):
    """Save one section of the dossier, or add one partner, action or budget line."""
    if section not in FIELD_SECTIONS and section not in ITEM_SECTIONS:
        raise Http404
    dossier = _get(request, pk)
    _require_edit(request, dossier)
    if section in FIELD_SECTIONS:
        form, save = _field_form(section, dossier, request.POST), _save_fields
    else:
        form, save = _item_form(section, dossier, request.POST), _save_item
    if form.is_valid():
        try:
            save(section, dossier, form, request.user)
        except services.ServiceError as error:
            form.add_error(None, error)
            dossier = _refetch(dossier)
            _keep_input(form, dossier.version)
        else:
            messages.success(request, _("Vos modifications sont enregistrées."))
            return _back(dossier, ANCHORS[section])
    return _render_detail(request, dossier, bound={section: form})


def _item(dossier, section, item_pk):
    _form_class, model = ITEM_SECTIONS[section]
    queryset = model.objects.filter(dossier=dossier)
    if model is BudgetLine:
        side = BudgetSide.EXPENSE if section == "expense" else BudgetSide.RESOURCE
        queryset = queryset.filter(side=side)
    return get_object_or_404(queryset, pk=item_pk)


@require_http_methods(["GET", "POST"])
def dossier_item(request, pk, section, item_pk):
    """Change one partner, fiche action or budget line."""
    if section not in ITEM_SECTIONS:
        raise Http404
    dossier = _get(request, pk)
    _require_edit(request, dossier)
    item = _item(dossier, section, item_pk)
    if request.method == "POST":
        form = _item_form(section, dossier, request.POST, instance=item)
        if form.is_valid():
            try:
                _save_item(section, dossier, form, request.user)
            except services.ServiceError as error:
                form.add_error(None, error)
                _keep_input(form, _refetch(dossier).version)
            else:
                messages.success(request, _("Vos modifications sont enregistrées."))
                return _back(dossier, ANCHORS[section])
    else:
        form = _item_form(section, dossier, instance=item)
        form.initial["expected_version"] = dossier.version
    return render(
        request,
        "www/dossiers/item_edit.html",
        {"dossier": dossier, "form": form, "section": section, "item": item},
    )


@require_POST
def dossier_item_delete(request, pk, section, item_pk):
    if section not in ITEM_SECTIONS:
        raise Http404
    dossier = _get(request, pk)
    _require_edit(request, dossier)
    item = _item(dossier, section, item_pk)
    form = f.VersionedForm(request.POST)
    if form.is_valid():
        try:
            services.dossier_delete_item(
                dossier=dossier,
                expected_version=form.cleaned_data["expected_version"],
                by=request.user,
                item=item,
            )
        except services.ServiceError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("La ligne est supprimée."))
    else:
        messages.error(request, _("La page était périmée : rechargez-la puis recommencez."))
    return _back(dossier, ANCHORS[section])


# ---------------------------------------------------------------------------------------------
# Documents
# ---------------------------------------------------------------------------------------------


@require_POST
def document_add(request, pk):
    dossier = _get(request, pk)
    _require_edit(request, dossier)
    form = f.DocumentForm(request.POST, request.FILES, prefix="document")
    if form.is_valid():
        try:
            services.dossier_add_document(
                dossier=dossier,
                expected_version=form.cleaned_data["expected_version"],
                by=request.user,
                kind=form.cleaned_data["kind"],
                uploaded=form.cleaned_data["file"],
            )
        except services.ServiceError as error:
            form.add_error(None, error)
            dossier = _refetch(dossier)
            _keep_input(form, dossier.version)
        except ValidationError as error:
            # The file itself is refused (type, size): say why next to the field.
            form.add_error("file", error)
        else:
            messages.success(request, _("La pièce est ajoutée au dossier."))
            return _back(dossier, "documents")
    return _render_detail(request, _refetch(dossier), bound={"document": form})


@require_safe
def document_download(request, pk, doc_pk):
    """A document of the dossier, to whoever may read the dossier; never shown inline."""
    dossier = get_object_or_404(Dossier.objects.visible_to(request.user), pk=pk)
    if not request.user.has_perm("dossiers.view_dossier", dossier):
        raise Http404
    document = get_object_or_404(dossier.documents.all(), pk=doc_pk)
    response = FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=document.original_name,
        content_type=document.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_POST
def document_delete(request, pk, doc_pk):
    dossier = _get(request, pk)
    _require_edit(request, dossier)
    document = get_object_or_404(dossier.documents.all(), pk=doc_pk)
    form = f.VersionedForm(request.POST)
    if form.is_valid():
        try:
            services.dossier_remove_document(
                dossier=dossier,
                expected_version=form.cleaned_data["expected_version"],
                by=request.user,
                document=document,
            )
        except services.ServiceError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("La pièce est retirée du dossier."))
    else:
        messages.error(request, _("La page était périmée : rechargez-la puis recommencez."))
    return _back(dossier, "documents")


# ---------------------------------------------------------------------------------------------
# Life of the dossier
# ---------------------------------------------------------------------------------------------


@require_POST
def dossier_submit(request, pk):
    """Submit before the deadline; refused with the reasons (deadline, blocking rules)."""
    dossier = _get(request, pk)
    require(request, "dossiers.submit_dossier", dossier)
    try:
        services.dossier_submit(dossier=dossier, by=request.user)
    except services.ServiceError as error:
        return _render_detail(request, _refetch(dossier), submit_errors=error.messages)
    done = _("Le dossier est déposé. Votre récépissé est disponible ci-dessous.")
    return succeed(request, done, _url(dossier))


@require_http_methods(["GET", "POST"])
def dossier_withdraw(request, pk):
    """The applicant withdraws its dossier, after confirming."""
    dossier = _get(request, pk)
    require(request, "dossiers.withdraw_dossier", dossier)
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
        return succeed(request, _("Le dossier est retiré."), _url(dossier))
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
    dossier = _get(request, pk)
    require(request, "dossiers.instruct_dossier", dossier)
    if action == "start_review":
        if run_or_flash(request, services.dossier_start_review, dossier=dossier, by=request.user):
            messages.success(request, _("C'est enregistré."))
        return _back(dossier, "instruction")
    form = INSTRUCTION_FORMS[action](request.POST, prefix=action)
    if form.is_valid() and run_service(
        form, _instruct, action=action, dossier=dossier, by=request.user, data=form.cleaned_data
    ):
        anchor = "notes" if action == "note" else "instruction"
        return succeed(request, _("C'est enregistré."), _url(dossier, anchor))
    return _render_detail(request, _refetch(dossier), bound={action: form})


@require_POST
def message_add(request, pk):
    dossier = _get(request, pk)
    if not request.user.has_perm("dossiers.message_dossier", dossier):
        raise PermissionDenied
    form = f.MessageForm(request.POST, request.FILES, prefix="message")
    if form.is_valid():
        try:
            services.message_post(
                dossier=dossier,
                by=request.user,
                body=form.cleaned_data["body"],
                attachment=form.cleaned_data["attachment"],
            )
        except services.ServiceError as error:
            form.add_error(None, error)
        except ValidationError as error:
            form.add_error("attachment", error)
        else:
            messages.success(request, _("Le message est envoyé."))
            return _back(dossier, "messages")
    return _render_detail(request, _refetch(dossier), bound={"message": form})


# ---------------------------------------------------------------------------------------------
# PDFs
# ---------------------------------------------------------------------------------------------


def receipt_context(dossier: Dossier) -> dict:
    return {
        "dossier": dossier,
        "content": for_display(dossier.submitted_content),
        "submitted_at": dossier.submitted_at,
        "generated_at": timezone.now(),
    }


def print_context(dossier: Dossier) -> dict:
    return {
        "dossier": dossier,
        "content": content_of(dossier),
        "draft": not is_frozen(dossier),
        "report": verdict_at_submission(dossier) if is_frozen(dossier) else evaluate(dossier),
        "generated_at": timezone.now(),
    }


def receipt_html(dossier: Dossier) -> str:
    return render_to_string("pdf/receipt.html", receipt_context(dossier))


def print_html(dossier: Dossier) -> str:
    return render_to_string("pdf/dossier.html", print_context(dossier))


@require_safe
def dossier_receipt(request, pk):
    """The submission receipt: what was submitted, when, and its fingerprint."""
    dossier = _get(request, pk)
    if not dossier.submitted_at or not dossier.submitted_content:
        raise Http404
    pdf = render_pdf("pdf/receipt.html", receipt_context(dossier))
    return pdf_response(pdf, f"recepisse-{dossier.reference}.pdf")


@require_safe
def dossier_print(request, pk):
    """The whole dossier for the committee: frozen content, or the draft marked as such."""
    dossier = _get(request, pk)
    pdf = render_pdf("pdf/dossier.html", print_context(dossier))
    return pdf_response(pdf, f"dossier-{dossier.reference}.pdf", inline=True)
