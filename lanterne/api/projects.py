"""Projects, their actions and their reports (*bilans*) in the API.

Reads start from `visible_to(request.user)` (out of reach is a 404); writes are the report's
life actions, each calling one service, which checks the permission (403) and refuses what the
report's state does not allow (400 with the messages to show). Every refusal has the one shape
of `lanterne.api.exceptions`.

Final beneficiaries and relays are published apart and never added together.
"""

from django.db.models import Prefetch
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import permissions, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.generics import get_object_or_404
from rest_framework.response import Response

from lanterne.dossiers.enums import ACTION_TYPE_KIND, ActionKind, ActionType
from lanterne.network.models import Structure
from lanterne.projects import services
from lanterne.projects.enums import Figure, ReportState
from lanterne.projects.figures import recorded_figures_by_project, report_figures
from lanterne.projects.models import (
    Action,
    ActionSession,
    OpenAirAuthorisation,
    ParticipantCount,
    PriorityPublicCount,
    Project,
    RelayCount,
    Report,
    ReportExpense,
    ReportTransition,
    WorkshopFilm,
)

from .mixins import ServiceActionMixin, VisibleToMixin
from .query import IdFilter, YearFilter
from .schema import REFUSALS, read_endpoints
from .serializers import (
    AbilitiesMixin,
    FilmSerializer,
    ReadOnlyModelSerializer,
    TransitionLogSerializer,
    abilities_schema,
)

# Plain strings where the choice set is already named elsewhere in the schema under the same
# property name (`state`, `code`, `kind`): one property name must keep one enum name.
REPORT_STATES = ", ".join(ReportState.values)
FIGURE_CODES = ", ".join(Figure.values)

# ---------------------------------------------------------------------------------------------
# Projects
# ---------------------------------------------------------------------------------------------


class ProjectApplicantSerializer(ReadOnlyModelSerializer):
    """The structure carrying the project (`slug` is its key in `/structures/`)."""

    class Meta:
        model = Structure
        fields = ["id", "slug", "name"]


class ActionSummarySerializer(ReadOnlyModelSerializer):
    kind = serializers.CharField(read_only=True, help_text=_("« voir » ou « faire »."))

    class Meta:
        model = Action
        fields = ["id", "action_type", "kind", "typology", "title", "first_day", "last_day"]


class ProjectSerializer(ReadOnlyModelSerializer):
    """An accepted dossier carried out over the call's year, with its actions in brief."""

    applicant = ProjectApplicantSerializer(read_only=True)
    report = serializers.IntegerField(
        source="report.pk", read_only=True, allow_null=True, help_text=_("Identifiant du bilan.")
    )
    report_state = serializers.ChoiceField(
        source="report.state", choices=ReportState.choices, read_only=True, allow_null=True
    )
    actions = ActionSummarySerializer(many=True, read_only=True)

    class Meta:
        model = Project
        fields = [
            "id",
            "title",
            "year",
            "call",
            "dossier",
            "applicant",
            "granted_amount",
            "report",
            "report_state",
            "actions",
        ]


class ProjectFilter(filters.FilterSet):
    call = IdFilter(field_name="call_id", help_text=_("Identifiant de l'appel."))
    year = YearFilter(help_text=_("Année du projet."))

    class Meta:
        model = Project
        fields = ["call", "year"]


@read_endpoints(
    tag="projects",
    list_summary=_("Projets visibles"),
    list_description=_(
        "Un porteur : les projets de ses structures. Une coordination : ceux des appels "
        "de sa région."
    ),
    retrieve_summary=_("Un projet"),
)
class ProjectViewSet(VisibleToMixin, viewsets.ReadOnlyModelViewSet):
    model = Project
    serializer_class = ProjectSerializer
    permission_classes = [permissions.IsAuthenticated]
    filterset_class = ProjectFilter
    select_related = ["applicant", "report"]
    prefetch_related = ["actions"]
    ordering = ["-year", "title", "pk"]


# ---------------------------------------------------------------------------------------------
# Actions
# ---------------------------------------------------------------------------------------------


class SessionSerializer(ReadOnlyModelSerializer):
    """A *séance*: its day, hours (Paris time), length and place."""

    place = serializers.SerializerMethodField(
        help_text=_("Le lieu en clair : la structure ou la commune, et sa précision.")
    )
    place_commune = serializers.CharField(
        source="place_commune_id", read_only=True, allow_null=True, help_text=_("Code INSEE.")
    )

    class Meta:
        model = ActionSession
        fields = [
            "day",
            "starts_at",
            "ends_at",
            "minutes",
            "place",
            "place_structure",
            "place_commune",
            "place_detail",
        ]

    def get_place(self, session) -> str:
        where = session.place_structure or session.place_commune
        parts = [str(where.name) if where else "", session.place_detail]
        return " — ".join(part for part in parts if part)


class ParticipantCountSerializer(ReadOnlyModelSerializer):
    class Meta:
        model = ParticipantCount
        fields = ["age_band", "gender", "count"]


class PriorityPublicCountSerializer(ReadOnlyModelSerializer):
    class Meta:
        model = PriorityPublicCount
        fields = ["priority", "count"]


class RelayCountSerializer(ReadOnlyModelSerializer):
    class Meta:
        model = RelayCount
        fields = ["relay_kind", "count"]


class OpenAirAuthorisationSerializer(ReadOnlyModelSerializer):
    """The screening-rights request of an open-air screening."""

    class Meta:
        model = OpenAirAuthorisation
        fields = [
            "status",
            "requested_on",
            "decided_on",
            "technical_provider",
            "screening_day",
            "note",
        ]


class WorkshopFilmSerializer(ReadOnlyModelSerializer):
    """A film made in a workshop."""

    class Meta:
        model = WorkshopFilm
        fields = [
            "id",
            "title",
            "duration_seconds",
            "year",
            "typology",
            "synopsis",
            "group",
            "speakers",
        ]


class ActionSerializer(ReadOnlyModelSerializer):
    """An action with its sessions and people counted.

    `participants` are the final beneficiaries by age band and gender, `beneficiaries` their
    total; `priority_publics` are overlapping subsets of them; `relays` (youth workers,
    mediators…) are counted apart, in `relays_total`, and never added to the beneficiaries.
    """

    kind = serializers.CharField(read_only=True, help_text=_("« voir » ou « faire »."))
    commune = serializers.CharField(
        source="commune_id", read_only=True, allow_null=True, help_text=_("Code INSEE.")
    )
    film = FilmSerializer(
        read_only=True, allow_null=True, help_text=_("Le film projeté (séances).")
    )
    sessions = SessionSerializer(many=True, read_only=True)
    participants = ParticipantCountSerializer(
        source="participant_counts", many=True, read_only=True
    )
    beneficiaries = serializers.SerializerMethodField(
        help_text=_("Total des bénéficiaires finaux (sans les relais).")
    )
    priority_publics = PriorityPublicCountSerializer(
        source="priority_counts", many=True, read_only=True
    )
    relays = RelayCountSerializer(source="relay_counts", many=True, read_only=True)
    relays_total = serializers.SerializerMethodField(
        help_text=_("Total des relais, jamais ajouté aux bénéficiaires.")
    )
    authorisation = OpenAirAuthorisationSerializer(
        read_only=True,
        allow_null=True,
        help_text=_("Autorisation de diffusion (séances en plein air seulement)."),
    )
    workshop_films = WorkshopFilmSerializer(source="films", many=True, read_only=True)

    class Meta:
        model = Action
        fields = [
            "id",
            "project",
            "action_type",
            "kind",
            "typology",
            "title",
            "description",
            "commune",
            "speakers",
            "referent",
            "first_day",
            "last_day",
            "film",
            "sessions",
            "participants",
            "beneficiaries",
            "priority_publics",
            "relays",
            "relays_total",
            "authorisation",
            "workshop_films",
        ]

    def get_beneficiaries(self, action) -> int:
        return sum(row.count for row in action.participant_counts.all())

    def get_relays_total(self, action) -> int:
        return sum(row.count for row in action.relay_counts.all())


class ActionFilter(filters.FilterSet):
    project = IdFilter(field_name="project_id", help_text=_("Identifiant du projet."))
    year = YearFilter(field_name="project__year", help_text=_("Année du projet."))
    action_type = filters.ChoiceFilter(choices=ActionType.choices)
    kind = filters.ChoiceFilter(
        choices=ActionKind.choices, method="filter_kind", help_text=_("« voir » ou « faire ».")
    )

    class Meta:
        model = Action
        fields = ["project", "year", "action_type", "kind"]

    def filter_kind(self, queryset, name, value):
        types = [action_type for action_type, kind in ACTION_TYPE_KIND.items() if kind == value]
        return queryset.filter(action_type__in=types)


@read_endpoints(
    tag="projects",
    list_summary=_("Actions visibles"),
    list_description=_(
        "Les actions des projets visibles, avec leurs séances, leurs participant·es par "
        "tranche d'âge et genre, leurs publics prioritaires et, à part, leurs relais."
    ),
    retrieve_summary=_("Une action"),
)
class ActionViewSet(VisibleToMixin, viewsets.ReadOnlyModelViewSet):
    model = Action
    serializer_class = ActionSerializer
    permission_classes = [permissions.IsAuthenticated]
    filterset_class = ActionFilter
    select_related = ["film", "authorisation"]
    prefetch_related = ["participant_counts", "priority_counts", "relay_counts", "films"]
    ordering = ["first_day", "pk"]

    def get_queryset(self):
        sessions = ActionSession.objects.select_related("place_structure", "place_commune")
        return super().get_queryset().prefetch_related(Prefetch("sessions", queryset=sessions))


# ---------------------------------------------------------------------------------------------
# Reports
# ---------------------------------------------------------------------------------------------


class ReportFigureSerializer(serializers.Serializer):
    """A figure: `recorded` from the actions, `declared` by the applicant if it differs,
    `value` the one that counts; a difference comes with its justification."""

    code = serializers.CharField(help_text=format_lazy(_("Indicateur : {}."), FIGURE_CODES))
    label = serializers.CharField()
    recorded = serializers.IntegerField()
    declared = serializers.IntegerField(allow_null=True)
    value = serializers.IntegerField()
    differs = serializers.BooleanField()
    justification = serializers.CharField(allow_blank=True)


class ReportExpenseSerializer(ReadOnlyModelSerializer):
    """Expenses of a budget heading: planned in the dossier, actually incurred."""

    class Meta:
        model = ReportExpense
        fields = ["category", "planned", "actual"]


class NarrativeSerializer(serializers.Serializer):
    """The qualitative part of the report."""

    went_well = serializers.CharField(read_only=True)
    difficulties = serializers.CharField(read_only=True)
    youth_words = serializers.CharField(read_only=True)


class ReportSerializer(ReadOnlyModelSerializer):
    """A project's *bilan*: its figures, expenses, narrative and where it stands."""

    state = serializers.CharField(
        read_only=True, help_text=format_lazy(_("État du bilan : {}."), REPORT_STATES)
    )
    year = serializers.IntegerField(source="project.year", read_only=True)
    is_late = serializers.BooleanField(
        read_only=True, help_text=_("Pas encore transmis et sa date limite est passée.")
    )
    figures = serializers.SerializerMethodField()
    expenses = ReportExpenseSerializer(many=True, read_only=True)
    narrative = NarrativeSerializer(source="*", read_only=True)

    class Meta:
        model = Report
        fields = [
            "id",
            "project",
            "year",
            "state",
            "due_at",
            "submitted_at",
            "is_late",
            "version",
            "figures",
            "expenses",
            "narrative",
        ]

    @extend_schema_field(ReportFigureSerializer(many=True))
    def get_figures(self, report) -> list[dict]:
        recorded = self.context.get("recorded", {}).get(report.project_id)
        if recorded is None:
            recorded = recorded_figures_by_project([report.project_id])[report.project_id]
        rows = report_figures(report, recorded)
        return ReportFigureSerializer(rows, many=True).data


class ReportDetailSerializer(AbilitiesMixin, ReportSerializer):
    """A project's *bilan*: its figures, expenses, narrative and where it stands, and what the
    requesting user may do with it now."""

    class Meta(ReportSerializer.Meta):
        fields = [*ReportSerializer.Meta.fields, "abilities"]

    @extend_schema_field(abilities_schema(Report))
    def get_abilities(self, report) -> dict[str, bool]:
        return super().get_abilities(report)


class ReportTransitionSerializer(TransitionLogSerializer):
    """One step of the report's life: who moved it, when, from where to where, why."""

    class Meta(TransitionLogSerializer.Meta):
        model = ReportTransition


class SendBackSerializer(serializers.Serializer):
    reason = serializers.CharField(help_text=_("Ce que le porteur doit reprendre."))


class ReportFilter(filters.FilterSet):
    project = IdFilter(field_name="project_id", help_text=_("Identifiant du projet."))
    year = YearFilter(field_name="project__year", help_text=_("Année du projet."))
    state = filters.ChoiceFilter(choices=ReportState.choices)

    class Meta:
        model = Report
        fields = ["project", "year", "state"]


@read_endpoints(
    tag="projects",
    list_summary=_("Bilans visibles"),
    list_description=_(
        "Les bilans des projets visibles : chiffres préremplis depuis les actions (et "
        "ceux déclarés quand ils diffèrent, avec leur justification), dépenses réalisées, "
        "partie qualitative, état et retard."
    ),
    retrieve_summary=_("Un bilan"),
)
class ReportViewSet(ServiceActionMixin, VisibleToMixin, viewsets.ReadOnlyModelViewSet):
    model = Report
    serializer_class = ReportSerializer
    detail_serializer_class = ReportDetailSerializer
    permission_classes = [permissions.IsAuthenticated]
    filterset_class = ReportFilter
    select_related = ["project"]
    prefetch_related = ["figures", "expenses"]
    ordering = ["-project__year", "pk"]

    def _report(self, pk) -> Report:
        """The report within reach, or 404."""
        return get_object_or_404(
            Report.objects.visible_to(self.request.user).select_related("project__call"), pk=pk
        )

    def _serialize(self, reports: list[Report]) -> list:
        recorded = recorded_figures_by_project([report.project_id for report in reports])
        context = {**self.get_serializer_context(), "recorded": recorded}
        return self.get_serializer_class()(reports, many=True, context=context).data

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        return self.get_paginated_response(self._serialize(page))

    def retrieve(self, request, *args, **kwargs):
        return Response(self._serialize([self.get_object()])[0])

    def represent(self, report: Report) -> dict:
        return self._serialize([self.get_queryset().get(pk=report.pk)])[0]

    @extend_schema(
        summary=_("Historique du bilan"),
        responses={200: ReportTransitionSerializer(many=True), 404: REFUSALS[404]},
        tags=["projects"],
    )
    @action(detail=True, methods=["get"], pagination_class=None, filterset_class=None)
    def history(self, request, pk=None):
        report = self._report(pk)
        transitions = report.transitions.select_related("by")
        return Response(ReportTransitionSerializer(transitions, many=True).data)

    @extend_schema(
        summary=_("Transmettre le bilan"),
        description=_("Le porteur transmet son bilan à la coordination, qui le relit."),
        request=None,
        responses={200: ReportDetailSerializer, **REFUSALS},
        tags=["projects"],
    )
    @action(detail=True, methods=["post"], filterset_class=None)
    def submit(self, request, pk=None):
        return self.run(services.report_submit, report=self._report(pk))

    @extend_schema(
        summary=_("Renvoyer le bilan au porteur pour qu'il le reprenne"),
        request=SendBackSerializer,
        responses={200: ReportDetailSerializer, **REFUSALS},
        tags=["projects"],
    )
    @action(detail=True, methods=["post"], url_path="send-back", filterset_class=None)
    def send_back(self, request, pk=None):
        report = self._report(pk)
        body = self.parse(SendBackSerializer)
        return self.run(services.report_send_back, report=report, reason=body["reason"])

    @extend_schema(
        summary=_("Valider le bilan"),
        request=None,
        responses={200: ReportDetailSerializer, **REFUSALS},
        tags=["projects"],
    )
    @action(detail=True, methods=["post"], filterset_class=None)
    def accept(self, request, pk=None):
        return self.run(services.report_accept, report=self._report(pk))
