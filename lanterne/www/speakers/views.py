"""The speakers' pages: a speaker's own profile and engagements; a coordinator's pool, a
speaker's page with the coordination's qualification and notes, the matching for an action;
the directory of speakers."""

from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from lanterne.accounts.scoping import scope_for
from lanterne.core.exports import private_download
from lanterne.core.workflow import abilities
from lanterne.dossiers.enums import Typology
from lanterne.projects.models import Action
from lanterne.speakers import selectors, services
from lanterne.speakers.enums import Language, Public, Trade
from lanterne.speakers.models import (
    Engagement,
    Qualification,
    SpeakerPeriod,
    SpeakerProfile,
)
from lanterne.www.actions import in_scope, require, run_or_flash, run_service, succeed

from . import forms as f

PROFILES = SpeakerProfile.objects.select_related("person", "home_commune").prefetch_related(
    "departements"
)
PAGE_SIZE = 50


def _labels(profile: SpeakerProfile) -> dict[str, list[str]]:
    return {
        "trades": profile.labels("trades", Trade),
        "workshop_types": profile.labels("workshop_types", Typology),
        "publics": profile.labels("publics", Public),
        "excluded_publics": profile.labels("excluded_publics", Public),
        "languages": profile.labels("languages", Language),
    }


def _own_profile(user) -> SpeakerProfile:
    return PROFILES.of_user(user).first() or SpeakerProfile()


# ---------------------------------------------------------------------------------------------
# The speaker's own pages
# ---------------------------------------------------------------------------------------------


def _render_profile(request, profile, status=200, form=None, period_form=None):
    periods = list(profile.periods.all()) if profile.pk else []
    return render(
        request,
        "www/speakers/profile.html",
        {
            "profile": profile,
            "form": form or f.ProfileForm(instance=profile),
            "period_form": period_form or f.PeriodForm(),
            "periods": periods,
        },
        status=status,
    )


@require_http_methods(["GET", "HEAD", "POST"])
def profile_edit(request):
    profile = _own_profile(request.user)
    if request.method != "POST":
        return _render_profile(request, profile)
    form = f.ProfileForm(request.POST, request.FILES, instance=profile)
    if form.is_valid() and run_service(
        form,
        services.profile_save,
        profile=form.instance,
        by=request.user,
        departements=form.cleaned_data["departements"],
        cv=form.cleaned_data.get("cv_file"),
    ):
        return succeed(request, _("Votre fiche a été enregistrée."), reverse("speakers:profile"))
    return _render_profile(request, _own_profile(request.user), status=422, form=form)


@require_POST
def period_add(request):
    profile = _own_profile(request.user)
    if profile.pk is None:
        raise Http404
    form = f.PeriodForm(request.POST)
    if form.is_valid() and run_service(
        form, services.period_add, profile=profile, by=request.user, period=form.instance
    ):
        return succeed(
            request, _("La période a été ajoutée."), reverse("speakers:profile") + "#periods"
        )
    return _render_profile(request, profile, status=422, period_form=form)


@require_POST
def period_delete(request, pk):
    period = get_object_or_404(
        SpeakerPeriod.objects.select_related("profile__person"),
        pk=pk,
        profile__person__user=request.user,
    )
    if run_or_flash(request, services.period_delete, period=period, by=request.user):
        messages_to = reverse("speakers:profile") + "#periods"
        return succeed(request, _("La période a été supprimée."), messages_to)
    return redirect("speakers:profile")


ENGAGEMENTS = Engagement.objects.select_related(
    "action__project__applicant", "action__commune", "profile__person", "proposed_by"
)


@require_safe
def engagements(request):
    """The speaker's requests: to answer, and those answered."""
    rows = list(ENGAGEMENTS.of_user(request.user).order_by("-created_at", "-pk"))
    return render(
        request,
        "www/speakers/engagements.html",
        {
            "rows": [(e, abilities(e, request.user)) for e in rows],
            "answer_form": f.AnswerForm(),
        },
    )


@require_POST
def engagement_answer(request, pk, answer):
    engagement = in_scope(request, ENGAGEMENTS, pk=pk)
    service = {"accept": services.engagement_accept, "decline": services.engagement_decline}.get(
        answer
    )
    if service is None:
        raise Http404
    require(request, f"speakers.{answer}_engagement", engagement)
    form = f.AnswerForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    if run_or_flash(request, service, engagement=engagement, by=request.user, note=note):
        message = (
            _("Vous avez accepté l'intervention.")
            if answer == "accept"
            else _("Vous avez décliné l'intervention.")
        )
        return succeed(request, message, reverse("speakers:engagements"))
    return redirect("speakers:engagements")


# ---------------------------------------------------------------------------------------------
# The coordinator's pages
# ---------------------------------------------------------------------------------------------


@require_safe
def pool(request):
    """The coordinator's pool: the speakers of its perimeter, with its qualification."""
    profiles = PROFILES.followed_by(request.user).prefetch_related(
        Prefetch(
            "qualifications",
            queryset=Qualification.objects.visible_to(request.user),
            to_attr="own_qualifications",
        )
    )
    page = Paginator(profiles, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "www/speakers/pool.html",
        {
            "page": page,
            "page_range": page.paginator.get_elided_page_range(page.number),
            "rows": [(p, _labels(p)) for p in page.object_list],
        },
    )


def _render_detail(request, profile, status=200, form=None):
    qualification = Qualification.objects.visible_to(request.user).filter(profile=profile).first()
    can_qualify = request.user.has_perm("speakers.qualify_speakerprofile", profile)
    if form is None and can_qualify:
        form = f.QualificationForm(
            initial={"level": qualification.level, "notes": qualification.notes}
            if qualification
            else None
        )
    return render(
        request,
        "www/speakers/detail.html",
        {
            "profile": profile,
            "labels": _labels(profile),
            "periods": list(profile.periods.all()),
            "qualification": qualification,
            "form": form if can_qualify else None,
            **selectors.history(profile, request.user),
        },
        status=status,
    )


def _followed(request, pk) -> SpeakerProfile:
    """The profile, within the coordinator's pool (404 otherwise, the profile not named)."""
    return get_object_or_404(PROFILES.followed_by(request.user), pk=pk)


@require_http_methods(["GET", "HEAD", "POST"])
def detail(request, pk):
    profile = _followed(request, pk)
    if request.method != "POST":
        return _render_detail(request, profile)
    require(request, "speakers.qualify_speakerprofile", profile)
    form = f.QualificationForm(request.POST)
    if form.is_valid() and run_service(
        form, services.qualification_save, profile=profile, by=request.user, **form.cleaned_data
    ):
        return succeed(
            request, _("La qualification a été enregistrée."), profile.get_absolute_url()
        )
    return _render_detail(request, profile, status=422, form=form)


@require_safe
def cv_download(request, pk):
    """The CV, to the speaker and the coordinations that follow them; never inline."""
    profile = get_object_or_404(PROFILES, pk=pk)
    if (
        not (
            request.user.has_perm("speakers.follow_speakerprofile", profile)
            or request.user.has_perm("speakers.change_speakerprofile", profile)
        )
        or not profile.cv
    ):
        raise Http404
    response = FileResponse(
        profile.cv.open("rb"),
        as_attachment=True,
        filename=profile.cv_name or "cv",
        content_type=profile.cv_content_type or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    return private_download(response)


MATCH_ACTIONS = Action.objects.select_related("project__call", "project__applicant", "commune")


def _render_match(request, action, need_form, status=200, ask_form=None, asked_profile=None):
    data = need_form.cleaned_data if need_form.is_valid() else {}
    found = selectors.match_action(
        action,
        request.user,
        publics=data.get("publics") or (),
        require_known_publics=data.get("require_known_publics", False),
    )
    requests = list(
        action.speaker_requests.select_related("profile__person", "proposed_by").order_by(
            "-created_at", "-pk"
        )
    )
    return render(
        request,
        "www/speakers/match.html",
        {
            "action": action,
            "project": action.project,
            "need_form": need_form,
            "need": found.need,
            "result": found.result,
            "proposals": found.result.proposals[:PAGE_SIZE],
            "open_engagements": found.open_engagements,
            "requests": [(r, abilities(r, request.user)) for r in requests],
            "publics": data.get("publics") or [],
            "require_known_publics": data.get("require_known_publics", False),
            "ask_form": ask_form,
            "asked_profile": asked_profile,
        },
        status=status,
    )


@require_safe
def match(request, pk):
    action = in_scope(request, MATCH_ACTIONS, pk=pk, perm="speakers.match_action")
    return _render_match(request, action, f.NeedForm(request.GET or None))


@require_POST
def ask(request, pk):
    action = in_scope(request, MATCH_ACTIONS, pk=pk, perm="speakers.match_action")
    form = f.AskForm(request.POST)
    need_form = f.NeedForm(request.POST)
    if not form.is_valid():
        return _render_match(request, action, need_form, status=422, ask_form=form)
    profile = get_object_or_404(
        SpeakerProfile.objects.visible_to(request.user).select_related("person"),
        pk=form.cleaned_data["profile"],
    )
    if run_service(
        form,
        services.engagement_ask,
        action=action,
        profile=profile,
        by=request.user,
        publics=form.cleaned_data["publics"],
        require_known_publics=form.cleaned_data["require_known_publics"],
        override_reason=form.cleaned_data["override_reason"],
    ):
        return succeed(
            request,
            _("%(name)s a été sollicité·e.") % {"name": profile.person},
            reverse("speakers:match", args=[action.pk]),
        )
    return _render_match(
        request, action, need_form, status=422, ask_form=form, asked_profile=profile.pk
    )


@require_POST
def cancel(request, pk, engagement_pk):
    action = in_scope(request, MATCH_ACTIONS, pk=pk, perm="speakers.match_action")
    engagement = get_object_or_404(action.speaker_requests.all(), pk=engagement_pk)
    form = f.CancelForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    to = reverse("speakers:match", args=[action.pk])
    if run_or_flash(
        request, services.engagement_cancel, engagement=engagement, by=request.user, reason=reason
    ):
        return succeed(request, _("La sollicitation a été annulée."), to)
    return redirect(to)


# ---------------------------------------------------------------------------------------------
# The directory
# ---------------------------------------------------------------------------------------------


@login_not_required
@require_safe
def directory(request):
    """Speakers listed in the network's directory (signed in), or in the public one."""
    profiles = PROFILES.visible_to(request.user)
    if request.user.is_authenticated:
        profiles = profiles.filter(in_directory=True)
    page = Paginator(profiles, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "www/speakers/directory.html",
        {
            "page": page,
            "page_range": page.paginator.get_elided_page_range(page.number),
            "rows": [(p, _labels(p)) for p in page.object_list],
            "is_coordinator": scope_for(request.user).is_coordinator(),
            "has_profile": PROFILES.of_user(request.user).exists(),
        },
    )
