from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "lanterne.accounts"
    label = "accounts"
    verbose_name = _("comptes et rôles")

    def ready(self):
        # Registers the app's `rules` permissions; tokens end with a credential change, sessions
        # are stamped at login, failed logins are counted per address (signals, throttling).
        from lanterne.core.audit import register_action_labels

        from . import perms, signals, throttling  # noqa: F401
        from .enums import AuditAction
        from .privacy import register as register_personal_data

        register_action_labels(dict(AuditAction.choices))
        register_personal_data()
