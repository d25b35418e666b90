"""E-mail, in each recipient's language, through the outbox (`lanterne.core.outbox`).

`notify` records the messages in the caller's transaction and asks a worker, on commit, to
deliver them: a rollback sends nothing, a crash after the commit loses nothing.
"""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from . import outbox
from .tasks import enqueue_delivery


def notify(users, template: str, context: dict, *, to_inactive: bool = False) -> int:
    """Render `template` (`<template>_subject.txt` and `<template>.txt`) for each user in their
    language and record one e-mail each in the outbox, in the current transaction; a worker
    sends them once it commits. Returns how many were recorded. Inactive accounts hear nothing,
    unless `to_inactive` (the link that confirms a new account's address)."""
    messages = []
    site_url = settings.SITE_URL.rstrip("/")
    for user in {u.pk: u for u in users if (u.is_active or to_inactive) and u.email}.values():
        with translation.override(user.language or settings.LANGUAGE_CODE):
            full = {**context, "user": user, "site_url": site_url}
            subject = " ".join(render_to_string(f"{template}_subject.txt", full).split())
            body = render_to_string(f"{template}.txt", full)
        messages.append(outbox.Message(to=user.email, subject=subject, body=body))
    rows = outbox.record(messages)
    if rows:
        enqueue_delivery(rows)
    return len(messages)
