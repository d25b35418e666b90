"""The observatory's pages: the published panoramas and their files, a structure's return
and its review, the network admin's follow-up of a campaign. Each view fetches in scope, calls
one service and redirects or re-renders (`lanterne.www.actions`)."""

import json
from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from lanterne.accounts.scoping import scope_for
from lanterne.core.choices import choice_label
from lanterne.core.exports import OPEN_DATA, export_response
from lanterne.core.workflow import abilities
from lanterne.observatory import exports
from lanterne.observatory.consolidation import Figure
from lanterne.observatory.enums import CellStatus, PeriodType, PublicKind, ReturnState, Unit
from lanterne.observatory.models import Campaign, Return
from lanterne.observatory.selectors import NO_REGION, completeness, panorama_consolidation
from lanterne.observatory.services import (
    campaign_copy,
    campaign_publish,
    previous_amounts,
    return_accept,
    return_of,
    return_open,
    return_save,
    return_send_back,
    return_submit,
)
from lanterne.territories.models import Region
from lanterne.www.actions import in_scope, require, run_or_flash, succeed
from lanterne.www.templatetags.observatory_tags import coverage, figure, period, unit_label

from .forms import CampaignCopyForm, ReturnForm, ReviewForm

MANAGE = "observatory.manage_campaigns"


@login_not_required
@require_safe
def observatory_index(request):
    """Published panoramas for everyone; campaigns and returns for those who take part."""
    scope = scope_for(request.user)
    context = {"published": list(Campaign.objects.published().order_by("-year"))}
    context["can_manage"] = request.user.has_perm(MANAGE)
    if scope.sees_all():
        context["campaigns"] = list(Campaign.objects.order_by("-year", "name"))
    if scope.structure_ids:
        context["my_campaigns"] = [
            (campaign, structure)
            for campaign in Campaign.objects.filter(structures__in=list(scope.structure_ids))
            .distinct()
            .prefetch_related("structures")
            .order_by("-year")
            for structure in campaign.structures.all()
            if structure.pk in scope.structure_ids
        ]
    return render(request, "www/observatory/index.html", context)


# The rendered tables of a stored consolidation stay valid until it is recomputed (its time is
# in the key); the timeout only frees the cache.
TABLES_TIMEOUT = 24 * 3600


def figure_table_rows(campaign, figures: list[Figure]) -> list[dict]:
    """The figures as the panorama's tables show them, formatted here once per figure: a
    template filter per cell cost more than the table itself (25 ms for 60 figures)."""
    relays = _("relais, hors total des bénéficiaires")
    units = {code: unit_label(code) for code in Unit.values}
    periods = {code: period(campaign, code) for code in PeriodType.values}
    rows = []
    for fig in figures:
        indicator = fig.indicator
        unit = units.get(indicator.unit) or unit_label(indicator.unit)
        if indicator.public_kind == PublicKind.RELAYS:
            unit = f"{unit}, {relays}"
        rows.append(
            {
                "code": indicator.code,
                "label": indicator.label,
                "breakdown": indicator.parent_id is not None,
                "unit": unit,
                "value": figure(fig.total),
                "missing": fig.total is None,
                "period": periods.get(indicator.period_type)
                or period(campaign, indicator.period_type),
                "coverage": coverage(fig),
                "previous": figure(fig.previous_total) if fig.previous_total is not None else "—",
            }
        )
    return rows


def panorama_context(campaign, consolidation) -> dict:
    # The tables' rows are formatted only when the template renders them (a callable): the
    # page's tables are cached for as long as the stored consolidation they show.
    regions = [
        {
            "code": code,
            "name": name,
            "figures": (figures := consolidation.figures(code)),
            "rows": partial(figure_table_rows, campaign, figures),
        }
        for code, name in consolidation.regions.items()
    ]
    figures = consolidation.figures()
    stored_at = consolidation.stored_at
    return {
        "campaign": campaign,
        "consolidation": consolidation,
        "figures": figures,
        "figure_rows": partial(figure_table_rows, campaign, figures),
        # Never cached when computed afresh (a preview, or not stored yet): timeout 0.
        "tables_timeout": TABLES_TIMEOUT if stored_at else 0,
        "tables_version": stored_at.isoformat() if stored_at else "",
        "regions": regions,
        "shares": consolidation.shares,
        "rounding_rule": exports.ROUNDING_RULE_TEXT,
        "licence": exports.LICENCE,
    }


@login_not_required
@require_safe
def observatory_panorama(request, slug):
    """The panorama: consolidated figures, their coverage and method notes, the gaps."""
    campaign = in_scope(request, Campaign.objects.all(), slug=slug)
    # The public sees only published panoramas: another is a 404, even to a structure that
    # reports to its campaign.
    if not request.user.has_perm("observatory.view_panorama", campaign):
        raise Http404
    consolidation = panorama_consolidation(campaign)
    context = panorama_context(campaign, consolidation)
    context["can_manage"] = request.user.has_perm(MANAGE)
    return render(request, "www/observatory/panorama.html", context)


FORMATS = ("csv", "xlsx", "json", "pdf", "zip", "svg")


@login_not_required
@require_safe
def observatory_export(request, slug, fmt):
    """The same consolidation as a file: CSV, XLSX, JSON, PDF, open-data package, chart."""
    if fmt not in FORMATS:
        raise Http404
    campaign = in_scope(request, Campaign.objects.all(), slug=slug)
    # The public sees only published panoramas: another is a 404, even to a structure that
    # reports to its campaign.
    if not request.user.has_perm("observatory.view_panorama", campaign):
        raise Http404
    consolidation = panorama_consolidation(campaign)
    filename = f"{campaign.slug}-panorama.{fmt}"
    if fmt == "csv":
        content = exports.figures_table(campaign, consolidation)
    elif fmt == "xlsx":
        content = exports.panorama_tables(campaign, consolidation)
    elif fmt == "json":
        content = json.dumps(exports.to_json(campaign, consolidation), ensure_ascii=False, indent=1)
    elif fmt == "pdf":
        content = exports.to_pdf(campaign, consolidation, panorama_context(campaign, consolidation))
    elif fmt == "svg":
        content = exports.chart_svg(campaign, consolidation)
        if not content:
            raise Http404
        filename = None  # shown in the panorama page, not downloaded
    else:
        content = exports.to_datapackage(campaign, consolidation)
        filename = f"{campaign.slug}-datapackage.zip"
    return export_response(content, fmt, filename, dialect=OPEN_DATA)


@require_safe
def observatory_completeness(request, slug):
    """Structures × indicators with their status, and what is still missing, a page of
    structures at a time; the number of structures in each state over the campaign."""
    campaign = in_scope(request, Campaign.objects.all(), slug=slug, perm=MANAGE)
    # The national dashboard's drill-down: the structures of one région (or those without a
    # commune); an unknown value shows every structure.
    regions = list(Region.objects.order_by("name").values_list("code", "name"))
    region = request.GET.get("region", "")
    if region != NO_REGION and region not in {code for code, _name in regions}:
        region = ""
    matrix = completeness(campaign, request.GET.get("page"), region=region)
    page = matrix["page"]
    # A page holds thousands of cells: each row's cells and gaps are written here at once,
    # not resolved cell by cell by the template.
    labels = {indicator.pk: indicator.label for indicator in matrix["indicators"]}
    cell_html = {
        status: format_html('<td class="cell-{}">{}</td>', status, choice_label(CellStatus, status))
        for status in CellStatus.values
    }
    for row in page.object_list:
        # Each piece is one of `cell_html`, escaped by format_html.
        row["cells_html"] = mark_safe("".join(cell_html[cell["status"]] for cell in row["cells"]))
        row["missing_labels"] = ", ".join(labels[indicator.pk] for indicator in row["missing"])
    return render(
        request,
        "www/observatory/completeness.html",
        {
            "campaign": campaign,
            **matrix,
            "rows": page.object_list,
            "page_range": page.paginator.get_elided_page_range(page.number),
            "regions": regions,
            "region": region,
            "no_region": NO_REGION,
            "region_name": dict(regions).get(region, ""),
            "copy_form": CampaignCopyForm(
                initial={"slug": f"{campaign.slug}-suivante", "name": f"{campaign.name} (copie)"}
            ),
        },
    )


def _return_for(request, slug, structure_slug, *, create: bool = False) -> Return:
    """The return of the page. For the structure's own members it always exists: unsaved
    until its first save (a GET writes nothing), created if `create` (a submission)."""
    campaign = in_scope(request, Campaign.objects.all(), slug=slug)
    structure = get_object_or_404(campaign.structures.all(), slug=structure_slug)
    if structure.pk in scope_for(request.user).structure_ids:
        if create:
            return return_open(campaign=campaign, structure=structure, by=request.user)
        return return_of(campaign=campaign, structure=structure)
    return in_scope(
        request,
        Return.objects.select_related("campaign", "structure"),
        campaign=campaign,
        structure=structure,
    )


@require_http_methods(["GET", "POST"])
def observatory_return(request, slug, structure_slug):
    """A structure's return: filled over several visits by its members, reviewed by the
    network admin; each value shows its history."""
    value_return = _return_for(request, slug, structure_slug)
    campaign = value_return.campaign
    can_edit = request.user.has_perm("observatory.change_return", value_return)
    indicators = list(campaign.indicators.order_by("position", "code"))
    stored = value_return.pk is not None
    values = (
        {v.indicator_id: v for v in value_return.values.prefetch_related("changes__by")}
        if stored
        else {}
    )
    previous = previous_amounts(value_return)
    form = ReturnForm(
        request.POST if request.method == "POST" else None,
        indicators=indicators,
        values=values,
        previous=previous,
    )
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied
        transmit = "transmit" in request.POST
        if form.is_valid():
            try:
                return_save(value_return=value_return, entries=form.entries(), by=request.user)
            except ValidationError as error:
                # The checks name indicators, not fields: each refusal goes beside its amount.
                form.add_check_errors(error.message_dict)
            else:
                if not transmit:
                    return succeed(request, _("Votre retour est enregistré."), value_return)
                # Transmitted from the form: what was typed is saved first, then sent; a
                # refusal (an incomplete return) leaves it saved, each gap beside its field.
                saved = _return_for(request, slug, structure_slug)
                try:
                    return_submit(value_return=saved, by=request.user)
                except ValidationError as error:
                    form.add_error(
                        None, _("Votre saisie est enregistrée, mais le retour n'est pas transmis.")
                    )
                    if hasattr(error, "error_dict"):
                        form.add_check_errors(error.message_dict)
                    else:
                        for message in error.messages:
                            form.add_error(None, message)
                    value_return = saved
                else:
                    return succeed(
                        request, _("Votre retour est transmis au réseau national."), saved
                    )
        if transmit and not form.non_field_errors():
            form.add_error(None, _("Le retour n'est pas transmis : corrigez les champs signalés."))
    history = sorted(
        (
            {"indicator": v.indicator_id, "change": change}
            for v in values.values()
            for change in v.changes.all()
        ),
        key=lambda item: item["change"].at,
        reverse=True,
    )
    stored = value_return.pk is not None
    transitions = list(value_return.transitions.select_related("by")) if stored else []
    labels = {i.pk: i.label for i in indicators}
    for item in history:
        item["label"] = labels.get(item["indicator"], "")
    return render(
        request,
        "www/observatory/return.html",
        {
            "campaign": campaign,
            "value_return": value_return,
            "form": form,
            "abilities": abilities(value_return, request.user),
            "can_edit": can_edit,
            "can_review": request.user.has_perm("observatory.review_return", value_return),
            "history": history,
            "transitions": transitions,
            "sent_back": next((t for t in reversed(transitions) if t.name == "send_back"), None)
            if value_return.state == ReturnState.SENT_BACK
            else None,
            "review_form": ReviewForm(),
        },
    )


@require_POST
def observatory_return_submit(request, slug, structure_slug):
    value_return = _return_for(request, slug, structure_slug, create=True)
    require(request, "observatory.change_return", value_return)
    if run_or_flash(request, return_submit, value_return=value_return, by=request.user):
        return succeed(request, _("Votre retour est transmis au réseau national."), value_return)
    messages.error(request, _("Le retour n'est pas transmis : complétez-le d'abord."))
    return redirect(value_return)


@require_POST
def observatory_return_review(request, slug, structure_slug):
    value_return = _return_for(request, slug, structure_slug)
    require(request, "observatory.review_return", value_return)
    form = ReviewForm(request.POST)
    form.is_valid()
    if request.POST.get("action") == "accept":
        done = run_or_flash(request, return_accept, value_return=value_return, by=request.user)
        message = _("Le retour est accepté.")
    else:
        done = run_or_flash(
            request,
            return_send_back,
            value_return=value_return,
            reason=form.cleaned_data.get("reason", ""),
            by=request.user,
        )
        message = _("Le retour est renvoyé à la structure.")
    if done:
        return succeed(request, message, value_return)
    return redirect(value_return)


@require_POST
def observatory_campaign_publish(request, slug):
    campaign = in_scope(request, Campaign.objects.all(), slug=slug, perm=MANAGE)
    publish = request.POST.get("publish") == "1"
    campaign_publish(campaign=campaign, publish=publish, by=request.user)
    return succeed(
        request,
        _("Le panorama est publié.") if publish else _("Le panorama est retiré."),
        reverse("observatory:completeness", args=[campaign.slug]),
    )


@require_POST
def observatory_campaign_copy(request, slug):
    campaign = in_scope(request, Campaign.objects.all(), slug=slug, perm=MANAGE)
    form = CampaignCopyForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("observatory:completeness", campaign.slug)
    new = campaign_copy(campaign=campaign, by=request.user, **form.cleaned_data)
    return succeed(
        request,
        _("La campagne est copiée ; ajoutez-y ses nouveaux indicateurs."),
        reverse("observatory:campaign_edit", args=[new.slug]),
    )
