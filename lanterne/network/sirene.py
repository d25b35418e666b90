"""INSEE's API Sirene (3.11): an establishment's name, address, commune, legal form and (for an
association Sirene has it of) RNA number from its SIRET, as the State's dossier platform fills
its forms.

`SIRENE_API_URL` and `SIRENE_API_KEY` (the integration key of portail-api.insee.fr, sent in
the `X-INSEE-Api-Key-Integration` header) enable it; without a key, `is_configured()` is false
and the forms are filled by hand. Every failure (timeout, refusal, unexpected answer) is
`ServiceUnavailable`: the form says so and lets the person type.
"""

import logging
from dataclasses import dataclass

import requests
from django.conf import settings
from django.core.exceptions import ValidationError

from .legal_forms import legal_form_label
from .validators import normalise_rna

logger = logging.getLogger("lanterne.network.sirene")

# The street types INSEE abbreviates (nomenclature of Sirene's `typeVoieEtablissement`).
STREET_TYPES = {
    "ALL": "allée",
    "AV": "avenue",
    "BD": "boulevard",
    "CHE": "chemin",
    "CRS": "cours",
    "IMP": "impasse",
    "PL": "place",
    "QUA": "quai",
    "RTE": "route",
    "RUE": "rue",
    "SQ": "square",
}


class ServiceUnavailable(Exception):
    """The service did not answer usefully: entry by hand."""


@dataclass(frozen=True)
class Establishment:
    siret: str
    name: str
    acronym: str
    address: str
    address_complement: str
    postal_code: str
    commune_code: str
    commune_name: str
    legal_form: str
    is_closed: bool
    # The association's RNA number, which Sirene carries for the associations it knows that
    # way (most have none there). Sirene names no legal representative: that is typed.
    rna: str = ""

    @property
    def legal_form_label(self) -> str:
        return legal_form_label(self.legal_form)


def is_configured() -> bool:
    return bool(settings.SIRENE_API_URL and settings.SIRENE_API_KEY)


_SMALL_WORDS = {"de", "du", "des", "la", "le", "les", "et", "au", "aux", "d", "l", "en", "sur"}


def _words(text: str) -> str:
    """« DU GRAND CHEMIN » as people write it: « du Grand Chemin »."""
    return " ".join(
        w if w in _SMALL_WORDS else w[:1].upper() + w[1:] for w in (text or "").lower().split()
    )


def _address(address: dict) -> str:
    street_type = address.get("typeVoieEtablissement") or ""
    parts = [
        address.get("numeroVoieEtablissement") or "",
        (address.get("indiceRepetitionEtablissement") or "").lower(),
        STREET_TYPES.get(street_type.upper(), street_type.lower()),
        _words(address.get("libelleVoieEtablissement") or ""),
    ]
    number = "".join(parts[:2])
    return " ".join(p for p in [number, *parts[2:]] if p).strip()


def _rna(value) -> str:
    """The RNA number if Sirene gives a well-formed one; anything else is left to be typed."""
    try:
        return normalise_rna(value) if isinstance(value, str) and value else ""
    except ValidationError:
        return ""


def parse(payload: dict) -> Establishment:
    """The establishment of a `/siret/{siret}` answer."""
    etablissement = payload["etablissement"]
    unit = etablissement.get("uniteLegale") or {}
    address = etablissement.get("adresseEtablissement") or {}
    periods = etablissement.get("periodesEtablissement") or [{}]
    current = periods[0] or {}
    person = " ".join(p for p in (unit.get("prenom1UniteLegale"), unit.get("nomUniteLegale")) if p)
    name = (
        current.get("denominationUsuelleEtablissement")
        or current.get("enseigne1Etablissement")
        or unit.get("denominationUniteLegale")
        or person
        or ""
    )
    return Establishment(
        siret=etablissement.get("siret", ""),
        name=name,
        acronym=unit.get("sigleUniteLegale") or "",
        address=_address(address),
        address_complement=(address.get("complementAdresseEtablissement") or "").title(),
        postal_code=address.get("codePostalEtablissement") or "",
        commune_code=address.get("codeCommuneEtablissement") or "",
        commune_name=(address.get("libelleCommuneEtablissement") or "").title(),
        legal_form=unit.get("categorieJuridiqueUniteLegale") or "",
        is_closed=current.get("etatAdministratifEtablissement") == "F",
        rna=_rna(unit.get("identifiantAssociationUniteLegale")),
    )


def establishment(siret: str) -> Establishment | None:
    """The establishment of this (valid) SIRET, None if Sirene does not know it."""
    if not is_configured():
        raise ServiceUnavailable("not configured")
    url = f"{settings.SIRENE_API_URL.rstrip('/')}/siret/{siret}"
    try:
        response = requests.get(
            url,
            headers={
                "X-INSEE-Api-Key-Integration": settings.SIRENE_API_KEY,
                "Accept": "application/json",
            },
            timeout=settings.EXTERNAL_API_TIMEOUT,
        )
        if response.status_code == 404:
            return None
        response.raise_for_status()
        return parse(response.json())
    except (requests.RequestException, ValueError, KeyError, TypeError) as error:
        # The SIRET of an organisation is not personal data; the error class says enough.
        logger.warning("Sirene unavailable: %s", type(error).__name__)
        raise ServiceUnavailable(str(type(error).__name__)) from error
