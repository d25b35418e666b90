"""The API tokens of the profile page: made with a name (the key is shown once), listed with
their dates, revoked."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from .tokens import api_token_create, api_token_revoke


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=gettext_lazy("Nom du jeton"),
        max_length=100,
        help_text=gettext_lazy("Pour le reconnaître : le script ou l'outil qui s'en sert."),
    )


def tokens_context(request, *, token_form=None, new_key=None) -> dict:
    return {
        "tokens": request.user.api_tokens.alive(),
        "token_form": token_form or ApiTokenForm(prefix="token"),
        "new_key": new_key,
        "token_lifetime_days": settings.API_TOKEN_LIFETIME_DAYS,
    }


@never_cache
@require_POST
def token_create(request):
    """A new token; the page shows its key this once (and is never stored by the browser)."""
    from .views import render_profile  # the profile page's module imports this one

    form = ApiTokenForm(request.POST, prefix="token")
    if not form.is_valid():
        return render_profile(request, token_form=form)
    _token, key = api_token_create(
        user=request.user, name=form.cleaned_data["name"], by=request.user
    )
    return render_profile(request, new_key=key)


@require_POST
def token_revoke(request, pk):
    token = get_object_or_404(request.user.api_tokens.alive(), pk=pk)
    api_token_revoke(token=token, by=request.user)
    messages.success(request, _("Le jeton « %(name)s » est révoqué.") % {"name": token.name})
    return redirect("accounts:profile")
