import re

from django.core import mail
from django.urls import reverse

from tests.accounts.factories import PASSWORD, UserFactory

NEW_PASSWORD = "un-nouveau-mot-de-passe-solide"


def test_password_reset_sends_a_working_link(client):
    """The e-mail, in French, carries a link on the request's host that sets a new password."""
    user = UserFactory(email="lea.petit@example.org")
    response = client.post(reverse("accounts:password_reset"), {"email": "Lea.Petit@example.org"})
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:password_reset_done")

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["lea.petit@example.org"]
    assert message.subject == "Lanterne : choisir un nouveau mot de passe"
    assert "Vous avez demandé à choisir un nouveau mot de passe" in message.body
    link = re.search(r"http://testserver(/compte/mot-de-passe/nouveau/\S+/)", message.body)
    assert link, message.body

    form_page = client.get(link.group(1), follow=True)
    assert form_page.status_code == 200
    assert form_page.context["validlink"]
    response = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:password_reset_complete")
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)


def test_unknown_address_sends_nothing_and_says_the_same(client):
    """The page does not reveal whether an account exists."""
    response = client.post(reverse("accounts:password_reset"), {"email": "nobody@example.org"})
    assert response["Location"] == reverse("accounts:password_reset_done")
    assert mail.outbox == []


def test_used_link_is_refused(client):
    """A link works once."""
    client.post(reverse("accounts:password_reset"), {"email": UserFactory().email})
    path = re.search(r"http://testserver(\S+)", mail.outbox[0].body).group(1)
    page = client.get(path, follow=True)
    client.post(
        page.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )
    again = client.get(path, follow=True)
    assert not again.context["validlink"]
    assert "Ce lien n" in again.text


def test_english_request_gets_an_english_email(client):
    """The e-mail is written in the language of the page it was asked from."""
    UserFactory(email="jane@example.org")
    client.post("/en/compte/mot-de-passe/oubli/", {"email": "jane@example.org"})
    message = mail.outbox[0]
    assert message.subject == "Lanterne: choose a new password"
    assert "http://testserver/en/compte/mot-de-passe/nouveau/" in message.body


def test_password_change(login):
    """A signed-in user changes its password and stays signed in."""
    user = UserFactory()
    client = login(user)
    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response["Location"] == reverse("accounts:profile")
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    assert "Votre mot de passe a été modifié." in client.get(response["Location"]).text


def test_the_reset_token_leaves_the_address_bar_at_once(client):
    """The link's token is swapped for a session at the first request: the page the user sees,
    and any later request or referrer, holds no token."""
    user = UserFactory()
    client.post(reverse("accounts:password_reset"), {"email": user.email})
    path = re.search(r"http://testserver(\S+)", mail.outbox[0].body).group(1)
    token = path.rstrip("/").rsplit("/", 1)[1]
    response = client.get(path)
    assert response.status_code == 302
    assert token not in response["Location"]
    assert response["Location"].endswith("/set-password/")
    page = client.get(response["Location"])
    assert page.context["validlink"]
    assert token not in page.text


def test_the_reset_token_never_reaches_the_logs(client):
    """Whatever logs a reset link's path (Django's "Not Found", the development server), the
    handler masks its user id and token."""
    import io
    import logging

    user = UserFactory()
    client.post(reverse("accounts:password_reset"), {"email": user.email})
    path = re.search(r"http://testserver(\S+)", mail.outbox[0].body).group(1)
    uid, token = path.rstrip("/").rsplit("/", 2)[1:]
    from lanterne.core.logs import MaskSecretsFilter

    (console,) = [
        handler
        for handler in logging.getLogger().handlers
        if any(isinstance(f, MaskSecretsFilter) for f in handler.filters)
    ]
    stream = io.StringIO()
    previous = console.setStream(stream)
    try:
        logging.getLogger("django.request").warning("Not Found: %s", path + "x/")
        logging.getLogger("django.server").info('"GET %s HTTP/1.1" 302 0', path)
    finally:
        console.setStream(previous)
    logged = stream.getvalue()
    assert "/compte/mot-de-passe/nouveau/…/…" in logged
    assert token not in logged
    assert f"/{uid}/" not in logged
