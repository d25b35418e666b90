"""The e-mails of a dossier's life and of an invitation write dates as people do, in the
recipient's language: « 10 janvier 2024 à 10 h 00 », « 10 January 2024 at 10:00 a.m. » —
never an ISO date or a time to the second."""

import re

import pytest
import time_machine
from django.utils import translation

from lanterne.accounts.enums import Role
from lanterne.accounts.invitations import invitation_create
from lanterne.core.money import format_day
from lanterne.dossiers import services
from tests.accounts.factories import coordinator
from tests.accounts.invitations import last_mail
from tests.calls.factories import CallFactory, paris
from tests.dossiers.factories import DossierFactory, dossier_applicant

MACHINE_DATES = re.compile(r"\d{4}-\d{2}-\d{2}|\d{1,2}:\d{2}:\d{2}")


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("fr", "le 10 janvier 2024 à 10 h 00 (heure de Paris)."),
        ("en", "on 10 January 2024 at 10:00 a.m. (Paris time)."),
    ],
)
def test_the_submission_mail_dates_it_in_the_recipients_language(
    language, expected, django_capture_on_commit_callbacks
):
    """The applicant's acknowledgement names the moment of the submission as people write it."""
    with time_machine.travel(paris("2024-01-02 09:00:00")):
        dossier = DossierFactory(call=CallFactory(open_now=True), complete=True)
    owner = dossier_applicant(dossier, email="porteur@example.org", language=language)
    with (
        time_machine.travel(paris("2024-01-10 10:00:00")),
        django_capture_on_commit_callbacks(execute=True),
    ):
        services.dossier_submit(dossier=dossier, by=owner, at=paris("2024-01-10 10:00:00"))
    mail = last_mail("porteur@example.org")
    assert expected in mail.body
    assert not MACHINE_DATES.search(mail.body), mail.body


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_invitation_mail_dates_its_expiry_as_people_write_it(language, occitanie):
    """The invitation says until which day its link is valid, as people write that day."""
    invitation, _key = invitation_create(
        email="jane@example.org",
        role=Role.SPEAKER,
        structure=None,
        language=language,
        by=coordinator(region=occitanie["region"]),
    )
    mail = last_mail("jane@example.org")
    with translation.override(language):
        assert format_day(invitation.expires_at) in mail.body
    assert not MACHINE_DATES.search(mail.body), mail.body
