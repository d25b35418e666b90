"""National and regional totals of a campaign, from accepted returns only.

The arithmetic (`consolidate`) works on plain values so that it can be checked exhaustively;
`consolidate_campaign` loads them from the database in a fixed number of queries. The page, the
PDF, the spreadsheets, the open-data package and the API all render one `Consolidation`, so they
cannot disagree.

Rules:
- a figure is the sum of the values of accepted returns; a *non transmis* value or a return that
  is not accepted is never counted as zero: it lowers the coverage, which is shown beside the
  figure ("16 structures sur 17 ; 1 non transmis");
- a figure that no structure covers has no total (None), never 0;
- relays are separate indicators: a breakdown has its total's public (checked by
  `Indicator.clean`), so relays never enter the beneficiaries' total;
- a share (parts over their total) is computed over the structures that gave the total and
  every part, and says how many structures it leaves out: a missing part never counts as 0;
- shares are exact fractions; rounding happens only at display (`core.money.percent_display`).

A published campaign's consolidation is stored (`StoredConsolidation`) in the JSON form of
`to_stored`, which `from_stored` reads back to an equal `Consolidation`: integers stay exact
integers and a missing total stays None (*non transmis*), never 0.
"""

import datetime
from collections import defaultdict
from dataclasses import asdict, astuple, dataclass, field, fields
from fractions import Fraction

from lanterne.core.money import percent_display

from .enums import ReturnState, ValueStatus
from .language import IndicatorTexts

NATIONAL = ""


@dataclass(frozen=True)
class IndicatorInfo(IndicatorTexts):
    id: int
    code: str
    label_fr: str
    label_en: str
    unit: str
    period_type: str
    public_kind: str
    parent_id: int | None = None
    share_group: str = ""
    definition: str = ""
    counting_method: str = ""
    definition_en: str = ""
    counting_method_en: str = ""


@dataclass(frozen=True)
class Entry:
    """One accepted value: `amount` None means *non transmis*."""

    structure_id: int
    indicator_id: int
    amount: int | None
    note: str = ""


@dataclass
class Figure:
    indicator: IndicatorInfo
    expected: int
    total: int | None = None
    covered: int = 0
    not_transmitted: int = 0
    notes: list[tuple[str, str]] = field(default_factory=list)
    previous_total: int | None = None

    @property
    def missing(self) -> int:
        """Structures expected that have no accepted value for this indicator."""
        return self.expected - self.covered - self.not_transmitted

    @property
    def complete(self) -> bool:
        return self.covered == self.expected


@dataclass(frozen=True)
class Share:
    group: str
    total_code: str
    numerator: int
    denominator: int
    member_codes: tuple[str, ...]
    # The structures whose total and every part are known (the share is computed over them
    # only), among those expected to report.
    structures_counted: int = 0
    structures_expected: int = 0

    @property
    def structures_left_out(self) -> int:
        """Structures expected whose total or one of the parts is missing or *non transmis*."""
        return self.structures_expected - self.structures_counted

    @property
    def incomplete(self) -> bool:
        return self.structures_left_out > 0

    @property
    def ratio(self) -> Fraction:
        return Fraction(self.numerator, self.denominator)

    @property
    def percent(self):
        return percent_display(self.numerator, self.denominator)

    @property
    def percent_exact(self) -> str:
        """The ratio × 100 with 6 decimals (for the open data), rounded half away from zero."""
        return str(percent_display(self.numerator, self.denominator, places=6))


@dataclass
class Consolidation:
    indicators: list[IndicatorInfo]
    expected: int
    national: dict[int, Figure]
    regions: dict[str, str]  # code → name, in name order
    by_region: dict[str, dict[int, Figure]]
    shares: list[Share]
    has_previous: bool = False
    # When the stored consolidation it was read from was computed (None: computed afresh).
    stored_at: datetime.datetime | None = field(default=None, compare=False)

    def figures(self, region: str = NATIONAL) -> list[Figure]:
        source = self.national if region == NATIONAL else self.by_region[region]
        return [source[i.id] for i in self.indicators]

    def figure(self, code: str, region: str = NATIONAL) -> Figure:
        return next(f for f in self.figures(region) if f.indicator.code == code)


def _sum_figures(
    indicators: list[IndicatorInfo],
    entries: list[Entry],
    structure_names: dict[int, str],
    expected: int,
) -> dict[int, Figure]:
    figures = {i.id: Figure(indicator=i, expected=expected) for i in indicators}
    for entry in entries:
        figure = figures.get(entry.indicator_id)
        if figure is None:
            continue
        if entry.amount is None:
            figure.not_transmitted += 1
        else:
            figure.total = (figure.total or 0) + entry.amount
            figure.covered += 1
        if entry.note:
            figure.notes.append((structure_names.get(entry.structure_id, ""), entry.note))
    for figure in figures.values():
        figure.notes.sort()
    return figures


def consolidate(
    *,
    indicators: list[IndicatorInfo],
    structures: dict[int, tuple[str, str, str]],
    entries: list[Entry],
    previous_totals: dict[str, int] | None = None,
) -> Consolidation:
    """`structures`: every structure expected to report, id → (name, région code, région name);
    `entries`: the values of accepted returns only."""
    names = {pk: name for pk, (name, _code, _region) in structures.items()}
    expected_ids = set(structures)
    entries = [e for e in entries if e.structure_id in expected_ids]
    national = _sum_figures(indicators, entries, names, len(structures))
    if previous_totals is not None:
        for figure in national.values():
            figure.previous_total = previous_totals.get(figure.indicator.code)

    regions = {code: name for _n, code, name in structures.values() if code}
    regions = dict(sorted(regions.items(), key=lambda item: item[1]))
    by_region = {}
    for code in regions:
        member_ids = {pk for pk, (_n, region, _r) in structures.items() if region == code}
        by_region[code] = _sum_figures(
            indicators, [e for e in entries if e.structure_id in member_ids], names, len(member_ids)
        )

    by_id = {i.id: i for i in indicators}
    groups: dict[tuple[int, str], list[IndicatorInfo]] = defaultdict(list)
    for indicator in indicators:
        if indicator.share_group and indicator.parent_id in by_id:
            groups[(indicator.parent_id, indicator.share_group)].append(indicator)
    provided = {(e.structure_id, e.indicator_id): e.amount for e in entries if e.amount is not None}
    shares = []
    for (parent_id, group), members in groups.items():
        share = _share(group, by_id[parent_id], members, provided, expected_ids)
        if share is not None:
            shares.append(share)
    return Consolidation(
        indicators=indicators,
        expected=len(structures),
        national=national,
        regions=regions,
        by_region=by_region,
        shares=shares,
        has_previous=previous_totals is not None,
    )


def _share(
    group: str,
    total: IndicatorInfo,
    members: list[IndicatorInfo],
    provided: dict[tuple[int, int], int],
    expected_ids: set[int],
) -> "Share | None":
    """The share of `members` in `total`, over the structures that gave the total and every
    part: a part one structure did not give never counts as 0 for it; that structure is left
    out of both sides and the share says so. None when no structure gave everything."""
    complete = [
        pk for pk in sorted(expected_ids) if all((pk, i.id) in provided for i in (total, *members))
    ]
    denominator = sum(provided[(pk, total.id)] for pk in complete)
    if not denominator:
        return None  # no share without every part and a total: never a zero stand-in
    return Share(
        group=group,
        total_code=total.code,
        numerator=sum(provided[(pk, m.id)] for pk in complete for m in members),
        denominator=denominator,
        member_codes=tuple(m.code for m in members),
        structures_counted=len(complete),
        structures_expected=len(expected_ids),
    )


# The layout of the stored form below; bump it when it changes (older rows are then recomputed
# by `manage.py refresh_consolidations` and, meanwhile, the page consolidates afresh).
STORED_VERSION = 1
# A figure is stored as a list in this order, its indicator by id.
_FIGURE_FIELDS = (
    "expected",
    "total",
    "covered",
    "not_transmitted",
    "notes",
    "previous_total",
)


def _figure_row(figure: Figure) -> list:
    return [figure.indicator.id, *(getattr(figure, name) for name in _FIGURE_FIELDS)]


def _figure(row: list, by_id: dict[int, IndicatorInfo]) -> Figure:
    indicator_id, *values = row
    figure = Figure(indicator=by_id[indicator_id], **dict(zip(_FIGURE_FIELDS, values, strict=True)))
    figure.notes = [(name, note) for name, note in figure.notes]
    return figure


def to_stored(consolidation: Consolidation) -> dict:
    """`consolidation` as JSON-ready data (lists, strings, integers, None), in a fixed order."""
    return {
        "indicators": [list(astuple(i)) for i in consolidation.indicators],
        "expected": consolidation.expected,
        "national": [_figure_row(f) for f in consolidation.national.values()],
        "regions": [[code, name] for code, name in consolidation.regions.items()],
        "by_region": {
            code: [_figure_row(f) for f in figures.values()]
            for code, figures in consolidation.by_region.items()
        },
        "shares": [
            {**asdict(share), "member_codes": list(share.member_codes)}
            for share in consolidation.shares
        ],
        "has_previous": consolidation.has_previous,
    }


_INDICATOR_FIELDS = [f.name for f in fields(IndicatorInfo)]


def from_stored(data: dict) -> Consolidation:
    """The `Consolidation` that `to_stored` wrote."""
    indicators = [
        IndicatorInfo(**dict(zip(_INDICATOR_FIELDS, row, strict=True)))
        for row in data["indicators"]
    ]
    by_id = {i.id: i for i in indicators}

    def figures(rows: list) -> dict[int, Figure]:
        return {row[0]: _figure(row, by_id) for row in rows}

    return Consolidation(
        indicators=indicators,
        expected=data["expected"],
        national=figures(data["national"]),
        regions=dict(data["regions"]),
        by_region={code: figures(rows) for code, rows in data["by_region"].items()},
        shares=[
            Share(**{**share, "member_codes": tuple(share["member_codes"])})
            for share in data["shares"]
        ],
        has_previous=data["has_previous"],
    )


def _accepted_values(campaign_id: int):
    from .models import Value

    return Value.objects.filter(
        value_return__campaign_id=campaign_id, value_return__state=ReturnState.ACCEPTED
    )


def consolidate_campaign(campaign) -> Consolidation:
    """Load and consolidate `campaign` in a fixed number of queries (five, four without a
    previous campaign), whatever the number of structures, indicators and values."""
    from lanterne.network.models import Pole

    from .models import Indicator

    indicators = [
        IndicatorInfo(
            id=i.pk,
            code=i.code,
            label_fr=i.label_fr,
            label_en=i.label_en,
            unit=i.unit,
            period_type=i.period_type,
            public_kind=i.public_kind,
            parent_id=i.parent_id,
            share_group=i.share_group,
            definition=i.definition,
            counting_method=i.counting_method,
            definition_en=i.definition_en,
            counting_method_en=i.counting_method_en,
        )
        for i in Indicator.objects.filter(campaign=campaign).order_by("position", "code")
    ]
    rows = list(
        campaign.structures.order_by().values_list(
            "pk", "name", "commune__region_id", "commune__region__name"
        )
    )
    # A pôle's carrier belongs to its pôle's région, whatever its seat.
    pole_regions = {
        carrier: (code, name)
        for carrier, code, name in Pole.objects.filter(
            carriers__in=[row[0] for row in rows]
        ).values_list("carriers", "region_id", "region__name")
    }
    structures = {
        pk: (name, *pole_regions.get(pk, (code or "", region_name or "")))
        for pk, name, code, region_name in rows
    }
    entries = [
        Entry(
            structure_id=structure_id,
            indicator_id=indicator_id,
            amount=amount if status == ValueStatus.PROVIDED else None,
            note=note,
        )
        for structure_id, indicator_id, status, amount, note in _accepted_values(
            campaign.pk
        ).values_list(
            "value_return__structure_id", "indicator_id", "status", "amount", "counting_note"
        )
    ]
    previous_totals: dict[str, int] | None = None
    if campaign.previous_id:
        previous_totals = {}
        for code, amount in (
            _accepted_values(campaign.previous_id)
            .filter(status=ValueStatus.PROVIDED)
            .values_list("indicator__code", "amount")
        ):
            previous_totals[code] = previous_totals.get(code, 0) + amount
    return consolidate(
        indicators=indicators,
        structures=structures,
        entries=entries,
        previous_totals=previous_totals,
    )
