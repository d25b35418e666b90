"""Wide tables scroll inside a region that the keyboard reaches (tabindex 0) and that is named
(by the table's caption): at 390 px a keyboard user can scroll every table of the site."""

import re
from pathlib import Path

import lanterne

TEMPLATES = Path(lanterne.__file__).parent / "templates"
# Small two-column tables that never overflow, and documents that are not pages.
NARROW = {"www/home/_counts_by_kind.html", "www/calls/dossiers.html#1"}
REGION = re.compile(
    r'<div class="[^"]*\b(table-responsive|map-table-wrapper)\b[^"]*"[^>]*>', re.DOTALL
)


def page_templates():
    for path in sorted(TEMPLATES.rglob("*.html")):
        relative = path.relative_to(TEMPLATES).as_posix()
        if relative.startswith(("pdf/", "admin/")) or "/pdf" in relative:
            continue
        yield relative, path.read_text()


def test_every_table_of_a_page_scrolls_in_a_focusable_named_region():
    missing = []
    for relative, text in page_templates():
        for number, table in enumerate(re.finditer(r"<table\b", text)):
            if relative in NARROW or f"{relative}#{number + 1}" in NARROW:
                continue
            before = text[: table.start()].rsplit("</table>", 1)[-1]
            regions = list(REGION.finditer(before))
            if not regions:
                missing.append(f"{relative}: table {number + 1} has no scroll region")
                continue
            region = regions[-1].group(0)
            if 'tabindex="0"' not in region or 'role="region"' not in region:
                missing.append(f"{relative}: table {number + 1}: region not focusable")
            elif "aria-label" not in region:
                missing.append(f"{relative}: table {number + 1}: region has no name")
    assert missing == []
