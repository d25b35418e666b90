"""What the coordination does with structures beyond editing one: record a new one of its
perimeter, merge two records of the same structure; and the form helpers that fill a
structure from Sirene and suggest addresses from the national geocoder."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from lanterne.accounts.scoping import scope_for
from lanterne.network import addresses, services, sirene
from lanterne.network.legal_forms import CHOICES as LEGAL_FORMS
from lanterne.network.models import Structure
from lanterne.network.validators import normalise_siret
from lanterne.territories.models import Commune
from lanterne.www.actions import run_service

from .manage_forms import MergeForm, StructureCreateForm


def _may_record(user) -> bool:
    scope = scope_for(user)
    return scope.sees_all() or scope.is_coordinator()


@require_http_methods(["GET", "POST"])
def structure_create(request):
    """A coordinator records a structure of its perimeter, without the admin site."""
    if not _may_record(request.user):
        raise PermissionDenied
    form = StructureCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        done = run_service(
            form, services.structure_create_for, by=request.user, **form.structure_fields()
        )
        if done:
            messages.success(request, _("La fiche de la structure est créée."))
            return redirect(done.result)
    return render(
        request,
        "www/structures/create.html",
        {"form": form, "sirene": sirene.is_configured(), "geocoder": addresses.is_configured()},
    )


def _in_reach(request, slug: str) -> Structure:
    """A structure the user may merge: in its reach (404 otherwise), in its perimeter (403)."""
    structure = get_object_or_404(Structure.objects.visible_to(request.user), slug=slug)
    if not request.user.has_perm("network.merge_structure", structure):
        raise PermissionDenied
    return structure


@require_http_methods(["GET", "POST"])
def structure_merge(request, slug):
    """Merge this record (the duplicate) into another record of the same structure: find the
    record to keep, see what will move to it, confirm."""
    duplicate = _in_reach(request, slug)
    form = MergeForm(request.POST or request.GET or None)
    keep = None
    if form.is_bound and form.is_valid() and form.cleaned_data["keep"]:
        keep = _in_reach(request, form.cleaned_data["keep"])
    if request.method == "POST" and keep is not None:
        done = run_service(
            form, services.structure_merge, keep=keep, duplicate=duplicate, by=request.user
        )
        if done:
            messages.success(
                request,
                _(
                    "Les deux fiches sont fusionnées : tout ce qui concernait « %(name)s » "
                    "est maintenant ici."
                )
                % {"name": duplicate.name},
            )
            return redirect(done.result)
    term = request.GET.get("q", "").strip()
    candidates = []
    if term:
        candidates = list(
            Structure.objects.filter(scope_for(request.user).private_structure_filter())
            .search(term)
            .exclude(pk=duplicate.pk)
            .select_related("commune")
            .order_by("name")[:20]
        )
    elif keep is None:
        # The likely twins: the same SIRET, or the same name.
        twins = Structure.objects.filter(scope_for(request.user).private_structure_filter())
        twins = twins.filter(name__iexact=duplicate.name) | (
            twins.filter(siret=duplicate.siret) if duplicate.siret else twins.none()
        )
        candidates = list(twins.exclude(pk=duplicate.pk).select_related("commune")[:20])
    return render(
        request,
        "www/structures/merge.html",
        {
            "duplicate": duplicate,
            "keep": keep,
            "form": form,
            "term": term,
            "candidates": candidates,
            "moves": services.structure_merge_preview(keep=keep, duplicate=duplicate)
            if keep
            else [],
        },
    )


@require_safe
def sirene_lookup(request):
    """The structure's fields from Sirene for the SIRET typed, swapped into the form (htmx)."""
    value = request.GET.get("siret", "").strip()
    context: dict = {}
    if len("".join(c for c in value if c.isdigit())) < 14:
        return render(request, "www/structures/_sirene_result.html", context)
    try:
        number = normalise_siret(value)
    except ValidationError as error:
        context["error"] = error.messages[0]
        return render(request, "www/structures/_sirene_result.html", context)
    try:
        found = sirene.establishment(number)
    except sirene.ServiceUnavailable:
        context["error"] = _(
            "Le répertoire Sirene ne répond pas pour l'instant : saisissez les informations "
            "à la main."
        )
        return render(request, "www/structures/_sirene_result.html", context)
    if found is None:
        context["error"] = _(
            "Ce SIRET n'est pas dans le répertoire Sirene : vérifiez-le, ou saisissez les "
            "informations à la main."
        )
        return render(request, "www/structures/_sirene_result.html", context)
    commune = Commune.objects.by_code(found.commune_code) if found.commune_code else None
    legal_forms = list(LEGAL_FORMS)
    if found.legal_form and found.legal_form not in dict(legal_forms):
        legal_forms.append((found.legal_form, found.legal_form_label or found.legal_form))
    form = StructureCreateForm(
        initial={
            "name": found.name,
            "address": found.address,
            "postal_code": found.postal_code,
            "commune": commune,
            "legal_form": found.legal_form,
            "rna": found.rna,
        }
    )
    form.fields["legal_form"].choices = legal_forms
    swapped = ["name", "address", "postal_code", "commune", "legal_form"]
    if found.rna:
        # Only when Sirene knows it: an RNA number typed by hand is kept otherwise.
        swapped.append("rna")
    for name in swapped:
        form.fields[name].widget.attrs["hx-swap-oob"] = "true"
    context.update(found=found, commune=commune, form=form, fills_rna=bool(found.rna))
    return render(request, "www/structures/_sirene_result.html", context)


@require_safe
def address_suggestions(request):
    """Up to 5 addresses from the geocoder, as <option>s for the address's <datalist>."""
    try:
        found = addresses.search(request.GET.get("address", ""))
    except addresses.ServiceUnavailable:
        found = []
    return render(request, "www/structures/_address_options.html", {"addresses": found})
