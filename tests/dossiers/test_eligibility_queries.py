"""Evaluating a list of dossiers costs the same number of queries for 3 or 30 dossiers,
with 1 or 10 lines of each kind."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from lanterne.dossiers.eligibility import evaluate
from lanterne.dossiers.models import BudgetLine, Dossier, Partner, PlannedAction
from tests.calls.factories import CallFactory
from tests.dossiers.factories import DossierFactory


def grow(dossier, times):
    for _ in range(times):
        Partner.objects.create(dossier=dossier, role="other", name="p")
        PlannedAction.objects.create(dossier=dossier, action_type="awareness_workshop", title="a")
        BudgetLine.objects.create(
            dossier=dossier, side="expense", category="other", label="l", amount=1
        )


def evaluate_all(call):
    return [
        evaluate(d, at=call.deadline).eligible
        for d in Dossier.objects.filter(call=call).for_eligibility()
    ]


def count_queries(n_dossiers, lines):
    call = CallFactory()
    for _ in range(n_dossiers):
        grow(DossierFactory(call=call, complete=True), lines)
    call = type(call).objects.with_calendar().get(pk=call.pk)
    with CaptureQueriesContext(connection) as captured:
        results = evaluate_all(call)
    assert len(results) == n_dossiers
    return len(captured)


def test_query_count_does_not_grow_with_dossiers_or_lines():
    small = count_queries(3, 1)
    large = count_queries(30, 10)
    assert small == large
    assert small <= 16
