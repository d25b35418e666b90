"""The coordinator's home: its tables say the same whatever their size, in a fixed number of
queries (the rows' links and labels are formatted once per row, not per template lookup)."""

from html import unescape

import pytest
from django.urls import reverse

from lanterne.dossiers.enums import DossierState
from tests.accounts.factories import coordinator
from tests.calls.factories import CallFactory
from tests.dossiers.factories import DossierFactory
from tests.network.factories import StructureFactory

HOME = reverse("www:home")


def _coordinator_with(occitanie, rows):
    user = coordinator(region=occitanie["region"])
    carrier = user.memberships.get().structure
    for index in range(rows):
        call = CallFactory(region=occitanie["region"], coordination=carrier)
        for state in (
            DossierState.SUBMITTED,
            DossierState.UNDER_REVIEW,
            DossierState.UNDER_REVIEW,
            DossierState.SENT_BACK,
            DossierState.DRAFT,
            DossierState.ACCEPTED,
        ):
            DossierFactory(call=call, state=state)
        StructureFactory(
            name=f"Ciné <{index}>", commune=occitanie["toulouse"], siret="", latitude=None
        )
    return user


@pytest.mark.parametrize("rows", [2, 12])
def test_coordinator_home_query_count_is_constant(
    login, django_assert_num_queries, occitanie, rows
):
    client = login(_coordinator_with(occitanie, rows))
    with django_assert_num_queries(16):
        response = client.get(HOME)
    dash = response.context["dashboards"]["coordinator"]
    assert len(dash["instruct_rows"]) == rows
    # Only the waiting dossiers are counted, each in its state.
    assert {(r["submitted"], r["under_review"], r["sent_back"]) for r in dash["instruct_rows"]} == {
        (1, 2, 1)
    }
    # Every structure of the list is a row; the test's own ones are among them.
    assert [r["name"] for r in dash["incomplete_rows"]] == [s.name for s in dash["incomplete"]]
    assert {f"Ciné <{index}>" for index in range(rows)} <= {
        r["name"] for r in dash["incomplete_rows"]
    }


def test_coordinator_rows_show_links_and_missing_information(login, occitanie):
    user = _coordinator_with(occitanie, 1)
    response = login(user).get(HOME)
    structure = response.context["dashboards"]["coordinator"]["incomplete"][0]
    call = response.context["dashboards"]["coordinator"]["calls_to_instruct"][0]
    html = response.text
    assert f'<a href="{reverse("calls:dossiers", args=[call.slug])}">' in html
    assert f'<a href="{structure.get_absolute_url()}">Ciné &lt;0&gt;</a>' in html
    edit = reverse("www:structure_edit", args=[structure.slug])
    # The name is escaped inside the translated markup of the « compléter » link.
    assert (
        f'<a href="{edit}">compléter<span class="visually-hidden"> la fiche de Ciné &lt;0&gt;'
        "</span></a>"
    ) in html
    # Placed by its commune, the structure lacks only its SIRET.
    row = response.context["dashboards"]["coordinator"]["incomplete_rows"][0]
    assert (row["commune"], row["missing"]) == ("Toulouse", "pas de SIRET")
    assert "Ciné <0></a> (Toulouse) —\n            pas de SIRET\n" in unescape(html)
