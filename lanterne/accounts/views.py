"""Sign-in, sign-out, password reset and change, and the user's own profile."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse, reverse_lazy, translate_url
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django.views.i18n import set_language as django_set_language

from .forms import EmailAuthenticationForm, PasswordResetForm, ProfileForm
from .throttling import lift_lockout
from .token_views import tokens_context


def _switch_language(response, language: str):
    """Make `language` the active one now, and for the next requests (cookie)."""
    translation.activate(language)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    return response


@login_not_required
def set_language(request):
    """The site's language switcher (Django's `set_language`); a signed-in person's choice is
    also kept on the account, for the next logins and for the e-mails it receives."""
    response = django_set_language(request)
    language = request.POST.get("language", "") if request.method == "POST" else ""
    user = request.user
    if user.is_authenticated and language in dict(settings.LANGUAGES) and user.language != language:
        user.language = language
        user.save(update_fields=["language"])
    return response


class LoginView(auth_views.LoginView):
    """Sign in by e-mail; the user then continues in the language saved on the account, or,
    when none was ever chosen, in the language of the page it signed in from."""

    form_class = EmailAuthenticationForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def form_valid(self, form):
        language = form.get_user().language or translation.get_language()
        response = super().form_valid(form)
        # The language is carried by the URL (i18n_patterns): send the user to the same
        # destination in its own language.
        response["Location"] = translate_url(response["Location"], language)
        return _switch_language(response, language)


class LogoutView(auth_views.LogoutView):
    """Sign out (POST only, as Django requires), then back to the public directory."""

    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        messages.info(request, _("Vous êtes déconnecté·e. À bientôt !"))
        return response


class PasswordResetView(auth_views.PasswordResetView):
    """The e-mail's link is built on the host of the request (no Sites framework)."""

    form_class = PasswordResetForm
    template_name = "accounts/password_reset_form.html"
    email_template_name = "accounts/email/password_reset_email.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")

    def form_valid(self, form):
        response = super().form_valid(form)
        # The link proved the user holds the mailbox: a lockout from earlier failures is lifted.
        lift_lockout(form.user.email)
        return response


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change_form.html"
    success_url = reverse_lazy("accounts:profile")

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, _("Votre mot de passe a été modifié."))
        return response


@require_http_methods(["GET", "POST"])
def profile(request):
    """The user's own profile: name and preferred language, and the roles it holds."""
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        response = HttpResponseRedirect(translate_url(reverse("accounts:profile"), user.language))
        _switch_language(response, user.language)
        messages.success(request, _("Votre profil a été enregistré."))
        return response
    return render_profile(request, form=form)


def render_profile(request, *, form=None, **context):
    """The profile page, with its API tokens section (`token_views`)."""
    memberships = (
        request.user.memberships.active()
        .select_related("structure")
        .order_by("structure__name", "role")
    )
    context = {"memberships": memberships, **tokens_context(request, **context)}
    context["form"] = form or ProfileForm(instance=request.user)
    return render(request, "accounts/profile.html", context)
