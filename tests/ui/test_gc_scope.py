"""The map keeps its records out of the collector's sweeps only while its journey is shown."""

from __future__ import annotations

import gc
from typing import Any

from ui.context import AppContext
from ui.map.view import JourneyMapView


class Cycle:
    def __init__(self) -> None:
        self.me = self


def test_switching_journeys_thaws_what_the_last_one_froze(qtbot: Any, ctx: AppContext) -> None:
    view = JourneyMapView(ctx)
    qtbot.addWidget(view)
    assert view.map_scene.data is not None and gc.get_freeze_count() > 0
    garbage = Cycle()
    view.map_scene.load_journey(ctx.journey_id)  # frozen again: the garbage made meanwhile with it
    del garbage
    view.map_scene.load_journey(None)

    assert gc.get_freeze_count() == 0  # nothing piles up from one journey to the next
    gc.collect()
    assert not any(type(o) is Cycle for o in gc.get_objects())
