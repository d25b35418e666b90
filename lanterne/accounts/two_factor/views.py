"""The second factor's pages: the code after the password, enrolment, recovery codes, disabling."""

from urllib.parse import urlencode

import django_otp
import segno
from django.conf import settings
from django.contrib import messages
from django.http import HttpResponseRedirect
from django.shortcuts import render, resolve_url
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from lanterne.core.services import ServiceError

from . import services
from .forms import CodeForm, EnrolmentForm


def _next_url(request) -> str:
    """Where to go once done: the `next` asked for, if it is one of ours."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return resolve_url(settings.LOGIN_REDIRECT_URL)


def _with_next(view_name: str, next_url: str) -> str:
    return f"{reverse(view_name)}?{urlencode({'next': next_url})}"


def _complete_sign_in(request, device) -> None:
    """The session has passed the second factor: it may now reach everything its user may."""
    django_otp.login(request, device)
    # A new session key once the session's rights grow (as Django does at login).
    request.session.cycle_key()


def _clear_code(form, **values: str) -> None:
    """A refused code is not shown again (everything else typed is kept; `values` replace)."""
    data = form.data.copy()
    for name, value in {"code": "", **values}.items():
        data[name] = value
    form.data = data


@require_http_methods(["GET", "POST"])
def verify(request, recovery: bool = False):
    """After the password: a code of the authenticator application, or a recovery code."""
    user = request.user
    next_url = _next_url(request)
    if user.is_verified():
        return HttpResponseRedirect(next_url)
    if not services.is_enrolled(user):
        if services.requires_second_factor(user):
            return HttpResponseRedirect(_with_next("two_factor:enrol", next_url))
        return HttpResponseRedirect(next_url)
    form = CodeForm(request.POST or None, recovery=recovery)
    if request.method == "POST" and form.is_valid():
        try:
            checked = services.check_code(user=user, code=form.cleaned_data["code"])
        except ServiceError as error:
            form.add_error("code", error)
            _clear_code(form)
        else:
            _complete_sign_in(request, checked.device)
            if checked.recovery_codes_left is not None:
                messages.warning(request, _recovery_used_message(checked.recovery_codes_left))
            return HttpResponseRedirect(next_url)
    return render(
        request,
        "accounts/two_factor/verify.html",
        {"form": form, "next": next_url, "recovery": recovery},
    )


def _recovery_used_message(left: int) -> str:
    if left == 0:
        return _(
            "Vous avez utilisé votre dernier code de secours : générez-en de nouveaux depuis "
            "votre profil."
        )
    return ngettext(
        "Code de secours accepté ; il ne vous en reste qu'un. Générez-en de nouveaux depuis "
        "votre profil.",
        "Code de secours accepté ; il vous en reste %(count)s.",
        left,
    ) % {"count": left}


def _qr_code(uri: str) -> str:
    """The provisioning address as an inline SVG (no image request, nothing the CSP blocks)."""
    svg = segno.make(uri, error="m").svg_inline(scale=5, dark="#000", light="#fff", svgclass="")
    return mark_safe(svg.replace("<svg ", '<svg aria-hidden="true" focusable="false" ', 1))


@require_http_methods(["GET", "POST"])
def enrol(request):
    """Add an authenticator application: scan the QR code (or type the key), confirm with a
    code, then note the recovery codes, shown once."""
    user = request.user
    next_url = _next_url(request)
    enrolled = services.is_enrolled(user)
    if enrolled and not user.is_verified():
        # Replacing the application requires the current one first.
        return HttpResponseRedirect(_with_next("two_factor:verify", next_url))
    if request.method == "POST":
        form = EnrolmentForm(request.POST, user=user)
        if form.is_valid():
            key = form.cleaned_data["secret"]
            try:
                codes = services.enrol(
                    user=user,
                    key=key,
                    code=form.cleaned_data["code"],
                    verified=user.is_verified(),
                )
            except ServiceError as error:
                form.add_error("code", error)
            else:
                _complete_sign_in(request, services.totp_device(user))
                return _show_recovery_codes(request, codes, next_url, enrolled_now=True)
        key = form.cleaned_data.get("secret") or services.new_secret()
        _clear_code(form, secret=EnrolmentForm.sign(user, key))
    else:
        key = services.new_secret()
        form = EnrolmentForm(initial={"secret": EnrolmentForm.sign(user, key)}, user=user)
    return _secret_page(
        request,
        "accounts/two_factor/enrol.html",
        {
            "form": form,
            "next": next_url,
            "replacing": enrolled,
            "required": services.requires_second_factor(user),
            "qr_code": _qr_code(services.provisioning_uri(user, key)),
            "secret": services.secret_for_display(key),
        },
    )


def _secret_page(request, template: str, context: dict):
    """A page showing a secret (the key, recovery codes): no cache may keep it."""
    response = render(request, template, context)
    add_never_cache_headers(response)
    return response


def _show_recovery_codes(request, codes, next_url, *, enrolled_now: bool):
    return _secret_page(
        request,
        "accounts/two_factor/recovery_codes.html",
        {
            "codes": [services.format_recovery_code(code) for code in codes],
            "next": next_url,
            "enrolled_now": enrolled_now,
        },
    )


@require_POST
def regenerate_recovery_codes(request):
    """New recovery codes (the old ones stop working), shown once."""
    try:
        codes = services.regenerate_recovery_codes(user=request.user)
    except ServiceError as error:
        messages.error(request, error.messages[0])
        return HttpResponseRedirect(reverse("accounts:profile"))
    return _show_recovery_codes(request, codes, reverse("accounts:profile"), enrolled_now=False)


@require_http_methods(["GET", "POST"])
def disable(request):
    """Remove the second factor (only where the user's roles do not require it), after a code
    proves the person still holds it."""
    user = request.user
    profile = reverse("accounts:profile")
    if not services.is_enrolled(user):
        return HttpResponseRedirect(profile)
    required = services.requires_second_factor(user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and not required and form.is_valid():
        try:
            services.check_code(user=user, code=form.cleaned_data["code"])
            services.disable(user=user)
        except ServiceError as error:
            form.add_error("code", error)
            _clear_code(form)
        else:
            messages.success(request, _("La double authentification est désactivée."))
            return HttpResponseRedirect(profile)
    return render(request, "accounts/two_factor/disable.html", {"form": form, "required": required})
