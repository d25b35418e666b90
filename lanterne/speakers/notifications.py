"""Who hears about an engagement: the speaker when asked, the coordinator who asked when the
speaker answers (inside each transition's transaction)."""

from lanterne.core.mail import notify

from .models import ENGAGEMENT_WORKFLOW, Engagement, EngagementTransition


def _context(engagement: Engagement) -> dict:
    return {"engagement": engagement, "action": engagement.action}


@ENGAGEMENT_WORKFLOW.notify_on("ask")
def engagement_asked(engagement: Engagement, log: EngagementTransition) -> None:
    user = engagement.profile.person.user
    if user is not None:
        notify([user], "speakers/email/engagement_asked", _context(engagement))


def _answered(engagement: Engagement, log: EngagementTransition) -> None:
    notify([engagement.proposed_by], "speakers/email/engagement_answered", _context(engagement))


ENGAGEMENT_WORKFLOW.notify_on("accept")(_answered)
ENGAGEMENT_WORKFLOW.notify_on("decline")(_answered)
