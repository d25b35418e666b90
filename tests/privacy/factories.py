"""A person with a little of every kind of personal data Lanterne holds."""

from dataclasses import dataclass

from axes.models import AccessFailureLog, AccessLog
from django.contrib.sessions.backends.db import SessionStore

from lanterne.accounts.models import User
from lanterne.accounts.tokens import api_token_create
from lanterne.core.audit import audit
from lanterne.core.outbox import Message, record
from lanterne.dossiers.enums import AuditAction
from lanterne.dossiers.models import Dossier, DossierMessage, DossierNote
from lanterne.network.models import Structure
from lanterne.observatory.models import ReturnTransition
from tests.accounts.factories import applicant
from tests.dossiers.factories import DossierFactory
from tests.network.factories import AffiliationFactory, PersonFactory
from tests.observatory.factories import ReturnFactory


@dataclass
class Footprint:
    user: User
    structure: Structure
    submitted: Dossier
    draft: Dossier


def signed_in_session(user) -> str:
    store = SessionStore()
    store["_auth_user_id"] = str(user.pk)
    store["_auth_user_backend"] = "django.contrib.auth.backends.ModelBackend"
    store.create()
    return store.session_key


def login_record(email: str, *, failed: bool = False, **fields):
    model = AccessFailureLog if failed else AccessLog
    defaults = {
        "username": email,
        "ip_address": "192.0.2.10",
        "user_agent": "Firefox de test",
        "http_accept": "text/html",
        "path_info": "/compte/connexion/",
    }
    return model.objects.create(**{**defaults, **fields})


def footprint(tag: str) -> Footprint:
    """A person `tag` (their texts carry the tag) with a submitted dossier, a draft, a message,
    a note, a session, an API token, sign-in records, an e-mail, a contact card, an audit event
    and a submitted observatory return."""
    user = applicant(
        email=f"{tag}@example.org", first_name=f"Prénom-{tag}", last_name=tag, language="fr"
    )
    structure = user.memberships.get().structure
    submitted = DossierFactory(
        applicant=structure, created_by=user, title=f"Projet de {tag}", state="submitted"
    )
    draft = DossierFactory(applicant=structure, created_by=user, title=f"Brouillon de {tag}")
    DossierMessage.objects.create(dossier=submitted, author=user, body=f"Message de {tag}")
    DossierNote.objects.create(dossier=submitted, author=user, body=f"Note de {tag}")
    signed_in_session(user)
    api_token_create(user=user, name=f"Jeton de {tag}", by=user)
    login_record(user.email)
    login_record(user.email, failed=True)
    record([Message(to=user.email, subject=f"Courriel pour {tag}", body="…")])
    audit(action=AuditAction.SUBMIT, obj=submitted, by=user)
    AffiliationFactory(
        person=PersonFactory(email=user.email, first_name="Fiche", last_name=f"Contact-{tag}"),
        structure=structure,
    )
    value_return = ReturnFactory(structure=structure, submitted=True)
    ReturnTransition.objects.create(
        value_return=value_return, name="submit", source="draft", target="submitted", by=user
    )
    return Footprint(user=user, structure=structure, submitted=submitted, draft=draft)
