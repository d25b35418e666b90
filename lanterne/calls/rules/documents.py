"""Every document the call asks for is attached (some only from returning applicants)."""

from django.utils.translation import gettext as _

from lanterne.core.typography import listed

from ..enums import RuleCode
from .base import FAIL, PASS, Rule


class Documents(Rule):
    code = RuleCode.DOCUMENTS

    def check(self, facts, params):
        required = [
            document
            for document in facts.call.required_documents.all()
            if not document.returning_only or facts.dossier.is_returning
        ]
        missing = [d.display_label for d in required if d.kind not in facts.document_kinds]
        if missing:
            return FAIL, _("Pièces manquantes : %(documents)s.") % {"documents": listed(missing)}
        return PASS, _("Toutes les pièces demandées sont jointes.")

    def describe(self, params):
        return _("Toutes les pièces demandées sont jointes au dossier.")
