"""A speaker's CV is a private upload: judged by its content, downloaded only by the speaker
and the coordinations that follow them, never inline; periods are the speaker's own."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from lanterne.speakers.enums import PeriodKind
from lanterne.speakers.models import SpeakerPeriod
from tests.accounts.factories import coordinator
from tests.speakers.factories import speaker_profile

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def _form(**extra):
    return {"school_holidays": "also", "weekdays": "on", "in_directory": "on", **extra}


def test_cv_upload_and_who_downloads_it(login, occitanie, hauts_de_france):
    """The speaker uploads a PDF; the pôle of their territory downloads it as an attachment;
    another speaker and another région's coordinator get a 404."""
    profile = speaker_profile(home_commune=occitanie["toulouse"], radius_km=30)
    client = login(profile.person.user)
    response = client.post(
        reverse("speakers:profile"),
        _form(
            home_commune="Toulouse (31)",
            radius_km="30",
            cv_file=SimpleUploadedFile("mon-cv.pdf", PDF, content_type="application/pdf"),
        ),
    )
    assert response.status_code == 302
    profile.refresh_from_db()
    assert profile.cv_content_type == "application/pdf"
    url = reverse("speakers:cv", args=[profile.pk])
    pole = login(coordinator(region=occitanie["region"]))
    download = pole.get(url)
    assert download.status_code == 200
    assert "attachment" in download["Content-Disposition"]
    assert download["Cache-Control"] == "private, no-store"
    assert b"".join(download.streaming_content) == PDF
    assert login(speaker_profile().person.user).get(url).status_code == 404
    assert login(coordinator(region=hauts_de_france["region"])).get(url).status_code == 404


def test_a_file_that_is_no_document_is_refused(login, occitanie):
    """A script named .pdf is refused by its content; the form keeps what was typed."""
    profile = speaker_profile()
    client = login(profile.person.user)
    response = client.post(
        reverse("speakers:profile"),
        _form(
            equipment="Table Mashup",
            cv_file=SimpleUploadedFile(
                "cv.pdf", b"#!/bin/sh\necho hi\n", content_type="application/pdf"
            ),
        ),
    )
    assert response.status_code == 422
    assert "Table Mashup" in response.text
    profile.refresh_from_db()
    assert not profile.cv


def test_periods_are_the_speakers_own(login):
    """A speaker adds a period to their profile; another speaker cannot delete it (404)."""
    profile = speaker_profile()
    client = login(profile.person.user)
    response = client.post(
        reverse("speakers:period_add"),
        {"kind": PeriodKind.UNAVAILABLE, "starts_on": "2024-08-01", "ends_on": "2024-08-15"},
    )
    assert response.status_code == 302
    period = SpeakerPeriod.objects.get(profile=profile)
    refused = client.post(
        reverse("speakers:period_add"),
        {"kind": PeriodKind.UNAVAILABLE, "starts_on": "2024-08-15", "ends_on": "2024-08-01"},
    )
    assert refused.status_code == 422
    intruder = login(speaker_profile().person.user)
    assert intruder.post(reverse("speakers:period_delete", args=[period.pk])).status_code == 404
    assert SpeakerPeriod.objects.filter(pk=period.pk).exists()
