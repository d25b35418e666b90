"""The call's calendar as an iCalendar feed: one event per step, Paris time, stable UIDs."""

import datetime

from django.urls import reverse
from icalendar import Calendar

from tests.accounts.factories import applicant
from tests.calls.factories import CallFactory, call_coordinator, paris


def _feed(client, call):
    response = client.get(reverse("calls:ical", args=[call.slug]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def test_one_event_per_milestone_in_paris_time(client):
    """Each milestone is a VEVENT at its exact moment with TZID Europe/Paris; periods end."""
    call = CallFactory()
    events = {str(e["uid"]): e for e in _feed(client, call).walk("VEVENT")}
    assert len(events) == call.milestones.count() == 9
    deadline = events[f"{call.slug}-deadline@lanterne.passeursdimages"]
    start = deadline.decoded("dtstart")
    assert start == paris("2023-10-31 23:59:59")
    assert deadline["dtstart"].params["TZID"] == "Europe/Paris"
    assert start.utcoffset() == datetime.timedelta(hours=1)
    actions = events[f"{call.slug}-actions@lanterne.passeursdimages"]
    assert actions.decoded("dtend") == paris("2024-12-31 23:59:59")
    assert "date limite de dépôt" in str(deadline["summary"]).lower()


def test_feed_declares_the_paris_timezone(client):
    call = CallFactory()
    assert _feed(client, call).walk("VTIMEZONE")[0]["TZID"] == "Europe/Paris"


def test_uids_are_stable_across_calendar_edits(client):
    """Re-dating a step keeps its UID, so subscribed calendars update instead of duplicating."""
    call = CallFactory()
    before = sorted(str(e["uid"]) for e in _feed(client, call).walk("VEVENT"))
    call.milestones.filter(kind="deadline").update(starts_at=paris("2023-11-05 23:59:59"))
    after = sorted(str(e["uid"]) for e in _feed(client, call).walk("VEVENT"))
    assert before == after


def test_unpublished_feed_is_404_except_for_coordination(client, login):
    call = CallFactory(unpublished=True)
    assert client.get(reverse("calls:ical", args=[call.slug])).status_code == 404
    assert login(applicant()).get(reverse("calls:ical", args=[call.slug])).status_code == 404
    assert (
        login(call_coordinator(call)).get(reverse("calls:ical", args=[call.slug])).status_code
        == 200
    )
