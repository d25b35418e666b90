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
