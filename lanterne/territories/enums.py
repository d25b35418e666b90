from django.db import models
from django.utils.translation import gettext_lazy as _


class Zone(models.TextChoices):
    METRO = "metro", _("métropole")
    DROM = "drom", _("outre-mer (DROM)")
    COM = "com", _("collectivité d'outre-mer")


class CommuneKind(models.TextChoices):
    COMMUNE = "commune", _("commune")
    MUNICIPAL_ARRONDISSEMENT = "arrondissement", _("arrondissement municipal")


class RuralScheme(models.TextChoices):
    ZRR = "zrr", _("ZRR (zone de revitalisation rurale)")
    FRR = "frr", _("FRR (France Ruralités Revitalisation)")


class RuralStatus(models.TextChoices):
    CLASSIFIED = "classified", _("classée")
    PARTLY_CLASSIFIED = "partly", _("partiellement classée")
    NOT_CLASSIFIED = "not_classified", _("non classée")


class DataOrigin(models.TextChoices):
    OFFICIAL = "official", _("fichier officiel")
    ILLUSTRATIVE = "illustrative", _("illustratif (non vérifié)")
