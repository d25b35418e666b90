"""PDFs fetch nothing from the network: only data: URIs are read."""

import io
import socket

from django.template import engines
from pypdf import PdfReader

from lanterne.core import pdf

# A 1×1 PNG.
PIXEL = (
    "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk"
    "+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)


def test_only_data_uris_are_read(monkeypatch, settings, tmp_path):
    """An image in a data: URI is drawn; an http one is refused without any connection."""
    connections = []

    def connect(*args, **kwargs):
        connections.append(args)
        raise OSError("no network in tests")

    monkeypatch.setattr(socket, "create_connection", connect)
    monkeypatch.setattr(socket.socket, "connect", connect)
    html = (
        f'<html><body><p>Fiche</p><img src="{PIXEL}">'
        '<img src="http://example.invalid/x.png"></body></html>'
    )
    monkeypatch.setattr(
        pdf, "render_to_string", lambda *a, **k: engines["django"].from_string(html).render()
    )
    body = pdf.render_pdf("unused.html", {})
    assert connections == []
    reader = PdfReader(io.BytesIO(body))
    assert "Fiche" in reader.pages[0].extract_text()
    assert len(reader.pages[0].images) == 1
