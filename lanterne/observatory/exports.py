"""Every published form of a panorama, generated from one `Consolidation`.

CSV, XLSX, JSON, the open-data package and the PDF all start from `figure_rows` and
`share_rows`: they cannot disagree. The open-data package follows the Frictionless Data Package
specification (CSV files, Table Schema, `datapackage.json`) under the Licence Ouverte 2.0.
"""

import csv
import io
import json
import zipfile
from base64 import b64encode

from django.template.loader import render_to_string
from django.utils import translation

from .consolidation import NATIONAL, Consolidation

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

FIGURE_FIELDS = [
    ("scope", "string", "« national » ou code INSEE de la région"),
    ("scope_name", "string", "France ou nom de la région"),
    ("code", "string", "code de l'indicateur"),
    ("label_fr", "string", "libellé"),
    ("label_en", "string", "libellé anglais"),
    ("unit", "string", "unité (people, days, hours, count)"),
    ("period_type", "string", "school_year (année scolaire) ou calendar_year (année civile)"),
    ("period", "string", "la période couverte : 2024-2025 ou 2024"),
    ("public_kind", "string", "beneficiaries, relays ou none"),
    ("parent_code", "string", "code du total que l'indicateur décompose"),
    ("value", "integer", "somme des retours acceptés ; vide si aucune structure ne la couvre"),
    ("structures_covered", "integer", "structures dont la valeur est comptée"),
    ("structures_expected", "integer", "structures qui doivent rendre compte"),
    ("structures_not_transmitted", "integer", "structures ayant déclaré « non transmis »"),
    ("previous_value", "integer", "valeur de la campagne précédente"),
]
SHARE_FIELDS = [
    ("group", "string", "groupe (national_programmes : programmes nationaux)"),
    ("total_code", "string", "code du total"),
    ("member_codes", "string", "codes des décompositions additionnées, séparés par « ; »"),
    ("numerator", "integer", "somme des décompositions"),
    ("denominator", "integer", "total"),
    ("percent", "number", "part en %, une décimale (règle d'arrondi : voir la description)"),
    ("percent_exact", "number", "part en %, six décimales"),
]


def figure_rows(campaign, consolidation: Consolidation) -> list[dict]:
    scopes = [(NATIONAL, "France"), *consolidation.regions.items()]
    parents = {i.id: i.code for i in consolidation.indicators}
    rows = []
    for scope, scope_name in scopes:
        for figure in consolidation.figures(scope):
            indicator = figure.indicator
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
                    "parent_code": parents.get(indicator.parent_id, ""),
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
        }
        for share in consolidation.shares
    ]


def _csv(rows: list[dict], fields) -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=[f[0] for f in fields], lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: ("" if v is None else v) for k, v in row.items()})
    return buffer.getvalue().encode("utf-8")


def to_csv(campaign, consolidation: Consolidation) -> bytes:
    return _csv(figure_rows(campaign, consolidation), FIGURE_FIELDS)


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


def to_xlsx(campaign, consolidation: Consolidation) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "figures"
    sheet.append([f[0] for f in FIGURE_FIELDS])
    for row in figure_rows(campaign, consolidation):
        sheet.append([row[f[0]] for f in FIGURE_FIELDS])
    shares = workbook.create_sheet("shares")
    shares.append([f[0] for f in SHARE_FIELDS])
    for row in share_rows(consolidation):
        shares.append(
            [
                float(row[name]) if name.startswith("percent") else row[name]
                for name, _t, _d in SHARE_FIELDS
            ]
        )
    notes = workbook.create_sheet("notes")
    notes.append(["campaign", campaign.name])
    notes.append(["rounding_rule", ROUNDING_RULE])
    notes.append(["licence", LICENCE["title"]])
    notes.append(["method_notes", campaign.method_notes])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _schema(fields) -> dict:
    return {
        "fields": [
            {"name": name, "type": kind, "description": description}
            for name, kind, description in fields
        ],
        "missingValues": [""],
    }


def datapackage_descriptor(campaign) -> dict:
    return {
        "profile": "tabular-data-package",
        "name": f"lanterne-{campaign.slug}",
        "title": campaign.name,
        "description": (campaign.method_notes + "\n\n" + ROUNDING_RULE).strip(),
        "licenses": [LICENCE],
        "resources": [
            {
                "profile": "tabular-data-resource",
                "name": "figures",
                "path": "figures.csv",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": _schema(FIGURE_FIELDS),
            },
            {
                "profile": "tabular-data-resource",
                "name": "shares",
                "path": "shares.csv",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": _schema(SHARE_FIELDS),
            },
        ],
    }


def to_datapackage(campaign, consolidation: Consolidation) -> bytes:
    """A zip holding `datapackage.json`, `figures.csv` and `shares.csv`."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "datapackage.json",
            json.dumps(datapackage_descriptor(campaign), ensure_ascii=False, indent=2),
        )
        archive.writestr("figures.csv", to_csv(campaign, consolidation))
        archive.writestr("shares.csv", _csv(share_rows(consolidation), SHARE_FIELDS))
    return buffer.getvalue()


def chart_svg(campaign, consolidation: Consolidation) -> str:
    """A horizontal bar chart of the beneficiaries' breakdown (national), as SVG text; empty
    when the campaign has no breakdown with figures."""
    import matplotlib

    matplotlib.use("svg")
    from matplotlib import pyplot

    breakdowns = [
        f for f in consolidation.figures() if f.indicator.parent_id and f.total is not None
    ]
    if not breakdowns:
        return ""
    labels = [f.indicator.label_fr if _is_fr() else f.indicator.label_en for f in breakdowns]
    values = [f.total for f in breakdowns]
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


def _is_fr() -> bool:
    return (translation.get_language() or "fr").startswith("fr")


def to_pdf(campaign, consolidation: Consolidation, context: dict) -> bytes:
    """The panorama laid out as a report (WeasyPrint), with the chart and the method notes."""
    from weasyprint import HTML

    svg = chart_svg(campaign, consolidation)
    html = render_to_string(
        "www/observatory/panorama_pdf.html",
        {
            **context,
            "chart_uri": (
                "data:image/svg+xml;base64," + b64encode(svg.encode()).decode() if svg else ""
            ),
        },
    )
    return HTML(string=html).write_pdf()
