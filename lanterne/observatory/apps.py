from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ObservatoryConfig(AppConfig):
    name = "lanterne.observatory"
    label = "observatory"
    verbose_name = _("observatoire")

    def ready(self):
        # Registers the app's `rules` permissions and its notifications.
        from . import notifications, perms  # noqa: F401
        from .privacy import register as register_personal_data

        register_personal_data()
