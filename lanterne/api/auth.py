"""The API's token endpoint: an account's e-mail and password exchanged for a new token
(lanterne.accounts.tokens), then sent as `Authorization: Token <key>` (`authentication`)."""

from django.conf import settings
from django.contrib.auth import authenticate
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import exceptions, serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from lanterne.accounts.tokens import api_token_create
from lanterne.accounts.two_factor.services import check_code, is_enrolled, requires_second_factor
from lanterne.core.services import ServiceError


class EmailAuthTokenSerializer(serializers.Serializer):
    """An account's credentials, with the e-mail as login."""

    email = serializers.EmailField(label=_("adresse e-mail"), write_only=True)
    password = serializers.CharField(
        label=_("mot de passe"),
        style={"input_type": "password"},
        trim_whitespace=False,
        write_only=True,
    )
    code = serializers.CharField(
        label=_("code de vérification"),
        required=False,
        allow_blank=True,
        write_only=True,
        help_text=_(
            "Le code à six chiffres de l'application d'authentification (ou un code de "
            "secours), pour les comptes qui ont activé la double authentification."
        ),
    )

    def validate(self, attrs):
        request = self.context["request"]
        # `username` is the generic credential name the backends (and django-axes) expect; the
        # request lets axes count the attempt against the account and the address.
        user = authenticate(request=request, username=attrs["email"], password=attrs["password"])
        if user is None:
            if getattr(request, "axes_locked_out", False):
                raise exceptions.PermissionDenied(
                    _("Trop de tentatives de connexion : réessayez dans une heure.")
                )
            raise serializers.ValidationError(
                _("Adresse e-mail ou mot de passe incorrect."), code="authorization"
            )
        self._second_factor(user, attrs.get("code", ""))
        attrs["user"] = user
        return attrs

    @staticmethod
    def _second_factor(user, code: str) -> None:
        """A token is worth a signed-in session: an account with a second factor (or whose
        roles require one) gives its code here as it does on the site."""
        enrolled = is_enrolled(user)
        if not enrolled and not requires_second_factor(user):
            return
        if not enrolled:
            raise serializers.ValidationError(
                _(
                    "Ce compte doit d'abord activer la double authentification : connectez-vous "
                    "sur le site pour l'activer, puis demandez un jeton."
                ),
                code="authorization",
            )
        if not code.strip():
            raise serializers.ValidationError(
                {"code": _("Ce compte a la double authentification : donnez aussi le code.")}
            )
        try:
            check_code(user=user, code=code)
        except ServiceError as error:
            raise serializers.ValidationError({"code": error.messages}) from error


class TokenSerializer(serializers.Serializer):
    """A new API token."""

    token = serializers.CharField(
        help_text=_("À envoyer dans l'en-tête « Authorization: Token <jeton> »."),
    )
    expires_at = serializers.DateTimeField(help_text=_("Fin de validité du jeton."))


class ObtainEmailAuthToken(APIView):
    """Exchange an e-mail address and a password for a new API token."""

    # The credentials are in the body: no session (and so no CSRF check) is involved.
    authentication_classes: list = []
    permission_classes: list = []

    @extend_schema(
        summary=_("Obtenir un jeton d'API"),
        description=format_lazy(
            _(
                "Échange l'adresse e-mail et le mot de passe d'un compte contre un nouveau "
                "jeton, à envoyer ensuite dans l'en-tête « Authorization: Token <jeton> ». Le "
                "jeton est valable {days} jours ; il prend fin plus tôt s'il est révoqué depuis "
                "la page de profil, si le mot de passe du compte change ou si le compte est "
                "désactivé. Il n'est montré qu'une fois : conservez-le. Un compte qui a la "
                "double authentification donne aussi son code (`code`)."
            ),
            days=settings.API_TOKEN_LIFETIME_DAYS,
        ),
        request=EmailAuthTokenSerializer,
        responses={
            200: TokenSerializer,
            400: OpenApiResponse(
                description=_("Identifiants incorrects, ou code de vérification manquant ou faux.")
            ),
            403: OpenApiResponse(description=_("Trop de tentatives : compte verrouillé.")),
        },
        tags=["auth"],
    )
    def post(self, request, *args, **kwargs):
        serializer = EmailAuthTokenSerializer(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        user = serializer.validated_data["user"]
        token, key = api_token_create(user=user, name=str(_("Jeton obtenu par l'API")), by=user)
        return Response(TokenSerializer({"token": key, "expires_at": token.expires_at}).data)
