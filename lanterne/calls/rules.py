"""The rules a call applies, as data: each call keeps its own `CallRule` rows (a code from
`RuleCode`, parameters, blocking or not), and the eligibility engine
(`lanterne.dossiers.eligibility`) evaluates a dossier against them."""

from .enums import Funder, PartnerRole, RuleCode

# The parameters a new call starts with: the 2024 Occitanie call (seed 004). Each call keeps
# its own copy in `CallRule.params`; the engine reads only the call's copy.
DEFAULT_PARAMS: dict[str, dict] = {
    RuleCode.GRANT_CEILING: {"funder": Funder.DRAC.value, "max_amount": "5000.00"},
    RuleCode.GRANT_SHARE: {"funder": Funder.DRAC.value, "max_percent": "60"},
    RuleCode.OTHER_FUNDERS: {
        "min_funders": 1,
        "not_counted": [Funder.DRAC.value, Funder.OWN_FUNDS.value],
    },
    RuleCode.BUDGET_BALANCED: {},
    RuleCode.TRIPARTITE: {
        "roles": [
            PartnerRole.CULTURAL.value,
            PartnerRole.PUBLIC_SUPPORT.value,
            PartnerRole.DIFFUSION.value,
        ]
    },
    RuleCode.PUBLIC: {"min_age": 12, "max_age": 25, "far_from_culture_qualifies": True},
    RuleCode.TERRITORY: {"qpv": True, "rural": True},
    RuleCode.PARCOURS: {"min_actions": 3, "voir_and_faire": True},
    RuleCode.FILMS: {},
    RuleCode.FIRST_CONTACT: {},
    RuleCode.DOCUMENTS: {},
    RuleCode.DEADLINE: {},
}
