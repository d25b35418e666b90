"""Shared checks for every workflow built on `lanterne.core.workflow`."""

import pytest

from lanterne.core.models import AuditEvent
from lanterne.core.services import ServiceError
from lanterne.core.workflow import workflow_of


def put_in_state(obj, state: str) -> None:
    """Set up a test: the state field is protected, so it is written to the row directly."""
    workflow = workflow_of(obj)
    type(obj).objects.filter(pk=obj.pk).update(**{workflow.state_field: state})
    obj.refresh_from_db()


def _audit_count(obj) -> int:
    return AuditEvent.objects.filter(
        object_type=obj._meta.label_lower, object_id=str(obj.pk)
    ).count()


def assert_every_transition(obj, run, *, actors: dict, allowed: dict[str, set[str]]) -> None:
    """Walk every transition of `obj`'s workflow from every state.

    `allowed` maps each transition name to the states it may start from (it must name every
    transition of the workflow); `run(name, obj, by)` calls the service with `actors[name]`.
    An allowed move writes exactly one log row (name, who, from, to) and one audit event; an
    illegal one raises ServiceError naming the current state and changes nothing.
    """
    workflow = workflow_of(obj)
    assert set(allowed) == set(workflow.names), "every transition must be walked"
    log = workflow.log.objects.filter(**{workflow.log_field: obj})
    for name in workflow.names:
        for source in workflow.states.values:
            put_in_state(obj, source)
            before = set(log.values_list("pk", flat=True))
            audits = _audit_count(obj)
            move = f"{name} from {source}"
            if source in allowed[name]:
                run(name, obj, actors[name])
                new = list(log.exclude(pk__in=before))
                assert len(new) == 1, move
                fresh = type(obj).objects.get(pk=obj.pk)
                assert (new[0].name, new[0].source) == (name, source), move
                assert new[0].target == getattr(fresh, workflow.state_field), move
                assert new[0].by == actors[name], move
                assert _audit_count(obj) == audits + 1, move
            else:
                with pytest.raises(ServiceError) as error:
                    run(name, obj, actors[name])
                label = workflow.state_label(obj)
                assert any(label in m for m in error.value.messages), (move, error.value)
                assert set(log.values_list("pk", flat=True)) == before, move
                fresh = type(obj).objects.get(pk=obj.pk)
                assert getattr(fresh, workflow.state_field) == source, move
                assert _audit_count(obj) == audits, move
