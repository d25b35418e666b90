"""Coordinators manage the calls their structure carries: create, edit, calendar, rules, lists,
copy."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from lanterne.calls import services
from lanterne.calls.models import Call, CallRule, Film, RequiredDocument
from lanterne.core.services import ServiceError
from tests.accounts.factories import applicant, coordinator
from tests.calls.factories import CallFactory, call_coordinator, paris
from tests.committee.factories import CommitteeSessionFactory, committee_member_of
from tests.dossiers.factories import DossierFactory
from tests.territories.factories import RegionFactory

PAGES = ["edit", "calendar", "rules", "catalogue", "copy", "dossiers"]


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("applicant", 403),
        ("other_coordinator", 403),
        ("same_region_coordinator", 403),
        ("committee", 403),
        ("own", 200),
    ],
)
def test_access_matrix_published_call(login, page, who, status):
    """Only the call's coordination manages it; others who can see the call, another
    coordination of its région included, get 403."""
    call = CallFactory()
    users = {
        "applicant": lambda: applicant(),
        "other_coordinator": lambda: coordinator(),
        "same_region_coordinator": lambda: coordinator(region=call.region),
        "committee": lambda: committee_member_of(CommitteeSessionFactory(call=call)),
        "own": lambda: call_coordinator(call),
    }
    response = login(users[who]()).get(reverse(f"calls:{page}", args=[call.slug]))
    assert response.status_code == status


@pytest.mark.parametrize("page", PAGES)
def test_unpublished_call_out_of_scope_is_404(login, page):
    """An unpublished call does not exist for a coordinator of another région, nor for another
    coordination of its own région."""
    call = CallFactory(unpublished=True)
    for user in (coordinator(), coordinator(region=call.region)):
        response = login(user).get(reverse(f"calls:{page}", args=[call.slug]))
        assert response.status_code == 404


def test_anonymous_is_sent_to_login(client):
    call = CallFactory()
    assert client.get(reverse("calls:edit", args=[call.slug])).status_code == 302


def test_coordinator_creates_a_call_for_its_region(login):
    """The new call is carried by the coordination the coordinator chose, in its région."""
    model = CallFactory()
    user = call_coordinator(model)
    response = login(user).post(
        reverse("calls:create"),
        {
            "coordination": f"{model.coordination_id}-{model.region_id}",
            "title": "Passeurs d'images 2026",
            "year": 2026,
            "reminder_days": "14,3",
        },
    )
    call = Call.objects.get(title="Passeurs d'images 2026")
    assert response.status_code == 302
    assert call.region_id == model.region_id
    assert call.coordination_id == model.coordination_id
    assert not call.is_published
    assert call.rules.count() == 12


def test_create_refused_to_non_coordinator(login):
    assert login(applicant()).get(reverse("calls:create")).status_code == 403


def test_create_form_errors_keep_input(login):
    model = CallFactory()
    response = login(call_coordinator(model)).post(
        reverse("calls:create"),
        {
            "coordination": f"{model.coordination_id}-{model.region_id}",
            "title": "Mon appel",
            "year": 1800,
            "reminder_days": "x",
        },
    )
    assert response.status_code == 200
    assert 'value="Mon appel"' in response.text
    assert "séparés par des virgules" in response.text


def _calendar_data(call, **changes):
    data = {}
    for milestone in call.milestones.all():
        local = timezone.localtime(milestone.starts_at)
        data[f"{milestone.kind}_start"] = local.strftime("%Y-%m-%dT%H:%M:%S")
        if milestone.ends_at:
            data[f"{milestone.kind}_end"] = timezone.localtime(milestone.ends_at).strftime(
                "%Y-%m-%dT%H:%M:%S"
            )
    data.update(changes)
    return data


def test_calendar_times_are_paris_time_across_dst(login):
    """A time typed in winter and one in summer are both read as Paris wall-clock time."""
    call = CallFactory()
    client = login(call_coordinator(call))
    data = _calendar_data(
        call,
        deadline_start="2023-10-31T23:59:59",
        open_air_requests_start="2024-05-01T00:00:00",
        open_air_requests_end="2024-05-31T23:59:59",
    )
    response = client.post(reverse("calls:calendar", args=[call.slug]), data)
    assert response.status_code == 302
    deadline = call.milestones.get(kind="deadline").starts_at
    assert deadline == paris("2023-10-31 23:59:59")
    summer = call.milestones.get(kind="open_air_requests")
    assert summer.ends_at == paris("2024-05-31 23:59:59")
    # Round trip: the form shows the same wall-clock times back.
    page = client.get(reverse("calls:calendar", args=[call.slug])).text
    assert 'value="2023-10-31T23:59:59"' in page
    assert 'value="2024-05-31T23:59:59"' in page


def test_calendar_rejects_end_before_start_and_keeps_input(login):
    call = CallFactory()
    client = login(call_coordinator(call))
    data = _calendar_data(call, actions_end="2024-01-01T00:00:00")
    response = client.post(reverse("calls:calendar", args=[call.slug]), data)
    assert response.status_code == 200
    assert "La fin doit venir après le début." in response.text
    assert 'value="2024-01-01T00:00:00"' in response.text


def test_rule_parameters_are_saved_as_exact_values(login):
    call = CallFactory()
    client = login(call_coordinator(call))
    response = client.post(
        reverse("calls:rules", args=[call.slug]),
        {
            "code": "grant_ceiling",
            "rule-grant_ceiling-enabled": "on",
            "rule-grant_ceiling-is_blocking": "0",
            "rule-grant_ceiling-funder": "drac",
            "rule-grant_ceiling-max_amount": "4500.50",
        },
    )
    assert response.status_code == 302
    rule = CallRule.objects.get(call=call, code="grant_ceiling")
    assert rule.params == {"funder": "drac", "max_amount": "4500.50"}
    assert rule.is_blocking is False


def test_negative_rule_parameter_is_refused_and_kept(login):
    call = CallFactory()
    client = login(call_coordinator(call))
    response = client.post(
        reverse("calls:rules", args=[call.slug]),
        {
            "code": "grant_ceiling",
            "rule-grant_ceiling-enabled": "on",
            "rule-grant_ceiling-is_blocking": "1",
            "rule-grant_ceiling-funder": "drac",
            "rule-grant_ceiling-max_amount": "-5",
        },
    )
    assert response.status_code == 200
    assert 'value="-5"' in response.text
    assert CallRule.objects.get(call=call, code="grant_ceiling").params["max_amount"] == "5000.00"


def test_disabling_a_rule_removes_it(login):
    call = CallFactory()
    client = login(call_coordinator(call))
    client.post(
        reverse("calls:rules", args=[call.slug]),
        {"code": "films", "rule-films-is_blocking": "1"},
    )
    assert not CallRule.objects.filter(call=call, code="films").exists()


def test_films_and_documents_are_added_and_removed(login):
    call = CallFactory()
    client = login(call_coordinator(call))
    url = reverse("calls:catalogue", args=[call.slug])
    client.post(
        url,
        {
            "action": "add_film",
            "kind": "open_air",
            "title": "Ponyo",
            "director": "Hayao Miyazaki",
            "year": "2008",
        },
    )
    film = Film.objects.get(title="Ponyo", film_list__call=call, film_list__kind="open_air")
    client.post(reverse("calls:film_remove", args=[call.slug, film.pk]))
    assert not Film.objects.filter(pk=film.pk).exists()
    client.post(url, {"action": "add_document", "kind": "structure_budget"})
    document = RequiredDocument.objects.get(call=call, kind="structure_budget")
    response = client.post(url, {"action": "add_document", "kind": "structure_budget"})
    assert "déjà demandée" in response.text
    client.post(reverse("calls:document_remove", args=[call.slug, document.pk]))
    assert not RequiredDocument.objects.filter(pk=document.pk).exists()


def test_film_of_another_call_cannot_be_removed(login):
    call, other = CallFactory(), CallFactory()
    film = Film.objects.filter(film_list__call=other).first()
    response = login(call_coordinator(call)).post(
        reverse("calls:film_remove", args=[call.slug, film.pk])
    )
    assert response.status_code == 404


def test_publish_needs_opening_and_deadline(login):
    call = CallFactory(unpublished=True)
    call.milestones.filter(kind="deadline").delete()
    client = login(call_coordinator(call))
    response = client.post(
        reverse("calls:publish", args=[call.slug]), {"published": "1"}, follow=True
    )
    assert "Avant de publier" in response.text
    call.refresh_from_db()
    assert not call.is_published


def test_copy_shifts_dates_by_one_year_keeping_wall_clock(login):
    """The copy keeps 23:59:59 Paris time one year later and redirects to it."""
    call = CallFactory()
    client = login(call_coordinator(call))
    response = client.post(reverse("calls:copy", args=[call.slug]), {"year": 2025})
    copy = Call.objects.get(copied_from=call)
    assert response.status_code == 302 and response.url == copy.get_absolute_url()
    assert copy.milestones.get(kind="deadline").starts_at == paris("2024-10-31 23:59:59")
    assert copy.milestones.get(kind="open_air_requests").ends_at == paris("2025-05-31 23:59:59")


def test_dossier_list_counts_and_filters(login):
    call = CallFactory()
    DossierFactory(call=call, title="Projet brouillon")
    DossierFactory(call=call, state="submitted", title="Projet déposé")
    client = login(call_coordinator(call))
    url = reverse("calls:dossiers", args=[call.slug])
    page = client.get(url).text
    assert "Projet brouillon" in page and "Projet déposé" in page
    assert "dont 1 brouillon non déposé" in page
    filtered = client.get(url, {"state": "submitted"}).text
    assert "Projet brouillon" not in filtered and "Projet déposé" in filtered
    assert "4\u00a0000,00 €" in filtered


def test_dossier_list_query_count_is_constant(login, django_assert_num_queries):
    call = CallFactory()
    DossierFactory(call=call, state="submitted")
    client = login(call_coordinator(call))
    url = reverse("calls:dossiers", args=[call.slug])
    client.get(url)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for _ in range(9):
        DossierFactory(call=call, state="submitted")
    with django_assert_num_queries(len(one.captured_queries)):
        client.get(url)


def test_call_region_is_its_coordinations(login):
    """A call's région is that of a mission its structure carries: the service refuses
    another région, and so does the model's validation (the admin, an update)."""
    model = CallFactory()
    elsewhere = RegionFactory()
    with pytest.raises(ServiceError, match="région d'un appel est celle de sa coordination"):
        services.call_create(
            by=call_coordinator(model),
            region=elsewhere,
            coordination=model.coordination,
            title="Appel ailleurs",
            year=2026,
        )
    assert not Call.objects.filter(title="Appel ailleurs").exists()
    model.region = elsewhere
    with pytest.raises(ValidationError) as error:
        model.full_clean()
    assert "region" in error.value.message_dict
