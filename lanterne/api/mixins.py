"""What the API's viewsets share: rows within the user's reach, and actions that call a service.

The classes carry comments rather than docstrings: drf-spectacular would publish a mixin's
docstring as the description of every operation of the viewsets that use it.
"""

from collections.abc import Callable, Sequence

from django.db.models import Model, Prefetch, QuerySet
from rest_framework.response import Response
from rest_framework.serializers import Serializer


# Rows start from `model.objects.visible_to(request.user)`: what is out of reach is a 404.
# `select_related`, `prefetch_related` and `ordering` name what every row of the list reads, so
# that a list costs the same number of queries whatever its length. `detail_serializer_class`,
# when set, serialises everything but the list (the detail and the actions' answers: what the
# user may do with the object now, say).
class VisibleToMixin:
    model: type[Model]
    select_related: Sequence[str] = ()
    prefetch_related: Sequence[str | Prefetch] = ()
    ordering: Sequence[str] = ()
    detail_serializer_class: type[Serializer] | None = None

    def get_serializer_class(self):
        if self.detail_serializer_class is not None and self.action != "list":
            return self.detail_serializer_class
        return super().get_serializer_class()

    def get_queryset(self) -> QuerySet:
        queryset = self.model.objects.visible_to(self.request.user)
        # Called without names, `select_related()` would follow every foreign key.
        if self.select_related:
            queryset = queryset.select_related(*self.select_related)
        if self.prefetch_related:
            queryset = queryset.prefetch_related(*self.prefetch_related)
        if self.ordering:
            queryset = queryset.order_by(*self.ordering)
        return queryset


# An action calls one service and answers the object as its detail endpoint shows it. The
# service checks the permission and the object's state; what it raises (`ServiceError`,
# `PermissionDenied`, `TransitionNotAllowed`) is answered by `lanterne.api.exceptions`.
class ServiceActionMixin:
    def parse(self, serializer_class: type[Serializer]) -> dict:
        """The action's request body, validated by `serializer_class` (else a 400)."""
        body = serializer_class(data=self.request.data)
        body.is_valid(raise_exception=True)
        return body.validated_data

    def run(self, service: Callable[..., Model], **kwargs) -> Response:
        """Call `service(by=request.user, **kwargs)` and answer the object it returns."""
        obj = service(by=self.request.user, **kwargs)
        return Response(self.represent(obj))

    def represent(self, obj: Model) -> dict:
        """The object read again through the view's queryset, and serialised."""
        return self.get_serializer(self.get_queryset().get(pk=obj.pk)).data
