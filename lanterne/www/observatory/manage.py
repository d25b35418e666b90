"""The network admin's pages: define a campaign, its reporting structures and its indicators."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from lanterne.observatory.models import Campaign, Indicator
from lanterne.observatory.services import (
    campaign_create,
    campaign_update,
    indicator_delete,
    indicator_save,
)

from .forms import CampaignForm, IndicatorForm


def _require_manager(request) -> None:
    if not request.user.has_perm("observatory.manage_campaigns"):
        raise PermissionDenied


def _managed_campaign(request, slug) -> Campaign:
    """Out of scope is a 404 (an unpublished campaign); in sight but not the admin's, a 403."""
    campaign = get_object_or_404(Campaign.objects.visible_to(request.user), slug=slug)
    _require_manager(request)
    return campaign


@require_http_methods(["GET", "HEAD", "POST"])
def observatory_campaign_create(request):
    _require_manager(request)
    form = CampaignForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            campaign = campaign_create(by=request.user, **form.campaign_fields())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("La campagne est créée ; ajoutez-y ses indicateurs."))
            return redirect("observatory:campaign_edit", campaign.slug)
    return render(request, "www/observatory/campaign_edit.html", {"form": form, "campaign": None})


@require_http_methods(["GET", "HEAD", "POST"])
def observatory_campaign_edit(request, slug):
    """The campaign's settings and structures, and the list of its indicators."""
    campaign = _managed_campaign(request, slug)
    form = CampaignForm(request.POST or None, instance=Campaign.objects.get(pk=campaign.pk))
    if request.method == "POST" and form.is_valid():
        try:
            campaign = campaign_update(campaign=campaign, by=request.user, **form.campaign_fields())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("La campagne est enregistrée."))
            return redirect("observatory:campaign_edit", campaign.slug)
    indicators = (
        campaign.indicators.select_related("parent")
        .annotate(value_count=Count("values"))
        .order_by("position", "code")
    )
    return render(
        request,
        "www/observatory/campaign_edit.html",
        {"form": form, "campaign": campaign, "indicators": indicators},
    )


@require_http_methods(["GET", "HEAD", "POST"])
def observatory_indicator_edit(request, slug, pk=None):
    """Add an indicator to the campaign (no `pk`) or change one."""
    campaign = _managed_campaign(request, slug)
    indicator = get_object_or_404(campaign.indicators.all(), pk=pk) if pk is not None else None
    form = IndicatorForm(request.POST or None, instance=indicator, campaign=campaign)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in IndicatorForm.Meta.fields}
        try:
            saved = indicator_save(
                campaign=campaign,
                indicator=indicator,
                by=request.user,
                **fields,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("L'indicateur « %(code)s » est enregistré.") % {"code": saved.code}
            )
            return redirect("observatory:campaign_edit", campaign.slug)
    has_values = bool(indicator and indicator.values.exists())
    return render(
        request,
        "www/observatory/indicator_edit.html",
        {"form": form, "campaign": campaign, "indicator": indicator, "has_values": has_values},
    )


@require_POST
def observatory_indicator_delete(request, slug, pk):
    campaign = _managed_campaign(request, slug)
    indicator = get_object_or_404(Indicator.objects.filter(campaign=campaign), pk=pk)
    try:
        indicator_delete(indicator=indicator, by=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(
            request, _("L'indicateur « %(code)s » est supprimé.") % {"code": indicator.code}
        )
    return redirect("observatory:campaign_edit", campaign.slug)
