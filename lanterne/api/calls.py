"""Calls for projects and dossiers in the API.

Reads start from `visible_to(request.user)` (out of reach is a 404); writes are the dossier's
life actions, each calling one service, which checks the permission (403) and refuses what the
dossier's state or the call's calendar does not allow (400 with the messages to show). Every
refusal has the one shape of `lanterne.api.exceptions`.
"""

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import permissions, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.generics import get_object_or_404
from rest_framework.response import Response

from lanterne.calls.models import Call, CallMilestone, CallRule, FilmList, RequiredDocument
from lanterne.dossiers import services
from lanterne.dossiers.attestation import attestation_text
from lanterne.dossiers.eligibility import evaluate
from lanterne.dossiers.enums import Decision, DossierState, RuleStatus
from lanterne.dossiers.models import (
    BudgetLine,
    Dossier,
    DossierDocument,
    DossierTransition,
    Partner,
    PlannedAction,
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

# ---------------------------------------------------------------------------------------------
# Calls
# ---------------------------------------------------------------------------------------------


ATTESTATION_REQUIRED = _(
    "Un dossier n'est déposé qu'avec l'attestation sur l'honneur de la personne qui le "
    "dépose : envoyez « attestation » à true."
)


class MilestoneSerializer(ReadOnlyModelSerializer):
    """One step of a call's calendar (moments in ISO 8601 with their offset)."""

    class Meta:
        model = CallMilestone
        fields = ["kind", "starts_at", "ends_at", "note"]


class CallRuleSerializer(ReadOnlyModelSerializer):
    """An eligibility rule as the call applies it: its code, parameters, blocking or not."""

    class Meta:
        model = CallRule
        fields = ["code", "params", "is_blocking"]


class FilmListSerializer(ReadOnlyModelSerializer):
    """The films screenings of one kind must choose from."""

    films = FilmSerializer(many=True, read_only=True)

    class Meta:
        model = FilmList
        fields = ["kind", "films"]


class RequiredDocumentSerializer(ReadOnlyModelSerializer):
    label = serializers.CharField(source="display_label", read_only=True)

    class Meta:
        model = RequiredDocument
        fields = ["kind", "label", "returning_only"]


class CallSerializer(ReadOnlyModelSerializer):
    """An *appel à projets* with its calendar, rules, film lists and documents to provide."""

    coordination = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    milestones = MilestoneSerializer(many=True, read_only=True)
    rules = CallRuleSerializer(many=True, read_only=True)
    film_lists = FilmListSerializer(many=True, read_only=True)
    required_documents = RequiredDocumentSerializer(many=True, read_only=True)

    class Meta:
        model = Call
        fields = [
            "id",
            "title",
            "slug",
            "year",
            "region",
            "coordination",
            "description",
            "contact",
            "envelope",
            "is_published",
            "milestones",
            "rules",
            "film_lists",
            "required_documents",
        ]


class CallFilter(filters.FilterSet):
    region = filters.CharFilter(field_name="region_id", help_text=_("Code INSEE de la région."))
    year = YearFilter(help_text=_("Année de l'appel."))

    class Meta:
        model = Call
        fields = ["region", "year"]


@read_endpoints(
    tag="calls",
    list_summary=_("Appels à projets visibles"),
    list_description=_(
        "Les appels publiés, pour tous ; les appels non publiés, en plus, pour la "
        "coordination de leur région."
    ),
    retrieve_summary=_("Un appel à projets, par identifiant"),
)
class CallViewSet(VisibleToMixin, viewsets.ReadOnlyModelViewSet):
    model = Call
    serializer_class = CallSerializer
    permission_classes = [permissions.AllowAny]
    filterset_class = CallFilter
    select_related = ["coordination"]
    prefetch_related = ["milestones", "rules", "film_lists__films", "required_documents"]


# ---------------------------------------------------------------------------------------------
# Dossiers
# ---------------------------------------------------------------------------------------------


class PartnerSerializer(ReadOnlyModelSerializer):
    class Meta:
        model = Partner
        fields = ["id", "role", "name", "structure", "commune", "contribution"]


class BudgetLineSerializer(ReadOnlyModelSerializer):
    class Meta:
        model = BudgetLine
        fields = ["id", "side", "category", "funder", "label", "amount", "is_secured"]


class PlannedActionSerializer(ReadOnlyModelSerializer):
    kind = serializers.CharField(read_only=True)

    class Meta:
        model = PlannedAction
        fields = [
            "id",
            "action_type",
            "kind",
            "typology",
            "title",
            "description",
            "starts_on",
            "ends_on",
            "place",
            "commune",
            "speakers",
            "film",
            "expected_participants",
        ]


class DocumentMetaSerializer(ReadOnlyModelSerializer):
    """A document's description; its content is downloaded from the site, not the API."""

    # Plain strings: the same choice sets are already described by `RequiredDocument.kind`,
    # and one choice set must have one name in the schema.
    kind = serializers.CharField(
        read_only=True, help_text=_("Type de pièce (mêmes valeurs que les pièces demandées).")
    )

    class Meta:
        model = DossierDocument
        fields = ["id", "kind", "original_name", "content_type", "size", "sha256", "uploaded_at"]


class DossierSerializer(ReadOnlyModelSerializer):
    """A dossier with its partners, budget, fiches actions and documents (its pieces: no
    private notes, no message nor a message's attachment)."""

    applicant = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    applicant_name = serializers.CharField(source="applicant.name", read_only=True)
    partners = PartnerSerializer(many=True, read_only=True)
    budget_lines = BudgetLineSerializer(many=True, read_only=True)
    actions = PlannedActionSerializer(many=True, read_only=True)
    documents = DocumentMetaSerializer(many=True, read_only=True)

    class Meta:
        model = Dossier
        fields = [
            "id",
            "reference",
            "call",
            "applicant",
            "applicant_name",
            "state",
            "title",
            "intention",
            "age_min",
            "age_max",
            "expected_participants",
            "far_from_culture",
            "public_description",
            "communes",
            "qpvs",
            "first_contact_on",
            "structure_budget_total",
            "version",
            "submitted_at",
            "fingerprint",
            "granted_amount",
            "decided_at",
            "partners",
            "budget_lines",
            "actions",
            "documents",
        ]


class DossierDetailSerializer(AbilitiesMixin, DossierSerializer):
    """A dossier with its partners, budget, fiches actions and documents (no private notes),
    and what the requesting user may do with it now."""

    class Meta(DossierSerializer.Meta):
        fields = [*DossierSerializer.Meta.fields, "abilities"]

    @extend_schema_field(abilities_schema(Dossier))
    def get_abilities(self, dossier) -> dict[str, bool]:
        return super().get_abilities(dossier)


class RuleResultSerializer(serializers.Serializer):
    code = serializers.CharField()
    status = serializers.ChoiceField(choices=RuleStatus.choices)
    message = serializers.CharField()


class EligibilitySerializer(serializers.Serializer):
    """The engine's report: eligible when every blocking rule passes."""

    eligible = serializers.BooleanField()
    rules = RuleResultSerializer(many=True)


class TransitionSerializer(TransitionLogSerializer):
    """One step of the dossier's life: who moved it, when, from where to where, why."""

    class Meta(TransitionLogSerializer.Meta):
        model = DossierTransition


class SubmitSerializer(serializers.Serializer):
    """The submission's *attestation sur l'honneur*: as on the site, a dossier is submitted only
    when the person submitting it attests what it says."""

    attestation = serializers.BooleanField(
        help_text=_(
            "`true` : la personne qui dépose atteste sur l'honneur l'exactitude du dossier et "
            "des pièces jointes. Le texte de l'attestation, dans la langue de la requête, est "
            "enregistré avec le dépôt (voir l'historique du dossier)."
        ),
        error_messages={"required": ATTESTATION_REQUIRED, "null": ATTESTATION_REQUIRED},
    )

    def validate_attestation(self, value: bool) -> bool:
        if not value:
            raise serializers.ValidationError(ATTESTATION_REQUIRED)
        return value


class ReturnSerializer(serializers.Serializer):
    reason = serializers.CharField(help_text=_("Ce que le porteur doit compléter."))


class DecideSerializer(serializers.Serializer):
    decision = serializers.ChoiceField(choices=Decision.choices)
    amount = serializers.DecimalField(
        max_digits=12,
        decimal_places=2,
        min_value=0,
        required=False,
        allow_null=True,
        help_text=_("Montant attribué en euros, obligatoire si le dossier est retenu."),
    )
    reason = serializers.CharField(required=False, allow_blank=True, default="")


class WithdrawSerializer(serializers.Serializer):
    reason = serializers.CharField(required=False, allow_blank=True, default="")


class DossierFilter(filters.FilterSet):
    call = IdFilter(field_name="call_id", help_text=_("Identifiant de l'appel."))
    state = filters.ChoiceFilter(choices=DossierState.choices)

    class Meta:
        model = Dossier
        fields = ["call", "state"]


@read_endpoints(
    tag="dossiers",
    list_summary=_("Dossiers visibles"),
    list_description=_(
        "Un porteur : les dossiers de ses structures. Une coordination : ceux des appels "
        "de sa région. Un membre de comité : ceux des séances où il siège (jamais les "
        "brouillons)."
    ),
    retrieve_summary=_("Un dossier"),
)
class DossierViewSet(ServiceActionMixin, VisibleToMixin, viewsets.ReadOnlyModelViewSet):
    model = Dossier
    serializer_class = DossierSerializer
    detail_serializer_class = DossierDetailSerializer
    permission_classes = [permissions.IsAuthenticated]
    filterset_class = DossierFilter
    select_related = ["applicant"]
    # The conversation's attachments are not pieces of the dossier: the committee, which reads
    # the dossier here too, never sees them.
    prefetch_related = [
        "partners",
        "budget_lines",
        "actions",
        Prefetch("documents", queryset=DossierDocument.objects.pieces()),
        "communes",
        "qpvs",
    ]

    def retrieve(self, request, *args, **kwargs):
        dossier = self.get_object()
        # A committee member's read goes to the dossier's trail, as on the site.
        if request.user.has_perm("dossiers.read_as_committee", dossier):
            services.dossier_record_read(dossier=dossier, by=request.user, via="api")
        return Response(self.get_serializer(dossier).data)

    def _dossier(self, pk) -> Dossier:
        """The dossier within reach, or 404."""
        return get_object_or_404(Dossier.objects.visible_to(self.request.user), pk=pk)

    @extend_schema(
        summary=_("Éligibilité du dossier"),
        description=_(
            "Le résultat de chaque règle de l'appel. Un dossier déposé est évalué à la date "
            "de son dépôt ; un brouillon, maintenant."
        ),
        responses={200: EligibilitySerializer, 404: REFUSALS[404]},
        tags=["dossiers"],
    )
    @action(detail=True, methods=["get"])
    def eligibility(self, request, pk=None):
        dossier = get_object_or_404(
            Dossier.objects.visible_to(request.user).for_evaluation(), pk=pk
        )
        return Response(evaluate(dossier, at=dossier.submitted_at).as_dict())

    @extend_schema(
        summary=_("Historique du dossier"),
        responses={200: TransitionSerializer(many=True), 404: REFUSALS[404]},
        tags=["dossiers"],
    )
    @action(detail=True, methods=["get"], pagination_class=None, filterset_class=None)
    def history(self, request, pk=None):
        dossier = self._dossier(pk)
        transitions = dossier.transitions.select_related("by")
        return Response(TransitionSerializer(transitions, many=True).data)

    @extend_schema(
        summary=_("Déposer le dossier"),
        description=_(
            "Le porteur dépose son dossier avant la date limite ; toutes les règles bloquantes "
            "doivent être respectées. Le contenu déposé est figé. Comme sur le site, le dépôt "
            "demande l'attestation sur l'honneur de la personne qui dépose ; son texte, son "
            "heure et sa langue sont enregistrés avec le dépôt."
        ),
        request=SubmitSerializer,
        responses={200: DossierDetailSerializer, **REFUSALS},
        tags=["dossiers"],
    )
    @action(detail=True, methods=["post"], filterset_class=None)
    def submit(self, request, pk=None):
        dossier = self._dossier(pk)
        # Who may not submit is told so (403) before being asked for the attestation.
        if not request.user.has_perm("dossiers.submit_dossier", dossier):
            self.permission_denied(request)
        self.parse(SubmitSerializer)
        return self.run(
            services.dossier_submit,
            dossier=dossier,
            attestation=attestation_text(dossier=dossier, by=request.user),
        )

    @extend_schema(
        summary=_("Renvoyer le dossier pour compléments"),
        request=ReturnSerializer,
        responses={200: DossierDetailSerializer, **REFUSALS},
        tags=["dossiers"],
    )
    @action(detail=True, methods=["post"], url_path="return", filterset_class=None)
    def send_back(self, request, pk=None):
        dossier = self._dossier(pk)
        body = self.parse(ReturnSerializer)
        return self.run(services.dossier_send_back, dossier=dossier, reason=body["reason"])

    @extend_schema(
        summary=_("Décider : retenu (avec montant), refusé ou classé sans suite"),
        request=DecideSerializer,
        responses={200: DossierDetailSerializer, **REFUSALS},
        tags=["dossiers"],
    )
    @action(detail=True, methods=["post"], filterset_class=None)
    def decide(self, request, pk=None):
        dossier = self._dossier(pk)
        body = self.parse(DecideSerializer)
        return self.run(
            services.dossier_decide,
            dossier=dossier,
            decision=body["decision"],
            amount=body.get("amount"),
            reason=body["reason"],
        )

    @extend_schema(
        summary=_("Retirer le dossier"),
        request=WithdrawSerializer,
        responses={200: DossierDetailSerializer, **REFUSALS},
        tags=["dossiers"],
    )
    @action(detail=True, methods=["post"], filterset_class=None)
    def withdraw(self, request, pk=None):
        dossier = self._dossier(pk)
        body = self.parse(WithdrawSerializer)
        return self.run(services.dossier_withdraw, dossier=dossier, reason=body["reason"])
