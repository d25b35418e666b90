"""Calls in the situations the tests talk about.

`CallFactory()` is the 2024 Occitanie call of seed 004 (dates in Paris time, every rule at
its default parameters, blocking). `CallFactory(open_now=True)` is the same call with its
calendar moved around today, so that dossiers can be created and submitted.
"""

import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import factory
from django.utils import timezone
from django.utils.text import slugify

from lanterne.accounts.enums import Role
from lanterne.calls.enums import DocumentKind, FilmListKind, MilestoneKind
from lanterne.calls.models import Call, CallMilestone, CallRule, Film, FilmList, RequiredDocument
from lanterne.calls.rules import DEFAULT_PARAMS
from tests.accounts.factories import MembershipFactory, UserFactory
from tests.network.factories import CoordinationFactory, StructureFactory
from tests.territories.factories import RegionFactory

PARIS = ZoneInfo("Europe/Paris")


def paris(text: str) -> datetime.datetime:
    """'2023-10-31 23:59:59' as a moment in Paris time."""
    return datetime.datetime.fromisoformat(text).replace(tzinfo=PARIS)


# The calendar of the 2024 Occitanie call (seed 004): kind → (start, end).
OCCITANIE_2024 = {
    MilestoneKind.OPENING: ("2023-09-01 00:00:00", None),
    MilestoneKind.FIRST_CONTACT: ("2023-10-01 00:00:00", None),
    MilestoneKind.DEADLINE: ("2023-10-31 23:59:59", None),
    MilestoneKind.PREVIOUS_REPORT: ("2023-11-30 23:59:59", None),
    MilestoneKind.COMMITTEE: ("2023-12-14 10:00:00", None),
    MilestoneKind.RESULTS: ("2024-01-15 00:00:00", None),
    MilestoneKind.ACTIONS: ("2024-02-01 00:00:00", "2024-12-31 23:59:59"),
    MilestoneKind.OPEN_AIR_REQUESTS: ("2024-05-01 00:00:00", "2024-05-31 23:59:59"),
    MilestoneKind.FINAL_REPORTS: ("2024-11-30 23:59:59", None),
}


def _open_now_calendar() -> dict:
    """The same steps around today: opened a month ago, deadline in three weeks."""
    now = timezone.localtime().replace(microsecond=0)
    day = datetime.timedelta(days=1)
    deadline = (now + 21 * day).replace(hour=23, minute=59, second=59)
    return {
        MilestoneKind.OPENING: (now - 30 * day, None),
        MilestoneKind.FIRST_CONTACT: ((now + 7 * day).replace(hour=0, minute=0, second=0), None),
        MilestoneKind.DEADLINE: (deadline, None),
        MilestoneKind.COMMITTEE: (deadline + 45 * day, None),
        MilestoneKind.ACTIONS: (deadline + 90 * day, deadline + 400 * day),
    }


class CallFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Call
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Passeurs d'images {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.title))
    year = 2024
    region = factory.SubFactory(RegionFactory)
    coordination = factory.SubFactory(StructureFactory, pi_coordination=True)
    envelope = Decimal("60000.00")
    is_published = True

    class Params:
        unpublished = factory.Trait(is_published=False)

    @factory.post_generation
    def setup(self, create, extracted, **kwargs):
        """The calendar, rules, film lists and required documents of the Occitanie call, and
        the coordination mission that makes the call's structure coordinate its région (unless
        the structure already carries one there: a coordination of part of a région)."""
        if not create:
            return
        calendar = _open_now_calendar() if getattr(self, "open_now_flag", False) else OCCITANIE_2024
        for kind, (start, end) in calendar.items():
            CallMilestone.objects.create(
                call=self,
                kind=kind,
                starts_at=paris(start) if isinstance(start, str) else start,
                ends_at=(paris(end) if isinstance(end, str) else end) if end else None,
            )
        for code, params in DEFAULT_PARAMS.items():
            CallRule.objects.create(call=self, code=code, params=dict(params), is_blocking=True)
        for kind, titles in (
            (FilmListKind.OPEN_AIR, ["Le Voyage de Chihiro", "Les Vacances de M. Hulot"]),
            (FilmListKind.ACCOMPANIED, ["Wadjda", "Le Gamin au vélo"]),
        ):
            film_list = FilmList.objects.create(call=self, kind=kind)
            for title in titles:
                Film.objects.create(film_list=film_list, title=title)
        RequiredDocument.objects.create(call=self, kind=DocumentKind.SPEAKER_CV)
        RequiredDocument.objects.create(
            call=self, kind=DocumentKind.PREVIOUS_REPORT, returning_only=True
        )
        if self.region_id not in self.coordination.carried_region_codes():
            CoordinationFactory(region=self.region, carriers=[self.coordination])

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        open_now = kwargs.pop("open_now", False)
        call = super()._create(model_class, *args, **kwargs)
        call.open_now_flag = open_now
        return call

    @classmethod
    def _build(cls, model_class, *args, **kwargs):
        kwargs.pop("open_now", None)
        return super()._build(model_class, *args, **kwargs)


def film(call: Call, kind: str) -> Film:
    return Film.objects.filter(film_list__call=call, film_list__kind=kind).first()


def call_coordinator(call: Call, **user_kwargs):
    """A coordinator of the structure carrying the call: who manages it."""
    return MembershipFactory(
        user=UserFactory(**user_kwargs), structure=call.coordination, role=Role.COORDINATOR
    ).user
