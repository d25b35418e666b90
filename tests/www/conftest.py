import re

import pytest

from tests.network.factories import StructureFactory
from tests.territories.factories import CommuneFactory, DepartementFactory, RegionFactory

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
STYLE_ATTRIBUTE = re.compile(r"<[^>]+\sstyle\s*=", re.IGNORECASE)
STYLE_ELEMENT = re.compile(r"<style[\s>]", re.IGNORECASE)


def assert_csp_compliant(response):
    """The page carries the CSP header and nothing the strict policy would block."""
    assert "Content-Security-Policy" in response.headers
    policy = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    html = response.content.decode()
    # <script type="application/json"> (json_script) is data, not code.
    scripts = [s for s in INLINE_SCRIPT.findall(html) if "application/json" not in s]
    assert scripts == [], scripts
    assert not STYLE_ATTRIBUTE.search(html), STYLE_ATTRIBUTE.search(html)
    assert not STYLE_ELEMENT.search(html)


@pytest.fixture
def occitanie():
    """Occitanie with Haute-Garonne (Toulouse) and Hérault (Montpellier)."""
    region = RegionFactory(code="76", name="Occitanie")
    haute_garonne = DepartementFactory(code="31", name="Haute-Garonne", region=region)
    herault = DepartementFactory(code="34", name="Hérault", region=region)
    return {
        "region": region,
        "toulouse": CommuneFactory(
            code="31555",
            name="Toulouse",
            departement=haute_garonne,
            latitude=43.6045,
            longitude=1.4440,
        ),
        "montpellier": CommuneFactory(
            code="34172",
            name="Montpellier",
            departement=herault,
            latitude=43.6109,
            longitude=3.8772,
        ),
    }


@pytest.fixture
def hauts_de_france():
    region = RegionFactory(code="32", name="Hauts-de-France")
    nord = DepartementFactory(code="59", name="Nord", region=region)
    return {
        "region": region,
        "lille": CommuneFactory(
            code="59350", name="Lille", departement=nord, latitude=50.6292, longitude=3.0573
        ),
    }


def make_structures(count: int, **kwargs):
    return StructureFactory.create_batch(count, **kwargs)
