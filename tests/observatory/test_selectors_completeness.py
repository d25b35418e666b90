"""A completeness cell: from the value's status and its return's state."""

import pytest

from lanterne.observatory.enums import CellStatus, ReturnState, ValueStatus
from lanterne.observatory.selectors import cell_status


@pytest.mark.parametrize(
    ("value_status", "return_state", "cell"),
    [
        (None, None, CellStatus.NOT_STARTED),
        (None, ReturnState.ACCEPTED, CellStatus.NOT_STARTED),
        (ValueStatus.NOT_TRANSMITTED, ReturnState.ACCEPTED, CellStatus.NOT_TRANSMITTED),
        (ValueStatus.PROVIDED, ReturnState.DRAFT, CellStatus.DRAFT),
        (ValueStatus.PROVIDED, ReturnState.SENT_BACK, CellStatus.DRAFT),
        (ValueStatus.PROVIDED, ReturnState.SUBMITTED, CellStatus.SUBMITTED),
        (ValueStatus.PROVIDED, ReturnState.ACCEPTED, CellStatus.ACCEPTED),
    ],
)
def test_cell_status(value_status, return_state, cell):
    """No value: not started; declared not transmitted: so; else the return's state (a return
    sent back shows as a draft)."""
    assert cell_status(value_status, return_state) == cell
