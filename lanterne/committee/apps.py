from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommitteeConfig(AppConfig):
    name = "lanterne.committee"
    verbose_name = _("comité de sélection")

    def ready(self):
        from . import perms  # noqa: F401  (registers the rules)
        from .privacy import register as register_personal_data

        register_personal_data()
