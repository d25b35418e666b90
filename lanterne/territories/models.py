import datetime
import re

from django.db import connection, models
from django.db.models.functions import Length
from django.utils.translation import gettext_lazy as _

from .enums import CommuneKind, DataOrigin, RuralScheme, RuralStatus, Zone
from .search import search_key

# How many suggestions a search returns at most.
SUGGESTIONS = 20
_CODE_START = re.compile(r"^(?:[0-9]{1,5}|2[AB][0-9]{0,3})$", re.IGNORECASE)


class Region(models.Model):
    code = models.CharField(_("code INSEE"), max_length=3, primary_key=True)
    name = models.CharField(_("nom"), max_length=100)
    zone = models.CharField(_("zone"), max_length=8, choices=Zone.choices, default=Zone.METRO)
    chef_lieu_code = models.CharField(_("chef-lieu"), max_length=5, blank=True)

    class Meta:
        verbose_name = _("région")
        verbose_name_plural = _("régions")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Departement(models.Model):
    code = models.CharField(_("code INSEE"), max_length=3, primary_key=True)
    name = models.CharField(_("nom"), max_length=100)
    region = models.ForeignKey(
        Region, verbose_name=_("région"), on_delete=models.PROTECT, related_name="departements"
    )
    zone = models.CharField(_("zone"), max_length=8, choices=Zone.choices, default=Zone.METRO)
    chef_lieu_code = models.CharField(_("chef-lieu"), max_length=5, blank=True)

    class Meta:
        verbose_name = _("département")
        verbose_name_plural = _("départements")
        ordering = ["code"]

    def __str__(self):
        return f"{self.name} ({self.code})"


class CommuneQuerySet(models.QuerySet["Commune"]):
    def rural_on(self, day: datetime.date, scheme: str | None = None):
        """The communes classified ZRR or FRR (or only `scheme`) on `day`."""
        return self.filter(pk__in=RuralZoning.objects.in_force_on(day, scheme).values("commune_id"))

    def search(self, term: str):
        term = (term or "").strip()
        if not term:
            return self
        if term.isdigit() or (len(term) == 5 and term[:2].upper() in {"2A", "2B"}):
            found = models.Q(code__istartswith=term) | models.Q(postal_codes__icontains=term)
            if len(term) == 5:
                former = FormerCommune.objects.filter(code=term.upper())
                found |= models.Q(pk__in=former.values("commune_id"))
            return self.filter(found)
        # Anywhere in the name, current or former, whatever the accents ("etienne" finds
        # Saint-Étienne, "vieux" finds Annecy, formerly Annecy-le-Vieux).
        key = search_key(term)
        former = FormerCommune.objects.filter(search_name__contains=key)
        return self.filter(
            models.Q(search_name__contains=key) | models.Q(pk__in=former.values("commune_id"))
        )

    def suggest(self, term: str, limit: int = SUGGESTIONS):
        """At most `limit` communes for what someone is typing, best first, in one query.

        A name is matched from its first letters whatever the case, accents, hyphens and
        apostrophes ("saint-eti", "st etienne" and "Saint-Étienne" alike), an exact name first,
        then the most populated: "tou" gives Toulouse before Tournefeuille. Municipal
        arrondissements are communes of their own here: "paris" offers Paris, then its
        arrondissements. Former names (`FormerCommune`) lead to today's commune, after the
        current names: "annecy-le-vieux" gives Annecy. The first digits of an INSEE code give
        the communes whose code starts so; a whole code also finds the commune that absorbed a
        former commune of that code, and the communes of that postal code.

        Each commune found only through a former name or code carries it as `former_name`
        (None otherwise), so that a list can say "anciennement Annecy-le-Vieux" without a query.
        """
        term = (term or "").strip()
        if _CODE_START.fullmatch(term):
            code = term.upper()
            if len(code) == 5:
                former_rows = FormerCommune.objects.filter(code=code)
                former = models.Q(former_codes__icontains=f'"{code}"') | models.Q(
                    pk__in=former_rows.values("commune_id")
                )
                found = models.Q(code=code) | former | models.Q(postal_codes__icontains=f'"{code}"')
                # The commune of that code, then the one that absorbed it, then by postal code.
                return (
                    self.filter(found)
                    .annotate(former_name=_former_name(models.Q(code=code), former_rows))
                    .order_by(
                        models.Case(
                            models.When(code=code, then=0), models.When(former, then=1), default=2
                        ),
                        models.F("population").desc(nulls_last=True),
                        "code",
                    )[:limit]
                )
            return (
                self.filter(_prefix("code", code))
                .annotate(former_name=models.Value(None, output_field=models.CharField()))
                .order_by("code")[:limit]
            )
        key = search_key(term)
        if not key:
            return self.none()
        current = _prefix("search_name", key)
        former_rows = FormerCommune.objects.filter(_prefix("search_name", key))
        exact_former = FormerCommune.objects.filter(search_name=key).values("commune_id")
        return (
            self.filter(current | models.Q(pk__in=former_rows.values("commune_id")))
            .annotate(former_name=_former_name(current, former_rows))
            .order_by(
                # Current names before former ones; an exact name before a beginning.
                models.Case(
                    models.When(search_name=key, then=0),
                    models.When(pk__in=exact_former, then=1),
                    models.When(current, then=2),
                    default=3,
                ),
                models.F("population").desc(nulls_last=True),
                Length("name"),
                "name",
            )[:limit]
        )

    def by_code(self, code: str):
        """The commune with this INSEE code, current or former (merged communes), or None.

        Official lists (QPV, ZRR) use the codes of their year: `01340` (Saint-Bois, merged in
        2016) is found as `01015` Arboys en Bugey. Former codes come from the COG (delegated
        and associated communes, `former_codes`) and from the *mouvements des communes*
        (`FormerCommune`); a code that several communes share gives the most populated.
        """
        code = (code or "").strip().upper()
        current = self.filter(code=code).first()
        if current is not None or not code:
            return current
        former_rows = FormerCommune.objects.filter(code=code).values("commune_id")
        # A text search narrows the rows on every backend; the exact test is done in Python.
        candidates = (
            self.filter(
                models.Q(former_codes__icontains=f'"{code}"') | models.Q(pk__in=former_rows)
            )
            .annotate(
                from_mouvements=models.Exists(former_rows.filter(commune_id=models.OuterRef("pk")))
            )
            .order_by(models.F("population").desc(nulls_last=True), "code")
        )
        return next(
            (
                c
                for c in candidates
                if getattr(c, "from_mouvements", False) or code in c.former_codes
            ),
            None,
        )


def _former_name(current: models.Q, former_rows: models.QuerySet):
    """The first of `former_rows` of each commune, unless `current` found it by itself."""
    name = (
        former_rows.filter(commune_id=models.OuterRef("pk"))
        .order_by(Length("name"), "name")
        .values("name")[:1]
    )
    return models.Case(
        models.When(current, then=models.Value(None)),
        default=models.Subquery(name),
        output_field=models.CharField(),
    )


def _prefix(field: str, start: str) -> models.Q:
    """Rows whose `field` starts with `start` (plain ASCII), as a condition an index answers.

    PostgreSQL answers `LIKE 'tou%'` from the `varchar_pattern_ops` index Django creates beside
    every indexed CharField; SQLite never uses an index for LIKE (it is case-insensitive there),
    but it does for the equivalent range: from `start` up to, and not including, `start` with
    its last character incremented ("tou" ≤ name < "tov").
    """
    if connection.vendor == "postgresql":
        return models.Q(**{f"{field}__startswith": start})
    upper = start[:-1] + chr(ord(start[-1]) + 1)
    return models.Q(**{f"{field}__gte": start, f"{field}__lt": upper})


class Commune(models.Model):
    """A commune of the Code officiel géographique (current communes and municipal arrondissements).

    Codes are strings: `2A004` (Ajaccio), `97311` (Saint-Laurent-du-Maroni).
    """

    code = models.CharField(_("code INSEE"), max_length=5, primary_key=True)
    name = models.CharField(_("nom"), max_length=150, db_index=True)
    # `search_key(name)`, kept by `save()` and by the importer (which writes in bulk).
    search_name = models.CharField(
        _("nom pour la recherche"), max_length=150, db_index=True, editable=False, default=""
    )
    kind = models.CharField(
        _("type"), max_length=16, choices=CommuneKind.choices, default=CommuneKind.COMMUNE
    )
    departement = models.ForeignKey(
        Departement,
        verbose_name=_("département"),
        on_delete=models.PROTECT,
        related_name="communes",
    )
    # Denormalised from the département: every scoped query filters by région.
    region = models.ForeignKey(
        Region, verbose_name=_("région"), on_delete=models.PROTECT, related_name="communes"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("commune de rattachement"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="arrondissements",
    )
    population = models.PositiveIntegerField(_("population municipale"), null=True, blank=True)
    postal_codes = models.JSONField(_("codes postaux"), default=list, blank=True)
    former_codes = models.JSONField(_("anciens codes"), default=list, blank=True)
    siren = models.CharField(_("SIREN"), max_length=9, blank=True)
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)

    objects = CommuneQuerySet.as_manager()

    class Meta:
        verbose_name = _("commune")
        verbose_name_plural = _("communes")
        ordering = ["name", "code"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(latitude__isnull=True, longitude__isnull=True)
                | models.Q(
                    latitude__gte=-90, latitude__lte=90, longitude__gte=-180, longitude__lte=180
                ),
                name="commune_position_valid",
            )
        ]

    def __str__(self):
        return self.label

    def save(self, *args, **kwargs):
        self.search_name = search_key(self.name)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "name" in update_fields:
            kwargs["update_fields"] = {*update_fields, "search_name"}
        super().save(*args, **kwargs)

    @property
    def label(self) -> str:
        """The name people read, with the département that tells homonyms apart:
        "Saint-Denis (93)", "Saint-Denis (974)". Names are unique within a département."""
        return f"{self.name} ({self.departement_id})"

    @property
    def has_position(self) -> bool:
        return self.latitude is not None and self.longitude is not None

    def rural_priority_on(self, day: datetime.date):
        """The rural zoning that applied to this commune on `day`, or None.

        Read from `rural_zonings.all()`, so that a list of communes with
        `prefetch_related("rural_zonings")` costs no query (the eligibility engine, the year
        view); without the prefetch it is one query. Same answer as
        `RuralZoning.objects.for_commune_on`.
        """
        zonings = [zoning for zoning in self.rural_zonings.all() if zoning.applies_on(day)]
        return max(zonings, key=lambda zoning: zoning.valid_from, default=None)


class FormerCommune(models.Model):
    """A name and code a commune had, or those of a commune it absorbed, read from INSEE's
    *mouvements des communes* (`import_territories --mouvements`, with the date it ended) or
    from the COG's communes déléguées and associées (no date: `ended_on` is empty exactly for
    those rows). For one commune and code, the mouvements take precedence: their row replaces
    the COG's (see `importers.delegated`).

    Events are followed to today: Annecy-le-Vieux (74011), merged into Annecy on 1 January
    2017, is a former commune of Annecy (74010); a commune renamed keeps its code and gets a row
    with its former name. A former code may lead to several communes (a commune split between
    its neighbours).
    """

    commune = models.ForeignKey(
        Commune,
        verbose_name=_("commune d'aujourd'hui"),
        on_delete=models.CASCADE,
        related_name="former_communes",
    )
    code = models.CharField(_("code INSEE"), max_length=5, db_index=True)
    name = models.CharField(_("nom"), max_length=150)
    # `search_key(name)`, written by the importer (bulk) and by `save()`: searched like
    # `Commune.search_name`.
    search_name = models.CharField(
        _("nom pour la recherche"), max_length=150, db_index=True, editable=False
    )
    ended_on = models.DateField(_("remplacée le"), null=True, blank=True)

    class Meta:
        verbose_name = _("ancienne commune")
        verbose_name_plural = _("anciennes communes")
        ordering = ["commune_id", "name", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["commune", "code", "name"], name="former_commune_unique"
            )
        ]

    def __str__(self):
        return f"{self.name} ({self.code})"

    def save(self, *args, **kwargs):
        # A name corrected in the admin is searched by its new spelling.
        self.search_name = search_key(self.name)
        super().save(*args, **kwargs)


class QpvQuerySet(models.QuerySet["Qpv"]):
    def in_force_on(self, day: datetime.date):
        """The QPVs whose generation applies on `day`: when a quarter was given a new code (the
        2015 list replaced by the 2024 one), only one of its two rows is in force on any day."""
        return self.filter(
            models.Q(valid_from__isnull=True) | models.Q(valid_from__lte=day),
            models.Q(valid_until__isnull=True) | models.Q(valid_until__gte=day),
        )

    def choices_for(self, communes, *, on: datetime.date, chosen=()):
        """The QPVs to offer for `communes` on `on` (each quarter once, under the code in
        force), plus those already `chosen` (an older code stays shown where it was chosen)."""
        offered = self.filter(communes__in=communes).in_force_on(on)
        keep = [qpv.pk for qpv in chosen]
        return self.filter(models.Q(pk__in=offered.values("pk")) | models.Q(pk__in=keep))


class Qpv(models.Model):
    """A quartier prioritaire de la politique de la ville (code such as `QN07501M`)."""

    code = models.CharField(_("code"), max_length=10, primary_key=True)
    name = models.CharField(_("nom"), max_length=200)
    communes = models.ManyToManyField(Commune, verbose_name=_("communes"), related_name="qpvs")
    valid_from = models.DateField(_("en vigueur depuis"), null=True, blank=True)
    valid_until = models.DateField(_("en vigueur jusqu'au"), null=True, blank=True)
    origin = models.CharField(
        _("origine"), max_length=16, choices=DataOrigin.choices, default=DataOrigin.OFFICIAL
    )
    source = models.CharField(_("source"), max_length=300, blank=True)

    objects = QpvQuerySet.as_manager()

    class Meta:
        verbose_name = _("QPV")
        verbose_name_plural = _("QPV")
        ordering = ["code"]

    def __str__(self):
        return f"{self.name} ({self.code})"

    @property
    def is_illustrative(self) -> bool:
        return self.origin == DataOrigin.ILLUSTRATIVE


class RuralZoningQuerySet(models.QuerySet):
    def active_on(self, day: datetime.date):
        return self.filter(valid_from__lte=day).filter(
            models.Q(valid_until__isnull=True) | models.Q(valid_until__gte=day)
        )

    def priority(self):
        return self.exclude(status=RuralStatus.NOT_CLASSIFIED)

    def in_force_on(self, day: datetime.date, scheme: str | None = None):
        """The classifications that made their commune rural-priority on `day` (ZRR or FRR, or
        only `scheme`): the one rule, in SQL; `RuralZoning.applies_on` is its Python twin."""
        zonings = self.priority().active_on(day)
        return zonings.filter(scheme=scheme) if scheme else zonings

    def for_commune_on(self, commune: "Commune | str", day: datetime.date):
        """Was `commune` rural-priority on `day`? The ZRR or FRR classification then, else None.

        `commune` is a Commune or an INSEE code, current or former. ZRR and FRR never overlap in
        time (ZRR ends on 30 June 2024, FRR starts on 1 July 2024), so there is at most one
        answer: a commune classified ZRR and then FRR gets its ZRR row up to 30 June 2024 and its
        FRR row from 1 July 2024; one that left the scheme gets None from 1 July 2024. "Non
        classée" rows, kept to record that a commune was examined, never answer.
        """
        if isinstance(commune, str):
            commune = Commune.objects.by_code(commune)
            if commune is None:
                return None
        return (
            self.in_force_on(day)
            .filter(commune=commune)
            .select_related("commune")
            .order_by("-valid_from")
            .first()
        )


class RuralZoning(models.Model):
    """A commune's classification in a rural zoning scheme over a period."""

    commune = models.ForeignKey(
        Commune, verbose_name=_("commune"), on_delete=models.CASCADE, related_name="rural_zonings"
    )
    scheme = models.CharField(_("dispositif"), max_length=3, choices=RuralScheme.choices)
    status = models.CharField(_("classement"), max_length=16, choices=RuralStatus.choices)
    valid_from = models.DateField(_("du"))
    valid_until = models.DateField(_("au"), null=True, blank=True)
    origin = models.CharField(
        _("origine"), max_length=16, choices=DataOrigin.choices, default=DataOrigin.OFFICIAL
    )
    source = models.CharField(_("source"), max_length=300, blank=True)

    objects = RuralZoningQuerySet.as_manager()

    class Meta:
        verbose_name = _("zonage rural")
        verbose_name_plural = _("zonages ruraux")
        ordering = ["commune_id", "valid_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["commune", "scheme", "valid_from"], name="rural_zoning_unique_period"
            ),
            models.CheckConstraint(
                condition=models.Q(valid_until__isnull=True)
                | models.Q(valid_until__gte=models.F("valid_from")),
                name="rural_zoning_period_ordered",
            ),
        ]

    def __str__(self):
        return f"{self.commune_id} {self.get_scheme_display()} {self.get_status_display()}"

    @property
    def is_illustrative(self) -> bool:
        return self.origin == DataOrigin.ILLUSTRATIVE

    def applies_on(self, day: datetime.date) -> bool:
        """Did this row make its commune rural-priority on `day`? (`in_force_on` in Python.)"""
        return (
            self.status != RuralStatus.NOT_CLASSIFIED
            and self.valid_from <= day
            and (self.valid_until is None or self.valid_until >= day)
        )
