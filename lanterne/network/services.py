"""Writes to the network: every structure goes through `full_clean` and leaves an audit row."""

from collections.abc import Iterator
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from lanterne.accounts.enums import Role
from lanterne.accounts.models import Membership, User
from lanterne.accounts.scoping import forget_scope, scope_for
from lanterne.core.audit import audit
from lanterne.core.mail import notify
from lanterne.core.services import ServiceError, require_perm
from lanterne.core.workflow import transition

from .enums import AuditAction
from .models import JoinRequest, Structure
from .perimeter import coordinators_covering

# Paths under /structures/ that are pages, not structures.
RESERVED_SLUGS = {"nouvelle", "sirene", "adresses"}


def unique_structure_slug(name: str, *, exclude_pk: int | None = None) -> str:
    base = slugify(name)[:200] or "structure"
    slug, n = base, 1
    taken = Structure.objects.all()
    if exclude_pk is not None:
        taken = taken.exclude(pk=exclude_pk)
    while slug in RESERVED_SLUGS or taken.filter(slug=slug).exists():
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


@transaction.atomic
def structure_register(*, by: User, **fields) -> Structure:
    """A person creates the structure it acts for and becomes its applicant member. Who
    coordinates elsewhere creates structures of its perimeter only (`structure_create_for`)."""
    if not by.is_authenticated:
        raise PermissionDenied
    structure = structure_create(by=by, **fields)
    Membership.objects.create(user=by, structure=structure, role=Role.APPLICANT)
    forget_scope(by)
    return structure


@transaction.atomic
def structure_create_for(*, by: User, **fields) -> Structure:
    """A coordinator records a structure of its perimeter (no membership is made)."""
    if fields.get("commune") is None and not scope_for(by).sees_all():
        raise ServiceError(
            {"commune": _("Indiquez la commune : elle situe la structure dans votre territoire.")}
        )
    if not by.has_perm("network.add_structure", Structure(commune=fields.get("commune"))):
        raise ServiceError(
            {"commune": _("Cette commune est hors de votre territoire : sa coordination la crée.")}
        )
    return structure_create(by=by, **fields)


def join_request_deciders(structure: Structure):
    """Who decides a request to join `structure`: its active applicant members, else the
    coordinators whose perimeter covers its département."""
    members = get_user_model().objects.filter(
        memberships__structure=structure,
        memberships__role=Role.APPLICANT,
        memberships__is_active=True,
        is_active=True,
    )
    if members.exists():
        return members.distinct()
    commune = structure.commune if structure.commune_id else None
    return coordinators_covering(commune.departement_id if commune is not None else None)


@transaction.atomic
def join_request_create(*, structure: Structure, by: User, message: str = "") -> JoinRequest:
    """Ask to act for `structure`; its members (or its coordination) hear of it."""
    if not by.is_authenticated:
        raise PermissionDenied
    if structure.memberships.active().filter(user=by, role=Role.APPLICANT).exists():
        raise ServiceError(_("Vous agissez déjà pour cette structure."))
    if JoinRequest.objects.pending().filter(user=by, structure=structure).exists():
        raise ServiceError(
            _("Vous avez déjà demandé à rejoindre cette structure : la demande est en attente.")
        )
    join_request = JoinRequest.objects.create(user=by, structure=structure, message=message)
    audit(action=AuditAction.JOIN_REQUEST, obj=join_request, by=by)
    notify(
        join_request_deciders(structure),
        "network/email/join_request",
        {"join_request": join_request},
    )
    return join_request


def join_request_approve(*, join_request: JoinRequest, by: User) -> JoinRequest:
    """Accept: the requester becomes an applicant member of the structure."""

    def grant(request: JoinRequest) -> dict:
        request.decided_by = by
        membership, _created = Membership.objects.get_or_create(
            user=request.user, structure=request.structure, role=Role.APPLICANT
        )
        if not membership.is_active:
            membership.is_active = True
            membership.save(update_fields=["is_active", "updated_at"])
        forget_scope(request.user)
        return {}

    return transition(join_request, "approve", by=by, before=grant).subject


def join_request_refuse(*, join_request: JoinRequest, by: User, reason: str) -> JoinRequest:
    """Refuse, saying why: the requester reads the reason in its e-mail."""
    reason = reason.strip()
    if not reason:
        raise ServiceError({"reason": _("Dites pourquoi : la personne recevra ce motif.")})

    def stamp(request: JoinRequest) -> dict:
        request.decided_by = by
        request.reason = reason
        return {}

    return transition(join_request, "refuse", by=by, reason=reason, before=stamp).subject


# ---------------------------------------------------------------------------------------------
# Merging two records of one structure
# ---------------------------------------------------------------------------------------------


def _structure_relations() -> Iterator[Any]:
    """Every relation that points to a structure, from any app: foreign keys (hidden ones
    too), one-to-ones and many-to-manys (the missions' carriers), found on the model so that
    the network need not know the apps above it. Histories keep what they recorded."""
    for relation in Structure._meta.get_fields(include_hidden=True):
        if not (relation.auto_created and not relation.concrete and relation.is_relation):
            continue
        model: Any = relation.related_model
        if model._meta.auto_created or model._meta.model_name.startswith("historical"):
            continue  # an automatic many-to-many table is moved by its many-to-many
        through: Any = getattr(relation, "through", None)
        if relation.many_to_many and not through._meta.auto_created:
            continue  # an explicit through model is moved through its own foreign key
        yield relation


def structure_merge_preview(*, keep: Structure, duplicate: Structure) -> list[tuple[str, int]]:
    """What moves from `duplicate` to `keep`: (what, how many) per kind of row, in words."""
    counts = []
    for relation in _structure_relations():
        model = relation.related_model
        if relation.many_to_many:
            count = model.objects.filter(**{relation.field.name: duplicate}).count()
        else:
            count = model._default_manager.filter(**{relation.field.name: duplicate}).count()
        if count:
            counts.append((str(model._meta.verbose_name_plural), count))
    return counts


def _unique_sets(model, field_name: str) -> list[tuple[str, ...]]:
    """The unique field sets of `model` that include `field_name` (constraints and
    unique_together), to drop rows of the duplicate that would collide with the kept ones."""
    sets: list[tuple[str, ...]] = []
    for constraint in model._meta.constraints:
        fields = getattr(constraint, "fields", ())
        if isinstance(constraint, models.UniqueConstraint) and field_name in fields:
            sets.append(tuple(fields))
    for together in model._meta.unique_together:
        if field_name in together:
            sets.append(tuple(together))
    return sets


@transaction.atomic
def structure_merge(*, keep: Structure, duplicate: Structure, by: User) -> Structure:
    """Move everything that points to `duplicate` onto `keep`, then delete `duplicate`.

    Rows that would break a unique constraint (the same person's membership in both) are
    dropped on the duplicate's side: the kept one stays. The trail records what moved."""
    if keep.pk == duplicate.pk:
        raise ServiceError(_("Choisissez deux fiches différentes."))
    require_perm(by, "network.merge_structure", keep)
    require_perm(by, "network.merge_structure", duplicate)
    keep = Structure.objects.select_for_update().get(pk=keep.pk)
    duplicate = Structure.objects.select_for_update().get(pk=duplicate.pk)
    moved: dict[str, int] = {}
    for relation in _structure_relations():
        model = relation.related_model
        name = relation.field.name
        label = model._meta.label_lower
        if relation.many_to_many:
            # The missions a structure carries: add `keep` where `duplicate` was.
            for obj in model.objects.filter(**{name: duplicate}):
                getattr(obj, name).add(keep)
                getattr(obj, name).remove(duplicate)
                moved[label] = moved.get(label, 0) + 1
            continue
        rows = model._default_manager.filter(**{name: duplicate})
        if relation.one_to_one and model._default_manager.filter(**{name: keep}).exists():
            rows.delete()
            continue
        for fields in _unique_sets(model, name):
            others = [f for f in fields if f != name]
            kept = model._default_manager.filter(**{name: keep}).values_list(*others)
            for values in set(kept):
                rows.filter(**dict(zip(others, values, strict=True))).delete()
        count = rows.update(**{name: keep})
        if count:
            moved[label] = count
    # What identifies the structure (SIRET, RNA number, legal representative) is taken from
    # the duplicate when the kept record had none.
    identification = {
        name: getattr(duplicate, name)
        for name in ("siret", "rna", "legal_representative_name", "legal_representative_role")
    }
    if keep.legal_representative_name:
        # The kept representative goes with its own qualité, never the duplicate's.
        identification["legal_representative_role"] = ""
    duplicate_pk, duplicate_name = duplicate.pk, duplicate.name
    duplicate.delete()
    missing = {
        name: value for name, value in identification.items() if value and not getattr(keep, name)
    }
    if missing:
        for name, value in missing.items():
            setattr(keep, name, value)
        keep.save()
    audit(
        action=AuditAction.MERGE,
        obj=keep,
        by=by,
        duplicate=duplicate_pk,
        duplicate_name=duplicate_name,
        moved=moved,
    )
    for membership in Membership.objects.filter(structure=keep).select_related("user"):
        forget_scope(membership.user)
    return keep
