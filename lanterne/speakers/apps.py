from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SpeakersConfig(AppConfig):
    name = "lanterne.speakers"
    verbose_name = _("intervenant·es")

    def ready(self):
        from lanterne.core.audit import register_action_labels

        from . import notifications, perms  # noqa: F401  (registers the rules and notifications)
        from .enums import AuditAction

        register_action_labels(dict(AuditAction.choices))
