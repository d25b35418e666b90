"""No link leads to a missing page or an error: signed in as each role of the demo, a bounded
crawl from the main pages (home, lists) follows every internal link it meets — a few pages of
each kind, so that one detail of each kind is opened — and none answers 404 or 500."""

import re
from collections import deque
from html import unescape
from io import StringIO
from urllib.parse import urldefrag, urlsplit

from django.core.management import call_command
from django.urls import Resolver404, resolve

from lanterne.accounts.models import User
from lanterne.demo import fictive

SEEDS = [
    "/accueil/",
    "/annuaire/",
    "/carte/",
    "/appels/",
    "/dossiers/",
    "/comites/",
    "/projets/",
    "/observatoire/",
]
# Files (built on request, some slow) and places outside the pages: not crawled.
SKIPPED = re.compile(
    r"^/(static|media|api|admin|i18n|sante)/|/deconnexion/|"
    r"\.(pdf|xlsx|csv|zip|ics|geojson|json|svg|ods)(\?|$)"
)
HREF = re.compile(r'<a\b[^>]*\bhref="([^"]+)"', re.IGNORECASE)
PER_VIEW = 2  # pages opened per kind of page (view): a list, one or two details
PER_ROLE = 45  # pages opened per role, at most


def _links(html: str) -> list[str]:
    links = []
    for raw in HREF.findall(html):
        url, _fragment = urldefrag(unescape(raw))
        parts = urlsplit(url)
        if parts.scheme or parts.netloc or not url.startswith("/"):
            continue
        if SKIPPED.search(url):
            continue
        links.append(url)
    return links


def _view_name(url: str) -> str:
    try:
        return resolve(urlsplit(url).path).view_name
    except Resolver404:
        return url  # a link to nothing: crawled on its own, it answers 404 and is reported


def _crawl(client) -> tuple[list[tuple[str, int, str]], int]:
    """Breadth first from the seeds; returns the failures (url, status, found on) and the
    number of pages opened."""
    queue = deque((seed, "(départ)") for seed in SEEDS)
    seen: set[str] = set()
    per_view: dict[str, int] = {}
    failures = []
    opened = 0
    while queue and opened < PER_ROLE:
        url, found_on = queue.popleft()
        if url in seen:
            continue
        seen.add(url)
        view = _view_name(url)
        if per_view.get(view, 0) >= PER_VIEW:
            continue
        per_view[view] = per_view.get(view, 0) + 1
        response = client.get(url)
        opened += 1
        if response.status_code in (404, 500) or response.status_code >= 500:
            failures.append((url, response.status_code, found_on))
            continue
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        for link in _links(response.content.decode()):
            if link not in seen:
                queue.append((link, url))
    return failures, opened


def test_no_link_of_the_demo_leads_to_a_404_or_an_error(client, login):
    """Every demo role: no internal link met on the main pages and the pages they lead to
    answers 404 or 500."""
    call_command("load_demo", stdout=StringIO(), stderr=StringIO())
    client.raise_request_exception = False
    report = {}
    for demo_user in fictive.USERS:
        client.logout()
        login(User.objects.get(email=demo_user.email))
        failures, opened = _crawl(client)
        assert opened >= len(SEEDS) // 2, (demo_user.email, opened)
        if failures:
            report[demo_user.email] = failures
    client.logout()
    failures, _opened = _crawl(client)
    if failures:
        report["anonymous"] = failures
    assert report == {}
