from django.db import models
from django.utils.translation import gettext_lazy as _


class MemberRole(models.TextChoices):
    """Who a member of a workshop group is."""

    YOUTH = "youth", _("jeune")
    REFERENT = "referent", _("référent·e jeunesse")
    SPEAKER = "speaker", _("intervenant·e")
    COORDINATOR = "coordinator", _("coordination")


class Scope(models.TextChoices):
    """How far an image may go. An authorisation names each scope it allows (it is *spéciale*:
    one tick per use), and the gate checks the scope of each place an image is shown in."""

    GROUP = "group", _("le groupe de l'atelier")
    NETWORK = "network", _("le réseau (personnes connectées)")
    PUBLIC = "public", _("le web public")
    FESTIVALS = "festivals", _("festivals et presse")
    ARCHIVE = "archive", _("dépôt en archives")


# A wider scope needs the narrower ones it contains: a public page is also seen by the network
# and the group (`Consent.clean` refuses a public tick without the network's).
SCOPE_NEEDS = {
    Scope.NETWORK: (Scope.GROUP,),
    Scope.PUBLIC: (Scope.NETWORK, Scope.GROUP),
}


class Signatories(models.TextChoices):
    """Who signed the authorisation."""

    ONE_HOLDER = "one_holder", _("un·e titulaire de l'autorité parentale")
    BOTH_HOLDERS = "both_holders", _("les deux titulaires de l'autorité parentale")
    SELF = "self", _("la personne majeure elle-même")


class ProofKind(models.TextChoices):
    SCAN = "scan", _("formulaire signé numérisé")
    ONLINE = "online", _("signature en ligne")


class PostState(models.TextChoices):
    PENDING = "pending", _("en attente de modération")
    APPROVED = "approved", _("publié dans le groupe")
    REJECTED = "rejected", _("refusé")


class MediaKind(models.TextChoices):
    PHOTO = "photo", _("photo")
    VIDEO = "video", _("vidéo")


class FilmState(models.TextChoices):
    """Where the film is meant to be shown. The consent gate decides, each time it is read,
    whether it actually is (`Film.objects.published_in`)."""

    PRIVATE = "private", _("privé (le groupe et le projet)")
    NETWORK = "network", _("réseau")
    PUBLIC = "public", _("public")


# The scope a film's state publishes it to (a private film goes no further than its group).
FILM_STATE_SCOPE = {
    FilmState.PRIVATE: Scope.GROUP,
    FilmState.NETWORK: Scope.NETWORK,
    FilmState.PUBLIC: Scope.PUBLIC,
}


class FilmGenre(models.TextChoices):
    COMEDY = "comedy", _("comédie")
    DRAMA = "drama", _("drame")
    THRILLER = "thriller", _("policier, thriller")
    FANTASY = "fantasy", _("fantastique, science-fiction")
    HORROR = "horror", _("horreur")
    ROMANCE = "romance", _("romance")
    MUSIC_VIDEO = "music_video", _("clip musical")
    PORTRAIT = "portrait", _("portrait")
    REPORT = "report", _("reportage")
    EXPERIMENTAL = "experimental", _("expérimental")
    OTHER = "other", _("autre genre")


class AuditAction(models.TextChoices):
    GROUP_OPEN = "logbook.group_open", _("ouverture d'un carnet de bord")
    MEMBER_ADD = "logbook.member_add", _("ajout d'un membre au groupe")
    POST_APPROVE = "logbook.post_approve", _("publication d'un message du carnet")
    POST_REJECT = "logbook.post_reject", _("refus d'un message du carnet")
    APPEARANCES = "logbook.appearances", _("liste des personnes visibles sur une image")
    CONSENT_RECORD = (
        "logbook.consent_record",
        _("enregistrement d'une autorisation de droit à l'image"),
    )
    CONSENT_WITHDRAW = (
        "logbook.consent_withdraw",
        _("retrait d'une autorisation de droit à l'image"),
    )
    CONSENT_SCAN_READ = "logbook.consent_scan_read", _("consultation d'une autorisation signée")
    FILM_SHARE = "logbook.film_share", _("diffusion d'un film au réseau")
    FILM_PUBLISH = "logbook.film_publish", _("publication d'un film")
    FILM_UNPUBLISH = "logbook.film_unpublish", _("retrait de la publication d'un film")
