"""The real 2024-2025 network, from public documents only.

Sources: the *Panorama national 2024-2025 des pôles régionaux* (17 structures in 10 régions, with
their websites), the Passeurs d'images brochure of Hauts-de-France (Hors Cadre, ACAP: addresses and
telephone numbers as printed) and La Trame's 2024 call for projects (address, telephone).
A commune is given only where the structure's seat is publicly known; otherwise it is left empty
rather than guessed. No SIRET and no personal data of real people are loaded.
"""

from dataclasses import dataclass, field

from lanterne.network.enums import StructureKind, StructureSubkind


@dataclass(frozen=True)
class RealStructure:
    slug: str
    name: str
    kind: str
    region: str  # INSEE région code, for the mission it carries
    website: str = ""
    commune: str = ""  # INSEE commune code
    acronym: str = ""
    subkind: str = ""
    address: str = ""
    postal_code: str = ""
    phone: str = ""
    email: str = ""
    description: str = ""


@dataclass(frozen=True)
class RealMission:
    slug: str
    name: str
    region: str
    carriers: tuple[str, ...]
    website: str = ""
    departements: tuple[str, ...] = field(default_factory=tuple)


POLE = StructureKind.POLE
PI = StructureKind.PI_COORDINATION

POLE_STRUCTURES = [
    RealStructure(
        "sauve-qui-peut-le-court-metrage",
        "Sauve qui peut le court métrage",
        POLE,
        "84",
        "https://www.clermont-filmfest.com",
        "63113",
    ),
    RealStructure(
        "lux-scene-nationale",
        "Lux – Scène nationale",
        POLE,
        "84",
        "https://www.lux-valence.com",
        "26362",
    ),
    RealStructure(
        "centre-image", "Centre image", POLE, "27", "https://www.centre-image.org", "25388"
    ),
    RealStructure(
        "ciclic-centre-val-de-loire",
        "Ciclic Centre-Val de Loire",
        POLE,
        "24",
        "https://www.ciclic.fr",
        "37063",
        acronym="Ciclic",
    ),
    RealStructure("le-recit", "Le RECIT", POLE, "44", "https://www.lerecit.fr", "67482"),
    RealStructure("image-est", "Image’Est", POLE, "44", "https://www.image-est.fr", "88160"),
    RealStructure(
        "le-blackmaria",
        "Le Blackmaria",
        POLE,
        "44",
        "https://www.leblackmaria.org",
        description="Co-dirigé par Télé Centre Bernon et La Pellicule Ensorcelée.",
    ),
    RealStructure(
        "pole-image-maroni",
        "Pôle Image Maroni",
        POLE,
        "03",
        "https://www.poleimagemaroni.org",
        "97311",
    ),
    RealStructure(
        "acap-pole-regional-image",
        "ACAP – Pôle régional image",
        POLE,
        "32",
        "https://www.acap-cinema.com",
        "80021",
        acronym="ACAP",
        address="8 rue Dijon – CS 90322",
        postal_code="80003",
        phone="03 22 72 68 30",
        description="Pôle régional image des Hauts-de-France et coordination Passeurs d’images "
        "du versant sud de la région.",
    ),
    RealStructure(
        "normandie-images",
        "Normandie Images",
        POLE,
        "28",
        "https://www.normandieimages.fr",
        "76540",
    ),
    RealStructure(
        "alca-nouvelle-aquitaine",
        "ALCA – Agence Livre Cinéma et Audiovisuel",
        POLE,
        "75",
        "https://www.alca-nouvelle-aquitaine.fr",
        "33063",
        acronym="ALCA",
    ),
    RealStructure(
        "les-yeux-verts", "Les Yeux verts", POLE, "75", "https://www.lesyeuxverts.com", "19031"
    ),
    RealStructure(
        "federation-regionale-mjc-nouvelle-aquitaine",
        "Fédération Régionale MJC – Nouvelle Aquitaine",
        POLE,
        "75",
        "https://frmjcna.fr",
        acronym="FRMJC NA",
    ),
    RealStructure(
        "lagence-unique-occitanie-culture",
        "L’Agence unique, Occitanie culture",
        POLE,
        "76",
        "https://lagenceunique-occitanieculture.fr",
    ),
    RealStructure(
        "cinema-lalhambra", "Cinéma L’Alhambra", POLE, "93", "https://www.alhambracine.com", "13055"
    ),
    RealStructure(
        "institut-de-limage",
        "Institut de l’image",
        POLE,
        "93",
        "https://www.institut-image.org",
        "13001",
    ),
    RealStructure(
        "cannes-cinema", "Cannes Cinéma", POLE, "93", "https://www.cannes-cinema.com", "06029"
    ),
]

PI_STRUCTURES = [
    RealStructure(
        "hors-cadre",
        "Hors Cadre",
        PI,
        "32",
        "https://www.horscadre.eu",
        "59350",
        address="72 rue Gutenberg",
        postal_code="59000",
        phone="03 20 33 06 33",
        description="Coordination Passeurs d’images du versant nord des Hauts-de-France ; "
        "anime la plateforme collaborative NotrAgora.",
    ),
    RealStructure(
        "la-trame",
        "La Trame",
        PI,
        "76",
        "https://www.la-trame.org",
        "31555",
        address="9 rue de l’Étoile",
        postal_code="31000",
        phone="05 61 25 22 55",
        email="passeursdimages@la-trame.org",
        description="Coordination Passeurs d’images pour la région Occitanie.",
    ),
]

NATIONAL_STRUCTURES = [
    RealStructure(
        "association-nationale-des-poles",
        "Association nationale des pôles régionaux d’éducation aux images",
        StructureKind.NATIONAL_ASSOCIATION,
        "",
        description="Réseau national des pôles ; groupe de travail « Observatoire ».",
    ),
    RealStructure(
        "passeurs-dimages",
        "Passeurs d’images",
        StructureKind.NATIONAL_ASSOCIATION,
        "",
        description="Association nationale créée en 2017 à l’initiative des coordinations "
        "régionales du dispositif.",
    ),
]

INSTITUTIONS = [
    RealStructure(
        "drac-occitanie",
        "DRAC Occitanie",
        StructureKind.INSTITUTION,
        "76",
        subkind=StructureSubkind.DRAC,
        acronym="DRAC",
    ),
    RealStructure(
        "region-occitanie",
        "Région Occitanie",
        StructureKind.INSTITUTION,
        "76",
        subkind=StructureSubkind.REGION,
        commune="31555",
    ),
    RealStructure(
        "cnc",
        "Centre national du cinéma et de l’image animée",
        StructureKind.INSTITUTION,
        "",
        subkind=StructureSubkind.CNC,
        acronym="CNC",
    ),
]

POLES = [
    RealMission(
        "pole-auvergne-rhone-alpes",
        "Pôle régional d’éducation aux images Auvergne-Rhône-Alpes",
        "84",
        ("sauve-qui-peut-le-court-metrage", "lux-scene-nationale"),
    ),
    RealMission(
        "pole-bourgogne-franche-comte",
        "Pôle régional d’éducation aux images Bourgogne-Franche-Comté",
        "27",
        ("centre-image",),
    ),
    RealMission(
        "pole-centre-val-de-loire",
        "Pôle régional d’éducation aux images Centre-Val de Loire",
        "24",
        ("ciclic-centre-val-de-loire",),
    ),
    RealMission(
        "pole-grand-est",
        "Pôle régional d’éducation aux images Grand Est",
        "44",
        ("le-recit", "image-est", "le-blackmaria"),
    ),
    RealMission(
        "pole-guyane", "Pôle régional d’éducation aux images Guyane", "03", ("pole-image-maroni",)
    ),
    RealMission(
        "pole-hauts-de-france",
        "ACAP – Pôle régional image",
        "32",
        ("acap-pole-regional-image",),
        "https://www.acap-cinema.com",
    ),
    RealMission(
        "pole-normandie",
        "Pôle régional d’éducation aux images Normandie",
        "28",
        ("normandie-images",),
    ),
    RealMission(
        "imagina",
        "Imagi’NA – Pôle régional d’éducation aux images en Nouvelle-Aquitaine",
        "75",
        (
            "alca-nouvelle-aquitaine",
            "les-yeux-verts",
            "federation-regionale-mjc-nouvelle-aquitaine",
        ),
        "https://www.imagina-alca.fr",
    ),
    RealMission(
        "pole-occitanie",
        "Pôle régional d’éducation aux images Occitanie",
        "76",
        ("lagence-unique-occitanie-culture",),
    ),
    RealMission(
        "pole-images-region-sud",
        "Pôle Images Région Sud",
        "93",
        ("cinema-lalhambra", "institut-de-limage", "cannes-cinema"),
        "https://www.pole-images-region-sud.org",
    ),
]

COORDINATIONS = [
    RealMission(
        "passeurs-dimages-occitanie",
        "Passeurs d’images Occitanie",
        "76",
        ("la-trame",),
        "https://www.la-trame.org",
    ),
    RealMission(
        "passeurs-dimages-hauts-de-france-nord",
        "Passeurs d’images Hauts-de-France – versant nord",
        "32",
        ("hors-cadre",),
        "https://www.horscadre.eu",
        departements=("59", "62"),
    ),
    RealMission(
        "passeurs-dimages-hauts-de-france-sud",
        "Passeurs d’images Hauts-de-France – versant sud",
        "32",
        ("acap-pole-regional-image",),
        "https://www.acap-cinema.com",
        departements=("02", "60", "80"),
    ),
]
