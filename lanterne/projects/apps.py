from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "lanterne.projects"
    verbose_name = _("projets et actions")

    def ready(self):
        from lanterne.core.audit import register_action_labels
        from lanterne.core.workflow import transitioned
        from lanterne.dossiers.models import Dossier

        from . import notifications, perms  # noqa: F401  (registers the rules and notifications)
        from .enums import AuditAction
        from .receivers import create_project_on_acceptance

        register_action_labels(dict(AuditAction.choices))

        transitioned.connect(
            create_project_on_acceptance,
            sender=Dossier,
            dispatch_uid="projects.create_project_on_acceptance",
        )

        from .privacy import register as register_personal_data

        register_personal_data()
