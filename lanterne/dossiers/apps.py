from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DossiersConfig(AppConfig):
    name = "lanterne.dossiers"
    verbose_name = _("dossiers")

    def ready(self):
        from . import notifications, perms  # noqa: F401  (registers the rules and notifications)
        from .privacy import register as register_personal_data

        register_personal_data()
