"""Everything that writes speakers' profiles, qualifications and engagements."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from lanterne.accounts.models import User
from lanterne.accounts.scoping import scope_for
from lanterne.core.audit import audit
from lanterne.core.services import ServiceError, require_perm
from lanterne.core.uploads import check_upload
from lanterne.core.workflow import transition
from lanterne.network.models import Person
from lanterne.projects.models import Action, ActionSpeaker
from lanterne.projects.services import speaker_engage

from . import selectors
from .enums import AuditAction, QualificationLevel
from .models import Engagement, Qualification, SpeakerPeriod, SpeakerProfile


def _own_person(user: User) -> Person:
    """The user's fiche in the network, created (as a speaker's) on their first profile."""
    person = Person.objects.filter(user=user).first()
    if person is None:
        person = Person.objects.create(
            first_name=user.first_name or user.email.split("@")[0],
            last_name=user.last_name,
            email=user.email,
            user=user,
            is_speaker=True,
        )
    elif not person.is_speaker:
        person.is_speaker = True
        person.save(update_fields=["is_speaker", "updated_at"])
    return person


@transaction.atomic
def profile_save(
    *, profile: SpeakerProfile, by: User, departements=None, cv=None
) -> SpeakerProfile:
    """Save a speaker's own profile (the first save creates it, with the user's fiche)."""
    if profile.pk is None:
        profile.person = _own_person(by)
        if SpeakerProfile.objects.filter(person=profile.person).exists():
            raise ServiceError(_("Vous avez déjà une fiche d'intervenant·e."))
    else:
        require_perm(by, "speakers.change_speakerprofile", profile)
    if cv is not None:
        checked = check_upload(cv)
        profile.cv_name = (cv.name or "cv")[-200:]
        profile.cv_content_type = checked.content_type
        profile.cv_sha256 = checked.sha256
    profile.full_clean(exclude=["person", "cv"])
    profile.save()
    if cv is not None:
        profile.cv.save(profile.cv_sha256, cv, save=False)
        profile.save(update_fields=["cv"])
    if departements is not None:
        profile.departements.set(departements)
    audit(action=AuditAction.PROFILE_SAVE, obj=profile, by=by)
    return profile


@transaction.atomic
def period_add(*, profile: SpeakerProfile, by: User, period: SpeakerPeriod) -> SpeakerPeriod:
    require_perm(by, "speakers.change_speakerprofile", profile)
    period.profile = profile
    period.full_clean()
    period.save()
    return period


@transaction.atomic
def period_delete(*, period: SpeakerPeriod, by: User) -> None:
    require_perm(by, "speakers.change_speakerprofile", period.profile)
    period.delete()


@transaction.atomic
def qualification_save(
    *, profile: SpeakerProfile, by: User, level: str, notes: str = ""
) -> Qualification:
    """The coordination's qualification of a speaker and its private notes (one per
    coordination: the user's coordinating structure)."""
    require_perm(by, "speakers.qualify_speakerprofile", profile)
    if level not in QualificationLevel.values:
        raise ServiceError(_("Cette qualification n'existe pas."))
    structure_id = min(scope_for(by).coordinated_structure_ids)
    qualification, _created = Qualification.objects.update_or_create(
        profile=profile,
        structure_id=structure_id,
        defaults={"level": level, "notes": notes, "by": by},
    )
    audit(action=AuditAction.QUALIFY, obj=profile, by=by, level=level)
    return qualification


@transaction.atomic
def engagement_ask(
    *,
    action: Action,
    profile: SpeakerProfile,
    by: User,
    publics=(),
    require_known_publics: bool = False,
    override_reason: str = "",
) -> Engagement:
    """Ask a speaker to take the action. The matching is run again here, so the rank and the
    reasons recorded are those of now; choosing anyone but the first proposal (or a speaker a
    hard criterion excluded) needs a reason, recorded on the engagement and its log."""
    require_perm(by, "speakers.match_action", action)
    if not by.has_perm("speakers.view_speakerprofile", profile):
        raise ServiceError(_("Cette fiche d'intervenant·e n'est pas accessible."))
    if profile.person.user_id is None:
        raise ServiceError(_("Cet·te intervenant·e n'a pas de compte : il ne peut pas répondre."))
    found = selectors.match_action(
        action, by, publics=publics, require_known_publics=require_known_publics
    )
    if profile.pk in found.open_engagements:
        raise ServiceError(_("Cet·te intervenant·e est déjà sollicité·e pour cette action."))
    proposal = found.result.by_id(profile.pk)
    override_reason = override_reason.strip()
    if (proposal is None or proposal.rank != 1) and not override_reason:
        raise ValidationError(
            {
                "override_reason": _(
                    "Vous ne sollicitez pas la première proposition : dites pourquoi."
                )
            }
        )
    engagement = Engagement.objects.create(
        profile=profile,
        action=action,
        proposed_by=by,
        rank=proposal.rank if proposal else None,
        score=proposal.score if proposal else None,
        reasons=[r.as_dict() for r in proposal.reasons] if proposal else [],
        override_reason=override_reason,
    )
    transition(
        engagement,
        "ask",
        by=by,
        reason=override_reason,
        rank=engagement.rank,
        score=str(engagement.score) if engagement.score is not None else None,
        top=found.result.proposals[0].candidate.id if found.result.proposals else None,
    )
    engagement.refresh_from_db()
    return engagement


def _record_on_action(engagement: Engagement) -> dict:
    """On acceptance, the action records the speaker as engaged (as the coordination that
    asked), or keeps the engagement it already had."""
    person = engagement.profile.person
    existing = ActionSpeaker.objects.filter(action=engagement.action, person=person).first()
    if existing is None:
        existing = speaker_engage(
            action=engagement.action, by=engagement.proposed_by, person=person
        )
    engagement.action_speaker = existing
    return {"action_speaker": existing.pk}


@transaction.atomic
def engagement_accept(*, engagement: Engagement, by: User, note: str = "") -> Engagement:
    def before(obj):
        obj.answer_note = note.strip()
        return _record_on_action(obj)

    return transition(engagement, "accept", by=by, before=before).subject


@transaction.atomic
def engagement_decline(*, engagement: Engagement, by: User, note: str = "") -> Engagement:
    def before(obj):
        obj.answer_note = note.strip()

    return transition(engagement, "decline", by=by, reason=note.strip(), before=before).subject


@transaction.atomic
def engagement_cancel(*, engagement: Engagement, by: User, reason: str = "") -> Engagement:
    return transition(engagement, "cancel", by=by, reason=reason.strip()).subject
