from django.conf import settings
from django.core.mail import send_mail
from django_tasks import task


@task()
def send_observatory_mail(*, subject: str, body: str, recipients: list[str]) -> int:
    """Send one message to the members of a structure (or the network admins)."""
    return send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)
