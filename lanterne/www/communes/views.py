"""The suggestions behind every commune field."""

from django.contrib.auth.decorators import login_not_required
from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from lanterne.territories.models import SUGGESTIONS, Commune

# A term shorter than this suggests nothing (two letters already narrow to a few hundred).
MIN_LENGTH = 2


@login_not_required
@require_safe
def commune_suggestions(request):
    """At most 20 communes for the typed `q`, best first, as JSON, in one indexed query:
    `{"results": [{"code", "label", "name", "departement", "note"}]}`. Public, like the
    reference data of the API. The note says how a commune found by a former name or code
    was known ("anciennement Annecy-le-Vieux")."""
    term = " ".join(request.GET.get("q", "").split())[:100]
    communes = (
        Commune.objects.select_related("departement")
        .only("code", "name", "departement__code", "departement__name", "former_codes")
        .suggest(term, limit=SUGGESTIONS)
        if len(term) >= MIN_LENGTH
        else []
    )
    code = term.upper()
    results = [
        {
            "code": commune.code,
            "label": commune.label,
            "name": commune.name,
            "departement": commune.departement.name,
            "note": _note(commune, code),
        }
        for commune in communes
    ]
    return JsonResponse({"results": results})


def _note(commune: Commune, code: str) -> str:
    former_name = getattr(commune, "former_name", None)
    if former_name:
        return _("anciennement %(name)s") % {"name": former_name}
    if code != commune.code and code in commune.former_codes:
        return _("ancien code %(code)s") % {"code": code}
    return ""
