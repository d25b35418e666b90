from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ObservatoryConfig(AppConfig):
    name = "lanterne.observatory"
    label = "observatory"
    verbose_name = _("observatoire")

    def ready(self):
        # Registers the app's `rules` permissions and its notifications.
        from lanterne.core.audit import register_action_labels

        from . import notifications, perms  # noqa: F401
        from .enums import AuditAction
        from .privacy import register as register_personal_data

        register_action_labels(dict(AuditAction.choices))
        register_personal_data()
