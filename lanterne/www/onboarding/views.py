"""Applying without an account: sign up, confirm the address, say which structure one acts
for (create it, or ask to join it), then back to the call one came from."""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from lanterne.accounts import throttling
from lanterne.accounts.enums import Role
from lanterne.accounts.registration import user_confirm, user_for_token, user_register
from lanterne.accounts.scoping import scope_for
from lanterne.core.workflow import abilities
from lanterne.network import addresses, services, sirene
from lanterne.network.models import JoinRequest, Structure
from lanterne.network.validators import normalise_siret
from lanterne.www.actions import run_or_flash, run_service

from .forms import JoinRequestForm, RefuseForm, SignupForm, StructureRegisterForm


def _safe_next(request, value: str | None) -> str:
    """`next` if it is a page of this site, else ""."""
    value = value or ""
    if value and url_has_allowed_host_and_scheme(
        value, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return value
    return ""


def _with_next(url: str, next_url: str) -> str:
    return f"{url}?{urlencode({'next': next_url})}" if next_url else url


@login_not_required
@require_http_methods(["GET", "POST"])
def signup(request):
    """Open an account; the link sent by e-mail opens it."""
    next_url = _safe_next(request, request.POST.get("next") or request.GET.get("next"))
    if request.user.is_authenticated:
        return redirect(_with_next(reverse("onboarding:structure"), next_url))
    form = SignupForm(request.POST or None, initial={"next": next_url})
    if request.method == "POST" and form.is_valid():
        address = throttling.client_address(request)
        if address and throttling.address_failures(address) >= settings.LOGIN_ADDRESS_FAILURE_LIMIT:
            form.add_error(
                None,
                _("Trop de tentatives depuis votre réseau : réessayez dans une heure."),
            )
        else:
            # Each sign-up counts against the address as a failed login does.
            throttling.count_address_failure(sender=None, credentials={}, request=request)
            data = form.cleaned_data
            if run_service(
                form,
                user_register,
                email=data["email"],
                password=data["password1"],
                first_name=data["first_name"],
                last_name=data["last_name"],
                language=translation.get_language() or settings.LANGUAGE_CODE,
                next_url=next_url,
            ):
                return redirect("onboarding:check_mail")
    return render(request, "www/onboarding/signup.html", {"form": form})


@login_not_required
@require_safe
def check_mail(request):
    return render(request, "www/onboarding/check_mail.html")


@login_not_required
@require_http_methods(["GET", "POST"])
def confirm(request, token):
    """The link of the e-mail: a page with one button (a GET writes nothing), which opens the
    account, signs it in and goes on to its structure."""
    user = user_for_token(token)
    next_url = _safe_next(request, request.GET.get("next"))
    if user is None:
        return render(request, "www/onboarding/confirm_invalid.html", status=400)
    if request.method == "POST":
        user_confirm(user)
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, _("Votre adresse est confirmée : votre compte est ouvert."))
        return redirect(_with_next(reverse("onboarding:structure"), next_url))
    return render(request, "www/onboarding/confirm.html", {"confirmed_user": user})


@require_safe
def structure(request):
    """Which structure do you act for? Create it, or find it and ask to join."""
    next_url = _safe_next(request, request.GET.get("next"))
    term = request.GET.get("q", "").strip()
    results: list[Structure] = []
    if len(term) >= 2:
        digits = "".join(c for c in term if c.isdigit())
        try:
            siret = normalise_siret(digits) if len(digits) == 14 else ""
        except ValidationError:  # not a SIRET: search by name only
            siret = ""
        if siret:
            results = list(Structure.objects.filter(siret=siret).select_related("commune"))
        else:
            results = list(
                Structure.objects.listed()
                .search(term)
                .select_related("commune")
                .order_by("name")[:20]
            )
    mine = Structure.objects.filter(
        pk__in=scope_for(request.user).structures_with_role(Role.APPLICANT)
    ).order_by("name")
    own_requests = (
        JoinRequest.objects.filter(user=request.user)
        .select_related("structure")
        .order_by("-created_at")[:10]
    )
    return render(
        request,
        "www/onboarding/structure.html",
        {
            "next": next_url,
            "term": term,
            "results": results,
            "searched": len(term) >= 2,
            "mine": mine,
            "own_requests": own_requests,
            "join_form": JoinRequestForm(),
        },
    )


@require_http_methods(["GET", "POST"])
def structure_create(request):
    """Create the structure one acts for: one becomes its applicant member."""
    next_url = _safe_next(request, request.POST.get("next") or request.GET.get("next"))
    form = StructureRegisterForm(request.POST or None, initial={"next": next_url})
    if request.method == "POST" and form.is_valid():
        done = run_service(
            form, services.structure_register, by=request.user, **form.structure_fields()
        )
        if done:
            messages.success(
                request,
                _("La fiche de %(name)s est créée : vous pouvez déposer des dossiers pour elle.")
                % {"name": done.result.name},
            )
            return redirect(next_url or done.result.get_absolute_url())
    return render(
        request,
        "www/onboarding/structure_create.html",
        {"form": form, "next": next_url, "sirene": _sirene_on(), "geocoder": _geocoder_on()},
    )


def _sirene_on() -> bool:
    return sirene.is_configured()


def _geocoder_on() -> bool:
    return addresses.is_configured()


@require_POST
def join(request, slug):
    """Ask to join a structure found by the search (a listed one, or one whose SIRET was typed)."""
    target = get_object_or_404(Structure, slug=slug)
    next_url = _safe_next(request, request.POST.get("next"))
    form = JoinRequestForm(request.POST)
    message = form.cleaned_data["message"] if form.is_valid() else ""
    if run_or_flash(
        request, services.join_request_create, structure=target, by=request.user, message=message
    ):
        messages.success(
            request,
            _(
                "Votre demande est envoyée aux membres de %(name)s (ou à sa coordination) : "
                "vous recevrez leur réponse par e-mail."
            )
            % {"name": target.name},
        )
    return redirect(_with_next(reverse("onboarding:structure"), next_url))


@require_safe
def join_requests(request):
    """The requests waiting for the user's decision: for its structures, or its perimeter."""
    requests = [
        r
        for r in JoinRequest.objects.visible_to(request.user)
        .pending()
        .exclude(user=request.user)
        .select_related("user", "structure__commune")
        .order_by("created_at")
        if request.user.has_perm("network.approve_joinrequest", r)
    ]
    return render(request, "www/onboarding/join_requests.html", {"join_requests": requests})


@require_http_methods(["GET", "POST"])
def join_request(request, pk):
    """One request: accept it, or refuse it saying why."""
    join_request = get_object_or_404(
        JoinRequest.objects.visible_to(request.user).select_related("user", "structure"), pk=pk
    )
    can = abilities(join_request, request.user)
    may_decide = request.user.has_perm("network.approve_joinrequest", join_request)
    if not can["view"] or (request.method == "POST" and not may_decide):
        raise PermissionDenied
    refuse_form = RefuseForm(request.POST if request.POST.get("decision") == "refuse" else None)
    if request.method == "POST":
        decision = request.POST.get("decision")
        if decision == "approve":
            if run_or_flash(
                request, services.join_request_approve, join_request=join_request, by=request.user
            ):
                messages.success(
                    request, _("La demande est acceptée : la personne en est informée.")
                )
                return redirect("onboarding:join_requests")
        elif (
            decision == "refuse"
            and refuse_form.is_valid()
            and run_service(
                refuse_form,
                services.join_request_refuse,
                join_request=join_request,
                by=request.user,
                reason=refuse_form.cleaned_data["reason"],
            )
        ):
            messages.success(request, _("La demande est refusée : la personne en reçoit le motif."))
            return redirect("onboarding:join_requests")
    return render(
        request,
        "www/onboarding/join_request.html",
        {"join_request": join_request, "abilities": can, "refuse_form": refuse_form},
    )
