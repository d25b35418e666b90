"""Who may manage a call and export its dossiers: the Python twins of `CallQuerySet`'s
`managed_by`/`visible_to`, built on the same `Scope`."""

import rules

from lanterne.accounts.perms import sees_all_applications
from lanterne.accounts.scoping import scope_for


@rules.predicate
def coordinates_call(user, call) -> bool:
    return call is not None and call.region_id in scope_for(user).coordinated_regions


can_manage_call = sees_all_applications | coordinates_call

rules.add_perm("calls.manage_call", can_manage_call)
rules.add_perm("calls.export_call", can_manage_call)
