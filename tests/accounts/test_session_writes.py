"""A signed-in page costs the same queries whether or not it records activity, but one: the
session's "last seen" stamp (once a minute) is one UPDATE, not a transaction around it."""

from datetime import timedelta

import pytest
from django.contrib.sessions.backends.base import UpdateError
from django.contrib.sessions.models import Session
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lanterne.accounts.sessions import SEEN, SEEN_RESOLUTION, SessionStore
from tests.accounts.factories import applicant, coordinator, pass_second_factor

PROFILE = reverse("accounts:profile")
START = "2026-03-02 09:00:00+01:00"


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    pass_second_factor(client, user)
    return client


@pytest.mark.parametrize("make", [applicant, coordinator], ids=["applicant", "coordinator"])
def test_recording_activity_adds_one_query(time_machine, django_assert_num_queries, make):
    """Within the minute nothing is written; once it has passed, one UPDATE records the visit."""
    time_machine.move_to(START, tick=False)
    client = signed_in(make())
    client.get(PROFILE)  # the first request after signing in stamps the session
    time_machine.shift(timedelta(seconds=SEEN_RESOLUTION - 1))
    with CaptureQueriesContext(connection) as quiet:
        assert client.get(PROFILE).status_code == 200
    reads = [q["sql"] for q in quiet.captured_queries]
    assert all(sql.startswith("SELECT") for sql in reads)
    assert reads[0].startswith('SELECT "django_session"')
    time_machine.shift(timedelta(seconds=2))
    with django_assert_num_queries(len(reads) + 1) as context:
        assert client.get(PROFILE).status_code == 200
    writes = [q["sql"] for q in context.captured_queries if not q["sql"].startswith("SELECT")]
    assert len(writes) == 1
    assert writes[0].startswith('UPDATE "django_session"')


def test_the_update_writes_the_data_and_the_expiry():
    """What one UPDATE saves is read back whole, with the session's new expiry date."""
    store = SessionStore()
    store["colour"] = "bleu"
    store.create()
    first_expiry = Session.objects.get(session_key=store.session_key).expire_date
    store[SEEN] = 1_700_000_000
    store.set_expiry(3600)
    store.save()
    again = SessionStore(store.session_key)
    assert again["colour"] == "bleu"
    assert again[SEEN] == 1_700_000_000
    assert Session.objects.get(session_key=store.session_key).expire_date < first_expiry


def test_a_session_deleted_meanwhile_is_not_recreated_by_a_save():
    """A session signed out elsewhere between the read and the write raises UpdateError (Django
    answers it with a 400) rather than bringing the session back to life."""
    store = SessionStore()
    store["colour"] = "bleu"
    store.create()
    Session.objects.filter(session_key=store.session_key).delete()
    store["colour"] = "vert"
    with pytest.raises(UpdateError):
        store.save()
    assert not Session.objects.filter(session_key=store.session_key).exists()


def test_a_new_session_is_still_created_by_an_insert():
    """A store without a key gets one and its row, as Django's does."""
    store = SessionStore()
    store["colour"] = "bleu"
    store.save()
    assert store.session_key
    assert Session.objects.filter(session_key=store.session_key).exists()
