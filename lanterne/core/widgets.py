from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe


class Select(forms.Select):
    """A single <select> rendered in Python.

    Django renders each <option> through a template: about 75 µs an option, so the
    101 départements alone cost ~8 ms a page. Groups and multiple selection are not supported:
    use Django's widget for those.
    """

    def render(self, name, value, attrs=None, renderer=None):
        attributes = self.build_attrs(self.attrs, attrs)
        attributes["name"] = name
        values = value if isinstance(value, list | tuple) else [value]
        selected = {str(v) for v in values if v is not None}
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (option, " selected" if str(option) in selected else "", label)
                for option, label in self.choices
            ),
        )
        return format_html("<select{}>{}</select>", flatatt(attributes), options)


def _attributes(attrs: dict) -> str:
    """The attributes as Django's `attrs.html` writes them, in their order: `True` bare,
    `False` left out."""
    # Each piece is escaped by format_html.
    return mark_safe(
        "".join(
            format_html(" {}", name) if value is True else format_html(' {}="{}"', name, value)
            for name, value in attrs.items()
            if value is not False
        )
    )


class _PythonInput:
    """An <input> rendered in Python, with the same markup as Django's `input.html`."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]  # type: ignore[attr-defined]
        shown = "" if widget["value"] is None else format_html(' value="{}"', widget["value"])
        return format_html(
            '<input type="{}" name="{}"{}{}>',
            widget["type"],
            widget["name"],
            shown,
            _attributes(widget["attrs"]),
        )


class TextInput(_PythonInput, forms.TextInput):
    """Django's text input without its two templates per field."""


class Textarea(forms.Textarea):
    """Django's textarea rendered in Python, with the same markup as `textarea.html`."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        return format_html(
            '<textarea name="{}"{}>\n{}</textarea>',
            widget["name"],
            _attributes(widget["attrs"]),
            widget["value"] or "",
        )
