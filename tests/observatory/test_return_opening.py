"""Looking at one's return writes nothing: the return is created by its first save."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape

from lanterne.accounts.enums import Role
from lanterne.core.models import AuditEvent
from lanterne.observatory.enums import ReturnState
from lanterne.observatory.models import Return, Value
from tests.accounts.factories import MembershipFactory, UserFactory


def _member_of(structure):
    return MembershipFactory(user=UserFactory(), structure=structure, role=Role.COORDINATOR).user


def _writes(queries) -> list[str]:
    return [
        q["sql"]
        for q in queries
        if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
    ]


def test_get_of_an_unopened_return_writes_nothing(setup, login):
    """A member opening the return page of a structure that never saved it gets an empty
    draft; no Return and no AuditEvent is written."""
    campaign, structure = setup["campaign"], setup["structures"][1]
    client = login(_member_of(structure))
    counts = (Return.objects.count(), AuditEvent.objects.count())
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("observatory:return", args=[campaign.slug, structure.slug]))
    assert response.status_code == 200
    assert response.context["value_return"].pk is None
    assert response.context["value_return"].state == ReturnState.DRAFT
    assert response.context["abilities"]["edit"] is True
    assert "Aucune valeur saisie." in response.text
    assert (Return.objects.count(), AuditEvent.objects.count()) == counts
    assert not Return.objects.filter(campaign=campaign, structure=structure).exists()
    assert [sql for sql in _writes(queries) if "observatory_" in sql or "audit" in sql] == []


def test_first_save_creates_the_return(setup, login):
    """The first save stores the return (with its audit row) and its values."""
    campaign, structure = setup["campaign"], setup["structures"][1]
    ind = setup["indicators"]
    client = login(_member_of(structure))
    url = reverse("observatory:return", args=[campaign.slug, structure.slug])
    client.get(url)
    response = client.post(url, {f"i{ind['relays'].pk}_amount": 7})
    assert response.status_code == 302
    value_return = Return.objects.get(campaign=campaign, structure=structure)
    assert value_return.state == ReturnState.DRAFT
    assert Value.objects.get(value_return=value_return).amount == 7
    assert AuditEvent.objects.filter(action="observatory.return_open").count() == 1


def test_refused_first_save_creates_nothing(setup, login):
    """A first save refused by the checks leaves no return behind."""
    campaign, structure = setup["campaign"], setup["structures"][1]
    ind = setup["indicators"]
    client = login(_member_of(structure))
    url = reverse("observatory:return", args=[campaign.slug, structure.slug])
    total, parts = ind["total"], ind["parts"]
    data = {f"i{total.pk}_amount": 10, **{f"i{p.pk}_amount": 10 for p in parts}}
    response = client.post(url, data)
    assert response.status_code == 200
    assert "ne correspond pas au total" in response.text
    assert not Return.objects.filter(campaign=campaign, structure=structure).exists()
    assert not AuditEvent.objects.filter(action="observatory.return_open").exists()


def test_submitting_an_unopened_return_reports_what_is_missing(setup, login):
    """Submitting without any save is refused with the missing values, as before."""
    campaign, structure = setup["campaign"], setup["structures"][1]
    client = login(_member_of(structure))
    response = client.post(
        reverse("observatory:return_submit", args=[campaign.slug, structure.slug]), follow=True
    )
    assert escape("Le retour n'est pas transmis : complétez-le d'abord.") in response.text
    assert Return.objects.get(campaign=campaign, structure=structure).state == ReturnState.DRAFT
