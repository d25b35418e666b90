"""Fictive applicants, speakers and demo accounts. Every row is flagged `is_fictitious`.

Names are invented and placed in real communes; none stands for a real organisation or person.
"""

from dataclasses import dataclass

from lanterne.accounts.enums import Role
from lanterne.network.enums import StructureKind, StructureSubkind

DEMO_PASSWORD = "lanterne-demo"
DEMO_DOMAIN = "lanterne.example"
# The link of a pending invitation of the demonstration (local demonstration only): load_demo
# prints it and sets it pending again.
DEMO_INVITATION_KEY = "demo-invitation-lanterne"
# The accounts whose roles require a second factor come enrolled with this authenticator secret
# (hex; printed in base32 by load_demo, to add to an authenticator application) and this one
# recovery code (single use: rerun load_demo to restore it). Applicants stay unenrolled.
DEMO_TOTP_KEY = "6c616e7465726e652d64656d6f2d746f74702121"
DEMO_RECOVERY_CODE = "abridemo"


@dataclass(frozen=True)
class FictiveStructure:
    slug: str
    name: str
    kind: str
    subkind: str
    commune: str
    is_listed: bool = False
    description: str = ""
    rna: str = ""
    legal_representative_name: str = ""
    legal_representative_role: str = ""


# The associations' RNA numbers are made up: after the département, the prefecture digit is a 9,
# which no prefecture of these départements uses, so none is a real association's number.
APPLICANTS = [
    FictiveStructure(
        "cine-faubourgs",
        "Association Ciné des Faubourgs",
        StructureKind.CULTURAL_ACTOR,
        StructureSubkind.ASSOCIATION,
        "31555",
        is_listed=True,
        description="Ateliers de réalisation et séances en plein air dans les quartiers nord.",
        rna="W319000412",
        legal_representative_name="Martine Ortega",
        legal_representative_role="présidente",
    ),
    FictiveStructure(
        "centre-social-les-tilleuls",
        "Centre social Les Tilleuls",
        StructureKind.PUBLIC_SUPPORT,
        StructureSubkind.SOCIAL_CENTRE,
        "34172",
        legal_representative_name="Karim Benali",
        legal_representative_role="directeur",
    ),
    FictiveStructure(
        "mjc-des-deux-rives",
        "MJC des Deux Rives",
        StructureKind.PUBLIC_SUPPORT,
        StructureSubkind.MJC,
        "30189",
        rna="W309001187",
        legal_representative_name="Odile Fabre",
        legal_representative_role="présidente",
    ),
    FictiveStructure(
        "cine-causses",
        "Ciné-Causses",
        StructureKind.CULTURAL_ACTOR,
        StructureSubkind.CINEMA,
        "48095",
        is_listed=True,
        description="Salle de cinéma associative itinérante en Lozère.",
        rna="W489000233",
        legal_representative_name="Jean-Luc Bastide",
        legal_representative_role="président",
    ),
    FictiveStructure(
        "espace-jeunes-la-passerelle",
        "Espace jeunes La Passerelle",
        StructureKind.PUBLIC_SUPPORT,
        StructureSubkind.YOUTH_SPACE,
        "66136",
    ),
    FictiveStructure(
        "maison-de-quartier-du-moulin",
        "Maison de quartier du Moulin",
        StructureKind.PUBLIC_SUPPORT,
        StructureSubkind.NEIGHBOURHOOD_HOUSE,
        "59512",
    ),
    FictiveStructure(
        "image-en-herbe",
        "Image en herbe",
        StructureKind.CULTURAL_ACTOR,
        StructureSubkind.ASSOCIATION,
        "02691",
        is_listed=True,
        rna="W029000561",
        legal_representative_name="Sophie Lemaire",
        legal_representative_role="co-présidente",
    ),
    FictiveStructure(
        "festival-des-courts-du-gers",
        "Festival des courts du Gers",
        StructureKind.CULTURAL_ACTOR,
        StructureSubkind.FESTIVAL,
        "32013",
        is_listed=True,
        rna="W329000078",
        legal_representative_name="Pierre Castex",
        legal_representative_role="président",
    ),
]


@dataclass(frozen=True)
class DemoUser:
    key: str
    email: str
    first_name: str
    last_name: str
    role: str | None
    structure: str | None  # slug
    label: str
    superuser: bool = False


def _email(local: str) -> str:
    return f"{local}@{DEMO_DOMAIN}"


USERS = [
    DemoUser(
        "admin",
        _email("admin"),
        "Alex",
        "Martin",
        None,
        None,
        "superutilisateur (administration technique)",
        superuser=True,
    ),
    DemoUser(
        "network_admin",
        _email("reseau"),
        "Camille",
        "Durand",
        Role.NETWORK_ADMIN,
        "association-nationale-des-poles",
        "réseau national (observatoire)",
    ),
    DemoUser(
        "coordinator",
        _email("coordination.occitanie"),
        "Inès",
        "Bernard",
        Role.COORDINATOR,
        "la-trame",
        "coordination régionale — Occitanie (La Trame)",
    ),
    DemoUser(
        "coordinator_hdf_north",
        _email("coordination.hdf-nord"),
        "Hugo",
        "Lefebvre",
        Role.COORDINATOR,
        "hors-cadre",
        "coordination régionale — Hauts-de-France nord (Nord, Pas-de-Calais ; Hors Cadre)",
    ),
    DemoUser(
        "coordinator_hdf_south",
        _email("coordination.hdf-sud"),
        "Manon",
        "Dufour",
        Role.COORDINATOR,
        "acap-pole-regional-image",
        "coordination régionale — Hauts-de-France sud (Aisne, Oise, Somme ; ACAP)",
    ),
    DemoUser(
        "coordinator_grand_est",
        _email("pole.grand-est"),
        "Léa",
        "Schmitt",
        Role.COORDINATOR,
        "le-recit",
        "pôle régional — Grand Est (Le RECIT)",
    ),
    DemoUser(
        "applicant",
        _email("porteur"),
        "Sami",
        "Haddad",
        Role.APPLICANT,
        "cine-faubourgs",
        "porteur de projet — Association Ciné des Faubourgs (Toulouse)",
    ),
    DemoUser(
        "applicant_hdf",
        _email("porteur.roubaix"),
        "Julie",
        "Vandamme",
        Role.APPLICANT,
        "maison-de-quartier-du-moulin",
        "porteur de projet — Maison de quartier du Moulin (Roubaix)",
    ),
    DemoUser(
        "committee_drac",
        _email("comite.drac"),
        "Nadia",
        "Roux",
        Role.COMMITTEE_MEMBER,
        "drac-occitanie",
        "comité de sélection — DRAC Occitanie",
    ),
    DemoUser(
        "committee_region",
        _email("comite.region"),
        "Paul",
        "Garcia",
        Role.COMMITTEE_MEMBER,
        "region-occitanie",
        "comité de sélection — Région Occitanie",
    ),
    DemoUser(
        "speaker",
        _email("intervenante"),
        "Maya",
        "Lopez",
        Role.SPEAKER,
        None,
        "intervenante (réalisatrice, ateliers de création)",
    ),
]

SPEAKERS = [
    # (first name, last name, bio, affiliation slug or None)
    (
        "Maya",
        "Lopez",
        "Réalisatrice de documentaires ; ateliers de création audiovisuelle et "
        "tourné-monté avec des 12-17 ans.",
        "cine-faubourgs",
    ),
    ("Yanis", "Benali", "Bruiteur ; ateliers de bruitage et ciné-spectacles.", None),
    (
        "Claire",
        "Fontaine",
        "Animatrice en cinéma d’animation (stop motion, pré-cinéma).",
        "image-en-herbe",
    ),
]
