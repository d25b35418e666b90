"""Dossiers in the situations the tests talk about.

`DossierFactory(complete=True)` passes every rule; `DossierFactory(state="in_committee")`
puts a complete dossier in that state with its submitted content frozen.
"""

import datetime
from decimal import Decimal

import factory
from django.core.files.base import ContentFile
from django.utils import timezone

from lanterne.accounts.enums import Role
from lanterne.calls.enums import DocumentKind, FilmListKind, Funder, MilestoneKind, PartnerRole
from lanterne.dossiers.content import dossier_content, fingerprint, freeze_verdict
from lanterne.dossiers.eligibility import evaluate
from lanterne.dossiers.enums import ActionType, BudgetSide, DossierState, ExpenseCategory, Typology
from lanterne.dossiers.models import (
    BudgetLine,
    Dossier,
    DossierDocument,
    DossierTransition,
    Partner,
    PlannedAction,
)
from tests.accounts.factories import MembershipFactory, UserFactory
from tests.calls.factories import CallFactory, film
from tests.network.factories import StructureFactory
from tests.territories.factories import CommuneFactory, QpvFactory


def dossier_applicant(dossier: Dossier, **user_kwargs):
    """A user acting for the dossier's applicant structure."""
    return MembershipFactory(
        user=UserFactory(**user_kwargs), structure=dossier.applicant, role=Role.APPLICANT
    ).user


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
    DossierState.SENT_BACK: ["submit", "start_review", "send_back"],
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
            freeze_verdict(dossier, evaluate(dossier))
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
    # In the call's région, which its coordination covers: the structure may apply.
    applicant = factory.SubFactory(
        StructureFactory,
        applicant_commune=True,
        commune__departement__region=factory.SelfAttribute("....call.region"),
    )
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
