"""How projects follow the life of dossiers (connected in `ProjectsConfig.ready`)."""

from .services import project_create_from_dossier


def create_project_on_acceptance(sender, *, dossier, by, **kwargs) -> None:
    """The accepted dossier becomes the applicant's project for the year, in the transaction
    of the acceptance."""
    project_create_from_dossier(dossier=dossier, by=by)
