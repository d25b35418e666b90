from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CallsConfig(AppConfig):
    name = "lanterne.calls"
    verbose_name = _("appels à projets")

    def ready(self):
        from . import perms  # noqa: F401  (registers the rules)
