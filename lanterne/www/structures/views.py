from django.contrib.auth.decorators import login_not_required
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from lanterne.network.models import Structure


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
    affiliations = structure.affiliations.select_related("person").order_by(
        "person__last_name", "person__first_name"
    )
    if not can_see_private:
        affiliations = affiliations.filter(is_public_contact=True)
    affiliations = list(affiliations)
    context = {
        "structure": structure,
        "can_see_private": can_see_private,
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
