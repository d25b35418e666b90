"""The register: an authorisation is préalable, expresse and spéciale — its rules are checked
where it is recorded; the signed form is judged by its content and read by who keeps the
register only; the printable form is pre-filled."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pypdf import PdfReader

from lanterne.core.models import AuditEvent
from lanterne.logbook.enums import MemberRole, ProofKind, Signatories
from lanterne.logbook.models import Consent, Member
from tests.logbook.factories import consent, member


def _form(**overrides):
    data = {
        "signatories": Signatories.ONE_HOLDER,
        "minor_agreed": "on",
        "allows_group": "on",
        "allows_network": "on",
        "allows_public": "on",
        "signed_on": "2024-03-01",
        "expires_on": "2029-03-01",
        "proof": ProofKind.SCAN,
        "scan": SimpleUploadedFile(
            "scan.pdf", b"%PDF-1.4\n%signed\n", content_type="application/pdf"
        ),
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def test_a_signed_form_is_recorded_and_read_back_by_the_staff(group, staff, login):
    lina = member(group, "Lina")
    client = login(staff)
    response = client.post(reverse("logbook:consent_add", args=[group.pk, lina.pk]), _form())
    assert response.status_code == 302
    recorded = Consent.objects.get()
    assert recorded.scopes == {"group", "network", "public"}
    assert recorded.scan_content_type == "application/pdf"
    assert recorded.recorded_by == staff
    scan = client.get(reverse("logbook:consent_scan", args=[group.pk, recorded.pk]))
    assert scan.status_code == 200 and b"".join(scan.streaming_content).startswith(b"%PDF")
    assert AuditEvent.objects.filter(action="logbook.consent_scan_read").count() == 1


def test_a_minor_needs_a_parent_and_their_own_agreement(group, staff, login):
    """A minor's authorisation is signed by a holder of parental authority, with the minor's
    own agreement; both refusals are said beside their fields, nothing is stored."""
    lina = member(group, "Lina")
    response = login(staff).post(
        reverse("logbook:consent_add", args=[group.pk, lina.pk]),
        _form(signatories=Signatories.SELF, minor_agreed=None),
    )
    assert response.status_code == 422
    assert "titulaire de l&#x27;autorité parentale est requise" in response.text
    assert "accord du ou de la mineur·e est requis" in response.text
    assert not Consent.objects.exists()


def test_a_wider_scope_needs_the_narrower_one(group, staff, login):
    """Ticking the public web without the network is refused: a public page is also seen by the
    network."""
    lina = member(group, "Lina")
    response = login(staff).post(
        reverse("logbook:consent_add", args=[group.pk, lina.pk]), _form(allows_network=None)
    )
    assert response.status_code == 422
    assert not Consent.objects.exists()


def test_an_expiry_before_the_signature_is_refused(group, staff, login):
    lina = member(group, "Lina")
    response = login(staff).post(
        reverse("logbook:consent_add", args=[group.pk, lina.pk]),
        _form(expires_on="2024-02-01"),
    )
    assert response.status_code == 422
    assert not Consent.objects.exists()


def test_a_scan_is_judged_by_its_content(group, staff, login):
    """A script named .pdf is refused beside the file field; what was typed stays."""
    lina = member(group, "Lina")
    fake = SimpleUploadedFile("scan.pdf", b"#!/bin/sh\necho hi\n", content_type="application/pdf")
    response = login(staff).post(
        reverse("logbook:consent_add", args=[group.pk, lina.pk]),
        _form(scan=fake, signed_on="2024-03-02"),
    )
    assert response.status_code == 422
    assert "text/x-shellscript" in response.text or "text/plain" in response.text
    assert 'value="2024-03-02"' in response.text
    assert not Consent.objects.exists()


def test_an_adult_signs_for_themself(group, staff, login):
    speaker = member(group, "Maya", role=MemberRole.SPEAKER)
    response = login(staff).post(
        reverse("logbook:consent_add", args=[group.pk, speaker.pk]),
        _form(signatories=Signatories.SELF, minor_agreed=None),
    )
    assert response.status_code == 302


def test_members_are_added_with_minimal_data(group, staff, login):
    """A youth: a first name or pseudonym and an age band, required; nothing else is asked."""
    client = login(staff)
    url = reverse("logbook:member_add", args=[group.pk])
    assert client.post(url, {"role": "youth", "display_name": "Zoé"}).status_code == 422
    assert (
        client.post(url, {"role": "youth", "display_name": "Zoé", "age_band": "12_15"}).status_code
        == 302
    )
    assert Member.objects.get().display_name == "Zoé"


def test_the_register_shows_coverage_of_today(group, staff, login):
    lina = member(group, "Lina")
    today = datetime.date.today()
    consent(lina, signed_on=today, expires_on=today + datetime.timedelta(days=30))
    page = login(staff).get(reverse("logbook:register", args=[group.pk])).text
    assert "Lina" in page and "non couvert" not in page


def test_the_printable_form_is_pre_filled(group, staff, login):
    """One page per person of the group, with the project, the workshop and the first name,
    and a blank one."""
    member(group, "Lina")
    member(group, "Sami")
    response = login(staff).get(reverse("logbook:authorisation_form", args=[group.pk]))
    assert response["Content-Type"] == "application/pdf"
    import io

    reader = PdfReader(
        io.BytesIO(b"".join(response.streaming_content) if response.streaming else response.content)
    )
    assert len(reader.pages) == 3
    first = reader.pages[0].extract_text()
    assert "Lina" in first and group.action.project.title in first
    assert "Autorisation de droit" in first
