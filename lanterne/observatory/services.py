"""Every write of the observatory: returns, their values and workflow, campaigns, reminders."""

import datetime
import re
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from lanterne.accounts.models import User
from lanterne.core.audit import audit
from lanterne.core.mail import notify
from lanterne.core.services import require_perm
from lanterne.core.workflow import transition
from lanterne.network.models import Structure

from .consolidation import STORED_VERSION, consolidate_campaign, to_stored
from .enums import AuditAction, Deadline, ReturnState, ValueStatus
from .models import (
    Campaign,
    Indicator,
    Reminder,
    Return,
    StoredConsolidation,
    Value,
    ValueChange,
)
from .selectors import consolidation_fingerprint

# A change of more than half against last year asks for a confirmation and a reason.
CHANGE_THRESHOLD = 0.5


@dataclass(frozen=True)
class EntryInput:
    """What a structure typed for one indicator; `amount` None with `not_transmitted`."""

    indicator: Indicator
    amount: int | None
    not_transmitted: bool = False
    counting_note: str = ""
    comment: str = ""
    change_reason: str = ""

    @property
    def status(self) -> str | None:
        if self.not_transmitted:
            return ValueStatus.NOT_TRANSMITTED
        return ValueStatus.PROVIDED if self.amount is not None else None


def previous_amounts(value_return: Return) -> dict[str, int]:
    """The structure's accepted figures of the previous campaign, by indicator code."""
    previous_id = value_return.campaign.previous_id
    if not previous_id:
        return {}
    rows = Value.objects.filter(
        value_return__campaign_id=previous_id,
        value_return__structure_id=value_return.structure_id,
        value_return__state=ReturnState.ACCEPTED,
        status=ValueStatus.PROVIDED,
    ).values_list("indicator__code", "amount")
    # A provided value always has an amount (`value_amount_matches_status`).
    return {code: amount for code, amount in rows if amount is not None}


def large_change(previous: int | None, amount: int | None) -> bool:
    if previous is None or amount is None:
        return False
    if previous == 0:
        return amount > 0
    return abs(amount - previous) > CHANGE_THRESHOLD * previous


def _breakdown_counts(entries: list[EntryInput]) -> dict[int, int]:
    """How many breakdowns each total of these entries' campaign has (one query)."""
    if not entries:
        return {}
    return dict(
        Indicator.objects.filter(campaign_id=entries[0].indicator.campaign_id, parent__isnull=False)
        .values_list("parent_id")
        .annotate(n=Count("pk"))
        .order_by()
    )


def check_entries(
    entries: list[EntryInput], previous: dict[str, int], *, complete: bool = False
) -> dict[str, list[str]]:
    """The checks of a return, by indicator code; `complete` also requires every indicator."""
    errors: dict[str, list[str]] = {}

    def add(code, message):
        errors.setdefault(code, []).append(message)

    for entry in entries:
        indicator = entry.indicator
        if entry.not_transmitted and entry.amount is not None:
            add(indicator.code, _("Saisissez une valeur ou cochez « non transmis », pas les deux."))
        if complete and entry.status is None:
            add(indicator.code, _("Saisissez une valeur ou cochez « non transmis »."))
        if large_change(previous.get(indicator.code), entry.amount) and not entry.change_reason:
            add(
                indicator.code,
                _(
                    "La valeur s'écarte de plus de moitié de celle de l'an dernier (%(previous)s) :"
                    " confirmez-la en indiquant la raison de l'écart."
                )
                % {"previous": previous[indicator.code]},
            )
    breakdown_counts = _breakdown_counts(entries)
    for entry in entries:
        children = [e for e in entries if e.indicator.parent_id == entry.indicator.pk]
        if not children or entry.amount is None:
            continue
        provided = [c.amount for c in children if c.amount is not None]
        every_child = len(provided) == breakdown_counts.get(entry.indicator.pk, 0)
        if sum(provided) > entry.amount or (every_child and sum(provided) != entry.amount):
            add(
                entry.indicator.code,
                _("La décomposition (%(sum)s) ne correspond pas au total (%(total)s).")
                % {"sum": sum(provided), "total": entry.amount},
            )
    return errors


def _entries_of(value_return: Return) -> list[EntryInput]:
    values = {v.indicator_id: v for v in value_return.values.all()}
    entries = []
    for indicator in value_return.campaign.indicators.all():
        value = values.get(indicator.pk)
        entries.append(
            EntryInput(
                indicator=indicator,
                amount=value.amount if value else None,
                not_transmitted=bool(value and value.status == ValueStatus.NOT_TRANSMITTED),
                counting_note=value.counting_note if value else "",
                comment=value.comment if value else "",
                change_reason=value.change_reason if value else "",
            )
        )
    return entries


def return_of(*, campaign: Campaign, structure: Structure) -> Return:
    """The structure's return to `campaign`; until the structure first saves it, an unsaved
    empty draft: looking at one's return writes nothing (`return_open` creates it)."""
    existing = (
        Return.objects.filter(campaign=campaign, structure=structure)
        .select_related("campaign", "structure")
        .first()
    )
    return existing or Return(campaign=campaign, structure=structure)


@transaction.atomic
def return_open(*, campaign: Campaign, structure: Structure, by: User) -> Return:
    """The structure's return to `campaign`, created by its first save or submission."""
    if not campaign.structures.filter(pk=structure.pk).exists():
        raise PermissionDenied
    value_return, created = Return.objects.get_or_create(campaign=campaign, structure=structure)
    if created:
        audit(action=AuditAction.RETURN_OPEN, obj=value_return, by=by)
    return value_return


@transaction.atomic
def return_save(*, value_return: Return, entries: list[EntryInput], by: User) -> int:
    """Record what the structure typed (blank fields stay unset); every change is logged with
    who, when, old and new. Returns the number of values changed. The first save of a return
    that is not yet stored (`return_of`) creates it; refused entries leave nothing behind."""
    if value_return.pk is None:
        if not by.has_perm("observatory.change_return", value_return):
            raise PermissionDenied
        value_return = return_open(
            campaign=value_return.campaign, structure=value_return.structure, by=by
        )
    value_return = Return.objects.select_for_update().get(pk=value_return.pk)
    if not by.has_perm("observatory.change_return", value_return):
        raise PermissionDenied
    errors = check_entries(entries, previous_amounts(value_return))
    if errors:
        raise ValidationError(errors)
    existing = {v.indicator_id: v for v in value_return.values.all()}
    changed = 0
    for entry in entries:
        value = existing.get(entry.indicator.pk)
        status = entry.status
        if status is None:
            if value is not None:
                ValueChange.objects.create(
                    value=value,
                    by=by,
                    old_status=value.status,
                    old_amount=value.amount,
                    new_status="",
                    new_amount=None,
                )
                value.delete()
                changed += 1
            continue
        text = {
            "counting_note": entry.counting_note,
            "comment": entry.comment,
            "change_reason": entry.change_reason,
        }
        if value is None:
            value = Value.objects.create(
                value_return=value_return,
                indicator=entry.indicator,
                status=status,
                amount=entry.amount,
                **text,
            )
            ValueChange.objects.create(
                value=value, by=by, new_status=status, new_amount=entry.amount
            )
            changed += 1
            continue
        figure_changed = (value.status, value.amount) != (status, entry.amount)
        if figure_changed:
            ValueChange.objects.create(
                value=value,
                by=by,
                old_status=value.status,
                old_amount=value.amount,
                new_status=status,
                new_amount=entry.amount,
            )
            changed += 1
        if figure_changed or any(getattr(value, k) != v for k, v in text.items()):
            value.status, value.amount = status, entry.amount
            for name, text_value in text.items():
                setattr(value, name, text_value)
            value.save()
    return changed


def _members(structure_id: int):
    return User.objects.filter(
        memberships__structure_id=structure_id, memberships__is_active=True, is_active=True
    ).distinct()


def return_submit(*, value_return: Return, by: User) -> Return:
    """The structure sends its complete return to the network."""

    def check_complete(locked: Return) -> None:
        errors = check_entries(_entries_of(locked), previous_amounts(locked), complete=True)
        if errors:
            raise ValidationError(errors)

    return transition(value_return, "submit", by=by, before=check_complete).subject


@transaction.atomic
def return_accept(*, value_return: Return, by: User) -> Return:
    """The network admin accepts a submitted return: its figures enter the consolidation (the
    stored one of a published panorama is recomputed in the same transaction)."""
    accepted = transition(value_return, "accept", by=by).subject
    consolidations_refresh(campaign=accepted.campaign)
    return accepted


@transaction.atomic
def return_send_back(*, value_return: Return, reason: str, by: User) -> Return:
    """The network admin sends a return back for correction, saying why. An accepted return
    sent back leaves the consolidation until it is accepted again."""
    require_perm(by, "observatory.send_back_return", value_return)
    if not reason.strip():
        raise ValidationError({"reason": [_("Indiquez pourquoi le retour est renvoyé.")]})
    log = transition(value_return, "send_back", by=by, reason=reason.strip())
    if log.source == ReturnState.ACCEPTED:
        consolidations_refresh(campaign=log.subject.campaign)
    return log.subject


@transaction.atomic
def consolidation_store(*, campaign: Campaign) -> StoredConsolidation:
    """Compute and store the consolidation of `campaign`, replacing the previous one in this
    transaction: until it commits, readers keep the previous version whole."""
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    # The fingerprint is read first: a return accepted while this runs changes it, and the
    # next refresh (its own transaction, after this lock) sees it.
    fingerprint = consolidation_fingerprint(campaign)
    stored, _created = StoredConsolidation.objects.update_or_create(
        campaign=campaign,
        defaults={
            "version": STORED_VERSION,
            "figures": to_stored(consolidate_campaign(campaign)),
            "fingerprint": fingerprint,
            "computed_at": timezone.now(),
        },
    )
    return stored


@transaction.atomic
def consolidations_refresh(*, campaign: Campaign) -> int:
    """Recompute the stored consolidations that depend on `campaign`'s accepted returns,
    indicators or structures: its own if published, and those of the published campaigns
    that compare themselves with it (their previous figures). Returns how many."""
    dependents = (
        Campaign.objects.published()
        .filter(Q(pk=campaign.pk) | Q(previous_id=campaign.pk))
        .order_by("pk")
    )
    count = 0
    for dependent in dependents:
        consolidation_store(campaign=dependent)
        count += 1
    return count


def _next_year(day: datetime.date) -> datetime.date:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


@transaction.atomic
def campaign_copy(*, campaign: Campaign, name: str, slug: str, by: User) -> Campaign:
    """Next year's campaign: same structures and indicators, deadlines a year later; the new
    campaign compares itself with this one. Indicators can then be added to it."""
    if not by.has_perm("observatory.manage_campaigns"):
        raise PermissionDenied
    new = Campaign.objects.create(
        name=name,
        slug=slug,
        year=campaign.year + 1,
        previous=campaign,
        first_returns_due=_next_year(campaign.first_returns_due),
        checkpoint_on=_next_year(campaign.checkpoint_on),
        consolidation_on=_next_year(campaign.consolidation_on),
        method_notes=campaign.method_notes,
        method_notes_en=campaign.method_notes_en,
    )
    new.structures.set(campaign.structures.all())
    copies: dict[int, Indicator] = {}
    indicators = list(campaign.indicators.order_by("parent_id", "position"))
    # Totals first, so that each breakdown finds its total's copy.
    for indicator in sorted(indicators, key=lambda i: i.parent_id is not None):
        old_pk, old_parent = indicator.pk, indicator.parent_id
        indicator.pk = None
        indicator._state.adding = True
        indicator.campaign = new
        indicator.parent = copies.get(old_parent) if old_parent else None
        indicator.save()
        copies[old_pk] = indicator
    audit(action=AuditAction.CAMPAIGN_COPY, obj=new, by=by, source=campaign.pk)
    return new


@transaction.atomic
def campaign_publish(*, campaign: Campaign, publish: bool = True, by: User) -> Campaign:
    """Publish (or withdraw) the panorama: the public then sees the consolidated figures."""
    if not by.has_perm("observatory.manage_campaigns"):
        raise PermissionDenied
    campaign.is_published = publish
    campaign.published_at = timezone.now() if publish else None
    campaign.save(update_fields=["is_published", "published_at", "updated_at"])
    # Published figures are computed once, here, and read from then on; a withdrawn panorama
    # keeps none (it would go stale unseen), and is computed again when published again.
    if publish:
        consolidation_store(campaign=campaign)
    else:
        StoredConsolidation.objects.filter(campaign=campaign).delete()
    audit(
        action=AuditAction.CAMPAIGN_PUBLISH if publish else AuditAction.CAMPAIGN_UNPUBLISH,
        obj=campaign,
        by=by,
        published=publish,
    )
    return campaign


CAMPAIGN_FIELDS = (
    "name",
    "slug",
    "year",
    "previous",
    "first_returns_due",
    "checkpoint_on",
    "consolidation_on",
    "method_notes",
    "method_notes_en",
)


def _require_manager(by: User) -> None:
    if not by.has_perm("observatory.manage_campaigns"):
        raise PermissionDenied


def _check_previous(campaign: Campaign, previous: Campaign | None) -> None:
    """A campaign compares itself with an earlier one, never with itself or a later copy."""
    seen = set()
    current = previous
    while current is not None and current.pk not in seen:
        if campaign.pk is not None and current.pk == campaign.pk:
            raise ValidationError(
                {"previous": [_("Une campagne ne peut pas se suivre elle-même.")]}
            )
        seen.add(current.pk)
        current = current.previous


def _set_structures(campaign: Campaign, structures) -> tuple[list[int], list[int]]:
    """Replace the reporting structures; one that has started its return stays."""
    wanted = {s.pk for s in structures}
    current = set(campaign.structures.values_list("pk", flat=True))
    removed = current - wanted
    started = list(
        campaign.returns.filter(structure_id__in=removed)
        .order_by("structure__name")
        .values_list("structure__name", flat=True)
    )
    if started:
        raise ValidationError(
            {
                "structures": [
                    _(
                        "Ces structures ont déjà ouvert leur retour et restent dans la "
                        "campagne : %(names)s."
                    )
                    % {"names": ", ".join(started)}
                ]
            }
        )
    campaign.structures.remove(*removed)
    campaign.structures.add(*(wanted - current))
    return sorted(wanted - current), sorted(removed)


@transaction.atomic
def campaign_create(
    *,
    by: User,
    name: str,
    slug: str,
    year: int,
    first_returns_due: datetime.date,
    checkpoint_on: datetime.date,
    consolidation_on: datetime.date,
    previous: Campaign | None = None,
    method_notes: str = "",
    method_notes_en: str = "",
    structures=(),
) -> Campaign:
    """The network admin defines a campaign: its year, deadlines and reporting structures.
    Its indicators are added afterwards (`indicator_save`)."""
    _require_manager(by)
    campaign = Campaign(
        name=name,
        slug=slug,
        year=year,
        previous=previous,
        first_returns_due=first_returns_due,
        checkpoint_on=checkpoint_on,
        consolidation_on=consolidation_on,
        method_notes=method_notes,
        method_notes_en=method_notes_en,
    )
    campaign.full_clean()
    campaign.save()
    added, _removed = _set_structures(campaign, structures)
    audit(action=AuditAction.CAMPAIGN_CREATE, obj=campaign, by=by, structures=added)
    return campaign


@transaction.atomic
def campaign_update(*, campaign: Campaign, by: User, structures=None, **fields) -> Campaign:
    """Change a campaign's name, year, deadlines, notes and, if given, its structures."""
    _require_manager(by)
    unknown = set(fields) - set(CAMPAIGN_FIELDS)
    if unknown:
        raise TypeError(f"Not a campaign field: {sorted(unknown)}")
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    if "previous" in fields:
        _check_previous(campaign, fields["previous"])
    for name, value in fields.items():
        setattr(campaign, name, value)
    campaign.full_clean()
    campaign.save()
    added, removed = ([], []) if structures is None else _set_structures(campaign, structures)
    if added or removed or "previous" in fields:
        consolidations_refresh(campaign=campaign)
    audit(
        action=AuditAction.CAMPAIGN_UPDATE,
        obj=campaign,
        by=by,
        fields=sorted(fields),
        structures_added=added,
        structures_removed=removed,
    )
    return campaign


# Stable codes: they name the figure across years (last year's value is found by code) and in
# the open-data files.
INDICATOR_CODE = re.compile(r"^[a-z][a-z0-9_]*$")
INDICATOR_FIELDS = (
    "code",
    "label_fr",
    "label_en",
    "unit",
    "period_type",
    "public_kind",
    "parent",
    "share_group",
    "definition",
    "definition_en",
    "counting_method",
    "counting_method_en",
    "position",
)


def indicator_code_error(code: str) -> str | None:
    if not INDICATOR_CODE.match(code or ""):
        return _(
            "Le code commence par une lettre et ne contient que des lettres minuscules sans "
            "accent, des chiffres et des tirets bas (_), par ex. beneficiaires_stagiaires."
        )
    return None


@transaction.atomic
def indicator_save(
    *, campaign: Campaign, by: User, indicator: Indicator | None = None, **fields
) -> Indicator:
    """Add an indicator to `campaign` (or change `indicator`). A breakdown shares its total's
    unit, period and public; a code with recorded values no longer changes."""
    _require_manager(by)
    unknown = set(fields) - set(INDICATOR_FIELDS)
    if unknown:
        raise TypeError(f"Not an indicator field: {sorted(unknown)}")
    if indicator is None:
        indicator = Indicator(campaign=campaign)
        has_values = has_breakdowns = False
    else:
        indicator = Indicator.objects.select_for_update().get(pk=indicator.pk, campaign=campaign)
        has_values = indicator.values.exists()
        has_breakdowns = indicator.breakdowns.exists()
    old = {
        name: getattr(indicator, name) for name in ("code", "unit", "period_type", "public_kind")
    }
    for name, value in fields.items():
        setattr(indicator, name, value)

    errors: dict[str, list[str]] = {}

    def add(field, message):
        errors.setdefault(field, []).append(message)

    if indicator.code != old["code"] or indicator.pk is None:
        if indicator.pk is not None and has_values:
            add(
                "code",
                _(
                    "Des structures ont déjà saisi des valeurs pour cet indicateur : son code "
                    "ne change plus."
                ),
            )
        elif message := indicator_code_error(indicator.code):
            add("code", message)
        elif (
            Indicator.objects.filter(campaign=campaign, code=indicator.code)
            .exclude(pk=indicator.pk)
            .exists()
        ):
            add("code", _("Ce code est déjà utilisé par un autre indicateur de la campagne."))
    parent = indicator.parent
    if parent is not None:
        if indicator.pk is not None and parent.pk == indicator.pk:
            add("parent", _("Un indicateur ne peut pas décomposer lui-même."))
        elif has_breakdowns:
            add(
                "parent",
                _("Cet indicateur a ses propres décompositions : il ne peut pas en être une."),
            )
    if has_breakdowns:
        for name in ("unit", "period_type", "public_kind"):
            if getattr(indicator, name) != old[name]:
                add(
                    name,
                    _(
                        "Cet indicateur a des décompositions : son unité, sa période et son "
                        "public ne changent plus."
                    ),
                )
    if errors:
        raise ValidationError(errors)
    indicator.full_clean(exclude=["campaign"])
    indicator.save()
    # Its label, order or code may show in a published panorama (and the next one's).
    consolidations_refresh(campaign=campaign)
    audit(
        action=AuditAction.INDICATOR_SAVE,
        obj=indicator,
        by=by,
        campaign=campaign.pk,
        code=indicator.code,
        fields=sorted(fields),
    )
    return indicator


@transaction.atomic
def indicator_delete(*, indicator: Indicator, by: User) -> None:
    """Remove an indicator nobody has reported yet, once its breakdowns are gone."""
    _require_manager(by)
    indicator = Indicator.objects.select_for_update().get(pk=indicator.pk)
    reported = (
        Value.objects.filter(Q(indicator=indicator) | Q(indicator__parent=indicator))
        .values("value_return")
        .distinct()
        .count()
    )
    if reported:
        raise ValidationError(
            ngettext(
                "L'indicateur « %(code)s » ne peut pas être supprimé : %(count)s retour "
                "contient déjà des valeurs pour lui ou ses décompositions.",
                "L'indicateur « %(code)s » ne peut pas être supprimé : %(count)s retours "
                "contiennent déjà des valeurs pour lui ou ses décompositions.",
                reported,
            )
            % {"code": indicator.label, "count": reported}
        )
    if indicator.breakdowns.exists():
        raise ValidationError(
            _("L'indicateur « %(code)s » a des décompositions : supprimez-les d'abord.")
            % {"code": indicator.label}
        )
    audit(
        action=AuditAction.INDICATOR_DELETE,
        obj=indicator,
        by=by,
        campaign=indicator.campaign_id,
        code=indicator.code,
    )
    indicator.delete()
    consolidations_refresh(campaign=indicator.campaign)


# How many days before each deadline the reminder goes out.
REMINDER_DAYS = 14


def reminders_due(*, today: datetime.date) -> list[tuple[Return, str, datetime.date]]:
    """(return, deadline, date) for every unsubmitted return of a campaign whose deadline is
    within `REMINDER_DAYS` and not yet passed, not yet reminded for that deadline. A structure
    that never opened its return is due too, with an unsaved return (`return_of`): this only
    reads; `reminders_send` stores what it sends."""
    due = []
    horizon = today + datetime.timedelta(days=REMINDER_DAYS)
    for campaign in Campaign.objects.filter(consolidation_on__gte=today).prefetch_related(
        "structures"
    ):
        deadlines = [(d, day) for d, day in campaign.deadlines() if today <= day <= horizon]
        if not deadlines:
            continue
        # Once submitted, a structure is done until the network sends its return back.
        returns = {
            r.structure_id: r
            for r in campaign.returns.select_related("structure").prefetch_related("reminders")
        }
        for structure in campaign.structures.all():
            value_return = returns.get(structure.pk)
            if value_return is None:
                value_return = Return(campaign=campaign, structure=structure)
                sent = set()
            else:
                sent = {reminder.deadline for reminder in value_return.reminders.all()}
            if not value_return.is_editable:
                continue
            for deadline, day in deadlines:
                if deadline not in sent:
                    due.append((value_return, deadline, day))
    return due


@transaction.atomic
def reminders_send(*, today: datetime.date) -> int:
    """Send the due reminders, each once (one per return per deadline)."""
    count = 0
    for value_return, deadline, day in reminders_due(today=today):
        if value_return.pk is None:
            value_return, _created = Return.objects.get_or_create(
                campaign=value_return.campaign, structure=value_return.structure
            )
        _reminder, created = Reminder.objects.get_or_create(
            value_return=value_return, deadline=deadline
        )
        if not created:
            continue
        count += 1
        # Recorded in this transaction, one message per member, each in its own language.
        notify(
            _members(value_return.structure_id),
            "observatory/email/return_reminder",
            {
                "value_return": value_return,
                "deadline": Deadline(deadline).label,
                "date": day,
            },
        )
    return count
