"""A workshop group's space: its logbook (posts, photos, comments), the referent's moderation
queue, the register of image-rights authorisations and its printable form.

Every photo, video and film file goes out through a view that asks the gate first
(`PostMedia.objects.viewable_by`, `Film.objects.watchable_by`): nothing is ever served from a
public folder.
"""

from django.contrib import messages
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from lanterne.core.audit import audit
from lanterne.core.exports import private_download
from lanterne.core.pdf import pdf_response, render_pdf
from lanterne.logbook import selectors, services
from lanterne.logbook.enums import AuditAction, Scope
from lanterne.logbook.models import Consent, Post, PostMedia, WorkshopGroup
from lanterne.projects.models import Action, WorkshopFilm
from lanterne.www.actions import in_scope, require, run_or_flash, run_service, succeed

from . import forms as f

GROUPS = WorkshopGroup.objects.select_related(
    "action__project__applicant", "action__project__call__region"
)
KEEP = "logbook.keep_register"
MODERATE = "logbook.moderate_workshopgroup"


@require_safe
def group_list(request):
    groups = list(selectors.groups_of(request.user).order_by("-created_at", "pk"))
    return render(request, "www/logbook/groups.html", {"groups": groups})


@require_POST
def group_open(request, action_pk):
    action = in_scope(request, Action.objects.select_related("project"), pk=action_pk)
    require(request, "logbook.open_workshopgroup", action)
    group = services.group_open(action=action, by=request.user)
    return succeed(request, _("Le carnet de bord de l'atelier est ouvert."), group)


def _render_group(request, group, status=200, **bound):
    user = request.user
    context = {
        "group": group,
        "action": group.action,
        "project": group.action.project,
        "page": selectors.posts_page(group, user, request.GET.get("page")),
        "post_form": bound.get("post_form") or f.PostForm(group=group),
        "comment_form": f.CommentForm(),
        "comment_error": bound.get("comment_error"),
        "can_moderate": user.has_perm(MODERATE, group),
        "can_keep": user.has_perm(KEEP, group),
        "films": list(group.films.select_related("work")),
        "unpublished_works": list(
            WorkshopFilm.objects.filter(action=group.action, publication__isnull=True)
        ),
    }
    if context["can_moderate"]:
        context["pending_count"] = group.posts.filter(state="pending").count()
    context["page_range"] = context["page"].paginator.get_elided_page_range(
        context["page"].number, on_each_side=2, on_ends=1
    )
    return render(request, "www/logbook/group.html", context, status=status)


@require_http_methods(["GET", "HEAD", "POST"])
def group_detail(request, pk):
    group = in_scope(request, GROUPS, pk=pk)
    if request.method != "POST":
        return _render_group(request, group)
    require(request, "logbook.post_in_workshopgroup", group)
    form = f.PostForm(request.POST, request.FILES, group=group)
    if form.is_valid() and (
        done := run_service(
            form,
            services.post_create,
            group=group,
            by=request.user,
            body=form.cleaned_data["body"],
            files=form.cleaned_data["files"],
            appears=form.cleaned_data["appears"],
            description=form.cleaned_data["description"],
        )
    ):
        message = (
            _("Le message est publié dans le carnet.")
            if done.result.state == "approved"
            else _("Le message attend la relecture du ou de la référent·e.")
        )
        return succeed(request, message, group)
    return _render_group(request, group, status=422, post_form=form)


@require_POST
def comment_add(request, pk, post_pk):
    group = in_scope(request, GROUPS, pk=pk)
    post = get_object_or_404(Post.objects.visible_to(request.user).filter(group=group), pk=post_pk)
    require(request, "logbook.comment_post", post)
    form = f.CommentForm(request.POST)
    if form.is_valid() and run_service(
        form, services.comment_add, post=post, by=request.user, body=form.cleaned_data["body"]
    ):
        return succeed(
            request, _("Le commentaire est ajouté."), f"{group.get_absolute_url()}#post-{post.pk}"
        )
    return _render_group(request, group, status=422, comment_error=(post.pk, form))


@require_safe
def moderation(request, pk):
    group = in_scope(request, GROUPS, pk=pk, perm=MODERATE)
    return render(
        request,
        "www/logbook/moderation.html",
        {
            "group": group,
            "project": group.action.project,
            "posts": selectors.pending_posts(group),
            "reject_form": f.RejectForm(),
            "members": list(group.members.filter(is_active=True)),
            "can_keep": request.user.has_perm(KEEP, group),
        },
    )


@require_POST
def post_approve(request, pk, post_pk):
    group = in_scope(request, GROUPS, pk=pk, perm=MODERATE)
    post = get_object_or_404(group.posts.all(), pk=post_pk)
    to = redirect("logbook:moderation", pk=group.pk)
    if run_or_flash(request, services.post_approve, post=post, by=request.user):
        return succeed(request, _("Le message est publié dans le carnet."), to.url)
    return to


@require_POST
def post_reject(request, pk, post_pk):
    group = in_scope(request, GROUPS, pk=pk, perm=MODERATE)
    post = get_object_or_404(group.posts.all(), pk=post_pk)
    form = f.RejectForm(request.POST)
    if form.is_valid() and run_service(
        form, services.post_reject, post=post, by=request.user, reason=form.cleaned_data["reason"]
    ):
        return succeed(
            request, _("Le message est refusé."), redirect("logbook:moderation", pk=group.pk).url
        )
    return render(
        request,
        "www/logbook/moderation.html",
        {
            "group": group,
            "project": group.action.project,
            "posts": selectors.pending_posts(group),
            "reject_form": form,
            "rejected_pk": post.pk,
            "members": list(group.members.filter(is_active=True)),
            "can_keep": request.user.has_perm(KEEP, group),
        },
        status=422,
    )


@require_safe
def media_file(request, pk):
    """A photo or a video, to whoever the gate lets see it (404 otherwise: never named)."""
    media = get_object_or_404(PostMedia.objects.viewable_by(request.user), pk=pk)
    response = FileResponse(media.file.open("rb"), content_type=media.content_type)
    response["X-Content-Type-Options"] = "nosniff"
    return private_download(response)


@require_POST
def media_appearances(request, pk):
    media = get_object_or_404(
        PostMedia.objects.viewable_by(request.user).select_related("post__group"), pk=pk
    )
    group = media.post.group
    require(request, KEEP, group)
    form = f.AppearancesForm(request.POST, members=group.members.filter(is_active=True))
    to = (
        redirect("logbook:moderation", pk=group.pk)
        if request.POST.get("next") == "moderation"
        else redirect(group)
    )
    if not form.is_valid():
        messages.error(request, _("Seules les personnes du groupe peuvent être désignées."))
        return to
    if run_or_flash(
        request,
        services.appearances_set,
        item=media,
        by=request.user,
        members=form.cleaned_data["appears"],
    ):
        return succeed(request, _("La liste des personnes visibles est enregistrée."), to.url)
    return to


# ---------------------------------------------------------------------------------------------
# The register
# ---------------------------------------------------------------------------------------------


def _render_register(request, group, status=200, **bound):
    context = {
        "group": group,
        "project": group.action.project,
        "rows": selectors.register(group),
        "member_form": bound.get("member_form") or f.MemberForm(),
        "consent_form": bound.get("consent_form"),
        "consent_member": bound.get("consent_member"),
        "withdraw_form": bound.get("withdraw_form") or f.WithdrawForm(),
        "withdraw_pk": bound.get("withdraw_pk"),
        "scopes": Scope.choices,
        "today": timezone.localdate(),
    }
    return render(request, "www/logbook/register.html", context, status=status)


@require_safe
def register(request, pk):
    group = in_scope(request, GROUPS, pk=pk, perm=KEEP)
    return _render_register(request, group)


@require_POST
def member_add(request, pk):
    group = in_scope(request, GROUPS, pk=pk, perm=KEEP)
    form = f.MemberForm(request.POST)
    if form.is_valid() and run_service(
        form, services.member_add, group=group, by=request.user, **form.cleaned_data
    ):
        return succeed(
            request,
            _("La personne est ajoutée au groupe."),
            redirect("logbook:register", pk=pk).url,
        )
    return _render_register(request, group, status=422, member_form=form)


@require_http_methods(["GET", "HEAD", "POST"])
def consent_add(request, pk, member_pk):
    group = in_scope(request, GROUPS, pk=pk, perm=KEEP)
    member = get_object_or_404(group.members.all(), pk=member_pk)
    if request.method != "POST":
        form = f.ConsentForm(instance=Consent(member=member))
        return _render_register(request, group, consent_form=form, consent_member=member)
    form = f.ConsentForm(request.POST, request.FILES, instance=Consent(member=member))
    if form.is_valid() and run_service(
        form,
        services.consent_record,
        member=member,
        by=request.user,
        consent=form.instance,
        scan=form.cleaned_data.get("scan") or None,
    ):
        return succeed(
            request,
            _("L'autorisation est enregistrée."),
            redirect("logbook:register", pk=pk).url,
        )
    return _render_register(request, group, status=422, consent_form=form, consent_member=member)


@require_POST
def consent_withdraw(request, pk, consent_pk):
    group = in_scope(request, GROUPS, pk=pk, perm=KEEP)
    consent = get_object_or_404(Consent.objects.filter(member__group=group), pk=consent_pk)
    form = f.WithdrawForm(request.POST)
    if form.is_valid() and run_service(
        form,
        services.consent_withdraw,
        consent=consent,
        by=request.user,
        reason=form.cleaned_data["reason"],
    ):
        return succeed(
            request,
            _(
                "L'autorisation est retirée : les images où la personne apparaît ne sortent "
                "plus des usages qu'elle ne couvre plus."
            ),
            redirect("logbook:register", pk=pk).url,
        )
    return _render_register(request, group, status=422, withdraw_form=form, withdraw_pk=consent.pk)


@require_safe
def consent_scan(request, pk, consent_pk):
    """The signed form, to who keeps the register; each reading goes to the trail."""
    group = in_scope(request, GROUPS, pk=pk, perm=KEEP)
    consent = get_object_or_404(
        Consent.objects.filter(member__group=group).exclude(scan=""), pk=consent_pk
    )
    audit(action=AuditAction.CONSENT_SCAN_READ, obj=consent, by=request.user)
    response = FileResponse(
        consent.scan.open("rb"),
        as_attachment=True,
        filename=f"autorisation-{consent.pk}",
        content_type=consent.scan_content_type or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    return private_download(response)


@require_safe
def authorisation_form(request, pk):
    """The printable authorisation, pre-filled with the project, the workshop and each
    person's first name or pseudonym (one page each, and a blank one)."""
    group = in_scope(request, GROUPS, pk=pk, perm=KEEP)
    members = list(group.members.filter(is_active=True))
    pdf = render_pdf(
        "pdf/logbook_authorisation.html",
        {
            "group": group,
            "action": group.action,
            "project": group.action.project,
            "people": [*members, None],
            "scopes": Scope.choices,
        },
    )
    return pdf_response(pdf, f"autorisation-droit-image-{group.pk}.pdf")


# ---------------------------------------------------------------------------------------------
# Opening a film's publication from the group
# ---------------------------------------------------------------------------------------------


@require_POST
def film_open(request, pk, work_pk):
    group = in_scope(request, GROUPS, pk=pk, perm=KEEP)
    work = get_object_or_404(WorkshopFilm.objects.filter(action=group.action), pk=work_pk)
    if (done := run_or_flash(request, services.film_open, work=work, by=request.user)) is None:
        return redirect(group)
    return succeed(request, _("La fiche de diffusion du film est ouverte."), done.result)
