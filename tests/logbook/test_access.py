"""Who enters a group's space: its members with an account, the applicant's staff and the
coordination. Anyone else gets a 404 (the group is never named); a member who may not keep
the register gets a 403 there; the anonymous visitor is sent to log in."""

import pytest
from django.urls import reverse

from lanterne.logbook.enums import PostState
from tests.accounts.factories import applicant, committee_member, coordinator, speaker
from tests.committee.factories import CommitteeSessionFactory, committee_member_of
from tests.logbook.factories import photo, post


def _pages(group):
    return [
        reverse("logbook:group", args=[group.pk]),
        reverse("logbook:moderation", args=[group.pk]),
        reverse("logbook:register", args=[group.pk]),
        reverse("logbook:authorisation_form", args=[group.pk]),
    ]


def test_the_staff_and_the_referent_reach_every_page(group, staff, referent, login):
    """The applicant's staff and the referent moderate and keep the register."""
    for user in (staff, referent):
        client = login(user)
        for url in _pages(group):
            assert client.get(url).status_code == 200, url


def test_the_coordination_reads_the_logbook_and_keeps_the_register(group, coordination, login):
    """The coordination enters the group and keeps the register; moderation is the referent's."""
    client = login(coordination)
    codes = [client.get(url).status_code for url in _pages(group)]
    assert codes == [200, 403, 200, 200]


def test_a_youth_member_reads_the_logbook_only(group, youth_user, login):
    """A youth with an account reads and writes the logbook; the queue and the register are
    not theirs (403)."""
    client = login(youth_user)
    codes = [client.get(url).status_code for url in _pages(group)]
    assert codes == [200, 403, 403, 403]


@pytest.mark.parametrize(
    "outsider", [applicant, coordinator, committee_member, speaker], ids=lambda f: f.__name__
)
def test_outsiders_never_see_the_group(group, login, outsider):
    """Another structure, another region's coordination, a committee member who reads the
    project, a speaker not in the group: 404 on every page, photos included."""
    item = photo(group)
    client = login(outsider())
    for url in [*_pages(group), reverse("logbook:media", args=[item.pk])]:
        assert client.get(url).status_code == 404, url
    assert group.name not in client.get(reverse("logbook:groups")).text


def test_a_committee_member_of_the_call_does_not_read_the_logbook(group, login):
    """A committee member who reads the project does not read its group's logbook."""
    project = group.action.project
    client = login(committee_member_of(CommitteeSessionFactory(call=project.call)))
    assert client.get(reverse("projects:detail", args=[project.pk])).status_code == 200
    assert client.get(reverse("logbook:group", args=[group.pk])).status_code == 404


def test_the_anonymous_visitor_is_sent_to_log_in(group, client):
    for url in _pages(group):
        response = client.get(url)
        assert response.status_code == 302 and "/compte/" in response["Location"], url


def test_a_pending_post_is_seen_by_its_author_and_the_moderators_only(
    group, staff, referent, youth_user, coordination, login
):
    """Before the referent publishes it, a youth's post is read by its author and by who
    moderates; the coordination and the rest of the group do not see it."""
    from tests.accounts.factories import UserFactory
    from tests.logbook.factories import member

    other = UserFactory()
    member(group, "Sami", user=other)
    post(group, author=youth_user, state=PostState.PENDING, body="Notre premier plan séquence")
    url = reverse("logbook:group", args=[group.pk])
    for user, sees in [
        (youth_user, True),
        (referent, True),
        (staff, True),
        (coordination, False),
        (other, False),
    ]:
        assert ("Notre premier plan séquence" in login(user).get(url).text) is sees, user


def test_the_staff_opens_the_logbook_from_the_workshops_page(group, login):
    """The workshop's page offers to open its logbook; opened, it links to it. Once only."""
    from lanterne.logbook.models import WorkshopGroup
    from tests.projects.factories import project, project_applicant

    p = project()
    action = p.actions.filter(action_type="creation_workshop").get()
    client = login(project_applicant(p))
    page = client.get(reverse("projects:action", args=[action.pk])).text
    assert "Ouvrir le carnet de bord" in page
    response = client.post(reverse("logbook:group_open", args=[action.pk]))
    opened = WorkshopGroup.objects.get(action=action)
    assert response["Location"] == opened.get_absolute_url()
    client.post(reverse("logbook:group_open", args=[action.pk]))
    assert WorkshopGroup.objects.filter(action=action).count() == 1
    assert opened.name in client.get(reverse("projects:action", args=[action.pk])).text


def test_the_coordination_of_another_call_cannot_open_a_logbook(group, login):
    from tests.accounts.factories import coordinator

    action = group.action
    client = login(coordinator())
    assert client.post(reverse("logbook:group_open", args=[action.pk])).status_code == 404


def test_only_who_keeps_the_register_writes_it(group, youth_user, login):
    """A youth of the group gets 403 on every write of the register; someone outside gets 404;
    nothing changes."""
    from lanterne.logbook.models import Consent, Member
    from tests.accounts.factories import applicant
    from tests.logbook.factories import consent, member

    lina = member(group, "Lina")
    authorisation = consent(lina)
    writes = [
        (reverse("logbook:member_add", args=[group.pk]), {"role": "youth", "display_name": "X"}),
        (reverse("logbook:consent_add", args=[group.pk, lina.pk]), {"signatories": "self"}),
        (
            reverse("logbook:consent_withdraw", args=[group.pk, authorisation.pk]),
            {"reason": "Non"},
        ),
    ]
    members_before = Member.objects.count()
    for user, code in ((youth_user, 403), (applicant(), 404)):
        client = login(user)
        for url, data in writes:
            assert client.post(url, data).status_code == code, (url, code)
    assert Member.objects.count() == members_before
    assert Consent.objects.get().withdrawn_at is None
