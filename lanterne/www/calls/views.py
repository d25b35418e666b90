from django.contrib.auth.decorators import login_not_required
from django.shortcuts import render
from django.views.decorators.http import require_safe

from lanterne.calls.models import Call


@login_not_required
@require_safe
def call_list(request):
    calls = Call.objects.open().with_calendar().select_related("region")
    return render(request, "www/calls/list.html", {"calls": calls})
