"""Each eligibility rule at and around its bounds, with its plain-language reason."""

import datetime
from decimal import Decimal

import pytest

from lanterne.calls.enums import DocumentKind, FilmListKind, Funder, PartnerRole, RuleCode
from lanterne.calls.models import CallRule
from lanterne.dossiers.eligibility import evaluate
from lanterne.dossiers.enums import ActionType, BudgetSide, RuleStatus
from lanterne.dossiers.models import BudgetLine, Dossier, Partner, PlannedAction
from tests.calls.factories import film
from tests.dossiers.factories import DossierFactory
from tests.territories.factories import CommuneFactory, RuralZoningFactory


def result(dossier, code, at=None):
    dossier = Dossier.objects.for_content().get(pk=dossier.pk)
    report = evaluate(dossier, at=at or dossier.call.deadline)
    return next(r for r in report.results if r.code == code)


def set_budget(dossier, *, expenses: str, drac: str | None, others: dict[str, str] | None = None):
    dossier.budget_lines.all().delete()
    BudgetLine.objects.create(
        dossier=dossier,
        side=BudgetSide.EXPENSE,
        category="speakers",
        label="x",
        amount=Decimal(expenses),
    )
    if drac is not None:
        BudgetLine.objects.create(
            dossier=dossier,
            side=BudgetSide.RESOURCE,
            funder=Funder.DRAC,
            label="DRAC",
            amount=Decimal(drac),
        )
    for funder, amount in (others or {}).items():
        BudgetLine.objects.create(
            dossier=dossier,
            side=BudgetSide.RESOURCE,
            funder=funder,
            label=funder,
            amount=Decimal(amount),
        )


def test_complete_dossier_is_eligible():
    """The reference dossier passes all twelve rules of the 2024 Occitanie call."""
    dossier = Dossier.objects.for_content().get(pk=DossierFactory(complete=True).pk)
    report = evaluate(dossier, at=dossier.call.deadline)
    assert [r.status for r in report.results] == [RuleStatus.PASS] * 12
    assert report.eligible


def test_empty_draft_has_rules_not_yet_answerable():
    """A fresh draft is not failed on what it has not answered yet: those rules are pending."""
    dossier = DossierFactory()
    statuses = {
        r.code: r.status
        for r in evaluate(
            Dossier.objects.for_content().get(pk=dossier.pk), at=dossier.call.deadline
        ).results
    }
    for code in (
        "grant_ceiling",
        "grant_share",
        "budget_balanced",
        "tripartite",
        "public",
        "territory",
        "parcours",
        "films",
    ):
        assert statuses[code] == RuleStatus.PENDING, code


@pytest.mark.parametrize(
    ("drac", "expected"),
    [("4999.99", "pass"), ("5000.00", "pass"), ("5000.01", "fail"), ("5200.00", "fail")],
)
def test_grant_ceiling_bounds(drac, expected):
    """The DRAC request may reach 5 000 € exactly; one cent more fails."""
    dossier = DossierFactory(complete=True)
    set_budget(dossier, expenses="20000.00", drac=drac)
    assert result(dossier, RuleCode.GRANT_CEILING).status == expected


def test_grant_ceiling_message_names_request_and_ceiling():
    """The reason says the request and the ceiling, in euros, the French way."""
    dossier = DossierFactory(complete=True)
    set_budget(dossier, expenses="20000.00", drac="5200.00")
    message = result(dossier, RuleCode.GRANT_CEILING).message
    assert "5\xa0200,00\xa0€" in message.replace(" €", "\xa0€")
    assert "5\xa0000,00" in message


@pytest.mark.parametrize(
    ("expenses", "drac", "expected"),
    [
        ("5000.00", "3000.00", "pass"),  # exactly 60 %
        ("5000.00", "3000.01", "fail"),  # just above
        ("3333.33", "2000.00", "fail"),  # 60.00006 %: exact comparison, no rounding
        ("3333.34", "2000.00", "pass"),  # 59.9998 %
    ],
)
def test_grant_share_bounds(expenses, drac, expected):
    """The DRAC request may be 60 % of the total budget exactly, compared without rounding."""
    dossier = DossierFactory(complete=True)
    set_budget(dossier, expenses=expenses, drac=drac)
    assert result(dossier, RuleCode.GRANT_SHARE).status == expected


def test_grant_parameters_come_from_the_call():
    """Another région's call with a 3 000 € ceiling fails a 4 000 € request."""
    dossier = DossierFactory(complete=True)
    CallRule.objects.filter(call=dossier.call, code=RuleCode.GRANT_CEILING).update(
        params={"funder": "drac", "max_amount": "3000.00"}
    )
    assert result(dossier, RuleCode.GRANT_CEILING).status == RuleStatus.FAIL


def test_non_blocking_rule_fails_as_warning_and_does_not_block():
    """A rule the coordinator set to warn only shows a warning; the dossier stays eligible."""
    dossier = DossierFactory(complete=True)
    CallRule.objects.filter(call=dossier.call, code=RuleCode.GRANT_CEILING).update(
        is_blocking=False
    )
    set_budget(dossier, expenses="10000.00", drac="5200.00", others={Funder.COMMUNE: "4800.00"})
    dossier = Dossier.objects.for_content().get(pk=dossier.pk)
    report = evaluate(dossier, at=dossier.call.deadline)
    assert result(dossier, RuleCode.GRANT_CEILING).status == RuleStatus.WARNING
    assert report.eligible


def test_other_funders_required_besides_drac_and_own_funds():
    """DRAC plus the applicant's own funds is not co-financing."""
    dossier = DossierFactory(complete=True)
    set_budget(dossier, expenses="6000.00", drac="3000.00", others={Funder.OWN_FUNDS: "3000.00"})
    assert result(dossier, RuleCode.OTHER_FUNDERS).status == RuleStatus.FAIL
    set_budget(dossier, expenses="6000.00", drac="3000.00", others={Funder.CAF: "3000.00"})
    assert result(dossier, RuleCode.OTHER_FUNDERS).status == RuleStatus.PASS


def test_budget_balanced_to_the_cent():
    """Expenses and resources must be equal; one cent of difference fails and is named."""
    dossier = DossierFactory(complete=True)
    set_budget(dossier, expenses="6000.00", drac="3000.00", others={Funder.CAF: "2999.99"})
    outcome = result(dossier, RuleCode.BUDGET_BALANCED)
    assert outcome.status == RuleStatus.FAIL
    assert "0,01" in outcome.message


def test_tripartite_names_the_missing_partner():
    dossier = DossierFactory(complete=True)
    Partner.objects.filter(dossier=dossier, role=PartnerRole.DIFFUSION).delete()
    outcome = result(dossier, RuleCode.TRIPARTITE)
    assert outcome.status == RuleStatus.FAIL
    assert "diffusion" in outcome.message


@pytest.mark.parametrize(
    ("ages", "far", "expected"),
    [
        ((12, 25), False, "pass"),
        ((25, 40), False, "pass"),
        ((26, 60), False, "fail"),
        ((6, 11), False, "fail"),
        ((26, 60), True, "pass"),
    ],
)
def test_public_ages_or_far_from_culture(ages, far, expected):
    """Young people 12–25 and/or a public far from cultural practice."""
    dossier = DossierFactory(complete=True)
    Dossier.objects.filter(pk=dossier.pk).update(
        age_min=ages[0], age_max=ages[1], far_from_culture=far
    )
    assert result(dossier, RuleCode.PUBLIC).status == expected


@pytest.mark.parametrize(
    ("actions_start", "expected"),
    [("2024-06-30", "pass"), ("2024-07-01", "fail")],
)
def test_territory_zrr_until_30_june_2024(actions_start, expected):
    """A commune classified ZRR but not FRR counts for a call whose actions start by
    30 June 2024, not after: the zoning is read at the start of the call's actions."""
    dossier = DossierFactory(complete=True)
    dossier.qpvs.clear()
    commune = CommuneFactory()
    dossier.communes.set([commune])
    RuralZoningFactory(commune=commune, zrr=True)
    milestone = dossier.call.milestones.get(kind="actions")
    milestone.starts_at = datetime.datetime.fromisoformat(f"{actions_start}T09:00:00+02:00")
    milestone.save()
    outcome = result(dossier, RuleCode.TERRITORY)
    assert outcome.status == expected
    if expected == "pass":
        assert "ZRR" in outcome.message


def test_territory_frr_from_1_july_2024():
    """An FRR commune counts from 1 July 2024."""
    dossier = DossierFactory(complete=True)
    dossier.qpvs.clear()
    commune = CommuneFactory()
    dossier.communes.set([commune])
    RuralZoningFactory(commune=commune, frr=True)
    milestone = dossier.call.milestones.get(kind="actions")
    milestone.starts_at = datetime.datetime.fromisoformat("2024-07-01T00:00:00+02:00")
    milestone.save()
    outcome = result(dossier, RuleCode.TERRITORY)
    assert outcome.status == RuleStatus.PASS
    assert "FRR" in outcome.message


def test_parcours_needs_three_actions_mixing_voir_and_faire():
    dossier = DossierFactory(complete=True)
    PlannedAction.objects.filter(dossier=dossier, action_type=ActionType.CREATION_WORKSHOP).delete()
    PlannedAction.objects.create(
        dossier=dossier, action_type=ActionType.PROGRAMMING_WORKSHOP, title="Programmation"
    )
    outcome = result(dossier, RuleCode.PARCOURS)
    assert outcome.status == RuleStatus.FAIL
    assert "faire" in outcome.message
    PlannedAction.objects.filter(dossier=dossier).exclude(
        action_type=ActionType.PROGRAMMING_WORKSHOP
    ).delete()
    assert "1 action" in result(dossier, RuleCode.PARCOURS).message


def test_films_must_come_from_the_matching_list():
    """An open-air screening showing a film of the accompanied list fails."""
    dossier = DossierFactory(complete=True)
    PlannedAction.objects.filter(dossier=dossier, action_type=ActionType.OPEN_AIR).update(
        film=film(dossier.call, FilmListKind.ACCOMPANIED)
    )
    outcome = result(dossier, RuleCode.FILMS)
    assert outcome.status == RuleStatus.FAIL
    assert "plein air" in outcome.message


@pytest.mark.parametrize(("day", "expected"), [("2023-09-30", "pass"), ("2023-10-01", "fail")])
def test_first_contact_before_1_october(day, expected):
    dossier = DossierFactory(complete=True)
    Dossier.objects.filter(pk=dossier.pk).update(first_contact_on=datetime.date.fromisoformat(day))
    assert result(dossier, RuleCode.FIRST_CONTACT).status == expected


def test_previous_report_required_only_from_returning_applicants():
    dossier = DossierFactory(complete=True)
    assert result(dossier, RuleCode.DOCUMENTS).status == RuleStatus.PASS
    last_year = DossierFactory(applicant=dossier.applicant)
    Dossier.objects.filter(pk=dossier.pk).update(previous_dossier=last_year)
    outcome = result(dossier, RuleCode.DOCUMENTS)
    assert outcome.status == RuleStatus.FAIL
    assert str(DocumentKind.PREVIOUS_REPORT.label) in outcome.message


def test_deadline_rule_names_the_deadline():
    dossier = DossierFactory(complete=True)
    late = dossier.call.deadline + datetime.timedelta(seconds=1)
    outcome = result(dossier, RuleCode.DEADLINE, at=late)
    assert outcome.status == RuleStatus.FAIL
    assert "31 octobre 2023 à 23 h 59" in outcome.message


def test_api_shape():
    """`as_dict()` is what the API returns: eligible plus code/status/message per rule."""
    dossier = Dossier.objects.for_content().get(pk=DossierFactory(complete=True).pk)
    data = evaluate(dossier, at=dossier.call.deadline).as_dict()
    assert data["eligible"] is True
    assert set(data["rules"][0]) == {"code", "status", "message"}
    assert [r["code"] for r in data["rules"]] == list(RuleCode.values)


@pytest.mark.parametrize(
    ("expenses", "drac", "share", "allowed", "over"),
    [
        # 3 000,01 / 5 000: 60,0002 %, one cent over the 3 000,00 € allowed.
        ("5000.00", "3000.01", "60,0002 %", "3 000,00 €", "0,01 €"),
        # 2 000 / 3 333,33 = 60,00006 %: 60 % of 3 333,33 is 1 999,998, so 1 999,99 € allowed.
        ("3333.33", "2000.00", "60,0001 %", "1 999,99 €", "0,01 €"),
        ("10000.00", "6040.00", "60,4 %", "6 000,00 €", "40,00 €"),
    ],
)
def test_grant_share_over_its_limit_shows_by_how_much(expenses, drac, share, allowed, over):
    """A share just over its limit is shown precisely enough to see it is over, with the
    amount allowed and the amount over it in euros."""
    dossier = DossierFactory(complete=True)
    set_budget(dossier, expenses=expenses, drac=drac)
    verdict = result(dossier, RuleCode.GRANT_SHARE)
    message = verdict.message.replace("\xa0", " ").replace("\u202f", " ")
    assert verdict.status == RuleStatus.FAIL
    assert share in message and "60 %" in message
    assert f"soit {allowed} : {over} de trop" in message


def test_grant_share_that_passes_names_the_amounts_it_compares():
    dossier = DossierFactory(complete=True)
    set_budget(dossier, expenses="3333.34", drac="2000.00")
    verdict = result(dossier, RuleCode.GRANT_SHARE)
    message = verdict.message.replace("\xa0", " ").replace("\u202f", " ")
    assert verdict.status == RuleStatus.PASS
    # 2 000 / 3 333,34 = 59,99988 %: under the limit, never shown as « 60,0 % ».
    assert "(2 000,00 €) représente 59,9999 % du budget total (3 333,34 €)" in message
    assert "dans la limite de 60 %, soit 2 000,00 €" in message
