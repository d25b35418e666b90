from pathlib import Path

from django.conf import settings

CATALOGUE = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES" / "django.po"


def _entries(text: str):
    """Yield (msgid, msgstrs, flags) for every entry of a .po file (header excluded)."""
    for block in text.split("\n\n"):
        lines = [line for line in block.strip().splitlines() if line]
        if not lines or all(line.startswith("#~") for line in lines):
            continue
        flags = " ".join(line for line in lines if line.startswith("#,"))
        current, msgid, msgstrs = None, "", []
        for line in lines:
            if line.startswith("#"):
                continue
            if line.startswith("msgid "):
                current, msgid = "id", line[6:].strip('"')
            elif line.startswith("msgid_plural "):
                current = "plural"
            elif line.startswith("msgstr"):
                current = "str"
                msgstrs.append(line.split(" ", 1)[1].strip('"'))
            elif line.startswith('"'):
                if current == "id":
                    msgid += line.strip('"')
                elif current == "str":
                    msgstrs[-1] += line.strip('"')
        if msgid:
            yield msgid, msgstrs, flags


def test_every_message_has_an_english_translation():
    """The interface is bilingual: no msgid of the English catalogue is left empty or fuzzy."""
    entries = list(_entries(CATALOGUE.read_text(encoding="utf-8")))
    assert len(entries) > 100
    untranslated = [msgid for msgid, msgstrs, _ in entries if not all(msgstrs)]
    fuzzy = [msgid for msgid, _, flags in entries if "fuzzy" in flags]
    assert untranslated == []
    assert fuzzy == []
