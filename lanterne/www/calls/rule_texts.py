"""Each eligibility rule of a call said in plain French, from its parameters."""

from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from lanterne.calls.enums import Funder, PartnerRole, RuleCode
from lanterne.core.choices import choice_label
from lanterne.core.money import format_euros, format_percent


def _decimal(value) -> Decimal | None:
    try:
        return Decimal(str(value))
    except (InvalidOperation, TypeError):
        return None


def describe_rule(rule) -> str:
    """What the rule asks of a dossier, e.g. « Demande à la DRAC : 5 000,00 € au plus. »."""
    params = rule.params or {}
    funder = choice_label(Funder, params.get("funder", Funder.DRAC))
    match rule.code:
        case RuleCode.GRANT_CEILING:
            amount = _decimal(params.get("max_amount"))
            return _("Subvention demandée à « %(funder)s » : %(amount)s au plus par porteur.") % {
                "funder": funder,
                "amount": format_euros(amount),
            }
        case RuleCode.GRANT_SHARE:
            percent = _decimal(params.get("max_percent"))
            return _(
                "Subvention demandée à « %(funder)s » : %(percent)s au plus du budget total."
            ) % {
                "funder": funder,
                "percent": format_percent(percent / 100, 0) if percent is not None else "—",
            }
        case RuleCode.OTHER_FUNDERS:
            count = int(params.get("min_funders", 1))
            not_counted = ", ".join(choice_label(Funder, f) for f in params.get("not_counted", []))
            text = ngettext(
                "Au moins %(count)d autre financeur doit participer au projet.",
                "Au moins %(count)d autres financeurs doivent participer au projet.",
                count,
            ) % {"count": count}
            if not_counted:
                text += " " + _("Ne comptent pas : %(funders)s.") % {"funders": not_counted}
            return text
        case RuleCode.BUDGET_BALANCED:
            return _("Le budget du projet est équilibré : dépenses et ressources sont égales.")
        case RuleCode.TRIPARTITE:
            roles = " ; ".join(choice_label(PartnerRole, r) for r in params.get("roles", []))
            return _("Le projet associe au moins : %(roles)s.") % {"roles": roles or "—"}
        case RuleCode.PUBLIC:
            text = _("Le public a entre %(low)s et %(high)s ans") % {
                "low": params.get("min_age", "—"),
                "high": params.get("max_age", "—"),
            }
            if params.get("far_from_culture_qualifies", True):
                text += _(" ou est éloigné des pratiques culturelles")
            return text + "."
        case RuleCode.TERRITORY:
            options = []
            if params.get("qpv", True):
                options.append(_("au moins un quartier prioritaire (QPV)"))
            if params.get("rural", True):
                options.append(_("au moins une commune classée ZRR ou FRR au début des actions"))
            return _("Le projet concerne %(options)s.") % {
                "options": _(" ou ").join(str(o) for o in options) or "—"
            }
        case RuleCode.PARCOURS:
            count = int(params.get("min_actions", 3))
            text = ngettext(
                "Le parcours compte au moins %(count)d action",
                "Le parcours compte au moins %(count)d actions",
                count,
            ) % {"count": count}
            if params.get("voir_and_faire", True):
                text += _(" et associe le voir (diffusion) et le faire (pratique)")
            return text + "."
        case RuleCode.FILMS:
            return _("Les films des séances sont choisis dans les listes de l'appel.")
        case RuleCode.FIRST_CONTACT:
            return _("La coordination a été contactée avant la date indiquée au calendrier.")
        case RuleCode.DOCUMENTS:
            return _("Toutes les pièces demandées sont jointes au dossier.")
        case RuleCode.DEADLINE:
            return _("Le dossier est déposé avant la date limite.")
    return ""
