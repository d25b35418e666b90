"""School holidays of the place of an action, from the `holidays` library (mainland zones A,
B and C since 2017-2018). Overseas régions and Corsica have their own calendars, which the
library does not carry: no school-holiday constraint is applied there."""

import datetime
from functools import lru_cache

import holidays

# Région (COG code) → school zone, by the académies of the région (2016 régions).
SCHOOL_ZONE_OF_REGION = {
    "11": "Zone C",  # Île-de-France
    "24": "Zone B",  # Centre-Val de Loire
    "27": "Zone A",  # Bourgogne-Franche-Comté
    "28": "Zone B",  # Normandie
    "32": "Zone B",  # Hauts-de-France
    "44": "Zone B",  # Grand Est
    "52": "Zone B",  # Pays de la Loire
    "53": "Zone B",  # Bretagne
    "75": "Zone A",  # Nouvelle-Aquitaine
    "76": "Zone C",  # Occitanie
    "84": "Zone A",  # Auvergne-Rhône-Alpes
    "93": "Zone B",  # Provence-Alpes-Côte d'Azur
}


@lru_cache(maxsize=64)
def _zone_year(zone: str, year: int) -> frozenset[datetime.date]:
    calendar = holidays.France(years=year, subdiv=zone, categories=("school",))
    return frozenset(calendar.keys())


def school_holidays(region_code: str | None, days: list[datetime.date]) -> frozenset[datetime.date]:
    """The days among `days` that fall in the school holidays of the région's zone."""
    zone = SCHOOL_ZONE_OF_REGION.get(region_code or "")
    if zone is None:
        return frozenset()
    found: set[datetime.date] = set()
    for year in {day.year for day in days}:
        found |= _zone_year(zone, year)
    return frozenset(day for day in days if day in found)
