from django.db import models
from django.utils.translation import gettext_lazy as _


class AgeBand(models.TextChoices):
    UNDER_12 = "under_12", _("moins de 12 ans")
    AGE_12_15 = "12_15", _("12 à 15 ans")
    AGE_16_18 = "16_18", _("16 à 18 ans")
    AGE_19_25 = "19_25", _("19 à 25 ans")
    OVER_25 = "over_25", _("plus de 25 ans")


class Gender(models.TextChoices):
    GIRLS = "f", _("filles / femmes")
    BOYS = "m", _("garçons / hommes")
    OTHER = "other", _("autre ou non précisé")


class PriorityPublic(models.TextChoices):
    QPV = "qpv", _("habitant·es d'un QPV")
    RURAL = "rural", _("habitant·es d'une commune rurale (ZRR / FRR)")
    FAR_FROM_CULTURE = "far_from_culture", _("éloigné·es des pratiques culturelles")


class RelayKind(models.TextChoices):
    YOUTH_WORKER = "youth_worker", _("animateur·rice, éducateur·rice")
    MEDIATOR = "mediator", _("médiateur·rice")
    TEACHER = "teacher", _("enseignant·e")
    OTHER = "other", _("autre relais")


class AuthorisationStatus(models.TextChoices):
    TO_REQUEST = "to_request", _("à demander")
    REQUESTED = "requested", _("demandée")
    GRANTED = "granted", _("accordée")
    REFUSED = "refused", _("refusée")


class ReportState(models.TextChoices):
    DRAFT = "draft", _("en cours de rédaction")
    SUBMITTED = "submitted", _("transmis")
    SENT_BACK = "sent_back", _("à reprendre")
    ACCEPTED = "accepted", _("validé")


class Figure(models.TextChoices):
    """The quantitative figures of a report, pre-filled from what was recorded."""

    ACTIONS = "actions", _("actions réalisées")
    SESSIONS = "sessions", _("séances")
    MINUTES = "minutes", _("durée totale des séances (minutes)")
    BENEFICIARIES = "beneficiaries", _("participant·es (bénéficiaires)")
    RELAYS = "relays", _("relais (professionnel·les encadrant)")
    FILMS = "films", _("films réalisés en atelier")
    PARTNERS = "partners", _("partenaires")


class AuditAction(models.TextChoices):
    """What the trail records about projects, named for the people who read it: the life of a
    report (its workflow's actions), a project's creation, an open-air authorisation."""

    PROJECT_CREATE = "project.create", _("création du projet")
    AUTHORISATION = "project.authorisation", _("suivi d'une autorisation en plein air")
    REPORT_SUBMIT = "report.submit", _("dépôt du bilan")
    REPORT_SEND_BACK = "report.send_back", _("renvoi du bilan pour compléments")
    REPORT_ACCEPT = "report.accept", _("validation du bilan")


class EnteredAs(models.TextChoices):
    """In what capacity someone entered a record of an action: the applicant carrying the
    project, or the coordination of its call that follows it."""

    APPLICANT = "applicant", _("porteur de projet")
    COORDINATION = "coordination", _("coordination")
    ADMINISTRATION = "administration", _("administration")
