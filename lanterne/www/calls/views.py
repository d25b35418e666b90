from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from lanterne.accounts.enums import Role
from lanterne.accounts.scoping import scope_for
from lanterne.calls import services, services_catalogue
from lanterne.calls.enums import FilmListKind, RuleCode
from lanterne.calls.ical import call_calendar
from lanterne.calls.models import Call, Film, RequiredDocument
from lanterne.calls.rules import describe_rule
from lanterne.committee import exports
from lanterne.committee.models import CommitteeSession
from lanterne.core.exports import export_response
from lanterne.dossiers.eligibility import ORDER, evaluate
from lanterne.dossiers.enums import DossierState
from lanterne.dossiers.models import Dossier
from lanterne.network.models import Structure
from lanterne.territories.models import Region

from .forms import (
    CalendarForm,
    CallCreateForm,
    CallForm,
    CopyForm,
    DossierFilterForm,
    FilmForm,
    RequiredDocumentForm,
    RuleForm,
)

PER_PAGE = 25


def _manageable_call(request, slug: str) -> Call:
    """The call if the user coordinates it; out of sight is 404, in sight but not managed 403."""
    call = get_object_or_404(
        Call.objects.visible_to(request.user).select_related("region", "coordination"), slug=slug
    )
    if not request.user.has_perm("calls.manage_call", call):
        raise PermissionDenied
    return call


def _coordination_for(user, region) -> Structure | None:
    """The structure through which `user` coordinates `region`: a Passeurs d'images
    coordination first, else a pôle."""
    memberships = Structure.objects.filter(
        memberships__user=user, memberships__role=Role.COORDINATOR, memberships__is_active=True
    )
    for lookup in ("coordinations__region", "poles__region"):
        structure = memberships.filter(**{lookup: region}).order_by("name").first()
        if structure is not None:
            return structure
    return None


# ---------------------------------------------------------------------------------------------
# Public pages
# ---------------------------------------------------------------------------------------------


@login_not_required
@require_safe
def call_list(request):
    open_calls = list(
        Call.objects.open().with_calendar().select_related("region", "coordination").distinct()
    )
    managed = []
    scope = scope_for(request.user)
    if scope.coordinated_regions or scope.sees_all(applications=True):
        managed = list(
            Call.objects.managed_by(request.user)
            .exclude(pk__in=[call.pk for call in open_calls])
            .with_calendar()
            .select_related("region", "coordination")
        )
    return render(
        request,
        "www/calls/list.html",
        {
            "calls": open_calls,
            "managed_calls": managed,
            "can_create": bool(scope.coordinated_regions),
        },
    )


def _timeline(call: Call, now):
    """The milestones in order, each marked past / current / next / future in words."""
    steps = []
    next_found = False
    for milestone in sorted(call.milestones.all(), key=lambda m: m.starts_at):
        end = milestone.ends_at or milestone.starts_at
        if milestone.ends_at and milestone.starts_at <= now <= milestone.ends_at:
            status = "current"
        elif end < now:
            status = "past"
        elif not next_found:
            status, next_found = "next", True
        else:
            status = "future"
        steps.append({"milestone": milestone, "status": status})
    return steps


@login_not_required
@require_safe
def call_detail(request, slug):
    call = get_object_or_404(
        Call.objects.visible_to(request.user)
        .with_calendar()
        .select_related("region", "coordination")
        .prefetch_related("rules", "film_lists__films", "required_documents"),
        slug=slug,
    )
    rules = sorted(call.rules.all(), key=lambda rule: ORDER.get(rule.code, 99))
    film_lists = {film_list.kind: film_list for film_list in call.film_lists.all()}
    scope = scope_for(request.user)
    can_apply = call.is_open and bool(scope.structures_with_role(Role.APPLICANT))
    return render(
        request,
        "www/calls/detail.html",
        {
            "call": call,
            "timeline": _timeline(call, timezone.now()),
            "rules": [
                {"rule": rule, "label": RuleCode(rule.code).label, "text": describe_rule(rule)}
                for rule in rules
                if rule.code in RuleCode.values
            ],
            "film_lists": [
                (kind.label, film_lists[kind].films.all() if kind in film_lists else [])
                for kind in FilmListKind
            ],
            "can_manage": request.user.has_perm("calls.manage_call", call),
            "can_apply": can_apply,
            "create_url": reverse("dossiers:create", args=[call.slug]) if can_apply else None,
        },
    )


@login_not_required
@require_safe
def call_ical(request, slug):
    call = get_object_or_404(Call.objects.visible_to(request.user).with_calendar(), slug=slug)
    body = call_calendar(call, url=request.build_absolute_uri(call.get_absolute_url()))
    return export_response(body, "ics", f"{call.slug}.ics", inline=True)


# ---------------------------------------------------------------------------------------------
# Coordinator: the call itself
# ---------------------------------------------------------------------------------------------


@require_http_methods(["GET", "HEAD", "POST"])
def call_create(request):
    scope = scope_for(request.user)
    regions = list(Region.objects.filter(pk__in=scope.coordinated_regions).order_by("name"))
    if not regions:
        raise PermissionDenied
    form = CallCreateForm(request.POST or None, regions=regions)
    if request.method == "POST" and form.is_valid():
        region = next(r for r in regions if str(r.pk) == form.cleaned_data["region"])
        coordination = _coordination_for(request.user, region)
        if coordination is None:
            raise PermissionDenied
        fields = {
            k: v for k, v in form.cleaned_data.items() if k not in ("region", "title", "year")
        }
        try:
            call = services.call_create(
                by=request.user,
                region=region,
                coordination=coordination,
                title=form.cleaned_data["title"],
                year=form.cleaned_data["year"],
                **fields,
            )
        except services.ServiceError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("L'appel est créé. Datez son calendrier avant de le publier.")
            )
            return redirect("calls:calendar", slug=call.slug)
    return render(request, "www/calls/edit.html", {"form": form, "call": None})


@require_http_methods(["GET", "HEAD", "POST"])
def call_edit(request, slug):
    call = _manageable_call(request, slug)
    form = CallForm(request.POST or None, instance=Call.objects.get(pk=call.pk))
    if request.method == "POST" and form.is_valid():
        try:
            services.call_update(call=call, by=request.user, **form.cleaned_data)
        except services.ServiceError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("L'appel est enregistré."))
            return redirect(call)
    return render(request, "www/calls/edit.html", {"form": form, "call": call})


@require_http_methods(["GET", "HEAD", "POST"])
def call_calendar_edit(request, slug):
    call = _manageable_call(request, slug)
    call = Call.objects.with_calendar().get(pk=call.pk)
    form = CalendarForm(request.POST or None, call=call)
    if request.method == "POST" and form.is_valid():
        try:
            services.call_set_milestones(call=call, by=request.user, milestones=form.milestones())
        except services.ServiceError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Le calendrier est enregistré."))
            return redirect(call)
    return render(request, "www/calls/calendar.html", {"form": form, "call": call})


@require_http_methods(["GET", "HEAD", "POST"])
def call_rules(request, slug):
    call = _manageable_call(request, slug)
    existing = {rule.code: rule for rule in call.rules.all()}
    posted_code = request.POST.get("code") if request.method == "POST" else None
    if posted_code is not None and posted_code not in RuleCode.values:
        raise Http404
    forms_by_code = {}
    for code in RuleCode.values:
        if code == posted_code:
            forms_by_code[code] = RuleForm(request.POST, code=code, rule=existing.get(code))
        else:
            forms_by_code[code] = RuleForm(code=code, rule=existing.get(code))
    if posted_code is not None:
        form = forms_by_code[posted_code]
        if form.is_valid():
            try:
                services.call_set_rule(
                    call=call,
                    by=request.user,
                    code=posted_code,
                    enabled=form.cleaned_data["enabled"],
                    is_blocking=form.cleaned_data["is_blocking"],
                    params=form.params(),
                )
            except services.ServiceError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request, _("La règle « %(rule)s » est enregistrée.") % {"rule": form.label}
                )
                return redirect(reverse("calls:rules", args=[call.slug]) + f"#rule-{posted_code}")
    return render(
        request,
        "www/calls/rules.html",
        {"call": call, "rule_forms": list(forms_by_code.values()), "posted_code": posted_code},
    )


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
    call = _manageable_call(request, slug)
    film_form = document_form = None
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "add_film":
            film_form = FilmForm(request.POST)
            if film_form.is_valid():
                try:
                    services_catalogue.film_add(
                        call=call, by=request.user, **film_form.cleaned_data
                    )
                except services.ServiceError as error:
                    film_form.add_error(None, error)
                else:
                    messages.success(request, _("Le film est ajouté."))
                    return redirect("calls:catalogue", slug=call.slug)
        elif action == "add_document":
            document_form = RequiredDocumentForm(request.POST)
            if document_form.is_valid():
                try:
                    services_catalogue.required_document_add(
                        call=call, by=request.user, **document_form.cleaned_data
                    )
                except services.ServiceError as error:
                    document_form.add_error(None, error)
                else:
                    messages.success(request, _("La pièce est ajoutée."))
                    return redirect("calls:catalogue", slug=call.slug)
        else:
            raise Http404
    return render(
        request, "www/calls/catalogue.html", _catalogue_context(call, film_form, document_form)
    )


@require_POST
def film_remove(request, slug, pk):
    call = _manageable_call(request, slug)
    film = get_object_or_404(Film.objects.select_related("film_list"), pk=pk, film_list__call=call)
    services_catalogue.film_remove(call=call, film=film, by=request.user)
    messages.success(request, _("Le film « %(title)s » est retiré.") % {"title": film.title})
    return redirect("calls:catalogue", slug=call.slug)


@require_POST
def document_remove(request, slug, pk):
    call = _manageable_call(request, slug)
    document = get_object_or_404(RequiredDocument, pk=pk, call=call)
    services_catalogue.required_document_remove(call=call, document=document, by=request.user)
    messages.success(request, _("La pièce est retirée."))
    return redirect("calls:catalogue", slug=call.slug)


@require_POST
def call_publish(request, slug):
    call = _manageable_call(request, slug)
    published = request.POST.get("published") == "1"
    try:
        services.call_publish(call=call, by=request.user, published=published)
    except services.ServiceError as error:
        for text in error.messages:
            messages.error(request, text)
    else:
        messages.success(
            request,
            _("L'appel est publié.") if published else _("L'appel n'est plus publié."),
        )
    return redirect(call)


@require_http_methods(["GET", "HEAD", "POST"])
def call_copy(request, slug):
    call = _manageable_call(request, slug)
    form = CopyForm(request.POST or None, call=call)
    if request.method == "POST" and form.is_valid():
        try:
            copy = services.call_copy(call=call, by=request.user, year=form.cleaned_data["year"])
        except services.ServiceError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("La copie est créée ; elle n'est pas encore publiée."))
            return redirect(copy)
    return render(request, "www/calls/copy.html", {"form": form, "call": call})


# ---------------------------------------------------------------------------------------------
# Coordinator: the call's dossiers
# ---------------------------------------------------------------------------------------------


@require_safe
def call_dossiers(request, slug):
    call = _manageable_call(request, slug)
    base = Dossier.objects.filter(call=call)
    counts = dict(base.order_by().values_list("state").annotate(n=Count("pk")))
    state_counts = [
        {"state": state, "label": label, "count": counts.get(state, 0)}
        for state, label in DossierState.choices
    ]
    form = DossierFilterForm(request.GET or None)
    filtered = base
    if form.is_valid():
        if form.cleaned_data["state"]:
            filtered = filtered.filter(state=form.cleaned_data["state"])
        if text := form.cleaned_data["q"].strip():
            filtered = filtered.filter(
                Q(applicant__name__icontains=text)
                | Q(title__icontains=text)
                | Q(reference__icontains=text)
            )
    keys = filtered.order_by("state", "-submitted_at", "reference").values_list("pk", flat=True)
    page = Paginator(keys, PER_PAGE).get_page(request.GET.get("page"))
    wanted = list(page.object_list)
    rows_by_pk = {}
    if wanted:
        shared = Call.objects.for_eligibility().get(pk=call.pk)
        page_dossiers = (
            Dossier.objects.filter(pk__in=wanted)
            .for_eligibility(call=shared)
            .with_budget_totals()
            .sharing(shared)
        )
        rows_by_pk = {dossier.pk: dossier for dossier in page_dossiers}
    rows = []
    for pk in wanted:
        dossier = rows_by_pk[pk]
        rows.append({"dossier": dossier, "report": evaluate(dossier)})
    return render(
        request,
        "www/calls/dossiers.html",
        {
            "call": call,
            "form": form,
            "page": page,
            "page_range": page.paginator.get_elided_page_range(
                page.number, on_each_side=2, on_ends=1
            ),
            "rows": rows,
            "state_counts": state_counts,
            "total": sum(counts.values()),
            "drafts": counts.get(DossierState.DRAFT, 0),
        },
    )


@require_safe
def call_export(request, slug, fmt):
    if fmt not in ("csv", "xlsx"):
        raise Http404
    call = get_object_or_404(Call.objects.select_related("region"), slug=slug)
    session = None
    if "session" in request.GET:
        try:
            session_pk = int(request.GET["session"])
        except ValueError as error:
            raise Http404 from error
        session = get_object_or_404(
            CommitteeSession.objects.visible_to(request.user), pk=session_pk, call=call
        )
    allowed = request.user.has_perm("calls.export_call", call) or (
        session is not None and request.user.has_perm("committee.view_session", session)
    )
    if not allowed:
        if not Call.objects.visible_to(request.user).filter(pk=call.pk).exists():
            raise Http404
        raise PermissionDenied
    stamp = timezone.localdate().isoformat()
    name = f"{call.slug}-dossiers{f'-comite-{session.pk}' if session else ''}-{stamp}"
    return export_response(exports.dossiers_table(call, session), fmt, f"{name}.{fmt}")
