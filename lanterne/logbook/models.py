"""The workshop's logbook (*carnet de bord*), its photos and films, and the image-rights register
that gates every one of them.

A workshop (a `projects.Action` of the *faire* kind) opens one group space. Its members are
the youth (an account is optional; a first name or a pseudonym and an age band, nothing more),
the referent youth worker, the speakers and the coordination. Each person who can be
identified on an image has authorisations (`Consent`) in the register; each photo, video and
film lists who appears in it; `GatedQuerySet.visible_in` lets an image out in a scope only if
every one of them is covered for that scope on that day (`gate.py` states the same rule on plain
values). The gate is evaluated when the image is read: an expiry needs no job, a withdrawal
hides the image everywhere at once.

The film's publication layer extends the film `projects` already records (`WorkshopFilm`, one
row per film, counted in the bilan) with a one-to-one: the bilan keeps counting the films it
always counted, and the logbook adds what publishing needs (the Passeurs d'images metadata not
kept there, the file, who appears, the publication state).
"""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import ConcurrentTransitionMixin, FSMField, FSMModelMixin, transition

from lanterne.accounts.enums import Role
from lanterne.accounts.scoping import scope_for
from lanterne.core.choices import choice_label
from lanterne.core.models import BaseModel
from lanterne.core.privacy import NO_MINOR_NAMES
from lanterne.core.workflow import Stateful, TransitionLog, Workflow
from lanterne.dossiers.storage import private_storage
from lanterne.projects.enums import AgeBand

from . import gate
from .enums import (
    FILM_STATE_SCOPE,
    SCOPE_NEEDS,
    AuditAction,
    FilmGenre,
    FilmState,
    MediaKind,
    MemberRole,
    PostState,
    ProofKind,
    Scope,
    Signatories,
)

# Age bands of people under 18 (16–18 is counted as a minor: the safe side).
MINOR_AGE_BANDS = frozenset({AgeBand.UNDER_12, AgeBand.AGE_12_15, AgeBand.AGE_16_18})


class WorkshopGroupQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The groups whose space `user` enters: the applicant's staff for its workshops, the
        coordination of the call, and each member with an account. A committee member, who
        reads the project, never reads its logbook: it is the youth's."""
        scope = scope_for(user)
        if scope.sees_all(applications=True):
            return self
        if not scope.is_authenticated:
            return self.none()
        query = Q(action__project__applicant__in=sorted(scope.structures_with_role(Role.APPLICANT)))
        if scope.coordinated_structure_ids:
            query |= scope.coordinated_calls("action__project__call__")
        query |= Q(pk__in=Member.objects.filter(user=user, is_active=True).values("group_id"))
        return self.filter(query)


class WorkshopGroup(BaseModel):
    """The space of one workshop's group: its members, its logbook, its register."""

    action = models.OneToOneField(
        "projects.Action",
        verbose_name=_("atelier"),
        on_delete=models.CASCADE,
        related_name="logbook",
    )
    name = models.CharField(_("nom du groupe"), max_length=200, help_text=NO_MINOR_NAMES)

    objects = WorkshopGroupQuerySet.as_manager()

    class Meta:
        verbose_name = _("carnet de bord")
        verbose_name_plural = _("carnets de bord")
        ordering = ["-created_at"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("logbook:group", args=[self.pk])


class MemberQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)

    def covered_for(self, scope: str, at: datetime.datetime):
        """The members holding, at `at`, an authorisation for `scope`."""
        return self.filter(
            Exists(Consent.objects.covering(scope, at).filter(member_id=OuterRef("pk")))
        )


class Member(BaseModel):
    """A person of the group. For the youth, only what the workshop needs: a first name or a
    pseudonym and an age band — never a surname, a birth date or an address."""

    group = models.ForeignKey(
        WorkshopGroup, verbose_name=_("groupe"), on_delete=models.CASCADE, related_name="members"
    )
    role = models.CharField(_("rôle"), max_length=12, choices=MemberRole.choices)
    display_name = models.CharField(
        _("prénom ou pseudonyme"),
        max_length=60,
        help_text=_("Un prénom ou un pseudonyme, sans nom de famille."),
    )
    age_band = models.CharField(
        _("tranche d'âge"), max_length=10, choices=AgeBand.choices, blank=True
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("compte"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="logbook_memberships",
    )
    is_active = models.BooleanField(_("actif·ve"), default=True)

    objects = MemberQuerySet.as_manager()

    class Meta:
        verbose_name = _("membre du groupe")
        verbose_name_plural = _("membres du groupe")
        ordering = ["role", "display_name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["group", "user"],
                condition=Q(user__isnull=False),
                name="logbook_member_one_per_account",
            ),
            models.CheckConstraint(
                condition=~Q(role=MemberRole.YOUTH) | ~Q(age_band=""),
                name="logbook_youth_has_age_band",
            ),
        ]

    def __str__(self):
        return self.display_name

    @property
    def role_label(self) -> str:
        return choice_label(MemberRole, self.role)

    @property
    def age_band_label(self) -> str:
        return choice_label(AgeBand, self.age_band) if self.age_band else ""

    @property
    def is_minor(self) -> bool:
        return self.role == MemberRole.YOUTH and self.age_band in MINOR_AGE_BANDS


SCOPE_FIELDS = {scope: f"allows_{scope}" for scope in Scope.values}


class ConsentQuerySet(models.QuerySet):
    def covering(self, scope: str, at: datetime.datetime):
        """The authorisations covering `scope` at `at` (`gate.covers` in SQL)."""
        if scope not in SCOPE_FIELDS:
            raise ValueError(f"unknown scope {scope!r}")
        day = gate.day_of(at)
        return self.filter(
            Q(withdrawn_at__isnull=True) | Q(withdrawn_at__gt=at),
            signed_on__lte=day,
            expires_on__gte=day,
            **{SCOPE_FIELDS[scope]: True},
        )


class Consent(BaseModel):
    """One image-rights authorisation (*autorisation de droit à l'image*) of one person of the
    group, for the project of its workshop: prior (*préalable*: signed before any image goes
    out), express (*expresse*: a signature, never implied) and special (*spéciale*: each scope
    ticked). A withdrawal keeps the row, dated and explained."""

    member = models.ForeignKey(
        Member, verbose_name=_("personne"), on_delete=models.CASCADE, related_name="consents"
    )
    signatories = models.CharField(_("signée par"), max_length=12, choices=Signatories.choices)
    minor_agreed = models.BooleanField(
        _("accord du ou de la mineur·e"),
        default=False,
        help_text=_("Le ou la jeune a donné son propre accord."),
    )
    allows_group = models.BooleanField(_("le groupe de l'atelier"), default=False)
    allows_network = models.BooleanField(_("le réseau (personnes connectées)"), default=False)
    allows_public = models.BooleanField(_("le web public"), default=False)
    allows_festivals = models.BooleanField(_("festivals et presse"), default=False)
    allows_archive = models.BooleanField(_("dépôt en archives"), default=False)
    signed_on = models.DateField(_("signée le"))
    expires_on = models.DateField(_("valable jusqu'au"))
    proof = models.CharField(_("preuve"), max_length=8, choices=ProofKind.choices)
    scan = models.FileField(
        _("formulaire signé"),
        storage=private_storage,
        upload_to="logbook/consents/%Y/",
        blank=True,
    )
    scan_content_type = models.CharField(max_length=100, blank=True, editable=False)
    scan_sha256 = models.CharField(max_length=64, blank=True, editable=False)
    online_signed_at = models.DateTimeField(_("signée en ligne le"), null=True, blank=True)
    online_reference = models.CharField(
        _("référence de la signature en ligne"), max_length=200, blank=True
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("enregistrée par"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    withdrawn_at = models.DateTimeField(_("retirée le"), null=True, blank=True, editable=False)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("retrait enregistré par"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    withdrawal_reason = models.TextField(_("motif du retrait"), blank=True, editable=False)

    objects = ConsentQuerySet.as_manager()

    class Meta:
        verbose_name = _("autorisation de droit à l'image")
        verbose_name_plural = _("autorisations de droit à l'image")
        ordering = ["-signed_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_on__gte=models.F("signed_on")),
                name="logbook_consent_expires_after_signature",
            ),
            models.CheckConstraint(
                condition=(Q(proof=ProofKind.SCAN) & ~Q(scan=""))
                | (Q(proof=ProofKind.ONLINE) & Q(online_signed_at__isnull=False)),
                name="logbook_consent_has_proof",
            ),
        ]

    def __str__(self):
        return f"{self.member} {self.signed_on}–{self.expires_on}"

    @property
    def scopes(self) -> frozenset[str]:
        return frozenset(scope for scope, name in SCOPE_FIELDS.items() if getattr(self, name))

    @property
    def scope_labels(self) -> list[str]:
        return [choice_label(Scope, scope) for scope in Scope.values if scope in self.scopes]

    @property
    def terms(self) -> gate.Terms:
        return gate.Terms(
            scopes=self.scopes,
            signed_on=self.signed_on,
            expires_on=self.expires_on,
            withdrawn_at=self.withdrawn_at,
        )

    def covers(self, scope: str, at: datetime.datetime | None = None) -> bool:
        return gate.covers(self.terms, scope, at or timezone.now())

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_at is not None

    @property
    def signatories_label(self) -> str:
        return choice_label(Signatories, self.signatories)

    def clean(self):
        from django.core.exceptions import ValidationError

        errors: dict[str, list] = {}
        if self.signed_on and self.expires_on and self.expires_on < self.signed_on:
            errors.setdefault("expires_on", []).append(
                _("La fin de validité ne peut pas précéder la signature.")
            )
        if not self.scopes:
            errors.setdefault("allows_group", []).append(
                _("Cochez au moins un usage autorisé : une autorisation est spéciale.")
            )
        for scope, needed in SCOPE_NEEDS.items():
            if scope in self.scopes and any(n not in self.scopes for n in needed):
                errors.setdefault(SCOPE_FIELDS[scope], []).append(
                    _("« %(scope)s » suppose aussi « %(needed)s ».")
                    % {
                        "scope": choice_label(Scope, scope),
                        "needed": " », « ".join(choice_label(Scope, n) for n in needed),
                    }
                )
        member = self.member if self.member_id else None
        if member is not None and member.is_minor:
            if self.signatories == Signatories.SELF:
                errors.setdefault("signatories", []).append(
                    _(
                        "Pour un·e mineur·e, la signature d'un·e titulaire de l'autorité "
                        "parentale est requise."
                    )
                )
            if not self.minor_agreed:
                errors.setdefault("minor_agreed", []).append(
                    _("L'accord du ou de la mineur·e est requis, en plus de celui des parents.")
                )
        elif member is not None and self.signatories != Signatories.SELF:
            errors.setdefault("signatories", []).append(
                _("Une personne majeure signe elle-même son autorisation.")
            )
        if self.proof == ProofKind.SCAN and not self.scan:
            errors.setdefault("scan", []).append(_("Joignez le formulaire signé numérisé."))
        if self.proof == ProofKind.ONLINE and not self.online_signed_at:
            errors.setdefault("online_signed_at", []).append(
                _("Indiquez quand la signature en ligne a été faite.")
            )
        if errors:
            raise ValidationError(errors)


class GatedQuerySet(models.QuerySet):
    """Images that list who appears in them (an `appears` many-to-many to `Member`)."""

    def visible_in(self, scope: str, at: datetime.datetime | None = None):
        """THE RULE, once, for every page, the gallery and the files: the images none of whose
        people lacks, at `at` (now by default), an authorisation for `scope`."""
        at = at or timezone.now()
        through = self.model._meta.get_field("appears").remote_field.through  # type: ignore[union-attr]
        own = f"{self.model._meta.model_name}_id"
        uncovered = through.objects.filter(**{own: OuterRef("pk")}).exclude(
            member__in=Member.objects.covered_for(scope, at)
        )
        return self.filter(~Exists(uncovered))


class PostQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The posts of the groups `user` enters: those published in the group, one's own,
        and every one for who moderates the group."""
        groups = WorkshopGroup.objects.visible_to(user)
        query = Q(state=PostState.APPROVED)
        if user.is_authenticated:
            query |= Q(author=user)
            query |= Q(group__in=moderated_groups(user))
        return self.filter(group__in=groups).filter(query)


def moderated_groups(user):
    """The groups whose posts `user` moderates (`perms.moderates_group`'s twin): the
    applicant's staff, and the referent youth worker with an account."""
    scope = scope_for(user)
    if scope.sees_all(applications=True):
        return WorkshopGroup.objects.all()
    if not scope.is_authenticated:
        return WorkshopGroup.objects.none()
    return WorkshopGroup.objects.filter(
        Q(action__project__applicant__in=sorted(scope.structures_with_role(Role.APPLICANT)))
        | Q(
            pk__in=Member.objects.filter(
                user=user, is_active=True, role=MemberRole.REFERENT
            ).values("group_id")
        )
    )


def kept_groups(user):
    """The groups whose register and films `user` keeps (`perms.keeps_register`'s twin): who
    moderates, and the coordination of the call."""
    scope = scope_for(user)
    if scope.sees_all(applications=True) or not scope.is_authenticated:
        return moderated_groups(user)
    query = Q(pk__in=moderated_groups(user).values("pk"))
    if scope.coordinated_structure_ids:
        query |= scope.coordinated_calls("action__project__call__")
    return WorkshopGroup.objects.filter(query)


class Post(Stateful, ConcurrentTransitionMixin, FSMModelMixin, BaseModel):
    """A page of the logbook: a text, photos and short videos. A youth's post waits for the
    referent before anyone else sees it."""

    group = models.ForeignKey(
        WorkshopGroup, verbose_name=_("groupe"), on_delete=models.CASCADE, related_name="posts"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("auteur·rice"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = models.TextField(_("texte"), blank=True)
    state = FSMField(
        _("état"),
        max_length=12,
        choices=PostState.choices,
        default=PostState.PENDING,
        protected=True,
    )

    objects = PostQuerySet.as_manager()

    class Meta:
        verbose_name = _("message du carnet")
        verbose_name_plural = _("messages du carnet")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["group", "state", "created_at"])]

    def __str__(self):
        return f"{self.group_id} #{self.pk}"

    def get_absolute_url(self):
        return f"{self.group.get_absolute_url()}#post-{self.pk}"

    @transition(field=state, source=PostState.PENDING, target=PostState.APPROVED)
    def approve(self):
        pass

    @transition(field=state, source=PostState.PENDING, target=PostState.REJECTED)
    def reject(self):
        pass


class PostTransition(TransitionLog):
    post = models.ForeignKey(
        Post, verbose_name=_("message"), on_delete=models.CASCADE, related_name="transitions"
    )

    class Meta(TransitionLog.Meta):
        verbose_name = _("modération d'un message")
        verbose_name_plural = _("historique de la modération")


POST_WORKFLOW = Workflow(
    model=Post,
    log=PostTransition,
    states=PostState,
    actions={"approve": AuditAction.POST_APPROVE, "reject": AuditAction.POST_REJECT},
    refusal=_("Le message est %(state)s : cette action n'est pas possible."),
    editable=frozenset({PostState.PENDING}),
)


class PostMediaQuerySet(GatedQuerySet):
    def viewable_by(self, user, at: datetime.datetime | None = None):
        """The photos and videos `user` may see: of the posts it reads, those the gate lets out
        in the group; its own uploads and, for who keeps the register, all of them (to list who
        appears)."""
        readable = self.filter(post__in=Post.objects.visible_to(user))
        if not scope_for(user).is_authenticated:
            return readable.none()
        return readable.filter(
            Q(pk__in=self.visible_in(Scope.GROUP, at).values("pk"))
            | Q(post__author=user)
            | Q(post__group__in=kept_groups(user))
        )


class PostMedia(BaseModel):
    """A photo (stripped of its EXIF and GPS, resized) or a short video (the original, until
    it is transcoded) of a post."""

    post = models.ForeignKey(
        Post, verbose_name=_("message"), on_delete=models.CASCADE, related_name="media"
    )
    kind = models.CharField(_("type"), max_length=8, choices=MediaKind.choices)
    file = models.FileField(_("fichier"), storage=private_storage, upload_to="logbook/media/%Y/%m/")
    content_type = models.CharField(max_length=100, editable=False)
    size = models.PositiveIntegerField(_("taille (octets)"), editable=False)
    width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    description = models.CharField(
        _("description de l'image"),
        max_length=300,
        blank=True,
        help_text=_("Ce que montre l'image, pour qui ne la voit pas."),
    )
    appears = models.ManyToManyField(
        Member,
        verbose_name=_("personnes visibles"),
        blank=True,
        related_name="media_appearances",
    )

    objects = PostMediaQuerySet.as_manager()

    class Meta:
        verbose_name = _("photo ou vidéo")
        verbose_name_plural = _("photos et vidéos")
        ordering = ["pk"]

    def __str__(self):
        return f"{self.kind} #{self.pk}"

    def get_absolute_url(self):
        return reverse("logbook:media", args=[self.pk])

    @property
    def is_photo(self) -> bool:
        return self.kind == MediaKind.PHOTO


class Comment(BaseModel):
    post = models.ForeignKey(
        Post, verbose_name=_("message"), on_delete=models.CASCADE, related_name="comments"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("auteur·rice"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = models.TextField(_("commentaire"))

    class Meta:
        verbose_name = _("commentaire")
        verbose_name_plural = _("commentaires")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.post_id} #{self.pk}"


class FilmQuerySet(GatedQuerySet):
    def published_in(self, scope: str, at: datetime.datetime | None = None):
        """The films meant for `scope` (their state reaches it) and let through by the gate
        for it: what the gallery, the film page and the film's file show there."""
        states = [
            state
            for state, reach in FILM_STATE_SCOPE.items()
            if reach == scope or scope in SCOPE_NEEDS.get(reach, ())
        ]
        return self.filter(state__in=states).visible_in(scope, at)

    def visible_to(self, user, at: datetime.datetime | None = None):
        """The films `user` may see: every film of the groups it enters (whatever their state:
        the page says what holds them back), the network's films once signed in, the public
        ones for everyone."""
        visible = self.published_in(Scope.PUBLIC, at)
        if not scope_for(user).is_authenticated:
            return visible
        return self.filter(
            Q(pk__in=visible.values("pk"))
            | Q(pk__in=self.published_in(Scope.NETWORK, at).values("pk"))
            | Q(group__in=WorkshopGroup.objects.visible_to(user))
        )

    def watchable_by(self, user, at: datetime.datetime | None = None):
        """The films whose picture `user` may watch: those the gate lets out where `user`
        stands (the public web, the network, the group), and every film of the groups whose
        register it keeps (to check who appears before anything goes out)."""
        query = Q(pk__in=self.published_in(Scope.PUBLIC, at).values("pk"))
        if scope_for(user).is_authenticated:
            query |= Q(pk__in=self.published_in(Scope.NETWORK, at).values("pk"))
            query |= Q(
                pk__in=self.filter(group__in=WorkshopGroup.objects.visible_to(user))
                .visible_in(Scope.GROUP, at)
                .values("pk")
            )
            query |= Q(group__in=kept_groups(user))
        return self.filter(query)


class Film(Stateful, ConcurrentTransitionMixin, FSMModelMixin, BaseModel):
    """The publication of a workshop film (`projects.WorkshopFilm`, which holds its title,
    duration, year, typology, synopsis and speakers): the rest of the Passeurs d'images
    metadata, the file, who appears, and where it is meant to be shown."""

    work = models.OneToOneField(
        "projects.WorkshopFilm",
        verbose_name=_("film d'atelier"),
        on_delete=models.CASCADE,
        related_name="publication",
    )
    group = models.ForeignKey(
        WorkshopGroup, verbose_name=_("groupe"), on_delete=models.CASCADE, related_name="films"
    )
    # Kept from the project's call when the publication opens, so that the gallery filters on
    # an indexed column of its own table.
    region = models.ForeignKey(
        "territories.Region",
        verbose_name=_("région"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    genre = models.CharField(_("genre"), max_length=16, choices=FilmGenre.choices, blank=True)
    partner_cinema = models.CharField(_("cinéma partenaire"), max_length=200, blank=True)
    age_band = models.CharField(
        _("tranche d'âge des participant·es"), max_length=10, choices=AgeBand.choices, blank=True
    )
    participants = models.PositiveIntegerField(_("nombre de participant·es"), null=True, blank=True)
    video = models.FileField(
        _("fichier vidéo (original)"),
        storage=private_storage,
        upload_to="logbook/films/%Y/",
        blank=True,
    )
    video_content_type = models.CharField(max_length=100, blank=True, editable=False)
    appears = models.ManyToManyField(
        Member, verbose_name=_("personnes visibles"), blank=True, related_name="film_appearances"
    )
    state = FSMField(
        _("diffusion"),
        max_length=12,
        choices=FilmState.choices,
        default=FilmState.PRIVATE,
        protected=True,
    )

    objects = FilmQuerySet.as_manager()

    class Meta:
        verbose_name = _("publication d'un film d'atelier")
        verbose_name_plural = _("publications des films d'atelier")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["state", "region"])]

    def __str__(self):
        return str(self.work)

    def get_absolute_url(self):
        return reverse("logbook:film", args=[self.pk])

    @property
    def scope(self) -> str:
        return FILM_STATE_SCOPE[FilmState(self.state)]

    @property
    def minutes(self) -> int:
        return self.work.duration_seconds // 60

    @property
    def seconds(self) -> str:
        return f"{self.work.duration_seconds % 60:02d}"

    @property
    def genre_label(self) -> str:
        return choice_label(FilmGenre, self.genre) if self.genre else ""

    @property
    def age_band_label(self) -> str:
        return choice_label(AgeBand, self.age_band) if self.age_band else ""

    @transition(field=state, source=FilmState.PRIVATE, target=FilmState.NETWORK)
    def share(self):
        pass

    @transition(field=state, source=[FilmState.PRIVATE, FilmState.NETWORK], target=FilmState.PUBLIC)
    def publish(self):
        pass

    @transition(field=state, source=[FilmState.NETWORK, FilmState.PUBLIC], target=FilmState.PRIVATE)
    def unpublish(self):
        pass


class FilmTransition(TransitionLog):
    film = models.ForeignKey(
        Film, verbose_name=_("film"), on_delete=models.CASCADE, related_name="transitions"
    )

    class Meta(TransitionLog.Meta):
        verbose_name = _("étape de la diffusion d'un film")
        verbose_name_plural = _("historique de la diffusion des films")


FILM_WORKFLOW = Workflow(
    model=Film,
    log=FilmTransition,
    states=FilmState,
    actions={
        "share": AuditAction.FILM_SHARE,
        "publish": AuditAction.FILM_PUBLISH,
        "unpublish": AuditAction.FILM_UNPUBLISH,
        # Logged without a change of state (`record`): the film stops showing because an
        # authorisation of someone in it was withdrawn.
        "consent_withdrawn": AuditAction.CONSENT_WITHDRAW,
    },
    refusal=_("Le film est %(state)s : cette action n'est pas possible."),
)
