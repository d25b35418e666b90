"""Reads of the observatory: a panorama's consolidation (stored once published), a campaign's
completeness (structures × indicators, for one région or all) and the collection's progress by
région for the national dashboard, each région leading to its completeness."""

import hashlib

from django.core.paginator import Paginator
from django.db.models import Count, FilteredRelation, Q
from django.urls import reverse

from lanterne.core.choices import choice_label

from .consolidation import STORED_VERSION, Consolidation, consolidate_campaign, from_stored
from .enums import CellStatus, ReturnState, ValueStatus
from .models import Campaign, Indicator, Return, StoredConsolidation, Value


def panorama_consolidation(campaign: Campaign) -> Consolidation:
    """The consolidation a panorama shows: a published campaign's stored one (one query, no
    value read), else (a panorama not yet published, seen by the network admin, or one stored
    in an older layout) computed afresh — a GET never writes it."""
    if campaign.is_published:
        stored = (
            StoredConsolidation.objects.filter(campaign=campaign, version=STORED_VERSION)
            .values_list("figures", "computed_at")
            .first()
        )
        if stored is not None:
            consolidation = from_stored(stored[0])
            consolidation.stored_at = stored[1]
            return consolidation
    return consolidate_campaign(campaign)


def consolidation_fingerprint(campaign: Campaign) -> str:
    """A digest of what the consolidation of `campaign` is computed from, without reading a
    value: its previous campaign, its structures, its indicators and the accepted returns of
    both campaigns (a return's values change only while it is not accepted, and accepting it
    stamps it). Four queries."""
    campaign_ids = [campaign.pk, *([campaign.previous_id] if campaign.previous_id else [])]
    parts = [
        campaign.previous_id,
        sorted(campaign.structures.values_list("pk", flat=True)),
        list(
            Indicator.objects.filter(campaign=campaign)
            .order_by("pk")
            .values_list("pk", "code", "updated_at")
        ),
        list(
            Return.objects.filter(campaign_id__in=campaign_ids, state=ReturnState.ACCEPTED)
            .order_by("pk")
            .values_list("pk", "updated_at")
        ),
    ]
    return hashlib.sha256(repr(parts).encode()).hexdigest()


# What a transmitted value shows, by the state of its return.
CELL_OF_RETURN_STATE: dict[str, str] = {
    ReturnState.DRAFT: CellStatus.DRAFT,
    ReturnState.SENT_BACK: CellStatus.DRAFT,
    ReturnState.SUBMITTED: CellStatus.SUBMITTED,
    ReturnState.ACCEPTED: CellStatus.ACCEPTED,
}


def cell_status(value_status: str | None, return_state: str | None) -> str:
    """A cell of the matrix: not started (no value), not transmitted (declared so), else the
    state of its return."""
    if value_status is None:
        return CellStatus.NOT_STARTED
    if value_status == ValueStatus.NOT_TRANSMITTED:
        return CellStatus.NOT_TRANSMITTED
    if return_state is None:
        # A value is always stored in a return: a value without one is a bug upstream.
        raise ValueError("A value without a return has no cell status.")
    return CELL_OF_RETURN_STATE[return_state]


# The states of a structure's return in the collection's progress, in the order shown; a
# structure that has not opened its return is « non commencé ».
PROGRESS_STATES: list[tuple[str, object]] = [
    (CellStatus.NOT_STARTED, CellStatus.NOT_STARTED.label),
    *ReturnState.choices,
]


# The drill-down's value for the structures that have no commune, hence no région.
NO_REGION = "aucune"


def _with_campaign_return(structures, campaign):
    """`structures` joined to their return of `campaign` (at most one: a return is unique per
    campaign and structure), so that a count per state reads each structure once."""
    return structures.annotate(
        campaign_return=FilteredRelation(
            "observatory_returns", condition=Q(observatory_returns__campaign=campaign)
        )
    )


def _state_counts() -> dict:
    """Aggregates of `_with_campaign_return` rows: structures, and how many in each state."""
    counts = {"structures": Count("pk")}
    for state, _label in PROGRESS_STATES:
        if state == CellStatus.NOT_STARTED:
            condition = Q(campaign_return__isnull=True)
        else:
            condition = Q(campaign_return__state=state)
        counts[f"state_{state}"] = Count("pk", filter=condition)
    return counts


def in_region(structures, region: str):
    """The structures of a région (its code), or those without a commune (`NO_REGION`)."""
    if region == NO_REGION:
        return structures.filter(commune__isnull=True)
    return structures.filter(commune__region=region)


# Replaced by each structure's slug in a URL reversed once per page.
_PLACEHOLDER = "--structure--"

# Structures per page of the completeness matrix: each brings a row of one cell per indicator.
COMPLETENESS_PAGE = 50


def completeness(campaign, number=1, *, per_page: int | None = None, region: str = "") -> dict:
    """The campaign's indicators, one page of structures (by name; those of `region` when it is
    given, see `in_region`), each with its return, a cell per indicator (status and label) and
    the indicators not yet accepted; and how many structures stand in each state over all the
    pages. Five queries whatever the size; the values read are the page's only."""
    indicators = list(campaign.indicators.order_by("position", "code"))
    structures = campaign.structures.all()
    if region:
        structures = in_region(structures, region)
    counts = _with_campaign_return(structures, campaign).order_by().aggregate(**_state_counts())
    paginator = Paginator(
        structures.only("name", "slug").order_by("name", "pk"), per_page or COMPLETENESS_PAGE
    )
    # Counted with the states above: spare the paginator its own COUNT.
    paginator.count = counts["structures"]
    page = paginator.get_page(number)
    page_structures = list(page.object_list)
    returns = {
        r.structure_id: r
        for r in campaign.returns.filter(structure__in=page_structures)
        .only("campaign_id", "structure_id", "state")
        .order_by()
    }
    values: dict[int, dict[int, str]] = {}
    for return_id, indicator_id, status in (
        Value.objects.filter(value_return__in=[r.pk for r in returns.values()])
        .order_by()
        .values_list("value_return_id", "indicator_id", "status")
    ):
        values.setdefault(return_id, {})[indicator_id] = status
    labels = {status: choice_label(CellStatus, status) for status in CellStatus.values}
    cells_of = {status: {"status": status, "label": labels[status]} for status in labels}
    accepted = cells_of[CellStatus.ACCEPTED]
    indicator_ids = [indicator.pk for indicator in indicators]
    return_url = reverse("observatory:return", args=[campaign.slug, _PLACEHOLDER])
    rows = []
    for structure in page_structures:
        value_return = returns.get(structure.pk)
        if value_return is None:
            cells = [cells_of[CellStatus.NOT_STARTED]] * len(indicators)
            missing = list(indicators)
            url = ""
        else:
            value_return.campaign, value_return.structure = campaign, structure
            # The cell each value status shows in this return's state (`cell_status`).
            by_status = {
                status: cells_of[cell_status(status, value_return.state)]
                for status in (None, *ValueStatus.values)
            }
            statuses = values.get(value_return.pk, {})
            cells = [by_status[statuses.get(pk)] for pk in indicator_ids]
            missing = [
                indicator
                for indicator, cell in zip(indicators, cells, strict=True)
                if cell is not accepted
            ]
            url = return_url.replace(_PLACEHOLDER, structure.slug)
        rows.append(
            {
                "structure": structure,
                "return": value_return,
                "return_url": url,
                "cells": cells,
                "missing": missing,
            }
        )
    page.object_list = rows
    return {
        "indicators": indicators,
        "page": page,
        "by_state": [(label, counts[f"state_{state}"]) for state, label in PROGRESS_STATES],
    }


def current_campaign():
    """The collection under way: the campaign of the latest year (one query)."""
    return Campaign.objects.order_by("-year", "-pk").first()


def collection_progress(campaign) -> dict:
    """The collection's progress by région of the structures: how many structures, how many
    in each state of their return (« non commencé » when none is open); and the same over the
    whole campaign. Two queries whatever the number of structures: the rows are régions (and
    one for the structures without a commune), each leading to the completeness page of its
    structures."""
    indicator_count = campaign.indicators.count()
    grouped = (
        _with_campaign_return(campaign.structures.all(), campaign)
        .order_by()
        .values("commune__region", "commune__region__name")
        .annotate(**_state_counts())
    )
    rows = []
    totals = dict.fromkeys((state for state, _label in PROGRESS_STATES), 0)
    for group in grouped:
        states = [group[f"state_{state}"] for state, _label in PROGRESS_STATES]
        for (state, _label), n in zip(PROGRESS_STATES, states, strict=True):
            totals[state] += n
        rows.append(
            {
                "region": group["commune__region"] or NO_REGION,
                "name": group["commune__region__name"],
                "structures": group["structures"],
                "states": states,
            }
        )
    # By name, the structures without a commune last.
    rows.sort(key=lambda row: (row["name"] is None, row["name"] or ""))
    return {
        "campaign": campaign,
        "indicator_count": indicator_count,
        "rows": rows,
        "structure_count": sum(row["structures"] for row in rows),
        "states": [label for _state, label in PROGRESS_STATES],
        "by_state": [(label, totals[state]) for state, label in PROGRESS_STATES],
    }


def stale_consolidations() -> list[Campaign]:
    """The published campaigns whose stored consolidation is missing, in an older layout or
    computed from other returns than today's (its fingerprint differs)."""
    stale = []
    for campaign in Campaign.objects.published().select_related("stored_consolidation"):
        stored = getattr(campaign, "stored_consolidation", None)
        if (
            stored is None
            or stored.version != STORED_VERSION
            or stored.fingerprint != consolidation_fingerprint(campaign)
        ):
            stale.append(campaign)
    return stale
