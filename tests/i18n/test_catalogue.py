"""The English catalogue is complete: no entry untranslated or fuzzy, none twice, and every
literal string the templates and the code mark for translation has its entry."""

import re
from pathlib import Path

import django
from django.conf import settings

from .catalogue import read_po

ROOT = Path(settings.BASE_DIR)
CATALOGUE = ROOT / "locale" / "en" / "LC_MESSAGES" / "django.po"

TEMPLATE_STRING = re.compile(r"""\{%\s*(?:translate|trans)\s+(["'])(.*?)\1""")
CODE_STRING = re.compile(
    r"""\b(?:_|gettext|gettext_lazy)\(\s*(["'])((?:(?!\1)[^\\\n]|\\.)*)\1\s*\)"""
)


def test_no_entry_is_untranslated_or_fuzzy():
    entries = read_po(CATALOGUE)
    assert len(entries) > 1000  # the reader read the catalogue
    untranslated = [f"line {e.line}: {e.msgid!r}" for e in entries if e.untranslated]
    fuzzy = [f"line {e.line}: {e.msgid!r}" for e in entries if e.fuzzy]
    assert untranslated == [], "untranslated entries:\n" + "\n".join(untranslated)
    assert fuzzy == [], "fuzzy entries:\n" + "\n".join(fuzzy)


def test_no_entry_is_written_twice():
    seen: dict[tuple, int] = {}
    twice = []
    for entry in read_po(CATALOGUE):
        key = (entry.msgctxt, entry.msgid)
        if key in seen:
            twice.append(f"lines {seen[key]} and {entry.line}: {entry.msgid!r}")
        seen.setdefault(key, entry.line)
    assert twice == []


def _django_strings() -> set[str]:
    """Strings Django and its contrib apps translate themselves (the admin's « Home »…)."""
    base = Path(django.__file__).parent
    strings: set[str] = set()
    paths = [
        *base.glob("conf/locale/en/LC_MESSAGES/django*.po"),
        *base.glob("contrib/*/locale/en/LC_MESSAGES/django*.po"),
    ]
    for path in paths:
        strings |= {entry.msgid for entry in read_po(path)}
    return strings


def _marked_strings():
    for path in sorted((ROOT / "lanterne" / "templates").glob("**/*.*")):
        if path.suffix in {".html", ".txt"}:
            for match in TEMPLATE_STRING.finditer(path.read_text(encoding="utf-8")):
                yield match.group(2), path
    for path in sorted((ROOT / "lanterne").glob("**/*.py")):
        if "migrations" in path.parts or "demo" in path.parts:
            continue  # migrations freeze texts; the demo's data is content, not interface
        for match in CODE_STRING.finditer(path.read_text(encoding="utf-8")):
            yield match.group(2).replace("\\'", "'").replace('\\"', '"'), path


def test_every_marked_string_has_an_entry():
    known = {entry.msgid for entry in read_po(CATALOGUE)} | _django_strings()
    missing = sorted(
        {
            f"{path.relative_to(ROOT)}: {text!r}"
            for text, path in _marked_strings()
            if text not in known
        }
    )
    assert missing == [], "strings missing from the catalogue:\n" + "\n".join(missing)
