"""The trail of a call's dossiers for their coordination: who opened which dossier, who
downloaded which file, who exported the call's dossiers, what was changed in the admin — one
dossier's from its page, a whole call's from the call's pages. Scoped by the permissions the
coordination already holds (`dossiers.instruct_dossier`, `calls.manage_call`): a committee
member or an applicant gets a 403, another coordination a 404."""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from lanterne.calls.enums import AuditAction as CallAuditAction
from lanterne.calls.models import Call
from lanterne.core.audit import ADMIN_ADDITION, ADMIN_CHANGE, ADMIN_DELETION
from lanterne.core.choices import choice_label
from lanterne.core.models import AuditEvent
from lanterne.dossiers.enums import AuditAction, DossierState
from lanterne.dossiers.models import Dossier
from lanterne.dossiers.selectors import audit_trail
from lanterne.www.actions import in_scope

PER_PAGE = 50


def _via(value: str) -> str:
    return {
        "page": _("page du dossier"),
        "committee": _("page du comité"),
        "pdf": _("version imprimable"),
        "receipt": _("récépissé de dépôt"),
        "api": "API",
    }.get(value, "")


def _detail(event: AuditEvent) -> str:
    """What the event's details say, in words: never a code, a key or an identifier."""
    details = event.details or {}
    if event.action == AuditAction.READ:
        return _via(details.get("via", ""))
    if event.action in (AuditAction.DOCUMENT_DOWNLOAD, AuditAction.ATTACHMENT_DOWNLOAD):
        return details.get("name", "")
    if event.action == CallAuditAction.EXPORT:
        fmt = {"csv": "CSV", "xlsx": _("tableur (XLSX)")}.get(details.get("format", ""), "")
        if details.get("session"):
            return _("%(format)s, les dossiers d'une séance du comité") % {"format": fmt}
        return fmt
    if event.action in (ADMIN_ADDITION, ADMIN_CHANGE, ADMIN_DELETION):
        return details.get("change") or details.get("object", "")
    parts = []
    if details.get("source") and details.get("target"):
        parts.append(
            f"{choice_label(DossierState, details['source'])} → "
            f"{choice_label(DossierState, details['target'])}"
        )
    if details.get("reason"):
        parts.append(details["reason"])
    return " — ".join(parts)


def _render(request, events, *, call: Call, dossier: Dossier | None = None):
    page = Paginator(events, PER_PAGE).get_page(request.GET.get("page"))
    events_shown = list(page.object_list)
    # The trail names a dossier by its key: its reference is read once for the whole page.
    keys = {e.object_id for e in events_shown if e.object_type == Dossier._meta.label_lower}
    references = {
        str(pk): reference
        for pk, reference in Dossier.objects.filter(pk__in=keys).values_list("pk", "reference")
    }
    rows = [
        {
            "event": event,
            "action": event.action_label,
            "detail": _detail(event),
            "dossier_pk": event.object_id if event.object_id in references else None,
            "reference": references.get(event.object_id, "")
            if event.object_type == Dossier._meta.label_lower
            else "",
        }
        for event in events_shown
    ]
    return render(
        request,
        "www/dossiers/audit.html",
        {
            "call": call,
            "dossier": dossier,
            "rows": rows,
            "page": page,
            "page_range": page.paginator.get_elided_page_range(page.number),
        },
    )


@require_safe
def dossier_audit(request, pk):
    """One dossier's trail, for its coordination."""
    dossier = in_scope(
        request, Dossier.objects.select_related("call"), pk=pk, perm="dossiers.instruct_dossier"
    )
    return _render(
        request,
        audit_trail(Dossier.objects.filter(pk=dossier.pk)),
        call=dossier.call,
        dossier=dossier,
    )


@require_safe
def call_audit(request, slug):
    """The trail of every dossier of a call, and of the call's exports, for its coordination."""
    call = in_scope(request, Call.objects.all(), slug=slug, perm="calls.manage_call")
    dossiers = Dossier.objects.visible_to(request.user).filter(call=call)
    return _render(request, audit_trail(dossiers, calls=Call.objects.filter(pk=call.pk)), call=call)
