from django.db import models
from django.utils.translation import gettext_lazy as _


class Trade(models.TextChoices):
    DIRECTOR = "director", _("réalisateur·rice")
    EDITOR = "editor", _("monteur·se")
    SOUND = "sound", _("ingénieur·e du son")
    ANIMATOR = "animator", _("animateur·rice (cinéma d'animation)")
    FOLEY = "foley", _("bruiteur·se")
    CINEMATOGRAPHER = "cinematographer", _("chef·fe opérateur·rice")
    SCREENWRITER = "screenwriter", _("scénariste")
    MEDIATOR = "mediator", _("médiateur·rice")
    TRAINER = "trainer", _("formateur·rice")
    ACTOR = "actor", _("comédien·ne")


class Public(models.TextChoices):
    """The publics a speaker knows (or does not want): age bands and settings."""

    UNDER_12 = "under_12", _("enfants (moins de 12 ans)")
    AGE_12_15 = "12_15", _("12-15 ans")
    AGE_16_18 = "16_18", _("16-18 ans")
    AGE_19_25 = "19_25", _("19-25 ans")
    ADULTS = "adults", _("adultes")
    FAMILIES = "families", _("familles")
    DISABILITY = "disability", _("personnes en situation de handicap")
    JUSTICE = "justice", _("milieu judiciaire (PJJ, détention)")
    HOSPITAL = "hospital", _("milieu hospitalier")
    FAR_FROM_CULTURE = "far_from_culture", _("publics éloignés des pratiques culturelles")


class Language(models.TextChoices):
    FRENCH = "fr", _("français")
    ENGLISH = "en", _("anglais")
    SPANISH = "es", _("espagnol")
    GERMAN = "de", _("allemand")
    ITALIAN = "it", _("italien")
    ARABIC = "ar", _("arabe")
    OCCITAN = "oc", _("occitan")
    SIGN = "lsf", _("langue des signes française")


class HolidayAvailability(models.TextChoices):
    """What a speaker says of the school holidays of the place's zone."""

    ALSO = "also", _("disponible aussi pendant les vacances scolaires")
    NEVER = "never", _("jamais pendant les vacances scolaires")
    ONLY = "only", _("seulement pendant les vacances scolaires")


class PeriodKind(models.TextChoices):
    AVAILABLE = "available", _("disponible")
    UNAVAILABLE = "unavailable", _("indisponible")


class QualificationLevel(models.TextChoices):
    """How well a coordination knows a speaker, from the least to the most."""

    MET = "met", _("rencontré·e")
    OBSERVED = "observed", _("vu·e en atelier")
    RECOMMENDED = "recommended", _("recommandé·e")


class EngagementState(models.TextChoices):
    PROPOSED = "proposed", _("proposé·e")
    ASKED = "asked", _("sollicité·e")
    ACCEPTED = "accepted", _("accepté")
    DECLINED = "declined", _("décliné")
    CANCELLED = "cancelled", _("annulé")


class Criterion(models.TextChoices):
    """The criteria of the matching: the hard ones filter, the soft ones rank."""

    WORKSHOP_TYPE = "workshop_type", _("type d'atelier")
    PUBLIC = "public", _("public")
    AVAILABILITY = "availability", _("disponibilité aux dates")
    TERRITORY = "territory", _("territoire d'intervention")
    DISTANCE = "distance", _("distance depuis la commune de résidence")
    EXPERIENCE = "experience", _("expérience de ce public")
    PRIORITY_TERRITORY = "priority_territory", _("expérience des QPV et territoires ruraux")
    FAIR_SHARE = "fair_share", _("partage équitable des journées rémunérées")


class AuditAction(models.TextChoices):
    PROFILE_SAVE = "speaker.profile_save", _("mise à jour d'une fiche d'intervenant·e")
    QUALIFY = "speaker.qualify", _("qualification d'un·e intervenant·e")
    ENGAGEMENT_ASK = "engagement.ask", _("sollicitation d'un·e intervenant·e")
    ENGAGEMENT_ACCEPT = "engagement.accept", _("acceptation d'une intervention")
    ENGAGEMENT_DECLINE = "engagement.decline", _("refus d'une intervention")
    ENGAGEMENT_CANCEL = "engagement.cancel", _("annulation d'une sollicitation")
