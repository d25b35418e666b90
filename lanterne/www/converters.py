"""Path converters of the pages."""

from django.urls import register_converter

from lanterne.core.years import is_known_year


class YearConverter:
    """`<year:year>`: four digits naming a year Lanterne knows (`lanterne.core.years`); any
    other is no match, a 404."""

    regex = "[0-9]{4}"

    def to_python(self, value: str) -> int:
        year = int(value)
        if not is_known_year(year):
            raise ValueError(year)
        return year

    def to_url(self, value: int) -> str:
        return f"{value:04d}"


register_converter(YearConverter, "year")
