"""A local stand-in for INSEE's API Sirene and the Géoplateforme geocoder: an http.server in a
thread that answers with the documented JSON shapes. No test reaches the network."""

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

# GET /siret/{siret} of API Sirene 3.11 (fields the client reads, as INSEE names them).
SIRENE_ETABLISSEMENT = {
    "header": {"statut": 200, "message": "ok"},
    "etablissement": {
        "siren": "732829320",
        "nic": "00074",
        "siret": "73282932000074",
        "uniteLegale": {
            "denominationUniteLegale": "ASSOCIATION CINE FAUBOURG",
            "sigleUniteLegale": "ACF",
            "categorieJuridiqueUniteLegale": "9220",
            "nomUniteLegale": None,
            "prenom1UniteLegale": None,
            "identifiantAssociationUniteLegale": "W595012345",
        },
        "adresseEtablissement": {
            "complementAdresseEtablissement": None,
            "numeroVoieEtablissement": "12",
            "indiceRepetitionEtablissement": None,
            "typeVoieEtablissement": "RUE",
            "libelleVoieEtablissement": "DU GRAND CHEMIN",
            "codePostalEtablissement": "59100",
            "libelleCommuneEtablissement": "ROUBAIX",
            "codeCommuneEtablissement": "59512",
        },
        "periodesEtablissement": [
            {
                "dateFin": None,
                "etatAdministratifEtablissement": "A",
                "enseigne1Etablissement": None,
                "denominationUsuelleEtablissement": None,
            }
        ],
    },
}

# GET /search?q=…&limit=5 of the Géoplateforme geocoder: a GeoJSON FeatureCollection.
GEOCODER_RESULTS = {
    "type": "FeatureCollection",
    "features": [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [3.1746, 50.6942]},
            "properties": {
                "label": "12 Rue du Grand Chemin 59100 Roubaix",
                "score": 0.97,
                "housenumber": "12",
                "name": "12 Rue du Grand Chemin",
                "postcode": "59100",
                "citycode": "59512",
                "city": "Roubaix",
                "context": "59, Nord, Hauts-de-France",
                "type": "housenumber",
            },
        }
    ],
}


class StandIn:
    """What the stand-in answers and what it was asked."""

    def __init__(self):
        self.requests: list[dict] = []
        self.status = 200
        self.delay = 0.0
        self.body: bytes | None = None
        self.url = ""


def serve():
    state = StandIn()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            parts = urlsplit(self.path)
            state.requests.append(
                {"path": parts.path, "query": parse_qs(parts.query), "headers": dict(self.headers)}
            )
            if state.delay:
                time.sleep(state.delay)
            if state.body is not None:
                body, status = state.body, state.status
            elif parts.path.startswith("/siret/"):
                known = parts.path.endswith("/73282932000074")
                status = state.status if known else 404
                body = json.dumps(
                    SIRENE_ETABLISSEMENT
                    if known
                    else {"header": {"statut": 404, "message": "Aucun élément trouvé"}}
                ).encode()
            elif parts.path == "/search":
                status, body = state.status, json.dumps(GEOCODER_RESULTS).encode()
            else:
                status, body = 404, b"{}"
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    state.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server, state
