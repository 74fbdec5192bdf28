"""The blocker register: its model, filters, forms, history, and undo of every change."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from PySide6.QtCore import QSettings, Qt
from sqlalchemy import select

from servicecommunity import services
from servicecommunity.analysis.layout import load_map
from servicecommunity.domain.models import Blocker, Member, Organisation
from ui import settings
from ui.panels.blockers import (
    ANY_OPEN,
    COLUMN,
    OVERDUE,
    BlockerFilterProxy,
    BlockerForm,
    BlockerRegister,
    BlockerTableModel,
    CommentDialog,
    StatusDialog,
)
from ui.panels.rowmodel import ROW_ROLE


def _first_step(ctx: Any) -> Any:
    data = ctx.read(lambda s: load_map(s, ctx.journey_id))
    return data.steps[0]


def _badge(ctx: Any, step_id: str) -> int:
    data = ctx.read(lambda s: load_map(s, ctx.journey_id))
    return next(s.blocker_count for s in data.steps if s.id == step_id)


def _member_of(ctx: Any, short_name: str) -> str:
    def read(session: Any) -> str:
        org = session.scalars(select(Organisation).where(Organisation.short_name == short_name)).first()
        return session.scalars(select(Member).where(Member.organisation_id == org.id)).first().id

    return ctx.read(read)


def _form_answer(title: str = "Councils cannot see new companies", **extra: Any):
    def ask(parent: Any, choices: Any, initial: Any = None, *, title_: str = "", **_kw: Any) -> dict[str, Any]:
        values = {
            "title": title, "description": "", "category": "data_sharing", "severity": "high",
            "classification": "OFFICIAL", "owner_id": initial.get("owner_id"), "blocking_organisation_ids": [],
            "raised_on": date.today(), "due_on": None, "standard_points": [2],
            "step_ids": list(initial.get("step_ids", [])), "dependency_ids": list(initial.get("dependency_ids", [])),
        }
        values.update(extra)
        return values

    return ask


@pytest.fixture
def register(qtbot: Any, ctx: Any) -> BlockerRegister:
    widget = BlockerRegister(ctx)
    qtbot.addWidget(widget)
    widget.status_filter.setCurrentIndex(widget.status_filter.findData(None))  # every status
    widget.organisation_filter.setCurrentIndex(0)
    return widget


def test_blocker_model_passes_the_model_tester(qtmodeltester: Any, ctx: Any) -> None:
    model = BlockerTableModel(ctx)
    assert model.rowCount() == 15
    qtmodeltester.check(model, force_py=True)
    proxy = BlockerFilterProxy()
    proxy.setSourceModel(model)
    proxy.set_filter(status=ANY_OPEN)
    qtmodeltester.check(proxy, force_py=True)


def test_model_follows_changes_and_undo(qtmodeltester: Any, ctx: Any) -> None:
    from ui.commands import CreateCommand, push

    model = BlockerTableModel(ctx)
    qtmodeltester.check(model, force_py=True)
    community = model.community_id
    blocker_id = push(ctx, CreateCommand(ctx, "blockers", {"community_id": community, "title": "New one"}))
    assert model.row_of(blocker_id) >= 0
    ctx.undo_stack.undo()
    assert model.row_of(blocker_id) == -1
    ctx.undo_stack.redo()
    assert model.row_of(blocker_id) >= 0
    qtmodeltester.check(model, force_py=True)


def test_raise_blocker_from_the_map_updates_register_and_badge(
    qtbot: Any, ctx: Any, register: BlockerRegister, monkeypatch: pytest.MonkeyPatch
) -> None:
    member = _member_of(ctx, "HMRC")
    ctx.set_member(member)
    step = _first_step(ctx)
    before = _badge(ctx, step.id)
    monkeypatch.setattr(BlockerForm, "ask", _form_answer())
    changes: list[Any] = []
    ctx.changed.connect(changes.append)

    ctx.raise_blocker_requested.emit({"step_ids": [step.id], "dependency_ids": []})

    row = register.current_row()
    assert row is not None and row.title == "Councils cannot see new companies"
    assert row.step_ids == (step.id,)
    assert row.raised_by_id == member
    assert any(c.touches("blockers") for c in changes)
    assert _badge(ctx, step.id) == before + 1
    # Undo takes it off the register and the badge; redo brings back the same blocker.
    ctx.undo_stack.undo()
    assert register.model.row_of(row.id) == -1
    assert _badge(ctx, step.id) == before
    ctx.undo_stack.redo()
    assert register.model.row_of(row.id) >= 0
    assert _badge(ctx, step.id) == before + 1


def test_raise_cancelled_changes_nothing(ctx: Any, register: BlockerRegister, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(BlockerForm, "ask", lambda *a, **k: None)
    assert register.raise_blocker() is None
    assert register.model.rowCount() == 15
    assert ctx.undo_stack.count() == 0


def test_change_status_and_comment_show_in_history_and_undo(
    ctx: Any, register: BlockerRegister, monkeypatch: pytest.MonkeyPatch
) -> None:
    member = _member_of(ctx, "Companies House")
    ctx.set_member(member)
    open_row = next(r for r in register.model.rows() if r.status == "open")
    assert register.select_blocker(open_row.id)
    history_before = register.history.model.rowCount()

    monkeypatch.setattr(StatusDialog, "ask", lambda parent, current: ("in_progress", "Talking to legal"))
    assert register.change_status()
    assert register.current_row().status == "in_progress"
    entries = register.history.model.rows()
    assert len(entries) == history_before + 1
    assert entries[-1].kind == "status" and "Talking to legal" in entries[-1].text
    member_name = ctx.read(lambda s: s.get(Member, member).name)
    assert entries[-1].author == member_name

    monkeypatch.setattr(CommentDialog, "ask", lambda parent: "Meeting booked for Tuesday")
    assert register.comment()
    entries = register.history.model.rows()
    assert [e.text for e in entries][-1] == "Meeting booked for Tuesday"
    assert entries[0].kind == "raised"  # oldest first
    times = [e.at for e in entries[1:]]
    assert times == sorted(times)

    ctx.undo_stack.undo()  # the comment
    assert register.history.model.rowCount() == history_before + 1
    ctx.undo_stack.undo()  # the status change
    assert register.current_row().status == "open"
    assert register.history.model.rowCount() == history_before


def test_edit_blocker_in_the_form_and_undo(ctx: Any, register: BlockerRegister, monkeypatch: pytest.MonkeyPatch) -> None:
    row = register.model.rows()[0]
    register.select_blocker(row.id)

    def ask(parent: Any, choices: Any, initial: Any = None, **_kw: Any) -> dict[str, Any]:
        return {**initial, "title": "Renamed blocker", "severity": "critical"}

    monkeypatch.setattr(BlockerForm, "ask", ask)
    assert register.edit_blocker()
    fresh = register.model.row_value(register.model.row_of(row.id))
    assert (fresh.title, fresh.severity) == ("Renamed blocker", "critical")
    ctx.undo_stack.undo()
    fresh = register.model.row_value(register.model.row_of(row.id))
    assert (fresh.title, fresh.severity) == (row.title, row.severity)


def test_delete_and_undo(ctx: Any, register: BlockerRegister) -> None:
    row = register.model.rows()[0]
    assert register.delete_blocker(row.id)
    assert register.model.row_of(row.id) == -1
    ctx.undo_stack.undo()
    assert register.model.row_of(row.id) >= 0


def test_filters(ctx: Any, register: BlockerRegister) -> None:
    def shown() -> list[Any]:
        return [register.proxy.data(register.proxy.index(i, 0), ROW_ROLE) for i in range(register.proxy.rowCount())]

    total = register.model.rowCount()
    assert len(shown()) == total
    register.status_filter.setCurrentIndex(register.status_filter.findData(ANY_OPEN))
    assert shown() and all(r.is_open for r in shown())
    register.status_filter.setCurrentIndex(register.status_filter.findData(None))
    register.severity_filter.setCurrentIndex(register.severity_filter.findData("high"))
    assert shown() and all(r.severity == "high" for r in shown())
    register.severity_filter.setCurrentIndex(0)
    register.classification_filter.setCurrentIndex(register.classification_filter.findData("OFFICIAL-SENSITIVE"))
    assert all(r.classification == "OFFICIAL-SENSITIVE" for r in shown())
    register.classification_filter.setCurrentIndex(0)
    register.category_filter.setCurrentIndex(register.category_filter.findData("technology"))
    assert all(r.category == "technology" for r in shown())
    register.category_filter.setCurrentIndex(0)
    hmrc = ctx.read(lambda s: s.scalars(select(Organisation).where(Organisation.short_name == "HMRC")).first().id)
    register.organisation_filter.setCurrentIndex(register.organisation_filter.findData(hmrc))
    assert shown() and all(r.owner_id == hmrc for r in shown())
    register.organisation_filter.setCurrentIndex(0)
    register.search.setText("PAYE")
    assert shown() and all("paye" in r.haystack() for r in shown())
    register.search.setText("")
    assert len(shown()) == total


def test_my_organisation_is_the_saved_default(qtbot: Any, ctx: Any) -> None:
    member = _member_of(ctx, "HMRC")
    ctx.set_member(member)
    first = BlockerRegister(ctx)
    qtbot.addWidget(first)
    assert first.organisation_filter.currentData() == "mine"
    hmrc = ctx.read(lambda s: s.get(Member, member).organisation_id)
    assert first.proxy.organisation_id == hmrc
    first.set_organisation_filter("")
    assert QSettings().value(settings.BLOCKER_ORGANISATION_FILTER.key) == ""
    second = BlockerRegister(ctx)
    qtbot.addWidget(second)
    assert second.organisation_filter.currentData() == ""
    second.set_organisation_filter("mine")
    third = BlockerRegister(ctx)
    qtbot.addWidget(third)
    assert third.proxy.organisation_id == hmrc


def test_overdue_stands_out_in_text_not_colour_alone(qtbot: Any, ctx: Any) -> None:
    blocker_id = ctx.read(lambda s: s.scalars(select(Blocker).where(Blocker.status == "open")).first().id)
    yesterday = date.today() - timedelta(days=1)
    ctx.run(services.update, "blockers", blocker_id, data={"raised_on": yesterday - timedelta(days=30), "due_on": yesterday})
    model = BlockerTableModel(ctx)
    row = model.row_of(blocker_id)
    due = model.index(row, COLUMN["Due"])
    assert OVERDUE in model.data(due)
    assert model.data(due, Qt.ItemDataRole.FontRole).bold()
    assert model.data(due, Qt.ItemDataRole.ForegroundRole) is not None


def test_form_refuses_bad_values(qtbot: Any, ctx: Any) -> None:
    register = BlockerRegister(ctx)
    qtbot.addWidget(register)
    form = BlockerForm(register.choices(), {"title": ""})
    qtbot.addWidget(form)
    assert form.problem() == "Give the blocker a title."
    form.title_edit.setText("Something")
    form.has_due.setChecked(True)
    form.due_on.setDate(form.raised_on.date().addDays(-3))
    assert "due before" in form.problem()
    form.due_on.setDate(form.raised_on.date().addDays(3))
    assert form.problem() is None
    assert form.values()["due_on"] > form.values()["raised_on"]


def test_sorting_is_done_once_by_the_model_and_survives_changes(
    qtmodeltester: Any, ctx: Any, register: BlockerRegister
) -> None:
    def shown() -> list[Any]:
        return [register.proxy.data(register.proxy.index(i, 0), ROW_ROLE) for i in range(register.proxy.rowCount())]

    ranks = [r.severity for r in shown()]
    order = ["critical", "high", "medium", "low"]
    assert ranks == sorted(ranks, key=order.index)  # worst first by default
    register.table.sortByColumn(COLUMN["Due"], Qt.SortOrder.AscendingOrder)
    dues = [r.due_on for r in shown()]
    dated = [d for d in dues if d is not None]
    assert dated == sorted(dated) and dues[: len(dated)] == dated  # no due date goes last
    register.table.sortByColumn(COLUMN["Severity"], Qt.SortOrder.DescendingOrder)
    selected = shown()[3].id
    register.select_blocker(selected)
    from ui.commands import CreateCommand, push

    community = register.model.community_id
    new_id = push(ctx, CreateCommand(ctx, "blockers", {"community_id": community, "title": "Worst", "severity": "critical"}))
    criticals = [r.id for r in shown() if r.severity == "critical"]
    assert [r.id for r in shown()][: len(criticals)] == criticals and new_id in criticals
    assert register.current_id() == selected  # the selection follows its row
    qtmodeltester.check(register.proxy, force_py=True)
