"""The dossiers' personal data (`core.privacy`): the dossiers a person created, the messages,
private notes and documents they wrote or sent; and the retention of abandoned drafts.

Erasure: a submitted dossier belongs to its structure and to the call's procedure; it stays,
with its messages, notes, documents and history, and its author shows as « compte supprimé ».
A draft the person created is deleted when no one else is an active member of its structure
(no one could take it up); otherwise it stays for the structure's other members.
Notes: a person downloads the coordination's private notes *they wrote*; notes are about
dossiers, not about people, and a request for a note naming someone is answered by hand.
"""

from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from lanterne.accounts.models import Membership
from lanterne.core import privacy

from .enums import DossierState
from .models import Dossier, DossierDocument, DossierMessage, DossierNote


def _dossiers_export(user) -> list[privacy.Row]:
    dossiers = Dossier.objects.filter(created_by=user).select_related("applicant", "call")
    return [
        {
            "reference": d.reference,
            "title": d.title,
            "state": d.state_label,
            "structure": d.applicant.name,
            "call": d.call.title,
            "created_at": d.created_at,
            "submitted_at": d.submitted_at,
            "decided_at": d.decided_at,
        }
        for d in dossiers.order_by("created_at", "id")
    ]


def _drafts_alone(user):
    """The drafts `user` created in structures where no one else is an active member."""
    others = (
        Membership.objects.active()
        .filter(structure=OuterRef("applicant"), user__is_active=True)
        .exclude(user=user)
    )
    return Dossier.objects.filter(created_by=user, state=DossierState.DRAFT).exclude(Exists(others))


def delete_dossiers(queryset) -> int:
    """Delete dossiers with their documents' files (once the deletion commits: a rollback,
    a dry run included, keeps them)."""
    names = list(
        DossierDocument.objects.filter(dossier__in=queryset).values_list("file", flat=True)
    )
    count = privacy.delete_rows(queryset)
    if names:
        storage = DossierDocument._meta.get_field("file").storage

        def remove_files():
            for name in names:
                storage.delete(name)

        transaction.on_commit(remove_files)
    return count


def _dossiers_erase(user) -> int:
    deleted = delete_dossiers(_drafts_alone(user))
    return deleted + Dossier.objects.filter(created_by=user).count()


def _written(model, user):
    return model.objects.filter(author=user).select_related("dossier").order_by("created_at", "id")


def _messages_export(user) -> list[privacy.Row]:
    return [
        {"dossier": m.dossier.reference, "created_at": m.created_at, "body": m.body}
        for m in _written(DossierMessage, user)
    ]


def _notes_export(user) -> list[privacy.Row]:
    return [
        {"dossier": n.dossier.reference, "created_at": n.created_at, "body": n.body}
        for n in _written(DossierNote, user)
    ]


def _documents_export(user) -> list[privacy.Row]:
    documents = DossierDocument.objects.filter(uploaded_by=user).select_related("dossier")
    return [
        {
            "dossier": d.dossier.reference,
            "kind": d.kind_label,
            "name": d.original_name,
            "uploaded_at": d.uploaded_at,
        }
        for d in documents.order_by("uploaded_at", "id")
    ]


def _inactive_drafts(cutoff):
    """Drafts untouched since `cutoff` whose author has not signed in since either."""
    signed_in_since = Q(created_by__last_login__gte=cutoff) & Q(created_by__is_active=True)
    return Dossier.objects.filter(state=DossierState.DRAFT, updated_at__lt=cutoff).exclude(
        signed_in_since
    )


def register() -> None:
    privacy.register(
        "dossiers",
        label=_("Les dossiers que vous avez créés"),
        columns={
            "reference": _("référence"),
            "title": _("titre"),
            "state": _("état"),
            "structure": _("structure"),
            "call": _("appel"),
            "created_at": _("créé le"),
            "submitted_at": _("déposé le"),
            "decided_at": _("décidé le"),
        },
        export=_dossiers_export,
        erase=_dossiers_erase,
        order=20,
    )
    privacy.register(
        "dossier_messages",
        label=_("Les messages que vous avez écrits"),
        columns={"dossier": _("dossier"), "created_at": _("le"), "body": _("message")},
        export=_messages_export,
        # Kept in the dossier's exchange, their author shown as « compte supprimé ».
        erase=lambda user: DossierMessage.objects.filter(author=user).count(),
        order=21,
    )
    privacy.register(
        "dossier_notes",
        label=_("Les notes internes que vous avez écrites"),
        columns={"dossier": _("dossier"), "created_at": _("le"), "body": _("note")},
        export=_notes_export,
        erase=lambda user: DossierNote.objects.filter(author=user).count(),
        order=22,
    )
    privacy.register(
        "dossier_documents",
        label=_("Les pièces que vous avez déposées"),
        columns={
            "dossier": _("dossier"),
            "kind": _("pièce"),
            "name": _("nom du fichier"),
            "uploaded_at": _("déposée le"),
        },
        export=_documents_export,
        erase=lambda user: DossierDocument.objects.filter(uploaded_by=user).count(),
        order=23,
    )
    privacy.register_retention(
        "inactive_drafts",
        label=_("brouillons de dossiers abandonnés"),
        apply=lambda cutoff: delete_dossiers(_inactive_drafts(cutoff)),
    )
