from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CallsConfig(AppConfig):
    name = "lanterne.calls"
    verbose_name = _("appels à projets")

    def ready(self):
        from lanterne.core.audit import register_action_labels

        from . import perms  # noqa: F401  (registers the rules)
        from .enums import AuditAction

        register_action_labels(dict(AuditAction.choices))
