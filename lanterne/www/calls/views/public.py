"""What everyone sees of a call: the open calls, a call's page and its calendar file."""

from django.contrib.auth.decorators import login_not_required
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from lanterne.accounts.enums import Role
from lanterne.accounts.scoping import scope_for
from lanterne.calls.enums import ApplicantArea, FilmListKind, RuleCode
from lanterne.calls.ical import call_calendar
from lanterne.calls.models import Call
from lanterne.calls.rules import describe_rule
from lanterne.calls.selectors import applicant_departements, applicant_may_apply
from lanterne.core.choices import choice_label
from lanterne.core.exports import export_response
from lanterne.dossiers.eligibility import ORDER
from lanterne.network.models import Structure
from lanterne.www.actions import in_scope

from . import CALLS, MANAGE


@login_not_required
@require_safe
def call_list(request):
    open_calls = list(
        Call.objects.open().with_calendar().select_related("region", "coordination").distinct()
    )
    managed = []
    scope = scope_for(request.user)
    manages_calls = bool(scope.coordinated_structure_ids or scope.sees_all(applications=True))
    if manages_calls:
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
            # The dossiers of every call it manages, all years, as one file.
            "can_export": manages_calls,
            # The régions of the missions its structures carry: where it may carry a call.
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
    call = in_scope(
        request,
        CALLS.with_calendar().prefetch_related("rules", "film_lists__films", "required_documents"),
        slug=slug,
    )
    rules = sorted(call.rules.all(), key=lambda rule: ORDER.get(rule.code, 99))
    film_lists = {film_list.kind: film_list for film_list in call.film_lists.all()}
    scope = scope_for(request.user)
    # Which of the user's structures may apply, and why the others may not (in words).
    applicant_ids = scope.structures_with_role(Role.APPLICANT)
    applicants = (
        list(
            Structure.objects.filter(pk__in=applicant_ids)
            .select_related("commune")
            .order_by("name")
        )
        if applicant_ids
        else []
    )
    departements = applicant_departements(call)
    verdicts = [(s, *applicant_may_apply(call, s, departements=departements)) for s in applicants]
    can_apply = call.is_open and any(allowed for _s, allowed, _r in verdicts)
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
            "can_manage": request.user.has_perm(MANAGE, call),
            "can_apply": can_apply,
            "create_url": reverse("dossiers:create", args=[call.slug]) if can_apply else None,
            "refusals": [reason for _s, allowed, reason in verdicts if not allowed],
            "is_anonymous": not request.user.is_authenticated,
            "has_no_structure": request.user.is_authenticated and not applicants,
            "area_label": choice_label(ApplicantArea, call.applicant_area),
            "area_departements": departements,
        },
    )


@login_not_required
@require_safe
def call_ical(request, slug):
    call = in_scope(request, Call.objects.with_calendar(), slug=slug)
    body = call_calendar(call, url=request.build_absolute_uri(call.get_absolute_url()))
    return export_response(body, "ics", f"{call.slug}.ics", inline=True)
