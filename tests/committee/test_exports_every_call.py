"""The dossiers of every call a coordination manages, all years, in one file (CSV, XLSX)."""

import csv
import io

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lanterne.calls.enums import AuditAction
from lanterne.core.models import AuditEvent
from tests.accounts.factories import UserFactory, applicant, coordinator, network_admin
from tests.calls.factories import CallFactory, call_coordinator
from tests.committee.factories import CommitteeSessionFactory, committee_member_of
from tests.dossiers.factories import DossierFactory


def _rows(response) -> list[dict]:
    body = b"".join(response.streaming_content).decode("utf-8")
    return list(csv.DictReader(io.StringIO(body.removeprefix("\ufeff")), delimiter=";"))


def _two_years():
    """A coordination's calls of 2024 and 2025, and another coordination's call."""
    call = CallFactory(year=2024)
    later = CallFactory(year=2025, coordination=call.coordination, region=call.region)
    other = CallFactory(year=2025)
    return call, later, other


def test_every_call_of_the_coordination_and_only_them(login):
    """A coordinator gets the dossiers past the draft stage of each call its structure
    carries, whatever the year, each with its call, year and région; never another
    coordination's, never a draft."""
    call, later, other = _two_years()
    first = DossierFactory(call=call, state="submitted")
    second = DossierFactory(call=later, state="accepted")
    DossierFactory(call=later)  # a draft
    DossierFactory(call=other, state="submitted")
    client = login(call_coordinator(call))
    response = client.get(reverse("calls:export_all", args=["csv"]))
    assert response.status_code == 200
    assert "dossiers-tous-appels-" in response["Content-Disposition"]
    rows = _rows(response)
    assert {row["Référence"] for row in rows} == {first.reference, second.reference}
    by_reference = {row["Référence"]: row for row in rows}
    assert by_reference[first.reference]["Année"] == "2024"
    assert by_reference[second.reference]["Appel"] == later.title
    assert by_reference[second.reference]["Région"] == later.region.name
    assert by_reference[first.reference]["Demande DRAC (€)"] == "4000,00"
    # The same verdict as in the export of its one call.
    single = _rows(client.get(reverse("calls:export", args=[call.slug, "csv"])))
    assert by_reference[first.reference]["Éligibilité"] == single[0]["Éligibilité"] != ""


def test_the_workbook_reads_back(login):
    call, later, _other = _two_years()
    dossier = DossierFactory(call=later, state="submitted")
    client = login(call_coordinator(call))
    response = client.get(reverse("calls:export_all", args=["xlsx"]))
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    header = [cell.value for cell in sheet[1]]
    values = dict(zip(header, sheet[2], strict=True))
    assert values["Référence"].value == dossier.reference
    assert values["Année"].value == 2025
    assert values["Demande DRAC (€)"].value == 4000
    assert values["Demande DRAC (€)"].number_format == "#,##0.00 €"


def test_each_exported_call_keeps_a_line_in_its_trail(login):
    call, later, _other = _two_years()
    user = call_coordinator(call)
    b"".join(login(user).get(reverse("calls:export_all", args=["csv"])).streaming_content)
    exported = set(
        AuditEvent.objects.filter(actor=user, action=AuditAction.EXPORT).values_list(
            "object_id", flat=True
        )
    )
    assert exported == {str(call.pk), str(later.pk)}


@pytest.mark.parametrize("who", ["applicant", "member", "network_admin", "pole_coordinator"])
def test_who_manages_no_call_is_refused(login, who):
    """An applicant, a committee member or the national network (which reads aggregates,
    not applications) gets a 403; a coordinator of a mission that carries no call gets an
    empty file (the header only), never another coordination's dossiers."""
    call = CallFactory()
    DossierFactory(call=call, state="submitted")
    users = {
        "applicant": applicant,
        "member": lambda: committee_member_of(CommitteeSessionFactory(call=call)),
        "network_admin": network_admin,
        "pole_coordinator": coordinator,
    }
    response = login(users[who]()).get(reverse("calls:export_all", args=["csv"]))
    if who == "pole_coordinator":
        assert response.status_code == 200
        assert _rows(response) == []
    else:
        assert response.status_code == 403


def test_superuser_gets_the_whole_network(login):
    call, _later, other = _two_years()
    references = {DossierFactory(call=c, state="submitted").reference for c in (call, other)}
    response = login(UserFactory(is_superuser=True)).get(reverse("calls:export_all", args=["csv"]))
    assert {row["Référence"] for row in _rows(response)} == references


def test_anonymous_is_sent_to_login(client):
    assert client.get(reverse("calls:export_all", args=["csv"])).status_code == 302


def test_unknown_format_is_404(login):
    call = CallFactory()
    assert login(call_coordinator(call)).get("/appels/dossiers.pdf").status_code == 404


def test_the_call_list_links_to_it(login):
    call = CallFactory()
    page = login(call_coordinator(call)).get(reverse("calls:list")).content.decode()
    assert reverse("calls:export_all", args=["xlsx"]) in page
    assert reverse("calls:export_all", args=["csv"]) not in (
        login(applicant()).get(reverse("calls:list")).content.decode()
    )


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_query_count_is_the_same_for_n_and_3n_dossiers(login, fmt):
    """Within a chunk, the export's queries do not grow with its dossiers (nor its calls)."""
    call, later, _other = _two_years()
    client = login(call_coordinator(call))
    url = reverse("calls:export_all", args=[fmt])

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
            assert b"".join(response.streaming_content)
        # One trail line per call exported: the same two calls each time.
        return len(queries.captured_queries)

    for c in (call, later):
        DossierFactory(call=c, state="submitted")
    count()  # warm the session and scope
    small = count()
    for c in (call, later):
        DossierFactory.create_batch(2, call=c, state="submitted")
    assert count() == small
