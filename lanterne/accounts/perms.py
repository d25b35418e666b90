"""Who may do what with accounts; shared predicates used by every app's perms.py."""

import rules

from .enums import Role
from .scoping import scope_for


@rules.predicate
def is_network_admin(user) -> bool:
    return scope_for(user).is_network_admin


@rules.predicate
def sees_everything(user) -> bool:
    return scope_for(user).sees_all()


@rules.predicate
def sees_all_applications(user) -> bool:
    return scope_for(user).sees_all(applications=True)


@rules.predicate
def is_coordinator(user) -> bool:
    return scope_for(user).is_coordinator()


@rules.predicate
def is_applicant(user) -> bool:
    return bool(scope_for(user).structures_with_role(Role.APPLICANT))


@rules.predicate
def is_committee_member(user) -> bool:
    return bool(scope_for(user).structures_with_role(Role.COMMITTEE_MEMBER))


rules.add_perm("accounts.view_profile", rules.is_authenticated)
rules.add_perm("accounts.change_profile", rules.is_authenticated)


@rules.predicate
def is_self(user, person) -> bool:
    return person is not None and user.pk == person.pk


@rules.predicate
def erases_others(user, person) -> bool:
    """A superuser erases anyone; a network admin anyone but a superuser."""
    if user.is_superuser:
        return True
    return is_network_admin(user) and person is not None and not person.is_superuser


rules.add_perm("accounts.erase_person", rules.is_authenticated & (is_self | erases_others))


# Invitations. A coordinator brings in the people who work with its perimeter's structures; the
# national network also brings in the staff of the pôles and coordinations; a superuser brings
# in anyone, the national network included.
COORDINATOR_INVITES = (Role.APPLICANT, Role.COMMITTEE_MEMBER, Role.SPEAKER)
NETWORK_ADMIN_INVITES = (*COORDINATOR_INVITES, Role.COORDINATOR)


def invitable_roles(user) -> tuple[str, ...]:
    """The roles `user` may invite people to, in the order the form offers them."""
    scope = scope_for(user)
    if scope.is_superuser:
        return (*NETWORK_ADMIN_INVITES, Role.NETWORK_ADMIN)
    if scope.is_network_admin:
        return NETWORK_ADMIN_INVITES
    if scope.is_coordinator():
        return COORDINATOR_INVITES
    return ()


def _covers_structure(user, structure) -> bool:
    scope = scope_for(user)
    if scope.sees_all():
        return True
    commune = structure.commune if structure.commune_id else None
    return commune is not None and scope.covers_departement(commune.departement_id)


@rules.predicate
def may_invite(user, invitation) -> bool:
    """Without an invitation: may the user invite anyone at all? With one (saved or not): may
    it invite this role, for this structure?"""
    roles = invitable_roles(user)
    if invitation is None:
        return bool(roles)
    if invitation.role not in roles:
        return False
    if invitation.structure_id is None:
        return invitation.role == Role.SPEAKER
    return _covers_structure(user, invitation.structure)


@rules.predicate
def sees_invitation(user, invitation) -> bool:
    """The object twin of `Invitation.objects.visible_to`."""
    if invitation is None:
        return False
    scope = scope_for(user)
    if scope.sees_all() or invitation.invited_by_id == user.pk:
        return True
    return (
        scope.is_coordinator()
        and invitation.structure_id is not None
        and _covers_structure(user, invitation.structure)
    )


rules.add_perm("accounts.invite_people", rules.is_authenticated & may_invite)
rules.add_perm("accounts.view_invitation", rules.is_authenticated & sees_invitation)
# Resending or revoking takes the right to send that invitation today.
rules.add_perm("accounts.change_invitation", rules.is_authenticated & sees_invitation & may_invite)
