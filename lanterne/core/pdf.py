"""PDFs are HTML templates rendered by WeasyPrint, with nothing fetched from the network."""

from django.http.response import HttpResponseBase
from django.template.loader import render_to_string
from weasyprint import HTML
from weasyprint.urls import URLFetcher

from .exports import export_response


class _NoNetwork(URLFetcher):
    """Reads `data:` URIs and nothing else.

    Everything a PDF shows is in its HTML (styles inline, images as data: URIs): a template
    that points elsewhere is a mistake, and user content must never make the server fetch.
    Any other URL is refused (WeasyPrint logs it and leaves the resource out)."""

    def __init__(self):
        super().__init__(allowed_protocols=("data",), allow_redirects=False)


def render_pdf(template: str, context: dict, request=None) -> bytes:
    html = render_to_string(template, context, request=request)
    return HTML(string=html, url_fetcher=_NoNetwork()).write_pdf()


def pdf_response(pdf: bytes, filename: str, *, inline: bool = False) -> HttpResponseBase:
    return export_response(pdf, "pdf", filename, inline=inline)
