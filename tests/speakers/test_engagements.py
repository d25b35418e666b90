"""Asking a speaker, and their answer: the shared workflow (log row, audit, notification), the
override of the ranking with its reason, and the action recording who was engaged."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from lanterne.projects.models import ActionSpeaker
from lanterne.speakers import services
from lanterne.speakers.enums import EngagementState as S
from lanterne.speakers.models import Engagement, EngagementTransition
from tests.speakers.factories import coordinator_of, speaker_profile, workshop
from tests.workflow import assert_every_transition


@pytest.fixture
def setting(occitanie):
    toulouse = occitanie["toulouse"]
    action = workshop(toulouse)
    first = speaker_profile(home_commune=toulouse, radius_km=30)
    # Works in the Haute-Garonne without a home commune: no distance points, second.
    second = speaker_profile(departements=[toulouse.departement])
    return {
        "action": action,
        "first": first,
        "second": second,
        "coordinator": coordinator_of(action),
    }


def test_asking_the_first_proposal_needs_no_reason(setting, django_capture_on_commit_callbacks):
    """The first proposal is asked as is: rank 1, its score and reasons recorded, one log row,
    and the speaker gets one e-mail."""
    with django_capture_on_commit_callbacks(execute=True):
        engagement = services.engagement_ask(
            action=setting["action"], profile=setting["first"], by=setting["coordinator"]
        )
    assert engagement.state == S.ASKED
    assert engagement.rank == 1
    assert engagement.override_reason == ""
    assert sum(float(r["points"]) for r in engagement.reasons) == pytest.approx(
        float(engagement.score)
    )
    log = EngagementTransition.objects.get(engagement=engagement)
    assert (log.name, log.source, log.target, log.by) == (
        "ask",
        S.PROPOSED,
        S.ASKED,
        setting["coordinator"],
    )
    assert [m.to for m in mail.outbox] == [[setting["first"].person.user.email]]


def test_overriding_the_ranking_needs_a_reason_and_records_it(setting):
    """Asking the second proposal without a reason is refused (nothing written); with one, the
    reason is kept on the engagement and its log row, with the rank it had."""
    with pytest.raises(ValidationError) as error:
        services.engagement_ask(
            action=setting["action"], profile=setting["second"], by=setting["coordinator"]
        )
    assert "override_reason" in error.value.error_dict
    assert not Engagement.objects.exists()
    engagement = services.engagement_ask(
        action=setting["action"],
        profile=setting["second"],
        by=setting["coordinator"],
        override_reason="Connaît déjà le groupe.",
    )
    assert engagement.rank == 2
    assert engagement.override_reason == "Connaît déjà le groupe."
    log = engagement.transitions.get()
    assert log.reason == "Connaît déjà le groupe."
    assert log.details["rank"] == 2
    assert log.details["top"] == setting["first"].pk


def test_accepting_records_the_speaker_on_the_action(setting, django_capture_on_commit_callbacks):
    """The speaker accepts: the action records them as engaged (entered by the coordination
    that asked), and the coordinator hears of the answer."""
    engagement = services.engagement_ask(
        action=setting["action"], profile=setting["first"], by=setting["coordinator"]
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        engagement = services.engagement_accept(
            engagement=engagement, by=setting["first"].person.user, note="Avec plaisir."
        )
    assert engagement.state == S.ACCEPTED
    recorded = ActionSpeaker.objects.get(action=setting["action"])
    assert recorded.person == setting["first"].person
    assert recorded.created_by == setting["coordinator"]
    assert engagement.action_speaker == recorded
    assert [m.to for m in mail.outbox] == [[setting["coordinator"].email]]
    assert "Avec plaisir." in mail.outbox[0].body


def test_only_the_speaker_answers(setting):
    """Another speaker, or the coordinator, cannot answer in the speaker's place."""
    engagement = services.engagement_ask(
        action=setting["action"], profile=setting["first"], by=setting["coordinator"]
    )
    for intruder in (setting["second"].person.user, setting["coordinator"]):
        with pytest.raises(PermissionDenied):
            services.engagement_accept(engagement=engagement, by=intruder)
    assert Engagement.objects.get(pk=engagement.pk).state == S.ASKED


def test_another_coordination_cannot_ask(setting, hauts_de_france):
    """A coordinator of another call's coordination may not ask speakers for this action."""
    from tests.accounts.factories import coordinator

    other = coordinator(region=hauts_de_france["region"])
    with pytest.raises(PermissionDenied):
        services.engagement_ask(action=setting["action"], profile=setting["first"], by=other)


def test_a_speaker_is_asked_once_per_action(setting):
    """While a request is open, the same speaker cannot be asked again for the action."""
    services.engagement_ask(
        action=setting["action"], profile=setting["first"], by=setting["coordinator"]
    )
    with pytest.raises(ValidationError):
        services.engagement_ask(
            action=setting["action"], profile=setting["first"], by=setting["coordinator"]
        )


def test_every_transition(setting):
    """Every transition from every state: allowed ones log and audit, the others are refused."""
    engagement = services.engagement_ask(
        action=setting["action"], profile=setting["first"], by=setting["coordinator"]
    )
    speaker_user = setting["first"].person.user
    coordinator = setting["coordinator"]

    def run(name, obj, by):
        if name == "ask":
            from lanterne.core.workflow import transition

            transition(obj, "ask", by=by)
        elif name == "accept":
            ActionSpeaker.objects.filter(action=obj.action).delete()
            services.engagement_accept(engagement=obj, by=by)
        elif name == "decline":
            services.engagement_decline(engagement=obj, by=by)
        else:
            services.engagement_cancel(engagement=obj, by=by)

    assert_every_transition(
        engagement,
        run,
        actors={
            "ask": coordinator,
            "accept": speaker_user,
            "decline": speaker_user,
            "cancel": coordinator,
        },
        allowed={
            "ask": {S.PROPOSED},
            "accept": {S.ASKED},
            "decline": {S.ASKED},
            "cancel": {S.PROPOSED, S.ASKED},
        },
    )
