"""Path converters of the pages."""

from django.urls import register_converter

# The years the pages know: a year out of them (0, 99999) is a page that does not exist, a 404,
# before a view builds a day of it (`date(0, 1, 1)` is an error) or a query with it.
FIRST_YEAR = 1900
LAST_YEAR = 2999


class YearConverter:
    regex = "[0-9]{4}"

    def to_python(self, value: str) -> int:
        year = int(value)
        if not FIRST_YEAR <= year <= LAST_YEAR:
            raise ValueError(year)  # no match: 404
        return year

    def to_url(self, value: int) -> str:
        return f"{value:04d}"


register_converter(YearConverter, "year")
