from django import forms

from lanterne.core import widgets
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


class InputsForm(forms.Form):
    text = forms.CharField(
        label="Texte", max_length=12, widget=widgets.TextInput(attrs={"size": 4})
    )
    long = forms.CharField(label="Long", required=False, widget=widgets.Textarea(attrs={"rows": 2}))


class DjangoInputsForm(forms.Form):
    text = forms.CharField(label="Texte", max_length=12, widget=forms.TextInput(attrs={"size": 4}))
    long = forms.CharField(label="Long", required=False, widget=forms.Textarea(attrs={"rows": 2}))


def test_text_input_and_textarea_write_exactly_djangos_markup():
    """Byte for byte Django's templates, bound or not, escaped, with errors and help text."""
    for data in (None, {"text": 'a "b" <c> & d trop long', "long": "<b>x</b>\nligne"}, {}):
        ours, theirs = InputsForm(data), DjangoInputsForm(data)
        if data is not None:
            ours.is_valid(), theirs.is_valid()
        for name in ("text", "long"):
            assert str(ours[name]) == str(theirs[name])
    assert 'value="a &quot;b&quot; &lt;c&gt; &amp; d trop long"' in str(
        InputsForm({"text": 'a "b" <c> & d trop long'})["text"]
    )
