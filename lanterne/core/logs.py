"""Log records never carry the one-time secrets some URLs hold."""

import logging
import re

# The password reset link: /compte/mot-de-passe/nouveau/<uidb64>/<token>/ (any language prefix),
# and an invitation's link: /invitation/<key>/. config/gunicorn.py masks the same paths in the
# access log.
SECRET_PATHS = re.compile(r"(/mot-de-passe/nouveau/)(?!termine/)[^/\s]+/[^/\s\"']+")
INVITATION_PATHS = re.compile(r"(/invitation/)[^/\s\"'?&]+")


def mask_secrets(text: str) -> str:
    return INVITATION_PATHS.sub(r"\1…", SECRET_PATHS.sub(r"\1…/…", text))


class MaskSecretsFilter(logging.Filter):
    """Rewrites a record's message (Django's "Not Found: <path>", the development server's
    request lines…) with the reset link's user id and token masked."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        masked = mask_secrets(message)
        if masked != message:
            record.msg, record.args = masked, ()
        return True
