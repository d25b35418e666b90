"""DRAC and Région committee members read the projects and bilans of the calls whose
committee they sit on: read only, and nothing of another call."""

import pytest
from django.urls import reverse

from lanterne.projects.models import Project, Report
from tests.accounts.factories import committee_member
from tests.committee.factories import CommitteeSessionFactory, committee_member_of
from tests.projects.factories import project


@pytest.fixture
def p():
    return project()


def _member_of_call(call, **kwargs):
    return committee_member_of(CommitteeSessionFactory(call=call), **kwargs)


def test_member_of_the_calls_committee_reads_the_project_and_its_bilan(p, login):
    """A member of a session of the project's call reads the project, its actions, its
    bilan and its sheet, and finds it in the list."""
    member = _member_of_call(p.call)
    client = login(member)
    for url in [
        reverse("projects:detail", args=[p.pk]),
        reverse("projects:action", args=[p.actions.first().pk]),
        reverse("projects:report", args=[p.pk]),
        reverse("projects:sheet", args=[p.pk]),
    ]:
        assert client.get(url).status_code == 200, url
    assert p.title in client.get(reverse("projects:list")).text
    assert list(Project.objects.visible_to(member)) == [p]
    assert list(Report.objects.visible_to(member)) == [p.report]
    assert member.has_perm("projects.view_report", p.report)


def test_member_reads_only(p, login):
    """A committee member records nothing and writes no bilan: 403, nothing stored, and the
    page offers no form to do so."""
    client = login(_member_of_call(p.call))
    action = p.actions.first()
    assert client.post(reverse("projects:participants", args=[action.pk]), {}).status_code == 403
    assert client.post(reverse("projects:report", args=[p.pk]), {}).status_code == 403
    assert client.post(reverse("projects:report_accept", args=[p.pk])).status_code == 403
    page = client.get(reverse("projects:action", args=[action.pk])).text
    assert "Ajouter la séance" not in page
    assert "Enregistrer le bilan" not in client.get(reverse("projects:report", args=[p.pk])).text


def test_member_of_another_calls_committee_gets_404(p, login):
    """A member of another call's committee, or a committee member on no session, does not
    reach the project."""
    for member in (_member_of_call(CommitteeSessionFactory().call), committee_member()):
        client = login(member)
        for url in [
            reverse("projects:detail", args=[p.pk]),
            reverse("projects:report", args=[p.pk]),
        ]:
            assert client.get(url).status_code == 404, url
        assert not Project.objects.visible_to(member).exists()
        assert not member.has_perm("projects.view_project", p)


def test_session_membership_without_the_committee_role_gives_nothing(p, login):
    """Sitting on a session is read through the committee role: a user listed on a session
    but no longer holding the role sees nothing."""
    from tests.accounts.factories import UserFactory

    user = UserFactory()
    CommitteeSessionFactory(call=p.call).members.add(user)
    assert not Project.objects.visible_to(user).exists()
    assert not user.has_perm("projects.view_project", p)
