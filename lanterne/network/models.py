from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_fsm import ConcurrentTransitionMixin, FSMField, FSMModelMixin, transition
from simple_history.models import HistoricalRecords

from lanterne.accounts.enums import Role
from lanterne.accounts.scoping import scope_for
from lanterne.core.choices import choice_label
from lanterne.core.models import BaseModel
from lanterne.core.text import fold
from lanterne.core.workflow import Stateful, TransitionLog, Workflow
from lanterne.territories.models import Commune, Departement, Region

from .enums import SUBKINDS_BY_KIND, AuditAction, JoinRequestState, StructureKind, StructureSubkind
from .legal_forms import legal_form_label
from .validators import normalise_phone, normalise_rna, normalise_siret


class StructureQuerySet(models.QuerySet):
    def listed(self):
        return self.filter(is_listed=True)

    def visible_to(self, user):
        """Structures `user` may read: listed ones, its own, and its coordination perimeter."""
        scope = scope_for(user)
        if scope.sees_all():
            return self
        return self.filter(scope.structure_filter())

    def search(self, term: str):
        """Name, acronym or commune containing every word typed, accents and case ignored."""
        words = fold(term).split()
        queryset = self
        for word in words:
            queryset = queryset.filter(search_text__contains=word)
        return queryset

    def with_position(self):
        """Annotate `lat`/`lon`: the structure's own position, else its commune's."""
        return self.annotate(
            lat=Coalesce("latitude", "commune__latitude"),
            lon=Coalesce("longitude", "commune__longitude"),
        )


class Structure(BaseModel):
    """An organisation of the network, or one that works with it."""

    name = models.CharField(_("nom"), max_length=200, db_index=True)
    acronym = models.CharField(_("sigle"), max_length=40, blank=True)
    slug = models.SlugField(_("identifiant d'URL"), max_length=220, unique=True)
    kind = models.CharField(_("type"), max_length=24, choices=StructureKind.choices, db_index=True)
    subkind = models.CharField(
        _("sous-type"), max_length=24, choices=StructureSubkind.choices, blank=True
    )
    siret = models.CharField(
        _("SIRET"),
        max_length=14,
        blank=True,
        help_text=_("14 chiffres ; facultatif pour une structure étrangère ou un groupe informel."),
    )
    legal_form = models.CharField(
        _("forme juridique"),
        max_length=4,
        blank=True,
        help_text=_("Catégorie juridique de l'INSEE (répertoire Sirene)."),
    )
    rna = models.CharField(
        _("numéro RNA"),
        max_length=10,
        blank=True,
        help_text=_(
            "Répertoire national des associations : W suivi de 9 chiffres ; pour une "
            "association seulement."
        ),
    )
    # Who signs for the structure (the cerfa's "représentant légal"): declared, since neither
    # Sirene nor the RNA's open data give it.
    legal_representative_name = models.CharField(
        _("représentant·e légal·e"),
        max_length=200,
        blank=True,
        help_text=_("Prénom et nom de la personne qui représente légalement la structure."),
    )
    legal_representative_role = models.CharField(
        _("qualité du représentant·e légal·e"),
        max_length=100,
        blank=True,
        help_text=_("Sa fonction : président·e, gérant·e, maire…"),
    )
    description = models.TextField(_("présentation"), blank=True)
    address = models.CharField(_("adresse"), max_length=250, blank=True)
    address_complement = models.CharField(_("complément d'adresse"), max_length=250, blank=True)
    postal_code = models.CharField(_("code postal"), max_length=10, blank=True)
    commune = models.ForeignKey(
        Commune,
        verbose_name=_("commune"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="structures",
    )
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    website = models.URLField(_("site web"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("téléphone"), max_length=20, blank=True)
    is_listed = models.BooleanField(
        _("dans l'annuaire public"),
        default=True,
        help_text=_("Visible par tous dans l'annuaire et sur la carte."),
    )
    is_fictitious = models.BooleanField(
        _("structure fictive (démonstration)"), default=False, editable=False
    )
    # Name, acronym and commune folded (see `fold`), kept up to date by `save()`; indexed for
    # substring search on PostgreSQL (trigrams).
    search_text = models.TextField(editable=False, default="")

    objects = StructureQuerySet.as_manager()
    # Who changed an address, a SIRET or the listing, and when: shown to those who may edit.
    history = HistoricalRecords(excluded_fields=["created_at", "updated_at", "search_text"])

    class Meta:
        verbose_name = _("structure")
        verbose_name_plural = _("structures")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["siret"], condition=~models.Q(siret=""), name="structure_siret_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(latitude__isnull=True, longitude__isnull=True)
                | models.Q(
                    latitude__gte=-90, latitude__lte=90, longitude__gte=-180, longitude__lte=180
                ),
                name="structure_position_valid",
            ),
        ]
        indexes = [
            models.Index(fields=["is_listed", "kind"]),
            # The map data's cache version is MAX(updated_at): one index probe.
            models.Index(fields=["updated_at"], name="structure_updated_at_idx"),
            # The public directory's order: deep pages walk this index only.
            models.Index(fields=["is_listed", "name", "id"], name="structure_listed_name_idx"),
            # The map's grouping (by commune, then département, and type, with positions)
            # reads this narrow index only, never the wide table (PostgreSQL: index-only scan).
            models.Index(
                fields=["is_listed", "commune", "kind"],
                include=["latitude", "longitude", "id"],
                name="structure_map_covering_idx",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("www:structure", args=[self.slug])

    def build_search_text(self, commune_name: str | None = None) -> str:
        if commune_name is None:
            # Test the id first: a structure without a commune costs no query.
            commune = self.commune if self.commune_id else None
            commune_name = commune.name if commune is not None else ""
        return fold(" ".join(filter(None, [self.name, self.acronym, commune_name])))

    def save(self, *args, **kwargs):
        self.search_text = self.build_search_text()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "search_text"}
        super().save(*args, **kwargs)

    def clean_fields(self, exclude=None):
        # Normalise before the length checks: "732 829 320 00074" is a valid 14-digit SIRET,
        # "w 751 234 567" a valid RNA number.
        errors = {}
        for name, normalise in (
            ("siret", normalise_siret),
            ("rna", normalise_rna),
            ("phone", normalise_phone),
        ):
            value = getattr(self, name)
            if value and not (exclude and name in exclude):
                try:
                    setattr(self, name, normalise(value))
                except ValidationError as error:
                    errors[name] = error.messages
        try:
            super().clean_fields(exclude=[*(exclude or []), *errors])
        except ValidationError as error:
            errors.update(error.message_dict)
        if errors:
            raise ValidationError(errors)

    def clean(self):
        errors = {}
        allowed = SUBKINDS_BY_KIND.get(self.kind)
        if self.subkind and (allowed is None or self.subkind not in allowed):
            errors["subkind"] = _("Ce sous-type ne correspond pas au type de structure choisi.")
        if (self.latitude is None) != (self.longitude is None):
            errors["latitude"] = _("Indiquez la latitude et la longitude, ou aucune des deux.")
        if self.legal_representative_role and not self.legal_representative_name:
            errors["legal_representative_name"] = _(
                "Indiquez le nom du représentant·e légal·e dont vous donnez la qualité."
            )
        if errors:
            raise ValidationError(errors)

    @property
    def legal_form_label(self) -> str:
        return legal_form_label(self.legal_form)

    @property
    def kind_label(self) -> str:
        return choice_label(StructureKind, self.kind)

    @property
    def subkind_label(self) -> str:
        return choice_label(StructureSubkind, self.subkind) if self.subkind else ""

    @property
    def position(self) -> tuple[float, float] | None:
        """Own coordinates, else the commune's; None when neither is known."""
        if self.latitude is not None and self.longitude is not None:
            return (self.latitude, self.longitude)
        commune = self.commune
        if commune is not None and commune.latitude is not None and commune.longitude is not None:
            return (commune.latitude, commune.longitude)
        return None

    @property
    def position_is_approximate(self) -> bool:
        return self.latitude is None and self.position is not None

    def carried_region_codes(self) -> set[str]:
        """The régions of the pôles and Passeurs d'images coordinations this structure carries:
        those where it may carry a call (two queries)."""
        return set(self.coordinations.values_list("region_id", flat=True)) | set(
            self.poles.values_list("region_id", flat=True)
        )


class MissionQuerySet(models.QuerySet):
    def covering_departement(self, *departement_codes: str):
        """The missions that cover one of these départements: those that list it, and those
        that list none and so cover their whole région."""
        return self.filter(
            models.Q(departements__code__in=departement_codes)
            | models.Q(departements__isnull=True, region__departements__code__in=departement_codes)
        ).distinct()


class Mission(BaseModel):
    """A regional mission carried by one or more structures of one région."""

    name = models.CharField(_("nom"), max_length=200)
    slug = models.SlugField(_("identifiant d'URL"), max_length=220, unique=True)
    region = models.ForeignKey(Region, verbose_name=_("région"), on_delete=models.PROTECT)
    departements = models.ManyToManyField(
        Departement,
        verbose_name=_("départements couverts"),
        blank=True,
        help_text=_("Laisser vide si la mission couvre toute la région."),
    )
    carriers = models.ManyToManyField(Structure, verbose_name=_("structures porteuses"))
    website = models.URLField(_("site web"), blank=True)

    objects = MissionQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["region__name", "name"]

    def __str__(self):
        return self.name

    def covered_departement_codes(self) -> set[str]:
        codes = {d.code for d in self.departements.all()}
        return codes or set(self.region.departements.values_list("code", flat=True))


class Pole(Mission):
    """A pôle régional d'éducation aux images (charter of the CNC and the Ministry of Culture)."""

    class Meta(Mission.Meta):
        verbose_name = _("pôle régional")
        verbose_name_plural = _("pôles régionaux")
        default_related_name = "poles"


class Coordination(Mission):
    """A Passeurs d'images regional coordination: a région or a part of it."""

    class Meta(Mission.Meta):
        verbose_name = _("coordination Passeurs d'images")
        verbose_name_plural = _("coordinations Passeurs d'images")
        default_related_name = "coordinations"


class PersonQuerySet(models.QuerySet):
    def visible_to(self, user):
        """People `user` may read: public contacts of visible structures, colleagues, itself."""
        scope = scope_for(user)
        if scope.sees_all():
            return self
        visible_structures = Structure.objects.visible_to(user).values("pk")
        in_scope = models.Q(
            affiliations__structure__in=Structure.objects.filter(scope.private_structure_filter())
        )
        public = models.Q(
            affiliations__is_public_contact=True,
            affiliations__structure__in=visible_structures,
        )
        own = models.Q(user=user) if user.is_authenticated else models.Q(pk__in=[])
        return self.filter(public | in_scope | own).distinct()


class Person(BaseModel):
    """A contact person: staff, speaker (intervenant), committee member…"""

    first_name = models.CharField(_("prénom"), max_length=100)
    last_name = models.CharField(_("nom"), max_length=100)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("téléphone"), max_length=20, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("compte"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person",
    )
    is_speaker = models.BooleanField(_("intervenant·e"), default=False)
    bio = models.TextField(_("présentation"), blank=True)
    is_fictitious = models.BooleanField(
        _("personne fictive (démonstration)"), default=False, editable=False
    )

    objects = PersonQuerySet.as_manager()

    class Meta:
        verbose_name = _("personne")
        verbose_name_plural = _("personnes")
        ordering = ["last_name", "first_name"]

    def __str__(self):
        return f"{self.first_name} {self.last_name}"

    def clean_fields(self, exclude=None):
        if self.phone and not (exclude and "phone" in exclude):
            try:
                self.phone = normalise_phone(self.phone)
            except ValidationError as error:
                raise ValidationError({"phone": error.messages}) from error
        super().clean_fields(exclude=exclude)


class AffiliationQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Positions `user` may read: public contacts of visible structures, its reach, its own.

        A person's non-public positions stay hidden from someone who only knows that person as
        the public contact of another structure.
        """
        scope = scope_for(user)
        if scope.sees_all():
            return self
        query = models.Q(
            is_public_contact=True, structure__in=Structure.objects.visible_to(user).values("pk")
        ) | models.Q(
            structure__in=Structure.objects.filter(scope.private_structure_filter()).values("pk")
        )
        if user.is_authenticated:
            query |= models.Q(person__user=user)
        return self.filter(query)


class Affiliation(BaseModel):
    """A person's position in a structure (a contact, not an access right)."""

    person = models.ForeignKey(
        Person, verbose_name=_("personne"), on_delete=models.CASCADE, related_name="affiliations"
    )
    structure = models.ForeignKey(
        Structure,
        verbose_name=_("structure"),
        on_delete=models.CASCADE,
        related_name="affiliations",
    )
    position = models.CharField(_("fonction"), max_length=150, blank=True)
    is_public_contact = models.BooleanField(
        _("contact public"),
        default=False,
        help_text=_("Nom, fonction et e-mail affichés sur la page publique de la structure."),
    )

    objects = AffiliationQuerySet.as_manager()

    class Meta:
        verbose_name = _("rattachement")
        verbose_name_plural = _("rattachements")
        ordering = ["structure__name", "person__last_name"]
        constraints = [
            models.UniqueConstraint(fields=["person", "structure"], name="affiliation_unique")
        ]

    def __str__(self):
        return f"{self.person} — {self.structure}"


class JoinRequestQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(state=JoinRequestState.PENDING)

    def visible_to(self, user):
        """Requests `user` may read: its own, those to its structures (as an applicant member),
        and those to structures of its coordination perimeter."""
        scope = scope_for(user)
        if scope.sees_all():
            return self
        if not user.is_authenticated:
            return self.none()
        return self.filter(
            models.Q(user=user)
            | models.Q(structure__in=list(scope.structures_with_role(Role.APPLICANT)))
            | models.Q(structure__commune__departement__in=list(scope.coordinated_departements))
        )


class JoinRequest(Stateful, ConcurrentTransitionMixin, FSMModelMixin, BaseModel):
    """A person asks to act for a structure that already exists; its members or its
    coordination decide (`network.services.join_request_approve` / `_refuse`)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("demandeur"),
        on_delete=models.CASCADE,
        related_name="join_requests",
    )
    structure = models.ForeignKey(
        Structure,
        verbose_name=_("structure"),
        on_delete=models.CASCADE,
        related_name="join_requests",
    )
    message = models.TextField(_("message"), blank=True)
    state = FSMField(
        _("état"),
        max_length=12,
        choices=JoinRequestState.choices,
        default=JoinRequestState.PENDING,
        protected=True,
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("décidée par"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("décidée le"), null=True, blank=True)
    reason = models.TextField(_("motif du refus"), blank=True)

    objects = JoinRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("demande à rejoindre une structure")
        verbose_name_plural = _("demandes à rejoindre une structure")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "structure"],
                condition=models.Q(state="pending"),
                name="join_request_one_pending",
            )
        ]

    def __str__(self):
        return f"{self.user} → {self.structure}"

    @transition(field=state, source=JoinRequestState.PENDING, target=JoinRequestState.APPROVED)
    def approve(self):
        pass

    @transition(field=state, source=JoinRequestState.PENDING, target=JoinRequestState.REFUSED)
    def refuse(self):
        pass


class JoinRequestTransition(TransitionLog):
    join_request = models.ForeignKey(
        JoinRequest,
        verbose_name=_("demande"),
        on_delete=models.CASCADE,
        related_name="transitions",
    )

    class Meta(TransitionLog.Meta):
        verbose_name = _("étape d'une demande à rejoindre une structure")
        verbose_name_plural = _("historique des demandes à rejoindre une structure")


JOIN_REQUEST_WORKFLOW = Workflow(
    model=JoinRequest,
    log=JoinRequestTransition,
    states=JoinRequestState,
    actions={"approve": AuditAction.JOIN_APPROVE, "refuse": AuditAction.JOIN_REFUSE},
    stamps={"approve": ("decided_at",), "refuse": ("decided_at",)},
    refusal=_("Cette demande est %(state)s : elle a déjà été traitée."),
)
