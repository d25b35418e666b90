from django import forms
from django.conf import settings
from django.contrib.auth import forms as auth_forms
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.views.decorators.debug import sensitive_variables

from .models import User


class EmailAuthenticationForm(auth_forms.AuthenticationForm):
    """Sign in with an e-mail address (case-insensitive, see `UserManager.get_by_natural_key`).

    The field keeps Django's name `username`, which django-axes reads to throttle attempts.
    """

    username = forms.EmailField(
        label=_("Adresse e-mail"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
    )
    password = forms.CharField(
        label=_("Mot de passe"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    error_messages = {
        "invalid_login": _(
            "Adresse e-mail ou mot de passe incorrect. Vérifiez votre saisie et réessayez."
        ),
        "inactive": _("Ce compte est désactivé."),
    }


class AccountForm(auth_forms.SetPasswordMixin, forms.Form):
    """The account a person opens (by signing up or by accepting an invitation): names and a
    password that passes the site's validators, compared with the names and the address.

    `account_email()` gives the address the password is compared with; a form that asks for it
    reads its field, a form that knows it (an invitation) is given it.
    """

    error_messages = {
        "password_mismatch": _("Les deux mots de passe ne sont pas identiques."),
    }

    first_name = forms.CharField(
        label=_("Prénom"),
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )
    last_name = forms.CharField(
        label=_("Nom"),
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "family-name"}),
    )
    password1, password2 = auth_forms.SetPasswordMixin.create_password_fields(
        label1=_("Mot de passe"), label2=_("Confirmation du mot de passe")
    )

    def __init__(self, *args, email: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.email = email

    def account_email(self) -> str:
        return self.email

    @sensitive_variables()
    def clean(self):
        data = super().clean() or {}
        self.validate_passwords()
        if "password2" not in self.errors:
            # The validators see the person the account will be, unsaved.
            person = User(
                email=self.account_email(),
                first_name=data.get("first_name", ""),
                last_name=data.get("last_name", ""),
            )
            self.validate_password_for_user(person, password_field_name="password1")
        return data


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["first_name", "last_name", "language"]
        labels = {
            "first_name": _("Prénom"),
            "last_name": _("Nom"),
            "language": _("Langue de l'interface"),
        }
        widgets = {
            "first_name": forms.TextInput(attrs={"autocomplete": "given-name"}),
            "last_name": forms.TextInput(attrs={"autocomplete": "family-name"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A language is always shown: the one chosen, or, until one is, the page's.
        field = self.fields["language"]
        assert isinstance(field, forms.ChoiceField)
        field.required = True
        field.choices = list(settings.LANGUAGES)
        if not self.instance.language:
            self.initial["language"] = translation.get_language()


class PasswordResetForm(auth_forms.PasswordResetForm):
    email = forms.EmailField(
        label=_("Adresse e-mail"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )

    def send_mail(self, subject_template_name, email_template_name, context, *args, **kwargs):
        """The e-mail, and its link, in the language the account chose; without one, in the
        language of the page the reset was asked from."""
        with translation.override(context["user"].language or translation.get_language()):
            super().send_mail(subject_template_name, email_template_name, context, *args, **kwargs)
