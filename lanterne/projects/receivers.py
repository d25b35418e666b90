"""How projects follow the life of dossiers (connected in `ProjectsConfig.ready`)."""

from .services import project_create_from_dossier


def create_project_on_acceptance(sender, *, obj, log, **kwargs) -> None:
    """An accepted dossier becomes the applicant's project for the year, in the transaction
    of the acceptance (`core.workflow.transitioned`, sent for each step of a dossier)."""
    if log.name == "accept":
        project_create_from_dossier(dossier=obj, by=log.by)
