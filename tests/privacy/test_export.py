"""A person downloads everything Lanterne holds about them, and nothing about anyone else."""

import json

import pytest
from django.urls import reverse

from tests.privacy.factories import footprint

# The session and the user, then one query (two for some, four for the project entries:
# actions, sessions, participants, engaged speakers) per kind of data.
QUERIES = 28


def test_json_file_holds_the_persons_data_and_nothing_of_another(login):
    """The JSON download has one key per kind of data, filled with the person's rows; nothing
    of a second person with the same kinds of data appears in it."""
    alice = footprint("alice")
    footprint("bruno")
    response = login(alice.user).get(reverse("privacy:my_data_download"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"].startswith("attachment;")
    data = json.loads(response.content)
    assert data["account"] == [
        {
            "email": "alice@example.org",
            "first_name": "Prénom-alice",
            "last_name": "alice",
            "language": "Français",
            "date_joined": data["account"][0]["date_joined"],
            "last_login": data["account"][0]["last_login"],
            "is_active": True,
        }
    ]
    assert [m["structure"] for m in data["memberships"]] == [alice.structure.name]
    assert data["structures"] == [{"name": alice.structure.name}]
    assert sorted(d["title"] for d in data["dossiers"]) == ["Brouillon de alice", "Projet de alice"]
    assert {d["state"] for d in data["dossiers"]} == {"brouillon", "déposé"}
    assert [m["body"] for m in data["dossier_messages"]] == ["Message de alice"]
    assert [n["body"] for n in data["dossier_notes"]] == ["Note de alice"]
    # Actions in words, never their codes.
    assert sorted(e["action"] for e in data["audit_events"]) == [
        "création d'un jeton d'accès à l'API",
        "dépôt du dossier",
    ]
    # The factory's records, and the test client's sign-in (axes logs it too).
    results = [r["result"] for r in data["login_records"]]
    assert results.count("échec") == 1
    assert results.count("connexion") >= 1
    # The test client's own session and the one made by the factory.
    assert len(data["sessions"]) == 2
    assert len(data["api_tokens"]) == 1
    assert "key" not in data["api_tokens"][0]
    assert [e["subject"] for e in data["emails"]] == ["Courriel pour alice"]
    assert [p["last_name"] for p in data["people"]] == ["Contact-alice"]
    assert [r["structure"] for r in data["observatory_returns"]] == [alice.structure.name]
    assert "bruno" not in response.content.decode()


def test_page_shows_each_section_in_words(login):
    """The readable page lists the same data under headings, with dates in Paris time and
    nothing of another person."""
    alice = footprint("alice")
    footprint("bruno")
    response = login(alice.user).get(reverse("privacy:my_data"))
    assert response.status_code == 200
    text = response.text
    for heading in (
        "Votre compte",
        "Vos rôles",
        "Les dossiers que vous avez créés",
        "Les messages que vous avez écrits",
        "Vos connexions et tentatives de connexion",
        "Vos jetons d&#x27;accès à l&#x27;API",
        "Les retours d&#x27;indicateurs que vous avez transmis",
    ):
        assert heading in text
    assert "Projet de alice" in text
    assert "Message de alice" in text
    assert "création d&#x27;un jeton d&#x27;accès à l&#x27;API" in text
    assert "api_token.create" not in text
    assert "(heure de Paris)" in text
    assert "bruno" not in text
    assert reverse("privacy:my_data_download") in text


def test_profile_links_to_the_data_and_erasure(login):
    """The profile page offers the person their data and the erasure of their account."""
    alice = footprint("alice")
    text = login(alice.user).get(reverse("accounts:profile")).text
    assert reverse("privacy:my_data") in text
    assert reverse("privacy:my_data_download") in text
    assert reverse("privacy:erase") in text


def test_data_pages_need_a_signed_in_person(client):
    """Anonymous visitors are sent to sign in."""
    for name in ("privacy:my_data", "privacy:my_data_download", "privacy:erase"):
        response = client.get(reverse(name))
        assert response.status_code == 302
        assert reverse("accounts:login") in response["Location"]


def _more_rows(fp, n: int) -> None:
    from lanterne.dossiers.models import DossierMessage, DossierNote
    from tests.dossiers.factories import DossierFactory
    from tests.privacy.factories import login_record

    for i in range(n):
        dossier = DossierFactory(applicant=fp.structure, created_by=fp.user)
        DossierMessage.objects.create(dossier=dossier, author=fp.user, body=f"m{i}")
        DossierNote.objects.create(dossier=dossier, author=fp.user, body=f"n{i}")
        login_record(fp.user.email)


@pytest.mark.parametrize("rows", [1, 10])
def test_page_query_count_does_not_grow_with_rows(login, django_assert_num_queries, rows):
    """The page reads each kind of data in a fixed number of queries."""
    alice = footprint("alice")
    _more_rows(alice, rows)
    client = login(alice.user)
    with django_assert_num_queries(QUERIES):
        assert client.get(reverse("privacy:my_data")).status_code == 200
