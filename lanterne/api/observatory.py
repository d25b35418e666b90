"""The observatory's API: published panoramas and their consolidation.

The consolidation endpoint returns exactly the document of the panorama's JSON export
(`observatory.exports.to_json`): page, files and API render one consolidation.
"""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import permissions, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from lanterne.observatory import exports
from lanterne.observatory.models import Campaign
from lanterne.observatory.selectors import panorama_consolidation


class CampaignSerializer(serializers.ModelSerializer):
    school_year = serializers.CharField(read_only=True)
    calendar_year = serializers.CharField(read_only=True)
    indicator_codes = serializers.SerializerMethodField()

    class Meta:
        model = Campaign
        fields = [
            "slug",
            "name",
            "year",
            "school_year",
            "calendar_year",
            "first_returns_due",
            "checkpoint_on",
            "consolidation_on",
            "is_published",
            "published_at",
            "illustrative_returns",
            "method_notes",
            "indicator_codes",
        ]

    def get_indicator_codes(self, campaign) -> list[str]:
        return [indicator.code for indicator in campaign.indicators.all()]


@extend_schema_view(
    list=extend_schema(summary=_("Campagnes d'indicateurs publiées")),
    retrieve=extend_schema(summary=_("Une campagne d'indicateurs, par identifiant")),
)
class CampaignViewSet(viewsets.ReadOnlyModelViewSet):
    """Published campaigns for everyone; the network admin also reads unpublished ones."""

    serializer_class = CampaignSerializer
    permission_classes = [permissions.AllowAny]
    lookup_field = "slug"

    def get_queryset(self):
        queryset = Campaign.objects.prefetch_related("indicators").order_by("-year", "name")
        if self.request.user.has_perm("observatory.manage_campaigns"):
            return queryset
        return queryset.published()

    @extend_schema(
        summary=_("Consolidation d'une campagne (mêmes chiffres que le panorama)"),
        responses={200: OpenApiTypes.OBJECT},
    )
    @action(detail=True)
    def consolidation(self, request, slug=None):
        campaign = self.get_object()
        return Response(exports.to_json(campaign, panorama_consolidation(campaign)))
