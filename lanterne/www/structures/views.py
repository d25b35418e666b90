import copy

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from lanterne.network.models import Structure
from lanterne.network.selectors import recent_changes
from lanterne.network.services import structure_update

from .forms import StructureForm


@login_not_required
@require_safe
def structure_detail(request, slug):
    """A structure's page; out of the visitor's reach it does not exist (404)."""
    structure = get_object_or_404(
        Structure.objects.visible_to(request.user).select_related(
            "commune__departement", "commune__region"
        ),
        slug=slug,
    )
    can_see_private = request.user.has_perm("network.view_structure_private", structure)
    can_change = request.user.has_perm("network.change_structure", structure)
    can_merge = request.user.has_perm("network.merge_structure", structure)
    affiliations = structure.affiliations.select_related("person").order_by(
        "person__last_name", "person__first_name"
    )
    if not can_see_private:
        affiliations = affiliations.filter(is_public_contact=True)
    affiliations = list(affiliations)
    context = {
        "structure": structure,
        "can_see_private": can_see_private,
        "can_change": can_change,
        "can_merge": can_merge,
        "poles": structure.poles.select_related("region").order_by("name"),
        "coordinations": structure.coordinations.select_related("region").order_by("name"),
        "public_contacts": [a for a in affiliations if a.is_public_contact],
    }
    if can_see_private:
        context["other_contacts"] = [a for a in affiliations if not a.is_public_contact]
        context["memberships"] = (
            structure.memberships.active()
            .select_related("user")
            .order_by("user__last_name", "user__first_name", "role")
        )
    return render(request, "www/structures/structure.html", context)


@require_http_methods(["GET", "POST"])
def structure_edit(request, slug):
    """Edit a structure's information: its members and the coordination of its territory."""
    structure = get_object_or_404(
        Structure.objects.visible_to(request.user).select_related("commune"), slug=slug
    )
    if not request.user.has_perm("network.change_structure", structure):
        raise PermissionDenied
    version = structure.updated_at.isoformat()
    if request.method == "POST":
        # The form validates a copy, so that the service sees what actually changes.
        form = StructureForm(request.POST, instance=copy.copy(structure), current_version=version)
        if form.is_valid():
            structure_update(structure=structure, by=request.user, **form.changed_values())
            messages.success(request, _("Les informations de la structure sont enregistrées."))
            return redirect(structure)
    else:
        form = StructureForm(instance=structure, current_version=version)
    return render(
        request,
        "www/structures/edit.html",
        {"structure": structure, "form": form, "changes": recent_changes(structure)},
    )
