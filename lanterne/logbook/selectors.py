"""Reads of the logbook: a group's page of posts, the moderation queue, the register with each
person's coverage, who holds a film back, the public gallery. A fixed number of queries
whatever the number of rows."""

import datetime
from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from lanterne.core.choices import choice_label
from lanterne.core.pagination import paginate_keys_first

from . import gate
from .enums import PostState, Scope
from .models import Comment, Consent, Film, Member, Post, PostMedia, WorkshopGroup

POSTS_PER_PAGE = 20
FILMS_PER_PAGE = 24


def posts_page(group: WorkshopGroup, user, number, *, at: datetime.datetime | None = None):
    """One page of the group's posts that `user` reads, each with its comments, and its photos
    and videos split between those `user` may see and how many the gate holds back."""
    posts = Post.objects.visible_to(user).filter(group=group).select_related("author")
    page = paginate_keys_first(posts, number, POSTS_PER_PAGE, order_by=["-created_at", "-pk"])
    ids = [post.pk for post in page.object_list]
    viewable = set(
        PostMedia.objects.viewable_by(user, at).filter(post_id__in=ids).values_list("pk", flat=True)
    )
    media = list(
        PostMedia.objects.filter(post_id__in=ids)
        .prefetch_related(Prefetch("appears", queryset=Member.objects.order_by("display_name")))
        .order_by("pk")
    )
    comments = list(Comment.objects.filter(post_id__in=ids).select_related("author"))
    for post in page.object_list:
        post.shown_media = [m for m in media if m.post_id == post.pk and m.pk in viewable]
        post.held_media = sum(1 for m in media if m.post_id == post.pk and m.pk not in viewable)
        post.comment_list = [c for c in comments if c.post_id == post.pk]
    return page


def pending_posts(group: WorkshopGroup) -> list[Post]:
    """The moderation queue, oldest first, with their photos and who appears."""
    return list(
        group.posts.filter(state=PostState.PENDING)
        .select_related("author")
        .prefetch_related("media__appears")
        .order_by("created_at", "pk")
    )


@dataclass(frozen=True)
class Coverage:
    member: Member
    consents: list[Consent]
    # Scope → covered today?
    scopes: dict[str, bool]

    @property
    def items(self) -> list[tuple[str, bool]]:
        return [(choice_label(Scope, scope), covered) for scope, covered in self.scopes.items()]


def register(group: WorkshopGroup, *, at: datetime.datetime | None = None) -> list[Coverage]:
    """Each person of the group, their authorisations, and what they are covered for at `at`
    (`gate.person_covered`, the predicate the query states in SQL). Two queries."""
    at = at or timezone.now()
    members = group.members.filter(is_active=True).prefetch_related(
        Prefetch("consents", queryset=Consent.objects.select_related("withdrawn_by"))
    )
    return [
        Coverage(
            member=member,
            consents=list(member.consents.all()),
            scopes={
                scope: gate.person_covered([c.terms for c in member.consents.all()], scope, at)
                for scope in Scope.values
            },
        )
        for member in members
    ]


def missing_people(item: PostMedia | Film, scope: str, at: datetime.datetime | None = None):
    """Who, appearing in `item`, is not covered for `scope` at `at`: what holds it back."""
    at = at or timezone.now()
    return list(
        item.appears.exclude(pk__in=Member.objects.covered_for(scope, at)).order_by("display_name")
    )


def gallery(filters: dict, number, *, at: datetime.datetime | None = None):
    """The public gallery: the films meant for the public web whose people are all covered for
    it today, searched by région, year, genre and typology; newest first."""
    films: QuerySet[Film] = Film.objects.published_in(Scope.PUBLIC, at).select_related(
        "work", "region", "group__action__project__applicant"
    )
    if filters.get("region"):
        films = films.filter(region_id=filters["region"])
    if filters.get("year"):
        films = films.filter(work__year=filters["year"])
    if filters.get("genre"):
        films = films.filter(genre=filters["genre"])
    if filters.get("typology"):
        films = films.filter(work__typology=filters["typology"])
    return paginate_keys_first(
        films, number, FILMS_PER_PAGE, order_by=["-work__year", "work__title", "pk"]
    )


def film_people(film: Film) -> list[Member]:
    return list(film.appears.order_by("display_name"))


def groups_of(user) -> QuerySet[WorkshopGroup]:
    return WorkshopGroup.objects.visible_to(user).select_related("action__project__applicant")
