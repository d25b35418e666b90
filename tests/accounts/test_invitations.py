"""Invitations, as services: who may invite whom for which structure, the link that is only
a digest, resending that kills the old link, revoking, expiry, and accepting."""

import hashlib
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from lanterne.accounts.enums import AuditAction, InvitationStatus, Role
from lanterne.accounts.invitations import (
    invitable_structures,
    invitation_accept,
    invitation_create,
    invitation_for_key,
    invitation_resend,
    invitation_revoke,
)
from lanterne.accounts.models import Invitation, Membership, User
from lanterne.core.models import AuditEvent, OutboxMessage
from lanterne.core.services import ServiceError
from tests.accounts.factories import (
    UserFactory,
    applicant,
    committee_member,
    coordinator,
    network_admin,
    speaker,
)
from tests.accounts.invitations import last_mail, link_in

PASSWORD = "une-phrase-de-passe-solide"


def invite(by, structure, role=Role.APPLICANT, email="nouvelle@example.org", language="fr"):
    return invitation_create(email=email, role=role, structure=structure, language=language, by=by)


def test_a_coordinator_invites_an_applicant_of_its_perimeter(perimeter):
    """The invitation is pending for INVITATION_MAX_AGE_DAYS days, only the key's SHA-256 is
    stored, the e-mail carries the link and the expiry date, and the trail records it."""
    invitation, key = invite(perimeter["coordinator"], perimeter["inside"], email="Lea@Example.org")

    assert invitation.email == "lea@example.org"
    assert invitation.status == InvitationStatus.PENDING
    assert invitation.digest == hashlib.sha256(key.encode()).hexdigest()
    assert key not in str(Invitation.objects.filter(pk=invitation.pk).values().get())
    assert (
        timedelta(days=13, hours=23) < invitation.expires_at - timezone.now() <= timedelta(days=14)
    )
    message = last_mail("lea@example.org")
    assert message.subject == "Lanterne : vous êtes invité·e comme porteur de projet"
    assert link_in(message) == f"/invitation/{key}/"
    assert "Ciné des Faubourgs" in message.body
    assert timezone.localtime(invitation.expires_at).strftime("%Y") in message.body
    event = AuditEvent.objects.get(action=AuditAction.INVITATION_CREATE)
    assert event.actor == perimeter["coordinator"]
    assert event.object_id == str(invitation.pk)
    assert "lea@example.org" not in str(event.details)


def test_the_english_invitation_is_written_in_english(perimeter):
    """The e-mail follows the language chosen for it, whatever the inviter's page."""
    invite(perimeter["coordinator"], perimeter["inside"], language="en")
    message = last_mail("nouvelle@example.org")
    assert message.subject == "Lanterne: you are invited as project applicant"
    assert "/en/invitation/" in message.body
    assert "The link is valid until" in message.body


def test_a_coordinator_cannot_invite_outside_its_perimeter(perimeter):
    with pytest.raises(PermissionDenied):
        invite(perimeter["coordinator"], perimeter["outside"])
    assert not Invitation.objects.exists()
    assert not OutboxMessage.objects.exists()


@pytest.mark.parametrize("role", [Role.COORDINATOR, Role.NETWORK_ADMIN])
def test_a_coordinator_cannot_grant_staff_roles(perimeter, role):
    with pytest.raises(PermissionDenied):
        invite(perimeter["coordinator"], perimeter["inside"], role=role)
    assert not Invitation.objects.exists()


@pytest.mark.parametrize("role", [Role.COMMITTEE_MEMBER, Role.SPEAKER])
def test_a_coordinator_invites_committee_members_and_speakers(perimeter, role):
    invitation, _key = invite(perimeter["coordinator"], perimeter["inside"], role=role)
    assert invitation.role == role


def test_a_speaker_may_be_invited_without_a_structure(perimeter):
    invitation, _key = invite(perimeter["coordinator"], None, role=Role.SPEAKER)
    assert invitation.structure is None


def test_other_roles_need_a_structure(perimeter):
    with pytest.raises(ServiceError) as refused:
        invite(perimeter["coordinator"], None, role=Role.COMMITTEE_MEMBER)
    assert "Choisissez la structure" in str(refused.value)


@pytest.mark.parametrize(
    "make", [applicant, committee_member, speaker, UserFactory], ids=lambda f: f.__name__
)
def test_nobody_else_invites(perimeter, make):
    """Applicants, committee members, speakers and plain accounts invite nobody, not even for
    their own structure."""
    user = make()
    structure = user.memberships.first().structure if user.memberships.exists() else None
    with pytest.raises(PermissionDenied):
        invite(user, structure or perimeter["inside"])
    assert not invitable_structures(user).exists()


def test_the_network_admin_invites_coordination_staff_anywhere(perimeter):
    admin = network_admin()
    invitation, _key = invite(admin, perimeter["outside"], role=Role.COORDINATOR)
    assert invitation.role == Role.COORDINATOR
    with pytest.raises(PermissionDenied):
        invite(admin, perimeter["outside"], role=Role.NETWORK_ADMIN, email="autre@example.org")


def test_a_superuser_invites_the_national_network(perimeter):
    superuser = UserFactory(is_superuser=True, is_staff=True)
    invitation, _key = invite(superuser, perimeter["outside"], role=Role.NETWORK_ADMIN)
    assert invitation.role == Role.NETWORK_ADMIN


def test_the_structures_offered_are_the_perimeter(perimeter):
    offered = set(invitable_structures(perimeter["coordinator"]))
    assert perimeter["inside"] in offered
    assert perimeter["outside"] not in offered
    assert perimeter["outside"] in set(invitable_structures(network_admin()))


def test_a_second_pending_invitation_is_refused(perimeter):
    invite(perimeter["coordinator"], perimeter["inside"])
    with pytest.raises(ServiceError) as refused:
        invite(perimeter["coordinator"], perimeter["inside"], email="NOUVELLE@example.org")
    assert "renvoyez-la" in str(refused.value)


def test_inviting_someone_who_already_has_the_role_is_refused(perimeter):
    member = applicant(structure=perimeter["inside"], email="deja@example.org")
    with pytest.raises(ServiceError):
        invite(perimeter["coordinator"], perimeter["inside"], email=member.email)


def test_an_expired_invitation_cannot_be_accepted(perimeter):
    invitation, _key = invite(perimeter["coordinator"], perimeter["inside"])
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now())
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.EXPIRED
    assert Invitation.objects.with_status(InvitationStatus.EXPIRED).get() == invitation
    with pytest.raises(ServiceError) as refused:
        invitation_accept(invitation=invitation, by=None, password=PASSWORD)
    assert "expiré" in str(refused.value)
    assert not User.objects.filter(email="nouvelle@example.org").exists()


def test_resending_makes_a_new_link_and_kills_the_old_one(perimeter):
    invitation, old_key = invite(perimeter["coordinator"], perimeter["inside"])
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now())
    invitation.refresh_from_db()

    resent, new_key = invitation_resend(invitation=invitation, by=perimeter["coordinator"])

    assert new_key != old_key
    assert invitation_for_key(old_key) is None
    assert invitation_for_key(new_key) == resent
    assert resent.status == InvitationStatus.PENDING
    assert link_in(last_mail(invitation.email)) == f"/invitation/{new_key}/"
    assert OutboxMessage.objects.filter(to=invitation.email).count() == 2
    assert AuditEvent.objects.filter(action=AuditAction.INVITATION_RESEND).count() == 1


def test_revoking_ends_the_invitation(perimeter):
    invitation, _key = invite(perimeter["coordinator"], perimeter["inside"])
    invitation_revoke(invitation=invitation, by=perimeter["coordinator"])
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.REVOKED
    with pytest.raises(ServiceError):
        invitation_accept(invitation=invitation, by=None, password=PASSWORD)
    with pytest.raises(ServiceError):
        invitation_resend(invitation=invitation, by=perimeter["coordinator"])
    assert AuditEvent.objects.filter(action=AuditAction.INVITATION_REVOKE).count() == 1


def test_another_coordinator_cannot_resend_nor_revoke(perimeter):
    invitation, _key = invite(perimeter["coordinator"], perimeter["inside"])
    elsewhere = coordinator(region=perimeter["lille"].departement.region)
    with pytest.raises(PermissionDenied):
        invitation_resend(invitation=invitation, by=elsewhere)
    with pytest.raises(PermissionDenied):
        invitation_revoke(invitation=invitation, by=elsewhere)
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.PENDING
    assert not Invitation.objects.visible_to(elsewhere).exists()
    assert Invitation.objects.visible_to(perimeter["coordinator"]).get() == invitation


def test_accepting_creates_the_account_and_the_membership(perimeter):
    invitation, _key = invite(perimeter["coordinator"], perimeter["inside"])
    user = invitation_accept(
        invitation=invitation,
        by=None,
        first_name="Léa",
        last_name="Petit",
        password=PASSWORD,
        language="en",
    )
    assert user.check_password(PASSWORD)
    assert user.language == "en"
    assert user.terms_accepted_at is not None
    assert Membership.objects.get(user=user).structure == perimeter["inside"]
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.ACCEPTED
    assert invitation.accepted_user == user
    with pytest.raises(ServiceError):
        invitation_accept(invitation=invitation, by=None, password=PASSWORD)


def test_a_weak_password_creates_nothing(perimeter):
    invitation, _key = invite(perimeter["coordinator"], perimeter["inside"])
    with pytest.raises(ValidationError):
        invitation_accept(invitation=invitation, by=None, password="court")
    assert not User.objects.filter(email=invitation.email).exists()
    assert not Membership.objects.filter(structure=perimeter["inside"]).exists()


def test_an_existing_account_gets_the_role(perimeter):
    person = applicant(email="sami@example.org")
    invitation, _key = invite(
        perimeter["coordinator"], perimeter["inside"], role=Role.SPEAKER, email="Sami@example.org"
    )
    with pytest.raises(ServiceError):
        invitation_accept(invitation=invitation, by=None, password=PASSWORD)
    other = UserFactory()
    with pytest.raises(ServiceError):
        invitation_accept(invitation=invitation, by=other)
    assert invitation_accept(invitation=invitation, by=person) == person
    assert person.memberships.filter(role=Role.SPEAKER, structure=perimeter["inside"]).exists()
    assert User.objects.filter(email__iexact="sami@example.org").count() == 1


def test_the_invitations_received_are_part_of_the_persons_data(perimeter):
    """The person's data page lists the invitations sent to its address; erasing the person
    deletes them."""
    from lanterne.accounts.erasure import person_erase
    from lanterne.core import privacy

    invitation, _key = invite(perimeter["coordinator"], perimeter["inside"])
    user = invitation_accept(
        invitation=invitation, by=None, first_name="Léa", last_name="Petit", password=PASSWORD
    )
    rows = {kind.key: rows for kind, rows in privacy.export_person(user)}["invitations"]
    assert [(r["role"], r["structure"], r["status"]) for r in rows] == [
        ("porteur de projet", "Ciné des Faubourgs", "acceptée")
    ]
    person_erase(user=user, by=user)
    assert not Invitation.objects.filter(email="nouvelle@example.org").exists()
