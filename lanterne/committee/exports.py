"""The dossiers of a call as a table for the selection committee and the DRAC, and the dossiers
of every call a coordination manages (all years), written by `lanterne.core.exports` (CSV in
its spreadsheet dialect, XLSX).

Rows are built one by one from `.iterator(chunk_size=500)` with the eligibility prefetches, so
memory stays flat whatever the number of dossiers and the query count depends on the number of
chunks, not of rows. The calls are fetched once, with what the engine reads of them, and shared
by their dossiers; a dossier's verdict is the one frozen at its submission (the engine runs only
for a dossier submitted before verdicts were kept). Labels in words are looked up once per
export (`_Labels`), not once per value.

Amounts stay `Decimal` up to the writer: the CSV writes them with two decimals, the XLSX
hands the `Decimal` itself to openpyxl (stored as a number, shown in euros). They are summed
from the prefetched budget lines by `budget_totals`, the engine's own sums.
"""

import datetime
from collections.abc import Iterable, Iterator
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from lanterne.calls.enums import Funder, RuleCode
from lanterne.calls.models import Call, CallRule
from lanterne.calls.rules import ORDER
from lanterne.core.choices import choice_label
from lanterne.core.exports import INTEGER, MONEY, RATIO, Column, Table
from lanterne.core.money import CENT, format_percent, share
from lanterne.dossiers.content import verdict_at_submission
from lanterne.dossiers.eligibility import Report, territory_reference_date
from lanterne.dossiers.enums import ActionKind, DossierState, RuleStatus
from lanterne.dossiers.models import Dossier
from lanterne.dossiers.selectors import budget_totals

from .enums import Verdict
from .models import CommitteeSession, Opinion

CHUNK_SIZE = 500


def export_queryset(call: Call, session: CommitteeSession | None = None):
    """The dossiers of the export: every dossier past the draft stage, or one session's."""
    queryset = Dossier.objects.filter(call=call).exclude(state=DossierState.DRAFT)
    if session is not None:
        queryset = Dossier.objects.filter(
            pk__in=CommitteeSession.dossiers.through.objects.filter(
                committeesession=session
            ).values("dossier_id"),
            call=call,
        )
    return _with_parts(queryset, session)


def _with_parts(queryset, session: CommitteeSession | None = None):
    opinions = Opinion.objects.order_by("given_at", "pk")
    if session is not None:
        opinions = opinions.filter(session=session)
    return (
        queryset.for_eligibility(calls_shared=True)
        .prefetch_related(Prefetch("opinions", queryset=opinions))
        .order_by("reference")
    )


def rule_codes(call: Call) -> list[str]:
    codes = list(call.rules.values_list("code", flat=True))
    return sorted(codes, key=lambda code: ORDER.get(code, 99))


def columns(codes: list[str]) -> list[Column]:
    return [
        Column("reference", _("Référence")),
        Column("applicant", _("Porteur de projet")),
        Column("siret", _("SIRET")),
        Column("title", _("Titre du projet")),
        Column("communes", _("Communes")),
        Column("qpv", _("QPV")),
        Column("rural", _("ZRR / FRR au début des actions")),
        Column("actions_voir", _("Actions voir"), INTEGER),
        Column("actions_faire", _("Actions faire"), INTEGER),
        Column("total_budget", _("Budget total (€)"), MONEY),
        Column("drac_request", _("Demande DRAC (€)"), MONEY),
        Column("drac_share", _("Part DRAC (ratio)"), RATIO),
        Column("drac_share_display", _("Part DRAC (%)")),
        Column("eligibility", _("Éligibilité")),
        *[Column(f"rule:{code}", choice_label(RuleCode, code)) for code in codes],
        Column("opinions_favourable", _("Avis favorables"), INTEGER),
        Column("opinions_reserved", _("Avis réservés"), INTEGER),
        Column("opinions_unfavourable", _("Avis défavorables"), INTEGER),
        Column("proposed_total", _("Total des montants proposés (€)"), MONEY),
        Column("state", _("État")),
        Column("granted_amount", _("Montant attribué (€)"), MONEY),
    ]


def every_call_columns(codes: list[str]) -> list[Column]:
    """The columns of the dossiers of several calls: each dossier's call first."""
    return [
        Column("call", _("Appel")),
        Column("year", _("Année"), INTEGER),
        Column("region", _("Région")),
        *columns(codes),
    ]


def _money(value) -> Decimal | None:
    return None if value is None else Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


class _Labels:
    """The words of an export, each looked up once (in the current language) rather than for
    every value: states, rule statuses, eligibility summaries, shares as percentages."""

    def __init__(self) -> None:
        self.states = {state: str(label) for state, label in DossierState.choices}
        self.statuses = {status: str(label) for status, label in RuleStatus.choices}
        self._summaries: dict[tuple, str] = {}
        # Shares repeat (40 %, 60 %…): a bounded memo keeps memory flat.
        self.percent = lru_cache(maxsize=4096)(format_percent)

    def summary(self, report: Report) -> str:
        key = tuple(result.code for result in report.blocking_failures)
        if key not in self._summaries:
            self._summaries[key] = report.summary()
        return self._summaries[key]


def dossier_row(
    dossier: Dossier, day: datetime.date, codes: list[str], labels: _Labels | None = None
) -> dict:
    """One dossier as a dict of column key → value (Decimal for amounts, int for counts)."""
    labels = labels or _Labels()
    communes = sorted(dossier.communes.all(), key=lambda c: c.name)
    rural = []
    for commune in communes:
        zoning = commune.rural_priority_on(day)
        if zoning is not None:
            rural.append(f"{commune.name} : {zoning.scheme.upper()}")
    kinds = [action.kind for action in dossier.actions.all()]
    totals = budget_totals(dossier.budget_lines.all())
    total = _money(totals.expenses) if totals.has_expenses else None
    drac = _money(totals.by_funder.get(Funder.DRAC))
    ratio = share(drac, total) if drac is not None and total else None
    report = verdict_at_submission(dossier)
    statuses = {
        result.code: labels.statuses.get(result.status) or result.status_label
        for result in report.results
    }
    verdicts = dict.fromkeys(Verdict.values, 0)
    proposed = Decimal(0)
    for opinion in dossier.opinions.all():
        verdicts[opinion.verdict] += 1
        if opinion.proposed_amount is not None:
            proposed += opinion.proposed_amount
    row = {
        "reference": dossier.reference,
        "applicant": dossier.applicant.name,
        "siret": dossier.applicant.siret or "",
        "title": dossier.title,
        "communes": ", ".join(f"{c.name} ({c.code})" for c in communes),
        "qpv": ", ".join(sorted(q.code for q in dossier.qpvs.all())),
        "rural": ", ".join(rural),
        "actions_voir": kinds.count(ActionKind.VOIR),
        "actions_faire": kinds.count(ActionKind.FAIRE),
        "total_budget": total,
        "drac_request": drac,
        "drac_share": ratio,
        "drac_share_display": labels.percent(ratio) if ratio is not None else "",
        "eligibility": labels.summary(report),
        "opinions_favourable": verdicts[Verdict.FAVOURABLE],
        "opinions_reserved": verdicts[Verdict.RESERVED],
        "opinions_unfavourable": verdicts[Verdict.UNFAVOURABLE],
        "proposed_total": _money(proposed),
        "state": labels.states.get(dossier.state, dossier.state),
        "granted_amount": _money(dossier.granted_amount),
    }
    for code in codes:
        row[f"rule:{code}"] = statuses.get(code, "")
    return row


def _rows(dossiers, calls: dict[int, Call], codes: list[str], *, with_call: bool) -> Iterator[dict]:
    """The rows of `dossiers` (read with `_with_parts`), each reading its call from `calls`."""
    days = {pk: territory_reference_date(call) for pk, call in calls.items()}
    labels = _Labels()
    regions = (
        {pk: call.region.name if call.region_id else "" for pk, call in calls.items()}
        if with_call
        else {}
    )
    for dossier in dossiers.iterator(chunk_size=CHUNK_SIZE):
        call = calls[dossier.call_id]
        dossier.call = call  # one prefetched call for all its dossiers
        row = dossier_row(dossier, days[call.pk], codes, labels)
        if with_call:
            row.update(call=call.title, year=call.year, region=regions[call.pk])
        yield row


def dossier_rows(call: Call, session: CommitteeSession | None = None) -> Iterator[dict]:
    call = Call.objects.for_eligibility().get(pk=call.pk)
    yield from _rows(
        export_queryset(call, session), {call.pk: call}, rule_codes(call), with_call=False
    )


def dossiers_table(call: Call, session: CommitteeSession | None = None) -> Table:
    """The export's one declaration: CSV and XLSX are both written from it by `core.exports`."""
    return Table(_("Dossiers"), columns(rule_codes(call)), dossier_rows(call, session))


# ---------------------------------------------------------------------------------------------
# The dossiers of every call a coordination manages, all years
# ---------------------------------------------------------------------------------------------


def every_call_codes(calls: Iterable[int]) -> list[str]:
    """The rule codes of any of `calls`, in the rules' order (a call without a rule leaves its
    column empty)."""
    codes = set(CallRule.objects.filter(call__in=calls).values_list("code", flat=True).distinct())
    return sorted(codes, key=lambda code: (ORDER.get(code, 99), code))


def every_call_rows(calls, codes: list[str]) -> Iterator[dict]:
    fetched = {
        call.pk: call
        for call in Call.objects.filter(pk__in=calls).for_eligibility().select_related("region")
    }
    dossiers = Dossier.objects.filter(call__in=calls).exclude(state=DossierState.DRAFT)
    yield from _rows(_with_parts(dossiers), fetched, codes, with_call=True)


def every_call_table(calls) -> Table:
    """The dossiers past the draft stage of `calls` (a queryset: `Call.objects.managed_by`), one
    row each with its call, year and région, whatever the number of calls and dossiers."""
    codes = every_call_codes(calls)
    return Table(_("Dossiers"), every_call_columns(codes), every_call_rows(calls, codes))
