"""The national network's dashboard: dossiers by state and région, projects and actions by
year and by région, bilans late, the observatory collection by région with a drill-down to its
structures. Aggregates only, in a fixed number of queries; nothing invented (a région without a
call has no figure, a structure without a return is « non commencé »)."""

import datetime
from html import unescape

import pytest
from django.urls import reverse
from django.utils import timezone

from lanterne.dossiers.enums import DossierState
from lanterne.projects.models import Action, Report
from tests.accounts.factories import coordinator, network_admin
from tests.calls.factories import CallFactory
from tests.dossiers.factories import DossierFactory
from tests.network.factories import StructureFactory
from tests.observatory.factories import CampaignFactory, IndicatorFactory, ReturnFactory
from tests.projects.factories import project
from tests.territories.factories import CommuneFactory, RegionFactory

URL = reverse("www:national_dashboard")


def _network(rows: int):
    """A call with `rows` draft dossiers and one project carrying `rows` extra actions, its
    bilan late; a campaign of `rows` structures, one of which has returned."""
    p = project()
    DossierFactory.create_batch(rows, call=p.call)
    for n in range(rows):
        Action.objects.create(project=p, action_type="open_air", title=f"Plein air {n}")
    Report.objects.filter(pk=p.report.pk).update(due_at=timezone.now() - datetime.timedelta(days=3))
    structures = StructureFactory.create_batch(rows, pole=True)
    campaign = CampaignFactory(structures=structures, year=2099)
    IndicatorFactory.create_batch(2, campaign=campaign)
    ReturnFactory(campaign=campaign, structure=structures[0], submitted=True)
    return p, structures, campaign


def test_network_admin_reads_the_figures_and_their_tables(login):
    """Each figure is in a table; dossiers by state and région, projects and actions, late
    bilans, and the structures' returns by région with a link to the follow-up page."""
    p, _structures, campaign = _network(2)
    empty = RegionFactory(name="Région sans appel")
    response = login(network_admin()).get(URL)
    assert response.status_code == 200
    text = unescape(response.text)
    row = next(r for r in response.context["rows"] if r.region == p.call.region)
    # The accepted dossier and the two drafts.
    assert row.dossiers_total == 3
    assert row.dossiers[list(DossierState).index(DossierState.DRAFT)] == 2
    assert row.dossiers[list(DossierState).index(DossierState.ACCEPTED)] == 1
    assert (row.projects, row.actions, row.reports_late) == (1, p.actions.count(), 1)
    assert response.context["reports_late"] == 1
    assert empty in response.context["regions_without_call"]
    assert "Région sans appel" in text
    assert 'data-chart="stacked"' in text
    assert "<caption" in text
    assert reverse("observatory:completeness", args=[campaign.slug]) in text
    progress = response.context["progress"]
    assert progress["campaign"] == campaign
    states = dict(progress["by_state"])
    assert states["non commencé"] == 1 and states["transmis"] == 1
    # Aggregates only: the network admin reads no project.
    assert p.title not in text


def test_the_page_draws_its_charts_from_the_tables_without_inline_script(login):
    """Chart.js and the page's script are files of the site (CSP 'self'); no inline script."""
    _network(1)
    text = login(network_admin()).get(URL).text
    assert "vendor/chartjs/chart.umd" in text
    assert "lanterne/js/dashboard-charts" in text
    assert "<script>" not in text


def test_the_dashboard_is_for_the_national_network(client, login):
    """An anonymous visitor is sent to sign in; a coordinator gets a 403."""
    response = client.get(URL)
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]
    assert login(coordinator()).get(URL).status_code == 403


def test_a_year_without_calls_is_not_offered(login):
    """An unknown year falls back to the latest year with calls; a year with calls is shown."""
    CallFactory(year=2023)
    CallFactory(year=2025)
    response = login(network_admin()).get(URL, {"annee": "1999"})
    assert response.context["year"] == 2025
    assert login(network_admin()).get(URL, {"annee": "2023"}).context["year"] == 2023


def test_the_default_year_is_the_latest_with_projects(login):
    """Next season's calls have no project yet: the page opens on the year that has them."""
    project()  # a 2024 call's project
    CallFactory(year=2026)
    assert login(network_admin()).get(URL).context["year"] == 2024


@pytest.mark.parametrize("rows", [2, 20])
def test_query_count_is_constant(login, django_assert_num_queries, rows):
    """The page's queries do not grow with dossiers, actions or structures."""
    _network(rows)
    client = login(network_admin())
    with django_assert_num_queries(13):
        client.get(URL)


def test_the_english_dashboard_is_english(login):
    """Headings, captions and states read in English on /en/."""
    _network(1)
    text = unescape(login(network_admin()).get("/en" + URL).text)
    for english in (
        "National dashboard 2024",
        "Applications by status and region",
        "Projects and actions by year",
        "Observatory collection",
        "Not started",
        "Detailed follow-up",
    ):
        assert english in text, english
    for french in ("Dossiers par état", "Collecte de l'observatoire", "Non commencé"):
        assert french not in text, french


def test_each_chart_is_drawn_from_its_own_table(login):
    """The five charts come from one include: each table names an existing canvas, is labelled
    by its own caption, and marks its series; the number of series cells follows the rows."""
    p, _structures, _campaign = _network(2)
    response = login(network_admin()).get(URL)
    text = response.text
    charts = response.context["charts"]
    assert list(charts) == ["dossiers", "regions", "years", "reports", "collection"]
    for key in charts:
        assert text.count(f'<canvas id="chart-{key}" role="img" aria-label="') == 1, key
        assert text.count(f'data-chart-canvas="chart-{key}"') == 1, key
        assert f'aria-labelledby="{key}-caption"' in text
        assert f'<caption id="{key}-caption">' in text
    # Dossiers: one series per state; every région row carries one value per state.
    assert text.count("data-series") == (
        len(DossierState) + 2 + 2 + 3 + 1
    )  # dossiers, regions, years, reports, collection
    region_rows = len(response.context["rows"])
    dossiers = charts["dossiers"]
    assert [series for _value, series in dossiers.cells[0][1]].count(True) == len(DossierState)
    assert len(dossiers.cells) == region_rows
    assert 'class="table table-sm w-auto" data-chart="doughnut"' in text
    assert p.call.region.name in text


@pytest.mark.parametrize("rows", [2, 20])
def test_the_collection_is_summed_by_region_in_the_same_queries(
    login, django_assert_num_queries, rows
):
    """The collection's table has a row per région of the structures (and one for those
    without a commune), each with its structures by state of their return and a link to their
    follow-up; as many rows and queries at 2 and 20 structures per région."""
    _network(rows)
    # The collection under way: the latest campaign.
    structures = StructureFactory.create_batch(rows, commune=CommuneFactory())
    other = RegionFactory(name="Région du second pôle")
    elsewhere = StructureFactory.create_batch(rows, commune__departement__region=other)
    abroad = StructureFactory(commune=None)
    campaign = CampaignFactory(structures=[*structures, *elsewhere, abroad], year=2100)
    IndicatorFactory.create_batch(2, campaign=campaign)
    ReturnFactory(campaign=campaign, structure=structures[0], submitted=True)
    for structure in structures[1:]:
        ReturnFactory(campaign=campaign, structure=structure, accepted=True)
    ReturnFactory(campaign=campaign, structure=elsewhere[0])
    client = login(network_admin())
    with django_assert_num_queries(13):
        response = client.get(URL)
    text = unescape(response.text)
    progress = response.context["progress"]
    labels = progress["states"]
    by_region = {
        row["name"]: dict(zip(labels, row["states"], strict=True)) for row in progress["rows"]
    }
    first_region = structures[0].commune.region
    assert len(progress["rows"]) == 3
    assert by_region[first_region.name] == {
        "non commencé": 0,
        "brouillon": 0,
        "transmis": 1,
        "accepté": rows - 1,
        "renvoyé pour correction": 0,
    }
    assert by_region[other.name]["brouillon"] == 1
    assert by_region[other.name]["non commencé"] == rows - 1
    assert by_region[None]["non commencé"] == 1
    assert progress["structure_count"] == 2 * rows + 1
    assert dict(progress["by_state"])["accepté"] == rows - 1
    completeness = reverse("observatory:completeness", args=[campaign.slug])
    assert f"{completeness}?region={first_region.code}" in text
    assert f"{completeness}?region=aucune" in text
    assert "Sans commune renseignée" in text
    # A summary, not the structures one by one.
    for structure in structures:
        assert structure.name not in text


def test_the_drill_down_lists_the_structures_of_its_region(login):
    """The follow-up page reached from a région's row lists that région's structures only,
    its counts by state are theirs, and the région is selected in its filter."""
    _p, _structures, campaign = _network(1)
    structures = StructureFactory.create_batch(3, commune=CommuneFactory())
    other = StructureFactory(commune__departement__region=RegionFactory(name="Autre région"))
    abroad = StructureFactory(commune=None, name="Structure sans commune")
    campaign.structures.add(*structures, other, abroad)
    client = login(network_admin())
    url = reverse("observatory:completeness", args=[campaign.slug])
    region = structures[0].commune.region
    text = unescape(client.get(url, {"region": region.code}).text)
    for structure in structures:
        assert structure.name in text
    assert other.name not in text and abroad.name not in text
    assert f'<option value="{region.code}" selected>' in text
    assert "non commencé : <strong>3</strong>" in text
    text = unescape(client.get(url, {"region": "aucune"}).text)
    assert abroad.name in text and other.name not in text
    # An unknown région shows every structure rather than failing.
    text = unescape(client.get(url, {"region": "<zz>"}).text)
    assert abroad.name in text and other.name in text
