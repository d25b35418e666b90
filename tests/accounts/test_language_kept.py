"""The language a person chose is kept through login, logout and password reset, is saved on
the account when chosen signed in, and every e-mail goes in its recipient's language."""

import re

from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lanterne.core.models import OutboxMessage
from tests.accounts.factories import PASSWORD, UserFactory
from tests.calls.factories import call_coordinator
from tests.dossiers.factories import DossierFactory, dossier_applicant

NEW_PASSWORD = "un-nouveau-mot-de-passe-solide"


def test_login_from_an_english_page_stays_english(client):
    """An account that never chose a language keeps the language of the page it signed in
    from (and keeps nothing on the account: visiting is not choosing)."""
    user = UserFactory(email="jane@example.org")
    assert user.language == ""
    response = client.post(
        "/en/compte/connexion/", {"username": "jane@example.org", "password": PASSWORD}
    )
    assert response["Location"] == "/en/accueil/"
    assert client.get(response["Location"]).headers["Content-Language"] == "en"
    user.refresh_from_db()
    assert user.language == ""


def test_a_saved_language_is_applied_at_login(client):
    UserFactory(email="lea@example.org", language="fr")
    response = client.post(
        "/en/compte/connexion/", {"username": "lea@example.org", "password": PASSWORD}
    )
    assert response["Location"] == "/accueil/"
    assert response.cookies["django_language"].value == "fr"


def test_choosing_a_language_signed_in_saves_it(login):
    user = UserFactory()
    client = login(user)
    response = client.post(reverse("set_language"), {"language": "en", "next": "/accueil/"})
    assert response["Location"] == "/en/accueil/"
    user.refresh_from_db()
    assert user.language == "en"
    # Signing in again later, from a French page, goes to English.
    client.logout()
    response = client.post(
        reverse("accounts:login"), {"username": user.email, "password": PASSWORD}
    )
    assert response["Location"] == "/en/accueil/"


def test_choosing_a_language_anonymously_writes_nothing_to_the_accounts(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.post(reverse("set_language"), {"language": "en", "next": "/annuaire/"})
    assert response["Location"] == "/en/annuaire/"
    assert not [q for q in queries if "accounts_user" in q["sql"]]


def test_logout_keeps_the_language(login):
    client = login(UserFactory())
    response = client.post("/en/compte/deconnexion/")
    assert response["Location"] == "/en/annuaire/"
    page = client.get(response["Location"])
    assert page.headers["Content-Language"] == "en"
    assert "You are signed out" in page.text


def test_password_reset_keeps_the_language_throughout(client):
    """Asked from an English page by an account without a saved language: the e-mail, its
    link, the new-password page and the closing page are all English."""
    user = UserFactory(email="jane@example.org")
    response = client.post("/en/compte/mot-de-passe/oubli/", {"email": "jane@example.org"})
    assert response["Location"] == "/en/compte/mot-de-passe/oubli/envoye/"
    message = mail.outbox[0]
    assert message.subject == "Lanterne: choose a new password"
    path = re.search(r"http://testserver(/en/compte/mot-de-passe/nouveau/\S+/)", message.body)
    form_page = client.get(path.group(1), follow=True)
    assert form_page.headers["Content-Language"] == "en"
    done = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert done["Location"] == "/en/compte/mot-de-passe/nouveau/termine/"
    assert client.get(done["Location"]).headers["Content-Language"] == "en"
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)


def test_password_reset_mail_follows_the_saved_language(client):
    """The recipient's language wins over the page's: whoever asks, the account chose French."""
    UserFactory(email="lea@example.org", language="fr")
    client.post("/en/compte/mot-de-passe/oubli/", {"email": "lea@example.org"})
    message = mail.outbox[0]
    assert message.subject == "Lanterne : choisir un nouveau mot de passe"
    assert "http://testserver/compte/mot-de-passe/nouveau/" in message.body


def test_a_notification_goes_in_the_recipients_language(login):
    """A coordinator writing from the French pages: the English applicant reads the e-mail in
    English, the French one in French."""
    dossier = DossierFactory(state="submitted")
    english = dossier_applicant(dossier, language="en")
    french = dossier_applicant(dossier, language="")
    client = login(call_coordinator(dossier.call))
    response = client.post(
        reverse("dossiers:message", args=[dossier.pk]), {"message-body": "Merci du dossier."}
    )
    assert response.status_code == 302
    to_english = OutboxMessage.objects.get(to=english.email)
    assert to_english.subject == f"New message on application {dossier.reference}"
    assert "/en/dossiers/" in to_english.body
    to_french = OutboxMessage.objects.get(to=french.email)
    assert to_french.subject == f"Nouveau message sur le dossier {dossier.reference}"
