"""`Authorization: Token <key>`: the API's token authentication (REST_FRAMEWORK's
DEFAULT_AUTHENTICATION_CLASSES). Apart from the views: DRF imports it while loading its own."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication, get_authorization_header

from lanterne.accounts.tokens import token_for_key


class ApiTokenAuthentication(BaseAuthentication):
    """`Authorization: Token <key>`: a live token of an active account."""

    keyword = "Token"

    def authenticate(self, request):
        words = get_authorization_header(request).split()
        if not words or words[0].lower() != self.keyword.lower().encode():
            return None
        if len(words) != 2:
            raise exceptions.AuthenticationFailed(
                _("En-tête d'authentification incorrect : « Token <jeton> » attendu.")
            )
        try:
            key = words[1].decode()
        except UnicodeError:
            key = ""
        token = token_for_key(key) if key else None
        if token is None:
            raise exceptions.AuthenticationFailed(
                _("Ce jeton n'est pas valide : il a expiré, a été révoqué ou n'existe pas.")
            )
        return token.user, token

    def authenticate_header(self, request):
        return self.keyword


class ApiTokenScheme(OpenApiAuthenticationExtension):
    target_class = ApiTokenAuthentication
    name = "tokenAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": _("« Token <jeton> », le jeton obtenu par /api/v1/auth/token/."),
        }
