"""Who may do what in a workshop's group space (built on the same Scope as projects).

The twins of these predicates are `WorkshopGroup.objects.visible_to` and `moderated_groups`.
"""

import rules

from lanterne.accounts.perms import sees_all_applications
from lanterne.projects.perms import carries_project, coordinates_project

from .enums import MemberRole, PostState


def _member_roles(user, group) -> set[str]:
    if group is None or not user.is_authenticated:
        return set()
    cache = getattr(user, "_logbook_roles", None)
    if cache is None:
        cache = {}
        user._logbook_roles = cache
    if group.pk not in cache:
        cache[group.pk] = set(
            group.members.filter(user=user, is_active=True).values_list("role", flat=True)
        )
    return cache[group.pk]


@rules.predicate
def carries_group(user, group) -> bool:
    return group is not None and carries_project(user, group.action.project)


@rules.predicate
def coordinates_group(user, group) -> bool:
    return group is not None and coordinates_project(user, group.action.project)


@rules.predicate
def is_group_member(user, group) -> bool:
    return bool(_member_roles(user, group))


@rules.predicate
def is_group_referent(user, group) -> bool:
    return MemberRole.REFERENT in _member_roles(user, group)


enters_group = sees_all_applications | carries_group | coordinates_group | is_group_member
# The referent youth worker moderates the youth's posts; the applicant's staff, who carry the
# workshop, may stand in for a referent without an account.
moderates_group = sees_all_applications | carries_group | is_group_referent
# The register of authorisations, the members and the films' publication: those who moderate,
# and the coordination that follows the project.
keeps_register = moderates_group | coordinates_group

rules.add_perm("logbook.view_workshopgroup", enters_group)
rules.add_perm("logbook.post_in_workshopgroup", enters_group)
rules.add_perm("logbook.moderate_workshopgroup", moderates_group)
rules.add_perm("logbook.keep_register", keeps_register)


@rules.predicate
def opens_group(user, action) -> bool:
    return (
        action is not None
        and action.is_workshop
        and user.has_perm("projects.record_action", action.project)
    )


rules.add_perm("logbook.open_workshopgroup", opens_group)


@rules.predicate
def moderates_post_group(user, post) -> bool:
    return post is not None and moderates_group(user, post.group)


@rules.predicate
def reads_post(user, post) -> bool:
    if post is None or not enters_group(user, post.group):
        return False
    return (
        post.state == PostState.APPROVED
        or (user.is_authenticated and post.author_id == user.pk)
        or moderates_group(user, post.group)
    )


@rules.predicate
def comments_post(user, post) -> bool:
    return post is not None and post.state == PostState.APPROVED and enters_group(user, post.group)


rules.add_perm("logbook.view_post", reads_post)
rules.add_perm("logbook.change_post", moderates_post_group)
rules.add_perm("logbook.approve_post", moderates_post_group)
rules.add_perm("logbook.reject_post", moderates_post_group)
rules.add_perm("logbook.comment_post", comments_post)


@rules.predicate
def enters_film_group(user, film) -> bool:
    return film is not None and enters_group(user, film.group)


@rules.predicate
def keeps_film(user, film) -> bool:
    return film is not None and keeps_register(user, film.group)


rules.add_perm("logbook.view_film", enters_film_group)
rules.add_perm("logbook.change_film", keeps_film)
rules.add_perm("logbook.share_film", keeps_film)
rules.add_perm("logbook.publish_film", keeps_film)
rules.add_perm("logbook.unpublish_film", keeps_film)
