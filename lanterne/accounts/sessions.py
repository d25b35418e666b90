"""Sessions end after a time without activity and after a time in all, shorter for the roles
that reach other people's data (coordinators, committee members, the national network,
administrators). Both times are read from the settings; the login page then says why.

This module is also the session engine (SESSION_ENGINE): Django's database sessions, an existing
session saved by one UPDATE."""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import SESSION_KEY, logout
from django.contrib.sessions.backends import db
from django.contrib.sessions.backends.base import UpdateError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .enums import Role

STARTED = "lanterne_session_started"
SEEN = "lanterne_session_seen"
STRICT = "lanterne_session_strict"
# Activity is recorded at most once in this many seconds: a page's requests do not each write
# the session row.
SEEN_RESOLUTION = 60

STRICT_ROLES = (Role.COORDINATOR, Role.COMMITTEE_MEMBER, Role.NETWORK_ADMIN)


class SessionStore(db.SessionStore):
    """Django's database sessions, where saving an existing session is one UPDATE.

    Django saves it inside `transaction.atomic()`: BEGIN, UPDATE, COMMIT, three round trips on
    every signed-in visitor's request that records activity (once a minute, `SEEN_RESOLUTION`).
    A single UPDATE is atomic by itself; a session deleted meanwhile (signed out in another tab)
    still raises UpdateError, which Django's SessionMiddleware answers as it always does. New
    sessions are created as Django does (the INSERT must fail on a key already taken)."""

    def save(self, must_create: bool = False) -> None:
        if must_create or self.session_key is None:
            return super().save(must_create=must_create)
        updated = self.model.objects.filter(session_key=self.session_key).update(
            session_data=self.encode(dict(self.items())), expire_date=self.get_expiry_date()
        )
        if not updated:
            raise UpdateError
        return None


def has_strict_session(user) -> bool:
    """Whether `user` reaches more than its own structures' data, and so gets shorter sessions."""
    return (
        user.is_superuser
        or user.is_staff
        or user.memberships.active().filter(role__in=STRICT_ROLES).exists()
    )


def start_session(request, user) -> None:
    """Stamp a new session (at login): when it began, when it was last used, which limits."""
    now = int(time.time())
    request.session[STARTED] = now
    request.session[SEEN] = now
    request.session[STRICT] = has_strict_session(user)


def limits(strict: bool) -> tuple[int, int]:
    """(idle, absolute) limits in seconds."""
    if strict:
        return settings.SESSION_STAFF_IDLE_TIMEOUT, settings.SESSION_STAFF_ABSOLUTE_TIMEOUT
    return settings.SESSION_IDLE_TIMEOUT, settings.SESSION_ABSOLUTE_TIMEOUT


def duration(seconds: int) -> str:
    """A limit in words, in its largest whole unit: "14 jours", "12 heures", "30 minutes"."""
    if seconds >= 86400 and seconds % 86400 == 0:
        days = seconds // 86400
        return ngettext("%(count)s jour", "%(count)s jours", days) % {"count": days}
    if seconds >= 3600 and seconds % 3600 == 0:
        hours = seconds // 3600
        return ngettext("%(count)s heure", "%(count)s heures", hours) % {"count": hours}
    minutes = max(seconds // 60, 1)
    return ngettext("%(count)s minute", "%(count)s minutes", minutes) % {"count": minutes}


class SessionTimeoutMiddleware:
    """Signs out a session that has been idle, or open, too long (after MessageMiddleware)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        session = request.session
        if SESSION_KEY in session:
            self.check(request, session)
        return self.get_response(request)

    def check(self, request, session) -> None:
        now = int(time.time())
        if STARTED not in session:
            # A session opened before these limits existed: they start counting now.
            start_session(request, request.user)
            return
        idle, absolute = limits(session.get(STRICT, True))
        if now - session[STARTED] > absolute:
            reason = _(
                "Votre session a expiré : par sécurité, une connexion reste ouverte au plus "
                "%(duration)s. Reconnectez-vous pour continuer."
            ) % {"duration": duration(absolute)}
        elif now - session.get(SEEN, 0) > idle:
            reason = _(
                "Votre session a expiré après %(duration)s sans activité. "
                "Reconnectez-vous pour continuer."
            ) % {"duration": duration(idle)}
        else:
            if now - session.get(SEEN, 0) >= SEEN_RESOLUTION:
                session[SEEN] = now
            return
        logout(request)
        if not request.path.startswith("/api/"):
            messages.warning(request, reason)
