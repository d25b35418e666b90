from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "lanterne.accounts"
    label = "accounts"
    verbose_name = _("comptes et rôles")

    def ready(self):
        # Registers the app's `rules` permissions.
        from . import perms  # noqa: F401
        from .privacy import register as register_personal_data

        register_personal_data()
