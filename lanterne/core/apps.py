from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "lanterne.core"
    label = "core"
    verbose_name = _("socle")

    def ready(self):
        from . import personal_data

        personal_data.register()
