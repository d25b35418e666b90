"""The network admin's pages: define a campaign, its reporting structures and its indicators."""

from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from lanterne.observatory.models import Campaign, Indicator
from lanterne.observatory.services import (
    campaign_create,
    campaign_update,
    indicator_delete,
    indicator_save,
)
from lanterne.www.actions import in_scope, require, run_or_flash, run_service, succeed

from .forms import CampaignForm, IndicatorForm

MANAGE = "observatory.manage_campaigns"


def _edit_page(campaign) -> str:
    return reverse("observatory:campaign_edit", args=[campaign.slug])


@require_http_methods(["GET", "HEAD", "POST"])
def observatory_campaign_create(request):
    require(request, MANAGE, None)
    form = CampaignForm(request.POST or None)
    if (
        request.method == "POST"
        and form.is_valid()
        and (done := run_service(form, campaign_create, by=request.user, **form.campaign_fields()))
    ):
        return succeed(
            request,
            _("La campagne est créée ; ajoutez-y ses indicateurs."),
            _edit_page(done.result),
        )
    return render(request, "www/observatory/campaign_edit.html", {"form": form, "campaign": None})


@require_http_methods(["GET", "HEAD", "POST"])
def observatory_campaign_edit(request, slug):
    """The campaign's settings and structures, and the list of its indicators."""
    # Out of scope is a 404 (an unpublished campaign); in sight but not the admin's, a 403.
    campaign = in_scope(request, Campaign.objects.all(), slug=slug, perm=MANAGE)
    form = CampaignForm(request.POST or None, instance=Campaign.objects.get(pk=campaign.pk))
    if (
        request.method == "POST"
        and form.is_valid()
        and (
            done := run_service(
                form, campaign_update, campaign=campaign, by=request.user, **form.campaign_fields()
            )
        )
    ):
        return succeed(request, _("La campagne est enregistrée."), _edit_page(done.result))
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
    # Out of scope is a 404 (an unpublished campaign); in sight but not the admin's, a 403.
    campaign = in_scope(request, Campaign.objects.all(), slug=slug, perm=MANAGE)
    indicator = get_object_or_404(campaign.indicators.all(), pk=pk) if pk is not None else None
    form = IndicatorForm(request.POST or None, instance=indicator, campaign=campaign)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in IndicatorForm.Meta.fields}
        if done := run_service(
            form, indicator_save, campaign=campaign, indicator=indicator, by=request.user, **fields
        ):
            return succeed(
                request,
                _("L'indicateur « %(code)s » est enregistré.") % {"code": done.result.label},
                _edit_page(campaign),
            )
    has_values = bool(indicator and indicator.values.exists())
    return render(
        request,
        "www/observatory/indicator_edit.html",
        {"form": form, "campaign": campaign, "indicator": indicator, "has_values": has_values},
    )


@require_POST
def observatory_indicator_delete(request, slug, pk):
    # Out of scope is a 404 (an unpublished campaign); in sight but not the admin's, a 403.
    campaign = in_scope(request, Campaign.objects.all(), slug=slug, perm=MANAGE)
    indicator = get_object_or_404(Indicator.objects.filter(campaign=campaign), pk=pk)
    if run_or_flash(request, indicator_delete, indicator=indicator, by=request.user):
        return succeed(
            request,
            _("L'indicateur « %(code)s » est supprimé.") % {"code": indicator.label},
            _edit_page(campaign),
        )
    return redirect(_edit_page(campaign))
