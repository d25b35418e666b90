"""Calls, dossiers and committee sessions in the situations the tests talk about.

`CallFactory()` is the 2024 Occitanie call of seed 004 (dates in Paris time, every rule at
its default parameters, blocking). `CallFactory(open_now=True)` is the same call with its
calendar moved around today, so that dossiers can be created and submitted.
`DossierFactory(complete=True)` passes every rule; `DossierFactory(state="in_committee")`
puts a complete dossier in that state with its submitted content frozen.
"""

import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import factory
from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.text import slugify

from lanterne.accounts.enums import Role
from lanterne.calls.content import dossier_content, fingerprint
from lanterne.calls.eligibility import DEFAULT_PARAMS
from lanterne.calls.enums import (
    ActionType,
    BudgetSide,
    DocumentKind,
    DossierState,
    ExpenseCategory,
    FilmListKind,
    Funder,
    MilestoneKind,
    PartnerRole,
    Typology,
)
from lanterne.calls.models import (
    BudgetLine,
    Call,
    CallMilestone,
    CallRule,
    CommitteeSession,
    Dossier,
    DossierDocument,
    DossierTransition,
    Film,
    FilmList,
    Partner,
    PlannedAction,
    RequiredDocument,
)
from tests.accounts.factories import MembershipFactory, UserFactory
from tests.network.factories import CoordinationFactory, StructureFactory
from tests.territories.factories import CommuneFactory, QpvFactory, RegionFactory

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
        the coordination mission that makes the call's structure coordinate its région."""
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
    """A user of the call's coordination (which coordinates the call's région)."""
    return MembershipFactory(
        user=UserFactory(**user_kwargs), structure=call.coordination, role=Role.COORDINATOR
    ).user


def dossier_applicant(dossier: Dossier, **user_kwargs):
    """A user acting for the dossier's applicant structure."""
    return MembershipFactory(
        user=UserFactory(**user_kwargs), structure=dossier.applicant, role=Role.APPLICANT
    ).user


def committee_member_of(session: CommitteeSession, **user_kwargs):
    user = MembershipFactory(
        user=UserFactory(**user_kwargs),
        structure=StructureFactory(drac=True),
        role=Role.COMMITTEE_MEMBER,
    ).user
    session.members.add(user)
    return user


def make_complete(dossier: Dossier) -> Dossier:
    """Fill `dossier` so that every rule of the Occitanie call passes: three partners of the
    three kinds, a QPV, public 12–25, three actions mixing voir and faire with films from the
    lists, a balanced budget asking the DRAC 4 000 € out of 10 000 €, the speakers' CV."""
    call = dossier.call
    commune = CommuneFactory()
    dossier.communes.add(commune)
    qpv = QpvFactory()
    qpv.communes.add(commune)
    dossier.qpvs.add(qpv)
    Dossier.objects.filter(pk=dossier.pk).update(
        intention="Un parcours d'éducation aux images pour les jeunes du quartier.",
        age_min=12,
        age_max=18,
        expected_participants=24,
        first_contact_on=timezone.localdate(call.milestone(MilestoneKind.FIRST_CONTACT).starts_at)
        - datetime.timedelta(days=10),
    )
    for role, name in (
        (PartnerRole.CULTURAL, "Association Regards"),
        (PartnerRole.PUBLIC_SUPPORT, "Centre social des Lilas"),
        (PartnerRole.DIFFUSION, "Cinéma Le Régent"),
    ):
        Partner.objects.create(dossier=dossier, role=role, name=name)
    PlannedAction.objects.create(
        dossier=dossier,
        action_type=ActionType.CREATION_WORKSHOP,
        typology=Typology.DOCUMENTARY,
        title="Atelier documentaire",
    )
    PlannedAction.objects.create(
        dossier=dossier,
        action_type=ActionType.ACCOMPANIED,
        title="Séance accompagnée",
        film=film(call, FilmListKind.ACCOMPANIED),
    )
    PlannedAction.objects.create(
        dossier=dossier,
        action_type=ActionType.OPEN_AIR,
        title="Séance en plein air",
        film=film(call, FilmListKind.OPEN_AIR),
    )
    for category, amount in (
        (ExpenseCategory.SPEAKERS, "7000.00"),
        (ExpenseCategory.EQUIPMENT, "3000.00"),
    ):
        BudgetLine.objects.create(
            dossier=dossier,
            side=BudgetSide.EXPENSE,
            category=category,
            label=category.label,
            amount=Decimal(amount),
        )
    for funder, amount in (
        (Funder.DRAC, "4000.00"),
        (Funder.COMMUNE, "4000.00"),
        (Funder.CAF, "2000.00"),
    ):
        BudgetLine.objects.create(
            dossier=dossier,
            side=BudgetSide.RESOURCE,
            funder=funder,
            label=funder.label,
            amount=Decimal(amount),
        )
    document = DossierDocument(
        dossier=dossier,
        kind=DocumentKind.SPEAKER_CV,
        original_name="cv.pdf",
        content_type="application/pdf",
        size=9,
        sha256="0" * 64,
        uploaded_by=dossier.created_by,
    )
    document.file.save("cv", ContentFile(b"%PDF-1.4\n"), save=False)
    document.save()
    dossier.refresh_from_db()
    return dossier


# The path through the graph to reach each state from a draft.
PATHS = {
    DossierState.DRAFT: [],
    DossierState.SUBMITTED: ["submit"],
    DossierState.UNDER_REVIEW: ["submit", "start_review"],
    DossierState.RETURNED: ["submit", "start_review", "return_for_completion"],
    DossierState.IN_COMMITTEE: ["submit", "start_review", "send_to_committee"],
    DossierState.ACCEPTED: ["submit", "start_review", "send_to_committee", "accept"],
    DossierState.REFUSED: ["submit", "start_review", "send_to_committee", "refuse"],
    DossierState.CLOSED: ["submit", "start_review", "close"],
    DossierState.WITHDRAWN: ["withdraw"],
}


def put_in_state(dossier: Dossier, state: str, by=None) -> Dossier:
    """Walk the dossier through the graph to `state`, logging each step, freezing at submit."""
    by = by or dossier.created_by
    for name in PATHS[state]:
        dossier = Dossier.objects.for_content().get(pk=dossier.pk)
        if name == "submit":
            content = dossier_content(dossier)
            dossier.submitted_content = content
            dossier.fingerprint = fingerprint(content)
            dossier.submitted_at = timezone.now()
        if name == "accept":
            dossier.granted_amount = Decimal("4000.00")
            dossier.decided_at = timezone.now()
        source = dossier.state
        getattr(dossier, name)()
        dossier.save()
        DossierTransition.objects.create(
            dossier=dossier, name=name, source=source, target=dossier.state, by=by
        )
    return Dossier.objects.get(pk=dossier.pk)


class DossierFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Dossier
        skip_postgeneration_save = True

    call = factory.SubFactory(CallFactory)
    applicant = factory.SubFactory(StructureFactory, applicant_commune=True)
    title = factory.Sequence(lambda n: f"Projet {n}")
    reference = factory.Sequence(lambda n: f"PI-TEST-{n:05d}")
    created_by = factory.SubFactory(UserFactory)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        complete = kwargs.pop("complete", False)
        state = kwargs.pop("state", None)
        dossier = super()._create(model_class, *args, **kwargs)
        if complete or state:
            make_complete(dossier)
        if state:
            dossier = put_in_state(dossier, state)
        return dossier


class CommitteeSessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CommitteeSession

    call = factory.SubFactory(CallFactory)
    title = factory.Sequence(lambda n: f"Comité de sélection {n}")
    meets_at = factory.LazyFunction(lambda: paris("2023-12-14 10:00:00"))
