from django.contrib.auth.decorators import login_not_required
from django.shortcuts import render
from django.template.loader import render_to_string
from django.views.decorators.http import require_safe
from django.views.decorators.vary import vary_on_headers

from lanterne.core.pagination import paginate_keys_first
from lanterne.network.caching import lookup, structures_cache_key
from lanterne.network.models import Structure

from .forms import StructureFilterForm

PAGE_SIZE = 25


def _fragments(request) -> dict:
    """The parts of the page that depend only on the query string, the language and the
    structures the visitor sees: the filter form, the count and the list with its page links.
    Neither holds a CSRF token (a GET form) nor a nonce."""
    form = StructureFilterForm(request.GET or None)
    structures = form.apply(
        Structure.objects.visible_to(request.user).select_related(
            "commune__departement", "commune__region"
        )
    )
    page = paginate_keys_first(
        structures, request.GET.get("page"), PAGE_SIZE, order_by=["name", "pk"]
    )
    context = {
        "form": form,
        "page": page,
        "page_range": page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1),
    }
    return {
        "is_filtered": bool(form.filters()),
        "form_html": render_to_string("www/directory/_form_fields.html", context, request),
        "count_html": render_to_string("www/directory/_count.html", context, request),
        "list_html": render_to_string("www/directory/_list.html", context, request),
    }


@login_not_required
@require_safe
@vary_on_headers("HX-Request")
def directory(request):
    """The public directory: what the visitor may see, searched and filtered, 25 per page.

    Its form, count and list are rendered once for every visitor who sees the same structures
    with the same query string and language, until a structure or a territory changes (the
    data version and the generation of `network.caching`)."""
    query = sorted(request.GET.lists())
    entry = lookup(structures_cache_key("directory", request.user, query))
    context = entry.get_or_compute(lambda: _fragments(request))
    if request.htmx and not request.htmx.history_restore_request:
        return render(request, "www/directory/_results.html", {**context, "oob_count": True})
    return render(request, "www/directory/directory.html", context)
