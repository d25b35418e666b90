from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "lanterne.projects"
    verbose_name = _("projets et actions")

    def ready(self):
        from . import notifications, perms  # noqa: F401  (registers the rules and notifications)
