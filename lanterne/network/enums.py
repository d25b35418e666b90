from django.db import models
from django.utils.translation import gettext_lazy as _


class StructureKind(models.TextChoices):
    POLE = "pole", _("pôle régional d'éducation aux images")
    PI_COORDINATION = "pi_coordination", _("coordination Passeurs d'images")
    NATIONAL_ASSOCIATION = "national_association", _("association nationale")
    CULTURAL_ACTOR = "cultural_actor", _("acteur culturel")
    PUBLIC_SUPPORT = "public_support", _("structure d'accompagnement des publics")
    COLLECTIVITY = "collectivity", _("collectivité")
    INSTITUTION = "institution", _("institution")


class StructureSubkind(models.TextChoices):
    # Cultural actors
    ASSOCIATION = "association", _("association culturelle")
    CINEMA = "cinema", _("salle de cinéma")
    CULTURAL_SERVICE = "cultural_service", _("service culturel")
    CULTURAL_CENTRE = "cultural_centre", _("centre culturel")
    FESTIVAL = "festival", _("festival")
    MEDIA_LIBRARY = "media_library", _("médiathèque")
    # Public-support structures
    NEIGHBOURHOOD_HOUSE = "neighbourhood_house", _("maison de quartier")
    SOCIAL_CENTRE = "social_centre", _("centre social")
    MEDICO_SOCIAL = "medico_social", _("structure médico-sociale")
    LEISURE_CENTRE = "leisure_centre", _("centre de loisirs")
    YOUTH_SPACE = "youth_space", _("espace jeunesse")
    MJC = "mjc", _("MJC")
    POPULAR_EDUCATION = "popular_education", _("fédération d'éducation populaire")
    # Collectivities
    COMMUNE = "commune", _("commune")
    INTERCOMMUNALITY = "intercommunality", _("intercommunalité")
    DEPARTEMENT_COUNCIL = "departement_council", _("conseil départemental")
    REGION_COUNCIL = "region_council", _("conseil régional")
    # Institutions
    DRAC = "drac", _("DRAC")
    REGION = "region", _("Région (services)")
    CNC = "cnc", _("CNC")
    RECTORAT = "rectorat", _("Rectorat")
    DSDEN = "dsden", _("DSDEN")
    DRAAF = "draaf", _("DRAAF")
    ANCT = "anct", _("ANCT")
    PJJ = "pjj", _("PJJ")
    INSPE = "inspe", _("INSPE")
    UNIVERSITY = "university", _("université")
    OTHER = "other", _("autre")


SUBKINDS_BY_KIND: dict[str, set[str]] = {
    StructureKind.CULTURAL_ACTOR: {
        StructureSubkind.ASSOCIATION,
        StructureSubkind.CINEMA,
        StructureSubkind.CULTURAL_SERVICE,
        StructureSubkind.CULTURAL_CENTRE,
        StructureSubkind.FESTIVAL,
        StructureSubkind.MEDIA_LIBRARY,
        StructureSubkind.OTHER,
    },
    StructureKind.PUBLIC_SUPPORT: {
        StructureSubkind.NEIGHBOURHOOD_HOUSE,
        StructureSubkind.SOCIAL_CENTRE,
        StructureSubkind.MEDICO_SOCIAL,
        StructureSubkind.LEISURE_CENTRE,
        StructureSubkind.YOUTH_SPACE,
        StructureSubkind.MJC,
        StructureSubkind.POPULAR_EDUCATION,
        StructureSubkind.OTHER,
    },
    StructureKind.COLLECTIVITY: {
        StructureSubkind.COMMUNE,
        StructureSubkind.INTERCOMMUNALITY,
        StructureSubkind.DEPARTEMENT_COUNCIL,
        StructureSubkind.REGION_COUNCIL,
        StructureSubkind.OTHER,
    },
    StructureKind.INSTITUTION: {
        StructureSubkind.DRAC,
        StructureSubkind.REGION,
        StructureSubkind.CNC,
        StructureSubkind.RECTORAT,
        StructureSubkind.DSDEN,
        StructureSubkind.DRAAF,
        StructureSubkind.ANCT,
        StructureSubkind.PJJ,
        StructureSubkind.INSPE,
        StructureSubkind.UNIVERSITY,
        StructureSubkind.OTHER,
    },
}


class JoinRequestState(models.TextChoices):
    PENDING = "pending", _("en attente")
    APPROVED = "approved", _("acceptée")
    REFUSED = "refused", _("refusée")


class AuditAction(models.TextChoices):
    """What the trail records about a structure, named for the people who read it."""

    CREATE = "structure.create", _("création de la structure")
    UPDATE = "structure.update", _("modification de la structure")
    MERGE = "structure.merge", _("fusion de deux fiches de la même structure")
    JOIN_REQUEST = "join_request.create", _("demande à rejoindre une structure")
    JOIN_APPROVE = "join_request.approve", _("acceptation d'une demande à rejoindre une structure")
    JOIN_REFUSE = "join_request.refuse", _("refus d'une demande à rejoindre une structure")
