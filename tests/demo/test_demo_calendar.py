"""The demo tells a true story: what its 2024 call went through is dated on that call's
calendar, not on the day the demo was loaded; a quarter whose QPV code changed is offered once."""

import datetime
from io import StringIO

from django.core.management import call_command
from django.utils import timezone

from lanterne.core.models import AuditEvent
from lanterne.demo.calls import OCCITANIE, TITLE_2024, paris
from lanterne.demo.clock import happened_at
from lanterne.dossiers.models import Dossier, DossierMessage, DossierNote, DossierTransition
from lanterne.network.models import Structure
from lanterne.projects.models import ReportTransition
from lanterne.territories.models import Commune, Qpv
from tests.network.factories import StructureFactory

STORY_START = paris("2023-09-01 00:00:00")
STORY_END = paris("2025-01-01 00:00:00")


def in_story(moment: datetime.datetime) -> bool:
    return STORY_START <= moment < STORY_END


def test_happened_at_dates_what_the_block_writes_and_nothing_else():
    before = StructureFactory(name="Écrite avant")
    moment = paris("2023-10-20 16:30:00")
    with happened_at(moment):
        during = StructureFactory(name="Écrite pendant")
    after = StructureFactory(name="Écrite après")
    during.refresh_from_db()
    assert moment <= during.created_at < moment + datetime.timedelta(seconds=5)
    assert during.updated_at >= during.created_at
    for structure in (before, after):
        structure.refresh_from_db()
        assert structure.created_at > timezone.now() - datetime.timedelta(minutes=5)
    # The history tables too.
    assert in_story(during.history.get().history_date)


def test_the_2024_call_history_is_dated_on_its_calendar():
    call_command("load_demo", stdout=StringIO(), stderr=StringIO())
    dossiers = Dossier.objects.filter(call__title=TITLE_2024, call__region_id=OCCITANIE)
    assert dossiers.count() >= 8
    transitions = DossierTransition.objects.filter(dossier__in=dossiers)
    assert transitions.exists()
    assert all(in_story(at) for at in transitions.values_list("at", flat=True))
    submitted = transitions.filter(name="submit").values_list("at", flat=True)
    assert {at.date() for at in submitted} <= {
        datetime.date(2023, 10, 20),
        datetime.date(2023, 10, 24),
    }
    decided = transitions.filter(name="accept").values_list("at", flat=True)
    assert decided and all(at.date() == datetime.date(2023, 12, 14) for at in decided)

    for dossier in dossiers:
        assert in_story(dossier.created_at), dossier.title
        assert in_story(dossier.updated_at), dossier.title
        if dossier.decided_at:
            assert in_story(dossier.decided_at)
    events = AuditEvent.objects.filter(
        object_type="dossiers.dossier",
        object_id__in=[str(pk) for pk in dossiers.values_list("pk", flat=True)],
    )
    assert events.exists()
    assert all(in_story(at) for at in events.values_list("at", flat=True))
    messages = DossierMessage.objects.filter(dossier__in=dossiers)
    assert messages.count() == 2
    assert all(m.created_at.date().month == 11 for m in messages)
    notes = DossierNote.objects.filter(dossier__in=dossiers)
    assert all(in_story(note.created_at) for note in notes)
    reports = ReportTransition.objects.filter(report__project__dossier__in=dossiers)
    assert reports.exists()
    assert all(in_story(at) for at in reports.values_list("at", flat=True))

    # What happens today stays today: the open demonstration call's draft.
    today = Dossier.objects.get(title="Ciné-club des Tilleuls")
    assert today.created_at > timezone.now() - datetime.timedelta(hours=1)
    # The real network's structures were not moved either.
    assert Structure.objects.filter(is_fictitious=False, created_at__lt=STORY_END).count() == 0

    # A quarter listed under its 2015 code and its 2024 code is offered once, under the new one.
    toulouse = Commune.objects.get(pk="31555")
    assert set(toulouse.qpvs.values_list("code", flat=True)) >= {"QP031007", "QN03191X"}
    offered = Qpv.objects.choices_for([toulouse], on=datetime.date(2024, 2, 1))
    names = list(offered.values_list("name", flat=True))
    assert len(names) == len(set(names))
    assert "QN03191X" in set(offered.values_list("code", flat=True))
    assert "QP031007" not in set(offered.values_list("code", flat=True))
