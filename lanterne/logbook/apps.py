from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LogbookConfig(AppConfig):
    name = "lanterne.logbook"
    verbose_name = _("carnets de bord, films et droit à l'image")

    def ready(self):
        from lanterne.core.audit import register_action_labels

        from . import notifications, perms  # noqa: F401  (registers the rules and notifications)
        from .enums import AuditAction

        register_action_labels(dict(AuditAction.choices))
