"""Writes to the network: every structure goes through `full_clean` and leaves an audit row."""

from django.db import transaction
from django.utils.text import slugify

from lanterne.accounts.models import User
from lanterne.core.audit import audit

from .enums import AuditAction
from .models import Structure


def unique_structure_slug(name: str, *, exclude_pk: int | None = None) -> str:
    base = slugify(name)[:200] or "structure"
    slug, n = base, 1
    taken = Structure.objects.all()
    if exclude_pk is not None:
        taken = taken.exclude(pk=exclude_pk)
    while taken.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


@transaction.atomic
def structure_create(*, by: User, **fields) -> Structure:
    structure = Structure(**fields)
    if not structure.slug:
        structure.slug = unique_structure_slug(structure.name)
    structure.full_clean()
    structure.save()
    audit(action=AuditAction.CREATE, obj=structure, by=by)
    return structure


@transaction.atomic
def structure_update(*, structure: Structure, by: User, **fields) -> Structure:
    changed: dict[str, list[str]] = {}
    for name, value in fields.items():
        old = getattr(structure, name)
        if old != value:
            changed[name] = [str(old), str(value)]
            setattr(structure, name, value)
    if changed:
        structure.full_clean()
        structure.save()
        # Personal contact fields are not copied into the audit trail, only their names.
        audit(action=AuditAction.UPDATE, obj=structure, by=by, fields=sorted(changed))
    return structure


def structures_refresh_search_text() -> int:
    """Recompute every structure's search text (after communes were renamed by an import)."""
    stale = []
    for structure in Structure.objects.select_related("commune").only(
        "pk", "name", "acronym", "search_text", "commune__name"
    ):
        text = structure.build_search_text()
        if text != structure.search_text:
            structure.search_text = text
            stale.append(structure)
    Structure.objects.bulk_update(stale, ["search_text"], batch_size=1000)
    return len(stale)
