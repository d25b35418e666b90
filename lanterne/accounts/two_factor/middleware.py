"""Every page waits for the second factor: one middleware, with an allow-list.

It is django-otp's `OTPMiddleware` (which sets `request.user.otp_device` and
`request.user.is_verified()` from the session), plus the rule: a signed-in user who has not
given a code yet is sent to give one (if it has a device) or to enrol (if its roles require a
second factor), and reaches nothing else meanwhile, the admin included. The API is answered as
for an anonymous visitor instead (a half-signed-in session is not signed in); requests carrying
an API token are not sessions and are left to the API's token authentication.
"""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django_otp.middleware import OTPMiddleware

from .services import is_enrolled, requires_second_factor

# Views an unverified user may still reach (view names, namespaced).
ALLOWED_VIEWS = frozenset(
    {
        "accounts:login",
        "accounts:logout",
        "two_factor:verify",
        "two_factor:verify_recovery",
        "two_factor:enrol",
        "set_language",
        "health",
    }
)


class SecondFactorMiddleware(OTPMiddleware):
    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        if not user.is_authenticated or user.is_verified():
            return None
        match = request.resolver_match
        if match is not None and match.view_name in ALLOWED_VIEWS:
            return None
        if request.path.startswith(settings.STATIC_URL):
            return None
        if is_enrolled(user):
            target = "two_factor:verify"
        elif requires_second_factor(user):
            target = "two_factor:enrol"
        else:
            return None
        if match is not None and match.namespace == "api":
            request.user = AnonymousUser()
            return None
        url = f"{reverse(target)}?{urlencode({'next': request.get_full_path()})}"
        if getattr(request, "htmx", False):
            # A fragment request: the whole page goes to the second factor.
            return HttpResponse(headers={"HX-Redirect": url})
        return HttpResponseRedirect(url)
