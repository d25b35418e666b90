import re

from tests.network.factories import StructureFactory

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


def make_structures(count: int, **kwargs):
    return StructureFactory.create_batch(count, **kwargs)
