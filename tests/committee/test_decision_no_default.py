"""A decision form has no outcome chosen in advance: its choices are radio buttons with none
checked, and sending it without one is refused with a clear message, nothing decided."""

import re

from django.urls import reverse

from lanterne.dossiers.enums import DossierState
from lanterne.dossiers.models import Dossier
from lanterne.www.committee.forms import DecisionForm
from lanterne.www.dossiers.forms import DecideForm
from tests.calls.factories import call_coordinator
from tests.committee.factories import CommitteeSessionFactory
from tests.dossiers.factories import DossierFactory


def _radios(html: str, name: str) -> list[str]:
    return re.findall(rf'<input[^>]*name="{re.escape(name)}"[^>]*>', html)


def test_both_decision_forms_render_radios_with_none_checked():
    """The committee's and the dossier page's decision forms preselect nothing."""
    for form, name in (
        (DecisionForm(prefix="d1"), "d1-decision"),
        (DecideForm(prefix="decide"), "decide-decision"),
    ):
        radios = _radios(str(form["decision"]), name)
        assert len(radios) == 3
        assert all('type="radio"' in radio and "checked" not in radio for radio in radios)


def test_session_page_preselects_no_decision_and_requires_one(login):
    """On the session page no outcome is checked; sending none says to choose one."""
    session = CommitteeSessionFactory()
    dossier = DossierFactory(call=session.call, state="in_committee")
    session.dossiers.add(dossier)
    client = login(call_coordinator(session.call))
    page = client.get(reverse("committee:detail", args=[session.pk])).text
    radios = _radios(page, f"d{dossier.pk}-decision")
    assert radios and not any("checked" in radio for radio in radios)
    response = client.post(
        reverse("committee:decide", args=[session.pk, dossier.pk]),
        {f"d{dossier.pk}-reason": "À revoir"},
    )
    assert response.status_code == 200
    assert "Choisissez la décision." in response.text
    assert "À revoir" in response.text
    assert Dossier.objects.get(pk=dossier.pk).state == DossierState.IN_COMMITTEE


def test_dossier_page_decision_requires_a_choice(login):
    """From the dossier page too, a decision without an outcome is refused clearly."""
    dossier = DossierFactory(state="in_committee")
    client = login(call_coordinator(dossier.call))
    page = client.get(reverse("dossiers:detail", args=[dossier.pk])).text
    radios = _radios(page, "decide-decision")
    assert radios and not any("checked" in radio for radio in radios)
    response = client.post(reverse("dossiers:instruct", args=[dossier.pk, "decide"]), {})
    assert "Choisissez la décision." in response.text
    assert Dossier.objects.get(pk=dossier.pk).state == DossierState.IN_COMMITTEE
