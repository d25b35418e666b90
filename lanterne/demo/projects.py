"""The demo's projects: the 2024 Occitanie call's accepted dossiers carried out over 2024.

The calls demo accepts one dossier; three more fictive dossiers are built here the same way
(filled, submitted before the deadline, reviewed, put before the committee, accepted), so that
the call has four projects. Then, through the services and as each applicant would: sessions
for actions of every kind, participants by age band and gender with priority publics and
relays, workshop films, open-air authorisations (with a fictive technical provider), and the
four reports, one in each state.

Everything is fictive demonstration data: the dossiers and projects are flagged
`is_fictitious`, names of films, providers and places say so.

The services date what they record today, except where they take `at=`; the demo then dates
the reports' review steps in 2024, as `calls._draft` dates the dossiers' creation.

Rerunnable: built once, when no session has been recorded on the 2024 call's projects.
"""

import datetime
from decimal import Decimal

from lanterne.calls.models import Call
from lanterne.committee import services as committee_services
from lanterne.committee.enums import Verdict
from lanterne.committee.models import CommitteeSession
from lanterne.dossiers import services as dossier_services
from lanterne.dossiers.attestation import attestation_text
from lanterne.dossiers.enums import ActionType, Decision, Typology
from lanterne.dossiers.models import Dossier
from lanterne.network.models import Person, Structure
from lanterne.projects import services
from lanterne.projects.enums import (
    AgeBand,
    AuthorisationStatus,
    EnteredAs,
    Figure,
    Gender,
    PriorityPublic,
    RelayKind,
    ReportState,
)
from lanterne.projects.models import (
    Action,
    ActionSession,
    Project,
    Report,
    WorkshopFilm,
)
from lanterne.territories.models import Commune

from . import fictive
from .calls import (
    DECISIONS_2024,
    OCCITANIE,
    TITLE_2024,
    _applicant_user_for,
    _draft,
    _user,
    fill,
    paris,
)
from .clock import happened_at

# The dossiers accepted here: (applicant slug, title, commune, QPV code or "").
EXTRA_ACCEPTED = [
    (
        "centre-social-les-tilleuls",
        "Les sons de la Paillade",
        "34172",
        "QN03491X",
    ),
    ("mjc-des-deux-rives", "Programmateurs des Deux Rives", "30189", "QN03091X"),
    ("cine-causses", "Cinéma sous les étoiles des Causses", "48095", ""),
]
ACCEPTED_TITLE = "Le Mirail fait son cinéma"  # accepted by the calls demo

PROVIDER = "Écran nomade Sud (prestataire technique fictif — démonstration)"

# Per project (by title): the report's state at the end, and what each applicant added.
REPORT_STATE = {
    ACCEPTED_TITLE: "draft",
    "Les sons de la Paillade": "accepted",
    "Programmateurs des Deux Rives": "submitted",
    "Cinéma sous les étoiles des Causses": "sent_back",
}

# Actions added to what the dossier planned: (type, typology, title, speakers, referent).
EXTRA_ACTIONS = {
    ACCEPTED_TITLE: [
        (
            ActionType.AWARENESS_WORKSHOP,
            Typology.GREEN_SCREEN,
            "Atelier fond vert : les trucages au cinéma",
            "Maya Lopez (réalisatrice)",
            "Animateur du service jeunesse (fictif)",
        ),
    ],
    "Les sons de la Paillade": [
        (
            ActionType.FOLEY_WORKSHOP,
            Typology.FICTION,
            "Atelier de bruitage : refaire le son d'un court métrage",
            "Yanis Benali (bruiteur)",
            "Éducatrice du centre social (fictive)",
        ),
    ],
    "Programmateurs des Deux Rives": [
        (
            ActionType.PROGRAMMING_WORKSHOP,
            Typology.THEMATIC,
            "Atelier de programmation : composer la séance de l'été",
            "Médiatrice du cinéma partenaire (fictive)",
            "",
        ),
        (
            ActionType.AWARENESS_WORKSHOP,
            Typology.MASHUP,
            "Table Mashup : remonter des extraits",
            "Intervenant image (fictif)",
            "Animatrice de la MJC (fictive)",
        ),
    ],
    "Cinéma sous les étoiles des Causses": [
        (
            ActionType.AWARENESS_WORKSHOP,
            Typology.ANIMATION,
            "Atelier stop motion au village",
            "Claire Fontaine (animatrice en cinéma d'animation)",
            "Animatrice du foyer rural (fictive)",
        ),
    ],
}

# Sessions by action type: (month, day, start, end); several for a workshop.
SESSIONS = {
    ActionType.CREATION_WORKSHOP: [
        (3, 6, "14:00", "17:00"),
        (3, 13, "14:00", "17:00"),
        (3, 20, "14:00", "17:00"),
        (4, 3, "14:00", "17:30"),
        (5, 22, "14:00", "16:00"),
    ],
    ActionType.FOLEY_WORKSHOP: [(4, 15, "10:00", "12:30"), (4, 16, "10:00", "12:30")],
    ActionType.AWARENESS_WORKSHOP: [(2, 21, "14:00", "16:00"), (2, 28, "14:00", "16:00")],
    ActionType.PROGRAMMING_WORKSHOP: [
        (5, 15, "14:00", "16:30"),
        (5, 29, "14:00", "16:30"),
        (6, 12, "14:00", "16:30"),
    ],
    ActionType.ACCOMPANIED: [(4, 10, "14:00", "16:30")],
    ActionType.OPEN_AIR: [(7, 12, "21:30", "23:30")],
}

PLACE = {
    ActionType.ACCOMPANIED: "cinéma partenaire (fictif)",
    ActionType.OPEN_AIR: "place du quartier (démonstration)",
}


def _public(total: int, *, screening: bool) -> dict[tuple[str, str], int]:
    """`total` beneficiaries split over age bands and genders, the same way on every run.

    Workshops gather 12–18 year-olds; open-air and accompanied screenings also families."""
    if screening:
        shares = [
            (AgeBand.UNDER_12, Gender.GIRLS, 10),
            (AgeBand.UNDER_12, Gender.BOYS, 10),
            (AgeBand.AGE_12_15, Gender.GIRLS, 15),
            (AgeBand.AGE_12_15, Gender.BOYS, 15),
            (AgeBand.AGE_16_18, Gender.GIRLS, 8),
            (AgeBand.AGE_16_18, Gender.BOYS, 8),
            (AgeBand.AGE_19_25, Gender.OTHER, 4),
            (AgeBand.OVER_25, Gender.GIRLS, 16),
            (AgeBand.OVER_25, Gender.BOYS, 14),
        ]
    else:
        shares = [
            (AgeBand.AGE_12_15, Gender.GIRLS, 35),
            (AgeBand.AGE_12_15, Gender.BOYS, 35),
            (AgeBand.AGE_16_18, Gender.GIRLS, 15),
            (AgeBand.AGE_16_18, Gender.BOYS, 15),
        ]
    counts = {(age, gender): total * share // 100 for age, gender, share in shares}
    first = (shares[0][0], shares[0][1])
    counts[first] += total - sum(counts.values())
    return counts


# Beneficiaries per action type.
TOTALS = {
    ActionType.CREATION_WORKSHOP: 12,
    ActionType.FOLEY_WORKSHOP: 10,
    ActionType.AWARENESS_WORKSHOP: 14,
    ActionType.PROGRAMMING_WORKSHOP: 8,
    ActionType.ACCOMPANIED: 42,
    ActionType.OPEN_AIR: 180,
}


def _accept_extra_dossiers(call: Call, coordinator, drac, region) -> None:
    """Three more dossiers of the 2024 call, through the same steps as the calls demo's."""
    session = CommitteeSession.objects.filter(call=call).order_by("pk").first()
    for slug, title, commune, qpv in EXTRA_ACCEPTED:
        applicant_user = _applicant_user_for(slug)
        with happened_at(paris("2023-09-26 11:00:00")):
            dossier = _draft(
                call,
                Structure.objects.get(slug=slug),
                title,
                applicant_user,
                paris("2023-09-26 11:00:00"),
            )
        with happened_at(paris("2023-10-16 17:00:00")):
            fill(
                dossier,
                applicant_user,
                commune_code=commune,
                qpv_code=qpv,
                contact_on=datetime.date(2023, 9, 19),
            )
        submitted_at = paris("2023-10-24 18:00:00")
        with happened_at(submitted_at):
            dossier = dossier_services.dossier_submit(
                dossier=dossier,
                by=applicant_user,
                at=submitted_at,
                attestation=attestation_text(dossier=dossier, by=applicant_user),
            )
        with happened_at(paris("2023-10-30 09:00:00")):
            dossier = dossier_services.dossier_start_review(dossier=dossier, by=coordinator)
        if session is not None:
            with happened_at(paris("2023-11-24 10:30:00")):
                committee_services.session_add_dossiers(
                    session=session, by=coordinator, dossiers=[dossier]
                )
            with happened_at(paris("2023-12-12 15:00:00")):
                for member in (drac, region):
                    committee_services.opinion_give(
                        session=session,
                        dossier=dossier,
                        by=member,
                        verdict=Verdict.FAVOURABLE,
                        comment=(
                            "Parcours voir et faire complet, public prioritaire bien identifié."
                        ),
                        proposed_amount=Decimal("4000.00"),
                    )
        with happened_at(DECISIONS_2024 + datetime.timedelta(minutes=30)):
            dossier_services.dossier_decide(
                dossier=Dossier.objects.get(pk=dossier.pk),
                by=coordinator,
                decision=Decision.ACCEPTED,
                amount=Decimal("4000.00"),
            )


def _add_extra_actions(project: Project, by) -> None:
    commune = project.dossier.communes.order_by("pk").first()
    for action_type, typology, title, speakers, referent in EXTRA_ACTIONS.get(project.title, []):
        services.action_save(
            project=project,
            by=by,
            action=Action(
                action_type=action_type,
                typology=typology,
                title=title,
                description="Action ajoutée en cours d'année (démonstration).",
                commune=commune,
                speakers=speakers,
                referent=referent,
            ),
        )


def _record_action(action: Action, by, *, rural: bool, skip_participants: bool) -> None:
    commune = action.commune or action.project.dossier.communes.order_by("pk").first()
    for month, day, start, end in SESSIONS[action.action_type]:
        services.session_add(
            action=action,
            by=by,
            session=ActionSession(
                day=datetime.date(action.project.year, month, day),
                starts_at=datetime.time.fromisoformat(start),
                ends_at=datetime.time.fromisoformat(end),
                place_structure=None if action.action_type in PLACE else action.project.applicant,
                place_commune=commune,
                place_detail=PLACE.get(action.action_type, "local de la structure"),
            ),
        )
    if skip_participants:
        return
    total = TOTALS[action.action_type]
    screening = action.action_type in (ActionType.OPEN_AIR, ActionType.ACCOMPANIED)
    priority = {PriorityPublic.FAR_FROM_CULTURE: total // 2}
    priority[PriorityPublic.RURAL if rural else PriorityPublic.QPV] = total * 3 // 4
    relays = {RelayKind.YOUTH_WORKER: 2, RelayKind.MEDIATOR: 1}
    if screening:
        relays = {RelayKind.YOUTH_WORKER: 4, RelayKind.MEDIATOR: 2, RelayKind.OTHER: 1}
    services.participants_record(
        action=action,
        by=by,
        beneficiaries=_public(total, screening=screening),
        priority=priority,
        relays=relays,
    )


def _authorise(action: Action, by, *, granted: bool) -> None:
    """The open-air request sent in May, then the rights holder's answer."""
    year = action.project.year
    services.authorisation_update(
        action=action,
        by=by,
        status=AuthorisationStatus.REQUESTED,
        requested_on=datetime.date(year, 5, 6),
        screening_day=datetime.date(year, 7, 12),
        technical_provider=PROVIDER,
    )
    if granted:
        services.authorisation_update(
            action=action,
            by=by,
            status=AuthorisationStatus.GRANTED,
            decided_on=datetime.date(year, 5, 27),
        )
    else:
        services.authorisation_update(
            action=action,
            by=by,
            status=AuthorisationStatus.REFUSED,
            decided_on=datetime.date(year, 5, 30),
            note="Droits non disponibles en plein air cet été ; séance non tenue (démonstration).",
        )


FILMS = {
    ACCEPTED_TITLE: (
        ActionType.CREATION_WORKSHOP,
        "Ceux d'ici (film d'atelier fictif)",
        540,
        Typology.DOCUMENTARY,
        "Des jeunes du quartier filment leurs voisins et les lieux qu'ils aiment.",
        "12 jeunes de 12 à 17 ans du quartier (démonstration)",
    ),
    "Les sons de la Paillade": (
        ActionType.CREATION_WORKSHOP,
        "La Nuit du bus 15 (film d'atelier fictif)",
        420,
        Typology.FICTION,
        "Un dernier bus, un chauffeur étrange : une fiction tournée en quatre séances.",
        "Groupe ados du centre social (démonstration)",
    ),
}

NARRATIVE = {
    "went_well": (
        "Les jeunes ont suivi l'atelier du début à la fin ; la projection en plein air a réuni "
        "les familles du quartier autour du film réalisé. (Bilan de démonstration.)"
    ),
    "difficulties": "Mobiliser les 16-18 ans pendant les vacances de printemps.",
    "youth_words": "« On ne regardera plus les films de la même façon. »",
}


def _fill_report(project: Project, by, *, complete: bool) -> Report:
    report = Report.objects.get(project=project)
    narrative = dict(NARRATIVE) if complete else {"went_well": NARRATIVE["went_well"]}
    figures = {}
    expenses = {}
    if complete:
        expenses = {
            expense.category: (expense.planned * Decimal("0.95")).quantize(Decimal("0.01"))
            for expense in report.expenses.all()
        }
        if project.title == "Les sons de la Paillade":
            # The applicant declares a partner the actions do not know of, and says why.
            partners = project.dossier.partners.count() + 1
            figures[Figure.PARTNERS] = (
                partners,
                "La médiathèque du quartier (fictive) a rejoint le projet en cours d'année.",
            )
    return services.report_save(
        report=report,
        by=by,
        expected_version=report.version,
        narrative=narrative,
        figures=figures,
        expenses=expenses,
    )


def _review(report: Report, state: str, applicant, coordinator) -> None:
    if state == "draft":
        return
    submitted = paris("2024-11-25 17:00:00")
    with happened_at(submitted):
        report = services.report_submit(report=report, by=applicant, at=submitted)
    if state == "accepted":
        with happened_at(paris("2024-12-05 10:00:00")):
            services.report_accept(report=report, by=coordinator)
    elif state == "sent_back":
        with happened_at(paris("2024-12-03 09:30:00")):
            services.report_send_back(
                report=report,
                by=coordinator,
                reason=(
                    "Merci de renseigner les dépenses réalisées poste par poste et d'ajouter les "
                    "paroles de jeunes recueillies pendant l'atelier stop motion."
                ),
            )


def build_projects(call: Call) -> list[Project]:
    coordinator = _user(f"coordination.occitanie@{fictive.DEMO_DOMAIN}")
    drac = _user(f"comite.drac@{fictive.DEMO_DOMAIN}")
    region = _user(f"comite.region@{fictive.DEMO_DOMAIN}")
    _accept_extra_dossiers(call, coordinator, drac, region)
    projects = []
    for title, state in REPORT_STATE.items():
        dossier = Dossier.objects.get(call=call, title=title, state="accepted")
        project = Project.objects.filter(dossier=dossier).first()
        if project is None:
            with happened_at(paris("2024-01-15 10:00:00")):
                project = services.project_create_from_dossier(dossier=dossier, by=coordinator)
        applicant = _applicant_user_for(dossier.applicant.slug)
        with happened_at(paris("2024-02-05 14:00:00")):
            _add_extra_actions(project, applicant)
        rural = not dossier.qpvs.exists()
        for action in project.actions.order_by("pk"):
            if action.is_open_air:
                granted = not rural
                with happened_at(paris("2024-05-06 11:00:00")):
                    _authorise(action, applicant, granted=granted)
                if not granted:
                    continue  # refused: the screening did not take place
            # The draft's awareness workshop is over but its participants are not recorded yet:
            # the coordinator's year view shows it as late.
            late = state == "draft" and action.action_type == ActionType.AWARENESS_WORKSHOP
            with happened_at(paris("2024-07-22 16:00:00")):
                _record_action(action, applicant, rural=rural, skip_participants=late)
        if title in FILMS:
            action_type, film_title, seconds, typology, synopsis, group = FILMS[title]
            workshop = project.actions.filter(action_type=action_type).order_by("pk").first()
            with happened_at(paris("2024-06-10 18:00:00")):
                services.film_record(
                    action=workshop,
                    by=applicant,
                    film=WorkshopFilm(
                        title=film_title,
                        duration_seconds=seconds,
                        year=project.year,
                        typology=typology,
                        synopsis=synopsis,
                        group=group,
                        speakers=workshop.speakers,
                    ),
                )
        with happened_at(paris("2024-11-18 15:00:00")):
            report = _fill_report(project, applicant, complete=state != "draft")
        _review(report, state, applicant, coordinator)
        projects.append(project)
    return projects


# The action the coordination enters itself on the project it follows (its report is still a
# draft): it went to the screening with the group and records it, so that the year is whole.
COORDINATION_ACTION = (
    ActionType.ACCOMPANIED,
    "Séance accompagnée au cinéma partenaire, saisie par la coordination (démonstration)",
)


def _coordination_entries(call: Call) -> None:
    """The coordinator records an action, its session and its participants on « Le Mirail
    fait son cinéma »: the action's page says « saisi par …, coordination ». Once."""
    project = Project.objects.filter(call=call, title=ACCEPTED_TITLE).first()
    if (
        project is None
        or Action.objects.filter(project=project, created_as=EnteredAs.COORDINATION).exists()
    ):
        return
    coordinator = _user(f"coordination.occitanie@{fictive.DEMO_DOMAIN}")
    action_type, title = COORDINATION_ACTION
    action = services.action_save(
        project=project,
        by=coordinator,
        action=Action(
            action_type=action_type,
            title=title,
            description="La coordination a accompagné le groupe et saisi la séance.",
            commune=project.dossier.communes.order_by("pk").first(),
            speakers="Médiatrice de la coordination (fictive)",
        ),
    )
    _record_action(action, coordinator, rural=False, skip_participants=False)


def _engage_speaker(call: Call) -> None:
    """The demo speaker (Maya Lopez, whose account is « intervenante ») is engaged on the
    workshops that name her, in the projects whose bilan is still being written (a sent bilan
    freezes its actions): she sees them on her home page. Once."""
    person = Person.objects.filter(
        user__email=f"intervenante@{fictive.DEMO_DOMAIN}", is_speaker=True
    ).first()
    if person is None:
        return
    actions = Action.objects.filter(
        project__call=call,
        project__report__state__in=[ReportState.DRAFT, ReportState.SENT_BACK],
        speakers__icontains="Maya Lopez",
    )
    for action in actions.exclude(engagements__person=person).select_related("project"):
        services.speaker_engage(
            action=action, by=_applicant_user_for(action.project.applicant.slug), person=person
        )


def load_projects() -> list[Project]:
    """Build the 2024 projects once; a rerun finds sessions recorded and changes nothing
    (but adds the coordination's entries and the speaker's engagements if they are missing)."""
    call = Call.objects.filter(title=TITLE_2024, region_id=OCCITANIE).first()
    if call is None:
        return []
    if ActionSession.objects.filter(action__project__call=call).exists():
        projects = list(Project.objects.filter(call=call))
    elif not Commune.objects.exists():
        return []
    else:
        projects = build_projects(call)
    _coordination_entries(call)
    _engage_speaker(call)
    return projects
