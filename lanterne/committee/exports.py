"""The dossiers of a call as a table for the selection committee and the DRAC, written by
`lanterne.core.exports` (CSV in its spreadsheet dialect, XLSX).

Rows are built one by one from `.iterator(chunk_size=500)` with the eligibility prefetches, so
memory stays flat whatever the number of dossiers and the query count depends on the number of
chunks, not of rows.

Amounts stay `Decimal` up to the writer: the CSV writes them with two decimals, the XLSX
hands the `Decimal` itself to openpyxl (stored as a number, shown in euros).
"""

import datetime
from collections.abc import Iterator
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from lanterne.calls.enums import RuleCode
from lanterne.calls.models import Call
from lanterne.calls.rules import ORDER
from lanterne.core.choices import choice_label
from lanterne.core.exports import INTEGER, MONEY, RATIO, Column, Table
from lanterne.core.money import CENT, format_percent, share
from lanterne.dossiers.content import verdict_at_submission
from lanterne.dossiers.eligibility import territory_reference_date
from lanterne.dossiers.enums import ActionKind, DossierState
from lanterne.dossiers.models import Dossier

from .enums import Verdict
from .models import CommitteeSession, Opinion

CHUNK_SIZE = 500


def export_queryset(call: Call, session: CommitteeSession | None = None):
    """The dossiers of the export: every dossier past the draft stage, or one session's."""
    opinions = Opinion.objects.order_by("given_at", "pk")
    if session is not None:
        opinions = opinions.filter(session=session)
    queryset = Dossier.objects.filter(call=call).exclude(state=DossierState.DRAFT)
    if session is not None:
        # A subquery, not a join: joining the session table would multiply the budget sums.
        queryset = Dossier.objects.filter(
            pk__in=CommitteeSession.dossiers.through.objects.filter(
                committeesession=session
            ).values("dossier_id"),
            call=call,
        )
    return (
        queryset.for_eligibility(call=call)
        .with_budget_totals()
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


def _money(value) -> Decimal | None:
    return None if value is None else Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


def dossier_row(dossier: Dossier, day: datetime.date, codes: list[str]) -> dict:
    """One dossier as a dict of column key → value (Decimal for amounts, int for counts)."""
    communes = sorted(dossier.communes.all(), key=lambda c: c.name)
    rural = []
    for commune in communes:
        zoning = commune.rural_priority_on(day)
        if zoning is not None:
            rural.append(f"{commune.name} : {zoning.scheme.upper()}")
    kinds = [action.kind for action in dossier.actions.all()]
    # Summed in the database by `with_budget_totals`, which the rows are read with.
    total = _money(dossier.total_expenses)  # type: ignore[attr-defined]
    drac = _money(dossier.drac_request)  # type: ignore[attr-defined]
    ratio = share(drac, total) if drac is not None and total else None
    report = verdict_at_submission(dossier)
    statuses = {result.code: result.status_label for result in report.results}
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
        "drac_share_display": format_percent(ratio) if ratio is not None else "",
        "eligibility": report.summary(),
        "opinions_favourable": verdicts[Verdict.FAVOURABLE],
        "opinions_reserved": verdicts[Verdict.RESERVED],
        "opinions_unfavourable": verdicts[Verdict.UNFAVOURABLE],
        "proposed_total": _money(proposed),
        "state": dossier.state_label,
        "granted_amount": _money(dossier.granted_amount),
    }
    for code in codes:
        row[f"rule:{code}"] = statuses.get(code, "")
    return row


def dossier_rows(call: Call, session: CommitteeSession | None = None) -> Iterator[dict]:
    call = Call.objects.for_eligibility().get(pk=call.pk)
    day = territory_reference_date(call)
    codes = rule_codes(call)
    for dossier in export_queryset(call, session).iterator(chunk_size=CHUNK_SIZE):
        dossier.call = call  # one prefetched call for every row
        yield dossier_row(dossier, day, codes)


def dossiers_table(call: Call, session: CommitteeSession | None = None) -> Table:
    """The export's one declaration: CSV and XLSX are both written from it by `core.exports`."""
    return Table(_("Dossiers"), columns(rule_codes(call)), dossier_rows(call, session))
