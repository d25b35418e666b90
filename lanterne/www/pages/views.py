from django.contrib.auth.decorators import login_not_required
from django.db.models import Count
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.views.decorators.http import require_safe

from lanterne.calls.models import Call
from lanterne.network.caching import cached, structures_cache_key
from lanterne.network.selectors import ON_MAP, map_structures
from lanterne.observatory.consolidation import Figure
from lanterne.observatory.models import Campaign
from lanterne.observatory.selectors import panorama_consolidation

# The panorama's first top-level figures: beneficiaries, sessions… as the campaign orders them.
KEY_FIGURES = 4


def _open_calls() -> list[Call]:
    """The published calls open now, the nearest deadline first (two queries)."""
    calls = list(
        Call.objects.open().with_calendar().select_related("region", "coordination").distinct()
    )
    return sorted(calls, key=lambda call: (call.deadline, call.title))


def _key_figures(campaign: Campaign) -> list[Figure]:
    """The panorama's top-level national figures, as its page shows them (never invented: a
    figure nobody transmitted stays `None`, shown "non transmis"), read from its stored
    consolidation (one query): the home never re-sums the values."""
    figures = panorama_consolidation(campaign).figures()
    return [fig for fig in figures if fig.indicator.parent_id is None][:KEY_FIGURES]


def _map_counts(user) -> dict:
    """How many structures the map shows, and in how many régions (cached with the map)."""
    key = structures_cache_key("welcome-map", user)

    def counts() -> dict:
        return map_structures(user, {}).aggregate(
            located=Count("pk", filter=ON_MAP),
            regions=Count("commune__region", filter=ON_MAP, distinct=True),
        )

    return cached(key, counts)


@login_not_required
@require_safe
def welcome(request):
    """The public front page: the open calls with their deadlines, the latest panorama's key
    figures and a glimpse of the map. Signed-in users go straight to their own home."""
    if request.user.is_authenticated:
        return redirect("www:home")
    campaign = Campaign.objects.published().order_by("-year", "-pk").first()
    context = {
        "calls": _open_calls(),
        "campaign": campaign,
        "key_figures": _key_figures(campaign) if campaign else [],
        "map_counts": _map_counts(request.user),
        "LANGUAGE_CODE": get_language(),
    }
    return render(request, "www/pages/welcome.html", context)
