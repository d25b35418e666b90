"""The one way a workflow object changes state.

A model with a django-fsm state field declares a `Workflow` (its log model, its states, the
`rules` permission and the audit action of each transition, the fields each transition stamps
with its moment); services then call `transition(obj, name, by=…)`, which locks the row, checks
the permission and the state, fires the transition, saves, writes the log row and the audit
event in the same transaction, and records the transition's notification in that transaction
too (`lanterne.core.mail.notify` writes outbox rows, sent once it commits).
`abilities(obj, user)` tells pages, templates and the API what that user may do with it now.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, TypeVar, cast

from django.conf import settings
from django.db import models, transaction
from django.dispatch import Signal
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import can_proceed

from .audit import audit
from .choices import choice_label
from .services import ServiceError, require_perm

M = TypeVar("M", bound=models.Model)

_WORKFLOWS: dict[type[models.Model], "Workflow"] = {}

# Sent inside the transaction after each transition is logged (sender: the model; `obj`, `log`):
# another app reacts to a step without the workflow's app importing it.
transitioned = Signal()


class TransitionLog(models.Model):
    """Who moved an object from one state to another, when and why. A concrete log subclasses
    it and adds one foreign key to its object; its `Workflow` says which model that is."""

    name = models.CharField(_("transition"), max_length=40)
    source = models.CharField(_("de"), max_length=24)
    target = models.CharField(_("vers"), max_length=24)
    at = models.DateTimeField(_("le"), default=timezone.now)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("par"),
        # For traceability: a user who moved an object is deactivated, never deleted.
        on_delete=models.RESTRICT,
        related_name="+",
    )
    reason = models.TextField(_("motif"), blank=True)
    details = models.JSONField(_("détails"), default=dict, blank=True)

    class Meta:
        abstract = True
        ordering = ["at", "id"]

    def __str__(self):
        return f"{self.subject_id}: {self.source} → {self.target}"

    @classmethod
    def workflow(cls) -> "Workflow":
        return next(w for w in _WORKFLOWS.values() if w.log is cls)

    @property
    def subject(self) -> Any:
        """The object whose state changed."""
        return getattr(self, self.workflow().log_field)

    @property
    def subject_id(self):
        return getattr(self, f"{self.workflow().log_field}_id")

    @property
    def source_label(self) -> str:
        return choice_label(self.workflow().states, self.source)

    @property
    def target_label(self) -> str:
        return choice_label(self.workflow().states, self.target)


# Called with the object and its log row; typed loosely so that each app names its own models.
Notification = Callable[[Any, Any], None]


@dataclass(eq=False)
class Workflow:
    """What `transition` and `abilities` need to know about one model's state graph.

    - `perms`: transition name → `rules` permission checked on the object (by default
      `<app>.<transition>_<model>`); `view_perm` / `edit_perm` default to `<app>.view_<model>`
      and `<app>.change_<model>`;
    - `actions`: transition name → the audit action written (every transition needs one);
    - `stamps`: transition name → the fields set to the transition's moment;
    - `more_abilities`: ability name → `rules` permission, for what `abilities` tells beyond
      the transitions (a step kept by `record`, say); the predicate checks the state itself;
    - `refusal`: the message of an illegal move, with `%(state)s` for the current state;
    - `editable`: the states in which the owner may still change the object;
    - `queryset`: what the row is locked and re-read with (related rows the checks read).
    """

    model: type[models.Model]
    log: type[TransitionLog]
    states: type[models.TextChoices]
    actions: dict[str, str]
    refusal: Any
    perms: dict[str, str] = field(default_factory=dict)
    stamps: dict[str, tuple[str, ...]] = field(default_factory=dict)
    view_perm: str = ""
    edit_perm: str = ""
    state_field: str = "state"
    queryset: Callable[[], models.QuerySet] | None = None
    notifications: dict[str, Notification] = field(default_factory=dict)
    more_abilities: dict[str, str] = field(default_factory=dict)
    editable: frozenset[str] = frozenset()

    def __post_init__(self):
        opts = self.model._meta
        self.view_perm = self.view_perm or f"{opts.app_label}.view_{opts.model_name}"
        self.edit_perm = self.edit_perm or f"{opts.app_label}.change_{opts.model_name}"
        state = opts.get_field(self.state_field)
        if not getattr(state, "protected", False):
            raise TypeError(f"{opts.label}.{self.state_field} must be protected=True")
        missing = set(self.names) - set(self.actions)
        if missing:
            raise TypeError(f"{opts.label}: no audit action for {sorted(missing)}")
        _WORKFLOWS[self.model] = self

    @cached_property
    def names(self) -> tuple[str, ...]:
        """The transitions of the state graph, in declaration order."""
        state: Any = self.model._meta.get_field(self.state_field)
        found = state.get_all_transitions(self.model)
        return tuple(dict.fromkeys(t.name for t in found))

    @cached_property
    def log_field(self) -> str:
        return next(
            f.name
            for f in self.log._meta.get_fields()
            if f.many_to_one and f.related_model is self.model
        )

    def perm(self, name: str) -> str:
        opts = self.model._meta
        return self.perms.get(name, f"{opts.app_label}.{name}_{opts.model_name}")

    def notify_on(self, name: str) -> Callable[[Notification], Notification]:
        """Register `function(obj, log)`, called after each `name` transition inside its
        transaction: what it records (outbox rows) commits or rolls back with the change."""
        if name not in self.names:
            raise ValueError(f"{self.model._meta.label} has no transition {name!r}")

        def register(function: Notification) -> Notification:
            self.notifications[name] = function
            return function

        return register

    def lock(self, obj: M) -> M:
        """The row of `obj`, re-read and locked until the end of the transaction."""
        queryset = self.queryset() if self.queryset else self.model._default_manager.all()
        # The workflow's queryset reads its own model: the row is of obj's type.
        return cast(M, queryset.select_for_update(of=("self",)).get(pk=obj.pk))

    def state_label(self, obj: Any) -> str:
        return choice_label(self.states, getattr(obj, self.state_field))


class Stateful:
    """What every model with a workflow says of its state, read from its `Workflow`."""

    @property
    def state_label(self) -> str:
        return workflow_of(self).state_label(self)

    @property
    def is_editable(self) -> bool:
        workflow = workflow_of(self)
        return getattr(self, workflow.state_field) in workflow.editable


def workflow_of(obj_or_model) -> Workflow:
    model: Any = obj_or_model if isinstance(obj_or_model, type) else type(obj_or_model)
    return _WORKFLOWS[model._meta.concrete_model]


def workflows() -> list[Workflow]:
    """Every declared workflow (each app's models declare theirs when they load)."""
    return list(_WORKFLOWS.values())


def transition(
    obj: models.Model,
    name: str,
    *,
    by,
    reason: str = "",
    perm: str | None = None,
    at: datetime.datetime | None = None,
    before: Callable[[Any], dict | None] | None = None,
    **details,
) -> TransitionLog:
    """Fire the transition `name` of `obj` for `by`, or refuse it.

    Locks the row, checks `perm` (the workflow's permission for `name` by default: a
    PermissionDenied), then the state (a ServiceError naming the current state). `before`,
    if given, is called with the locked object once both checks pass: it may refuse (raise),
    set fields that the transition saves, and return more details for the log. The fields of
    `Workflow.stamps[name]` are set to `at` (now by default), the moment of the log row.
    Returns the log row; `log.subject` is the locked, saved object.
    """
    workflow = workflow_of(obj)
    with transaction.atomic():
        obj = workflow.lock(obj)
        require_perm(by, perm or workflow.perm(name), obj)
        method = getattr(obj, name)
        if not can_proceed(method):
            raise ServiceError(workflow.refusal % {"state": workflow.state_label(obj)})
        if before is not None:
            details.update(before(obj) or {})
        at = at or timezone.now()
        for stamp in workflow.stamps.get(name, ()):
            setattr(obj, stamp, at)
        source = getattr(obj, workflow.state_field)
        method()
        obj.save()
        target = getattr(obj, workflow.state_field)
        log = workflow.log._default_manager.create(
            **{workflow.log_field: obj},
            name=name,
            source=source,
            target=target,
            at=at,
            by=by,
            reason=reason,
            details=details,
        )
        audit(
            action=workflow.actions[name],
            obj=obj,
            by=by,
            source=source,
            target=target,
            **({"reason": reason} if reason else {}),
        )
        transitioned.send(sender=workflow.model, obj=obj, log=log)
        notification = workflow.notifications.get(name)
        if notification is not None:
            notification(obj, log)
    return log


def record(obj: models.Model, name: str, *, by, reason: str = "", **details) -> TransitionLog:
    """Log a step that does not change the state (a deadline extension, say): one log row with
    the same source and target, and its audit event. The caller checks the permission, holds
    the lock and saves its changes."""
    workflow = workflow_of(obj)
    state = getattr(obj, workflow.state_field)
    log = workflow.log._default_manager.create(
        **{workflow.log_field: obj},
        name=name,
        source=state,
        target=state,
        by=by,
        reason=reason,
        details=details,
    )
    audit(action=workflow.actions[name], obj=obj, by=by, **details)
    return log


def abilities(obj: models.Model, user) -> dict[str, bool]:
    """What `user` may do with `obj` now: `view`, `edit`, each transition of its workflow
    (allowed by the state graph and by the `rules` permission) and its `more_abilities`."""
    workflow = workflow_of(obj)
    result = {
        "view": user.has_perm(workflow.view_perm, obj),
        "edit": user.has_perm(workflow.edit_perm, obj),
    }
    for name in workflow.names:
        result[name] = can_proceed(getattr(obj, name)) and user.has_perm(workflow.perm(name), obj)
    for name, perm in workflow.more_abilities.items():
        result[name] = user.has_perm(perm, obj)
    return result
