"""A small reader of gettext catalogues (.po), with the standard library only."""

import ast
import re
from dataclasses import dataclass, field
from pathlib import Path

KEYWORD = re.compile(r'^(msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+(".*")\s*$')


@dataclass
class Entry:
    msgid: str = ""
    msgid_plural: str | None = None
    msgctxt: str | None = None
    msgstrs: dict[str, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)
    line: int = 0

    @property
    def fuzzy(self) -> bool:
        return "fuzzy" in self.flags

    @property
    def untranslated(self) -> bool:
        return not self.msgstrs or any(not text for text in self.msgstrs.values())


def _string(literal: str) -> str:
    return ast.literal_eval(literal)


def read_po(path: Path) -> list[Entry]:
    """Every entry of `path` but the header and obsolete ones (`#~`)."""
    entries: list[Entry] = []
    current: Entry | None = None
    flags: set[str] = set()
    last_key = None

    def close():
        nonlocal current
        if current is not None:
            entries.append(current)
        current = None

    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line:
            close()
            last_key = None
            continue
        if line.startswith("#~"):
            continue
        if line.startswith("#,"):
            close()
            flags |= {flag.strip() for flag in line[2:].split(",") if flag.strip()}
            continue
        if line.startswith("#"):
            continue
        match = KEYWORD.match(line)
        if match:
            key, literal = match.groups()
            starts = key == "msgctxt" or (key == "msgid" and (current is None or current.msgstrs))
            if starts:
                close()
            if current is None:
                current = Entry(flags=flags, line=number)
                flags = set()
            value = _string(literal)
            if key == "msgctxt":
                current.msgctxt = value
            elif key == "msgid":
                current.msgid = value
            elif key == "msgid_plural":
                current.msgid_plural = value
            else:
                current.msgstrs[key] = value
            last_key = key
        elif line.startswith('"') and current is not None and last_key:
            value = _string(line)
            if last_key == "msgctxt":
                current.msgctxt = (current.msgctxt or "") + value
            elif last_key == "msgid":
                current.msgid += value
            elif last_key == "msgid_plural":
                current.msgid_plural = (current.msgid_plural or "") + value
            else:
                current.msgstrs[last_key] += value
    close()
    return [entry for entry in entries if entry.msgid]
