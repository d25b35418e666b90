"""A GET never writes: opening the pages of a call, a dossier, a project, its action and its
report, the coordinator's year, the committee export and a structure's observatory return
records nothing (a visit may only touch the session)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lanterne.accounts.enums import Role
from tests.accounts.factories import MembershipFactory, UserFactory
from tests.network.factories import StructureFactory
from tests.observatory.factories import campaign_with_beneficiaries
from tests.projects.factories import project, project_applicant, project_coordinator

WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE")
# What any signed-in request may write: its session, the login's bookkeeping, and the trail's
# record of a sensitive read (an export of a call's dossiers, a committee member's reading).
ALLOWED_TABLES = ("django_session", "axes_", "core_auditevent")


def _writes(queries) -> list[str]:
    return [
        q["sql"]
        for q in queries
        if q["sql"].lstrip().upper().startswith(WRITES)
        and not any(table in q["sql"] for table in ALLOWED_TABLES)
    ]


def _pages(p) -> list[str]:
    action = p.actions.first()
    return [
        reverse("www:home"),
        p.call.get_absolute_url(),
        p.dossier.get_absolute_url(),
        p.get_absolute_url(),
        action.get_absolute_url(),
        reverse("projects:report", args=[p.pk]),
        reverse("projects:year", args=[p.year]),
        reverse("calls:export", args=[p.call.slug, "csv"]),
    ]


@pytest.mark.parametrize("who", ["applicant", "coordinator"])
def test_opening_pages_writes_nothing(login, who):
    p = project()
    user = project_applicant(p) if who == "applicant" else project_coordinator(p)
    client = login(user)
    for url in _pages(p):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
            if response.streaming:
                b"".join(response.streaming_content)
        assert response.status_code in (200, 403, 404), url
        assert _writes(queries) == [], url


def test_opening_a_return_never_opened_writes_nothing(login):
    """A structure's member opening its return for the first time sees an empty form; the
    return is created by the first save, not by the visit."""
    structure = StructureFactory(pole=True)
    campaign, _indicators = campaign_with_beneficiaries([structure])
    member = MembershipFactory(user=UserFactory(), structure=structure, role=Role.COORDINATOR)
    client = login(member.user)
    url = reverse("observatory:return", args=[campaign.slug, structure.slug])
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    assert _writes(queries) == []
