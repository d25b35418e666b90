"""What each role has to do, for the signed-in home page: each app's `dashboard(user, scope)`
selector gives its part for the roles the user holds; this module puts them together.

A fixed number of queries, whatever the number of rows.
"""

from lanterne.accounts.enums import Role
from lanterne.accounts.scoping import Scope
from lanterne.calls import selectors as calls
from lanterne.committee import selectors as committee
from lanterne.dossiers import selectors as dossiers
from lanterne.network import selectors as network


def dashboards_for(user, scope: Scope) -> dict:
    """One entry per role the user holds (the template shows them in a fixed order)."""
    result = {}
    network_parts = network.dashboard(user, scope)
    applicant = network_parts.get(str(Role.APPLICANT))
    regions = network.applicant_regions(applicant) if applicant is not None else set()
    for parts in (
        network_parts,
        dossiers.dashboard(user, scope),
        calls.dashboard(user, scope, applicant_regions=regions),
        committee.dashboard(user, scope),
    ):
        for role, values in parts.items():
            result.setdefault(role, {}).update(values)
    return {str(role): result[str(role)] for role in Role if str(role) in result}
