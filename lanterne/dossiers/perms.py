"""Who may do what with dossiers: the Python twins of `DossierQuerySet.visible_to`, built on
the same `Scope`."""

import rules

from lanterne.accounts.enums import Role
from lanterne.accounts.perms import sees_all_applications
from lanterne.accounts.scoping import scope_for
from lanterne.calls.perms import coordinates_call

from .enums import DossierState


@rules.predicate
def applies_for(user, structure) -> bool:
    return structure is not None and structure.pk in scope_for(user).structures_with_role(
        Role.APPLICANT
    )


@rules.predicate
def is_dossier_applicant(user, dossier) -> bool:
    return dossier is not None and dossier.applicant_id in scope_for(user).structures_with_role(
        Role.APPLICANT
    )


@rules.predicate
def coordinates_dossier(user, dossier) -> bool:
    return dossier is not None and coordinates_call(user, dossier.call)


@rules.predicate
def dossier_is_editable(user, dossier) -> bool:
    return dossier is not None and dossier.is_editable


@rules.predicate
def dossier_is_draft(user, dossier) -> bool:
    return dossier is not None and dossier.state == DossierState.DRAFT


@rules.predicate
def sits_on_dossier_committee(user, dossier) -> bool:
    if dossier is None or not scope_for(user).structures_with_role(Role.COMMITTEE_MEMBER):
        return False
    if dossier.state in (DossierState.DRAFT, DossierState.WITHDRAWN):
        return False
    # The reverse relation of the committee's sessions: this app does not import committee.
    return dossier.committee_sessions.filter(members=user).exists()


can_instruct = sees_all_applications | coordinates_dossier

rules.add_perm("dossiers.create_dossier", applies_for)
rules.add_perm(
    "dossiers.view_dossier",
    sees_all_applications | is_dossier_applicant | coordinates_dossier | sits_on_dossier_committee,
)
rules.add_perm("dossiers.change_dossier", is_dossier_applicant & dossier_is_editable)
rules.add_perm("dossiers.submit_dossier", is_dossier_applicant)
rules.add_perm("dossiers.withdraw_dossier", is_dossier_applicant)
rules.add_perm("dossiers.instruct_dossier", can_instruct)
# A later deadline is granted to a draft only (`services.dossier_grant_extension`).
rules.add_perm("dossiers.extend_dossier", can_instruct & dossier_is_draft)
rules.add_perm("dossiers.view_notes", can_instruct)
# The conversation (messages and their attachments) stays between the applicant and the
# coordination: the committee judges the dossier as submitted, never what was said about it.
rules.add_perm("dossiers.view_messages", is_dossier_applicant | can_instruct)
rules.add_perm("dossiers.message_dossier", is_dossier_applicant | can_instruct)
# Who reads the dossier only because it sits on its committee: it is shown the frozen
# submission, and each of its reads is recorded (`services.dossier_record_read`).
rules.add_perm(
    "dossiers.read_as_committee",
    sits_on_dossier_committee & ~is_dossier_applicant & ~can_instruct,
)


@rules.predicate
def dossier_is_accepted(user, dossier) -> bool:
    return dossier is not None and dossier.state == DossierState.ACCEPTED


# The document carrying what cerfa n°12156 asks for (`dossiers.cerfa`): for the applicant, who
# sends it to the DRAC, and for the coordination that follows the dossier.
rules.add_perm(
    "dossiers.view_grant_request", dossier_is_accepted & (is_dossier_applicant | can_instruct)
)
