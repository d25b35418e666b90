"""What a list's query string may say: ids, years and page numbers are bounded integers, so
that a value out of range (`?year=99999999999`, `?call=1e400`, an id past a bigint, a page
past the last) is a 400 naming its parameter, the same on SQLite and PostgreSQL, instead of
an overflow in the database driver."""

from django import forms
from django.core.exceptions import ValidationError as FormValidationError
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema_field
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import PageNumberPagination

from lanterne.core.years import FIRST_YEAR, LAST_YEAR

# Primary keys are BigAutoField.
MAX_ID = 2**63 - 1


@extend_schema_field({"type": "integer", "format": "int64", "minimum": 1, "maximum": MAX_ID})
class IdFilter(filters.NumberFilter):
    """An object's identifier (a positive bigint)."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(*args, **kwargs)


@extend_schema_field({"type": "integer", "minimum": FIRST_YEAR, "maximum": LAST_YEAR})
class YearFilter(filters.NumberFilter):
    """A year Lanterne knows (`lanterne.core.years`)."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", FIRST_YEAR)
        kwargs.setdefault("max_value", LAST_YEAR)
        kwargs.setdefault("help_text", _("Année."))
        super().__init__(*args, **kwargs)


class StrictBooleanField(forms.NullBooleanField):
    """`true` or `false` (or 1 / 0); anything else is refused, where Django's field would read
    it as "no filter"."""

    TRUE = ("true", "True", "1")
    FALSE = ("false", "False", "0")

    def to_python(self, value):
        if value in (None, ""):
            return None
        if value in self.TRUE or value is True:
            return True
        if value in self.FALSE or value is False:
            return False
        raise FormValidationError(_("Indiquez « true » ou « false »."), code="invalid")


class BooleanFilter(filters.BooleanFilter):
    """A yes-or-no filter that refuses what is neither (a 400)."""

    field_class = StrictBooleanField

    def __init__(self, *args, **kwargs):
        # django-filter's BooleanWidget would turn what is neither into "no filter".
        kwargs["widget"] = forms.TextInput
        super().__init__(*args, **kwargs)


class Pagination(PageNumberPagination):
    """DRF's page numbers, where a page that does not exist is a 400 on `page` (the query is
    wrong), as any other parameter out of range, rather than a 404 (the list exists)."""

    def paginate_queryset(self, queryset, request, view=None):
        try:
            return super().paginate_queryset(queryset, request, view)
        except NotFound as error:
            raise ValidationError({self.page_query_param: [error.detail]}) from error

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_query_param:
                parameter["schema"]["minimum"] = 1
        return parameters
