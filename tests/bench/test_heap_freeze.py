"""`bench.load` measures pages as a production worker serves them: after start-up (here, the
warm-up requests) the heap is frozen out of the garbage collector's reach."""

import gc

import pytest

from bench import pages


@pytest.fixture
def restored_collector():
    before = gc.get_threshold()
    yield
    gc.unfreeze()
    gc.set_threshold(*before)


@pytest.mark.parametrize("freeze_heap", [True, False])
def test_the_heap_is_frozen_after_the_warm_up_only_when_asked(
    monkeypatch, restored_collector, freeze_heap
):
    gc.unfreeze()
    frozen_when_measured = []
    monkeypatch.setattr(pages, "clients", lambda: {"anonymous": None})

    def measure(client, url):
        frozen_when_measured.append(gc.get_freeze_count() > 0)
        return 1.0, 1, 200

    monkeypatch.setattr(pages, "measure_once", measure)
    samples = pages.run(
        [pages.Page("a page", ["/a/"])], requests=3, warmup=2, freeze_heap=freeze_heap
    )
    assert samples["a page"].milliseconds == [1.0, 1.0, 1.0]
    # Two warm-up requests on the start-up heap, then three measured ones.
    assert frozen_when_measured == [False, False] + [freeze_heap] * 3
