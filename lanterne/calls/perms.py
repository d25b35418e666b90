"""Who may manage a call and export its dossiers: the Python twins of `CallQuerySet`'s
`managed_by`/`visible_to`, built on the same `Scope`.

A call is managed by the coordinators of the structure carrying it (`Call.coordination`), not
by every coordinator of its région; the dossiers, committee sessions, projects and reports of a
call follow it (their predicates call `coordinates_call`)."""

import rules

from lanterne.accounts.perms import sees_all_applications
from lanterne.accounts.scoping import scope_for


@rules.predicate
def coordinates_call(user, call) -> bool:
    return call is not None and scope_for(user).coordinates_structure(call.coordination_id)


can_manage_call = sees_all_applications | coordinates_call

rules.add_perm("calls.manage_call", can_manage_call)
rules.add_perm("calls.export_call", can_manage_call)
