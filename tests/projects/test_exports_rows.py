"""An action's export row is built from value rows: every column comes from what was recorded
(participants by age band and gender, priority publics, relays apart, sessions, films, the
commune's QPV and its rural zoning at the call's actions start, the open-air authorisation),
and the number of queries does not depend on the number of actions."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext

from lanterne.calls.models import Call
from lanterne.projects import services
from lanterne.projects.exports import action_rows, call_actions
from lanterne.projects.models import WorkshopFilm
from lanterne.territories.enums import RuralScheme, RuralStatus
from tests.projects.factories import project, project_applicant, session
from tests.territories.factories import CommuneFactory, QpvFactory, RuralZoningFactory


def _rows(p):
    return {
        row["action"]: row
        for row in action_rows(call_actions(Call.objects.filter(pk=p.call_id), 2024))
    }


def test_row_has_every_recorded_figure():
    """Counts, sessions, films, QPV, ZRR at the actions start, authorisation: all in the row."""
    p = project()
    commune = CommuneFactory(code="T0101", name="Bourg-Témoin")
    QpvFactory(code="QN09901M").communes.add(commune)
    RuralZoningFactory(
        commune=commune,
        scheme=RuralScheme.ZRR,
        status=RuralStatus.CLASSIFIED,
        valid_from=datetime.date(2017, 7, 1),
        valid_until=datetime.date(2024, 6, 30),
    )
    workshop = p.actions.get(action_type="creation_workshop")
    workshop.commune = commune
    workshop.save()
    session(workshop, day="2024-03-06", start="14:00", end="16:00")
    session(workshop, day="2024-03-13", start="14:00", end="17:00")
    services.participants_record(
        action=workshop,
        by=project_applicant(p),
        beneficiaries={("12_15", "f"): 6, ("16_18", "m"): 5},
        priority={"qpv": 4},
        relays={"youth_worker": 2, "teacher": 1},
    )
    WorkshopFilm.objects.create(action=workshop, title="Nos rues", duration_seconds=420, year=2024)
    rows = _rows(p)
    row = rows[workshop.title]
    assert row["commune"] == "Bourg-Témoin"
    assert row["insee"] == "T0101"
    assert row["qpv"] == "QN09901M"
    assert (row["zrr"], row["frr"]) == ("oui", "")
    assert row["typology"] == "documentaire"
    assert (row["sessions"], row["minutes"]) == (2, 300)
    assert (row["first_day"], row["last_day"]) == (
        datetime.date(2024, 3, 6),
        datetime.date(2024, 3, 13),
    )
    assert row["b:12_15:f"] == 6
    assert row["b:16_18:m"] == 5
    assert row["b:under_12:f"] == 0
    assert row["beneficiaries"] == 11
    assert row["p:qpv"] == 4
    assert (row["r:youth_worker"], row["r:teacher"], row["relays"]) == (2, 1, 3)
    assert row["film"] == "Nos rues"
    assert row["authorisation"] == ""
    open_air = p.actions.get(action_type="open_air")
    assert rows[open_air.title]["authorisation"] == "à demander"
    assert rows[open_air.title]["film"] == open_air.film.title
    assert rows[open_air.title]["beneficiaries"] == 0


def _count(p):
    with CaptureQueriesContext(connection) as queries:
        rows = list(action_rows(call_actions(Call.objects.filter(pk=p.call_id), 2024)))
    return len(rows), len(queries)


def test_query_count_does_not_grow_with_actions():
    """One query for the actions, one per related table and chunk: same count at 1× and 10×."""
    first = project()
    small_rows, small = _count(first)
    for _i in range(9):
        other = project(call=first.call)
        for action in other.actions.all():
            session(action)
            services.participants_record(
                action=action, by=project_applicant(other), beneficiaries={("12_15", "f"): 3}
            )
    large_rows, large = _count(first)
    assert large_rows == 10 * small_rows
    assert small == large
