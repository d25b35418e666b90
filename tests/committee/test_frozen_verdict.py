"""The eligibility verdict of a submission is frozen with its content: the committee page, the
committee export and the printable dossier show it as it was, whatever the call's rules say
since."""

import csv
import io

import pytest
from django.urls import reverse

from lanterne.calls import services as call_services
from lanterne.calls.enums import RuleCode
from lanterne.committee import services as committee_services
from lanterne.dossiers import services
from lanterne.dossiers.eligibility import evaluate
from lanterne.dossiers.enums import RuleStatus
from lanterne.dossiers.models import Dossier
from lanterne.www.dossiers.views.pdf import print_html
from tests.calls.factories import call_coordinator, paris
from tests.committee.factories import CommitteeSessionFactory, committee_member_of
from tests.dossiers.factories import DossierFactory, dossier_applicant

PASSED_CEILING = "ne dépasse pas le plafond de 5\xa0000,00\xa0€"


@pytest.fixture
def in_committee():
    """A complete dossier asking the DRAC 4 000 €, submitted under a 5 000 € ceiling, then put
    before a session; afterwards the coordination lowers the ceiling to 3 000 €."""
    session = CommitteeSessionFactory()
    dossier = DossierFactory(call=session.call, complete=True)
    services.dossier_submit(
        dossier=dossier, by=dossier_applicant(dossier), at=paris("2023-10-31 23:59:00")
    )
    coordinator = call_coordinator(session.call)
    services.dossier_start_review(dossier=Dossier.objects.get(pk=dossier.pk), by=coordinator)
    committee_services.session_add_dossiers(
        session=session, by=coordinator, dossiers=[Dossier.objects.get(pk=dossier.pk)]
    )
    rule = session.call.rules.get(code=RuleCode.GRANT_CEILING)
    call_services.call_set_rule(
        call=session.call,
        by=coordinator,
        code=RuleCode.GRANT_CEILING,
        enabled=True,
        is_blocking=rule.is_blocking,
        params={**rule.params, "max_amount": "3000.00"},
    )
    return session, Dossier.objects.for_content().get(pk=dossier.pk)


def _ceiling(report):
    return next(r for r in report.results if r.code == RuleCode.GRANT_CEILING)


def test_submission_keeps_the_verdict_that_let_it_through(in_committee):
    """The verdict at submission is stored with the submitted content; today's rules differ."""
    _session, dossier = in_committee
    frozen = {rule["code"]: rule for rule in dossier.submitted_eligibility["rules"]}
    assert dossier.submitted_eligibility["eligible"] is True
    assert frozen[RuleCode.GRANT_CEILING]["status"] == RuleStatus.PASS
    assert PASSED_CEILING in frozen[RuleCode.GRANT_CEILING]["message"].replace(" €", "\xa0€")
    # Evaluated against the call's current rules, the same dossier would fail.
    assert _ceiling(evaluate(dossier, at=dossier.submitted_at)).status == RuleStatus.FAIL


def test_committee_pages_show_the_verdict_as_it_was(login, in_committee):
    """A member sees the ceiling respected and the dossier eligible, as when it was submitted."""
    session, dossier = in_committee
    client = login(committee_member_of(session))
    page = client.get(reverse("committee:dossier", args=[session.pk, dossier.pk])).text
    assert "le plafond est de" not in page
    assert PASSED_CEILING in page.replace(" €", "\xa0€")
    assert "non éligible" not in page
    summary = client.get(reverse("committee:detail", args=[session.pk])).text
    assert "éligible" in summary and "non éligible" not in summary


def test_committee_export_shows_the_verdict_as_it_was(login, in_committee):
    session, dossier = in_committee
    url = reverse("calls:export", args=[session.call.slug, "csv"])
    response = login(committee_member_of(session)).get(f"{url}?session={session.pk}")
    body = b"".join(response.streaming_content).decode("utf-8")
    [row] = list(csv.DictReader(io.StringIO(body[1:]), delimiter=";"))
    assert row["Référence"] == dossier.reference
    assert row["Éligibilité"] == "éligible"
    assert row[str(RuleCode.GRANT_CEILING.label)] == "respecté"


def test_printable_dossier_shows_the_verdict_as_it_was(in_committee):
    _session, dossier = in_committee
    html = print_html(dossier).replace(" €", "\xa0€")
    assert PASSED_CEILING in html
    assert "Toutes les règles bloquantes sont respectées." in html


def test_member_reads_the_verdict_as_it_was_on_the_dossier_page(login, in_committee):
    """On the dossier page and its htmx fragment too, the member reads the verdict at
    submission; the coordination, which instructs, reads today's evaluation."""
    session, dossier = in_committee
    client = login(committee_member_of(session))
    page = client.get(reverse("dossiers:detail", args=[dossier.pk])).text
    assert PASSED_CEILING in page.replace(" €", "\xa0€")
    fragment = client.get(reverse("dossiers:eligibility", args=[dossier.pk])).text
    assert PASSED_CEILING in fragment.replace(" €", "\xa0€")
    assert "le plafond est de" not in fragment
    coordination = login(call_coordinator(session.call))
    live = coordination.get(reverse("dossiers:eligibility", args=[dossier.pk])).text
    assert "le plafond est de" in live
