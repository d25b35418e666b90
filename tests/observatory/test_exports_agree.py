"""CSV, XLSX, JSON, PDF and the open-data package carry the same numbers."""

import csv
import io
import json
import re
import zipfile

from django.urls import reverse
from frictionless import Package
from openpyxl import load_workbook
from pypdf import PdfReader

from lanterne.observatory.enums import ReturnState
from tests.network.factories import StructureFactory

from .factories import ReturnFactory, ValueFactory, campaign_with_beneficiaries


def _published_campaign():
    structures = StructureFactory.create_batch(3, pole=True)
    campaign, ind = campaign_with_beneficiaries(structures, published=True)
    figures = [(564_000, 250_000, 14_000, 300_000), (711, 458, 0, 253)]
    for structure, (total, mcac, pi, other) in zip(structures, figures, strict=False):
        value_return = ReturnFactory(
            campaign=campaign, structure=structure, state=ReturnState.ACCEPTED
        )
        for indicator, amount in zip(
            [ind["total"], *ind["parts"]], (total, mcac, pi, other), strict=True
        ):
            ValueFactory(value_return=value_return, indicator=indicator, amount=amount)
        ValueFactory(value_return=value_return, indicator=ind["relays"], amount=1_234)
        ValueFactory(value_return=value_return, indicator=ind["partners"], not_transmitted=True)
    return campaign


def _get(client, campaign, fmt):
    name = "observatory:datapackage" if fmt == "zip" else "observatory:export"
    args = [campaign.slug] if fmt == "zip" else [campaign.slug, fmt]
    response = client.get(reverse(name, args=args))
    assert response.status_code == 200
    if response.streaming:  # CSV and XLSX are streamed
        return b"".join(response.streaming_content)
    return response.content


def _national(rows):
    return {
        row["code"]: (None if row["value"] in ("", None) else int(row["value"]))
        for row in rows
        if row["scope"] == "national"
    }


def test_every_format_carries_the_same_numbers(client, tmp_path):
    """One reading of each file gives the same national figures and the same share."""
    campaign = _published_campaign()
    expected = {
        "beneficiaries": 564_711,
        "mcac": 250_458,
        "pi": 14_000,
        "other": 300_253,
        "relays": 2_468,
        "partners": None,
    }

    from_csv = _national(csv.DictReader(io.StringIO(_get(client, campaign, "csv").decode())))

    data = json.loads(_get(client, campaign, "json"))
    from_json = _national(data["figures"])

    workbook = load_workbook(io.BytesIO(_get(client, campaign, "xlsx")))
    sheet = list(workbook["figures"].iter_rows(values_only=True))
    from_xlsx = _national([dict(zip(sheet[0], row, strict=True)) for row in sheet[1:]])

    archive = zipfile.ZipFile(io.BytesIO(_get(client, campaign, "zip")))
    archive.extractall(tmp_path)
    with open(tmp_path / "figures.csv", encoding="utf-8") as handle:
        from_package = _national(csv.DictReader(handle))

    assert from_csv == from_json == from_xlsx == from_package == expected

    shares = data["shares"]
    assert [(s["numerator"], s["denominator"], s["percent"]) for s in shares] == [
        (264_458, 564_711, "46.8")
    ]
    with open(tmp_path / "shares.csv", encoding="utf-8") as handle:
        assert next(csv.DictReader(handle))["percent_exact"] == shares[0]["percent_exact"]

    text = "\n".join(
        page.extract_text() for page in PdfReader(io.BytesIO(_get(client, campaign, "pdf"))).pages
    )
    text = re.sub(r"[\u202f\u00a0]", " ", text)
    for code, value in expected.items():
        if value is None:
            assert "non transmis" in text
        else:
            assert f"{value:,}".replace(",", " ") in text, code
    assert "46,8 %" in text
    assert "2 sur 3 structures" in text


def test_data_package_validates(client, tmp_path):
    """The open-data package is a valid Frictionless data package under Licence Ouverte 2.0."""
    campaign = _published_campaign()
    zipfile.ZipFile(io.BytesIO(_get(client, campaign, "zip"))).extractall(tmp_path)
    package = Package(str(tmp_path / "datapackage.json"))
    report = package.validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    assert package.licenses[0]["name"] == "etalab-2.0"


def test_files_are_named_attachments_and_the_chart_is_inline(client):
    """Each file downloads under the campaign's name; the chart is shown in the page."""
    campaign = _published_campaign()
    for fmt in ("csv", "xlsx", "json", "pdf"):
        response = client.get(reverse("observatory:export", args=[campaign.slug, fmt]))
        assert response["Content-Disposition"] == (
            f'attachment; filename="{campaign.slug}-panorama.{fmt}"'
        )
        # Read to the end: the test client then closes the response (and the workbook's
        # temporary file) without closing the test's database connection.
        if response.streaming:
            b"".join(response.streaming_content)
    response = client.get(reverse("observatory:datapackage", args=[campaign.slug]))
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"] == (
        f'attachment; filename="{campaign.slug}-datapackage.zip"'
    )
    response = client.get(reverse("observatory:export", args=[campaign.slug, "svg"]))
    assert response["Content-Type"] == "image/svg+xml"
    assert "Content-Disposition" not in response


def test_csv_is_open_data(client):
    """The panorama's CSV is for machines: `,`, no byte order mark, field names as header."""
    campaign = _published_campaign()
    body = _get(client, campaign, "csv").decode("utf-8")
    assert body.startswith("scope,scope_name,code,label_fr,")
    assert "\r\n" not in body


def test_the_rounding_rule_is_in_the_readers_words_on_the_page(client):
    """The panorama page says how shares are rounded in the reader's language, without the
    open data's column names; the data files keep naming their `percent_exact` column."""
    campaign = _published_campaign()
    french = client.get(reverse("observatory:panorama", args=[campaign.slug])).text
    assert "arrondies au plus proche" in french
    english = client.get("/en" + reverse("observatory:panorama", args=[campaign.slug])).text
    assert "rounded to the nearest (half away from zero)" in english
    assert "percent_exact" not in french and "percent_exact" not in english
