from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.views.decorators.http import require_safe

from lanterne.accounts.perms import sees_everything
from lanterne.accounts.scoping import scope_for
from lanterne.core.outbox import failed_count

from .dashboards import dashboards_for, national_dashboard


@require_safe
def home(request):
    """The signed-in home: for each role the user holds, what there is to do."""
    scope = scope_for(request.user)
    dashboards = dashboards_for(request.user, scope)
    context = {
        "dashboards": dashboards,
        "has_role": bool(dashboards),
    }
    if request.user.is_superuser:
        # E-mails that gave up after every attempt: a signal that does not depend on e-mail.
        context["failed_emails"] = failed_count()
    return render(request, "www/home/home.html", context)


@require_safe
def national(request):
    """The national network's dashboard: aggregates only, for who reads the whole network."""
    if not sees_everything(request.user):
        raise PermissionDenied
    raw = request.GET.get("annee", "")
    data = national_dashboard(int(raw) if raw.isdigit() and len(raw) == 4 else None)
    return render(request, "www/home/national.html", data)
