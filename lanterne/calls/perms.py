"""Who may do what with calls, dossiers and committee sessions: the Python twins of the
`visible_to` querysets, built on the same `Scope`."""

import rules

from lanterne.accounts.enums import Role
from lanterne.accounts.perms import sees_all_applications
from lanterne.accounts.scoping import scope_for


@rules.predicate
def coordinates_call(user, call) -> bool:
    return call is not None and call.region_id in scope_for(user).coordinated_regions


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
    return dossier is not None and dossier.call.region_id in scope_for(user).coordinated_regions


@rules.predicate
def dossier_is_editable(user, dossier) -> bool:
    return dossier is not None and dossier.is_editable


@rules.predicate
def sits_on_dossier_committee(user, dossier) -> bool:
    if dossier is None or not scope_for(user).structures_with_role(Role.COMMITTEE_MEMBER):
        return False
    if dossier.state in ("draft", "withdrawn"):
        return False
    return dossier.committee_sessions.filter(members=user).exists()


@rules.predicate
def sits_on_session(user, session) -> bool:
    if session is None or not scope_for(user).structures_with_role(Role.COMMITTEE_MEMBER):
        return False
    return session.members.filter(pk=user.pk).exists()


@rules.predicate
def coordinates_session(user, session) -> bool:
    return session is not None and session.call.region_id in scope_for(user).coordinated_regions


can_manage_call = sees_all_applications | coordinates_call
can_instruct = sees_all_applications | coordinates_dossier

rules.add_perm("calls.manage_call", can_manage_call)
rules.add_perm("calls.export_call", can_manage_call)
rules.add_perm("calls.create_dossier", applies_for)
rules.add_perm(
    "calls.view_dossier",
    sees_all_applications | is_dossier_applicant | coordinates_dossier | sits_on_dossier_committee,
)
rules.add_perm("calls.change_dossier", is_dossier_applicant & dossier_is_editable)
rules.add_perm("calls.submit_dossier", is_dossier_applicant)
rules.add_perm("calls.withdraw_dossier", is_dossier_applicant)
rules.add_perm("calls.instruct_dossier", can_instruct)
rules.add_perm("calls.view_notes", can_instruct)
rules.add_perm("calls.message_dossier", is_dossier_applicant | can_instruct)
rules.add_perm("calls.view_session", sees_all_applications | coordinates_session | sits_on_session)
rules.add_perm("calls.give_opinion", sits_on_session)
