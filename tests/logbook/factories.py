"""Workshop groups, their members, authorisations, posts and films, in the situations the tests
talk about. A group is opened on the creation workshop of a project made the usual way (an
accepted dossier of the 2024 Occitanie call)."""

import datetime
import io

from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image

from lanterne.dossiers.enums import ActionType
from lanterne.logbook.enums import FilmState, MemberRole, PostState, ProofKind, Scope, Signatories
from lanterne.logbook.models import Consent, Film, Member, Post, PostMedia, WorkshopGroup
from lanterne.projects.enums import AgeBand
from lanterne.projects.models import WorkshopFilm
from tests.projects.factories import project
from tests.workflow import put_in_state

TODAY = datetime.date(2024, 6, 1)
ALL_SCOPES = tuple(Scope.values)


def workshop_group(p=None, name="Groupe vidéo des Lilas") -> WorkshopGroup:
    p = p or project()
    action = p.actions.filter(action_type=ActionType.CREATION_WORKSHOP).order_by("pk").first()
    return WorkshopGroup.objects.create(action=action, name=name)


def member(group, display_name="Lina", role=MemberRole.YOUTH, age_band=None, user=None) -> Member:
    if age_band is None:
        age_band = AgeBand.AGE_12_15 if role == MemberRole.YOUTH else ""
    return Member.objects.create(
        group=group, role=role, display_name=display_name, age_band=age_band, user=user
    )


def consent(
    person: Member,
    scopes=ALL_SCOPES,
    signed_on: datetime.date = TODAY - datetime.timedelta(days=30),
    expires_on: datetime.date = TODAY + datetime.timedelta(days=365),
    withdrawn_at: datetime.datetime | None = None,
) -> Consent:
    """A signed-online authorisation for `scopes` (the parents' and the minor's for a youth)."""
    return Consent.objects.create(
        member=person,
        signatories=Signatories.ONE_HOLDER if person.is_minor else Signatories.SELF,
        minor_agreed=person.is_minor,
        signed_on=signed_on,
        expires_on=expires_on,
        proof=ProofKind.ONLINE,
        online_signed_at=timezone.make_aware(
            datetime.datetime.combine(signed_on, datetime.time(12))
        ),
        withdrawn_at=withdrawn_at,
        **{f"allows_{scope}": True for scope in scopes},
    )


def jpeg(size=(64, 48), color="teal", exif=None) -> bytes:
    out = io.BytesIO()
    kwargs = {"exif": exif} if exif is not None else {}
    Image.new("RGB", size, color).save(out, "JPEG", **kwargs)
    return out.getvalue()


def post(group, author=None, state=PostState.APPROVED, body="Premier jour de tournage.") -> Post:
    item = Post.objects.create(group=group, author=author, body=body)
    if state != PostState.PENDING:
        put_in_state(item, state)
    return item


def photo(group_or_post, appears=(), author=None) -> PostMedia:
    target = group_or_post if isinstance(group_or_post, Post) else post(group_or_post, author)
    media = PostMedia(
        post=target, kind="photo", content_type="image/jpeg", size=10, width=64, height=48
    )
    media.file.save("photo.jpg", ContentFile(jpeg()), save=False)
    media.save()
    media.appears.set(appears)
    return media


def film(group, appears=(), state=FilmState.PRIVATE, title="Ceux d'ici", **metadata) -> Film:
    work = WorkshopFilm.objects.create(
        action=group.action,
        title=title,
        duration_seconds=540,
        year=2024,
        typology=group.action.typology or "documentary",
    )
    item = Film.objects.create(
        work=work, group=group, region_id=group.action.project.call.region_id, **metadata
    )
    item.appears.set(appears)
    if state != FilmState.PRIVATE:
        put_in_state(item, state)
    return item


def at(day: datetime.date, hour: int = 12) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))
