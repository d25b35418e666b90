"""The conversation between the applicant and the coordination on a dossier."""

from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lanterne.dossiers import services
from lanterne.www.actions import in_scope, run_service, succeed

from .. import forms as f
from .page import DOSSIERS, file_refused_beside, refetch, render_detail, url_of


@require_POST
def message_add(request, pk):
    dossier = in_scope(request, DOSSIERS, pk=pk, perm="dossiers.message_dossier")
    form = f.MessageForm(request.POST, request.FILES, prefix="message")
    if form.is_valid() and run_service(
        form,
        file_refused_beside("attachment", services.message_post),
        dossier=dossier,
        by=request.user,
        body=form.cleaned_data["body"],
        attachment=form.cleaned_data["attachment"],
    ):
        return succeed(request, _("Le message est envoyé."), url_of(dossier, "messages"))
    return render_detail(request, refetch(dossier), bound={"message": form})
