"""Exports of a call's dossiers for the committee and the DRAC (CSV and XLSX)."""

import csv
import io
from decimal import Decimal

import openpyxl
import pytest
from django.urls import reverse

from lanterne.calls.enums import RuleCode
from lanterne.committee.enums import Verdict
from lanterne.committee.models import Opinion
from tests.accounts.factories import applicant, coordinator
from tests.calls.factories import CallFactory, call_coordinator
from tests.committee.factories import CommitteeSessionFactory, committee_member_of
from tests.dossiers.factories import DossierFactory


def _url(call, fmt, session=None):
    url = reverse("calls:export", args=[call.slug, fmt])
    return f"{url}?session={session.pk}" if session else url


def _content(response) -> bytes:
    """The streamed body (CSV and XLSX alike)."""
    return b"".join(response.streaming_content)


def _csv_rows(response):
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(body[1:]), delimiter=";"))


def test_csv_values_of_a_complete_dossier(login):
    """A complete dossier asks the DRAC 4 000 € of 10 000 €: share 0.4, eligible."""
    dossier = DossierFactory(call=CallFactory(open_now=True), state="submitted")
    client = login(call_coordinator(dossier.call))
    response = client.get(_url(dossier.call, "csv"))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    [row] = _csv_rows(response)
    assert row["Référence"] == dossier.reference
    assert row["Demande DRAC (€)"] == "4000,00"
    assert row["Budget total (€)"] == "10000,00"
    assert row["Part DRAC (ratio)"] == "0,4"
    assert row["Part DRAC (%)"] == "40,0 %"
    assert row["Éligibilité"] == "éligible"
    # A rule's column is named by its label, never by its code.
    assert row[str(RuleCode.GRANT_CEILING.label)] == "respecté"
    assert "grant_ceiling" not in row
    assert row["Actions voir"] == "2" and row["Actions faire"] == "1"
    assert row["État"] == "déposé"


def test_drafts_are_not_exported(login):
    """Only dossiers past the draft stage are exported."""
    call = CallFactory()
    DossierFactory(call=call)
    submitted = DossierFactory(call=call, state="submitted")
    rows = _csv_rows(login(call_coordinator(call)).get(_url(call, "csv")))
    assert [row["Référence"] for row in rows] == [submitted.reference]


def test_xlsx_reads_back_with_numbers(login):
    """Amounts are numbers in the workbook, formatted in euros."""
    dossier = DossierFactory(state="submitted")
    response = login(call_coordinator(dossier.call)).get(_url(dossier.call, "xlsx"))
    assert response.status_code == 200
    content = _content(response)
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    sheet = workbook.active
    header = [cell.value for cell in sheet[1]]
    values = dict(zip(header, list(sheet[2]), strict=True))
    assert values["Demande DRAC (€)"].value == 4000
    assert values["Demande DRAC (€)"].number_format == "#,##0.00 €"
    assert values["Part DRAC (ratio)"].value == pytest.approx(0.4)
    assert values["Référence"].value == dossier.reference


def test_session_export_counts_its_opinions(login):
    """With ?session=, only the session's dossiers, with its opinions counted and summed."""
    call = CallFactory()
    session = CommitteeSessionFactory(call=call)
    in_session = DossierFactory(call=call, state="in_committee")
    DossierFactory(call=call, state="in_committee")
    session.dossiers.add(in_session)
    member = committee_member_of(session)
    other = committee_member_of(session)
    Opinion.objects.create(
        session=session,
        dossier=in_session,
        member=member,
        verdict=Verdict.FAVOURABLE,
        proposed_amount=Decimal("3500.00"),
    )
    Opinion.objects.create(
        session=session, dossier=in_session, member=other, verdict=Verdict.RESERVED
    )
    [row] = _csv_rows(login(member).get(_url(call, "csv", session)))
    assert row["Référence"] == in_session.reference
    assert row["Avis favorables"] == "1" and row["Avis réservés"] == "1"
    assert row["Total des montants proposés (€)"] == "3500,00"
    # The budget sums are not multiplied by the opinions or sessions.
    assert row["Demande DRAC (€)"] == "4000,00"


@pytest.mark.parametrize(
    ("who", "status"),
    [("applicant", 403), ("other_coordinator", 403), ("member_without_session", 403)],
)
def test_wrong_user_is_refused(login, who, status):
    """Only the call's coordination, or a member for its session's export, may download."""
    call = CallFactory()
    session = CommitteeSessionFactory(call=call)
    users = {
        "applicant": applicant(),
        "other_coordinator": coordinator(),
        "member_without_session": committee_member_of(session),
    }
    assert login(users[who]).get(_url(call, "csv")).status_code == status


def test_member_of_another_session_gets_404(login):
    call = CallFactory()
    session = CommitteeSessionFactory(call=call)
    outsider = committee_member_of(CommitteeSessionFactory(call=call))
    assert login(outsider).get(_url(call, "xlsx", session)).status_code == 404


def test_unpublished_call_export_is_404_for_outsiders(login):
    call = CallFactory(unpublished=True)
    assert login(applicant()).get(_url(call, "csv")).status_code == 404


def test_anonymous_is_sent_to_login(client):
    call = CallFactory()
    assert client.get(_url(call, "csv")).status_code == 302


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_export_query_count_does_not_grow(login, django_assert_num_queries, fmt):
    """The export costs the same number of queries for 1 and 10 dossiers."""
    call = CallFactory()
    DossierFactory(call=call, state="submitted")
    client = login(call_coordinator(call))
    _content(client.get(_url(call, fmt)))  # warm the session and scope

    def consume():
        response = client.get(_url(call, fmt))
        return _content(response)

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as one:
        consume()
    for _ in range(9):
        DossierFactory(call=call, state="submitted")
    with django_assert_num_queries(len(one.captured_queries)):
        body = consume()
    assert body
