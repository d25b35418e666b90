from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "lanterne.projects"
    verbose_name = _("projets et actions")

    def ready(self):
        from lanterne.dossiers.signals import dossier_accepted

        from . import notifications, perms  # noqa: F401  (registers the rules and notifications)
        from .receivers import create_project_on_acceptance

        dossier_accepted.connect(
            create_project_on_acceptance, dispatch_uid="projects.create_project_on_acceptance"
        )
