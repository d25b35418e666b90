"""Erasing people from the admin (GDPR art. 17), for superusers and network admins: the action
first shows what erasing each selected person would do (a dry run), then erases on
confirmation."""

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from lanterne.core import privacy
from lanterne.core.services import ServiceError

from .erasure import person_erase
from .perms import is_network_admin


class ErasePeopleMixin(admin.ModelAdmin):
    actions = ["erase_people"]

    def has_erase_permission(self, request) -> bool:
        return request.user.is_superuser or is_network_admin(request.user)

    @admin.action(
        description=gettext_lazy("Effacer les personnes sélectionnées (droit à l'effacement)"),
        permissions=["erase"],
    )
    def erase_people(self, request, queryset):
        people = list(queryset.order_by("email"))
        if request.POST.get("confirm") == "yes":
            erased = 0
            for person in people:
                try:
                    person_erase(user=person, by=request.user)
                except (ServiceError, PermissionDenied) as refused:
                    reason = (
                        " ".join(refused.messages)
                        if isinstance(refused, ServiceError)
                        else _("vous ne pouvez pas effacer ce compte.")
                    )
                    self.message_user(request, f"{person.email} : {reason}", messages.ERROR)
                else:
                    erased += 1
            if erased:
                self.message_user(
                    request,
                    ngettext(
                        "%(count)d personne a été effacée.",
                        "%(count)d personnes ont été effacées.",
                        erased,
                    )
                    % {"count": erased},
                    messages.SUCCESS,
                )
            return None
        labels = {kind.key: kind.label for kind in privacy.kinds()}
        previews = []
        for person in people:
            try:
                erasure = person_erase(user=person, by=request.user, dry_run=True)
            except ServiceError as refused:
                previews.append({"person": person, "refusal": " ".join(refused.messages)})
            except PermissionDenied:
                previews.append(
                    {"person": person, "refusal": _("vous ne pouvez pas effacer ce compte.")}
                )
            else:
                previews.append(
                    {
                        "person": person,
                        "row_deleted": erasure.row_deleted,
                        "counts": [
                            (labels[key], count) for key, count in erasure.counts.items() if count
                        ],
                    }
                )
        context = {
            **self.admin_site.each_context(request),
            "title": _("Effacer des personnes"),
            "opts": self.model._meta,
            "previews": previews,
            "queryset": queryset,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/accounts/user/erase_people.html", context)
