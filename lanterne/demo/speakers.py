"""The demo's pool of speakers: fictive people (every row flagged `is_fictitious`, names made
up) living in real communes of Occitanie and Hauts-de-France, each with a profile; the demo
speaker account (Maya Lopez, « intervenante ») with its profile and a request to answer from
the Occitanie coordination; two qualifications with their private notes."""

import datetime

from django.core.exceptions import ValidationError

from lanterne.accounts.models import User
from lanterne.core.services import ServiceError
from lanterne.dossiers.enums import ActionType, Typology
from lanterne.network.models import Person, Structure
from lanterne.projects.enums import ReportState
from lanterne.projects.models import Action
from lanterne.speakers import services
from lanterne.speakers.enums import HolidayAvailability as H
from lanterne.speakers.enums import Language, PeriodKind, Public, QualificationLevel, Trade
from lanterne.speakers.models import Engagement, Qualification, SpeakerPeriod, SpeakerProfile
from lanterne.territories.models import Commune

from . import fictive
from .calls import TITLE_2024

T, W, P = Trade, Typology, Public

# (first name, last name, home commune, radius km, départements, trades, workshops, publics,
#  school holidays, weekends)
POOL = [
    (
        "Lucie",
        "Arnaud",
        "31555",
        60,
        ["31", "81"],
        [T.DIRECTOR],
        [W.FICTION, W.DOCUMENTARY],
        [P.AGE_12_15, P.AGE_16_18],
        H.ALSO,
        False,
    ),
    (
        "Mathis",
        "Carrère",
        "34172",
        80,
        ["34", "30"],
        [T.EDITOR, T.DIRECTOR],
        [W.DOCUMENTARY, W.ARCHIVE],
        [P.AGE_16_18, P.AGE_19_25],
        H.ALSO,
        True,
    ),
    (
        "Inès",
        "Marty",
        "30189",
        50,
        [],
        [T.ANIMATOR],
        [W.ANIMATION],
        [P.UNDER_12, P.FAMILIES],
        H.ONLY,
        True,
    ),
    (
        "Noé",
        "Vidal",
        "48095",
        120,
        ["48", "12"],
        [T.SOUND, T.FOLEY],
        [W.FICTION, W.THEMATIC],
        [P.AGE_12_15, P.FAR_FROM_CULTURE],
        H.ALSO,
        False,
    ),
    (
        "Anaïs",
        "Roques",
        "81004",
        70,
        ["81"],
        [T.MEDIATOR],
        [W.MASHUP, W.FILM_TRADES],
        [P.DISABILITY, P.UNDER_12],
        H.NEVER,
        False,
    ),
    (
        "Rayan",
        "Esteve",
        "66136",
        90,
        ["66", "11"],
        [T.DIRECTOR, T.SCREENWRITER],
        [W.FICTION, W.SCRIPTWRITING],
        [P.JUSTICE, P.AGE_16_18],
        H.ALSO,
        True,
    ),
    (
        "Zoé",
        "Castan",
        "65440",
        60,
        ["65", "32"],
        [T.CINEMATOGRAPHER],
        [W.DOCUMENTARY, W.GREEN_SCREEN],
        [P.AGE_12_15],
        H.ALSO,
        False,
    ),
    (
        "Théo",
        "Bousquet",
        "12202",
        100,
        [],
        [T.TRAINER, T.MEDIATOR],
        [W.MASHUP, W.ARCHIVE],
        [P.HOSPITAL, P.ADULTS],
        H.ALSO,
        False,
    ),
    (
        "Léna",
        "Fabre",
        "31555",
        30,
        [],
        [T.ANIMATOR, T.DIRECTOR],
        [W.ANIMATION, W.FICTION],
        [P.UNDER_12, P.AGE_12_15],
        H.ALSO,
        True,
    ),
    (
        "Sacha",
        "Delmas",
        "46042",
        80,
        ["46", "82"],
        [T.EDITOR],
        [W.DOCUMENTARY, W.DOCUFICTION],
        [P.FAR_FROM_CULTURE],
        H.ALSO,
        False,
    ),
    (
        "Jade",
        "Lemaire",
        "59350",
        50,
        ["59"],
        [T.DIRECTOR],
        [W.FICTION, W.DOCUMENTARY],
        [P.AGE_12_15, P.AGE_16_18],
        H.ALSO,
        False,
    ),
    (
        "Malo",
        "Dewitte",
        "59512",
        40,
        ["59", "62"],
        [T.FOLEY, T.SOUND],
        [W.THEMATIC, W.FICTION],
        [P.AGE_12_15, P.DISABILITY],
        H.ALSO,
        True,
    ),
    (
        "Rose",
        "Caron",
        "80021",
        90,
        ["80", "60"],
        [T.ANIMATOR],
        [W.ANIMATION],
        [P.UNDER_12],
        H.ONLY,
        False,
    ),
    (
        "Nathan",
        "Leroy",
        "62041",
        70,
        ["62"],
        [T.DIRECTOR, T.TRAINER],
        [W.DOCUMENTARY, W.SCRIPTWRITING],
        [P.JUSTICE, P.AGE_19_25],
        H.ALSO,
        False,
    ),
    (
        "Eva",
        "Vasseur",
        "02691",
        60,
        ["02"],
        [T.MEDIATOR],
        [W.MASHUP],
        [P.FAMILIES, P.FAR_FROM_CULTURE],
        H.NEVER,
        True,
    ),
    (
        "Hugo",
        "Deprez",
        "60057",
        80,
        ["60"],
        [T.CINEMATOGRAPHER, T.EDITOR],
        [W.GREEN_SCREEN, W.FICTION],
        [P.AGE_16_18],
        H.ALSO,
        False,
    ),
]

SPEAKER_EMAIL = f"intervenante@{fictive.DEMO_DOMAIN}"


def _profile(person: Person, **fields) -> SpeakerProfile:
    departements = fields.pop("departements", [])
    profile = SpeakerProfile.objects.filter(person=person).first() or SpeakerProfile(person=person)
    for name, value in fields.items():
        setattr(profile, name, value)
    profile.is_fictitious = True
    profile.save()
    profile.departements.set(departements)
    return profile


def _commune(code: str) -> Commune | None:
    return Commune.objects.filter(code=code).first()


def load_speakers() -> None:
    """Idempotent: a rerun updates the same people and asks nothing twice."""
    if not Commune.objects.exists():
        return
    for (
        first,
        last,
        code,
        radius,
        departements,
        trades,
        workshops,
        publics,
        holidays,
        weekends,
    ) in POOL:
        person, _ = Person.objects.update_or_create(
            first_name=first,
            last_name=last,
            defaults={
                "is_speaker": True,
                "is_fictitious": True,
                "email": f"{first}.{last}@{fictive.DEMO_DOMAIN}".lower(),
                "bio": "Intervenant·e fictif·ve de la démonstration.",
            },
        )
        home = _commune(code)
        _profile(
            person,
            home_commune=home,
            radius_km=radius if home else None,
            departements=departements,
            trades=list(trades),
            workshop_types=list(workshops),
            publics=list(publics),
            languages=[Language.FRENCH],
            school_holidays=holidays,
            weekends=weekends,
            evenings=weekends,
            fee_terms="Tarif fictif de 350 € la journée, 200 € la demi-journée.",
            mileage_terms="Barème kilométrique fiscal au-delà de 20 km.",
            in_public_directory=first in {"Lucie", "Jade"},
        )
    _speaker_account()
    _qualifications()


def _speaker_account() -> None:
    """Maya Lopez, the demo speaker account: its profile, a holiday week off, and a request
    from La Trame for a workshop of the 2024 call that does not name her yet."""
    person = Person.objects.filter(user__email=SPEAKER_EMAIL).first()
    if person is None:
        return
    profile = _profile(
        person,
        home_commune=_commune("31555"),
        radius_km=80,
        departements=["31"],
        trades=[Trade.DIRECTOR],
        workshop_types=[Typology.FICTION, Typology.DOCUMENTARY, Typology.DOCUFICTION],
        publics=[Public.AGE_12_15, Public.AGE_16_18, Public.FAR_FROM_CULTURE],
        languages=[Language.FRENCH, Language.SPANISH],
        school_holidays=H.ALSO,
        equipment="Caméra, micro perche, ordinateur de montage.",
        fee_terms="Tarif fictif de 380 € la journée.",
        in_directory=True,
    )
    SpeakerPeriod.objects.get_or_create(
        profile=profile,
        kind=PeriodKind.UNAVAILABLE,
        starts_on=datetime.date(2024, 8, 5),
        ends_on=datetime.date(2024, 8, 25),
    )
    if Engagement.objects.filter(profile=profile).exists():
        return
    coordinator = User.objects.filter(email=f"coordination.occitanie@{fictive.DEMO_DOMAIN}").first()
    action = (
        Action.objects.filter(
            project__call__title=TITLE_2024,
            project__report__state__in=[ReportState.DRAFT, ReportState.SENT_BACK],
            action_type__in=[ActionType.CREATION_WORKSHOP, ActionType.AWARENESS_WORKSHOP],
        )
        .exclude(engagements__person=person)
        .order_by("pk")
        .first()
    )
    if coordinator is None or action is None:
        return
    for reason in ("", "Démonstration : intervenante déjà connue du porteur de projet."):
        try:
            services.engagement_ask(
                action=action, profile=profile, by=coordinator, override_reason=reason
            )
        except ServiceError:
            return
        except ValidationError:
            continue  # not the first proposal: asked again, with the reason
        return


def _qualifications() -> None:
    trame = Structure.objects.filter(slug="la-trame").first()
    coordinator = User.objects.filter(email=f"coordination.occitanie@{fictive.DEMO_DOMAIN}").first()
    if trame is None:
        return
    for (first, last), level, notes in [
        (
            ("Lucie", "Arnaud"),
            QualificationLevel.RECOMMENDED,
            "Notes fictives : très bon lien avec les 12-15 ans.",
        ),
        (
            ("Noé", "Vidal"),
            QualificationLevel.OBSERVED,
            "Notes fictives : vu en atelier de bruitage à Mende.",
        ),
    ]:
        profile = SpeakerProfile.objects.filter(
            person__first_name=first, person__last_name=last
        ).first()
        if profile is not None:
            Qualification.objects.update_or_create(
                profile=profile,
                structure=trame,
                defaults={"level": level, "notes": notes, "by": coordinator},
            )
