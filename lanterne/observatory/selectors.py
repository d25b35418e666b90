"""Reads of the observatory: a panorama's consolidation (stored once published), a campaign's
completeness (structures × indicators) and the collection's progress, structure by structure,
for the national dashboard."""

import hashlib

from django.core.paginator import Paginator
from django.db.models import Count

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


# Structures per page of the completeness matrix: each brings a row of one cell per indicator.
COMPLETENESS_PAGE = 50


def completeness(campaign, number=1, *, per_page: int | None = None) -> dict:
    """The campaign's indicators, one page of structures (by name), each with its return, a
    cell per indicator (status and label) and the indicators not yet accepted; and how many
    structures stand in each state, over the whole campaign. Six queries whatever the size;
    the values read are the page's only."""
    indicators = list(campaign.indicators.order_by("position", "code"))
    paginator = Paginator(campaign.structures.order_by("name", "pk"), per_page or COMPLETENESS_PAGE)
    page = paginator.get_page(number)
    structures = list(page.object_list)
    returns = {
        r.structure_id: r for r in campaign.returns.filter(structure__in=structures).order_by()
    }
    values = {
        (return_id, indicator_id): status
        for return_id, indicator_id, status in Value.objects.filter(
            value_return__in=[r.pk for r in returns.values()]
        ).values_list("value_return_id", "indicator_id", "status")
    }
    labels = {status: choice_label(CellStatus, status) for status in CellStatus.values}
    rows = []
    for structure in structures:
        value_return = returns.get(structure.pk)
        cells = []
        missing = []
        for indicator in indicators:
            status = values.get((value_return.pk, indicator.pk)) if value_return else None
            cell = cell_status(status, value_return.state if value_return else None)
            if cell != CellStatus.ACCEPTED:
                missing.append(indicator)
            cells.append({"status": cell, "label": labels[cell]})
        rows.append(
            {"structure": structure, "return": value_return, "cells": cells, "missing": missing}
        )
    page.object_list = rows
    by_state = dict(
        campaign.returns.order_by()
        .values_list("state")
        .annotate(n=Count("pk"))
        .values_list("state", "n")
    )
    by_state[CellStatus.NOT_STARTED] = page.paginator.count - sum(by_state.values())
    return {
        "indicators": indicators,
        "page": page,
        "by_state": [(label, by_state.get(state, 0)) for state, label in PROGRESS_STATES],
    }


def current_campaign():
    """The collection under way: the campaign of the latest year (one query)."""
    return Campaign.objects.order_by("-year", "-pk").first()


def collection_progress(campaign) -> dict:
    """Structure by structure, the state of its return and how many indicators it gave or
    declared *non transmis*; with the number of structures per state. Four queries whatever
    the number of structures."""
    indicator_count = campaign.indicators.count()
    # Only what the table shows: the campaign and the structures are known already, and each
    # return is given them below instead of joining them again for every row.
    returns = {
        r.structure_id: r
        for r in campaign.returns.only("campaign_id", "structure_id", "state", "submitted_at")
    }
    values: dict[int, dict[str, int]] = {}
    for structure_id, status, n in (
        Value.objects.filter(value_return__campaign=campaign)
        .values_list("value_return__structure_id", "status")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        values.setdefault(structure_id, {})[status] = n
    by_state = dict.fromkeys((state for state, _label in PROGRESS_STATES), 0)
    rows = []
    structures = (
        campaign.structures.select_related("commune__region")
        .only("name", "slug", "commune__region__name")
        .order_by("name")
    )
    for structure in structures:
        value_return = returns.get(structure.pk)
        if value_return is not None:
            value_return.campaign, value_return.structure = campaign, structure
        state = value_return.state if value_return else CellStatus.NOT_STARTED
        by_state[state] += 1
        counts = values.get(structure.pk, {})
        rows.append(
            {
                "structure": structure,
                "return": value_return,
                "state": state,
                "state_label": dict(PROGRESS_STATES)[state],
                "provided": counts.get(ValueStatus.PROVIDED, 0),
                "not_transmitted": counts.get(ValueStatus.NOT_TRANSMITTED, 0),
            }
        )
    return {
        "campaign": campaign,
        "indicator_count": indicator_count,
        "rows": rows,
        "by_state": [(label, by_state[state]) for state, label in PROGRESS_STATES],
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
