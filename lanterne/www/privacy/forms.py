from django import forms
from django.utils.translation import gettext_lazy as _


class EraseForm(forms.Form):
    """The person confirms with their password and by ticking that they understood."""

    password = forms.CharField(
        label=_("Votre mot de passe"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    understood = forms.BooleanField(
        label=_("J'ai compris que la suppression est définitive et ne peut pas être annulée."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("Le mot de passe n'est pas le bon."))
        return password
