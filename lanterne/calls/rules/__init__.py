"""The rules a call applies, as data: each call keeps its own `CallRule` rows (a code from
`RuleCode`, parameters, blocking or not); the eligibility engine
(`lanterne.dossiers.eligibility`) evaluates a dossier against them.

Each rule is one module here, declaring together its code, default parameters, parameter form
fields, plain-language description and check (see `base.Rule`). The engine, the rules page,
the public call page, `call_set_rule` and a new call's defaults all read `RULES`.

The rules live in `calls`, not in `dossiers`, because calls must not import dossiers and the
call's services need them (a new call's defaults, validating parameters); their checks read
only the `Facts` the dossiers engine hands them (see `base`).
"""

from ..enums import RuleCode
from .base import Rule, RuleMisconfigured
from .budget_balanced import BudgetBalanced
from .deadline import Deadline
from .documents import Documents
from .films import Films
from .first_contact import FirstContact
from .grant_ceiling import GrantCeiling
from .grant_share import GrantShare
from .other_funders import OtherFunders
from .parcours import Parcours
from .public import Public
from .territory import Territory
from .tripartite import Tripartite

__all__ = ["DEFAULT_PARAMS", "ORDER", "RULES", "Rule", "RuleMisconfigured", "describe_rule"]

# In the order the engine, the pages and the exports list them.
RULES: dict[str, Rule] = {
    rule.code: rule
    for rule in (
        GrantCeiling(),
        GrantShare(),
        OtherFunders(),
        BudgetBalanced(),
        Tripartite(),
        Public(),
        Territory(),
        Parcours(),
        Films(),
        FirstContact(),
        Documents(),
        Deadline(),
    )
}
assert list(RULES) == list(RuleCode.values), "one rule per RuleCode, in its order"

ORDER = {code: index for index, code in enumerate(RULES)}

# The parameters a new call starts with; each call keeps its own copy in `CallRule.params`.
DEFAULT_PARAMS: dict[str, dict] = {code: rule.defaults for code, rule in RULES.items()}


def describe_rule(call_rule) -> str:
    """What a call's rule asks of a dossier, e.g. « Demande à la DRAC : 5 000,00 € au plus. »."""
    rule = RULES.get(call_rule.code)
    return rule.describe(rule.params(call_rule.params)) if rule is not None else ""
