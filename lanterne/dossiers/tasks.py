"""Background jobs of dossiers (django-tasks)."""

from django_tasks import task

from . import services


@task()
def send_dossier_reminders() -> int:
    """Remind the applicants of drafts whose deadline is near; returns how many were sent.

    Idempotent: at most one reminder per dossier and offset (`DossierReminder`)."""
    return services.reminders_send()
