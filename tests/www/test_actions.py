"""`lanterne.www.actions`, what every page that acts shares: out of scope is a 404, in scope
without the permission a 403, a service's refusal is shown on the form beside what was typed
(or as a message when there is no form), an accepted action redirects with its confirmation."""

import pytest
from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.db import SessionStore
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.test import RequestFactory
from django.urls import reverse

from lanterne.calls.models import Call
from lanterne.core.services import ServiceError
from lanterne.www.actions import in_scope, run_or_flash, run_service, succeed
from tests.accounts.factories import applicant
from tests.calls.factories import CallFactory, call_coordinator
from tests.projects.factories import project, project_applicant, project_coordinator


def _request(user, data=None):
    request = RequestFactory().post("/", data or {})
    request.user = user
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    return request


def _messages(request) -> list[tuple[str, str]]:
    return [(message.level_tag, str(message)) for message in get_messages(request)]


class TitleForm(forms.Form):
    title = forms.CharField()
    year = forms.IntegerField()


def _refuse(**kwargs):
    raise ServiceError("L'appel est clos.")


def test_out_of_scope_is_a_404():
    """An object the user may not see is not even named: 404, before any permission check."""
    call = CallFactory(unpublished=True)
    with pytest.raises(Http404):
        in_scope(
            _request(applicant()), Call.objects.all(), slug=call.slug, perm="calls.manage_call"
        )


def test_in_scope_without_the_permission_is_a_403():
    """An object the user sees but may not act on is a 403."""
    call = CallFactory()
    with pytest.raises(PermissionDenied):
        in_scope(
            _request(applicant()), Call.objects.all(), slug=call.slug, perm="calls.manage_call"
        )


def test_in_scope_with_the_permission_gives_the_object():
    """The coordination of the call fetches it and may manage it."""
    call = CallFactory(unpublished=True)
    request = _request(call_coordinator(call))
    assert in_scope(request, Call.objects.all(), slug=call.slug, perm="calls.manage_call") == call


def test_the_permission_is_checked_on_what_on_picks():
    """`on` names the object the permission is about: the coordination of a call, asked about
    another région's call, is refused although it may manage the call it fetched."""
    call, elsewhere = CallFactory(), CallFactory()
    request = _request(call_coordinator(call))
    with pytest.raises(PermissionDenied):
        in_scope(
            request,
            Call.objects.all(),
            slug=call.slug,
            perm="calls.manage_call",
            on=lambda fetched: elsewhere,
        )


def test_a_refusal_is_shown_on_the_form_and_the_typed_data_is_kept():
    """A `ServiceError` becomes an error above the form's fields; nothing is lost of what was
    typed, and the caller is told the action did not go through."""
    form = TitleForm({"title": "Passeurs d'images 2025", "year": "2025"})
    assert form.is_valid()
    assert run_service(form, _refuse, by=None) is None
    assert form.non_field_errors() == ["L'appel est clos."]
    assert form["title"].value() == "Passeurs d'images 2025"
    assert form["year"].value() == "2025"


def test_a_refusal_that_names_a_field_is_shown_beside_it():
    """A refusal about one of the form's fields is shown beside that field; one about a field
    the form does not have is shown above the fields."""

    def refuse(**kwargs):
        raise ValidationError({"year": ["Année trop ancienne."], "slug": ["Adresse déjà prise."]})

    form = TitleForm({"title": "Passeurs d'images", "year": "1999"})
    assert form.is_valid()
    assert run_service(form, refuse) is None
    assert form.errors["year"] == ["Année trop ancienne."]
    assert form.non_field_errors() == ["Adresse déjà prise."]
    assert form["year"].value() == "1999"


def test_an_accepted_service_gives_its_result():
    """What the service returns comes back wrapped, and reads as true even when it is falsy."""
    form = TitleForm({"title": "Passeurs d'images", "year": "2025"})
    assert form.is_valid()
    done = run_service(form, lambda **kwargs: 0, by=None)
    assert done
    assert done.result == 0
    assert form.errors == {}


def test_without_a_form_the_refusal_is_left_to_the_caller():
    """`run_service(None, …)` does not swallow a refusal it has nowhere to show."""
    with pytest.raises(ServiceError):
        run_service(None, _refuse)


def test_run_or_flash_shows_the_refusal_as_a_message():
    """For an action without a form, each sentence of the refusal is an error message on the
    next page, and nothing is confirmed."""
    request = _request(applicant())

    def refuse(**kwargs):
        raise ServiceError(["Le bilan est incomplet.", "Ajoutez les dépenses."])

    assert run_or_flash(request, refuse, report=None) is None
    assert _messages(request) == [
        ("error", "Le bilan est incomplet."),
        ("error", "Ajoutez les dépenses."),
    ]


def test_run_or_flash_gives_the_result_when_accepted():
    request = _request(applicant())
    done = run_or_flash(request, lambda **kwargs: "ok", report=None)
    assert done and done.result == "ok"
    assert _messages(request) == []


def test_succeed_redirects_with_the_confirmation():
    """An accepted action redirects (to a model, a URL name or a path) with its message."""
    call = CallFactory()
    request = _request(applicant())
    response = succeed(request, "L'appel est enregistré.", call)
    assert response.status_code == 302
    assert response.url == call.get_absolute_url()
    assert _messages(request) == [("success", "L'appel est enregistré.")]


def test_a_page_shows_the_refusal_beside_what_was_typed(login):
    """Through a real page: the report saved by someone else in the meantime is refused on
    the form (422), with the applicant's text still in it and nothing written."""
    p = project()
    client = login(project_applicant(p))
    stale = p.report.version
    text = "Les jeunes ont filmé leur quartier."
    assert (
        client.post(reverse("projects:report", args=[p.pk]), {"version": stale}).status_code == 302
    )
    response = client.post(
        reverse("projects:report", args=[p.pk]), {"version": stale, "went_well": text}
    )
    assert response.status_code == 422
    assert "enregistré par quelqu&#x27;un d&#x27;autre" in response.text
    assert text in response.text
    p.report.refresh_from_db()
    assert p.report.went_well == ""


def test_a_page_without_a_form_flashes_the_refusal(login):
    """Through a real page: a report that cannot be accepted yet stays as it is and the
    coordination reads why on the report page."""
    p = project()
    client = login(project_coordinator(p))
    response = client.post(reverse("projects:report_accept", args=[p.pk]), follow=True)
    assert response.redirect_chain == [(p.report.get_absolute_url(), 302)]
    levels = [message.level_tag for message in response.context["messages"]]
    assert levels == ["error"]
