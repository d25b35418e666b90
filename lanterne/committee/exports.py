"""The dossiers of a call as a table for the selection committee and the DRAC, and the dossiers
of every call a coordination manages (all years), written by `lanterne.core.exports` (CSV in
its spreadsheet dialect, XLSX).

A row costs what its values cost, whatever the number of dossiers (the network's 160 000 at
national scale): the dossiers are read as tuples (`values_list`), `CHUNK_SIZE` at a time in
the order of their references (each chunk starts after the last reference of the one before:
an index scan, no cursor holding the whole result), and for each chunk their parts are read
grouped by dossier — communes with the rural zonings of those communes, QPVs, actions counted
by type, budget lines summed by side and funder in the database, opinions counted and summed
by verdict — a fixed number of queries per chunk, never one per row, and no model instance.
A dossier's verdict is the one frozen at its submission; the engine runs only for a dossier
submitted before verdicts were kept (its chunk then reads it with the engine's prefetches,
once). What a row's words depend on (a state's label, a verdict's summary and statuses, a
share as a percentage) is worked out once per export, not once per value.

Amounts stay `Decimal` up to the writer: the CSV writes them with two decimals, the XLSX hands
the `Decimal` itself to openpyxl (stored as a number, shown in euros).
"""

import datetime
from collections import defaultdict
from collections.abc import Iterable, Iterator
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

from django.db.models import Count, Sum
from django.utils.translation import gettext as _

from lanterne.calls.enums import Funder, RuleCode
from lanterne.calls.models import Call, CallRule
from lanterne.calls.rules import ORDER
from lanterne.core.choices import choice_label
from lanterne.core.exports import INTEGER, MONEY, RATIO, Column, Table
from lanterne.core.money import CENT, format_percent, share
from lanterne.dossiers.content import verdict_at_submission
from lanterne.dossiers.eligibility import Report, territory_reference_date
from lanterne.dossiers.enums import (
    ACTION_TYPE_KIND,
    ActionKind,
    BudgetSide,
    DossierState,
)
from lanterne.dossiers.models import BudgetLine, Dossier, PlannedAction
from lanterne.territories.models import RuralZoning

from .enums import Verdict
from .models import CommitteeSession, Opinion

# Dossiers read per chunk: each chunk costs its fixed handful of queries.
CHUNK_SIZE = 2000
# What a row reads of the dossier itself (and of its applicant), in this order.
ROW_FIELDS = (
    "pk",
    "call_id",
    "reference",
    "applicant__name",
    "applicant__siret",
    "title",
    "state",
    "granted_amount",
    "submitted_eligibility",
)


def export_queryset(call: Call, session: CommitteeSession | None = None):
    """The dossiers of the export: every dossier past the draft stage, or one session's."""
    if session is not None:
        return Dossier.objects.filter(
            pk__in=CommitteeSession.dossiers.through.objects.filter(
                committeesession=session
            ).values("dossier_id"),
            call=call,
        )
    return Dossier.objects.filter(call=call).exclude(state=DossierState.DRAFT)


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
    """The words of an export, each worked out once (in the current language) rather than for
    every value: states, eligibility summaries and rule statuses, shares as percentages."""

    def __init__(self, codes: list[str]) -> None:
        self.codes = codes
        self.states = {state: str(label) for state, label in DossierState.choices}
        self._verdicts: dict[tuple, tuple[str, tuple[str, ...]]] = {}
        # Shares repeat (40 %, 60 %…): a bounded memo keeps memory flat.
        self.percent = lru_cache(maxsize=4096)(format_percent)

    def _words(self, report: Report) -> tuple[str, tuple[str, ...]]:
        statuses = {result.code: result.status_label for result in report.results}
        return report.summary(), tuple(statuses.get(code, "") for code in self.codes)

    def frozen(self, kept: dict) -> tuple[str, tuple[str, ...]]:
        """The summary and each rule's status (in `codes`' order) of a verdict frozen at
        submission: what they depend on (each rule's code, status and blocking) is the key of
        a memo, the messages are not read."""
        key = tuple((rule["code"], rule["status"], rule["is_blocking"]) for rule in kept["rules"])
        words = self._verdicts.get(key)
        if words is None:
            words = self._verdicts[key] = self._words(Report.thawed(kept))
        return words

    def evaluated(self, report: Report) -> tuple[str, tuple[str, ...]]:
        return self._words(report)


class _Parts:
    """The parts of one chunk of dossiers that a row shows, read grouped by dossier."""

    def __init__(self, dossiers, session: CommitteeSession | None) -> None:
        # `dossiers`: the chunk's dossiers as a subquery (a range of references), not as a list
        # of thousands of keys that the driver would bind one by one into the SQL.
        self.communes: dict[int, list[tuple[str, str]]] = defaultdict(list)
        for dossier_id, code, name in Dossier.communes.through.objects.filter(
            dossier_id__in=dossiers
        ).values_list("dossier_id", "commune_id", "commune__name"):
            self.communes[dossier_id].append((name, code))
        # Only the classifications that can make a commune rural-priority (`priority()`); the
        # day of each call is compared in `rural_scheme`, as `RuralZoning.applies_on` does.
        self.zonings: dict[str, list[tuple]] = defaultdict(list)
        for commune_id, scheme, valid_from, valid_until in (
            RuralZoning.objects.priority()
            .filter(
                commune_id__in=Dossier.communes.through.objects.filter(
                    dossier_id__in=dossiers
                ).values("commune_id")
            )
            .order_by()
            .values_list("commune_id", "scheme", "valid_from", "valid_until")
        ):
            self.zonings[commune_id].append((valid_from, valid_until, scheme))
        self.qpvs: dict[int, list[str]] = defaultdict(list)
        for dossier_id, code in Dossier.qpvs.through.objects.filter(
            dossier_id__in=dossiers
        ).values_list("dossier_id", "qpv_id"):
            self.qpvs[dossier_id].append(code)
        self.kinds: dict[int, dict[str, int]] = defaultdict(lambda: dict.fromkeys(ActionKind, 0))
        for dossier_id, action_type, n in (
            PlannedAction.objects.filter(dossier_id__in=dossiers)
            .order_by()
            .values_list("dossier_id", "action_type")
            .annotate(n=Count("pk"))
        ):
            kind = ACTION_TYPE_KIND.get(action_type)
            if kind is not None:
                self.kinds[dossier_id][kind] += n
        # `budget_totals`' sums, in the database: all expense lines, the resources asked of
        # the DRAC; None where there is no such line.
        self.expenses: dict[int, Decimal] = {}
        self.drac: dict[int, Decimal] = {}
        for dossier_id, side, funder, amount in (
            BudgetLine.objects.filter(dossier_id__in=dossiers)
            .order_by()
            .values_list("dossier_id", "side", "funder")
            .annotate(amount=Sum("amount"))
        ):
            if side == BudgetSide.EXPENSE:
                self.expenses[dossier_id] = self.expenses.get(dossier_id, Decimal(0)) + amount
            elif side == BudgetSide.RESOURCE and funder == Funder.DRAC:
                self.drac[dossier_id] = amount
        opinions = Opinion.objects.filter(dossier_id__in=dossiers)
        if session is not None:
            opinions = opinions.filter(session=session)
        self.verdicts: dict[int, dict[str, int]] = defaultdict(
            lambda: dict.fromkeys(Verdict.values, 0)
        )
        self.proposed: dict[int, Decimal] = {}
        for dossier_id, verdict, n, proposed in (
            opinions.order_by()
            .values_list("dossier_id", "verdict")
            .annotate(n=Count("pk"), proposed=Sum("proposed_amount"))
        ):
            self.verdicts[dossier_id][verdict] += n
            if proposed is not None:
                self.proposed[dossier_id] = self.proposed.get(dossier_id, Decimal(0)) + proposed

    def rural_scheme(self, code: str, day: datetime.date) -> str | None:
        """The scheme (ZRR, FRR) that made the commune rural-priority on `day`, the latest
        classification in force winning (`Commune.rural_priority_on`)."""
        found = None
        for valid_from, valid_until, scheme in self.zonings.get(code, ()):
            in_force = valid_from <= day and (valid_until is None or valid_until >= day)
            if in_force and (found is None or valid_from > found[0]):
                found = (valid_from, scheme)
        return found[1] if found else None


class _Rows:
    """The rows of dossiers read from `queryset` (ordered by reference), each dict keyed by
    column; `calls` are the calls they may belong to (with their région for `with_call`)."""

    def __init__(
        self,
        queryset,
        calls: dict[int, Call],
        codes: list[str],
        *,
        with_call: bool,
        session: CommitteeSession | None = None,
    ) -> None:
        self.queryset = queryset
        self.calls = calls
        self.codes = codes
        self.with_call = with_call
        self.session = session
        self._eligible_calls: dict[int, Call] | None = None

    def _evaluated(self, pks: list[int]) -> dict[int, Report]:
        """The verdicts of dossiers never frozen, from the engine (as of their submission),
        read with its prefetches and the calls with what it reads of them, fetched once."""
        if self._eligible_calls is None:
            self._eligible_calls = {
                call.pk: call
                for call in Call.objects.filter(pk__in=list(self.calls)).for_eligibility()
            }
        reports = {}
        dossiers = (
            Dossier.objects.filter(pk__in=pks)
            .defer("submitted_content")
            .for_eligibility(calls_shared=True)
            .order_by()
        )
        for dossier in dossiers:
            dossier.call = self._eligible_calls[dossier.call_id]
            reports[dossier.pk] = verdict_at_submission(dossier)
        return reports

    def __iter__(self) -> Iterator[dict]:
        labels = _Labels(self.codes)
        days = {pk: territory_reference_date(call) for pk, call in self.calls.items()}
        of_call = (
            {
                pk: {
                    "call": call.title,
                    "year": call.year,
                    "region": call.region.name if call.region_id else "",
                }
                for pk, call in self.calls.items()
            }
            if self.with_call
            else {}
        )
        rule_keys = [f"rule:{code}" for code in self.codes]
        no_kinds = dict.fromkeys(ActionKind, 0)
        no_verdicts = dict.fromkeys(Verdict.values, 0)

        def read(last: str | None) -> list[tuple]:
            # The next chunk after reference `last` (through the index on references: no
            # cursor holding the whole result). A frozen verdict (its messages in every
            # language: a few kilobytes decoded) is turned into its words as soon as it is
            # read, never kept for a whole chunk.
            rows = self.queryset.order_by("reference")
            if last is not None:
                rows = rows.filter(reference__gt=last)
            return [
                (*row, None if kept is None else labels.frozen(kept))
                for *row, kept in rows.values_list(*ROW_FIELDS)[:CHUNK_SIZE].iterator(
                    chunk_size=200
                )
            ]

        chunk = read(None)
        while chunk:
            # The chunk's dossiers: those of the export between its first and last references.
            dossiers = self.queryset.filter(
                reference__gte=chunk[0][2], reference__lte=chunk[-1][2]
            ).values("pk")
            parts = _Parts(dossiers, self.session)
            unfrozen = [row[0] for row in chunk if row[8] is None]
            evaluated = self._evaluated(unfrozen) if unfrozen else {}
            for pk, call_id, reference, name, siret, title, state, granted, words in chunk:
                day = days[call_id]
                communes = sorted(parts.communes.get(pk, ()))
                rural = []
                for commune_name, code in communes:
                    scheme = parts.rural_scheme(code, day)
                    if scheme is not None:
                        rural.append(f"{commune_name} : {scheme.upper()}")
                kinds = parts.kinds.get(pk, no_kinds)
                expenses = parts.expenses.get(pk)
                total = _money(expenses)
                drac = _money(parts.drac.get(pk))
                ratio = share(drac, total) if drac is not None and total else None
                summary, statuses = words or labels.evaluated(evaluated[pk])
                verdicts = parts.verdicts.get(pk, no_verdicts)
                row = {
                    "reference": reference,
                    "applicant": name,
                    "siret": siret or "",
                    "title": title,
                    "communes": ", ".join(f"{n} ({code})" for n, code in communes),
                    "qpv": ", ".join(sorted(parts.qpvs.get(pk, ()))),
                    "rural": ", ".join(rural),
                    "actions_voir": kinds[ActionKind.VOIR],
                    "actions_faire": kinds[ActionKind.FAIRE],
                    "total_budget": total,
                    "drac_request": drac,
                    "drac_share": ratio,
                    "drac_share_display": labels.percent(ratio) if ratio is not None else "",
                    "eligibility": summary,
                    "opinions_favourable": verdicts[Verdict.FAVOURABLE],
                    "opinions_reserved": verdicts[Verdict.RESERVED],
                    "opinions_unfavourable": verdicts[Verdict.UNFAVOURABLE],
                    "proposed_total": _money(parts.proposed.get(pk, Decimal(0))),
                    "state": labels.states.get(state, state),
                    "granted_amount": _money(granted),
                }
                row.update(zip(rule_keys, statuses, strict=True))
                if self.with_call:
                    row.update(of_call[call_id])
                yield row
            chunk = read(chunk[-1][2]) if len(chunk) == CHUNK_SIZE else []


def dossier_rows(call: Call, session: CommitteeSession | None = None) -> Iterator[dict]:
    yield from _Rows(
        export_queryset(call, session),
        {call.pk: call},
        rule_codes(call),
        with_call=False,
        session=session,
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
        for call in Call.objects.filter(pk__in=calls)
        .select_related("region")
        .prefetch_related("milestones")  # each call's day of reference for rural zonings
    }
    dossiers = Dossier.objects.filter(call__in=calls).exclude(state=DossierState.DRAFT)
    yield from _Rows(dossiers, fetched, codes, with_call=True)


def every_call_table(calls) -> Table:
    """The dossiers past the draft stage of `calls` (a queryset: `Call.objects.managed_by`), one
    row each with its call, year and région, whatever the number of calls and dossiers."""
    codes = every_call_codes(calls)
    return Table(_("Dossiers"), every_call_columns(codes), every_call_rows(calls, codes))
