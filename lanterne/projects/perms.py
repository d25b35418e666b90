"""Who may do what with projects, actions and reports (built on the same Scope)."""

import rules

from lanterne.accounts.enums import Role
from lanterne.accounts.perms import sees_all_applications
from lanterne.accounts.scoping import scope_for
from lanterne.calls.perms import coordinates_call


@rules.predicate
def carries_project(user, project) -> bool:
    return project is not None and project.applicant_id in scope_for(user).structures_with_role(
        Role.APPLICANT
    )


@rules.predicate
def coordinates_project(user, project) -> bool:
    return project is not None and coordinates_call(user, project.call)


rules.add_perm(
    "projects.view_project", sees_all_applications | carries_project | coordinates_project
)
rules.add_perm("projects.change_project", sees_all_applications | carries_project)
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
def report_is_editable(user, report) -> bool:
    return report is not None and report.is_editable


rules.add_perm("projects.view_report", sees_all_applications | carries_report | coordinates_report)
rules.add_perm(
    "projects.change_report", (sees_all_applications | carries_report) & report_is_editable
)
rules.add_perm("projects.submit_report", sees_all_applications | carries_report)
rules.add_perm("projects.send_back_report", sees_all_applications | coordinates_report)
rules.add_perm("projects.accept_report", sees_all_applications | coordinates_report)
