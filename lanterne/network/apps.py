from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    name = "lanterne.network"
    label = "network"
    verbose_name = _("réseau")

    def ready(self):
        # Registers the app's `rules` permissions.
        from lanterne.territories.signals import territories_changed

        from . import perms  # noqa: F401
        from .receivers import refresh_search_text

        territories_changed.connect(refresh_search_text, dispatch_uid="network.refresh_search_text")
