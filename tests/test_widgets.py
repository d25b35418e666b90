from django import forms

from lanterne.core.widgets import Select


class ExampleForm(forms.Form):
    choice = forms.ChoiceField(
        label="Choix",
        choices=[("", "Tous"), ("2A", "Corse-du-Sud"), ("a&b", "<A & B>")],
        required=False,
        widget=Select,
    )


def html(widget_html: str) -> str:
    return " ".join(widget_html.split())


def test_renders_like_django_select_with_the_value_selected():
    """Same markup as Django's Select: id, name, escaped labels, the bound value selected."""
    rendered = html(str(ExampleForm({"choice": "2A"})["choice"]))
    assert rendered.startswith("<select ") and rendered.endswith("</select>")
    assert 'name="choice"' in rendered and 'id="id_choice"' in rendered
    assert '<option value="2A" selected>Corse-du-Sud</option>' in rendered
    assert '<option value="a&amp;b">&lt;A &amp; B&gt;</option>' in rendered
    assert '<option value="">Tous</option>' in rendered


def test_nothing_selected_when_unbound():
    assert " selected" not in str(ExampleForm()["choice"])
