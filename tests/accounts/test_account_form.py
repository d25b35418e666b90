"""One account form for every way in: signing up and accepting an invitation ask for the same
names and password, checked by the same rules (Django's validators, compared with the person's
names and address), with errors in the page's language on the field concerned."""

import pytest
from django.utils import translation

from lanterne.accounts.forms import AccountForm
from lanterne.www.invitations.forms import NewAccountForm
from lanterne.www.onboarding.forms import SignupForm

PASSWORD = "une-phrase-de-passe-solide"


def signup(**overrides):
    data = {
        "first_name": "Léa",
        "last_name": "Martin",
        "email": "lea.martin@example.org",
        "password1": PASSWORD,
        "password2": PASSWORD,
        **overrides,
    }
    return SignupForm(data)


def invitation(**overrides):
    data = {
        "first_name": "Léa",
        "last_name": "Martin",
        "password1": PASSWORD,
        "password2": PASSWORD,
        "terms": "on",
        **overrides,
    }
    return NewAccountForm(data, email="lea.martin@example.org")


FORMS = pytest.mark.parametrize("make", [signup, invitation], ids=["signup", "invitation"])


def test_both_ways_in_share_the_account_form():
    """Signing up and accepting an invitation use the one account form."""
    assert issubclass(SignupForm, AccountForm)
    assert issubclass(NewAccountForm, AccountForm)


@FORMS
def test_a_sound_account_is_accepted(make):
    """Names and a strong password typed twice open the account."""
    form = make()
    assert form.is_valid(), form.errors
    assert form.cleaned_data["password1"] == PASSWORD


@FORMS
def test_two_different_passwords_are_refused_on_the_confirmation(make):
    """Two different passwords: the error stands on the confirmation field."""
    form = make(password2="une-autre-phrase-de-passe")
    assert not form.is_valid()
    assert form.errors["password2"] == ["Les deux mots de passe ne sont pas identiques."]
    assert "password1" not in form.errors


@FORMS
def test_a_password_close_to_the_address_is_refused(make):
    """The validators compare the password with the address of the account, whether it is typed
    (sign-up) or known from the invitation."""
    form = make(password1="lea.martin@example", password2="lea.martin@example")
    assert not form.is_valid()
    assert any("trop semblable" in error for error in form.errors["password1"])


@FORMS
def test_a_password_close_to_the_name_is_refused(make):
    """The validators compare the password with the names typed in the same form."""
    form = make(
        first_name="Bartholomew",
        password1="Bartholomew1",
        password2="Bartholomew1",
    )
    assert not form.is_valid()
    assert any("trop semblable" in error for error in form.errors["password1"])


@FORMS
def test_a_short_password_is_refused_in_the_page_language(make):
    """The site's rules (12 characters at least) are said in the language of the page."""
    with translation.override("en"):
        form = make(password1="court", password2="court")
        assert not form.is_valid()
        errors = [str(error) for error in form.errors["password1"]]
    assert any("This password is too short" in error for error in errors)
    assert any("12 characters" in error for error in errors)


@FORMS
def test_the_password_field_lists_the_site_rules(make):
    """The password's help text is the validators' own, so it cannot drift from them."""
    help_text = str(make().fields["password1"].help_text)
    assert "12 caractères" in help_text
    assert "entièrement numérique" in help_text
