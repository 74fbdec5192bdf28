"""Mermaid: a journey too big for one diagram is split into diagrams Mermaid renders, in journey order."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from servicecommunity.exchange import bundle, exports
from servicecommunity.exchange.exports.mermaid import MERMAID_EDGE_LIMIT, MERMAID_TEXT_LIMIT, counts
from servicecommunity.store.workspace import Store, open_store
from servicecommunity.testing import synthetic

from .test_exports import check_mermaid

OPTS = {"today": date(2026, 6, 1)}


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> tuple[Store, str, int]:
    data = synthetic.generate_bundle(seed=5, organisations=15, members=20, journeys=1, steps=1_500,
                                     dependencies=4_500, blockers=300)
    folder = tmp_path_factory.mktemp("big")
    with open_store(folder / "w.sqlite") as store:
        synthetic.load(store, data)
        yield store, data["journeys"][0]["id"], len(data["steps"])


def test_a_big_journey_is_split_into_diagrams_mermaid_renders(big: tuple[Store, str, int], tmp_path: Path) -> None:
    store, journey_id, n_steps = big
    with store.session() as session:
        result = exports.export(session, "mermaid", tmp_path / "big.mmd", journey_id=journey_id, options=OPTS)
    files = [result.path, *result.also]
    assert len(files) > 1
    assert [p.name for p in result.also] == [f"big-{n}.mmd" for n in range(2, len(files) + 1)]
    assert all(p.exists() for p in files)
    # the warning is in the export's result, not only on the command line
    assert any("split into" in note and "Mermaid" in note for note in result.notes)
    seen: list[int] = []
    steps: dict[str, str] = {}
    for n, path in enumerate(files, start=1):
        text = path.read_text(encoding="utf-8")
        chars, links = counts(text)
        assert chars <= MERMAID_TEXT_LIMIT and links <= MERMAID_EDGE_LIMIT, (path.name, chars, links)
        assert f"part {n} of {len(files)}" in text
        assert "%% Split into" in text  # the comment says how it was split
        steps.update(check_mermaid(text))
        seen += [int(g) for g in re.findall(r"^  subgraph g(\d+)", text, re.M)]
    assert len(steps) == n_steps  # every step drawn once
    assert seen == sorted(seen)  # stages in the journey's order across the parts
    first = files[0].read_text(encoding="utf-8")
    assert all(f"%%   part {n}:" in first for n in range(1, len(files) + 1))


def test_a_small_journey_is_one_diagram(demo_store: Store, tmp_path: Path) -> None:
    with demo_store.session() as session:
        journey_id = bundle.journey_by_name(session, "Starting a Business").id
        result = exports.export(session, "mermaid", tmp_path / "one.mmd", journey_id=journey_id, options=OPTS)
    assert result.also == [] and not any("split" in n for n in result.notes)
    assert "%% Split into" not in result.path.read_text(encoding="utf-8")
