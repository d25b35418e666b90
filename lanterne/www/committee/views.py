from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from lanterne.calls.models import CommitteeSession


@require_safe
def session_list(request):
    sessions = CommitteeSession.objects.visible_to(request.user).select_related("call")
    return render(request, "www/committee/list.html", {"sessions": sessions})


@require_safe
def session_detail(request, pk):
    session = get_object_or_404(CommitteeSession.objects.visible_to(request.user), pk=pk)
    return render(request, "www/committee/list.html", {"sessions": [session]})
