"""The *attestation sur l'honneur* an applicant ticks to submit a dossier: its text, as the
person reads it when submitting, is recorded with the submission (the submit step of the
dossier's log, whose time is the time of the attestation)."""

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.utils.translation import gettext as _

from lanterne.accounts.models import User

from .models import Dossier


def attestation_text(*, dossier: Dossier, by: User) -> str:
    """The sentence `by` attests by submitting `dossier`, in the active language."""
    return _(
        "Je soussigné·e %(person)s, habilité·e à représenter %(structure)s, atteste sur "
        "l'honneur l'exactitude des informations de ce dossier et des pièces jointes, et "
        "m'engage à signaler à la coordination tout changement qui les modifierait."
    ) % {
        "person": by.get_full_name() or by.email,
        "structure": dossier.applicant.name,
    }


@dataclass(frozen=True)
class Attestation:
    text: str
    at: datetime
    by: User
    # The language the person read and ticked it in: the text is shown as it was attested.
    language: str


def last_attestation(transitions) -> Attestation | None:
    """The attestation of the latest submission among a dossier's `transitions` (its log
    rows, oldest first), if one was recorded."""
    for step in reversed(list(transitions)):
        if step.name == "submit":
            details = step.details or {}
            text = details.get("attestation")
            if not text:
                return None
            language = details.get("attestation_language") or settings.LANGUAGE_CODE
            return Attestation(text=text, at=step.at, by=step.by, language=language)
    return None
