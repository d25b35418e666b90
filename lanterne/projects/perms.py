"""Who may do what with projects, actions and reports (built on the same Scope)."""

import rules

from lanterne.accounts.enums import Role
from lanterne.accounts.perms import sees_all_applications
from lanterne.accounts.scoping import scope_for
from lanterne.calls.perms import coordinates_call
from lanterne.committee.models import CommitteeSession


@rules.predicate
def carries_project(user, project) -> bool:
    return project is not None and project.applicant_id in scope_for(user).structures_with_role(
        Role.APPLICANT
    )


@rules.predicate
def coordinates_project(user, project) -> bool:
    return project is not None and coordinates_call(user, project.call)


@rules.predicate
def sits_on_call_committee(user, project) -> bool:
    """A committee member (DRAC, Région) of a session of the project's call reads the project
    and its bilan, never changes them (`ProjectQuerySet.visible_to`'s twin)."""
    if project is None or not scope_for(user).structures_with_role(Role.COMMITTEE_MEMBER):
        return False
    return CommitteeSession.objects.filter(call_id=project.call_id, members=user).exists()


rules.add_perm(
    "projects.view_project",
    sees_all_applications | carries_project | coordinates_project | sits_on_call_committee,
)
rules.add_perm("projects.change_project", sees_all_applications | carries_project)
# Actions, their sessions, participants, open-air authorisation and films: the applicant, and
# the coordination of the call that follows the project (each record says who entered it).
rules.add_perm(
    "projects.record_action", sees_all_applications | carries_project | coordinates_project
)
rules.add_perm("projects.review_report", sees_all_applications | coordinates_project)
rules.add_perm("projects.export_region", sees_all_applications | coordinates_project)


# The report (bilan) and its workflow: the applicant writes and submits it, the coordination of
# its call sends it back or accepts it.
@rules.predicate
def carries_report(user, report) -> bool:
    return report is not None and carries_project(user, report.project)


@rules.predicate
def coordinates_report(user, report) -> bool:
    return report is not None and coordinates_project(user, report.project)


@rules.predicate
def sits_on_report_committee(user, report) -> bool:
    return report is not None and sits_on_call_committee(user, report.project)


@rules.predicate
def report_is_editable(user, report) -> bool:
    return report is not None and report.is_editable


rules.add_perm(
    "projects.view_report",
    sees_all_applications | carries_report | coordinates_report | sits_on_report_committee,
)
rules.add_perm(
    "projects.change_report", (sees_all_applications | carries_report) & report_is_editable
)
rules.add_perm("projects.submit_report", sees_all_applications | carries_report)
rules.add_perm("projects.send_back_report", sees_all_applications | coordinates_report)
rules.add_perm("projects.accept_report", sees_all_applications | coordinates_report)
