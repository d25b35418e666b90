"""The coordination's pages for the call itself: create, edit, date, set its rules, publish,
copy."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from lanterne.calls import services
from lanterne.calls.enums import RuleCode
from lanterne.calls.models import Call
from lanterne.calls.selectors import call_carriers
from lanterne.www.actions import in_scope, run_or_flash, run_service, succeed

from ..forms import CalendarForm, CallCreateForm, CallForm, CopyForm, RuleForm
from . import CALLS, MANAGE


@require_http_methods(["GET", "HEAD", "POST"])
def call_create(request):
    carriers = call_carriers(request.user)
    if not carriers:
        raise PermissionDenied(_("Vous ne coordonnez pour aucune structure qui porte une mission."))
    form = CallCreateForm(request.POST or None, carriers=carriers)
    if request.method == "POST" and form.is_valid():
        carrier = form.carrier()
        fields = {
            k: v for k, v in form.cleaned_data.items() if k not in ("coordination", "title", "year")
        }
        if done := run_service(
            form,
            services.call_create,
            by=request.user,
            region=carrier.region,
            coordination=carrier.structure,
            title=form.cleaned_data["title"],
            year=form.cleaned_data["year"],
            **fields,
        ):
            return succeed(
                request,
                _("L'appel est créé. Datez son calendrier avant de le publier."),
                reverse("calls:calendar", kwargs={"slug": done.result.slug}),
            )
    return render(request, "www/calls/edit.html", {"form": form, "call": None})


@require_http_methods(["GET", "HEAD", "POST"])
def call_edit(request, slug):
    call = in_scope(request, CALLS, slug=slug, perm=MANAGE)
    form = CallForm(request.POST or None, instance=Call.objects.get(pk=call.pk))
    if (
        request.method == "POST"
        and form.is_valid()
        and run_service(form, services.call_update, call=call, by=request.user, **form.cleaned_data)
    ):
        return succeed(request, _("L'appel est enregistré."), call)
    return render(request, "www/calls/edit.html", {"form": form, "call": call})


@require_http_methods(["GET", "HEAD", "POST"])
def call_calendar_edit(request, slug):
    call = in_scope(request, CALLS, slug=slug, perm=MANAGE)
    call = Call.objects.with_calendar().get(pk=call.pk)
    form = CalendarForm(request.POST or None, call=call)
    if (
        request.method == "POST"
        and form.is_valid()
        and run_service(
            form,
            services.call_set_milestones,
            call=call,
            by=request.user,
            milestones=form.milestones(),
        )
    ):
        return succeed(request, _("Le calendrier est enregistré."), call)
    return render(request, "www/calls/calendar.html", {"form": form, "call": call})


@require_http_methods(["GET", "HEAD", "POST"])
def call_rules(request, slug):
    call = in_scope(request, CALLS, slug=slug, perm=MANAGE)
    existing = {rule.code: rule for rule in call.rules.all()}
    posted_code = request.POST.get("code") if request.method == "POST" else None
    if posted_code is not None and posted_code not in RuleCode.values:
        raise Http404
    forms_by_code = {}
    for code in RuleCode.values:
        if code == posted_code:
            forms_by_code[code] = RuleForm(request.POST, code=code, rule=existing.get(code))
        else:
            forms_by_code[code] = RuleForm(code=code, rule=existing.get(code))
    form = forms_by_code.get(posted_code)
    if (
        form is not None
        and form.is_valid()
        and run_service(
            form,
            services.call_set_rule,
            call=call,
            by=request.user,
            code=posted_code,
            enabled=form.cleaned_data["enabled"],
            is_blocking=form.cleaned_data["is_blocking"],
            params=form.params(),
        )
    ):
        return succeed(
            request,
            _("La règle « %(rule)s » est enregistrée.") % {"rule": form.label},
            reverse("calls:rules", args=[call.slug]) + f"#rule-{posted_code}",
        )
    return render(
        request,
        "www/calls/rules.html",
        {"call": call, "rule_forms": list(forms_by_code.values()), "posted_code": posted_code},
    )


@require_POST
def call_publish(request, slug):
    call = in_scope(request, CALLS, slug=slug, perm=MANAGE)
    published = request.POST.get("published") == "1"
    if run_or_flash(
        request, services.call_publish, call=call, by=request.user, published=published
    ):
        messages.success(
            request,
            _("L'appel est publié.") if published else _("L'appel n'est plus publié."),
        )
    return redirect(call)


@require_http_methods(["GET", "HEAD", "POST"])
def call_copy(request, slug):
    call = in_scope(request, CALLS, slug=slug, perm=MANAGE)
    form = CopyForm(request.POST or None, call=call)
    if (
        request.method == "POST"
        and form.is_valid()
        and (
            done := run_service(
                form, services.call_copy, call=call, by=request.user, year=form.cleaned_data["year"]
            )
        )
    ):
        return succeed(
            request, _("La copie est créée ; elle n'est pas encore publiée."), done.result
        )
    return render(request, "www/calls/copy.html", {"form": form, "call": call})
