"""Who may do what with projects, actions and reports (built on the same Scope)."""

import rules

from lanterne.accounts.enums import Role
from lanterne.accounts.perms import sees_all_applications
from lanterne.accounts.scoping import scope_for


@rules.predicate
def carries_project(user, project) -> bool:
    return project is not None and project.applicant_id in scope_for(user).structures_with_role(
        Role.APPLICANT
    )


@rules.predicate
def coordinates_project(user, project) -> bool:
    return project is not None and project.call.region_id in scope_for(user).coordinated_regions


rules.add_perm(
    "projects.view_project", sees_all_applications | carries_project | coordinates_project
)
rules.add_perm("projects.change_project", sees_all_applications | carries_project)
rules.add_perm("projects.review_report", sees_all_applications | coordinates_project)
rules.add_perm("projects.export_region", sees_all_applications | coordinates_project)
