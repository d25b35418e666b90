from django.shortcuts import render
from django.views.decorators.http import require_safe

from lanterne.accounts.scoping import scope_for
from lanterne.core.outbox import failed_count

from .dashboards import dashboards_for


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
