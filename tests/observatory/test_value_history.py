"""Every value keeps its history: who, when, old, new."""

from lanterne.observatory.enums import ValueStatus
from lanterne.observatory.models import Value, ValueChange
from lanterne.observatory.services import EntryInput, return_save

from .conftest import full_entries


def test_changes_are_logged(setup):
    """A first entry, a change and a switch to non transmis each leave one history row."""
    total = setup["indicators"]["total"]
    return_save(
        value_return=setup["return"], entries=full_entries(setup["indicators"]), by=setup["member"]
    )
    return_save(
        value_return=setup["return"],
        entries=full_entries(setup["indicators"], total=120, parts=(60, 40, 20)),
        by=setup["member"],
    )
    return_save(
        value_return=setup["return"],
        entries=[EntryInput(indicator=total, amount=None, not_transmitted=True)],
        by=setup["member"],
    )
    history = list(
        ValueChange.objects.filter(value__indicator=total)
        .order_by("at", "pk")
        .values_list("old_status", "old_amount", "new_status", "new_amount", "by")
    )
    member = setup["member"].pk
    assert history == [
        ("", None, ValueStatus.PROVIDED, 100, member),
        (ValueStatus.PROVIDED, 100, ValueStatus.PROVIDED, 120, member),
        (ValueStatus.PROVIDED, 120, ValueStatus.NOT_TRANSMITTED, None, member),
    ]
    value = Value.objects.get(indicator=total)
    assert value.amount is None  # never 0 as a stand-in


def test_unchanged_values_leave_no_history(setup):
    """Saving the same figures again writes nothing to the history."""
    entries = full_entries(setup["indicators"])
    return_save(value_return=setup["return"], entries=entries, by=setup["member"])
    count = ValueChange.objects.count()
    assert return_save(value_return=setup["return"], entries=entries, by=setup["member"]) == 0
    assert ValueChange.objects.count() == count
