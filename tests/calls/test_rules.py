"""Each eligibility rule is declared in one place (code, defaults, parameter fields, text,
check), and a call stores only parameters that its rule's fields accept."""

import pytest

from lanterne.calls import services
from lanterne.calls.enums import RuleCode
from lanterne.calls.models import CallRule
from lanterne.calls.rules import DEFAULT_PARAMS, RULES, describe_rule
from lanterne.core.services import ServiceError
from tests.calls.factories import CallFactory, call_coordinator


def test_one_rule_per_code_in_the_codes_order():
    """The registry holds every rule code once, in the order pages and exports list them."""
    assert list(RULES) == list(RuleCode.values)
    assert {code: rule.code for code, rule in RULES.items()} == {c: c for c in RuleCode.values}
    assert {code: rule.defaults for code, rule in RULES.items()} == DEFAULT_PARAMS


@pytest.mark.parametrize("code", RuleCode.values)
def test_defaults_are_exactly_the_parameters_the_fields_accept(code):
    """A rule's defaults name each of its fields once and clean to themselves."""
    rule = RULES[code]
    assert set(rule.defaults) == set(rule.params_fields())
    assert rule.clean(rule.defaults) == rule.defaults


@pytest.mark.parametrize("code", RuleCode.values)
def test_every_rule_says_what_it_asks(code):
    """The public call page reads each rule's text from its own parameters."""
    rule = RULES[code]
    text = describe_rule(CallRule(code=code, params=rule.defaults))
    assert text and text.endswith(".")


def test_texts_follow_the_call_parameters():
    text = describe_rule(
        CallRule(code=RuleCode.GRANT_CEILING, params={"funder": "region", "max_amount": "4500"})
    )
    assert "Région" in text and "4\xa0500,00" in text.replace(" €", "\xa0€")


def _set(call, code, params):
    services.call_set_rule(
        call=call,
        by=call_coordinator(call),
        code=code,
        enabled=True,
        is_blocking=True,
        params=params,
    )


def test_parameters_are_stored_as_their_fields_clean_them():
    """Amounts are kept as exact strings; a parameter left out takes the rule's default."""
    call = CallFactory()
    _set(call, RuleCode.GRANT_CEILING, {"max_amount": "4 500,50"})
    assert call.rules.get(code=RuleCode.GRANT_CEILING).params == {
        "funder": "drac",
        "max_amount": "4500.50",
    }


@pytest.mark.parametrize(
    ("code", "params", "named"),
    [
        (RuleCode.GRANT_CEILING, {"funder": "drac", "max_amount": "-5"}, "montant maximum"),
        (RuleCode.GRANT_SHARE, {"funder": "drac", "max_percent": "101"}, "part maximum"),
        (RuleCode.GRANT_CEILING, {"funder": "nobody", "max_amount": "10"}, "financeur"),
        (RuleCode.PUBLIC, {"min_age": 18, "max_age": 12}, "âge maximum"),
        (RuleCode.PARCOURS, {"min_actions": 3, "colour": "blue"}, "colour"),
        (RuleCode.FILMS, {"max_amount": "5000"}, "max_amount"),
    ],
)
def test_parameters_outside_the_rule_schema_are_refused(code, params, named):
    """`call_set_rule` refuses what the rule's fields refuse, naming the parameter, and keeps
    what was stored."""
    call = CallFactory()
    before = call.rules.get(code=code).params
    with pytest.raises(ServiceError) as refusal:
        _set(call, code, params)
    assert any(named in message for message in refusal.value.messages)
    assert call.rules.get(code=code).params == before


def test_unknown_rule_is_refused():
    call = CallFactory()
    with pytest.raises(ServiceError):
        _set(call, "no_such_rule", {})
    assert not call.rules.filter(code="no_such_rule").exists()
