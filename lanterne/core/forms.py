"""Form fields shared by every page."""

import re

from django import forms

_SPACES = re.compile(r"[\s\u00a0\u202f]")


class TypedDecimalField(forms.DecimalField):
    """A decimal read as people type it in French: « 1 234,56 », « 1234.56 », « 4 000 € »,
    « 60 % » (any space, a unit sign, a decimal comma or point)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("localize", True)
        super().__init__(**kwargs)

    def to_python(self, value):
        if isinstance(value, str):
            value = _SPACES.sub("", value).removesuffix("€").removesuffix("%")
        return super().to_python(value)


class EurosField(TypedDecimalField):
    """Euros with cents."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_digits", 12)
        kwargs.setdefault("decimal_places", 2)
        super().__init__(**kwargs)


def money_field(label, *, required=True, help_text="", min_value=0):
    return EurosField(label=label, required=required, min_value=min_value, help_text=help_text)
