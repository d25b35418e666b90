"""Who may see a committee session and give an opinion in it: the Python twins of
`CommitteeSessionQuerySet.visible_to`, built on the same `Scope`."""

import rules

from lanterne.accounts.enums import Role
from lanterne.accounts.perms import sees_all_applications
from lanterne.accounts.scoping import scope_for
from lanterne.calls.perms import coordinates_call


@rules.predicate
def sits_on_session(user, session) -> bool:
    if session is None or not scope_for(user).structures_with_role(Role.COMMITTEE_MEMBER):
        return False
    # The members a page has already fetched with the session (`prefetch_related`), else a query.
    members = getattr(session, "_prefetched_objects_cache", {}).get("members")
    if members is not None:
        return any(member.pk == user.pk for member in members)
    return session.members.filter(pk=user.pk).exists()


@rules.predicate
def coordinates_session(user, session) -> bool:
    return session is not None and coordinates_call(user, session.call)


rules.add_perm(
    "committee.view_session", sees_all_applications | coordinates_session | sits_on_session
)
rules.add_perm("committee.give_opinion", sits_on_session)
