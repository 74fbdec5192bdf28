"""Two members passing a map back and forth by bundle files: no false conflicts, no lost edits."""

from __future__ import annotations

from pathlib import Path

from servicecommunity import services
from servicecommunity.domain.models import Step
from servicecommunity.exchange import bundle, exports, merge
from servicecommunity.store.workspace import open_store


def _step_id(session, title: str) -> str:  # type: ignore[no-untyped-def]
    from sqlmodel import select

    return session.scalars(select(Step.id).where(Step.title == title)).one()


def test_edit_sent_back_and_forth_merges_without_conflict(demo_store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    a = demo_store
    b = open_store(tmp_path / "b.sqlite")
    with a.session() as s:
        exports.export(s, "json", tmp_path / "1.json", include_sensitive=True)
    with b.session() as s:
        merge.import_bundle(s, bundle.read_bundle(tmp_path / "1.json"))

    # A renames a step and sends the map to B.
    with a.session() as s:
        step = _step_id(s, "Register for VAT")
        services.update_step(s, step, data={"title": "Register for VAT (online)"})
        exports.export(s, "json", tmp_path / "2.json", include_sensitive=True)
    with b.session() as s:
        report = merge.import_bundle(s, bundle.read_bundle(tmp_path / "2.json"))
        assert report.conflicts == [] and report.updated.get("steps") == 1
        # B builds on A's change and sends it back.
        services.update_step(s, step, data={"pain_points": "The threshold check is confusing"})
        exports.export(s, "json", tmp_path / "3.json", include_sensitive=True)
    with a.session() as s:
        report = merge.import_bundle(s, bundle.read_bundle(tmp_path / "3.json"))
        assert report.conflicts == []
        merged = s.get(Step, step)
        assert (merged.title, merged.pain_points) == ("Register for VAT (online)", "The threshold check is confusing")
    b.close()
