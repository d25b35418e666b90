"""Invitations of the Occitanie coordination, one in each state, so that its list is not empty;
and one pending invitation whose link is printed by `load_demo`, to try the accept page."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from lanterne.accounts.enums import Role
from lanterne.accounts.models import Invitation, User
from lanterne.accounts.tokens import digest_of
from lanterne.network.models import Structure

from .fictive import DEMO_DOMAIN, DEMO_INVITATION_KEY

COORDINATOR = f"coordination.occitanie@{DEMO_DOMAIN}"
# (e-mail, role, structure slug or None, language, days since sent, state, accepted by)
INVITATIONS = [
    (
        f"nouvelle.porteuse@{DEMO_DOMAIN}",
        Role.APPLICANT,
        "centre-social-les-tilleuls",
        "fr",
        2,
        "pending",
        None,
    ),
    (
        f"festival.gers@{DEMO_DOMAIN}",
        Role.APPLICANT,
        "festival-des-courts-du-gers",
        "fr",
        5,
        "pending",
        None,
    ),
    (f"guest.speaker@{DEMO_DOMAIN}", Role.SPEAKER, None, "en", 20, "expired", None),
    (
        f"ancien.contact@{DEMO_DOMAIN}",
        Role.APPLICANT,
        "mjc-des-deux-rives",
        "fr",
        12,
        "revoked",
        None,
    ),
    (
        f"comite.drac@{DEMO_DOMAIN}",
        Role.COMMITTEE_MEMBER,
        "drac-occitanie",
        "fr",
        40,
        "accepted",
        f"comite.drac@{DEMO_DOMAIN}",
    ),
    (
        f"porteur@{DEMO_DOMAIN}",
        Role.APPLICANT,
        "cine-faubourgs",
        "fr",
        60,
        "accepted",
        f"porteur@{DEMO_DOMAIN}",
    ),
]


def load_invitations() -> None:
    coordinator = User.objects.get(email=COORDINATOR)
    now = timezone.now()
    max_age = timedelta(days=settings.INVITATION_MAX_AGE_DAYS)
    for index, (email, role, slug, language, days, state, accepted_by) in enumerate(INVITATIONS):
        sent_at = now - timedelta(days=days)
        # The first one opens with the printed demo link; the others' keys are never shown.
        key = DEMO_INVITATION_KEY if index == 0 else f"demo-invitation-{email}"
        Invitation.objects.update_or_create(
            email=email,
            role=role,
            structure=Structure.objects.get(slug=slug) if slug else None,
            defaults={
                "language": language,
                "invited_by": coordinator,
                "digest": digest_of(key),
                "sent_at": sent_at,
                "expires_at": sent_at + max_age,
                "accepted_at": sent_at + timedelta(days=1) if state == "accepted" else None,
                "accepted_user": User.objects.get(email=accepted_by) if accepted_by else None,
                "revoked_at": sent_at + timedelta(days=2) if state == "revoked" else None,
            },
        )
