"""PDFs are HTML templates rendered by WeasyPrint, with nothing fetched from the network."""

from django.http import HttpResponse
from django.template.loader import render_to_string
from weasyprint import HTML
from weasyprint.urls import URLFetchingError


def _no_network(url: str, timeout: int = 10, ssl_context=None):
    # Everything a PDF shows is in its HTML (styles inline, images as data: URIs): a template
    # that points elsewhere is a mistake, and user content must never make the server fetch.
    if url.startswith("data:"):
        from weasyprint.urls import default_url_fetcher

        return default_url_fetcher(url, timeout=timeout, ssl_context=ssl_context)
    raise URLFetchingError(f"PDF resources are not fetched: {url[:80]}")


def render_pdf(template: str, context: dict, request=None) -> bytes:
    html = render_to_string(template, context, request=request)
    return HTML(string=html, url_fetcher=_no_network).write_pdf()


def pdf_response(pdf: bytes, filename: str, *, inline: bool = False) -> HttpResponse:
    response = HttpResponse(pdf, content_type="application/pdf")
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response
