"""What every eligibility rule declares, in one place: its code, its default parameters, the form
fields of its parameters (the only schema: the rules page shows them, `call_set_rule` validates
against them), its plain-language description and its check.

A check reads `facts`, which the engine (`lanterne.dossiers.eligibility.Facts`) builds once per
dossier from prefetched relations, already said in the call's vocabulary so that no rule needs
dossier code (calls never import dossiers):

- `facts.call`: the call, with its milestones, required documents and film lists;
- `facts.dossier`: the dossier's own fields (ages, public, first contact, deadline, extension,
  submission moment, returning applicant), its QPVs and communes (with rural zonings);
- `facts.at`: the moment of the evaluation;
- budget: `expenses`, `resources`, `has_expenses`, `has_resources`, `by_funder` (funder code →
  amount requested), `funder_request(funder)`;
- `partner_roles` (role codes), `actions` (planned actions), `action_kinds` (the `ActionKind`s
  they cover), `screenings` ((action, the `FilmListKind` its film must come from) pairs),
  `document_kinds` (the documents attached).

A check returns `(status, message)`; a status is PASS, FAIL or PENDING (the engine turns the
failure of a non-blocking rule into a warning).
"""

from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lanterne.core.choices import choice_label

from ..enums import Funder, RuleCode, RuleStatus

PASS, FAIL, WARNING, PENDING = (
    RuleStatus.PASS.value,
    RuleStatus.FAIL.value,
    RuleStatus.WARNING.value,
    RuleStatus.PENDING.value,
)


class RuleMisconfigured(Exception):
    """A parameter the check needs is missing or unreadable."""


class Rule:
    """One eligibility rule. Subclasses set `code` and `defaults` and write `check` and
    `describe`; a rule with parameters also writes `params_fields` (and `clean_together` for
    what ties two of them)."""

    code: RuleCode
    # The parameters a new call starts with (the 2024 Occitanie call, seed 004). Each call keeps
    # its own copy in `CallRule.params`.
    defaults: dict = {}

    def params_fields(self) -> dict[str, forms.Field]:
        """The form field of each parameter, by name (new fields on each call)."""
        return {}

    def clean_together(self, params: dict) -> None:
        """Raise a `ValidationError` (by field name) for parameters wrong only together."""

    def params(self, stored: dict | None) -> dict:
        """What the check and the description read: a call's parameters over the defaults."""
        return {**self.defaults, **(stored or {})}

    def clean(self, params: dict) -> dict:
        """`params` validated against the rule's fields, as stored in `CallRule.params` (amounts
        as strings: exact); a `ValidationError` by field name otherwise."""
        fields = self.params_fields()
        unknown = sorted(set(params) - set(fields))
        if unknown:
            raise ValidationError(
                {name: _("Ce paramètre n'existe pas pour cette règle.") for name in unknown}
            )
        cleaned, errors = {}, {}
        for name, field in fields.items():
            try:
                cleaned[name] = field.clean(params.get(name, self.defaults.get(name)))
            except ValidationError as error:
                errors[name] = error.messages
        if errors:
            raise ValidationError(errors)
        self.clean_together(cleaned)
        return {name: _stored(value) for name, value in cleaned.items()}

    def check(self, facts, params: dict) -> tuple[str, str]:
        raise NotImplementedError

    def describe(self, params: dict) -> str:
        """What the rule asks of a dossier, in plain language, from its parameters."""
        raise NotImplementedError


def _stored(value):
    return str(value) if isinstance(value, Decimal) else value


def decimal_param(params: dict, key: str) -> Decimal:
    """A number parameter the check cannot do without."""
    try:
        return Decimal(str(params[key]))
    except (KeyError, InvalidOperation) as error:
        raise RuleMisconfigured(key) from error


def decimal_or_none(value) -> Decimal | None:
    """A number parameter to describe: None if it cannot be read."""
    try:
        return Decimal(str(value))
    except (InvalidOperation, TypeError):
        return None


def funder_label(code: str) -> str:
    return choice_label(Funder, code)


def non_negative_int_field(label, maximum=None) -> forms.IntegerField:
    validators = [MaxValueValidator(maximum)] if maximum is not None else []
    return forms.IntegerField(label=label, min_value=0, validators=validators)


def funder_field() -> forms.ChoiceField:
    return forms.ChoiceField(label=gettext_lazy("financeur concerné"), choices=Funder.choices)
