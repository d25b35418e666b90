"""The rules editor of a call is one form: every rule is saved together, or — one refused —
none is, every rule shown as typed with each error beside its field and linked from the top."""

from html.parser import HTMLParser

from django.urls import reverse

from lanterne.calls.models import CallRule
from tests.calls.factories import CallFactory, call_coordinator


class _FormData(HTMLParser):
    """What a browser would send from the page's main form (inputs, selects, textareas)."""

    def __init__(self):
        super().__init__()
        self.data: list[tuple[str, str]] = []
        self._select = None
        self._textarea = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        name = a.get("name")
        if tag == "input" and name and name != "csrfmiddlewaretoken":
            kind = a.get("type", "text")
            if kind in ("checkbox", "radio"):
                if "checked" in a:
                    self.data.append((name, a.get("value", "on")))
            elif kind != "submit":
                self.data.append((name, a.get("value", "")))
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select and "selected" in a:
            self.data.append((self._select, a.get("value", "")))
        elif tag == "textarea" and name:
            self._textarea = name
            self.data.append((name, ""))

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            name, value = self.data.pop()
            self.data.append((name, value + data))


def _page_data(html: str) -> dict:
    parser = _FormData()
    parser.feed(html[html.index("<main") :])
    data: dict = {}
    for name, value in parser.data:
        data.setdefault(name, []).append(value)
    return data


def test_all_rules_are_one_form_saved_together(login):
    """One submit button for every rule; changing two rules at once saves both."""
    call = CallFactory()
    client = login(call_coordinator(call))
    url = reverse("calls:rules", args=[call.slug])
    page = client.get(url).text
    assert page.count("Enregistrer les règles") == 1
    assert "Enregistrer cette règle" not in page
    assert page.count('<form method="post" novalidate>') == 1
    data = _page_data(page)
    data["rule-grant_ceiling-max_amount"] = ["4500,50"]
    data.pop("rule-films-enabled", None)
    response = client.post(url, data)
    assert response.status_code == 302
    assert CallRule.objects.get(call=call, code="grant_ceiling").params["max_amount"] == "4500.50"
    assert not CallRule.objects.filter(call=call, code="films").exists()


def test_one_refused_rule_saves_none_and_keeps_everything_typed(login):
    """A negative ceiling refuses the whole form: the other change is not saved either, every
    value is shown as typed, the error beside its field and linked from the summary."""
    call = CallFactory()
    before = {rule.code: (rule.params, rule.is_blocking) for rule in call.rules.all()}
    client = login(call_coordinator(call))
    url = reverse("calls:rules", args=[call.slug])
    data = _page_data(client.get(url).text)
    data["rule-grant_ceiling-max_amount"] = ["-5"]
    data.pop("rule-films-enabled", None)
    response = client.post(url, data)
    assert response.status_code == 200
    text = response.text
    assert 'value="-5"' in text
    assert 'id="rules-errors"' in text
    assert 'href="#id_rule-grant_ceiling-max_amount"' in text
    assert 'id="id_rule-films-enabled"' in text
    films_box = text[text.index('id="id_rule-films-enabled"') - 200 :][:400]
    assert "checked" not in films_box
    after = {rule.code: (rule.params, rule.is_blocking) for rule in call.rules.all()}
    assert after == before


def test_another_coordination_cannot_edit_the_rules(login):
    """A coordinator of another call's coordination does not reach this editor."""
    call = CallFactory()
    other = CallFactory(region__code="11", region__name="Île-de-France")
    client = login(call_coordinator(other))
    response = client.post(
        reverse("calls:rules", args=[call.slug]),
        {"rule-films-is_blocking": "1"},
    )
    assert response.status_code in (403, 404)
    assert CallRule.objects.filter(call=call, code="films").exists()
