"""The coordinator's year view filters by commune (the action's or a session's, by name or INSEE
code), by priority territory (a QPV in the commune; ZRR or FRR read at the start of the call's
actions, as the eligibility rules read it) and by typology; the table, the counts and the map
data agree."""

import datetime

import pytest
from django.urls import reverse

from lanterne.calls.enums import MilestoneKind
from lanterne.calls.models import CallMilestone
from lanterne.dossiers.enums import Typology
from lanterne.territories.enums import RuralScheme, RuralStatus
from tests.projects.factories import project, project_coordinator, session
from tests.territories.factories import CommuneFactory, QpvFactory, RuralZoningFactory


@pytest.fixture
def year(login):
    """Three actions: a workshop in a commune with a QPV, an accompanied screening in a commune
    that was ZRR until 30 June 2024 and FRR from 1 July 2024, an open-air screening with no
    commune of its own whose session takes place in a third commune."""
    p = project()
    with_qpv = CommuneFactory(code="T0001", name="Quartier-sur-Garonne")
    QpvFactory(code="QN03101M").communes.add(with_qpv)
    rural = CommuneFactory(code="T0002", name="Bourg-en-Couserans")
    RuralZoningFactory(
        commune=rural,
        scheme=RuralScheme.ZRR,
        status=RuralStatus.CLASSIFIED,
        valid_from=datetime.date(2017, 7, 1),
        valid_until=datetime.date(2024, 6, 30),
    )
    RuralZoningFactory(
        commune=rural,
        scheme=RuralScheme.FRR,
        status=RuralStatus.CLASSIFIED,
        valid_from=datetime.date(2024, 7, 1),
    )
    elsewhere = CommuneFactory(code="T0003", name="Villeneuve-du-Lac")
    workshop = p.actions.get(action_type="creation_workshop")
    workshop.commune = with_qpv
    workshop.save()
    screening = p.actions.get(action_type="accompanied")
    screening.commune = rural
    screening.typology = Typology.ANIMATION
    screening.save()
    open_air = p.actions.get(action_type="open_air")
    session(open_air, day="2024-07-12", commune=elsewhere)
    client = login(project_coordinator(p))
    return {
        "project": p,
        "client": client,
        "workshop": workshop.title,
        "screening": screening.title,
        "open_air": open_air.title,
    }


def _shown(year, **params):
    response = year["client"].get(reverse("projects:year", args=[2024]), params)
    assert response.status_code == 200
    titles = {a["title"] for a in response.context["page"].object_list}
    assert response.context["totals"]["total"] == len(titles)
    data = year["client"].get(reverse("projects:year_data", args=[2024]), params).json()
    on_map = {feature["properties"]["name"] for feature in data["features"]}
    assert on_map <= titles
    return titles


def _set_actions_start(p, day: str):
    CallMilestone.objects.filter(call=p.call, kind=MilestoneKind.ACTIONS).update(
        starts_at=datetime.datetime.fromisoformat(f"{day}T00:00:00+02:00")
    )


@pytest.mark.parametrize(
    ("term", "kept"),
    [
        ("Quartier-sur-Garonne", {"workshop"}),
        ("quartier", {"workshop"}),
        ("T0001", {"workshop"}),
        ("t0002", {"screening"}),
        ("Villeneuve", {"open_air"}),
        ("T0003", {"open_air"}),
        ("Nulle-Part", set()),
    ],
)
def test_commune_filter(year, term, kept):
    """The commune filter matches the action's commune or one of its sessions' communes, by
    part of the name (any case) or by INSEE code."""
    assert _shown(year, commune=term) == {year[key] for key in kept}


def test_qpv_filter_keeps_actions_in_a_commune_with_a_qpv(year):
    """QPV: the action's commune has at least one QPV."""
    assert _shown(year, zone="qpv") == {year["workshop"]}


def test_zrr_and_frr_are_read_at_the_start_of_the_actions(year):
    """With actions starting on 1 February 2024, the commune counts as ZRR, not FRR."""
    assert _shown(year, zone="zrr") == {year["screening"]}
    assert _shown(year, zone="frr") == set()


def test_the_same_commune_is_frr_when_the_actions_start_after_1_july_2024(year):
    """Moving the call's actions start to September 2024 makes the same commune FRR."""
    _set_actions_start(year["project"], "2024-09-01")
    assert _shown(year, zone="frr") == {year["screening"]}
    assert _shown(year, zone="zrr") == set()


def test_a_commune_not_classified_is_neither_zrr_nor_frr(year):
    """A "non classée" row records that a commune was examined: it is no rural zoning."""
    commune = CommuneFactory(code="T0004", name="Hameau-Examiné")
    RuralZoningFactory(
        commune=commune,
        scheme=RuralScheme.FRR,
        status=RuralStatus.NOT_CLASSIFIED,
        valid_from=datetime.date(2017, 7, 1),
    )
    workshop = year["project"].actions.get(action_type="creation_workshop")
    workshop.commune = commune
    workshop.save()
    assert _shown(year, zone="zrr") == {year["screening"]}
    assert _shown(year, zone="frr") == set()
    assert _shown(year, zone="qpv") == set()


def test_zone_column_names_the_zoning(year):
    """The table says which zoning applies, in words rather than by colour."""
    page = year["client"].get(reverse("projects:year", args=[2024]), {"zone": "zrr"}).text
    assert "ZRR" in page
    assert year["screening"] in page


@pytest.mark.parametrize(
    ("typology", "kept"),
    [
        (Typology.DOCUMENTARY, {"workshop"}),
        (Typology.ANIMATION, {"screening"}),
        (Typology.FICTION, set()),
    ],
)
def test_typology_filter(year, typology, kept):
    """The typology filter keeps the actions of that typology only."""
    assert _shown(year, typology=typology) == {year[key] for key in kept}


def test_filters_combine(year):
    """Commune, territory and typology filters combine (all must hold)."""
    assert _shown(year, zone="zrr", typology=Typology.ANIMATION) == {year["screening"]}
    assert _shown(year, zone="zrr", typology=Typology.DOCUMENTARY) == set()
    assert _shown(year, zone="qpv", commune="Quartier") == {year["workshop"]}
    assert _shown(year, zone="qpv", commune="Bourg") == set()


def test_unknown_zone_is_not_applied_and_says_so(year):
    """An unknown territory value is reported on the form, not silently half-applied."""
    response = year["client"].get(reverse("projects:year", args=[2024]), {"zone": "zzz"})
    assert response.status_code == 200
    assert response.context["form"].errors["zone"]
