"""The Géoplateforme's geocoder (national address base): addresses matching what was typed.

`ADDRESS_API_URL` (https://data.geopf.fr/geocodage) enables it; `/search?q=…&limit=5` answers
a GeoJSON FeatureCollection whose features carry `label`, `name`, `postcode`, `citycode`,
`city` and a point. Empty setting: no suggestions, the address is typed by hand. Every
failure is `ServiceUnavailable`.
"""

import logging
from dataclasses import dataclass

import requests
from django.conf import settings

from .sirene import ServiceUnavailable

logger = logging.getLogger("lanterne.network.addresses")

__all__ = ["Address", "ServiceUnavailable", "is_configured", "search"]


@dataclass(frozen=True)
class Address:
    label: str
    street: str
    postal_code: str
    commune_code: str
    city: str
    latitude: float | None
    longitude: float | None


def is_configured() -> bool:
    return bool(settings.ADDRESS_API_URL)


def _address(feature: dict) -> Address:
    properties = feature.get("properties") or {}
    coordinates = (feature.get("geometry") or {}).get("coordinates") or [None, None]
    return Address(
        label=properties.get("label", ""),
        street=properties.get("name", ""),
        postal_code=properties.get("postcode", ""),
        commune_code=properties.get("citycode", ""),
        city=properties.get("city", ""),
        longitude=coordinates[0],
        latitude=coordinates[1],
    )


def search(text: str, *, limit: int = 5) -> list[Address]:
    """Up to `limit` addresses matching `text` (at least 3 characters, else none)."""
    text = " ".join(text.split())
    if len(text) < 3:
        return []
    if not is_configured():
        raise ServiceUnavailable("not configured")
    try:
        response = requests.get(
            f"{settings.ADDRESS_API_URL.rstrip('/')}/search",
            params={"q": text[:200], "limit": str(limit)},
            timeout=settings.EXTERNAL_API_TIMEOUT,
        )
        response.raise_for_status()
        features = response.json()["features"]
        return [_address(feature) for feature in features[:limit]]
    except (requests.RequestException, ValueError, KeyError, TypeError, IndexError) as error:
        # What was typed is an address: it stays out of the logs.
        logger.warning("Address service unavailable: %s", type(error).__name__)
        raise ServiceUnavailable(type(error).__name__) from error
