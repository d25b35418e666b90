"""The coordination's view of a call's dossiers: the filtered list with each one's
eligibility, and the list as a file (for the committee too)."""

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_safe

from lanterne.accounts.scoping import scope_for
from lanterne.calls import services as call_services
from lanterne.calls.enums import Funder
from lanterne.calls.models import Call
from lanterne.committee import exports
from lanterne.committee.models import CommitteeSession
from lanterne.core.exports import export_response
from lanterne.core.models import parts_of
from lanterne.dossiers.eligibility import evaluate
from lanterne.dossiers.enums import DossierState
from lanterne.dossiers.models import BudgetLine, Dossier, DossierDocument, Partner, PlannedAction
from lanterne.dossiers.selectors import budget_totals
from lanterne.territories.models import Commune, RuralZoning
from lanterne.www.actions import in_scope

from ..forms import DossierFilterForm
from . import CALLS, MANAGE

PER_PAGE = 25
# What a row shows of its dossier, and the fields the eligibility rules read
# (`lanterne.calls.rules.base`); not the texts nor the content frozen at submission.
ROW_FIELDS = [
    "call_id",
    "applicant__name",
    "reference",
    "state",
    "title",
    "submitted_at",
    "age_min",
    "age_max",
    "far_from_culture",
    "first_contact_on",
    "extended_until",
    "previous_dossier_id",
]


def listed_for_eligibility(dossiers):
    """`dossiers` with what a row and the engine read, each part limited to the fields read:
    `Dossier.objects.for_eligibility(call=…)` fetches whole rows (and the communes' QPVs, which
    no rule reads)."""
    return (
        dossiers.select_related("applicant")
        .only(*ROW_FIELDS)
        .prefetch_related(
            Prefetch("partners", queryset=parts_of(Partner, "dossier").only("dossier", "role")),
            Prefetch(
                "budget_lines",
                queryset=parts_of(BudgetLine, "dossier").only(
                    "dossier", "side", "funder", "amount"
                ),
            ),
            Prefetch(
                "actions",
                queryset=parts_of(PlannedAction, "dossier").only(
                    "dossier", "action_type", "title", "film"
                ),
            ),
            Prefetch(
                "documents", queryset=parts_of(DossierDocument, "dossier").only("dossier", "kind")
            ),
            "qpvs",
            Prefetch("communes", queryset=Commune.objects.only("code", "name")),
            Prefetch(
                "communes__rural_zonings",
                queryset=parts_of(RuralZoning, "commune").only(
                    "commune", "scheme", "status", "valid_from", "valid_until"
                ),
            ),
        )
    )


@require_safe
def call_dossiers(request, slug):
    # With what the engine reads of the call, shared by the dossiers of the page.
    call = in_scope(request, CALLS.for_eligibility(), slug=slug, perm=MANAGE)
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
    dossiers = listed_for_eligibility(filtered.order_by("state", "-submitted_at", "reference"))
    paginator = Paginator(dossiers, PER_PAGE)
    if filtered is base:
        # Every dossier of the call: already counted, by state.
        paginator.count = sum(counts.values())
    page = paginator.get_page(request.GET.get("page"))
    rows = []
    for dossier in page.object_list:
        dossier.call = call  # the one call with its parts, as `sharing` does
        # The engine's own sums of the lines it has read (`with_budget_totals` in Python).
        totals = budget_totals(dossier.budget_lines.all())
        rows.append(
            {
                "dossier": dossier,
                "report": evaluate(dossier),
                "drac_request": totals.by_funder.get(Funder.DRAC),
                "total_expenses": totals.expenses if totals.has_expenses else None,
            }
        )
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
    call_services.call_record_export(
        call=call, by=request.user, fmt=fmt, session=session.pk if session else None
    )
    stamp = timezone.localdate().isoformat()
    name = f"{call.slug}-dossiers{f'-comite-{session.pk}' if session else ''}-{stamp}"
    return export_response(exports.dossiers_table(call, session), fmt, f"{name}.{fmt}")


@require_safe
def every_call_export(request, fmt):
    """The dossiers of every call the user manages, all years, in one file: its coordination's
    for a coordinator, the whole network's for whoever sees every application. 403 for whoever
    manages no call."""
    if fmt not in ("csv", "xlsx"):
        raise Http404
    scope = scope_for(request.user)
    if not (scope.coordinated_structure_ids or scope.sees_all(applications=True)):
        raise PermissionDenied
    calls = Call.objects.managed_by(request.user)
    call_services.calls_record_export(calls=calls.order_by("pk"), by=request.user, fmt=fmt)
    name = f"dossiers-tous-appels-{timezone.localdate().isoformat()}"
    return export_response(exports.every_call_table(calls), fmt, f"{name}.{fmt}")
