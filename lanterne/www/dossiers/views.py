from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from lanterne.calls.models import Dossier


@require_safe
def dossier_list(request):
    dossiers = Dossier.objects.visible_to(request.user).select_related("call", "applicant")
    return render(request, "www/dossiers/list.html", {"dossiers": dossiers})


@require_safe
def dossier_detail(request, pk):
    dossier = get_object_or_404(Dossier.objects.visible_to(request.user), pk=pk)
    return render(request, "www/dossiers/detail.html", {"dossier": dossier})


@require_safe
def dossier_receipt(request, pk):
    dossier = get_object_or_404(Dossier.objects.visible_to(request.user), pk=pk)
    return render(request, "www/dossiers/detail.html", {"dossier": dossier})
