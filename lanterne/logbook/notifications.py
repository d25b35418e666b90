"""Who hears about the logbook: the referent, of a youth's post waiting for them; the author, of
a refusal (with its reason). Called inside the services' transactions (outbox rows)."""

from django.contrib.auth import get_user_model

from lanterne.core.mail import notify

from .enums import MemberRole
from .models import POST_WORKFLOW, Post, PostTransition


def _referents(post: Post):
    return get_user_model().objects.filter(
        logbook_memberships__group_id=post.group_id,
        logbook_memberships__role=MemberRole.REFERENT,
        logbook_memberships__is_active=True,
    )


def post_waiting(post: Post) -> None:
    notify(_referents(post), "logbook/email/post_waiting", {"post": post, "group": post.group})


@POST_WORKFLOW.notify_on("reject")
def post_rejected(post: Post, log: PostTransition) -> None:
    if post.author is not None:
        notify(
            [post.author],
            "logbook/email/post_rejected",
            {"post": post, "group": post.group, "reason": log.reason},
        )
