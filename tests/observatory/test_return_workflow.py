"""The return's workflow: every transition is logged with who, when, from, to and why."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from lanterne.observatory.enums import ReturnState
from lanterne.observatory.services import (
    return_accept,
    return_save,
    return_send_back,
    return_submit,
)
from tests.workflow import assert_every_transition

from .conftest import full_entries

TRANSITIONS = {
    "submit": {ReturnState.DRAFT, ReturnState.SENT_BACK},
    "accept": {ReturnState.SUBMITTED},
    "send_back": {ReturnState.SUBMITTED, ReturnState.ACCEPTED},
}


def _run(name, value_return, by):
    if name == "submit":
        return return_submit(value_return=value_return, by=by)
    if name == "accept":
        return return_accept(value_return=value_return, by=by)
    return return_send_back(value_return=value_return, reason="Chiffres à vérifier", by=by)


def test_every_transition_from_every_state(setup, admin_user):
    """Allowed transitions write one log row with who, from and to; the others are refused
    with a message naming the return's state, and change nothing."""
    value_return = setup["return"]
    return_save(
        value_return=value_return, entries=full_entries(setup["indicators"]), by=setup["member"]
    )
    assert_every_transition(
        value_return,
        _run,
        actors={"submit": setup["member"], "accept": admin_user, "send_back": admin_user},
        allowed=TRANSITIONS,
    )


def test_submit_requires_every_indicator(setup):
    """A return is submitted only when each indicator has a value or is marked non transmis."""
    entries = full_entries(setup["indicators"])[:-1]
    return_save(value_return=setup["return"], entries=entries, by=setup["member"])
    with pytest.raises(ValidationError) as error:
        return_submit(value_return=setup["return"], by=setup["member"])
    assert "partners" in error.value.message_dict


def test_send_back_needs_a_reason_and_notifies(
    setup, admin_user, django_capture_on_commit_callbacks
):
    """Sending back says why; the structure's members get the reason by e-mail."""
    return_save(
        value_return=setup["return"], entries=full_entries(setup["indicators"]), by=setup["member"]
    )
    return_submit(value_return=setup["return"], by=setup["member"])
    with pytest.raises(ValidationError):
        return_send_back(value_return=setup["return"], reason=" ", by=admin_user)
    with django_capture_on_commit_callbacks(execute=True):
        return_send_back(
            value_return=setup["return"], reason="Le total est à revoir", by=admin_user
        )
    assert any("Le total est à revoir" in m.body for m in mail.outbox)
    assert setup["member"].email in mail.outbox[-1].to


def test_only_the_network_admin_accepts(setup):
    """A structure cannot accept its own return."""
    return_save(
        value_return=setup["return"], entries=full_entries(setup["indicators"]), by=setup["member"]
    )
    return_submit(value_return=setup["return"], by=setup["member"])
    with pytest.raises(PermissionDenied):
        return_accept(value_return=setup["return"], by=setup["member"])


def test_each_recipient_gets_one_message_in_their_language(
    setup, admin_user, django_capture_on_commit_callbacks
):
    """Observatory mail goes one message per recipient, nobody sees another's address, and
    each reads it in their own language."""
    from lanterne.accounts.enums import Role
    from tests.accounts.factories import MembershipFactory, UserFactory

    english = MembershipFactory(
        user=UserFactory(language="en"), structure=setup["structures"][0], role=Role.COORDINATOR
    ).user
    return_save(
        value_return=setup["return"], entries=full_entries(setup["indicators"]), by=setup["member"]
    )
    return_submit(value_return=setup["return"], by=setup["member"])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        return_accept(value_return=setup["return"], by=admin_user)
    by_address = {m.to[0]: m for m in mail.outbox}
    assert sorted(m.to for m in mail.outbox) == sorted([[setup["member"].email], [english.email]])
    assert all(not m.cc and not m.bcc for m in mail.outbox)
    assert by_address[setup["member"].email].subject == "Observatoire : votre retour est accepté"
    assert by_address[english.email].subject == "Observatory: your return is accepted"
    assert "Thank you." in by_address[english.email].body


def test_submit_notifies_each_network_admin_alone(
    setup, admin_user, django_capture_on_commit_callbacks
):
    """Each network admin gets their own message when a structure submits."""
    from tests.accounts.factories import network_admin

    other_admin = network_admin()
    return_save(
        value_return=setup["return"], entries=full_entries(setup["indicators"]), by=setup["member"]
    )
    with django_capture_on_commit_callbacks(execute=True):
        return_submit(value_return=setup["return"], by=setup["member"])
    assert sorted(m.to for m in mail.outbox) == sorted([[admin_user.email], [other_admin.email]])
    assert all(str(setup["structures"][0]) in m.subject for m in mail.outbox)
