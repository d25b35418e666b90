from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommitteeConfig(AppConfig):
    name = "lanterne.committee"
    verbose_name = _("comité de sélection")

    def ready(self):
        from lanterne.core.audit import register_action_labels

        from . import perms  # noqa: F401  (registers the rules)
        from .enums import AuditAction
        from .privacy import register as register_personal_data

        register_action_labels(dict(AuditAction.choices))
        register_personal_data()
