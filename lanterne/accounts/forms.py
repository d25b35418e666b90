from django import forms
from django.conf import settings
from django.contrib.auth import forms as auth_forms
from django.utils import translation
from django.utils.translation import gettext_lazy as _

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
