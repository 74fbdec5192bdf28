"""gc_paused: the collector is held off only by the main thread, and always comes back."""

from __future__ import annotations

import gc
import threading

import pytest

from servicecommunity.store.bulk import chunks, gc_paused


def test_a_pause_on_the_main_thread_nests_and_ends() -> None:
    assert gc.isenabled()
    with gc_paused():
        with gc_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()


def test_a_pause_ends_when_its_work_fails() -> None:
    with pytest.raises(RuntimeError), gc_paused():
        raise RuntimeError("boom")
    assert gc.isenabled()


def test_a_worker_thread_never_switches_the_collector_off() -> None:
    """The collector is one for the process: a worker pausing it would pause it for the UI thread."""
    seen: list[bool] = []
    inside = threading.Event()
    release = threading.Event()

    def worker() -> None:
        with gc_paused():
            seen.append(gc.isenabled())
            inside.set()
            release.wait(5)

    thread = threading.Thread(target=worker)
    thread.start()
    assert inside.wait(5)
    main_sees = gc.isenabled()  # while the worker is inside its pause
    release.set()
    thread.join(5)
    assert seen == [True] and main_sees and gc.isenabled()


def test_chunks_cut_a_list() -> None:
    assert [list(c) for c in chunks([1, 2, 3, 4, 5], 2)] == [[1, 2], [3, 4], [5]]
