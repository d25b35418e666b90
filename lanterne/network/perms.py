"""Object-level access to the network: the Python twin of `Structure.objects.visible_to`.

Both are built on `Scope`, and a test checks that they agree for every role.
"""

import rules

from lanterne.accounts.enums import Role
from lanterne.accounts.perms import sees_everything
from lanterne.accounts.scoping import scope_for


def _departement_of(structure) -> str | None:
    commune = structure.commune if structure.commune_id else None
    return commune.departement_id if commune else None


@rules.predicate
def structure_is_listed(user, structure) -> bool:
    return structure is not None and structure.is_listed


@rules.predicate
def acts_for_structure(user, structure) -> bool:
    return structure is not None and structure.pk in scope_for(user).structure_ids


@rules.predicate
def structure_in_perimeter(user, structure) -> bool:
    return structure is not None and scope_for(user).covers_departement(_departement_of(structure))


@rules.predicate
def is_structure_applicant(user, structure) -> bool:
    return structure is not None and structure.pk in scope_for(user).structures_with_role(
        Role.APPLICANT
    )


can_view_structure = (
    sees_everything | structure_is_listed | acts_for_structure | (structure_in_perimeter)
)
can_view_structure_private = sees_everything | acts_for_structure | structure_in_perimeter
can_change_structure = rules.is_superuser | is_structure_applicant | structure_in_perimeter

rules.add_perm("network.view_structure", can_view_structure)
rules.add_perm("network.view_structure_private", can_view_structure_private)
rules.add_perm("network.change_structure", can_change_structure)


@rules.predicate
def is_the_person(user, person) -> bool:
    return person is not None and user.is_authenticated and person.user_id == user.pk


@rules.predicate
def person_in_private_reach(user, person) -> bool:
    """One of the person's structures is within the user's private reach."""
    if person is None:
        return False
    return any(
        can_view_structure_private.test(user, affiliation.structure)
        for affiliation in person.affiliations.all()
    )


can_view_person_contact = sees_everything | is_the_person | person_in_private_reach
rules.add_perm("network.view_person_contact", can_view_person_contact)


@rules.predicate
def is_join_request_author(user, join_request) -> bool:
    return join_request is not None and user.is_authenticated and join_request.user_id == user.pk


@rules.predicate
def decides_for_structure(user, join_request) -> bool:
    """An active applicant member of the structure asked, or a coordinator covering it."""
    if join_request is None:
        return False
    structure = join_request.structure
    return is_structure_applicant.test(user, structure) or structure_in_perimeter.test(
        user, structure
    )


can_decide_join_request = rules.is_superuser | decides_for_structure
rules.add_perm(
    "network.view_joinrequest", rules.is_superuser | is_join_request_author | decides_for_structure
)
rules.add_perm("network.change_joinrequest", can_decide_join_request)
rules.add_perm("network.approve_joinrequest", can_decide_join_request)
rules.add_perm("network.refuse_joinrequest", can_decide_join_request)

# Merging two records of one structure, or recording one: the coordination of its territory.
rules.add_perm("network.merge_structure", sees_everything | structure_in_perimeter)
rules.add_perm("network.add_structure", sees_everything | structure_in_perimeter)
