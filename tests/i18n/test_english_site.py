"""The English site as each demo role reads it: no French sentence outside proper nouns and
people's own content, no French punctuation (« Commune : », « a ; b », « » quotes), and no
code (an enum's value, a rule's code) where words are expected.

The crawl is bounded and deterministic: from the home page, same-site pages in English are
visited breadth first, links in sorted order, at most `PAGES_PER_ROLE` per role; files
(exports, PDFs, calendars), the admin, the API and sign-out are not followed."""

import io
import re
from collections import deque
from urllib.parse import urlsplit

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import models
from django.test import Client

from lanterne.accounts.models import User
from lanterne.demo import fictive
from tests.accounts.factories import pass_second_factor

from .visible import french_punctuation, looks_french, text_nodes, visible_lines

pytestmark = pytest.mark.django_db

PAGES_PER_ROLE = 25
NOT_FOLLOWED = re.compile(
    r"/(admin|api|static|media)/|deconnexion|logout|setlang|export|telecharger|\.(pdf|csv|xlsx|"
    r"ics|json|zip|svg)|/pdf|/recu|/document|/fichier|/ical|/donnees-ouvertes|/datapackage"
)
# Proper nouns that look French to the detector and are names in English too.
PROPER_NOUNS = (
    "Passeurs d'images",
    "Passeurs d’images",
    "Ma classe au cinéma",
    "Collège au cinéma",
    "Lycéens et apprentis au cinéma",
    "École et cinéma",
    "Des cinés, la vie",
    "Licence Ouverte",
)
# People's content: whatever the demo's rows say in their text fields (names, titles,
# intentions, comments), and the names of territories.
CONTENT_APPS = ("network", "calls", "dossiers", "committee", "projects", "observatory")


def _enum_codes() -> set[str]:
    """Every TextChoices value of the project that reads as a code (snake_case)."""
    codes = set()
    for config in apps.get_app_configs():
        if not config.name.startswith("lanterne."):
            continue
        for model in config.get_models():
            for field in model._meta.get_fields():
                for value, _label in getattr(field, "flatchoices", None) or ():
                    if isinstance(value, str) and "_" in value:
                        codes.add(value)
    from lanterne.calls.enums import RuleCode

    return codes | {code for code in RuleCode.values if "_" in code}


def _people_content() -> list[str]:
    texts: set[str] = set()
    for label in CONTENT_APPS:
        for model in apps.get_app_config(label).get_models():
            fields = [
                f.name
                for f in model._meta.concrete_fields
                if isinstance(f, models.CharField | models.TextField) and not f.choices
            ]
            for row in model.objects.values_list(*fields) if fields else ():
                texts.update(value for value in row if isinstance(value, str) and len(value) > 2)
    from lanterne.territories.models import Departement, Region

    texts.update(Region.objects.values_list("name", flat=True))
    texts.update(Departement.objects.values_list("name", flat=True))
    texts.update(User.objects.values_list("first_name", flat=True))
    texts.update(User.objects.values_list("last_name", flat=True))
    texts.update(PROPER_NOUNS)
    texts.update(demo_user.label for demo_user in fictive.USERS)
    lines = {line.strip() for text in texts for line in text.splitlines() if len(line.strip()) > 2}
    return sorted(lines, key=len, reverse=True)


def _links(html: str) -> list[str]:
    found = set()
    for href in re.findall(r'href="([^"#]+)', html):
        parts = urlsplit(href)
        if parts.scheme or parts.netloc or not parts.path.startswith("/en/"):
            continue
        if NOT_FOLLOWED.search(parts.path):
            continue
        found.add(parts.path)
    return sorted(found)


def _crawl(client, start="/en/"):
    seen, queue, pages = {start}, deque([start]), []
    while queue and len(pages) < PAGES_PER_ROLE:
        url = queue.popleft()
        response = client.get(url, follow=True)
        assert response.status_code < 500, url
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        html = response.content.decode()
        pages.append((url, html))
        for link in _links(html):
            if link not in seen:
                seen.add(link)
                queue.append(link)
    return pages


def _offences(url: str, html: str, content: list[str], codes: re.Pattern) -> list[str]:
    found = []
    for node in text_nodes(html):
        if codes.search(node):
            found.append(f"{url}: code in « {node[:120]} »")
        stripped = node
        for text in content:
            if text in stripped:
                stripped = stripped.replace(text, " ")
        if looks_french(stripped):
            found.append(f"{url}: French « {node[:120]} »")
    # French punctuation around translated words (« Commune : », « a ; b »): people's content
    # gives way to a mark that is not a space, so that a colon after a name still counts.
    for line in visible_lines(html):
        stripped = line
        for text in content:
            if text in stripped:
                stripped = stripped.replace(text, "◊")
        for mark in french_punctuation(stripped):
            found.append(f"{url}: French punctuation « {mark} » in « {line[:120]} »")
    return found


def test_the_english_site_is_english_for_every_demo_role(client):
    call_command("load_demo", verbosity=0)
    content = _people_content()
    codes = re.compile(r"\b(" + "|".join(sorted(map(re.escape, _enum_codes()))) + r")\b")
    offences: list[str] = []
    visited = 0
    for demo_user in fictive.USERS:
        user = User.objects.get(email=demo_user.email)
        client.logout()
        client.force_login(user)
        pass_second_factor(client, user)
        for url, html in _crawl(client):
            visited += 1
            offences += _offences(url, html, content, codes)
    client.logout()
    for url, html in _crawl(client):
        visited += 1
        offences += _offences(url, html, content, codes)
    assert visited > 3 * len(fictive.USERS)
    assert offences == [], "\n".join(sorted(set(offences)))
    # The detector does see French: the same home page in French is caught.
    french = Client().get("/", follow=True, HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert any(looks_french(node) for node in text_nodes(french, "fr"))
    _export_headers_have_no_codes(client, codes)


def _export_headers_have_no_codes(client, codes: re.Pattern) -> None:
    """The committee export of each demo call, in both languages, and the panorama workbook:
    headers are words; the workbook's data dictionary gives each code its label."""
    from django.urls import reverse
    from django.utils import translation
    from openpyxl import load_workbook

    from lanterne.calls.models import Call
    from lanterne.observatory.models import Campaign

    coordinator = User.objects.get(email=fictive.USERS[2].email)  # Occitanie's coordination
    client.force_login(coordinator)
    pass_second_factor(client, coordinator)
    calls = [
        call
        for call in Call.objects.visible_to(coordinator).order_by("pk")
        if coordinator.has_perm("calls.export_call", call)
    ]
    assert calls
    for call in calls:
        for prefix in ("", "/en"):
            with translation.override("fr"):
                url = prefix + reverse("calls:export", args=[call.slug, "csv"])
            response = client.get(url)
            assert response.status_code == 200
            header = b"".join(response.streaming_content).decode("utf-8-sig").splitlines()[0]
            assert not codes.search(header), header
    admin = User.objects.get(email=fictive.USERS[0].email)
    client.force_login(admin)
    pass_second_factor(client, admin)
    campaign = Campaign.objects.filter(is_published=True).first()
    with translation.override("fr"):
        url = "/en" + reverse("observatory:export", args=[campaign.slug, "xlsx"])
    response = client.get(url)
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    dictionary = workbook["data dictionary"]
    rows = list(dictionary.iter_rows(values_only=True))
    by_key = {(row[0], row[1]): row for row in rows[1:]}
    assert "school_year : school year" in by_key[("figures", "period_type")][4].lower()
    assert "beneficiaries : beneficiaries" in by_key[("figures", "code")][4].lower()
