"""The coordination's pages for the call itself: create, edit, date, set its rules, publish,
copy."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
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
    """The rules editor: every rule of the call in one form, saved together. Refused, every
    rule is shown as typed, each error beside its field and listed at the top."""
    call = in_scope(request, CALLS, slug=slug, perm=MANAGE)
    existing = {rule.code: rule for rule in call.rules.all()}
    data = request.POST if request.method == "POST" else None
    rule_forms = [RuleForm(data, code=code, rule=existing.get(code)) for code in RuleCode.values]
    if data is not None:
        # A rule left out of the posted data is shown and kept as it is.
        rule_forms = [
            form if form.is_posted() else RuleForm(code=form.code, rule=existing.get(form.code))
            for form in rule_forms
        ]
        posted = [form for form in rule_forms if form.is_bound]
        if all(form.is_valid() for form in posted):
            changes = {
                form.code: {
                    "enabled": form.cleaned_data["enabled"],
                    "is_blocking": form.cleaned_data["is_blocking"],
                    "params": form.params(),
                }
                for form in posted
                if form.has_changed()
            }
            try:
                services.call_set_rules(call=call, by=request.user, rules=changes)
            except ValidationError as error:
                by_code = {form.code: form for form in rule_forms}
                for code, messages in getattr(error, "message_dict", {"": error.messages}).items():
                    for message in messages:
                        if code in by_code:
                            by_code[code].add_error(None, message)
                        else:
                            rule_forms[0].add_error(None, message)
            else:
                return succeed(
                    request,
                    _("Les règles de l'appel sont enregistrées."),
                    reverse("calls:rules", args=[call.slug]),
                )
    return render(
        request,
        "www/calls/rules.html",
        {
            "call": call,
            "rule_forms": rule_forms,
            "has_errors": any(form.errors for form in rule_forms if form.is_bound),
        },
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
