"""Sensitive reads go to the audit trail — a committee member opening a dossier, every download
of a dossier's file, every export of a call's dossiers, every change made in the admin — and the
coordination reads its calls' trail in words, page by page; nobody else does."""

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from rest_framework.test import APIClient

from lanterne.calls.enums import AuditAction as CallAuditAction
from lanterne.core.audit import ADMIN_CHANGE, ADMIN_DELETION, action_label, audit
from lanterne.core.models import AuditEvent
from lanterne.dossiers import services
from lanterne.dossiers.enums import AuditAction
from lanterne.dossiers.models import DOSSIER_WORKFLOW
from tests.accounts.factories import UserFactory, applicant, pass_second_factor
from tests.calls.factories import CallFactory, call_coordinator
from tests.committee.factories import CommitteeSessionFactory, committee_member_of
from tests.dossiers.factories import DossierFactory, dossier_applicant
from tests.territories.factories import QpvFactory


@pytest.fixture
def judged():
    session = CommitteeSessionFactory()
    dossier = DossierFactory(call=session.call, state="in_committee")
    session.dossiers.add(dossier)
    message = services.message_post(
        dossier=dossier,
        by=dossier_applicant(dossier),
        body="Voici le courrier",
        attachment=SimpleUploadedFile("courrier.pdf", b"%PDF-1.4\n%%EOF\n"),
    )
    return {
        "session": session,
        "dossier": dossier,
        "member": committee_member_of(session, first_name="Aline", last_name="Membre"),
        "coordinator": call_coordinator(dossier.call),
        "attachment": message.attachment,
        "piece": dossier.documents.get(original_name="cv.pdf"),
    }


def _events(action, **lookup):
    return AuditEvent.objects.filter(action=action, **lookup)


@pytest.mark.parametrize(
    ("url_name", "via"),
    [
        ("dossiers:detail", "page"),
        ("committee:dossier", "committee"),
        ("dossiers:print", "pdf"),
        ("dossiers:receipt", "receipt"),
    ],
)
def test_member_opening_a_dossier_is_recorded(login, judged, url_name, via):
    """Each page where a member reads the dossier writes one row: who, which dossier, where."""
    dossier, member = judged["dossier"], judged["member"]
    args = [judged["session"].pk, dossier.pk] if url_name.startswith("committee") else [dossier.pk]
    assert login(member).get(reverse(url_name, args=args)).status_code == 200
    [event] = _events(AuditAction.READ)
    assert event.actor == member
    assert (event.object_type, event.object_id) == ("dossiers.dossier", str(dossier.pk))
    assert event.details == {"via": via}


def test_member_reading_the_dossier_in_the_api_is_recorded(judged):
    """The API's dossier, read by a member: one row, as on the site; the list writes none."""
    api = APIClient()
    api.force_login(judged["member"])
    pass_second_factor(api, judged["member"])
    assert api.get("/api/v1/dossiers/").status_code == 200
    assert not _events(AuditAction.READ).exists()
    assert api.get(f"/api/v1/dossiers/{judged['dossier'].pk}/").status_code == 200
    [event] = _events(AuditAction.READ)
    assert event.actor == judged["member"]
    assert event.details == {"via": "api"}


def test_the_coordination_and_applicant_reading_are_not_committee_reads(login, judged):
    """Only the committee's reads are recorded as such; the others' page views write nothing."""
    dossier = judged["dossier"]
    before = AuditEvent.objects.count()
    login(judged["coordinator"]).get(reverse("dossiers:detail", args=[dossier.pk]))
    login(dossier_applicant(dossier)).get(reverse("dossiers:detail", args=[dossier.pk]))
    assert AuditEvent.objects.count() == before


def test_every_download_is_recorded_with_its_kind(login, judged):
    """A piece and a message's attachment each write one row naming the file and its kind."""
    dossier, coordinator = judged["dossier"], judged["coordinator"]
    client = login(coordinator)
    client.get(reverse("dossiers:document", args=[dossier.pk, judged["piece"].pk]))
    client.get(reverse("dossiers:document", args=[dossier.pk, judged["attachment"].pk]))
    [piece] = _events(AuditAction.DOCUMENT_DOWNLOAD)
    [attachment] = _events(AuditAction.ATTACHMENT_DOWNLOAD)
    assert piece.actor == attachment.actor == coordinator
    assert piece.object_id == attachment.object_id == str(dossier.pk)
    assert piece.details == {"document": judged["piece"].pk, "name": "cv.pdf"}
    assert attachment.details["name"] == "courrier.pdf"


def test_a_refused_download_records_nothing(login, judged):
    """The member's refused attachment (404) leaves no download row."""
    dossier = judged["dossier"]
    url = reverse("dossiers:document", args=[dossier.pk, judged["attachment"].pk])
    assert login(judged["member"]).get(url).status_code == 404
    assert not _events(AuditAction.ATTACHMENT_DOWNLOAD).exists()


def test_an_export_of_the_calls_dossiers_is_recorded(login, judged):
    """The committee export, by a member for its session: one row on the call."""
    session = judged["session"]
    url = reverse("calls:export", args=[session.call.slug, "csv"])
    response = login(judged["member"]).get(f"{url}?session={session.pk}")
    assert response.status_code == 200
    [event] = _events(CallAuditAction.EXPORT)
    assert event.actor == judged["member"]
    assert (event.object_type, event.object_id) == ("calls.call", str(session.call.pk))
    assert event.details == {"format": "csv", "session": session.pk}


@pytest.fixture
def superuser():
    return UserFactory(is_staff=True, is_superuser=True)


def test_an_admin_deletion_is_recorded(client, superuser):
    """A deletion through the admin, whatever the model: who, what, in the trail."""
    qpv = QpvFactory(name="Les Lilas")
    client.force_login(superuser)
    pass_second_factor(client, superuser)
    url = reverse("admin:territories_qpv_delete", args=[qpv.pk])
    assert client.post(url, {"post": "yes"}).status_code == 302
    [event] = _events(ADMIN_DELETION)
    assert event.actor == superuser
    assert (event.object_type, event.object_id) == ("territories.qpv", str(qpv.pk))
    assert "Les Lilas" in event.details["object"]


def test_an_admin_change_is_recorded_from_the_admins_log(superuser, judged):
    """Every admin logs its changes in `LogEntry`: each new entry is copied to the trail."""
    dossier = judged["dossier"]
    LogEntry.objects.log_actions(
        user_id=superuser.pk,
        queryset=[dossier],
        action_flag=CHANGE,
        change_message=[{"changed": {"fields": ["Titre du projet"]}}],
        single_object=True,
    )
    [event] = _events(ADMIN_CHANGE)
    assert event.object_type == ContentType.objects.get_for_model(dossier).app_label + ".dossier"
    assert event.object_id == str(dossier.pk)
    assert "Titre du projet" in event.details["change"]


def test_every_dossier_action_has_words():
    """No action of the dossier's workflow is shown as a code on the trail's page."""
    for action in DOSSIER_WORKFLOW.actions.values():
        assert action_label(action) != action_label("no.such_action"), action


# ---------------------------------------------------------------------------------------------
# The coordination's page
# ---------------------------------------------------------------------------------------------


def _trail(login, judged):
    """A member opens the dossier and downloads its piece; the coordination downloads the
    attachment."""
    dossier = judged["dossier"]
    audit(
        action=AuditAction.SEND_TO_COMMITTEE,
        obj=dossier,
        by=judged["coordinator"],
        source="under_review",
        target="in_committee",
    )
    member = login(judged["member"])
    member.get(reverse("dossiers:detail", args=[dossier.pk]))
    member.get(reverse("dossiers:document", args=[dossier.pk, judged["piece"].pk]))
    login(judged["coordinator"]).get(
        reverse("dossiers:document", args=[dossier.pk, judged["attachment"].pk])
    )
    session = judged["session"]
    export = reverse("calls:export", args=[session.call.slug, "xlsx"])
    # Read, not closed: closing a streamed response ends the test's database connection.
    b"".join(member.get(f"{export}?session={session.pk}").streaming_content)
    LogEntry.objects.log_actions(
        user_id=UserFactory(first_name="Root", last_name="Admin", is_staff=True).pk,
        queryset=[dossier],
        action_flag=CHANGE,
        change_message=[{"changed": {"fields": ["Titre du projet"]}}],
        single_object=True,
    )


@pytest.mark.parametrize("page", ["dossier", "call"])
def test_the_coordination_reads_who_opened_and_downloaded_what(login, judged, page):
    """From the dossier or the call, the coordination reads each event in words: who, what,
    which file; never an action's code."""
    _trail(login, judged)
    dossier = judged["dossier"]
    url = (
        reverse("dossiers:audit", args=[dossier.pk])
        if page == "dossier"
        else reverse("calls:audit", args=[dossier.call.slug])
    )
    response = login(judged["coordinator"]).get(url)
    assert response.status_code == 200
    text = response.text
    assert "Aline Membre" in text
    assert "Consultation par un membre du comité" in text
    assert "Téléchargement d&#x27;une pièce" in text
    assert "Téléchargement d&#x27;une pièce jointe à un message" in text
    assert "cv.pdf" in text and "courrier.pdf" in text
    assert "Passage en comité" in text
    assert "en instruction → en comité" in text
    assert "dossier.read" not in text
    assert "dossier.document_download" not in text
    assert "dossier.send_to_committee" not in text
    assert "Modification dans l&#x27;administration" in text
    assert "Root Admin" in text and "Titre du projet" in text
    # The exports are the call's: on its trail, not on one dossier's.
    exported = "Tableur (XLSX), les dossiers d&#x27;une séance du comité"
    assert ("Export des dossiers de l&#x27;appel" in text) is (page == "call")
    assert (exported.lower() in text.lower()) is (page == "call")
    detail = login(judged["coordinator"]).get(reverse("dossiers:detail", args=[dossier.pk])).text
    assert reverse("dossiers:audit", args=[dossier.pk]) in detail


def test_the_page_speaks_english(login, judged):
    """The trail's words follow the reader's language."""
    _trail(login, judged)
    client = login(judged["coordinator"])
    with translation.override("en"):
        url = reverse("dossiers:audit", args=[judged["dossier"].pk])
    text = client.get(url).text
    assert "Read by a committee member" in text
    assert "Download of a piece" in text


def test_the_call_page_lists_only_the_calls_dossiers(login, judged):
    """Another call of the same coordination: its dossiers' events stay off this call's trail."""
    call = judged["dossier"].call
    other = DossierFactory(
        call=CallFactory(region=call.region, coordination=call.coordination, year=2025),
        state="submitted",
    )
    client = login(judged["coordinator"])
    client.get(reverse("dossiers:document", args=[judged["dossier"].pk, judged["piece"].pk]))
    other_piece = other.documents.get(original_name="cv.pdf")
    client.get(reverse("dossiers:document", args=[other.pk, other_piece.pk]))
    assert _events(AuditAction.DOCUMENT_DOWNLOAD).count() == 2
    text = client.get(reverse("calls:audit", args=[call.slug])).text
    assert text.count("Téléchargement d&#x27;une pièce") == 1
    assert other.reference not in text
    assert judged["dossier"].reference in text


def test_others_cannot_read_the_trail(login, judged):
    """A committee member or the applicant: 403; another région's coordination: 404."""
    dossier = judged["dossier"]
    dossier_url = reverse("dossiers:audit", args=[dossier.pk])
    call_url = reverse("calls:audit", args=[dossier.call.slug])
    for user in (judged["member"], dossier_applicant(dossier)):
        client = login(user)
        assert client.get(dossier_url).status_code == 403
        assert client.get(call_url).status_code == 403
    elsewhere = login(call_coordinator(CallFactory()))
    assert elsewhere.get(dossier_url).status_code == 404
    assert login(applicant()).get(dossier_url).status_code == 404


def test_the_trail_is_paginated_with_a_fixed_number_of_queries(
    login, judged, django_assert_num_queries
):
    """Fifty events a page; the page costs the same queries with 10 or 100 events."""
    dossier, member = judged["dossier"], judged["member"]
    client = login(judged["coordinator"])
    url = reverse("dossiers:audit", args=[dossier.pk])
    for total in (10, 100):
        AuditEvent.objects.filter(action=AuditAction.READ).delete()
        for _ in range(total):
            services.dossier_record_read(dossier=dossier, by=member, via="page")
        with django_assert_num_queries(12):
            response = client.get(url)
        assert response.status_code == 200
    assert response.text.count("Consultation par un membre du comité") == 50
    assert "?page=2" in response.text
