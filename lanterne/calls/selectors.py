"""Reads of calls: where a coordinator may carry a call, the calls' part of each role's home
page."""

from collections.abc import Set as AbstractSet
from dataclasses import dataclass

from django.db.models import Count
from django.utils.translation import gettext as _

from lanterne.accounts.enums import Role
from lanterne.accounts.scoping import Scope, scope_for
from lanterne.core.services import ServiceError
from lanterne.network.models import Coordination, Pole, Structure
from lanterne.territories.models import Departement, Region

from .enums import ApplicantArea
from .models import Call

# Long lists on a dashboard are cut; the page says how many there are in all.
LIST_LIMIT = 20


@dataclass(frozen=True)
class Carrier:
    """A structure the user coordinates for and a région where it carries a mission: a call
    created there is carried by the structure and belongs to the région."""

    structure: Structure
    region: Region
    mission: str

    @property
    def key(self) -> str:
        return f"{self.structure.pk}-{self.region.pk}"

    @property
    def label(self) -> str:
        return f"{self.mission} ({self.structure.name})"


def call_carriers(user) -> list[Carrier]:
    """Where `user` may create a call: the Passeurs d'images coordinations (else the pôles) carried
    by the structures it coordinates for, one per structure and région (two queries)."""
    ids = scope_for(user).coordinated_structure_ids
    carriers: dict[tuple[int, str], Carrier] = {}
    for model, field in ((Coordination, "coordination"), (Pole, "pole")):
        rows = (
            model.carriers.through.objects.filter(structure_id__in=ids)
            .select_related("structure", f"{field}__region")
            .order_by(f"{field}__name", "structure__name")
        )
        for row in rows:
            mission = getattr(row, field)
            carriers.setdefault(
                (row.structure_id, mission.region_id),
                Carrier(structure=row.structure, region=mission.region, mission=mission.name),
            )
    return sorted(carriers.values(), key=lambda carrier: carrier.label)


def open_calls_in(regions: AbstractSet[str]) -> list[Call]:
    """The calls open now in these régions, with their calendar (none asked: no query)."""
    if not regions:
        return []
    return list(
        Call.objects.open()
        .filter(region__in=regions)
        .with_calendar()
        .select_related("region")
        .order_by("title")
    )


def dashboard(
    user, scope: Scope, *, applicant_regions: AbstractSet[str] = frozenset()
) -> dict[str, dict]:
    """The calls' part of the home page: the calls open in the applicant's régions (those of
    its structures, which the network part has read). The coordinator's calls to instruct are
    the dossiers' part (`lanterne.dossiers.selectors.calls_to_instruct`)."""
    parts = {}
    if Role.APPLICANT in scope.roles:
        parts[str(Role.APPLICANT)] = {"open_calls": open_calls_in(applicant_regions)}
    return parts


def national_call_counts(year: int) -> dict[str, int]:
    """How many calls of `year` each région has (région code → count): one query. A région
    that is absent has no call that year, so none of its figures exist."""
    rows = Call.objects.filter(year=year).values_list("region_id").annotate(n=Count("pk"))
    return dict(rows.order_by())


def call_years() -> list[int]:
    """The years that have calls, most recent first (one query)."""
    return list(Call.objects.order_by("-year").values_list("year", flat=True).distinct())


def applicant_departements(call: Call) -> list[Departement]:
    """The départements whose structures may apply to `call` (`Call.applicant_area`), by code.

    By default the perimeter of the coordination in the call's région: the départements its
    Passeurs d'images coordinations there list (else its pôles'), the whole région when one of
    those missions lists none. Two coordinations of one région so each call their own half.
    Two or three queries."""
    whole_region = Departement.objects.filter(region_id=call.region_id).order_by("code")
    if call.applicant_area == ApplicantArea.REGION:
        return list(whole_region)
    if call.applicant_area == ApplicantArea.DEPARTEMENTS:
        return sorted(call.applicant_departements.all(), key=lambda d: d.code)
    for model in (Coordination, Pole):
        missions = list(
            model.objects.filter(
                carriers=call.coordination_id, region_id=call.region_id
            ).prefetch_related("departements")
        )
        if not missions:
            continue
        found: dict[str, Departement] = {}
        for mission in missions:
            listed = list(mission.departements.all())
            if not listed:
                return list(whole_region)
            found.update((d.code, d) for d in listed)
        return [found[code] for code in sorted(found)]
    return list(whole_region)


def applicant_departement_codes(call: Call) -> set[str]:
    return {d.code for d in applicant_departements(call)}


def applicant_may_apply(
    call: Call, structure: Structure, *, departements: list[Departement] | None = None
) -> tuple[bool, str]:
    """May `structure` apply to `call`, by where it is? (True, "") or (False, why, in words).
    `departements`: those of `applicant_departements(call)`, when the caller has read them."""
    commune = structure.commune if structure.commune_id else None
    if commune is None:
        return False, str(
            _(
                "La commune de %(structure)s n'est pas renseignée : indiquez-la sur la fiche de "
                "la structure pour savoir si elle peut répondre à cet appel."
            )
            % {"structure": structure.name}
        )
    if departements is None:
        departements = applicant_departements(call)
    if commune.departement_id in {d.code for d in departements}:
        return True, ""
    return False, str(
        _(
            "Cet appel est réservé aux structures de ces départements : %(departements)s. "
            "%(structure)s est à %(commune)s, hors de ce territoire : elle ne peut pas y "
            "déposer de dossier."
        )
        % {
            "departements": ", ".join(d.name for d in departements) or "—",
            "structure": structure.name,
            "commune": commune.name,
        }
    )


def ensure_may_apply(call: Call, structure: Structure) -> None:
    """Refuse (`ServiceError`, with the reason) a structure that may not apply to `call`."""
    allowed, reason = applicant_may_apply(call, structure)
    if not allowed:
        raise ServiceError(reason)
