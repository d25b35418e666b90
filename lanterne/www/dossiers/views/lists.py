"""The list of dossiers, and starting a new one on an open call."""

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from lanterne.accounts.enums import Role
from lanterne.accounts.scoping import scope_for
from lanterne.calls.models import Call
from lanterne.dossiers import services
from lanterne.dossiers.enums import DossierState
from lanterne.dossiers.models import Dossier
from lanterne.dossiers.selectors import previous_dossiers
from lanterne.network.models import Structure
from lanterne.www.actions import in_scope, run_service, succeed

from .. import forms as f

PER_PAGE = 20


@require_safe
def dossier_list(request):
    """The dossiers the user may see, most recent first; a coordination's list leaves out
    drafts that are not its own structures'."""
    scope = scope_for(request.user)
    own = list(scope.structures_with_role(Role.APPLICANT))
    dossiers = (
        Dossier.objects.visible_to(request.user)
        .exclude(Q(state=DossierState.DRAFT) & ~Q(applicant__in=own))
        .select_related("call", "applicant")
        .order_by("-created_at", "-pk")
    )
    if scope.sees_all(applications=True):
        dossiers = Dossier.objects.select_related("call", "applicant").order_by("-created_at")
    filters = f.ListFilterForm(request.GET)
    if filters.is_valid() and filters.cleaned_data["state"]:
        dossiers = dossiers.filter(state=filters.cleaned_data["state"])
    page = Paginator(dossiers, PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "www/dossiers/list.html",
        {
            "page": page,
            "page_range": page.paginator.get_elided_page_range(page.number),
            "filters": filters,
        },
    )


@require_http_methods(["GET", "POST"])
def dossier_create(request, call_slug):
    """Start a dossier on an open call, for one of the structures the user applies for."""
    call = in_scope(request, Call.objects.with_calendar().select_related("region"), slug=call_slug)
    structures = list(
        Structure.objects.filter(
            pk__in=list(scope_for(request.user).structures_with_role(Role.APPLICANT))
        ).order_by("name")
    )
    if not structures:
        raise PermissionDenied(_("Vous n'agissez pour aucune structure porteuse de projet."))
    qs = Structure.objects.filter(pk__in=[s.pk for s in structures]).order_by("name")
    previous = previous_dossiers(call, structures)
    form = f.CreateForm(request.POST or None, structures=qs)
    if not previous:
        del form.fields["from_previous"]
    if request.method == "POST" and form.is_valid():
        applicant = form.cleaned_data["applicant"]
        from_previous = (
            previous.get(applicant.pk) if form.cleaned_data.get("from_previous") else None
        )
        done = run_service(
            form,
            services.dossier_create,
            call=call,
            applicant=applicant,
            title=form.cleaned_data["title"],
            by=request.user,
            from_previous=from_previous,
        )
        if done:
            started = _("Le dossier est créé : complétez-le section par section.")
            return succeed(request, started, done.result)
    return render(
        request,
        "www/dossiers/create.html",
        {"call": call, "form": form, "is_open": call.is_open, "previous": previous},
    )
