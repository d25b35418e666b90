"""Editing the dossier: one section of its fields, or one partner, fiche action or budget line.
Every save names the version the form was displayed from; a stale one is refused and what was
typed stays in the form, with the version now current (`page.keep_input`)."""

from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from lanterne.dossiers import services
from lanterne.dossiers.enums import BudgetSide
from lanterne.dossiers.models import BudgetLine, Dossier
from lanterne.www.actions import in_scope, run_service, succeed

from .page import (
    ANCHORS,
    DOSSIERS,
    EDIT,
    FIELD_SECTIONS,
    ITEM_SECTIONS,
    field_form,
    item_form,
    keep_input,
    refetch,
    remove,
    render_detail,
    url_of,
)


def _saved() -> str:
    return _("Vos modifications sont enregistrées.")


def _save_fields(*, dossier: Dossier, form, by) -> None:
    data = dict(form.cleaned_data)
    version = data.pop("expected_version")
    services.dossier_update(dossier=dossier, expected_version=version, by=by, **data)


def _save_item(*, dossier: Dossier, form, by) -> None:
    version = form.cleaned_data["expected_version"]
    item = form.save(commit=False)
    services.dossier_save_item(dossier=dossier, expected_version=version, by=by, item=item)


@require_POST
def dossier_edit(request, pk, section):
    """Save one section of the dossier, or add one partner, action or budget line."""
    if section not in FIELD_SECTIONS and section not in ITEM_SECTIONS:
        raise Http404
    dossier = in_scope(request, DOSSIERS, pk=pk, perm=EDIT)
    if section in FIELD_SECTIONS:
        form, save = field_form(section, dossier, request.POST), _save_fields
    else:
        form, save = item_form(section, dossier, request.POST), _save_item
    if form.is_valid():
        if run_service(form, save, dossier=dossier, form=form, by=request.user):
            return succeed(request, _saved(), url_of(dossier, ANCHORS[section]))
        dossier = refetch(dossier)
        keep_input(form, dossier.version)
    return render_detail(request, dossier, bound={section: form})


def _item(dossier: Dossier, section: str, item_pk: int):
    _form_class, model = ITEM_SECTIONS[section]
    queryset = model.objects.filter(dossier=dossier)
    if model is BudgetLine:
        side = BudgetSide.EXPENSE if section == "expense" else BudgetSide.RESOURCE
        queryset = queryset.filter(side=side)
    return get_object_or_404(queryset, pk=item_pk)


@require_http_methods(["GET", "POST"])
def dossier_item(request, pk, section, item_pk):
    """Change one partner, fiche action or budget line."""
    if section not in ITEM_SECTIONS:
        raise Http404
    dossier = in_scope(request, DOSSIERS, pk=pk, perm=EDIT)
    item = _item(dossier, section, item_pk)
    if request.method == "POST":
        form = item_form(section, dossier, request.POST, instance=item)
        if form.is_valid():
            if run_service(form, _save_item, dossier=dossier, form=form, by=request.user):
                return succeed(request, _saved(), url_of(dossier, ANCHORS[section]))
            keep_input(form, refetch(dossier).version)
    else:
        form = item_form(section, dossier, instance=item)
        form.initial["expected_version"] = dossier.version
    return render(
        request,
        "www/dossiers/item_edit.html",
        {"dossier": dossier, "form": form, "section": section, "item": item},
    )


@require_POST
def dossier_item_delete(request, pk, section, item_pk):
    if section not in ITEM_SECTIONS:
        raise Http404
    dossier = in_scope(request, DOSSIERS, pk=pk, perm=EDIT)
    item = _item(dossier, section, item_pk)
    return remove(
        request,
        services.dossier_delete_item,
        dossier=dossier,
        item=item,
        done=_("La ligne est supprimée."),
        anchor=ANCHORS[section],
    )
