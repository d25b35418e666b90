from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    name = "lanterne.network"
    label = "network"
    verbose_name = _("réseau")

    def ready(self):
        # Registers the app's `rules` permissions.
        from . import perms  # noqa: F401
