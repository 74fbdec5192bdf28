"""Findings in exports: only those about left-out blockers leave with them (on the synthetic community)."""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import date
from pathlib import Path

import pytest

from servicecommunity import analysis
from servicecommunity.exchange import exports
from servicecommunity.exchange.exports.findings import attach_findings
from servicecommunity.exchange.exports.snapshot import read_snapshot
from servicecommunity.store.workspace import Store, open_store
from servicecommunity.testing import synthetic

TODAY = date(2026, 6, 1)


@pytest.fixture(scope="module")
def synthetic_store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    data = synthetic.generate_bundle(seed=3, organisations=12, members=20, journeys=2, steps=300,
                                     dependencies=700, blockers=600, small_journey_steps=20)
    folder = tmp_path_factory.mktemp("synthetic")
    with open_store(folder / "w.sqlite") as store:
        synthetic.load(store, data)
        yield store


def test_only_findings_about_left_out_blockers_are_left_out(synthetic_store: Store) -> None:
    with synthetic_store.session() as session:
        snap = read_snapshot(session, today=TODAY)
        assert snap.omitted_sensitive > 0
        attach_findings(session, snap)
        journeys = [j.id for j in snap.journeys]
        full = [f for j in journeys for f in analysis.analyse(session, j, today=TODAY).findings]
    about_blocker = {"blocker.impact", "blocker.stale"}
    expected_dropped = sum(1 for f in full if set(f.blocker_ids) & snap.omitted_ids)
    assert expected_dropped > 0
    kept = [f for f in full if not set(f.blocker_ids) & snap.omitted_ids]
    assert snap.findings is not None
    assert snap.omitted_findings == expected_dropped
    assert len(snap.findings) == len(kept)
    # The blocker findings about OFFICIAL blockers are all there.
    kept_about = sum(1 for f in kept if f.kind in about_blocker)
    assert kept_about > 0
    assert sum(1 for f in snap.findings if f.kind in about_blocker) == kept_about
    # And nothing names a left-out blocker: not by id, and its title is withheld.
    for f in snap.findings:
        assert not set(f.ids) & snap.omitted_ids
        assert "OFFICIAL-SENSITIVE" not in f.message


def test_including_sensitive_blockers_keeps_every_finding(synthetic_store: Store) -> None:
    with synthetic_store.session() as session:
        snap = read_snapshot(session, today=TODAY, include_sensitive=True)
        attach_findings(session, snap)
        full = sum(len(analysis.analyse(session, j.id, today=TODAY).findings) for j in snap.journeys)
    assert snap.omitted_findings == 0
    assert snap.findings is not None and len(snap.findings) == full


def test_csv_findings_keep_official_blocker_findings(synthetic_store: Store, tmp_path: Path) -> None:
    with synthetic_store.session() as session:
        result = exports.export(session, "csv", tmp_path / "out.zip", options={"today": TODAY})
    with zipfile.ZipFile(tmp_path / "out.zip") as z:
        rows = list(csv.DictReader(io.StringIO(z.read("findings.csv").decode("utf-8-sig"))))
    kinds = {r["Kind"] for r in rows}
    assert "Blocker impact" in kinds
    assert result.omitted.get("findings", 0) < len(rows)


def test_markdown_briefing_lists_findings_by_priority(synthetic_store: Store, tmp_path: Path) -> None:
    from servicecommunity.domain.enums import Severity

    rank = {s.value: s.rank for s in Severity}
    weight = {kind: n for n, kind in enumerate(analysis.PRIORITY)}
    titles = {title: kind for kind, title in analysis.KINDS.items()}
    with synthetic_store.session() as session:
        exports.export(session, "markdown", tmp_path / "brief.md", options={"today": TODAY})
    text = (tmp_path / "brief.md").read_text(encoding="utf-8")
    section = text[text.index("## Findings"):text.index("## Organisations")]
    keys = []
    for line in section.splitlines():
        if line.startswith("- **"):
            severity = line[4:line.index("**", 4)].lower()
            kind = titles[line[line.index("(") + 1:line.index(")")].replace("\\", "")]
            keys.append((-rank[severity], weight[kind]))
    assert len(keys) > 20
    assert keys == sorted(keys)
    assert len({k[0] for k in keys}) > 1  # more than one severity: the order is tested, not given
