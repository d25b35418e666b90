"""The years Lanterne knows: calls, projects and campaigns are dated within them. A year out
of them, in an address or a query, names nothing (a 404, or a 400 for a filter) rather than
reaching a `date()` (year 0 is an error) or an integer column (a five-digit year overflows
a PostgreSQL smallint)."""

FIRST_YEAR = 1900
LAST_YEAR = 2999


def is_known_year(year: int) -> bool:
    return FIRST_YEAR <= year <= LAST_YEAR
