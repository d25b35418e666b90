"""The région's actions export: CSV (BOM, `;`) and XLSX, relays in their own columns, never
added to the beneficiaries."""

import csv
import io

from django.urls import reverse
from openpyxl import load_workbook

from lanterne.projects import services
from lanterne.projects.models import Action
from tests.projects.factories import project, project_applicant, project_coordinator, session


def _recorded():
    p = project()
    action = p.actions.get(action_type="creation_workshop")
    session(action, day="2024-03-06", start="14:00", end="16:00")
    services.participants_record(
        action=action,
        by=project_applicant(p),
        beneficiaries={("12_15", "f"): 6, ("16_18", "m"): 5},
        relays={"youth_worker": 2},
    )
    return p, action


def test_csv_has_beneficiaries_and_relays_apart(login):
    """One row per action; the beneficiaries' total excludes the relays."""
    p, action = _recorded()
    client = login(project_coordinator(p))
    response = client.get(reverse("projects:export", args=[2024, "csv"]))
    assert response.status_code == 200
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(body.lstrip("\ufeff")), delimiter=";"))
    assert len(rows) == p.actions.count()
    row = next(r for r in rows if r["Action"] == action.title)
    assert row["Participant·es (total)"] == "11"
    assert row["Relais (total, non compté dans les participant·es)"] == "2"
    assert row["Séances"] == "1"
    assert row["Durée totale (minutes)"] == "120"
    assert row["Premier jour"] == "06/03/2024"


def test_xlsx_opens_with_the_same_rows(login):
    """The workbook has a header and one row per action."""
    p, _action = _recorded()
    client = login(project_coordinator(p))
    response = client.get(reverse("projects:export", args=[2024, "xlsx"]))
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True)
    rows = list(workbook.active.iter_rows(values_only=True))
    assert len(rows) == 1 + p.actions.count()
    assert "Participant·es (total)" in rows[0]


def test_unknown_format_is_404(login):
    """Only csv and xlsx exist."""
    p = project()
    client = login(project_coordinator(p))
    assert client.get(reverse("projects:export", args=[2024, "pdf"])).status_code == 404


def test_downloads_are_named_attachments(login):
    """Each export is an attachment named after its year (and régions, or today's date), that
    no cache keeps."""
    p, _action = _recorded()
    client = login(project_coordinator(p))
    code = p.call.region.code
    for fmt in ("csv", "xlsx"):
        response = client.get(reverse("projects:export", args=[2024, fmt]))
        assert response["Content-Disposition"] == (
            f'attachment; filename="actions-2024-{code}.{fmt}"'
        )
        assert response["Cache-Control"] == "private, no-store"
        # Read to the end: the test client then closes the response (and the workbook's
        # temporary file) without closing the test's database connection.
        if response.streaming:
            b"".join(response.streaming_content)
    response = client.get(reverse("projects:authorisations_export", args=[2024]))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeffProjet;Porteur de projet;Séance;")
    assert response["Content-Disposition"].startswith(
        'attachment; filename="autorisations-plein-air-2024-'
    )


def test_query_count_is_the_same_for_n_and_3n_actions(login):
    """Within a chunk, the export's queries do not grow with its actions (CSV and XLSX)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    p, _action = _recorded()
    client = login(project_coordinator(p))

    def count(fmt) -> int:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("projects:export", args=[2024, fmt]))
            assert b"".join(response.streaming_content)
        return len(queries.captured_queries)

    count("csv")  # warm the session and scope
    small = {fmt: count(fmt) for fmt in ("csv", "xlsx")}
    for _ in range(2):
        more = project(call=p.call)
        session(more.actions.first())
    assert Action.objects.filter(project__call=p.call).count() == 3 * p.actions.count()
    assert {fmt: count(fmt) for fmt in ("csv", "xlsx")} == small
