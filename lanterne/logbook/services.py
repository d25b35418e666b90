"""Everything that writes the logbook, its register and its films (see projects.services)."""

import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lanterne.accounts.models import User
from lanterne.core.audit import audit
from lanterne.core.services import ServiceError, require_perm
from lanterne.core.uploads import check_upload
from lanterne.core.workflow import record, transition
from lanterne.projects.models import Action, WorkshopFilm

from .enums import AuditAction, MemberRole, ProofKind
from .media import VIDEO_TYPES, clean_media
from .models import Comment, Consent, Film, Member, Post, PostMedia, WorkshopGroup
from .notifications import post_waiting
from .perms import moderates_group

SCAN_TYPES = {"application/pdf": "PDF", "image/jpeg": "JPEG", "image/png": "PNG"}
MAX_MEDIA_PER_POST = 10


def _checked(uploaded, field: str, allowed: dict[str, str]):
    """The upload judged by its content; its refusal told beside the form's `field`."""
    try:
        return check_upload(uploaded, allowed=allowed)
    except ValidationError as error:
        raise ServiceError({field: error.messages}) from error


@transaction.atomic
def group_open(*, action: Action, by: User, name: str = "") -> WorkshopGroup:
    """Open the workshop's group space (once: an open one is returned as it is)."""
    require_perm(by, "logbook.open_workshopgroup", action)
    existing = WorkshopGroup.objects.filter(action=action).first()
    if existing is not None:
        return existing
    group = WorkshopGroup.objects.create(action=action, name=name.strip() or action.title)
    audit(action=AuditAction.GROUP_OPEN, obj=group, by=by, action_id=action.pk)
    return group


@transaction.atomic
def member_add(
    *,
    group: WorkshopGroup,
    by: User,
    role: str,
    display_name: str,
    age_band: str = "",
    user: User | None = None,
) -> Member:
    require_perm(by, "logbook.keep_register", group)
    if role == MemberRole.YOUTH and not age_band:
        raise ServiceError({"age_band": _("Indiquez la tranche d'âge du ou de la jeune.")})
    if user is not None and group.members.filter(user=user).exists():
        raise ServiceError(_("Ce compte est déjà membre du groupe."))
    member = Member(
        group=group, role=role, display_name=display_name.strip(), age_band=age_band, user=user
    )
    member.full_clean()
    member.save()
    audit(action=AuditAction.MEMBER_ADD, obj=member, by=by, group=group.pk, role=role)
    return member


def _members_of(group: WorkshopGroup, members: Iterable[Member]) -> list[Member]:
    chosen = list(members)
    if any(m.group_id != group.pk for m in chosen):
        raise ServiceError(_("Seules les personnes du groupe peuvent être désignées."))
    return chosen


@transaction.atomic
def post_create(
    *,
    group: WorkshopGroup,
    by: User,
    body: str,
    files: Iterable = (),
    appears: Iterable[Member] = (),
    description: str = "",
) -> Post:
    """A post to the logbook. A youth's waits for moderation; the referent's and the staff's
    are published in the group at once (their approval logged like any other). Each photo is
    stripped of its metadata; everyone in `appears` is listed on every image of the post."""
    require_perm(by, "logbook.post_in_workshopgroup", group)
    files = list(files)
    if not body.strip() and not files:
        raise ServiceError({"body": _("Écrivez un texte ou ajoutez une photo.")})
    if len(files) > MAX_MEDIA_PER_POST:
        raise ServiceError(
            {"files": _("%(max)d fichiers au plus par message.") % {"max": MAX_MEDIA_PER_POST}}
        )
    people = _members_of(group, appears)
    cleaned = []
    for uploaded in files:
        try:
            cleaned.append(clean_media(uploaded))
        except ValidationError as error:
            raise ServiceError({"files": error.messages}) from error
    post = Post.objects.create(group=group, author=by, body=body.strip())
    for item in cleaned:
        media = PostMedia(
            post=post,
            kind=item.kind,
            content_type=item.content_type,
            size=item.content.size,
            width=item.width,
            height=item.height,
            description=description.strip(),
        )
        media.file.save(item.name, item.content, save=False)
        media.save()
        media.appears.set(people)
    if moderates_group(by, group):
        return transition(post, "approve", by=by).subject
    post_waiting(post)
    return post


@transaction.atomic
def post_approve(*, post: Post, by: User) -> Post:
    return transition(post, "approve", by=by).subject


@transaction.atomic
def post_reject(*, post: Post, by: User, reason: str) -> Post:
    require_perm(by, "logbook.reject_post", post)
    if not reason.strip():
        raise ServiceError({"reason": _("Dites à l'auteur·rice pourquoi le message est refusé.")})
    return transition(post, "reject", by=by, reason=reason.strip()).subject


@transaction.atomic
def comment_add(*, post: Post, by: User, body: str) -> Comment:
    require_perm(by, "logbook.comment_post", post)
    if not body.strip():
        raise ServiceError({"body": _("Le commentaire est vide.")})
    return Comment.objects.create(post=post, author=by, body=body.strip())


@transaction.atomic
def appearances_set(*, item: PostMedia | Film, by: User, members: Iterable[Member]) -> None:
    """Who appears on a photo, a video or a film: the list the gate reads."""
    group = item.post.group if isinstance(item, PostMedia) else item.group
    require_perm(by, "logbook.keep_register", group)
    people = _members_of(group, members)
    item.appears.set(people)
    audit(
        action=AuditAction.APPEARANCES,
        obj=item,
        by=by,
        members=sorted(m.pk for m in people),
    )


@transaction.atomic
def consent_record(*, member: Member, by: User, consent: Consent, scan=None) -> Consent:
    """Record a signed authorisation (with its scanned form, or the record of its online
    signature). Every rule of `Consent.clean` applies; the scan is judged by its content."""
    require_perm(by, "logbook.keep_register", member.group)
    consent.member = member
    consent.recorded_by = by
    if consent.proof == ProofKind.SCAN and scan is not None:
        checked = _checked(scan, "scan", SCAN_TYPES)
        consent.scan_content_type = checked.content_type
        consent.scan_sha256 = checked.sha256
        consent.scan.save(f"autorisation-{member.pk}", scan, save=False)
    if consent.proof == ProofKind.ONLINE:
        consent.scan = ""
    consent.full_clean()
    consent.save()
    audit(
        action=AuditAction.CONSENT_RECORD,
        obj=consent,
        by=by,
        member=member.pk,
        scopes=sorted(consent.scopes),
        signed_on=consent.signed_on.isoformat(),
        expires_on=consent.expires_on.isoformat(),
    )
    return consent


@transaction.atomic
def consent_withdraw(
    *, consent: Consent, by: User, reason: str, at: datetime.datetime | None = None
) -> Consent:
    """The authorisation is withdrawn: from that moment, every image the person appears in
    leaves every scope it no longer covers (the gate reads the withdrawal). Recorded on the
    authorisation and on each film it took out of its scope."""
    require_perm(by, "logbook.keep_register", consent.member.group)
    consent = Consent.objects.select_for_update().get(pk=consent.pk)
    if consent.is_withdrawn:
        raise ServiceError(_("Cette autorisation a déjà été retirée."))
    if not reason.strip():
        raise ServiceError({"reason": _("Indiquez le motif du retrait.")})
    at = at or timezone.now()
    films = list(Film.objects.filter(appears=consent.member_id))
    shown_before = {
        film.pk for film in films if Film.objects.filter(pk=film.pk).visible_in(film.scope, at)
    }
    Consent.objects.filter(pk=consent.pk).update(
        withdrawn_at=at, withdrawn_by=by, withdrawal_reason=reason.strip()
    )
    consent.refresh_from_db()
    hidden = [
        film
        for film in films
        if film.pk in shown_before
        and not Film.objects.filter(pk=film.pk).visible_in(film.scope, at).exists()
    ]
    for film in hidden:
        record(
            film,
            "consent_withdrawn",
            by=by,
            reason=reason.strip(),
            consent=consent.pk,
            member=consent.member_id,
        )
    audit(
        action=AuditAction.CONSENT_WITHDRAW,
        obj=consent,
        by=by,
        member=consent.member_id,
        reason=reason.strip(),
        films_hidden=[film.pk for film in hidden],
    )
    return consent


# ---------------------------------------------------------------------------------------------
# Films
# ---------------------------------------------------------------------------------------------


@transaction.atomic
def film_open(*, work: WorkshopFilm, by: User, **metadata) -> Film:
    """Open the publication of a workshop film, in the space of its workshop's group (private
    until someone shares it)."""
    group = WorkshopGroup.objects.filter(action_id=work.action_id).first()
    if group is None:
        raise ServiceError(_("Ouvrez d'abord le carnet de bord de l'atelier."))
    require_perm(by, "logbook.keep_register", group)
    existing = Film.objects.filter(work=work).first()
    if existing is not None:
        return existing
    film = Film(work=work, group=group, region_id=work.action.project.call.region_id, **metadata)
    film.full_clean(exclude=["state"])
    film.save()
    return film


@transaction.atomic
def film_update(*, film: Film, by: User, video=None, **metadata) -> Film:
    require_perm(by, "logbook.change_film", film)
    for name, value in metadata.items():
        setattr(film, name, value)
    if video is not None:
        checked = _checked(video, "video", VIDEO_TYPES)
        film.video_content_type = checked.content_type
        film.video.save(f"film-{film.pk}", video, save=False)
    film.full_clean(exclude=["state"])
    film.save()
    return film


def _move(film: Film, name: str, by: User) -> Film:
    return transition(film, name, by=by).subject


@transaction.atomic
def film_share(*, film: Film, by: User) -> Film:
    """Meant for the network. Whether the network sees it is the gate's to say, at each read."""
    return _move(film, "share", by)


@transaction.atomic
def film_publish(*, film: Film, by: User) -> Film:
    """Meant for the public web: shown there once everyone in it is covered for it — at once
    if they are, the day the last missing authorisation arrives otherwise."""
    return _move(film, "publish", by)


@transaction.atomic
def film_unpublish(*, film: Film, by: User, reason: str = "") -> Film:
    return transition(film, "unpublish", by=by, reason=reason.strip()).subject
