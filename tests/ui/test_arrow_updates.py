"""The arrow layer after an edit: patched in place (a changed arrow, new ones at the end) it holds
what a layer given the same arrows from scratch holds."""

from __future__ import annotations

import dataclasses
from typing import Any

import numpy as np
import pytest
from PySide6.QtCore import QRectF

from servicecommunity.analysis.layout import Box, MapDependency
from ui.map.arrows import ArrowLayer

RECT = QRectF(0, 0, 2000, 1000)


def _cards(n: int) -> dict[str, Box]:
    return {f"s{i}": Box(40.0 + 220 * (i % 7), 60.0 + 120 * (i // 7), 200.0, 90.0) for i in range(n)}


def _dep(i: int, a: int, b: int, **kw: Any) -> MapDependency:
    return MapDependency(id=f"d{i}", from_step_id=f"s{a}", to_step_id=f"s{b}", kind=kw.get("kind", "data_handoff"),
                         handoff_mode=kw.get("mode", "api"), agreed=kw.get("agreed", True),
                         crosses_org=kw.get("crosses", False), blocked=kw.get("blocked", False))


def _state(layer: ArrowLayer) -> tuple[Any, ...]:
    return ([d.id for d in layer.deps], [d is e for d, e in zip(layer.deps, layer._source, strict=True)],
            layer._from.tolist(), layer._to.tolist(), layer.styles.tolist(), dict(layer.index),
            np.round(layer.pts, 6).tolist(), np.round(layer.bbox, 6).tolist())


DEPS = [_dep(i, i % 30, (i * 7 + 3) % 30) for i in range(40)]
EDITED = list(DEPS)
EDITED[5] = dataclasses.replace(EDITED[5], blocked=True)
EDITED[17] = dataclasses.replace(EDITED[17], crosses_org=True, agreed=False)


@pytest.mark.parametrize("after", [EDITED, [*EDITED, _dep(40, 1, 2), _dep(41, 29, 0, kind="alternative")]],
                         ids=["two changed", "two changed and two new"])
def test_an_edit_patches_the_arrows_to_what_a_fresh_layer_holds(qtbot: Any, monkeypatch: pytest.MonkeyPatch,
                                                                after: list[MapDependency]) -> None:
    cards = _cards(30)
    layer = ArrowLayer()
    layer.set_geometry(DEPS, cards, RECT)
    patched: list[bool] = []
    patch = ArrowLayer._patch
    monkeypatch.setattr(ArrowLayer, "_patch", lambda self, d, c: patched.append(patch(self, d, c)) or patched[-1])
    layer.set_geometry(after, cards, RECT)
    assert patched == [True]
    monkeypatch.undo()
    fresh = ArrowLayer()
    fresh.set_geometry(after, cards, RECT)
    assert _state(layer) == _state(fresh)


def test_anything_else_is_taken_whole(qtbot: Any) -> None:
    cards = _cards(30)
    layer = ArrowLayer()
    layer.set_geometry(DEPS, cards, RECT)
    assert not layer._patch(DEPS[1:], cards)  # one fewer
    assert not layer._patch([DEPS[1], DEPS[0], *DEPS[2:]], cards)  # another order
    assert not layer._patch([*DEPS, _dep(40, 0, 99)], cards)  # an end that is not on the map
    fewer = DEPS[:4] + DEPS[5:]
    layer.set_geometry(fewer, cards, RECT)
    fresh = ArrowLayer()
    fresh.set_geometry(fewer, cards, RECT)
    assert _state(layer) == _state(fresh)


def test_labels_hidden_by_cards_are_found_in_one_go_as_point_by_point(qtbot: Any, ctx: Any) -> None:
    """The arrows' labels test their points against the cards all at once (a paint on a big map
    asked the scene point by point): the same answers as asking point by point."""
    from PySide6.QtCore import QPointF

    from ui.map.scene import JourneyMapScene

    scene = JourneyMapScene(ctx)
    assert scene.layout is not None and scene.cards
    rng = np.random.default_rng(7)
    xs = rng.uniform(0, scene.layout.width, 4000)
    ys = rng.uniform(0, scene.layout.height, 4000)
    one_by_one = [scene.step_at(QPointF(x, y)) is not None for x, y in zip(xs.tolist(), ys.tolist(), strict=True)]
    assert any(one_by_one) and not all(one_by_one)
    assert scene.points_on_cards(xs, ys).tolist() == one_by_one
    arrows = scene.arrows
    todo = [(i, arrows.midpoint(i), 60.0) for i in range(len(arrows.deps))]
    arrows._labels_hidden(todo)
    batch = dict(arrows._label_hidden)
    arrows._label_hidden, arrows.on_cards = {}, None
    arrows._labels_hidden(todo)
    assert batch == arrows._label_hidden and any(batch.values())
