"""A film goes out only where its state and the register both allow it, everywhere at once:
the film page, its file, the public gallery. A withdrawal or an expiry takes it back, with no
job to run, and the withdrawal is recorded."""

import datetime

import time_machine
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils.html import escape

from lanterne.core.models import AuditEvent
from lanterne.logbook import services
from lanterne.logbook.enums import FilmState, Scope
from lanterne.logbook.models import Film, FilmTransition
from tests.logbook.factories import TODAY, at, consent, film, member


def _with_video(item):
    item.video.save("film.mp4", ContentFile(b"\x00\x00\x00\x18ftypmp42"), save=False)
    item.video_content_type = "video/mp4"
    item.save()
    return item


def _public_view(client, item):
    page = client.get(reverse("logbook:film", args=[item.pk])).status_code
    video = client.get(reverse("logbook:film_video", args=[item.pk])).status_code
    gallery = escape(item.work.title) in client.get(reverse("logbook:gallery")).text
    return page, video, gallery


@time_machine.travel(at(TODAY), tick=False)
def test_a_public_film_with_everyone_covered_is_in_the_gallery(group, client):
    lina = member(group, "Lina")
    consent(lina)
    item = _with_video(film(group, appears=[lina], state=FilmState.PUBLIC, title="Ceux d'ici"))
    assert _public_view(client, item) == (200, 200, True)


@time_machine.travel(at(TODAY), tick=False)
def test_a_missing_authorisation_holds_the_film_back_until_it_arrives(group, staff, client, login):
    """Meant for the public, the film stays out while Sami has no authorisation for the public
    web; his parents' authorisation arrives: it is out at once. The staff's page names who
    holds it back."""
    lina, sami = member(group, "Lina"), member(group, "Sami")
    consent(lina)
    consent(sami, scopes=[Scope.GROUP, Scope.NETWORK])
    item = _with_video(film(group, appears=[lina, sami], state=FilmState.PUBLIC))
    assert _public_view(client, item) == (404, 404, False)
    page = login(staff).get(reverse("logbook:film", args=[item.pk])).text
    assert "retenu" in page and "Sami" in page
    consent(sami)
    client.logout()
    assert _public_view(client, item) == (200, 200, True)


@time_machine.travel(at(TODAY), tick=False)
def test_a_withdrawal_unpublishes_everywhere_and_is_recorded(group, staff, client):
    """A parent withdraws the authorisation: the film leaves the gallery, its page and its file
    at once; the withdrawal is on the authorisation, in the film's history and in the trail."""
    lina = member(group, "Lina")
    authorisation = consent(lina)
    item = _with_video(film(group, appears=[lina], state=FilmState.PUBLIC))
    assert _public_view(client, item) == (200, 200, True)
    services.consent_withdraw(consent=authorisation, by=staff, reason="Demande des parents.")
    assert _public_view(client, item) == (404, 404, False)
    authorisation.refresh_from_db()
    assert authorisation.withdrawn_at is not None and authorisation.withdrawn_by == staff
    step = FilmTransition.objects.get(film=item, name="consent_withdrawn")
    assert (step.source, step.target, step.by) == (FilmState.PUBLIC, FilmState.PUBLIC, staff)
    event = AuditEvent.objects.get(action="logbook.consent_withdraw", object_type="logbook.consent")
    assert event.details["films_hidden"] == [item.pk]


def test_an_expiry_unpublishes_the_next_day(group, client):
    """Valid until 1 June: in the gallery on 1 June, gone on 2 June, no job run."""
    lina = member(group, "Lina")
    consent(lina, expires_on=TODAY)
    item = _with_video(film(group, appears=[lina], state=FilmState.PUBLIC))
    with time_machine.travel(at(TODAY, 20), tick=False):
        assert _public_view(client, item) == (200, 200, True)
    with time_machine.travel(at(TODAY + datetime.timedelta(days=1), 9), tick=False):
        assert _public_view(client, item) == (404, 404, False)


@time_machine.travel(at(TODAY), tick=False)
def test_a_network_film_is_for_signed_in_people_only(group, client, login):
    """Meant for the network: a signed-in person of the network sees it, the public does not."""
    from tests.accounts.factories import applicant

    lina = member(group, "Lina")
    consent(lina, scopes=[Scope.GROUP, Scope.NETWORK])
    item = _with_video(film(group, appears=[lina], state=FilmState.NETWORK))
    assert _public_view(client, item) == (404, 404, False)
    assert _public_view(login(applicant()), item)[:2] == (200, 200)


@time_machine.travel(at(TODAY), tick=False)
def test_a_private_film_stays_in_its_group(group, staff, client, login):
    lina = member(group, "Lina")
    consent(lina)
    item = _with_video(film(group, appears=[lina]))
    assert _public_view(client, item) == (404, 404, False)
    assert login(staff).get(reverse("logbook:film", args=[item.pk])).status_code == 200


@time_machine.travel(at(TODAY), tick=False)
def test_publishing_goes_through_the_page(group, staff, login):
    item = film(group)
    client = login(staff)
    assert client.post(reverse("logbook:film_publish", args=[item.pk])).status_code == 302
    assert Film.objects.get(pk=item.pk).state == FilmState.PUBLIC


def test_an_outsider_may_not_publish(group, login):
    from tests.accounts.factories import applicant

    item = film(group)
    response = login(applicant()).post(reverse("logbook:film_publish", args=[item.pk]))
    assert response.status_code == 404
    assert Film.objects.get(pk=item.pk).state == FilmState.PRIVATE


def test_the_staff_fills_the_film_sheet_and_lists_who_appears(group, staff, login):
    """The sheet's metadata, who appears and the video file (judged by its content) are saved
    from the film's page; a file that is no video is refused beside its field."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    lina = member(group, "Lina")
    item = film(group)
    client = login(staff)
    url = reverse("logbook:film", args=[item.pk])
    refused = client.post(
        url,
        {
            "genre": "portrait",
            "partner_cinema": "Cinéma Le Régent",
            "participants": "12",
            "appears": [lina.pk],
            "video": SimpleUploadedFile("film.mp4", b"%PDF-1.4\n", content_type="video/mp4"),
        },
    )
    assert refused.status_code == 422 and "application/pdf" in refused.text
    assert 'value="Cinéma Le Régent"' in refused.text
    response = client.post(
        url,
        {"genre": "portrait", "partner_cinema": "Cinéma Le Régent", "appears": [lina.pk]},
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.genre == "portrait" and item.participants is None
    assert list(item.appears.all()) == [lina]
    assert "non transmis" in client.get(url).text


def test_the_gallery_filters_and_shrugs_off_nonsense(group, client):
    """Searched by région, year, genre and typology; a nonsense value is ignored, a page past
    the end shows the last one: never an error."""
    lina = member(group, "Lina")
    today = datetime.date.today()
    consent(lina, signed_on=today, expires_on=today + datetime.timedelta(days=5))
    film(group, appears=[lina], state=FilmState.PUBLIC, title="Portrait", genre="portrait")
    film(group, state=FilmState.PUBLIC, title="Comédie", genre="comedy")
    url = reverse("logbook:gallery")
    region = group.action.project.call.region_id
    page = client.get(url, {"genre": "comedy", "region": region, "year": 2024}).text
    assert "Comédie" in page and "Portrait</a>" not in page
    for nonsense in ({"year": "abc"}, {"region": "zz"}, {"page": "999"}, {"genre": "<b>"}):
        response = client.get(url, nonsense)
        assert response.status_code == 200, nonsense
