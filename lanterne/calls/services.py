"""Everything that changes a call (its settings, calendar, rules) goes through here; its
catalogue (film lists, documents asked for) is in `services_catalogue`.

Each service checks the permission, writes in one transaction with its audit row. Views,
forms and the API parse input, call one service and render.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from lanterne.accounts.models import User
from lanterne.core.audit import audit, audit_each
from lanterne.core.services import ServiceError, require_perm

from .enums import ApplicantArea, AuditAction, MilestoneKind
from .models import (
    REGION_OUTSIDE_COORDINATION,
    Call,
    CallMilestone,
    CallRule,
    Film,
    FilmList,
    RequiredDocument,
)
from .rules import DEFAULT_PARAMS, RULES


def _unique_slug(title: str, year: int) -> str:
    base = slugify(title if str(year) in title else f"{title}-{year}")[:200] or f"appel-{year}"
    slug, counter = base, 2
    while Call.objects.filter(slug=slug).exists():
        slug = f"{base}-{counter}"
        counter += 1
    return slug


@transaction.atomic
def call_create(*, by: User, region, coordination, title: str, year: int, **fields) -> Call:
    """A new unpublished call with every rule at its default parameters, all blocking. It is
    carried by `coordination`, whose coordinators manage it, in a région where that structure
    carries a mission."""
    probe = Call(region=region, coordination=coordination)
    require_perm(by, "calls.manage_call", probe)
    if region.pk not in coordination.carried_region_codes():
        raise ServiceError(REGION_OUTSIDE_COORDINATION)
    departements = fields.pop("applicant_departements", None)
    call = Call.objects.create(
        region=region,
        coordination=coordination,
        title=title,
        year=year,
        slug=_unique_slug(title, year),
        **fields,
    )
    _set_applicant_departements(call, departements)
    CallRule.objects.bulk_create(
        CallRule(call=call, code=code, params=dict(params))
        for code, params in DEFAULT_PARAMS.items()
    )
    FilmList.objects.bulk_create(
        FilmList(call=call, kind=kind) for kind in ("open_air", "accompanied")
    )
    audit(action=AuditAction.CREATE, obj=call, by=by)
    return call


def _set_applicant_departements(call: Call, departements) -> None:
    """The départements of a call open to « the structures of the départements chosen »: some,
    all in the call's région (none for the other choices, which do not read them)."""
    if call.applicant_area != ApplicantArea.DEPARTEMENTS:
        if departements is not None:
            call.applicant_departements.clear()
        return
    if departements is None:
        departements = list(call.applicant_departements.all())
    if not departements:
        raise ServiceError({"applicant_departements": _("Choisissez au moins un département.")})
    if any(d.region_id != call.region_id for d in departements):
        raise ServiceError(
            {"applicant_departements": _("Choisissez des départements de la région de l'appel.")}
        )
    call.applicant_departements.set(departements)


@transaction.atomic
def call_update(*, call: Call, by: User, **fields) -> Call:
    require_perm(by, "calls.manage_call", call)
    departements = fields.pop("applicant_departements", None)
    for name, value in fields.items():
        setattr(call, name, value)
    call.full_clean()
    call.save()
    _set_applicant_departements(call, departements)
    audit(action=AuditAction.UPDATE, obj=call, by=by, fields=sorted(fields))
    return call


@transaction.atomic
def call_set_milestones(*, call: Call, by: User, milestones: dict[str, tuple]) -> None:
    """Replace the calendar: {kind: (starts_at, ends_at or None, note)}; absent kinds removed."""
    require_perm(by, "calls.manage_call", call)
    call.milestones.exclude(kind__in=list(milestones)).delete()
    for kind, (starts_at, ends_at, note) in milestones.items():
        CallMilestone.objects.update_or_create(
            call=call,
            kind=kind,
            defaults={"starts_at": starts_at, "ends_at": ends_at, "note": note},
        )
    audit(action=AuditAction.CALENDAR, obj=call, by=by, kinds=sorted(milestones))


def _clean_params(code: str, params: dict) -> dict:
    rule = RULES.get(code)
    if rule is None:
        raise ServiceError(_("Cette règle n'existe pas : %(code)s.") % {"code": code})
    try:
        return rule.clean(params)
    except ValidationError as error:
        fields = rule.params_fields()
        raise ServiceError(
            [
                _("%(field)s : %(message)s")
                % {"field": fields[name].label if name in fields else name, "message": message}
                for name, messages in error.message_dict.items()
                for message in messages
            ]
        ) from error


@transaction.atomic
def call_set_rule(
    *, call: Call, by: User, code: str, enabled: bool, is_blocking: bool, params: dict
):
    """Apply the rule `code` to the call with `params` (validated against the rule's own
    fields, stored as they clean), or stop applying it."""
    require_perm(by, "calls.manage_call", call)
    if not enabled:
        call.rules.filter(code=code).delete()
    else:
        params = _clean_params(code, params)
        CallRule.objects.update_or_create(
            call=call, code=code, defaults={"is_blocking": is_blocking, "params": params}
        )
    audit(
        action=AuditAction.RULE, obj=call, by=by, code=code, enabled=enabled, blocking=is_blocking
    )


@transaction.atomic
def call_set_rules(*, call: Call, by: User, rules: dict[str, dict]) -> None:
    """Set several rules of the call at once (its rules editor): `rules` maps a rule code to
    the arguments of `call_set_rule`. All are set or none; a refusal names each rule refused
    (keyed by its code)."""
    require_perm(by, "calls.manage_call", call)
    errors: dict[str, list] = {}
    for code, arguments in rules.items():
        try:
            with transaction.atomic():
                call_set_rule(call=call, by=by, code=code, **arguments)
        except ServiceError as error:
            errors[code] = error.messages
    if errors:
        raise ServiceError(errors)


@transaction.atomic
def call_publish(*, call: Call, by: User, published: bool = True) -> Call:
    require_perm(by, "calls.manage_call", call)
    if published:
        call = Call.objects.with_calendar().get(pk=call.pk)
        missing = [
            kind.label
            for kind in (MilestoneKind.OPENING, MilestoneKind.DEADLINE)
            if call.milestone(kind) is None
        ]
        if missing:
            raise ServiceError(
                _("Avant de publier l'appel, datez : %(steps)s.")
                % {"steps": ", ".join(map(str, missing))}
            )
    call.is_published = published
    call.save(update_fields=["is_published", "updated_at"])
    audit(action=AuditAction.PUBLISH if published else AuditAction.UNPUBLISH, obj=call, by=by)
    return call


def _shift_local(moment: datetime.datetime, years: int) -> datetime.datetime:
    """Shift by whole years in Paris wall-clock time: 23:59:59 stays 23:59:59 whatever the
    daylight-saving offsets of the two dates."""
    local = timezone.localtime(moment).replace(tzinfo=None)
    try:
        shifted = local.replace(year=local.year + years)
    except ValueError:  # 29 February
        shifted = local.replace(year=local.year + years, day=28)
    return timezone.make_aware(shifted)


@transaction.atomic
def call_copy(*, call: Call, by: User, year: int) -> Call:
    """Next year's call: same rules, lists, documents; every date shifted by the year gap."""
    require_perm(by, "calls.manage_call", call)
    gap = year - call.year
    title = (
        call.title.replace(str(call.year), str(year))
        if str(call.year) in call.title
        else call.title
    )
    copy = Call.objects.create(
        title=title,
        slug=_unique_slug(title, year),
        year=year,
        region_id=call.region_id,
        coordination_id=call.coordination_id,
        description=call.description,
        contact=call.contact,
        envelope=call.envelope,
        reminder_days=call.reminder_days,
        applicant_area=call.applicant_area,
        copied_from=call,
        is_fictitious=call.is_fictitious,
    )
    copy.applicant_departements.set(call.applicant_departements.all())
    CallMilestone.objects.bulk_create(
        CallMilestone(
            call=copy,
            kind=m.kind,
            starts_at=_shift_local(m.starts_at, gap),
            ends_at=_shift_local(m.ends_at, gap) if m.ends_at else None,
            note=m.note,
        )
        for m in call.milestones.all()
    )
    CallRule.objects.bulk_create(
        CallRule(call=copy, code=r.code, params=r.params, is_blocking=r.is_blocking)
        for r in call.rules.all()
    )
    RequiredDocument.objects.bulk_create(
        RequiredDocument(call=copy, kind=d.kind, label=d.label, returning_only=d.returning_only)
        for d in call.required_documents.all()
    )
    for film_list in call.film_lists.prefetch_related("films"):
        new_list = FilmList.objects.create(call=copy, kind=film_list.kind)
        Film.objects.bulk_create(
            Film(
                film_list=new_list,
                title=f.title,
                director=f.director,
                year=f.year,
                duration_minutes=f.duration_minutes,
            )
            for f in film_list.films.all()
        )
    audit(action=AuditAction.COPY, obj=copy, by=by, source=call.pk)
    return copy


def call_record_export(*, call: Call, by: User, fmt: str, session: int | None = None) -> None:
    """Record an export of the call's dossiers (all of them, or one committee session's): the
    one write of that download, a line in the trail."""
    audit(action=AuditAction.EXPORT, obj=call, by=by, format=fmt, session=session)


@transaction.atomic
def calls_record_export(*, calls, by: User, fmt: str) -> None:
    """Record an export of the dossiers of several calls (every call `by` manages): a line in
    each call's trail, as for the export of one call."""
    audit_each(action=AuditAction.EXPORT, objects=calls, by=by, format=fmt, session=None)
