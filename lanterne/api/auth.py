"""Authentication in the API: an account's e-mail and password exchanged for its token."""

from django.contrib.auth import authenticate
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import exceptions, serializers
from rest_framework.authtoken.views import ObtainAuthToken


class EmailAuthTokenSerializer(serializers.Serializer):
    """An account's credentials (DRF's `AuthTokenSerializer`, with the e-mail as login)."""

    email = serializers.EmailField(label=_("adresse e-mail"), write_only=True)
    password = serializers.CharField(
        label=_("mot de passe"),
        style={"input_type": "password"},
        trim_whitespace=False,
        write_only=True,
    )

    def validate(self, attrs):
        request = self.context["request"]
        # `username` is the generic credential name the backends (and django-axes) expect.
        user = authenticate(request=request, username=attrs["email"], password=attrs["password"])
        if user is None:
            if getattr(request, "axes_locked_out", False):
                raise exceptions.PermissionDenied(
                    _("Trop de tentatives de connexion : réessayez dans une heure.")
                )
            raise serializers.ValidationError(
                _("Adresse e-mail ou mot de passe incorrect."), code="authorization"
            )
        attrs["user"] = user
        return attrs


class TokenSerializer(serializers.Serializer):
    """The user's API token."""

    token = serializers.CharField(
        help_text=_("À envoyer dans l'en-tête « Authorization: Token <jeton> »."),
    )


class ObtainEmailAuthToken(ObtainAuthToken):
    """Exchange an e-mail address and a password for the user's API token."""

    serializer_class = EmailAuthTokenSerializer
    # The credentials are in the body: no session (and so no CSRF check) is involved.
    authentication_classes = []

    @extend_schema(
        summary=_("Obtenir son jeton d'API"),
        description=_(
            "Échange l'adresse e-mail et le mot de passe d'un compte contre son jeton, à "
            "envoyer ensuite dans l'en-tête « Authorization: Token <jeton> ». Le même jeton "
            "est renvoyé tant qu'il n'a pas été révoqué."
        ),
        request=EmailAuthTokenSerializer,
        responses={
            200: TokenSerializer,
            400: OpenApiResponse(description=_("Identifiants incorrects.")),
            403: OpenApiResponse(description=_("Trop de tentatives : compte verrouillé.")),
        },
        tags=["auth"],
    )
    def post(self, request, *args, **kwargs):
        return super().post(request, *args, **kwargs)
