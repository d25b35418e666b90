"""Invitations: the list of those the user may see, with the form to invite someone, resend
and revoke; and the page the invitation's link opens, where the person accepts it."""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from lanterne.accounts import invitations as services
from lanterne.accounts.enums import InvitationStatus
from lanterne.accounts.invitations import invitable_structures
from lanterne.accounts.models import Invitation
from lanterne.accounts.two_factor.services import requires_second_factor
from lanterne.www.actions import in_scope, require, run_or_flash, run_service, succeed

from .forms import InvitationFilterForm, InvitationForm, NewAccountForm
from .structures import SUGGESTIONS, structure_detail, structure_label

# A term shorter than this suggests nothing.
MIN_LENGTH = 2

PER_PAGE = 25
OPEN = (InvitationStatus.PENDING, InvitationStatus.EXPIRED)
# The account an invitation creates signs in with its password: the model backend is named,
# as several backends are configured.
BACKEND = "django.contrib.auth.backends.ModelBackend"


@require_http_methods(["GET", "POST"])
def invitation_list(request):
    """The invitations the user may see, filtered, and the form to send a new one."""
    require(request, "accounts.invite_people", None)
    form = InvitationForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        done = run_service(
            form,
            services.invitation_create,
            email=data["email"],
            role=data["role"],
            structure=data["structure"],
            language=data["language"],
            by=request.user,
        )
        if done:
            invitation, _key = done.result
            return succeed(
                request,
                _("L'invitation a été envoyée à %(email)s.") % {"email": invitation.email},
                "invitations:list",
            )
    invitations = Invitation.objects.visible_to(request.user).select_related(
        "structure__commune", "invited_by", "accepted_user"
    )
    filters = InvitationFilterForm(request.GET)
    if filters.is_valid():
        if status := filters.cleaned_data["status"]:
            invitations = invitations.with_status(status)
        if role := filters.cleaned_data["role"]:
            invitations = invitations.filter(role=role)
        if q := filters.cleaned_data["q"].strip():
            invitations = invitations.filter(email__icontains=q)
    page = Paginator(invitations.order_by("-sent_at", "-pk"), PER_PAGE).get_page(
        request.GET.get("page")
    )
    for invitation in page.object_list:
        # What the row's buttons may do: resend or revoke an invitation still open, for
        # whoever could send it today.
        invitation.can_change = invitation.status in OPEN and request.user.has_perm(
            "accounts.change_invitation", invitation
        )
    return render(
        request,
        "www/invitations/list.html",
        {
            "form": form,
            "filters": filters,
            "max_age": settings.INVITATION_MAX_AGE_DAYS,
            "page": page,
            "page_range": page.paginator.get_elided_page_range(page.number),
        },
        status=422 if form.is_bound else 200,
    )


@require_safe
def structure_suggestions(request):
    """The structures of the user's perimeter whose name, acronym or commune hold every word of
    `q`, at most 20, as JSON: `{"results": [{"value", "label", "detail"}]}`. Only for who
    invites; another coordination's structures are never among them."""
    require(request, "accounts.invite_people", None)
    term = " ".join(request.GET.get("q", "").split())[:100]
    found = (
        invitable_structures(request.user)
        .search(term)
        .select_related("commune__departement")
        .order_by("name", "pk")[:SUGGESTIONS]
        if len(term) >= MIN_LENGTH
        else []
    )
    return JsonResponse(
        {
            "results": [
                {
                    "value": structure.pk,
                    "label": structure_label(structure),
                    "detail": structure_detail(structure),
                }
                for structure in found
            ]
        }
    )


def _invitation(request, pk: int) -> Invitation:
    return in_scope(
        request,
        Invitation.objects.select_related("structure__commune", "invited_by"),
        perm="accounts.change_invitation",
        pk=pk,
    )


@require_POST
def invitation_resend(request, pk: int):
    invitation = _invitation(request, pk)
    if run_or_flash(request, services.invitation_resend, invitation=invitation, by=request.user):
        messages.success(
            request,
            _(
                "Une nouvelle invitation a été envoyée à %(email)s ; "
                "le lien précédent ne fonctionne plus."
            )
            % {"email": invitation.email},
        )
    return redirect("invitations:list")


@require_POST
def invitation_revoke(request, pk: int):
    invitation = _invitation(request, pk)
    if run_or_flash(request, services.invitation_revoke, invitation=invitation, by=request.user):
        messages.success(
            request,
            _("L'invitation de %(email)s est révoquée : son lien ne fonctionne plus.")
            % {"email": invitation.email},
        )
    return redirect("invitations:list")


def _after_sign_in(user) -> str:
    """A role that needs a second factor enrols at once, before anything else."""
    home = reverse("www:home")
    if requires_second_factor(user):
        return f"{reverse('two_factor:enrol')}?{urlencode({'next': home})}"
    return home


@login_not_required
@never_cache
@require_http_methods(["GET", "POST"])
def invitation_accept(request, key: str):
    """The invitation's link. A GET only shows; accepting is a POST. A link that cannot serve
    says why (unknown, expired, revoked, used) and nothing else."""
    invitation = services.invitation_for_key(key)
    reason = services.refusal(invitation)
    if invitation is None or reason is not None:
        return render(
            request,
            "www/invitations/refused.html",
            {"reason": reason},
            status=404 if invitation is None else 410,
        )
    context = {"invitation": invitation}
    user = request.user
    if user.is_authenticated and user.email.lower() != invitation.email.lower():
        return render(request, "www/invitations/other_account.html", context, status=403)

    if user.is_authenticated or services.account_for(invitation) is not None:
        # The address has an account: the person signs in (the second factor included, by the
        # middleware), comes back here, and accepts.
        if not user.is_authenticated:
            context["login_url"] = (
                f"{reverse('accounts:login')}?{urlencode({'next': request.path}, safe='/')}"
            )
            return render(request, "www/invitations/accept_existing.html", context)
        if request.method == "POST":
            done = run_or_flash(request, services.invitation_accept, invitation=invitation, by=user)
            if done:
                return succeed(
                    request,
                    _("Invitation acceptée : vous agissez désormais comme %(role)s.")
                    % {"role": invitation.role_label},
                    "www:home",
                )
            return redirect(request.path)
        return render(request, "www/invitations/accept_existing.html", context)

    form = NewAccountForm(request.POST or None, email=invitation.email)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        done = run_service(
            form,
            services.invitation_accept,
            invitation=invitation,
            by=None,
            first_name=data["first_name"],
            last_name=data["last_name"],
            password=data["password1"],
            language=translation.get_language(),
        )
        if done:
            new_user = done.result
            login(request, new_user, backend=BACKEND)
            messages.success(
                request,
                _("Bienvenue sur Lanterne ! Votre compte est créé et vous êtes connecté·e."),
            )
            return redirect(_after_sign_in(new_user))
    context["form"] = form
    return render(
        request, "www/invitations/accept_new.html", context, status=422 if form.is_bound else 200
    )
