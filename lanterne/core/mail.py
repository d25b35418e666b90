"""E-mail goes out in the background (django-tasks), in each recipient's language."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation
from django_tasks import task


@task()
def send_email(*, subject: str, body: str, to: list[str]) -> int:
    return send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, to, fail_silently=False)


def notify(users, template: str, context: dict) -> int:
    """Render `template` (`<template>_subject.txt` and `<template>.txt`) for each user in their
    language and queue one e-mail each. Returns how many were queued."""
    sent = 0
    site_url = settings.SITE_URL.rstrip("/")
    for user in {u.pk: u for u in users if u.is_active and u.email}.values():
        with translation.override(user.language or settings.LANGUAGE_CODE):
            full = {**context, "user": user, "site_url": site_url}
            subject = " ".join(render_to_string(f"{template}_subject.txt", full).split())
            body = render_to_string(f"{template}.txt", full)
        send_email.enqueue(subject=subject, body=body, to=[user.email])
        sent += 1
    return sent
