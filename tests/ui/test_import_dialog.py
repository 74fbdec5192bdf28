"""File > Import: bundles merged then conflicts reviewed, spreadsheets previewed, GOV.UK step by steps."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from PySide6.QtWidgets import QLabel
from sqlalchemy import select

from servicecommunity import services
from servicecommunity.domain.models import Journey, Step
from servicecommunity.exchange import bundle, merge
from servicecommunity.exchange.demo import load_demo
from servicecommunity.exchange.imports import govuk, spreadsheet
from servicecommunity.store.workspace import Store, open_store
from tests.core.test_import_govuk import DRIVING
from ui.dialogs import conflicts
from ui.dialogs import importing as import_dialog
from ui.dialogs.conflicts import ConflictDialog
from ui.dialogs.importing import GovukPreviewDialog, SpreadsheetPreviewDialog


def snapshot(store: Store) -> str:
    with store.session() as session:
        return bundle.dumps(bundle.export_bundle(session, include_sensitive=True))


@pytest.fixture
def said(monkeypatch: pytest.MonkeyPatch) -> dict[str, list[str]]:
    """What the import told the person (errors and information), instead of message boxes."""
    messages: dict[str, list[str]] = {"error": [], "info": []}
    monkeypatch.setattr(import_dialog, "show_error", lambda _parent, text: messages["error"].append(text))
    monkeypatch.setattr(import_dialog, "show_info", lambda _parent, text: messages["info"].append(text))
    monkeypatch.setattr(import_dialog, "confirm", lambda *_args: True)
    return messages


@pytest.fixture
def conflicting(ctx: Any, tmp_path: Path) -> tuple[Path, str]:
    """A bundle from another member; one step was changed on both sides. Returns (file, step id)."""
    with ctx.store.session() as session:
        step = session.scalars(select(Step).order_by(Step.title)).first()
        assert step is not None
        services.update_step(session, step.id, data={"title": "Ours"})
    with open_store(tmp_path / "peer.sqlite") as peer:
        load_demo(peer)
        with peer.session() as session:
            services.update_step(session, step.id, data={"title": "Theirs"})
        path = tmp_path / "from-peer.json"
        path.write_text(snapshot(peer), encoding="utf-8")
    return path, step.id


def title_of(ctx: Any, step_id: str) -> str:
    with ctx.store.session() as session:
        return str(session.get(Step, step_id).title)


# --- bundles ----------------------------------------------------------------------------------------


def backups_of(ctx: Any) -> list[Path]:
    from servicecommunity.store import backups

    return [b.path for b in backups.list_backups(ctx.store.path) if b.reason == "import"]


def test_run_import_backs_up_merges_then_reviews_and_settles_the_chosen_side(
    qtbot: Any, ctx: Any, conflicting: tuple[Path, str], said: dict[str, list[str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    path, step_id = conflicting
    asked: list[list[merge.Conflict]] = []
    merged_first: list[str] = []

    def choose(_parent: Any, found: list[merge.Conflict], labels: Any = None, **_kw: Any) -> dict[str, Any]:
        asked.append(found)
        merged_first.append(title_of(ctx, step_id))  # the review comes after the merge is written
        assert backups_of(ctx), "the workspace is backed up before the first write"
        (conflict,) = found
        return {conflict.key: ("shown" if conflict.shown.value == "Theirs" else "other", None)}

    monkeypatch.setattr(import_dialog, "ask_import_path", lambda _parent: str(path))
    monkeypatch.setattr(ConflictDialog, "ask", choose)
    ctx.undo_stack.setClean()
    with qtbot.waitSignal(ctx.changed, timeout=10_000) as signal:
        import_dialog.run_import(None, ctx)
    (conflict,) = asked[0]
    assert (conflict.id, conflict.field, conflict.label) == (step_id, "title", "title")
    assert {conflict.shown.value, conflict.other.value} == {"Ours", "Theirs"}
    assert merged_first[0] in ("Ours", "Theirs")
    assert signal.args[0].touches("steps", "blockers")
    assert title_of(ctx, step_id) == "Theirs"
    with ctx.store.session() as session:
        assert merge.pending_conflicts(session) == []
    assert said["error"] == [] and "1 conflict settled: your next bundle takes it to the others." in said["info"][0]
    assert ctx.undo_stack.count() == 0


def test_a_conflict_left_for_later_stays_pending_with_both_values(
    ctx: Any, conflicting: tuple[Path, str], said: dict[str, list[str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    path, step_id = conflicting
    monkeypatch.setattr(ConflictDialog, "ask", lambda *_args, **_kw: None)  # closed: decide all later
    assert import_dialog.import_file(None, ctx, path) is True
    with ctx.store.session() as session:
        (conflict,) = merge.pending_conflicts(session)
    assert {conflict.shown.value, conflict.other.value} == {"Ours", "Theirs"}
    assert title_of(ctx, step_id) == conflict.shown.value
    assert "1 left for later, both values kept (Community > Conflicts… when you are ready)." in said["info"][0]


def test_saying_no_before_the_merge_writes_nothing(
    ctx: Any, conflicting: tuple[Path, str], said: dict[str, list[str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    path, step_id = conflicting
    before = snapshot(ctx.store)
    questions: list[str] = []
    monkeypatch.setattr(import_dialog, "confirm", lambda _parent, _title, text: questions.append(text) and False)
    monkeypatch.setattr(ConflictDialog, "ask", lambda *_args, **_kw: pytest.fail("no review without a merge"))
    assert import_dialog.import_file(None, ctx, path) is False
    assert snapshot(ctx.store) == before and title_of(ctx, step_id) == "Ours"
    assert backups_of(ctx) == []
    assert "1 change clashes with another member's: both values are kept" in questions[0]


def test_a_bundle_with_nothing_new_says_so(ctx: Any, tmp_path: Path, said: dict[str, list[str]]) -> None:
    path = tmp_path / "same.json"
    path.write_text(snapshot(ctx.store), encoding="utf-8")
    assert import_dialog.import_file(None, ctx, path) is False
    assert "holds nothing new" in said["info"][0]


def test_a_bad_file_is_explained_and_nothing_changes(ctx: Any, tmp_path: Path, said: dict[str, list[str]]) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{"format": "servicecommunity-bundle", "format_version": 99}', encoding="utf-8")
    before = snapshot(ctx.store)
    assert import_dialog.import_file(None, ctx, path) is False
    assert "newer than this app reads" in said["error"][0]
    assert snapshot(ctx.store) == before


# --- the conflict review after an import ------------------------------------------------------------


def test_the_review_shows_both_values_side_by_side(qtbot: Any, ctx: Any, conflicting: tuple[Path, str]) -> None:
    path, _step_id = conflicting
    data = bundle.read_bundle(path)
    with ctx.store.session() as session:
        report = merge.preview_merge(session, data)
        labels = conflicts.record_labels(session, data)
    dialog = ConflictDialog(report.conflicts, labels)
    qtbot.addWidget(dialog)
    assert dialog.list.rowCount() == 1 and dialog.list.item(0, 0).text().endswith("\nStep · Title")
    assert {v.text() for v in dialog.values} == {"Ours", "Theirs"}
    (conflict,) = report.conflicts
    assert conflicts.options(conflict) == [*[k for k, _ in conflicts.sides(conflict)], "both", "later"]
    assert dialog.choices == {conflict.key: conflicts.recommended(conflict)[0]}
    dialog.choose(conflict.key, "later")
    assert dialog.decisions() == {}


def test_show_value_speaks_words() -> None:
    labels = {"a" * 36: "HMRC"}
    assert conflicts.show_value("owner_id", "a" * 36, labels) == "HMRC"
    assert conflicts.show_value("step_ids", ["a" * 36, "b" * 36], labels) == "HMRC; " + "b" * 36
    assert conflicts.show_value("channels", ["online", "face_to_face"], labels) == "Online; Face to face"
    assert conflicts.show_value("agreed", True, labels) == "Yes"
    assert conflicts.show_value("pain_points", "", labels) == "—"
    assert conflicts.field_name("touchpoint_url") == "Link"


# --- spreadsheets -----------------------------------------------------------------------------------


def workshop_csv(tmp_path: Path) -> Path:
    path = tmp_path / "workshop.csv"
    path.write_text("Stage,Step,Owner\nSet up tax,Register for VAT online,HMRC\nSet up tax,Oops,Ministry of Magic\n",
                    encoding="utf-8")
    return path


def test_a_spreadsheet_imports_its_good_rows_when_asked(
    qtbot: Any, ctx: Any, tmp_path: Path, said: dict[str, list[str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[spreadsheet.Preview] = []

    def answer(_parent: Any, preview: spreadsheet.Preview) -> str:
        shown.append(preview)
        return "valid"

    monkeypatch.setattr(SpreadsheetPreviewDialog, "ask", answer)
    with qtbot.waitSignal(ctx.changed, timeout=10_000):
        assert import_dialog.import_file(None, ctx, workshop_csv(tmp_path)) is True
    assert [r.row_number for r in shown[0].errors] == [3]
    assert "Imported 1 new step" in said["info"][0]
    with ctx.store.session() as session:
        assert session.scalars(select(Step).where(Step.title == "Register for VAT online")).first() is not None


def test_the_spreadsheet_preview_offers_only_the_good_rows_when_some_are_bad(qtbot: Any, ctx: Any, tmp_path: Path) -> None:
    with ctx.store.session() as session:
        preview = spreadsheet.preview(session, workshop_csv(tmp_path))
    dialog = SpreadsheetPreviewDialog(preview)
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 2
    assert dialog.table.item(1, 1).text() == "Not imported" and "Ministry of Magic" in dialog.table.item(1, 2).text()
    assert not dialog.import_all.isEnabled()
    assert dialog.import_valid.isEnabled() and dialog.import_valid.text() == "Import the 1 good row"
    dialog.import_valid.click()
    assert dialog.answer == "valid"


def test_a_workbook_with_both_tables_asks_which(ctx: Any, tmp_path: Path, said: dict[str, list[str]],
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    workbook = openpyxl.Workbook()
    steps = workbook.active
    assert steps is not None
    steps.title = "Steps"
    steps.append(["Stage", "Step"])
    steps.append(["Set up tax", "From the workbook"])
    blockers = workbook.create_sheet("Blockers")
    blockers.append(["Blocker", "Severity"])
    blockers.append(["B", "low"])
    workbook.save(tmp_path / "both.xlsx")
    kinds: list[Any] = []
    monkeypatch.setattr(import_dialog, "ask_kind", lambda _parent, _name, k: kinds.append(k) or "steps")
    monkeypatch.setattr(SpreadsheetPreviewDialog, "ask", lambda _parent, preview: "all" if preview.kind == "steps" else None)
    assert import_dialog.import_file(None, ctx, tmp_path / "both.xlsx") is True
    assert set(kinds[0]) == {"steps", "blockers"}


# --- GOV.UK -----------------------------------------------------------------------------------------


def test_a_govuk_step_by_step_becomes_a_journey_and_the_map_shows_it(
    qtbot: Any, ctx: Any, tmp_path: Path, said: dict[str, list[str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "driving.json"
    path.write_text(json.dumps(DRIVING), encoding="utf-8")
    monkeypatch.setattr(GovukPreviewDialog, "ask", lambda _parent, skeleton: skeleton.name.startswith("Learn to drive"))
    with qtbot.waitSignal(ctx.journey_changed, timeout=10_000):
        assert import_dialog.import_file(None, ctx, path) is True
    with ctx.store.session() as session:
        journey = session.get(Journey, ctx.journey_id)
        assert journey is not None and journey.name == "Learn to drive a car: step by step"


def test_the_govuk_preview_lists_stages_and_their_steps(qtbot: Any, store: Store) -> None:
    with store.session() as session:
        skeleton = govuk.preview_data(session, DRIVING, "driving.json")
    dialog = GovukPreviewDialog(skeleton)
    qtbot.addWidget(dialog)
    assert dialog.tree.topLevelItemCount() == 7  # every GOV.UK step is a stage, its links its steps
    third, fourth = dialog.tree.topLevelItem(2), dialog.tree.topLevelItem(3)
    assert third.text(0) == "3. Driving lessons and practice"
    assert [third.child(i).text(0) for i in range(third.childCount())] == ["Find an instructor"]
    assert fourth.text(0) == "4. Prepare for your theory test"
    assert [fourth.child(i).text(0) for i in range(fourth.childCount())] == ["and: Theory test revision"]
    assert skeleton.community_id is None
    assert any("a new community" in label.text() for label in dialog.findChildren(QLabel))


def test_the_govuk_preview_says_how_it_maps_truthfully(qtbot: Any, store: Store) -> None:
    """Every GOV.UK step becomes a stage ("and" and "or" ones too) and its links its steps: the preview
    no longer says only numbered steps become stages."""
    with store.session() as session:
        skeleton = govuk.preview_data(session, DRIVING, "driving.json")
    dialog = GovukPreviewDialog(skeleton)
    qtbot.addWidget(dialog)
    text = " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert "Each numbered step becomes a stage" not in text
    assert "Every GOV.UK step becomes a stage" in text
    assert "touchpoint" in text and "“and” and “or” steps too" in text
