"""Who may do what with speakers' profiles and engagements: the `rules` twins of the
querysets' `visible_to` and `followed_by` (built on the same Scope)."""

import rules

from lanterne.accounts.perms import sees_all_applications, sees_everything
from lanterne.accounts.scoping import scope_for
from lanterne.projects.perms import coordinates_project


@rules.predicate
def is_own_profile(user, profile) -> bool:
    return profile is not None and user.is_authenticated and profile.person.user_id == user.pk


@rules.predicate
def in_public_directory(user, profile) -> bool:
    return profile is not None and profile.in_public_directory


@rules.predicate
def in_network_directory(user, profile) -> bool:
    return profile is not None and user.is_authenticated and profile.in_directory


@rules.predicate
def follows_profile(user, profile) -> bool:
    """The profile is in the coordinator's pool: it works or lives in one of its
    départements, or one of its structures qualified it (`perimeter_of`'s twin)."""
    if profile is None:
        return False
    scope = scope_for(user)
    if not scope.is_coordinator():
        return False
    if profile.home_commune_id and scope.covers_departement(profile.home_commune.departement_id):
        return True
    if any(scope.covers_departement(d.code) for d in profile.departements.all()):
        return True
    return profile.qualifications.filter(
        structure__in=sorted(scope.coordinated_structure_ids)
    ).exists()


@rules.predicate
def is_coordinator(user, profile) -> bool:
    return bool(scope_for(user).coordinated_structure_ids)


can_follow = sees_everything | follows_profile
rules.add_perm(
    "speakers.view_speakerprofile",
    can_follow | is_own_profile | in_network_directory | in_public_directory,
)
rules.add_perm("speakers.follow_speakerprofile", can_follow)
rules.add_perm("speakers.change_speakerprofile", rules.is_superuser | is_own_profile)
rules.add_perm("speakers.qualify_speakerprofile", follows_profile & is_coordinator)


@rules.predicate
def coordinates_action(user, action) -> bool:
    return action is not None and coordinates_project(user, action.project)


# Looking for speakers for an action, and asking them: the coordination that follows the
# project (the applicant sees who was proposed, through the engagements on its action).
rules.add_perm("speakers.match_action", sees_all_applications | coordinates_action)


@rules.predicate
def is_engaged_speaker(user, engagement) -> bool:
    return engagement is not None and is_own_profile.test(user, engagement.profile)


@rules.predicate
def coordinates_engagement(user, engagement) -> bool:
    return engagement is not None and coordinates_action.test(user, engagement.action)


@rules.predicate
def sees_engagement_action(user, engagement) -> bool:
    return engagement is not None and user.has_perm(
        "projects.view_project", engagement.action.project
    )


can_manage_engagement = sees_all_applications | coordinates_engagement
rules.add_perm(
    "speakers.view_engagement", can_manage_engagement | is_engaged_speaker | sees_engagement_action
)
rules.add_perm("speakers.change_engagement", can_manage_engagement)
rules.add_perm("speakers.ask_engagement", can_manage_engagement)
rules.add_perm("speakers.cancel_engagement", can_manage_engagement)
rules.add_perm("speakers.accept_engagement", is_engaged_speaker)
rules.add_perm("speakers.decline_engagement", is_engaged_speaker)
