"""The admin's forms never list a large table in a select: at national scale a select of every
commune or structure made adding a fiche action or a partner take seconds and megabytes."""

import pytest
from django.contrib import admin

# Tables that hold thousands of rows at national scale (35 000 communes, 50 000 structures,
# 180 000 dossiers…). A relation to one of them is searched (autocomplete) or typed (raw id).
LARGE = {
    "accounts.user",
    "calls.call",
    "dossiers.dossier",
    "network.person",
    "network.structure",
    "observatory.return",
    "projects.action",
    "projects.project",
    "territories.commune",
    "territories.qpv",
}


def _relations_shown_as_selects(model_admin, model, parent=None):
    handled = (
        set(model_admin.raw_id_fields)
        | set(model_admin.autocomplete_fields)
        | set(model_admin.readonly_fields)
        | set(model_admin.exclude or ())
    )
    shown = None
    if model_admin.fields is not None:
        shown = {
            name
            for entry in model_admin.fields
            for name in (entry if isinstance(entry, list | tuple) else [entry])
        }
    for field in model._meta.get_fields():
        if not (field.is_relation and getattr(field, "concrete", False)) or not field.editable:
            continue
        if field.related_model._meta.label_lower not in LARGE:
            continue
        if parent is not None and field.related_model is parent:
            continue  # an inline's link to the page's own object is not a form field
        if field.name in handled or (shown is not None and field.name not in shown):
            continue
        yield f"{model._meta.label}.{field.name}"


def _admins():
    for model, model_admin in admin.site._registry.items():
        yield type(model_admin).__name__, model_admin, model, None
        for inline in model_admin.inlines:
            yield inline.__name__, inline(model, admin.site), inline.model, model


@pytest.mark.parametrize(
    ("name", "model_admin", "model", "parent"), list(_admins()), ids=lambda value: str(value)
)
def test_no_admin_form_lists_a_large_table(name, model_admin, model, parent):
    assert list(_relations_shown_as_selects(model_admin, model, parent)) == []


def test_the_large_tables_can_be_searched_from_an_autocomplete():
    """Django's autocomplete needs the related admin's search fields."""
    for model, model_admin in admin.site._registry.items():
        for inline in [model_admin, *(i(model, admin.site) for i in model_admin.inlines)]:
            inline_model = getattr(inline, "model", model)
            for name in inline.autocomplete_fields:
                related = inline_model._meta.get_field(name).related_model
                assert admin.site._registry[related].search_fields, related
