"""Who may do what with campaigns and returns: the Python twin of the `visible_to` querysets."""

import rules

from lanterne.accounts.perms import sees_everything
from lanterne.accounts.scoping import scope_for


@rules.predicate
def acts_for_return_structure(user, value_return) -> bool:
    return value_return is not None and value_return.structure_id in scope_for(user).structure_ids


@rules.predicate
def return_is_editable(user, value_return) -> bool:
    return value_return is not None and value_return.is_editable


@rules.predicate
def campaign_is_published(user, campaign) -> bool:
    return campaign is not None and campaign.is_published


can_manage_campaigns = sees_everything
can_view_return = sees_everything | acts_for_return_structure
# The structure fills its own return; the network admin reviews it but does not type for it.
can_edit_return = acts_for_return_structure & return_is_editable
can_view_panorama = campaign_is_published | sees_everything

rules.add_perm("observatory.manage_campaigns", can_manage_campaigns)
rules.add_perm("observatory.view_return", can_view_return)
rules.add_perm("observatory.change_return", can_edit_return)
rules.add_perm("observatory.review_return", can_manage_campaigns)
rules.add_perm("observatory.view_panorama", can_view_panorama)

# The return's workflow: the structure submits its own return; the network admin accepts it or
# sends it back.
rules.add_perm("observatory.submit_return", acts_for_return_structure)
rules.add_perm("observatory.accept_return", can_manage_campaigns)
rules.add_perm("observatory.send_back_return", can_manage_campaigns)
