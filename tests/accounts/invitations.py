"""Shared pieces of the invitation tests: the last e-mail sent to an address, and its link."""

import re

from lanterne.core.models import OutboxMessage

LINK = re.compile(r"https?://[^/\s]+((?:/en)?/invitation/[^/\s]+/)")


def last_mail(email: str) -> OutboxMessage:
    return OutboxMessage.objects.filter(to=email).order_by("-pk").first()


def link_in(message: OutboxMessage) -> str:
    """The path of the accept link an invitation e-mail carries."""
    match = LINK.search(message.body)
    assert match, message.body
    return match.group(1)
