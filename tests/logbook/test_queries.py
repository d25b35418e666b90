"""The group's page and the gallery read a fixed number of queries whatever their rows."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lanterne.logbook.enums import FilmState
from lanterne.logbook.models import Comment
from tests.logbook.factories import consent, film, member, photo, post


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def _posts(group, author, n):
    lina = member(group, f"Lina {n}")
    for index in range(n):
        item = post(group, author=author, body=f"Séance {index}")
        photo(item, appears=[lina])
        photo(item)
        Comment.objects.create(post=item, author=author, body="Bravo")


def test_the_group_page_reads_as_many_queries_for_2_or_20_posts(group, staff, login):
    client = login(staff)
    url = reverse("logbook:group", args=[group.pk])
    _posts(group, staff, 2)
    few = _count(client, url)
    _posts(group, staff, 18)
    assert _count(client, url) == few


def _films(group, n):
    today = datetime.date.today()
    for index in range(n):
        person = member(group, f"Jeune {index}")
        consent(person, signed_on=today, expires_on=today + datetime.timedelta(days=10))
        film(group, appears=[person], state=FilmState.PUBLIC, title=f"Film {index}")


def test_the_gallery_reads_as_many_queries_for_2_or_20_films(group, client):
    url = reverse("logbook:gallery")
    _films(group, 2)
    few = _count(client, url)
    _films(group, 18)
    assert _count(client, url) == few
    assert "Film 17" in client.get(url).text
