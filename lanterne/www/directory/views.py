from django.contrib.auth.decorators import login_not_required
from django.shortcuts import render
from django.views.decorators.http import require_safe
from django.views.decorators.vary import vary_on_headers

from lanterne.core.pagination import paginate_keys_first
from lanterne.network.caching import cached, structures_cache_key
from lanterne.network.models import Structure

from .forms import StructureFilterForm

PAGE_SIZE = 25


@login_not_required
@require_safe
@vary_on_headers("HX-Request")
def directory(request):
    """The public directory: what the visitor may see, searched and filtered, 25 per page."""
    form = StructureFilterForm(request.GET or None)
    structures = form.apply(
        Structure.objects.visible_to(request.user).select_related(
            "commune__departement", "commune__region"
        )
    )
    # Counting every visible structure is the page's costliest query: the count is cached
    # until a structure changes.
    count = cached(
        structures_cache_key("directory-count", request.user, form.filters()), structures.count
    )
    page = paginate_keys_first(
        structures, request.GET.get("page"), PAGE_SIZE, order_by=["name", "pk"], count=count
    )
    context = {
        "form": form,
        "page": page,
        "page_range": page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1),
        "is_filtered": bool(form.filters()),
    }
    if request.htmx and not request.htmx.history_restore_request:
        return render(request, "www/directory/_results.html", {**context, "oob_count": True})
    return render(request, "www/directory/directory.html", context)
