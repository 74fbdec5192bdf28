"""Helpers for reading and writing tens of thousands of records at once.

:func:`gc_paused` holds off the cyclic garbage collector while many small acyclic objects are made;
:func:`chunks` cuts a list of ids into ``IN (...)`` lists short enough for SQLite's bound-parameter
limit on old builds.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import TypeVar

T = TypeVar("T")

_gc_lock = threading.Lock()
_gc_state = {"holders": 0, "was_enabled": False}


@contextmanager
def gc_paused() -> Iterator[None]:
    """Hold off Python's cyclic garbage collector while a snapshot, a map or a report is built.

    Loading and analysing a big journey allocates tens of thousands of small objects that form no
    cycles; with the collector on, its repeated sweeps over everything alive cost about a third of
    the time. Nested and thread-safe: the collector is back to its former state when the last
    holder leaves.
    """
    with _gc_lock:
        if _gc_state["holders"] == 0:
            _gc_state["was_enabled"] = gc.isenabled()
            gc.disable()
        _gc_state["holders"] += 1
    try:
        yield
    finally:
        with _gc_lock:
            _gc_state["holders"] -= 1
            if _gc_state["holders"] == 0 and _gc_state["was_enabled"]:
                gc.enable()


def chunks(items: Sequence[T], size: int = 900) -> Iterator[Sequence[T]]:
    """``items`` ``size`` at a time (900: below the bound-parameter limit of old SQLite builds)."""
    for i in range(0, len(items), size):
        yield items[i : i + size]
