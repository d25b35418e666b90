"""What each role has to do, computed from real data for the signed-in home page.

Every function runs a fixed number of queries, whatever the number of rows.
"""

from django.db.models import Count, Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lanterne.accounts.enums import Role
from lanterne.accounts.scoping import Scope
from lanterne.calls.models import Call, CallMilestone
from lanterne.committee.models import CommitteeSession
from lanterne.dossiers.enums import DossierState
from lanterne.dossiers.models import Dossier
from lanterne.network.enums import StructureKind
from lanterne.network.models import Affiliation, Coordination, Person, Pole, Structure
from lanterne.territories.models import Departement, Region

# Long lists on a dashboard are cut; the page says how many there are in all.
LIST_LIMIT = 20

NO_POSITION = Q(latitude__isnull=True) & (
    Q(commune__isnull=True) | Q(commune__latitude__isnull=True)
)


def missing_information(structure: Structure) -> list[str]:
    """What a structure's profile still lacks, as French labels (translated when shown)."""
    missing = []
    if not structure.siret:
        missing.append(_("numéro SIRET"))
    if not structure.commune_id:
        missing.append(_("commune"))
    if not structure.email:
        missing.append(_("adresse e-mail"))
    if not structure.phone:
        missing.append(_("téléphone"))
    if not structure.description:
        missing.append(_("présentation"))
    return missing


def counts_by_kind(queryset) -> list[tuple[str, int]]:
    """(label, count) for every type, zeros included, in the enum's order; one query."""
    counts = dict(queryset.order_by().values_list("kind").annotate(n=Count("pk")))
    return [(label, counts.get(value, 0)) for value, label in StructureKind.choices]


def _missions_covering(model, departement_codes: set[str], user):
    return (
        model.objects.filter(
            Q(departements__code__in=departement_codes)
            | Q(departements__isnull=True, region__departements__code__in=departement_codes)
        )
        .distinct()
        .select_related("region")
        .prefetch_related(
            Prefetch("carriers", queryset=Structure.objects.visible_to(user).order_by("name"))
        )
        .order_by("name")
    )


def applicant_dashboard(user, scope: Scope) -> dict:
    structures = list(
        Structure.objects.filter(pk__in=scope.structures_with_role(Role.APPLICANT))
        .select_related("commune__departement")
        .order_by("name")
    )
    for structure in structures:
        structure.missing = missing_information(structure)
    codes = {s.commune.departement_id for s in structures if s.commune_id}
    regions = {s.commune.region_id for s in structures if s.commune_id}
    dossiers = (
        Dossier.objects.filter(applicant__in=[s.pk for s in structures])
        .select_related("call", "applicant")
        .order_by("-created_at")
    )
    return {
        "structures": structures,
        "dossiers": list(dossiers[:LIST_LIMIT]),
        "open_calls": (
            list(
                Call.objects.open()
                .filter(region__in=regions)
                .with_calendar()
                .select_related("region")
                .order_by("title")
            )
            if regions
            else []
        ),
        "poles": list(_missions_covering(Pole, codes, user)) if codes else [],
        "coordinations": list(_missions_covering(Coordination, codes, user)) if codes else [],
    }


def coordinator_dashboard(user, scope: Scope) -> dict:
    carriers = scope.structures_with_role(Role.COORDINATOR)
    departements = scope.coordinated_departements
    in_perimeter = Structure.objects.filter(commune__departement__in=departements)
    incomplete = (
        in_perimeter.filter(Q(siret="") | NO_POSITION).select_related("commune").order_by("name")
    )
    return {
        "regions": list(Region.objects.filter(code__in=scope.coordinated_regions).order_by("name")),
        "departements": list(Departement.objects.filter(code__in=departements).order_by("code")),
        "by_kind": counts_by_kind(in_perimeter),
        "incomplete": list(incomplete[:LIST_LIMIT]),
        "incomplete_count": incomplete.count(),
        "poles": list(
            Pole.objects.filter(carriers__in=carriers).distinct().select_related("region")
        ),
        "coordinations": list(
            Coordination.objects.filter(carriers__in=carriers).distinct().select_related("region")
        ),
        **_calls_to_instruct(user),
    }


def _calls_to_instruct(user) -> dict:
    """The coordinator's calls with dossiers waiting for it, and the next dated steps."""

    def count(state):
        return Count("dossiers", filter=Q(dossiers__state=state))

    managed = Call.objects.managed_by(user)
    calls = (
        managed.annotate(
            submitted_count=count(DossierState.SUBMITTED),
            under_review_count=count(DossierState.UNDER_REVIEW),
            returned_count=count(DossierState.RETURNED),
        )
        .filter(Q(submitted_count__gt=0) | Q(under_review_count__gt=0) | Q(returned_count__gt=0))
        .order_by("-year", "title")
    )
    milestones = (
        CallMilestone.objects.filter(call__in=managed, starts_at__gte=timezone.now())
        .select_related("call")
        .order_by("starts_at")
    )
    return {
        "calls_to_instruct": list(calls[:LIST_LIMIT]),
        "upcoming_milestones": list(milestones[:LIST_LIMIT]),
    }


def committee_dashboard(user, scope: Scope) -> dict:
    sessions = list(
        CommitteeSession.objects.filter(members=user, is_closed=False)
        .select_related("call")
        .annotate(
            dossier_count=Count("dossiers", distinct=True),
            my_opinion_count=Count("opinions", filter=Q(opinions__member=user), distinct=True),
        )
        .order_by("meets_at")[:LIST_LIMIT]
    )
    for session in sessions:
        session.awaiting_count = max(session.dossier_count - session.my_opinion_count, 0)
    return {
        "institutions": list(
            Structure.objects.filter(
                pk__in=scope.structures_with_role(Role.COMMITTEE_MEMBER)
            ).order_by("name")
        ),
        "sessions": sessions,
    }


def speaker_dashboard(user, scope: Scope) -> dict:
    person = (
        Person.objects.filter(user=user)
        .prefetch_related(
            Prefetch(
                "affiliations",
                queryset=Affiliation.objects.select_related("structure").order_by(
                    "structure__name"
                ),
            )
        )
        .first()
    )
    missing = []
    if person is not None:
        if not person.bio:
            missing.append(_("présentation (parcours, spécialités)"))
        if not person.affiliations.all():
            missing.append(_("structures avec lesquelles vous travaillez"))
        if not person.phone and not person.email:
            missing.append(_("moyen de contact (e-mail ou téléphone)"))
    return {"person": person, "missing": missing}


def network_admin_dashboard(user, scope: Scope) -> dict:
    regions = list(
        Region.objects.annotate(
            pole_count=Count("poles", distinct=True),
            coordination_count=Count("coordinations", distinct=True),
        ).order_by("name")
    )
    return {
        "by_kind": counts_by_kind(Structure.objects.all()),
        "region_count": len(regions),
        "regions_with_pole": [r for r in regions if r.pole_count],
        "regions_without_pole": [r for r in regions if not r.pole_count],
        "regions_with_coordination": [r for r in regions if r.coordination_count],
        "regions_without_coordination": [r for r in regions if not r.coordination_count],
        "without_position": Structure.objects.filter(NO_POSITION).count(),
    }


def dashboards_for(user, scope: Scope) -> dict:
    """One entry per role the user holds (the template shows them in a fixed order)."""
    roles = scope.roles
    builders = {
        Role.APPLICANT: applicant_dashboard,
        Role.COORDINATOR: coordinator_dashboard,
        Role.COMMITTEE_MEMBER: committee_dashboard,
        Role.SPEAKER: speaker_dashboard,
        Role.NETWORK_ADMIN: network_admin_dashboard,
    }
    return {str(role): builder(user, scope) for role, builder in builders.items() if role in roles}
