"""The legal forms a structure of the network most often has, as INSEE codes them.

Source: INSEE, « Catégories juridiques » (nomenclature of the Sirene register), levels I and
III, https://www.insee.fr/fr/information/2028129 — only the level-III entries that structures
of the network carry are listed; any other code is named by its level-I family.
"""

from django.utils.translation import gettext_lazy as _

LEVEL_III = {
    "1000": _("Entrepreneur individuel"),
    "5202": _("Société en nom collectif"),
    "5498": _("SARL unipersonnelle"),
    "5499": _("Société à responsabilité limitée (SARL)"),
    "5599": _("Société anonyme à conseil d'administration"),
    "5710": _("Société par actions simplifiée (SAS)"),
    "5720": _("Société par actions simplifiée à associé unique (SASU)"),
    "6220": _("Groupement d'intérêt économique (GIE)"),
    "6540": _("Société civile immobilière"),
    "7210": _("Commune et commune nouvelle"),
    "7220": _("Département"),
    "7230": _("Région"),
    "7343": _("Communauté urbaine"),
    "7344": _("Métropole"),
    "7346": _("Communauté de communes"),
    "7348": _("Communauté d'agglomération"),
    "7361": _("Centre communal d'action sociale"),
    "7389": _("Établissement public national à caractère administratif"),
    "7410": _("Groupement d'intérêt public (GIP)"),
    "7490": _("Autre personne morale de droit administratif"),
    "9210": _("Association non déclarée"),
    "9220": _("Association déclarée"),
    "9221": _("Association déclarée d'insertion par l'économique"),
    "9222": _("Association intermédiaire"),
    "9223": _("Groupement d'employeurs"),
    "9230": _("Association déclarée, reconnue d'utilité publique"),
    "9240": _("Congrégation"),
    "9260": _("Association de droit local (Bas-Rhin, Haut-Rhin et Moselle)"),
    "9300": _("Fondation"),
    "9900": _("Autre personne morale de droit privé"),
}

LEVEL_I = {
    "1": _("Entrepreneur individuel"),
    "2": _("Groupement de droit privé non doté de la personnalité morale"),
    "3": _("Personne morale de droit étranger"),
    "4": _("Personne morale de droit public soumise au droit commercial"),
    "5": _("Société commerciale"),
    "6": _("Autre personne morale immatriculée au RCS"),
    "7": _("Personne morale et organisme soumis au droit administratif"),
    "8": _("Organisme privé spécialisé"),
    "9": _("Groupement de droit privé"),
}

CHOICES = [("", "—"), *sorted(LEVEL_III.items(), key=lambda item: str(item[1]))]


def legal_form_label(code: str) -> str:
    """The legal form in words: its level-III label, else its family's; "" when unknown."""
    code = (code or "").strip()
    if code in LEVEL_III:
        return str(LEVEL_III[code])
    if code[:1] in LEVEL_I:
        return str(LEVEL_I[code[:1]])
    return ""
