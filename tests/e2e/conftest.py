"""End-to-end tests: Playwright driving Debian's chromium against the live test server."""

import os
import shutil
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from lanterne.accounts.models import User
from lanterne.accounts.two_factor.services import requires_second_factor
from tests.accounts.factories import PASSWORD, enrolled, next_totp_code

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
BLOCKING_IMPACTS = {"serious", "critical"}

# Playwright's sync API runs an event loop in this thread; Django's ORM calls made by the test
# itself (factories) are still synchronous and safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

# Reports every CSP violation of every document of the context to the test (the console
# message Chromium prints is the other witness, checked as well).
_CSP_LISTENER = """
document.addEventListener("securitypolicyviolation", (event) => {
  window.__reportCspViolation(
    `${event.violatedDirective} blocked ${event.blockedURI || "inline"} on ${event.documentURI}`
  );
});
"""


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(autouse=True)
def _database(transactional_db):
    """Rows created by the test are committed, so the live server's thread sees them.

    Overrides the suite's autouse `_database(db)`: a test wrapped in a transaction that is
    never committed would show the browser an empty site.
    """


@pytest.fixture(scope="session")
def browser():
    if not shutil.which(CHROMIUM):
        pytest.fail(f"chromium not found at {CHROMIUM}: run scripts/bootstrap.sh --test")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def open_page(browser, live_server):
    """Open a page in a new browser context (its own cookies: one visitor per context).

    Each page records on itself:
    - `console_errors`: every console message of type error, with the URL it is about;
    - `csp_violations`: every `securitypolicyviolation` event of any document it showed;
    - `foreign_requests`: every request that left the live server (the network is closed,
      and a page must not depend on another origin).
    """
    contexts = []
    origin = live_server.url

    def _open(locale: str = "fr-FR"):
        # Reduced motion: Bootstrap then draws buttons without colour transitions, so that
        # axe-core measures the contrast of a just-clicked button as shown, not mid-fade.
        context = browser.new_context(base_url=origin, locale=locale, reduced_motion="reduce")
        contexts.append(context)
        csp_violations: list[str] = []
        context.expose_binding(
            "__reportCspViolation", lambda source, text: csp_violations.append(text)
        )
        context.add_init_script(_CSP_LISTENER)
        page = context.new_page()
        page.console_errors = []
        page.csp_violations = csp_violations
        page.foreign_requests = []
        page.on(
            "console",
            lambda msg: (
                page.console_errors.append(f"{msg.text} <{msg.location.get('url', '')}>")
                if msg.type == "error"
                else None
            ),
        )
        page.on(
            "request",
            lambda request: (
                page.foreign_requests.append(request.url)
                if not _same_origin(request.url, origin)
                else None
            ),
        )
        return page

    yield _open
    for context in contexts:
        context.close()


def _same_origin(url: str, origin: str) -> bool:
    if url.startswith(("data:", "blob:", "about:")):
        return True
    return urlsplit(url)[:2] == urlsplit(origin)[:2]


@pytest.fixture
def page(open_page):
    return open_page()


def assert_no_csp_violation(page):
    """Neither the browser's console nor a `securitypolicyviolation` event reported one."""
    console = [text for text in page.console_errors if "Content Security Policy" in text]
    assert console == [], console
    assert page.csp_violations == [], page.csp_violations


def assert_clean_console(page, *, allowed: tuple[str, ...] = ()):
    """No CSP violation, no request to another origin, and no console error except messages
    containing one of `allowed` (an expected 404, say)."""
    assert_no_csp_violation(page)
    errors = [e for e in page.console_errors if not any(part in e for part in allowed)]
    assert errors == [], errors
    assert page.foreign_requests == [], page.foreign_requests


def sign_in_with_password(page, email: str, password: str = PASSWORD):
    """The login form's step, as a person would do it."""
    page.goto("/compte/connexion/")
    page.get_by_label("Adresse e-mail").fill(email)
    page.get_by_label("Mot de passe").fill(password)
    page.get_by_role("button", name="Se connecter").click()


def give_totp_code(page, device):
    """The second step: the code the user's authenticator application shows now."""
    expect(page.get_by_role("heading", level=1)).to_have_text("Vérification en deux étapes")
    page.get_by_label("Code à 6 chiffres").fill(next_totp_code(device))
    page.get_by_role("button", name="Vérifier").click()


def sign_in(page, email: str, password: str = PASSWORD):
    """Sign in as a person would: the password, then, for a user with an authenticator
    application, its code. A user whose roles require one and who has none is given one first
    (the enrolment itself is the journey of test_coordinator_sign_in)."""
    user = User.objects.get(email__iexact=email)
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None and requires_second_factor(user):
        device = enrolled(user)
    sign_in_with_password(page, email, password)
    if device is not None:
        give_totp_code(page, device)


@pytest.fixture
def territories(occitanie, hauts_de_france):
    """Occitanie (Toulouse, Montpellier) and Hauts-de-France (Lille), from tests/conftest.py."""
    return {
        "occitanie": occitanie["region"],
        "hauts_de_france": hauts_de_france["region"],
        "toulouse": occitanie["toulouse"],
        "montpellier": occitanie["montpellier"],
        "lille": hauts_de_france["lille"],
    }


_axe = Axe()


@pytest.fixture
def assert_accessible():
    """Run axe-core on the current page; fail on any serious or critical violation."""

    def check(page):
        # The page at rest: no button left hovered by the last click.
        page.mouse.move(0, 0)
        results = _axe.run(page)
        blocking = [
            f"{v['id']} ({v['impact']}): {v['help']} — "
            + "; ".join(node["target"][0] for node in v["nodes"][:3])
            for v in results.response["violations"]
            if v.get("impact") in BLOCKING_IMPACTS
        ]
        assert not blocking, f"axe-core on {page.url}:\n" + "\n".join(blocking)
        return results

    return check
