"""Every published form of a panorama, generated from one `Consolidation`.

CSV, XLSX, JSON, the open-data package and the PDF all start from `figure_rows` and
`share_rows`: they cannot disagree. The CSV, XLSX and package are written by
`lanterne.core.exports` from the tables below, in its open-data dialect (`,`, `.`, UTF-8, the
columns' keys as the header line). The open-data package follows the Frictionless Data Package
specification (CSV files, Table Schema, `datapackage.json`) under the Licence Ouverte 2.0.
"""

import io
from base64 import b64encode

from django.utils.translation import gettext_lazy

from lanterne.core.exports import (
    DECIMAL,
    INTEGER,
    TEXT,
    Column,
    Table,
    data_dictionary,
    datapackage_zip,
)
from lanterne.core.pdf import render_pdf

from .consolidation import NATIONAL, Consolidation
from .enums import PeriodType, PublicKind, ShareGroup, Unit

LICENCE = {
    "name": "etalab-2.0",
    "title": "Licence Ouverte / Open Licence 2.0",
    "path": "https://www.etalab.gouv.fr/licence-ouverte-open-licence/",
}
ROUNDING_RULE = (
    "Les valeurs sont exactes. Les parts sont affichées en pourcentage à une décimale, arrondies "
    "au plus proche (la moitié s'éloignant de zéro), à partir de la fraction exacte ; la colonne "
    "percent_exact donne six décimales."
)
# The same rule in the reader's words, for the page and the PDF (no column name there).
ROUNDING_RULE_TEXT = gettext_lazy(
    "Les valeurs sont exactes. Les parts sont affichées en pourcentage à une décimale, arrondies "
    "au plus proche (la moitié s'éloignant de zéro), à partir de la fraction exacte."
)

# The open data's field names are the columns' keys (stable across campaigns); the headers,
# in French like the descriptions, are their titles in the Table Schema.
FIGURE_COLUMNS = [
    Column("scope", "Périmètre", TEXT, "« national » ou code INSEE de la région"),
    Column("scope_name", "Nom du périmètre", TEXT, "France ou nom de la région"),
    Column("code", "Code de l'indicateur", TEXT, "code de l'indicateur"),
    Column("label_fr", "Libellé", TEXT, "libellé"),
    Column("label_en", "Libellé anglais", TEXT, "libellé anglais"),
    Column("unit", "Unité", TEXT, "unité (people, days, hours, count)"),
    Column(
        "period_type",
        "Type de période",
        TEXT,
        "school_year (année scolaire) ou calendar_year (année civile)",
    ),
    Column("period", "Période", TEXT, "la période couverte : 2024-2025 ou 2024"),
    Column("public_kind", "Public", TEXT, "beneficiaries, relays ou none"),
    Column("parent_code", "Code du total", TEXT, "code du total que l'indicateur décompose"),
    Column(
        "value",
        "Valeur",
        INTEGER,
        "somme des retours acceptés ; vide si aucune structure ne la couvre",
    ),
    Column(
        "structures_covered",
        "Structures comptées",
        INTEGER,
        "structures dont la valeur est comptée",
    ),
    Column(
        "structures_expected",
        "Structures attendues",
        INTEGER,
        "structures qui doivent rendre compte",
    ),
    Column(
        "structures_not_transmitted",
        "Structures « non transmis »",
        INTEGER,
        "structures ayant déclaré « non transmis »",
    ),
    Column(
        "previous_value",
        "Valeur précédente",
        INTEGER,
        "valeur de la campagne précédente",
    ),
]
SHARE_COLUMNS = [
    Column("group", "Groupe", TEXT, "groupe (national_programmes : programmes nationaux)"),
    Column("total_code", "Code du total", TEXT, "code du total"),
    Column(
        "member_codes",
        "Codes des décompositions",
        TEXT,
        "codes des décompositions additionnées, séparés par « ; »",
    ),
    Column("numerator", "Numérateur", INTEGER, "somme des décompositions"),
    Column("denominator", "Dénominateur", INTEGER, "total"),
    Column(
        "percent",
        "Part (%)",
        DECIMAL,
        "part en %, une décimale (règle d'arrondi : voir la description)",
    ),
    Column("percent_exact", "Part exacte (%)", DECIMAL, "part en %, six décimales"),
    Column(
        "structures_counted",
        "Structures comptées",
        INTEGER,
        "structures ayant transmis le total et chaque décomposition : la part ne compte qu'elles",
    ),
    Column(
        "structures_expected",
        "Structures attendues",
        INTEGER,
        "structures qui doivent rendre compte",
    ),
]
NOTE_COLUMNS = [Column("name", "Nom"), Column("value", "Valeur")]


def figure_rows(campaign, consolidation: Consolidation) -> list[dict]:
    scopes = [(NATIONAL, "France"), *consolidation.regions.items()]
    parents = {i.id: i.code for i in consolidation.indicators}
    rows = []
    for scope, scope_name in scopes:
        for figure in consolidation.figures(scope):
            indicator = figure.indicator
            parent_id = indicator.parent_id
            rows.append(
                {
                    "scope": scope or "national",
                    "scope_name": scope_name,
                    "code": indicator.code,
                    "label_fr": indicator.label_fr,
                    "label_en": indicator.label_en,
                    "unit": indicator.unit,
                    "period_type": indicator.period_type,
                    "period": campaign.period_label(indicator.period_type),
                    "public_kind": indicator.public_kind,
                    "parent_code": parents.get(parent_id, "") if parent_id is not None else "",
                    "value": figure.total,
                    "structures_covered": figure.covered,
                    "structures_expected": figure.expected,
                    "structures_not_transmitted": figure.not_transmitted,
                    "previous_value": figure.previous_total if scope == NATIONAL else None,
                }
            )
    return rows


def share_rows(consolidation: Consolidation) -> list[dict]:
    return [
        {
            "group": share.group,
            "total_code": share.total_code,
            "member_codes": ";".join(share.member_codes),
            "numerator": share.numerator,
            "denominator": share.denominator,
            "percent": str(share.percent),
            "percent_exact": share.percent_exact,
            "structures_counted": share.structures_counted,
            "structures_expected": share.structures_expected,
        }
        for share in consolidation.shares
    ]


def figures_table(campaign, consolidation: Consolidation) -> Table:
    return Table("figures", FIGURE_COLUMNS, figure_rows(campaign, consolidation))


def shares_table(consolidation: Consolidation) -> Table:
    return Table("shares", SHARE_COLUMNS, share_rows(consolidation))


def notes_table(campaign) -> Table:
    """The campaign's name, rounding rule, licence and method, as name–value lines."""
    rows = [
        ("campaign", campaign.name),
        ("rounding_rule", ROUNDING_RULE),
        ("licence", LICENCE["title"]),
        ("method_notes", campaign.method_notes),
    ]
    return Table("notes", NOTE_COLUMNS, [{"name": n, "value": v} for n, v in rows], header=False)


def panorama_tables(campaign, consolidation: Consolidation) -> list[Table]:
    """The workbook's sheets: figures, shares, notes and the data dictionary (each coded
    column's codes with their labels in the reader's language)."""
    figures, shares = figures_table(campaign, consolidation), shares_table(consolidation)
    return [figures, shares, notes_table(campaign), dictionary_table(consolidation)]


def dictionary_table(consolidation: Consolidation) -> Table:
    indicators = [(i.code, i.label) for i in consolidation.indicators]
    scopes = [("national", "France"), *consolidation.regions.items()]
    return data_dictionary(
        [Table("figures", FIGURE_COLUMNS, []), Table("shares", SHARE_COLUMNS, [])],
        {
            "scope": scopes,
            "code": indicators,
            "parent_code": indicators,
            "total_code": indicators,
            "member_codes": indicators,
            "unit": Unit.choices,
            "period_type": PeriodType.choices,
            "public_kind": PublicKind.choices,
            "group": ShareGroup.choices,
        },
    )


def to_json(campaign, consolidation: Consolidation) -> dict:
    return {
        "campaign": {
            "name": campaign.name,
            "slug": campaign.slug,
            "school_year": campaign.school_year,
            "calendar_year": campaign.calendar_year,
            "published": campaign.is_published,
            "illustrative_returns": campaign.illustrative_returns,
            "structures_expected": consolidation.expected,
            "method_notes": campaign.method_notes,
        },
        "rounding_rule": ROUNDING_RULE,
        "licence": LICENCE,
        "figures": figure_rows(campaign, consolidation),
        "shares": share_rows(consolidation),
    }


def to_datapackage(campaign, consolidation: Consolidation) -> bytes:
    """A zip holding `datapackage.json`, `figures.csv` and `shares.csv`."""
    return datapackage_zip(
        [figures_table(campaign, consolidation), shares_table(consolidation)],
        name=f"lanterne-{campaign.slug}",
        title=campaign.name,
        description=(campaign.method_notes + "\n\n" + ROUNDING_RULE).strip(),
        licence=LICENCE,
    )


def chart_svg(campaign, consolidation: Consolidation) -> str:
    """A horizontal bar chart of the beneficiaries' breakdown (national), as SVG text; empty
    when the campaign has no breakdown with figures."""
    import matplotlib

    matplotlib.use("svg")
    from matplotlib import pyplot

    bars = [
        (f.indicator.label, f.total)
        for f in consolidation.figures()
        if f.indicator.parent_id and f.total is not None
    ]
    if not bars:
        return ""
    labels = [label for label, _total in bars]
    values = [total for _label, total in bars]
    figure, axes = pyplot.subplots(figsize=(8, 0.5 + 0.45 * len(values)))
    try:
        axes.barh(labels[::-1], values[::-1], color="#1f4e79")
        for index, value in enumerate(values[::-1]):
            axes.text(value, index, f" {value:,}".replace(",", "\u202f"), va="center", fontsize=8)
        axes.spines[["top", "right"]].set_visible(False)
        axes.tick_params(labelsize=8)
        axes.set_xlim(0, max(values) * 1.2 or 1)
        figure.tight_layout()
        buffer = io.StringIO()
        figure.savefig(buffer, format="svg", metadata={"Date": None})
    finally:
        pyplot.close(figure)
    return buffer.getvalue()


def to_pdf(campaign, consolidation: Consolidation, context: dict) -> bytes:
    """The panorama laid out as a report (WeasyPrint), with the chart and the method notes."""
    svg = chart_svg(campaign, consolidation)
    return render_pdf(
        "pdf/panorama.html",
        {
            **context,
            "chart_uri": (
                "data:image/svg+xml;base64," + b64encode(svg.encode()).decode() if svg else ""
            ),
        },
    )
