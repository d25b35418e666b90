"""A call says which structures may apply: by default those of its coordination's perimeter;
the coordinator may open it to the whole région or to départements it lists. An applicant
outside is told so on the call's page and can neither start nor submit a dossier."""

import pytest
from django.urls import reverse

from lanterne.calls.enums import ApplicantArea
from lanterne.calls.selectors import applicant_departement_codes, applicant_may_apply
from lanterne.core.services import ServiceError
from lanterne.dossiers import services as dossier_services
from lanterne.dossiers.enums import DossierState
from lanterne.dossiers.models import Dossier
from tests.calls.hdf import hdf_world
from tests.dossiers.factories import DossierFactory, make_complete
from tests.network.factories import StructureFactory


@pytest.fixture
def hdf():
    return hdf_world()


def test_default_is_the_coordinations_perimeter(hdf):
    """Each Hauts-de-France call takes the structures of its own half of the région, even
    though ACAP is also the pôle of the whole région."""
    assert applicant_departement_codes(hdf["north"]) == {"59", "62"}
    assert applicant_departement_codes(hdf["south"]) == {"02", "60", "80"}
    assert applicant_may_apply(hdf["north"], hdf["moulin"]) == (True, "")
    allowed, reason = applicant_may_apply(hdf["south"], hdf["moulin"])
    assert not allowed
    assert "Aisne, Oise, Somme" in reason
    assert "Roubaix" in reason
    assert applicant_may_apply(hdf["south"], hdf["herbe"])[0]
    assert not applicant_may_apply(hdf["north"], hdf["herbe"])[0]


def test_whole_region_and_listed_departements(hdf):
    """« Toute la région » takes every département of the call's région; « les départements
    choisis », those listed and only those."""
    south = hdf["south"]
    south.applicant_area = ApplicantArea.REGION
    assert applicant_may_apply(south, hdf["moulin"])[0]
    south.applicant_area = ApplicantArea.DEPARTEMENTS
    south.save()
    south.applicant_departements.set([hdf["departements"]["59"]])
    assert applicant_may_apply(south, hdf["moulin"])[0]
    assert not applicant_may_apply(south, hdf["herbe"])[0]


def test_structure_without_commune_is_told_to_give_it(hdf):
    structure = StructureFactory(applicant_commune=True, commune=None)
    allowed, reason = applicant_may_apply(hdf["north"], structure)
    assert not allowed
    assert "commune" in reason


def test_call_page_tells_an_outside_applicant_why(hdf, login):
    """The north applicant reads on the south call why it cannot apply, and has no button to
    start a dossier; on its own call it has one."""
    client = login(hdf["moulin_user"])
    page = client.get(reverse("calls:detail", args=[hdf["south"].slug])).text
    assert "Cet appel est réservé aux structures de ces départements" in page
    assert reverse("dossiers:create", args=[hdf["south"].slug]) not in page
    page = client.get(reverse("calls:detail", args=[hdf["north"].slug])).text
    assert reverse("dossiers:create", args=[hdf["north"].slug]) in page
    assert "Nord (59), Pas-de-Calais (62)" in page


def test_anonymous_visitor_reads_how_to_apply(hdf, client):
    """An anonymous visitor is told the steps, with links to sign up and sign in that bring
    them back to the call."""
    url = reverse("calls:detail", args=[hdf["north"].slug])
    page = client.get(url).text
    assert "Pour déposer un dossier" in page
    assert f"{reverse('onboarding:signup')}?next={url}" in page
    assert f"{reverse('accounts:login')}?next={url}" in page


def test_starting_a_dossier_outside_is_refused(hdf, login):
    """The service refuses, and the page says why, keeping the title typed."""
    with pytest.raises(ServiceError, match="réservé"):
        dossier_services.dossier_create(
            call=hdf["south"], applicant=hdf["moulin"], title="Essai", by=hdf["moulin_user"]
        )
    client = login(hdf["moulin_user"])
    response = client.post(
        reverse("dossiers:create", args=[hdf["south"].slug]), {"title": "Ciné du Moulin"}
    )
    assert response.status_code == 200
    assert "Cet appel est réservé" in response.text
    assert "Ciné du Moulin" in response.text
    assert not Dossier.objects.filter(call=hdf["south"]).exists()


def test_submitting_a_dossier_outside_is_refused(hdf):
    """A draft started while the call was open to the whole région cannot be submitted once
    the call is back to its perimeter."""
    south = hdf["south"]
    south.applicant_area = ApplicantArea.REGION
    south.save()
    dossier = DossierFactory(call=south, applicant=hdf["moulin"])
    make_complete(dossier)
    south.applicant_area = ApplicantArea.PERIMETER
    south.save()
    with pytest.raises(ServiceError, match="réservé"):
        dossier_services.dossier_submit(dossier=dossier, by=hdf["moulin_user"])
    dossier.refresh_from_db()
    assert dossier.state == DossierState.DRAFT


def test_coordinator_opens_the_call_to_listed_departements(hdf, login):
    """The call's form offers the three choices; « départements choisis » needs at least one,
    of the call's région."""
    client = login(hdf["south_coordinator"])
    url = reverse("calls:edit", args=[hdf["south"].slug])
    page = client.get(url).text
    assert "les structures de toute la région" in page
    data = {
        "title": hdf["south"].title,
        "year": hdf["south"].year,
        "envelope": "60000",
        "reminder_days": "14,3",
        "applicant_area": ApplicantArea.DEPARTEMENTS,
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Choisissez au moins un département." in response.text
    response = client.post(url, {**data, "applicant_departements": ["59", "02"]})
    assert response.status_code == 302
    south = hdf["south"]
    south.refresh_from_db()
    assert south.applicant_area == ApplicantArea.DEPARTEMENTS
    assert set(south.applicant_departements.values_list("code", flat=True)) == {"59", "02"}
    assert applicant_may_apply(south, hdf["moulin"])[0]
