"""The technical admin: every model is there for superusers, and closed to everyone else."""

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib import admin
from django.db import connection
from django.shortcuts import resolve_url
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from simple_history.models import HistoricalChanges

from lanterne.accounts.enums import Role
from lanterne.accounts.invitations import invitation_create
from lanterne.accounts.models import User
from lanterne.accounts.tokens import api_token_create
from lanterne.core import outbox
from lanterne.core.audit import audit
from lanterne.core.health import heartbeat
from lanterne.network.enums import AuditAction as StructureAuditAction
from lanterne.territories.models import FormerCommune
from tests.accounts.factories import PASSWORD, MembershipFactory, UserFactory, applicant
from tests.network.factories import (
    AffiliationFactory,
    CoordinationFactory,
    PoleFactory,
    StructureFactory,
)
from tests.territories.factories import (
    CommuneFactory,
    DepartementFactory,
    QpvFactory,
    RegionFactory,
    RuralZoningFactory,
)

APPS = [
    "accounts",
    "territories",
    "network",
    "core",
    "calls",
    "dossiers",
    "committee",
    "projects",
]
# Historical tables (django-simple-history) are browsed from their model's "history" page.
DOMAIN_MODELS = [
    model
    for app in APPS
    for model in apps.get_app_config(app).get_models()
    if not issubclass(model, HistoricalChanges)
]


@pytest.fixture
def superuser():
    return UserFactory(email="root@example.org", is_staff=True, is_superuser=True)


@pytest.fixture
def one_of_each(superuser):
    """At least one row of every model of the domain apps."""
    corse = RegionFactory(code="94", name="Corse")
    ajaccio = CommuneFactory(
        code="2A004", name="Ajaccio", departement=DepartementFactory(code="2A", region=corse)
    )
    structure = StructureFactory(commune=ajaccio)
    membership = MembershipFactory(structure=structure, role=Role.COORDINATOR)
    PoleFactory(region=corse, carriers=[structure])
    CoordinationFactory(region=corse, carriers=[structure])
    AffiliationFactory(structure=structure)
    QpvFactory().communes.set([ajaccio])
    RuralZoningFactory(commune=ajaccio)
    FormerCommune.objects.create(commune=ajaccio, code="2A004", name="Ajaccio-Ancien")
    audit(action=StructureAuditAction.CREATE, obj=structure, by=superuser)
    outbox.record([outbox.Message(to="porteur@example.org", subject="Objet", body="Texte")])
    heartbeat.enqueue()
    api_token_create(user=superuser, name="script", by=superuser)
    invitation_create(
        email="invitee@example.org",
        role=Role.APPLICANT,
        structure=structure,
        language="fr",
        by=superuser,
    )
    _calls_and_projects(superuser)
    _join_request(structure)
    return membership


def _join_request(structure):
    from lanterne.network.services import join_request_create, join_request_refuse

    member = MembershipFactory(structure=structure, role=Role.APPLICANT).user
    request = join_request_create(structure=structure, by=UserFactory(), message="Bonjour")
    join_request_refuse(join_request=request, by=member, reason="Inconnu")


def _calls_and_projects(superuser):
    """A project from an accepted dossier, and every satellite row of calls and projects."""
    from lanterne.committee.models import Opinion
    from lanterne.dossiers.models import DossierMessage, DossierNote, DossierReminder
    from lanterne.projects.models import (
        ParticipantCount,
        PriorityPublicCount,
        RelayCount,
        ReportFigure,
        ReportTransition,
        WorkshopFilm,
    )
    from tests.committee.factories import CommitteeSessionFactory
    from tests.projects.factories import project, session

    p = project()
    dossier = p.dossier
    DossierNote.objects.create(dossier=dossier, author=superuser, body="Note")
    DossierMessage.objects.create(dossier=dossier, author=superuser, body="Message")
    DossierReminder.objects.create(dossier=dossier, days_before=3)
    meeting = CommitteeSessionFactory(call=dossier.call)
    meeting.dossiers.add(dossier)
    Opinion.objects.create(session=meeting, dossier=dossier, member=superuser, verdict="favourable")
    action = p.actions.get(action_type="creation_workshop")
    session(action)
    ParticipantCount.objects.create(action=action, age_band="12_15", gender="f", count=4)
    PriorityPublicCount.objects.create(action=action, priority="qpv", count=2)
    RelayCount.objects.create(action=action, relay_kind="mediator", count=1)
    WorkshopFilm.objects.create(action=action, title="Film", duration_seconds=300, year=2024)
    ReportFigure.objects.create(report=p.report, code="films", value=2, justification="x")
    ReportTransition.objects.create(
        report=p.report, name="submit", source="draft", target="submitted", by=superuser
    )
    from lanterne.projects.models import ActionSpeaker

    ActionSpeaker.objects.create(
        action=action, person=AffiliationFactory(person__is_speaker=True).person
    )


def test_every_domain_model_is_registered():
    """No model of the domain apps is forgotten in the admin."""
    missing = [model._meta.label for model in DOMAIN_MODELS if model not in admin.site._registry]
    assert missing == []


@pytest.mark.parametrize("model", DOMAIN_MODELS, ids=lambda model: model._meta.label)
def test_superuser_opens_changelist_change_and_add_pages(
    client, login, superuser, one_of_each, model
):
    """Changelist, change page and (where adding is allowed) add page answer 200."""
    login(superuser)
    opts = model._meta
    changelist = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
    assert client.get(changelist).status_code == 200
    assert client.get(changelist, {"q": "a"}).status_code == 200
    obj = model._default_manager.first()
    assert obj is not None, f"one_of_each makes no {opts.label}"
    change = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
    assert client.get(change).status_code == 200
    add = reverse(f"admin:{opts.app_label}_{opts.model_name}_add")
    allowed = admin.site._registry[model].has_add_permission(
        type("Request", (), {"user": superuser})()
    )
    assert client.get(add).status_code == (200 if allowed else 403)


def test_audit_events_cannot_be_edited(client, login, superuser, one_of_each):
    """The audit trail is read-only, even for a superuser."""
    from lanterne.core.models import AuditEvent

    login(superuser)
    event = AuditEvent.objects.get(action=StructureAuditAction.CREATE)
    response = client.post(
        reverse("admin:core_auditevent_change", args=[event.pk]), {"action": "tampered"}
    )
    assert response.status_code == 403
    event.refresh_from_db()
    assert event.action == StructureAuditAction.CREATE
    delete = reverse("admin:core_auditevent_delete", args=[event.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403


def test_audit_events_are_listed_and_filtered_in_words(client, login, superuser, one_of_each):
    """The trail's list names its actions in words, in its column and in its filter, which
    still selects by the action."""
    login(superuser)
    url = reverse("admin:core_auditevent_changelist")
    text = client.get(url).text
    assert "création de la structure" in text
    assert "création d&#x27;un jeton d&#x27;accès à l&#x27;API" in text
    assert f"?action={StructureAuditAction.CREATE}" in text
    assert ">structure.create<" not in text
    filtered = client.get(url, {"action": StructureAuditAction.CREATE}).text
    cells = [part.split("<", 1)[0] for part in filtered.split('class="field-action_words">')[1:]]
    assert cells == ["création de la structure"]


@pytest.mark.parametrize(
    "make_user", [lambda: None, applicant], ids=["anonymous", "user without staff access"]
)
def test_admin_is_closed_to_non_staff(client, make_user):
    """Anyone but staff is sent to a login page (the site's, or the admin's), and sees no data."""
    user = make_user()
    if user is not None:
        client.force_login(user)
    url = reverse("admin:network_structure_changelist")
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(
        (reverse("admin:login"), resolve_url(settings.LOGIN_URL))
    )


def test_superuser_creates_a_user_by_email(client, login, superuser):
    """The add form asks for an e-mail (no username) and stores it lower-cased."""
    login(superuser)
    response = client.post(
        reverse("admin:accounts_user_add"),
        {
            "email": "Nouvelle@Example.org",
            "usable_password": "true",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    user = User.objects.get(email="nouvelle@example.org")
    assert user.check_password(PASSWORD)


def test_duplicate_email_differing_in_case_is_refused(client, login, superuser):
    """Two accounts cannot share an e-mail address, whatever its case."""
    UserFactory(email="ines@example.org")
    login(superuser)
    response = client.post(
        reverse("admin:accounts_user_add"),
        {
            "email": "INES@example.org",
            "usable_password": "true",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )
    assert response.status_code == 200
    assert User.objects.filter(email__iexact="ines@example.org").count() == 1


def test_commune_autocomplete_finds_corsican_codes(client, login, superuser, one_of_each):
    """Commune pickers are autocompletes (35 000 communes), searching INSEE codes too."""
    login(superuser)
    response = client.get(
        reverse("admin:autocomplete"),
        {
            "term": "2A004",
            "app_label": "network",
            "model_name": "structure",
            "field_name": "commune",
        },
    )
    assert response.status_code == 200
    assert [row["id"] for row in response.json()["results"]] == ["2A004"]


@pytest.mark.parametrize(
    ("model_name", "make_row"),
    [
        ("network_structure", lambda: StructureFactory()),
        ("accounts_membership", lambda: MembershipFactory()),
        ("network_affiliation", lambda: AffiliationFactory()),
        ("network_pole", lambda: PoleFactory(carriers=[StructureFactory()])),
        ("territories_commune", lambda: CommuneFactory()),
    ],
)
def test_changelist_query_count_does_not_grow_with_rows(
    client, login, superuser, model_name, make_row
):
    """Related objects shown in a changelist are joined or prefetched, not fetched per row."""
    login(superuser)
    url = reverse(f"admin:{model_name}_changelist")
    counts = []
    for rows in (5, 45):
        for _ in range(rows):
            make_row()
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1]


def test_structure_history_is_browsable(client, login, superuser):
    """Changes to a structure (address, SIRET, listing) can be read from its history page."""
    structure = StructureFactory()
    structure.is_listed = False
    structure.save()
    login(superuser)
    response = client.get(reverse("admin:network_structure_history", args=[structure.pk]))
    assert response.status_code == 200
