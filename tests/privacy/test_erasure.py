"""Erasing a person: what must stay is kept without them, the rest is deleted."""

import pytest
from axes.models import AccessFailureLog, AccessLog
from django.contrib.sessions.models import Session
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.urls import reverse

from lanterne.accounts.erasure import person_erase
from lanterne.accounts.models import ApiToken, Membership, User
from lanterne.core.models import AuditEvent, OutboxMessage
from lanterne.core.services import ServiceError
from lanterne.dossiers.enums import AuditAction
from lanterne.dossiers.models import Dossier, DossierMessage, DossierTransition
from lanterne.network.models import Person
from tests.accounts.factories import PASSWORD, MembershipFactory, UserFactory, network_admin
from tests.privacy.factories import footprint


def _rows_of(fp) -> dict[str, int]:
    user = fp.user
    return {
        "memberships": Membership.objects.filter(user=user).count(),
        "tokens": ApiToken.objects.filter(user=user).count(),
        "logins": AccessLog.objects.filter(username=user.email).count()
        + AccessFailureLog.objects.filter(username=user.email).count(),
        "emails": OutboxMessage.objects.filter(to=user.email).count(),
        "people": Person.objects.filter(email=user.email).count(),
        "audit": AuditEvent.objects.filter(actor=user).count(),
        "sessions": sum(
            s.get_decoded().get("_auth_user_id") == str(user.pk) for s in Session.objects.all()
        ),
        "dossiers": Dossier.objects.filter(pk__in=[fp.submitted.pk, fp.draft.pk]).count(),
    }


def test_erasure_keeps_the_submitted_dossier_as_compte_supprime(login):
    """The submitted dossier stays, with its message and history; another member of the
    structure sees « compte supprimé » where the person's name was."""
    alice = footprint("alice")
    colleague = MembershipFactory(structure=alice.structure).user
    person_erase(user=alice.user, by=alice.user)

    dossier = Dossier.objects.get(pk=alice.submitted.pk)
    assert dossier.created_by.is_erased
    assert DossierMessage.objects.get(dossier=dossier).author.is_erased
    assert all(t.by.is_erased for t in DossierTransition.objects.filter(dossier=dossier))
    text = login(colleague).get(reverse("dossiers:detail", args=[dossier.pk])).text
    assert "compte supprimé" in text
    assert "Prénom-alice" not in text
    assert "alice@example.org" not in text


def test_erasure_deletes_what_need_not_stay():
    """Roles, sessions, API token, sign-in records, e-mails to the person and their contact
    cards are deleted; audit events lose their actor; the account keeps no personal data."""
    alice = footprint("alice")
    before = _rows_of(alice)
    assert all(before.values())
    events = AuditEvent.objects.filter(actor=alice.user).count()

    erasure = person_erase(user=alice.user, by=alice.user)

    after = _rows_of(alice)
    assert after == {**dict.fromkeys(before, 0), "dossiers": 1}
    assert erasure.counts["memberships"] == 1
    assert erasure.counts["audit_events"] == events
    assert AuditEvent.objects.filter(action=AuditAction.SUBMIT, actor=None).count() == 1
    row = User.objects.get(pk=alice.user.pk)
    assert row.is_erased
    assert (row.first_name, row.last_name, row.is_active) == ("", "", False)
    assert not row.has_usable_password()
    assert not User.objects.filter(email__iexact="alice@example.org").exists()
    assert not erasure.row_deleted


def test_the_draft_goes_when_no_one_else_can_take_it_up():
    """A draft the person created is deleted when they were the structure's only member; with
    another active member, it stays for them."""
    alone = footprint("alone")
    shared = footprint("shared")
    MembershipFactory(structure=shared.structure)
    person_erase(user=alone.user, by=None)
    person_erase(user=shared.user, by=None)
    assert not Dossier.objects.filter(pk=alone.draft.pk).exists()
    assert Dossier.objects.get(pk=shared.draft.pk).created_by.is_erased


def test_an_account_nothing_points_at_is_deleted():
    """A person who never wrote anything that must stay leaves no row at all."""
    user = UserFactory(email="passant@example.org")
    erasure = person_erase(user=user, by=None)
    assert erasure.row_deleted
    assert not User.objects.filter(email="passant@example.org").exists()


def test_erased_person_can_no_longer_sign_in(client):
    """Neither the old address nor the password open a session any more."""
    alice = footprint("alice")
    person_erase(user=alice.user, by=None)
    response = client.post(
        reverse("accounts:login"), {"username": "alice@example.org", "password": PASSWORD}
    )
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_dry_run_changes_nothing():
    """A dry run gives the counts of the real erasure and leaves every row as it was."""
    alice = footprint("alice")
    before = _rows_of(alice)
    dry = person_erase(user=alice.user, by=None, dry_run=True)
    assert _rows_of(alice) == before
    assert User.objects.get(pk=alice.user.pk).email == "alice@example.org"
    assert not AuditEvent.objects.filter(action="account.erase").exists()
    assert dry.dry_run and dry.counts["memberships"] == 1
    real = person_erase(user=alice.user, by=None)
    assert real.counts == dry.counts


def test_erasing_someone_else_is_for_admins_only():
    """An applicant cannot erase another person; a network admin can, except a superuser."""
    alice = footprint("alice")
    bruno = footprint("bruno")
    with pytest.raises(PermissionDenied):
        person_erase(user=bruno.user, by=alice.user)
    root = UserFactory(is_superuser=True, is_staff=True)
    admin = network_admin()
    with pytest.raises(PermissionDenied):
        person_erase(user=root, by=admin)
    person_erase(user=bruno.user, by=admin)
    assert User.objects.get(pk=bruno.user.pk).is_erased
    event = AuditEvent.objects.get(action="account.erase")
    assert event.actor == admin


def test_an_erased_account_is_not_erased_twice():
    alice = footprint("alice")
    person_erase(user=alice.user, by=None)
    with pytest.raises(ServiceError, match="déjà été supprimé"):
        person_erase(user=User.objects.get(pk=alice.user.pk), by=None)


def test_the_last_superuser_stays():
    """The only active superuser cannot be erased: the admin would have no one left."""
    root = UserFactory(is_superuser=True, is_staff=True)
    with pytest.raises(ServiceError, match="seul compte superutilisateur"):
        person_erase(user=root, by=root)


def test_person_erases_their_account_from_the_profile_with_their_password(login):
    """The page warns and asks for the password: a wrong one is refused in words and changes
    nothing; the right one erases the account and signs the person out."""
    alice = footprint("alice")
    client = login(alice.user)
    page = client.get(reverse("privacy:erase"))
    assert "définitive" in page.text
    wrong = client.post(reverse("privacy:erase"), {"password": "pas le bon", "understood": "on"})
    assert wrong.status_code == 422
    assert "Le mot de passe n&#x27;est pas le bon." in wrong.text
    assert not User.objects.get(pk=alice.user.pk).is_erased

    done = client.post(reverse("privacy:erase"), {"password": PASSWORD, "understood": "on"})
    assert done.status_code == 302
    assert User.objects.get(pk=alice.user.pk).is_erased
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("accounts:profile")).status_code == 302


def test_erasure_without_ticking_the_warning_is_refused(login):
    alice = footprint("alice")
    response = login(alice.user).post(reverse("privacy:erase"), {"password": PASSWORD})
    assert response.status_code == 422
    assert not User.objects.get(pk=alice.user.pk).is_erased


def test_admin_action_previews_then_erases(client, login):
    """A superuser selects people in the admin: a first page shows what erasing would do,
    the confirmation erases them."""
    root = UserFactory(is_superuser=True, is_staff=True, email="root@example.org")
    UserFactory(is_superuser=True, is_staff=True)
    alice = footprint("alice")
    login(root)
    url = reverse("admin:accounts_user_changelist")
    preview = client.post(url, {"action": "erase_people", "_selected_action": [alice.user.pk]})
    assert preview.status_code == 200
    assert "alice@example.org" in preview.text
    assert "Vos rôles : 1" in preview.text
    assert not User.objects.get(pk=alice.user.pk).is_erased

    done = client.post(
        url, {"action": "erase_people", "_selected_action": [alice.user.pk], "confirm": "yes"}
    )
    assert done.status_code == 302
    assert User.objects.get(pk=alice.user.pk).is_erased


def test_command_erases_by_email_and_dry_run_changes_nothing(capsys):
    alice = footprint("alice")
    call_command("erase_person", "--email", "ALICE@example.org", "--dry-run")
    assert "memberships\t1" in capsys.readouterr().out
    assert not User.objects.get(pk=alice.user.pk).is_erased
    call_command("erase_person", "--email", "alice@example.org")
    assert User.objects.get(pk=alice.user.pk).is_erased


def test_a_kept_account_lets_go_of_what_would_cascade():
    """When the row stays (a dossier points at it), what deleting it would have removed goes
    all the same: a committee seat goes, a structure's change history forgets who changed it."""
    from lanterne.network.models import Structure
    from tests.committee.factories import CommitteeSessionFactory

    alice = footprint("alice")
    session = CommitteeSessionFactory()
    session.members.add(alice.user)
    structure = Structure.objects.get(pk=alice.structure.pk)
    structure._history_user = alice.user
    structure.name = "Nouveau nom"
    structure.save()
    assert structure.history.filter(history_user=alice.user).exists()

    person_erase(user=alice.user, by=None)

    assert not session.members.exists()
    assert not structure.history.filter(history_user_id=alice.user.pk).exists()
    assert User.objects.get(pk=alice.user.pk).is_erased
