"""The national network's dashboard: dossiers by state and région, projects and actions by
year and by région, bilans late, the observatory collection structure by structure. Aggregates
only, in a fixed number of queries; nothing invented (a région without a call has no figure,
a structure without a return is « non transmis»)."""

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
from tests.territories.factories import RegionFactory

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
    bilans, and the structures' returns with a link to the follow-up page."""
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
    assert "non transmis" in text
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
    with django_assert_num_queries(15):
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
        "not submitted",
    ):
        assert english in text, english
    for french in ("Dossiers par état", "Collecte de l'observatoire", "non transmis"):
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
def test_every_returns_row_is_read_without_a_query_of_its_own(
    login, django_assert_num_queries, rows
):
    """When every structure has returned, each row links to its return, names its région and
    says when it was transmitted, with as many queries as when one has."""
    _p, structures, campaign = _network(rows)
    for structure in structures[1:]:
        ReturnFactory(campaign=campaign, structure=structure, submitted=True)
    client = login(network_admin())
    with django_assert_num_queries(15):
        response = client.get(URL)
    text = unescape(response.text)
    progress = response.context["progress"]
    assert dict(progress["by_state"])["transmis"] == rows
    for row in progress["rows"]:
        value_return = row["return"]
        assert value_return.campaign == campaign
        assert value_return.structure == row["structure"]
        assert reverse("observatory:return", args=[campaign.slug, row["structure"].slug]) in text
        assert row["structure"].commune.region.name in text
        assert row["state"] == "submitted"
        assert (row["provided"], row["not_transmitted"]) == (0, 0)
