from django import forms
from django.core import signing
from django.utils.translation import gettext_lazy as _

# The secret being enrolled travels in the page, signed (a GET stores nothing); it must come back
# within this many seconds.
ENROLMENT_MAX_AGE = 60 * 60
_SALT = "lanterne.accounts.two_factor.enrol"


def _code_field(label, help_text, *, numeric: bool) -> forms.CharField:
    attrs = {"autocomplete": "one-time-code", "autofocus": True, "spellcheck": "false"}
    if numeric:
        attrs |= {"inputmode": "numeric", "pattern": "[0-9 ]*"}
    else:
        attrs |= {"autocapitalize": "none"}
    return forms.CharField(
        label=label,
        help_text=help_text,
        max_length=20,
        widget=forms.TextInput(attrs=attrs),
        error_messages={"required": _("Saisissez le code pour continuer.")},
    )


class CodeForm(forms.Form):
    """A code of the authenticator application (or, `recovery=True`, a recovery code)."""

    def __init__(self, *args, recovery: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if recovery:
            self.fields["code"] = _code_field(
                _("Code de secours"),
                _("L'un des codes de secours notés lors de l'activation, par exemple abcd-efgh."),
                numeric=False,
            )
        else:
            self.fields["code"] = _code_field(
                _("Code à 6 chiffres"),
                _("Le code affiché en ce moment par votre application d'authentification."),
                numeric=True,
            )


class EnrolmentForm(forms.Form):
    """The secret shown to the person (signed, hidden) and the code its application computes."""

    secret = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["code"] = _code_field(
            _("Code à 6 chiffres"),
            _("Le code que votre application affiche pour Lanterne après l'ajout du compte."),
            numeric=True,
        )

    @classmethod
    def sign(cls, user, key: str) -> str:
        return signing.dumps({"user": user.pk, "key": key}, salt=_SALT)

    def clean_secret(self) -> str:
        try:
            data = signing.loads(self.cleaned_data["secret"], salt=_SALT, max_age=ENROLMENT_MAX_AGE)
        except signing.SignatureExpired:
            raise forms.ValidationError(
                _(
                    "Cette page d'activation a expiré. Une nouvelle clé est affichée ci-dessous : "
                    "remplacez le compte Lanterne dans votre application, puis saisissez son code."
                ),
                code="expired",
            ) from None
        except signing.BadSignature:
            raise forms.ValidationError(
                _("Cette page d'activation n'est pas valable : une nouvelle clé est affichée."),
                code="invalid",
            ) from None
        if data.get("user") != self.user.pk:
            raise forms.ValidationError(
                _("Cette page d'activation n'est pas valable : une nouvelle clé est affichée."),
                code="invalid",
            )
        return data["key"]
