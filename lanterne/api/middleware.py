"""The API answers in the language its client asks for."""

from django.utils import translation

API_PREFIX = "/api/"


class ApiLanguageMiddleware:
    """Under `/api/`, the language is the client's (language cookie, else `Accept-Language`),
    French by default.

    The site's `LocaleMiddleware` takes it from the URL's language prefix, and the API's URLs
    have none: without this, every API message would be French whatever the client asks.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info.startswith(API_PREFIX):
            translation.activate(translation.get_language_from_request(request))
            request.LANGUAGE_CODE = translation.get_language()
        return self.get_response(request)
