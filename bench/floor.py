"""The templated floor: the cheapest page the site can serve, to measure the others against.

`base.html` (the menu, the account's items when signed in, the language switcher, the messages)
and one query of the view's own. Mounted by `bench/urls.py` only, which only the benchmark uses as
its root URLconf (`bench.environment.configure(floor=True)`): it exists in no production URL.
"""

from functools import cache

from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse
from django.template import engines
from django.views.decorators.http import require_safe

from lanterne.territories.models import Region

_TEMPLATE = """{% extends "base.html" %}
{% block title %}Floor{% endblock %}
{% block content %}<h1>{{ region.name }}</h1><p>{{ regions }} régions.</p>{% endblock %}"""


@cache
def _template():
    # Compiled once, as the cached template loader does for the site's own templates.
    return engines["django"].from_string(_TEMPLATE)


@login_not_required
@require_safe
def floor(request):
    """`base.html` with one query (the first région), for the anonymous and the signed in."""
    template = _template()
    region = Region.objects.order_by("code").first()
    context = {"region": region, "regions": region.code if region else "0"}
    return HttpResponse(template.render(context, request))
