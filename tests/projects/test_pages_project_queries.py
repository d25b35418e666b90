"""A project's page and its report (bilan) cost a fixed number of queries whatever the number of
actions, sessions, counts and films: totals are counted in the database, not read row by row."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lanterne.dossiers.enums import ActionType
from lanterne.projects import selectors, services
from lanterne.projects.figures import recorded_figures
from lanterne.projects.models import Action, WorkshopFilm
from tests.projects.factories import project, project_applicant, project_coordinator, session


def _grow(p, n):
    """n more actions, each with n sessions, participants, relays and a film."""
    user = project_applicant(p)
    for i in range(n):
        action = services.action_save(
            project=p,
            by=user,
            action=Action(
                project=p, action_type=ActionType.CREATION_WORKSHOP, title=f"Atelier {i}"
            ),
        )
        for k in range(n):
            session(action, day=f"2024-0{3 + k % 6}-1{k % 9}")
        services.participants_record(
            action=action, by=user, beneficiaries={("12_15", "f"): 2}, relays={"teacher": 1}
        )
        services.film_record(
            action=action,
            by=user,
            film=WorkshopFilm(action=action, title=f"Film {i}", duration_seconds=60, year=2024),
        )


def _count(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response


def test_project_and_report_pages_cost_the_same_queries_at_1x_and_10x(login):
    """The same number of queries for a project with one more action as with ten more, each
    with ten sessions, counts and a film."""
    small, large = project(), project()
    _grow(small, 1)
    _grow(large, 10)
    counts = []
    for p in (small, large):
        client = login(project_coordinator(p))
        counts.append(
            [
                _count(client, reverse(name, args=[p.pk]))[0]
                for name in ("projects:detail", "projects:report")
            ]
        )
    assert counts[0] == counts[1]


def test_the_actions_totals_and_figures_are_read_in_three_queries(django_assert_num_queries):
    """A project's actions with their totals and films: two queries; its report's recorded
    figures: one, whatever the number of actions."""
    p = project()
    _grow(p, 5)
    with django_assert_num_queries(2):
        actions = selectors.project_actions(p)
    assert len(actions) == p.actions.count()
    with django_assert_num_queries(1):
        recorded = recorded_figures(p)
    assert recorded["sessions"] == 25


def test_project_page_shows_each_actions_totals_and_films(login):
    """Each row shows its action's sessions, beneficiaries, relays apart, and the films made."""
    p = project()
    _grow(p, 2)
    client = login(project_coordinator(p))
    _queries, response = _count(client, reverse("projects:detail", args=[p.pk]))
    rows = {action.title: action for action in response.context["actions"]}
    workshop = rows["Atelier 1"]
    assert (workshop.sessions_total, workshop.beneficiaries_total, workshop.relays_total) == (
        2,
        2,
        1,
    )
    assert workshop.film_titles == ["Film 1"]
    assert "Film 1" in response.text
    assert "+ 1 relais, à part" in response.text
    untouched = [a for title, a in rows.items() if not title.startswith("Atelier")]
    assert untouched
    assert all(a.sessions_total == 0 and a.beneficiaries_total == 0 for a in untouched)


def test_report_figures_count_every_action_of_the_project(login):
    """The report's recorded figures add up the sessions, beneficiaries, relays and films of
    every action of the project (and nothing of another project)."""
    p, other = project(), project()
    _grow(p, 3)
    _grow(other, 2)
    client = login(project_applicant(p))
    _queries, response = _count(client, reverse("projects:report", args=[p.pk]))
    recorded = {row["code"]: row["recorded"] for row in response.context["rows"]}
    assert recorded["sessions"] == 9
    assert recorded["actions"] == 3
    assert recorded["minutes"] == 9 * 180
    assert recorded["beneficiaries"] == 6
    assert recorded["relays"] == 3
    assert recorded["films"] == 3
    assert recorded["partners"] == p.dossier.partners.count()


def test_the_action_form_lists_the_calls_films_in_a_fixed_number_of_queries(login):
    """The « add an action » form's film select costs the same queries with many more films in
    the call's lists; it keeps its label, help text, empty choice and every film, in title order."""
    from lanterne.calls.enums import FilmListKind
    from lanterne.calls.models import Film, FilmList

    p = project()
    client = login(project_coordinator(p))
    url = reverse("projects:detail", args=[p.pk])
    before, _response = _count(client, url)
    film_list = FilmList.objects.get_or_create(call=p.call, kind=FilmListKind.OPEN_AIR)[0]
    Film.objects.bulk_create(Film(film_list=film_list, title=f"Zèbre {i:02}") for i in range(30))
    after, response = _count(client, url)
    assert after == before
    html = response.text
    assert '<label class="form-label" for="id_film">' in html
    assert 'aria-describedby="id_film_helptext"' in html
    assert '<option value="">---------</option>' in html
    titles = list(
        Film.objects.filter(film_list__call=p.call).order_by("title").values_list("pk", "title")
    )
    positions = [html.index(f'<option value="{pk}">{title}</option>') for pk, title in titles]
    assert positions == sorted(positions)
    assert len(titles) >= 30


def test_a_refused_action_keeps_the_chosen_format_and_film_selected(login):
    """A refused form shows again what was chosen in its selects."""
    from lanterne.calls.enums import FilmListKind
    from tests.calls.factories import film

    p = project()
    chosen = film(p.call, FilmListKind.OPEN_AIR)
    client = login(project_applicant(p))
    response = client.post(
        reverse("projects:action_add", args=[p.pk]),
        {"action_type": ActionType.OPEN_AIR, "title": "", "film": chosen.pk},
    )
    assert response.status_code == 422
    assert f'<option value="{chosen.pk}" selected>' in response.text
    assert f'<option value="{ActionType.OPEN_AIR.value}" selected>' in response.text
