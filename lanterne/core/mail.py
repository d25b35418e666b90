"""E-mail, in each recipient's language, through the outbox (`lanterne.core.outbox`).

`notify` records the messages in the caller's transaction and asks a worker, on commit, to
deliver them: a rollback sends nothing, a crash after the commit loses nothing.
"""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from . import outbox
from .tasks import enqueue_delivery


def recipient_language(user) -> str:
    """The language a person reads their e-mails in: the one they chose, else the site's."""
    return getattr(user, "language", "") or settings.LANGUAGE_CODE


def _render(to: str, language: str, template: str, context: dict) -> outbox.Message:
    with translation.override(language):
        full = {**context, "site_url": settings.SITE_URL.rstrip("/")}
        subject = " ".join(render_to_string(f"{template}_subject.txt", full).split())
        body = render_to_string(f"{template}.txt", full)
    return outbox.Message(to=to, subject=subject, body=body)


def _record(messages: list[outbox.Message]) -> int:
    rows = outbox.record(messages)
    if rows:
        enqueue_delivery(rows)
    return len(messages)


def notify(users, template: str, context: dict, *, to_inactive: bool = False) -> int:
    """Render `template` (`<template>_subject.txt` and `<template>.txt`) for each user in their
    language and record one e-mail each in the outbox, in the current transaction; a worker
    sends them once it commits. Returns how many were recorded. Inactive accounts hear nothing,
    unless `to_inactive` (the link that confirms a new account's address)."""
    return _record(
        [
            _render(user.email, recipient_language(user), template, {**context, "user": user})
            for user in {
                u.pk: u for u in users if (u.is_active or to_inactive) and u.email
            }.values()
        ]
    )


def notify_address(email: str, language: str, template: str, context: dict) -> int:
    """The same for a person who has no account yet (an invitation): one e-mail to `email`,
    written in `language`."""
    return _record([_render(email, language or settings.LANGUAGE_CODE, template, context)])
