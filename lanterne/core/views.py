from django.contrib.auth.decorators import login_not_required
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from .health import run_checks


@login_not_required
@never_cache
@require_safe
def health(request):
    """For load balancers and monitoring: 200 when the database, the private storage and the
    task workers are fine, 503 otherwise, with each check's answer. Never writes."""
    checks = run_checks()
    healthy = all(check["ok"] for check in checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "failing", "checks": checks}, status=200 if healthy else 503
    )
