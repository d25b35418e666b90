"""The demo's calls for projects: La Trame's 2024 Occitanie call as seed 004 describes it, its
fictive dossiers in every state, and a demonstration call open today; in Hauts-de-France, one
open call of each of the région's two coordinations (north: Hors Cadre, south: ACAP), each with
a dossier, so that neither coordination sees the other's.

The 2024 call is configured through the services, as a coordinator would. Its calendar, rules
and documents come from the call; its film lists and its dossiers do not (the call points to
lists published on La Trame's site): they are illustrative and say so.

Rerunnable: the 2024 call and its dossiers are built once (matched on the call's title); the
open call's calendar is moved around today on every run so that it stays open.
"""

import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from lanterne.accounts.enums import Role
from lanterne.accounts.models import Membership, User
from lanterne.calls import services as call_services
from lanterne.calls.enums import (
    DocumentKind,
    FilmListKind,
    Funder,
    MilestoneKind,
    PartnerRole,
    RuleCode,
)
from lanterne.calls.models import Call, Film
from lanterne.calls.rules import DEFAULT_PARAMS
from lanterne.calls.services_catalogue import film_add, required_document_add
from lanterne.committee import services as committee_services
from lanterne.committee.enums import Verdict
from lanterne.core.audit import audit
from lanterne.dossiers import services as dossier_services
from lanterne.dossiers.attestation import attestation_text
from lanterne.dossiers.enums import (
    ActionType,
    AuditAction,
    BudgetSide,
    Decision,
    DossierState,
    ExpenseCategory,
    Typology,
)
from lanterne.dossiers.models import BudgetLine, Dossier, DossierTransition, Partner, PlannedAction
from lanterne.network.models import Person, Structure
from lanterne.territories.models import Commune, Qpv, Region

from . import fictive
from .clock import happened_at

PARIS = ZoneInfo("Europe/Paris")
OCCITANIE = "76"
TITLE_2024 = "Passeurs d'images 2024 — Occitanie"

DESCRIPTION_2024 = (
    "Passeurs d'images met en place, hors temps scolaire, des projets d'action culturelle "
    "cinématographique et audiovisuelle en direction des publics, prioritairement les jeunes, "
    "éloignés d'un environnement, de pratiques et d'une offre cinématographiques. Les projets "
    "associent le voir et le faire. Le dispositif est piloté en région par la DRAC Occitanie ; "
    "La Trame en est la coordination régionale.\n\n"
    "Démonstration : les listes de films de cette démonstration sont illustratives (l'appel "
    "renvoie aux deux listes publiées sur le site de La Trame, qui ne sont pas reprises ici) ; "
    "l'enveloppe n'est pas indiquée dans l'appel."
)
CONTACT_2024 = "La Trame — passeursdimages@la-trame.org — https://www.la-trame.org"


def paris(text: str) -> datetime.datetime:
    return datetime.datetime.fromisoformat(text).replace(tzinfo=PARIS)


# The 2024 selection committee, and the coordination's decisions after it.
COMMITTEE_2024 = paris("2023-12-14 10:00:00")
DECISIONS_2024 = paris("2023-12-14 17:00:00")


# Seed 004's calendar. Where the call names only a month, the step spans that month.
CALENDAR_2024 = {
    MilestoneKind.OPENING: ("2023-09-01 00:00:00", None, "septembre 2023"),
    MilestoneKind.FIRST_CONTACT: ("2023-10-01 00:00:00", None, "avant le 1er octobre 2023"),
    MilestoneKind.DEADLINE: ("2023-10-31 23:59:59", None, ""),
    MilestoneKind.PREVIOUS_REPORT: (
        "2023-11-30 23:59:59",
        None,
        "bilan 2023 des actions non terminées au 31 octobre",
    ),
    MilestoneKind.COMMITTEE: (
        "2023-12-01 00:00:00",
        "2023-12-31 23:59:59",
        "décembre 2023 — DRAC Occitanie et Région Occitanie",
    ),
    MilestoneKind.RESULTS: (
        "2024-01-01 00:00:00",
        "2024-01-31 23:59:59",
        "janvier 2024 — puis envoi du cerfa n°12156 à la DRAC",
    ),
    MilestoneKind.ACTIONS: ("2024-02-01 00:00:00", "2024-12-31 23:59:59", ""),
    MilestoneKind.OPEN_AIR_REQUESTS: ("2024-05-01 00:00:00", "2024-05-31 23:59:59", "mai 2024"),
    MilestoneKind.FINAL_REPORTS: ("2024-11-30 23:59:59", None, ""),
}

# Every rule of the call with the parameters the seed states. The documents rule only warns:
# the call lets a returning applicant whose actions are not over send last year's report
# later (before 30 November).
RULES_2024 = {
    RuleCode.GRANT_CEILING: ({"funder": Funder.DRAC.value, "max_amount": "5000.00"}, True),
    RuleCode.GRANT_SHARE: ({"funder": Funder.DRAC.value, "max_percent": "60"}, True),
    RuleCode.OTHER_FUNDERS: (
        {"min_funders": 1, "not_counted": [Funder.DRAC.value, Funder.OWN_FUNDS.value]},
        True,
    ),
    RuleCode.BUDGET_BALANCED: ({}, True),
    RuleCode.TRIPARTITE: (
        {
            "roles": [
                PartnerRole.CULTURAL.value,
                PartnerRole.PUBLIC_SUPPORT.value,
                PartnerRole.DIFFUSION.value,
            ]
        },
        True,
    ),
    RuleCode.PUBLIC: ({"min_age": 12, "max_age": 25, "far_from_culture_qualifies": True}, True),
    RuleCode.TERRITORY: ({"qpv": True, "rural": True}, True),
    RuleCode.PARCOURS: ({"min_actions": 3, "voir_and_faire": True}, True),
    RuleCode.FILMS: ({}, True),
    RuleCode.FIRST_CONTACT: ({}, True),
    RuleCode.DOCUMENTS: ({}, False),
    RuleCode.DEADLINE: ({}, True),
}
assert set(RULES_2024) == set(DEFAULT_PARAMS)

# Well-known films, chosen for the demonstration only: not La Trame's lists.
FILMS = {
    FilmListKind.OPEN_AIR: [
        ("Le Voyage de Chihiro", "Hayao Miyazaki", 2001),
        ("Les Vacances de M. Hulot", "Jacques Tati", 1953),
        ("Ma vie de Courgette", "Claude Barras", 2016),
    ],
    FilmListKind.ACCOMPANIED: [
        ("Wadjda", "Haifaa al-Mansour", 2012),
        ("Le Gamin au vélo", "Jean-Pierre et Luc Dardenne", 2011),
        ("Persepolis", "Marjane Satrapi et Vincent Paronnaud", 2007),
    ],
}

DOCUMENTS_2024 = [
    (DocumentKind.SPEAKER_CV, "", False),
    (
        DocumentKind.PREVIOUS_REPORT,
        "Bilan de votre action Passeurs d'images 2023 (cerfa et fiche bilan)",
        True,
    ),
    (DocumentKind.PREVIOUS_FILMS, "Film ou créations réalisées", True),
]

# One applicant account per fictive Occitanie structure that has none in `fictive.USERS`.
APPLICANT_USERS = [
    fictive.DemoUser(
        "applicant_montpellier",
        f"porteur.montpellier@{fictive.DEMO_DOMAIN}",
        "Lucie",
        "Moreau",
        Role.APPLICANT,
        "centre-social-les-tilleuls",
        "porteur de projet — Centre social Les Tilleuls (Montpellier)",
    ),
    fictive.DemoUser(
        "applicant_nimes",
        f"porteur.nimes@{fictive.DEMO_DOMAIN}",
        "Karim",
        "Ait Ali",
        Role.APPLICANT,
        "mjc-des-deux-rives",
        "porteur de projet — MJC des Deux Rives (Nîmes)",
    ),
    fictive.DemoUser(
        "applicant_lozere",
        f"porteur.lozere@{fictive.DEMO_DOMAIN}",
        "Anne",
        "Vidal",
        Role.APPLICANT,
        "cine-causses",
        "porteur de projet — Ciné-Causses (Lozère)",
    ),
    fictive.DemoUser(
        "applicant_perpignan",
        f"porteur.perpignan@{fictive.DEMO_DOMAIN}",
        "Jordi",
        "Puig",
        Role.APPLICANT,
        "espace-jeunes-la-passerelle",
        "porteur de projet — Espace jeunes La Passerelle (Perpignan)",
    ),
    fictive.DemoUser(
        "applicant_aisne",
        f"porteur.aisne@{fictive.DEMO_DOMAIN}",
        "Romain",
        "Lemaire",
        Role.APPLICANT,
        "image-en-herbe",
        "porteur de projet — Image en herbe (Saint-Quentin)",
    ),
    fictive.DemoUser(
        "applicant_gers",
        f"porteur.gers@{fictive.DEMO_DOMAIN}",
        "Élodie",
        "Dupuy",
        Role.APPLICANT,
        "festival-des-courts-du-gers",
        "porteur de projet — Festival des courts du Gers (Auch)",
    ),
]


# The dossiers of the 2024 call: (state, applicant slug, title, commune, QPV code or "").
DOSSIERS_2024 = [
    (
        DossierState.ACCEPTED,
        "cine-faubourgs",
        "Le Mirail fait son cinéma",
        "31555",
        "QN03191X",
    ),
    (
        DossierState.IN_COMMITTEE,
        "centre-social-les-tilleuls",
        "Regards croisés à la Mosson",
        "34172",
        "QN03491X",
    ),
    (DossierState.REFUSED, "mjc-des-deux-rives", "Bruits de quartier", "30189", "QN03091X"),
    (DossierState.UNDER_REVIEW, "cine-causses", "Causses en images", "48095", ""),
    (
        DossierState.SUBMITTED,
        "espace-jeunes-la-passerelle",
        "Perpignan, plan-séquence",
        "66136",
        "QN06691X",
    ),
    (
        DossierState.SENT_BACK,
        "festival-des-courts-du-gers",
        "Courts métrages au Garros",
        "32013",
        "QN03291X",
    ),
    (DossierState.CLOSED, "cine-faubourgs", "Empalot en plein air", "31555", "QN03192X"),
    (
        DossierState.WITHDRAWN,
        "mjc-des-deux-rives",
        "Atelier mashup des Deux Rives",
        "30189",
        "QN03091X",
    ),
    (DossierState.DRAFT, "cine-causses", "Ciné-veillées sur le causse", "48095", ""),
]

# The open demonstration calls of the two coordinations of Hauts-de-France: (coordinator,
# carrying structure, title, applicant, dossier title, commune, QPV code).
HAUTS_DE_FRANCE = "32"
HDF_CALLS = [
    (
        f"coordination.hdf-nord@{fictive.DEMO_DOMAIN}",
        "hors-cadre",
        "Passeurs d'images — Hauts-de-France versant nord (démonstration)",
        "maison-de-quartier-du-moulin",
        "Roubaix tourne son film",
        "59512",
        "QN05992X",
    ),
    (
        f"coordination.hdf-sud@{fictive.DEMO_DOMAIN}",
        "acap-pole-regional-image",
        "Passeurs d'images — Hauts-de-France versant sud (démonstration)",
        "image-en-herbe",
        "Ciné-jardins du Faubourg d'Isle",
        "02691",
        "QN00292X",
    ),
]
HDF_NOTE = "Note privée de la coordination : vérifier la salle partenaire avant le comité."

# A PDF small enough to ship inline; libmagic reads it as application/pdf.
DEMO_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def _user(email: str) -> User:
    # A fresh object: the scope cached on a user object would miss memberships made since.
    return User.objects.get(email=email)


def _applicant_users() -> list[fictive.DemoUser]:
    created = []
    for demo in APPLICANT_USERS:
        user, is_new = User.objects.get_or_create(
            email=demo.email,
            defaults={"first_name": demo.first_name, "last_name": demo.last_name},
        )
        if is_new:
            user.set_password(fictive.DEMO_PASSWORD)
            user.save()
        Membership.objects.get_or_create(
            user=user, structure=Structure.objects.get(slug=demo.structure), role=demo.role
        )
        Person.objects.update_or_create(
            first_name=demo.first_name,
            last_name=demo.last_name,
            defaults={"user": user, "email": demo.email, "is_fictitious": True},
        )
        created.append(demo)
    return created


def _applicant_user_for(slug: str) -> User:
    membership = (
        Membership.objects.filter(structure__slug=slug, role=Role.APPLICANT)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    return _user(membership.user.email)


# ---------------------------------------------------------------------------------------------
# The calls
# ---------------------------------------------------------------------------------------------


def build_call_2024(coordinator: User) -> Call:
    call = call_services.call_create(
        by=coordinator,
        region=Region.objects.get(pk=OCCITANIE),
        coordination=Structure.objects.get(slug="la-trame"),
        title=TITLE_2024,
        year=2024,
        description=DESCRIPTION_2024,
        contact=CONTACT_2024,
        envelope=None,
    )
    call_services.call_set_milestones(
        call=call,
        by=coordinator,
        milestones={
            kind: (paris(start), paris(end) if end else None, note)
            for kind, (start, end, note) in CALENDAR_2024.items()
        },
    )
    for code, (params, blocking) in RULES_2024.items():
        call_services.call_set_rule(
            call=call, by=coordinator, code=code, enabled=True, is_blocking=blocking, params=params
        )
    for kind, films in FILMS.items():
        for title, director, year in films:
            film_add(
                call=call, kind=kind, title=title, director=director, year=year, by=coordinator
            )
    for kind, label, returning_only in DOCUMENTS_2024:
        required_document_add(
            call=call, kind=kind, label=label, returning_only=returning_only, by=coordinator
        )
    return call_services.call_publish(call=call, by=coordinator)


def open_calendar(now: datetime.datetime) -> dict:
    """The 2024 steps moved around `now`: opened a month ago, deadline in three weeks."""
    now = timezone.localtime(now).replace(microsecond=0)
    day = datetime.timedelta(days=1)
    deadline = (now + 21 * day).replace(hour=23, minute=59, second=59)
    start = (deadline + 90 * day).replace(hour=0, minute=0, second=0)
    note = "calendrier de démonstration"
    return {
        MilestoneKind.OPENING: (now - 30 * day, None, note),
        MilestoneKind.FIRST_CONTACT: (
            (now + 7 * day).replace(hour=0, minute=0, second=0),
            None,
            note,
        ),
        MilestoneKind.DEADLINE: (deadline, None, note),
        MilestoneKind.COMMITTEE: (deadline + 45 * day, None, note),
        MilestoneKind.ACTIONS: (start, start + 300 * day, note),
        MilestoneKind.FINAL_REPORTS: (start + 300 * day, None, note),
    }


def ensure_open_call(call_2024: Call, coordinator: User) -> Call:
    """A copy of the 2024 call whose calendar surrounds today, marked as a demonstration."""
    calendar = open_calendar(timezone.now())
    call = Call.objects.filter(copied_from=call_2024, is_fictitious=True).first()
    if call is None:
        year = calendar[MilestoneKind.DEADLINE][0].year + 1
        call = call_services.call_copy(call=call_2024, by=coordinator, year=year)
        call_services.call_update(
            call=call,
            by=coordinator,
            title=f"Passeurs d'images {year} — Occitanie (démonstration)",
            description=(
                "Appel de démonstration, copié de l'appel 2024 de La Trame et ouvert "
                "aujourd'hui pour essayer le dépôt d'un dossier. Il n'existe pas.\n\n"
                + DESCRIPTION_2024
            ),
            is_fictitious=True,
        )
    call_services.call_set_milestones(call=call, by=coordinator, milestones=calendar)
    return call_services.call_publish(call=call, by=coordinator)


# ---------------------------------------------------------------------------------------------
# The dossiers
# ---------------------------------------------------------------------------------------------


def _draft(call: Call, applicant: Structure, title: str, by: User, at: datetime.datetime):
    """A draft as `dossier_services.dossier_create` makes it, dated during the call's opening.

    The service refuses a call that is no longer open (the 2024 one closed in October 2023);
    the demo writes the same rows itself, with the same reference and log."""
    dossier = Dossier.objects.create(
        call=call,
        applicant=applicant,
        title=title,
        reference=dossier_services._new_reference(call),
        created_by=by,
        last_edited_by=by,
        is_fictitious=True,
    )
    DossierTransition.objects.create(
        dossier=dossier,
        name="create",
        source=DossierState.DRAFT,
        target=DossierState.DRAFT,
        by=by,
        at=at,
    )
    audit(action=AuditAction.CREATE, obj=dossier, by=by)
    return dossier


def _item(dossier: Dossier, by: User, item) -> None:
    dossier_services.dossier_save_item(
        dossier=dossier, expected_version=dossier.version, by=by, item=item
    )


def fill(dossier: Dossier, by: User, *, commune_code: str, qpv_code: str, contact_on) -> None:
    """A complete dossier for the 2024 rules: partners of the three kinds, 12–25, a QPV or a
    rural commune, three actions voir + faire with films from the lists, a budget asking the
    DRAC 4 500 € of 9 500 €, the speakers' CV."""
    call = dossier.call
    commune = Commune.objects.filter(pk=commune_code).first()
    qpv = Qpv.objects.filter(pk=qpv_code).first() if qpv_code else None
    dossier_services.dossier_update(
        dossier=dossier,
        expected_version=dossier.version,
        by=by,
        intention=(
            "Un parcours d'éducation aux images hors temps scolaire : un atelier de création "
            "documentaire avec les jeunes du quartier, une séance accompagnée au cinéma et une "
            "séance en plein air où le film de l'atelier est montré aux familles."
        ),
        age_min=12,
        age_max=17,
        expected_participants=15,
        far_from_culture=True,
        public_description="Jeunes de 12 à 17 ans fréquentant la structure partenaire.",
        first_contact_on=contact_on,
        structure_budget_total=Decimal("85000.00"),
        communes=[commune] if commune else [],
        qpvs=[qpv] if qpv else [],
    )
    for role, name in (
        (PartnerRole.CULTURAL, "Collectif d'intervenant·es image (fictif)"),
        (PartnerRole.PUBLIC_SUPPORT, "Service jeunesse de la commune (fictif)"),
        (PartnerRole.DIFFUSION, "Cinéma de proximité (fictif)"),
        (PartnerRole.FUNDER, "Caisse d'allocations familiales"),
    ):
        _item(dossier, by, Partner(role=role, name=name, commune=commune))
    accompanied = Film.objects.filter(
        film_list__call=call, film_list__kind=FilmListKind.ACCOMPANIED
    ).first()
    open_air = Film.objects.filter(
        film_list__call=call, film_list__kind=FilmListKind.OPEN_AIR
    ).first()
    year = call.year
    for action in (
        PlannedAction(
            action_type=ActionType.CREATION_WORKSHOP,
            typology=Typology.DOCUMENTARY,
            title="Atelier de création documentaire",
            description="Dix séances hebdomadaires, restitution au cinéma.",
            starts_on=datetime.date(year, 3, 4),
            ends_on=datetime.date(year, 5, 27),
            commune=commune,
            speakers="Maya Lopez (réalisatrice)",
            expected_participants=12,
        ),
        PlannedAction(
            action_type=ActionType.ACCOMPANIED,
            title="Séance accompagnée au cinéma",
            starts_on=datetime.date(year, 4, 10),
            ends_on=datetime.date(year, 4, 10),
            commune=commune,
            film=accompanied,
            expected_participants=40,
        ),
        PlannedAction(
            action_type=ActionType.OPEN_AIR,
            title="Séance en plein air",
            starts_on=datetime.date(year, 7, 12),
            ends_on=datetime.date(year, 7, 12),
            commune=commune,
            film=open_air,
            expected_participants=200,
        ),
    ):
        _item(dossier, by, action)
    for category, amount in (
        (ExpenseCategory.SPEAKERS, "6000.00"),
        (ExpenseCategory.EQUIPMENT, "2000.00"),
        (ExpenseCategory.SCREENINGS, "1500.00"),
    ):
        _item(
            dossier,
            by,
            BudgetLine(
                side=BudgetSide.EXPENSE,
                category=category,
                label=str(category.label),
                amount=Decimal(amount),
            ),
        )
    for funder, amount in (
        (Funder.DRAC, "4500.00"),
        (Funder.COMMUNE, "3000.00"),
        (Funder.CAF, "1500.00"),
        (Funder.OWN_FUNDS, "500.00"),
    ):
        _item(
            dossier,
            by,
            BudgetLine(
                side=BudgetSide.RESOURCE,
                funder=funder,
                label=str(funder.label),
                amount=Decimal(amount),
            ),
        )
    dossier_services.dossier_add_document(
        dossier=dossier,
        expected_version=dossier.version,
        by=by,
        kind=DocumentKind.SPEAKER_CV,
        uploaded=SimpleUploadedFile("cv-intervenante.pdf", DEMO_PDF, "application/pdf"),
    )


def build_dossiers_2024(call: Call, coordinator: User, drac: User, region: User) -> list[Dossier]:
    """The 2024 call's dossiers, each step dated on the call's calendar (`clock.happened_at`):
    drafts in September 2023, submissions in October, review and messages in November, the
    committee on 14 December 2023."""
    submitted_at = paris("2023-10-20 16:30:00")
    contact_on = datetime.date(2023, 9, 18)
    by_state = {}
    for state, slug, title, commune, qpv in DOSSIERS_2024:
        applicant_user = _applicant_user_for(slug)
        with happened_at(paris("2023-09-25 10:00:00")):
            dossier = _draft(
                call,
                Structure.objects.get(slug=slug),
                title,
                applicant_user,
                paris("2023-09-25 10:00:00"),
            )
        if state == DossierState.DRAFT:
            with happened_at(paris("2023-10-09 18:20:00")):
                dossier_services.dossier_update(
                    dossier=dossier,
                    expected_version=dossier.version,
                    by=applicant_user,
                    intention="Projet en cours d'écriture : veillées de cinéma itinérantes.",
                    communes=list(Commune.objects.filter(pk=commune)),
                )
            by_state[state] = dossier
            continue
        with happened_at(paris("2023-10-11 14:00:00")):
            fill(dossier, applicant_user, commune_code=commune, qpv_code=qpv, contact_on=contact_on)
        with happened_at(submitted_at):
            dossier = dossier_services.dossier_submit(
                dossier=dossier,
                by=applicant_user,
                at=submitted_at,
                attestation=attestation_text(dossier=dossier, by=applicant_user),
            )
        if state == DossierState.WITHDRAWN:
            with happened_at(paris("2023-11-15 11:00:00")):
                dossier = dossier_services.dossier_withdraw(
                    dossier=dossier,
                    by=applicant_user,
                    reason="Le partenaire jeunesse ne peut finalement pas accueillir l'atelier.",
                )
        elif state != DossierState.SUBMITTED:
            with happened_at(paris("2023-10-27 09:30:00")):
                dossier = dossier_services.dossier_start_review(dossier=dossier, by=coordinator)
        if state == DossierState.SENT_BACK:
            with happened_at(paris("2023-11-06 14:00:00")):
                dossier = dossier_services.dossier_send_back(
                    dossier=dossier,
                    by=coordinator,
                    reason=(
                        "Merci de préciser la salle de cinéma partenaire et les dates des séances."
                    ),
                )
                dossier_services.message_post(
                    dossier=dossier,
                    by=coordinator,
                    body=(
                        "Bonjour, il manque le nom de la salle : pouvez-vous compléter le dossier ?"
                    ),
                )
            with happened_at(paris("2023-11-08 10:12:00")):
                dossier_services.message_post(
                    dossier=dossier,
                    by=applicant_user,
                    body="Bonjour, c'est noté : nous complétons cette semaine.",
                )
        if state == DossierState.UNDER_REVIEW:
            with happened_at(paris("2023-11-03 15:00:00")):
                dossier_services.note_add(
                    dossier=dossier,
                    by=coordinator,
                    body=(
                        "Projet rural solide ; vérifier la disponibilité de l'intervenante en mai."
                    ),
                )
        if state == DossierState.CLOSED:
            with happened_at(paris("2023-11-20 10:00:00")):
                dossier = dossier_services.dossier_decide(
                    dossier=dossier,
                    by=coordinator,
                    decision=Decision.CLOSED,
                    reason="Projet reporté à l'an prochain à la demande du porteur.",
                )
        by_state[state] = dossier

    with happened_at(paris("2023-11-24 10:00:00")):
        session = committee_services.session_create(
            call=call,
            by=coordinator,
            title="Comité de sélection Passeurs d'images 2024 (démonstration)",
            meets_at=COMMITTEE_2024,
            place="Toulouse",
            members=[drac, region],
        )
        committee_services.session_add_dossiers(
            session=session,
            by=coordinator,
            dossiers=[
                by_state[DossierState.ACCEPTED],
                by_state[DossierState.REFUSED],
                by_state[DossierState.IN_COMMITTEE],
            ],
        )
    with happened_at(paris("2023-12-11 16:00:00")):
        for member in (drac, region):
            committee_services.opinion_give(
                session=session,
                dossier=by_state[DossierState.ACCEPTED],
                by=member,
                verdict=Verdict.FAVOURABLE,
                comment="Parcours cohérent, partenariat solide.",
                proposed_amount=Decimal("4500.00"),
            )
            committee_services.opinion_give(
                session=session,
                dossier=by_state[DossierState.REFUSED],
                by=member,
                verdict=Verdict.UNFAVOURABLE,
                comment="Le lien avec la salle de cinéma reste à construire.",
            )
        # The Région's member has not yet given its opinion on the last one.
        committee_services.opinion_give(
            session=session,
            dossier=by_state[DossierState.IN_COMMITTEE],
            by=drac,
            verdict=Verdict.RESERVED,
            comment="Préciser le calendrier des ateliers.",
            proposed_amount=Decimal("3000.00"),
        )
    with happened_at(DECISIONS_2024):
        by_state[DossierState.ACCEPTED] = dossier_services.dossier_decide(
            dossier=by_state[DossierState.ACCEPTED],
            by=coordinator,
            decision=Decision.ACCEPTED,
            amount=Decimal("4500.00"),
        )
        by_state[DossierState.REFUSED] = dossier_services.dossier_decide(
            dossier=by_state[DossierState.REFUSED],
            by=coordinator,
            decision=Decision.REFUSED,
            reason="Avis défavorable du comité.",
        )
    return list(by_state.values())


def ensure_hdf_call(coordinator: User, carrier: str, title: str) -> Call:
    """One coordination's open demonstration call, carried by its structure (the région follows
    from the coordination), with the 2024 rules and films and a calendar around today."""
    call = Call.objects.filter(title=title, is_fictitious=True).first()
    if call is None:
        call = call_services.call_create(
            by=coordinator,
            region=Region.objects.get(pk=HAUTS_DE_FRANCE),
            coordination=Structure.objects.get(slug=carrier),
            title=title,
            year=timezone.localdate().year + 1,
            description="Appel de démonstration : il n'existe pas.",
            envelope=Decimal("40000.00"),
            is_fictitious=True,
        )
        for code, (params, blocking) in RULES_2024.items():
            call_services.call_set_rule(
                call=call,
                by=coordinator,
                code=code,
                enabled=True,
                is_blocking=blocking,
                params=params,
            )
        for kind, films in FILMS.items():
            for film_title, director, year in films:
                film_add(
                    call=call,
                    kind=kind,
                    title=film_title,
                    director=director,
                    year=year,
                    by=coordinator,
                )
        required_document_add(
            call=call,
            kind=DocumentKind.SPEAKER_CV,
            label="",
            returning_only=False,
            by=coordinator,
        )
    calendar = open_calendar(timezone.now())
    call_services.call_set_milestones(call=call, by=coordinator, milestones=calendar)
    return call_services.call_publish(call=call, by=coordinator)


def build_hdf_calls() -> None:
    """The two Hauts-de-France calls, each with a dossier submitted and under review, and a
    private note only its own coordination reads."""
    for email, carrier, title, slug, dossier_title, commune, qpv in HDF_CALLS:
        coordinator = _user(email)
        call = ensure_hdf_call(coordinator, carrier, title)
        if call.dossiers.exists():
            continue
        applicant_user = _applicant_user_for(slug)
        dossier = dossier_services.dossier_create(
            call=call,
            applicant=Structure.objects.get(slug=slug),
            title=dossier_title,
            by=applicant_user,
        )
        fill(
            dossier,
            applicant_user,
            commune_code=commune,
            qpv_code=qpv,
            contact_on=timezone.localdate() - datetime.timedelta(days=10),
        )
        dossier = dossier_services.dossier_submit(
            dossier=dossier,
            by=applicant_user,
            attestation=attestation_text(dossier=dossier, by=applicant_user),
        )
        dossier = dossier_services.dossier_start_review(dossier=dossier, by=coordinator)
        dossier_services.note_add(dossier=dossier, by=coordinator, body=HDF_NOTE)


def load_calls() -> list[fictive.DemoUser]:
    """Build the demo's calls and dossiers; returns the demo accounts it adds."""
    users = _applicant_users()
    coordinator = _user(f"coordination.occitanie@{fictive.DEMO_DOMAIN}")
    drac = _user(f"comite.drac@{fictive.DEMO_DOMAIN}")
    region = _user(f"comite.region@{fictive.DEMO_DOMAIN}")
    call = Call.objects.filter(title=TITLE_2024, region_id=OCCITANIE).first()
    if call is None:
        call = build_call_2024(coordinator)
        build_dossiers_2024(call, coordinator, drac, region)
    open_call = ensure_open_call(call, coordinator)
    if not open_call.dossiers.exists():
        tilleuls = _applicant_user_for("centre-social-les-tilleuls")
        dossier_services.dossier_create(
            call=open_call,
            applicant=Structure.objects.get(slug="centre-social-les-tilleuls"),
            title="Ciné-club des Tilleuls",
            by=tilleuls,
        )
    build_hdf_calls()
    return users
