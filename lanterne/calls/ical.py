"""A call's calendar as an iCalendar feed (RFC 5545) that people subscribe to.

Each milestone is one VEVENT at its exact moment in Paris time (TZID Europe/Paris, with the
VTIMEZONE block, so that calendars agree across daylight saving); a period has a DTEND.
UIDs are built from the call's slug and the milestone kind, never from row ids, so that a
calendar re-edited by the coordination updates its events instead of duplicating them.
"""

import datetime
from zoneinfo import ZoneInfo

from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from .models import Call

PARIS = ZoneInfo("Europe/Paris")
UID_DOMAIN = "lanterne.passeursdimages"


def milestone_uid(call: Call, kind: str) -> str:
    return f"{call.slug}-{kind}@{UID_DOMAIN}"


def call_calendar(call: Call, *, url: str = "") -> bytes:
    """The calendar of `call` (milestones prefetched with `with_calendar()`) as bytes."""
    calendar = Calendar()
    calendar.add("prodid", "-//Lanterne//Appels à projets//FR")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", call.title)
    calendar.add("x-wr-timezone", "Europe/Paris")
    stamp = call.updated_at.astimezone(datetime.UTC)
    milestones = sorted(call.milestones.all(), key=lambda m: (m.starts_at, m.kind))
    for milestone in milestones:
        event = Event()
        event.add("uid", milestone_uid(call, milestone.kind))
        event.add("dtstamp", stamp)
        event.add("summary", f"{milestone.label[:1].upper()}{milestone.label[1:]} — {call.title}")
        event.add("dtstart", milestone.starts_at.astimezone(PARIS))
        if milestone.ends_at:
            event.add("dtend", milestone.ends_at.astimezone(PARIS))
        description = [milestone.note] if milestone.note else []
        description.append(_("Appel à projets : %(title)s") % {"title": call.title})
        event.add("description", "\n".join(description))
        if url:
            event.add("url", url)
        calendar.add_component(event)
    if milestones:
        calendar.add_missing_timezones()
    return calendar.to_ical()
