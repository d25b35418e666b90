"""Hauts-de-France as the demo has it: the north coordination (Nord, Pas-de-Calais) carried by
Hors Cadre; the south one (Aisne, Oise, Somme) carried by ACAP, also the pôle of the whole
région; an open call of each, and an applicant structure on each side."""

from lanterne.accounts.enums import Role
from tests.accounts.factories import MembershipFactory, UserFactory
from tests.calls.factories import CallFactory
from tests.network.factories import CoordinationFactory, PoleFactory, StructureFactory
from tests.territories.factories import CommuneFactory, DepartementFactory, RegionFactory


def hdf_world() -> dict:
    region = RegionFactory(code="32", name="Hauts-de-France")
    deps = {
        code: DepartementFactory(code=code, name=name, region=region)
        for code, name in [
            ("59", "Nord"),
            ("62", "Pas-de-Calais"),
            ("02", "Aisne"),
            ("60", "Oise"),
            ("80", "Somme"),
        ]
    }
    roubaix = CommuneFactory(code="59512", name="Roubaix", departement=deps["59"])
    saint_quentin = CommuneFactory(code="02691", name="Saint-Quentin", departement=deps["02"])
    hors_cadre = StructureFactory(
        name="Hors Cadre",
        pi_coordination=True,
        commune=CommuneFactory(code="59350", name="Lille", departement=deps["59"]),
    )
    acap = StructureFactory(
        name="ACAP",
        pole=True,
        commune=CommuneFactory(code="80021", name="Amiens", departement=deps["80"]),
    )
    CoordinationFactory(region=region, carriers=[hors_cadre], departements=[deps["59"], deps["62"]])
    CoordinationFactory(
        region=region, carriers=[acap], departements=[deps["02"], deps["60"], deps["80"]]
    )
    PoleFactory(region=region, carriers=[acap])
    north = CallFactory(title="Appel nord", region=region, coordination=hors_cadre, open_now=True)
    south = CallFactory(title="Appel sud", region=region, coordination=acap, open_now=True)
    moulin = StructureFactory(
        name="Maison de quartier du Moulin", applicant_commune=True, commune=roubaix
    )
    herbe = StructureFactory(name="Image en herbe", applicant_commune=True, commune=saint_quentin)

    def member(structure, role=Role.APPLICANT):
        return MembershipFactory(user=UserFactory(), structure=structure, role=role).user

    return {
        "region": region,
        "departements": deps,
        "hors_cadre": hors_cadre,
        "acap": acap,
        "north": north,
        "south": south,
        "moulin": moulin,
        "herbe": herbe,
        "moulin_user": member(moulin),
        "herbe_user": member(herbe),
        "north_coordinator": member(hors_cadre, Role.COORDINATOR),
        "south_coordinator": member(acap, Role.COORDINATOR),
    }
