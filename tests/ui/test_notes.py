"""Notes in the workshop: the inspector's thread for the selected step, the count on its card, undo."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from sqlalchemy import select

from servicecommunity.domain.models import Dependency, Member, Note, Step
from ui.context import AppContext
from ui.map.styles import styles
from ui.map.view import JourneyMapView
from ui.panels.inspector import Inspector


def _setup(qtbot: Any, ctx: AppContext) -> tuple[JourneyMapView, Inspector]:
    view = JourneyMapView(ctx)
    qtbot.addWidget(view)
    inspector = Inspector(ctx, view.editor)
    qtbot.addWidget(inspector)
    inspector.map_data = view.map_scene.data
    return view, inspector


def test_a_note_typed_in_the_inspector_joins_the_thread_and_the_card_count_and_undo_takes_it(
        qtbot: Any, ctx: AppContext) -> None:
    view, inspector = _setup(qtbot, ctx)
    scene = view.map_scene
    member = ctx.read(lambda s: s.scalars(select(Member).order_by(Member.name)).first())
    ctx.set_member(member.id)
    vat = ctx.read(lambda s: s.scalars(select(Step).where(Step.title == "Register for VAT")).one())
    scene.set_selection([vat.id])
    page = inspector.step_page
    assert inspector.current_page() is page and page.notes is not None
    thread = page.notes
    assert thread.entries() == [] and scene.cards[vat.id].step.note_count == 0
    for widget in (thread.list, thread.box, thread.add_button, thread.delete_button):
        assert widget.accessibleName()

    before = ctx.undo_stack.count()
    qtbot.keyClicks(thread.box, "HMRC asks for the turnover again")
    qtbot.keyClick(thread.box, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    (line,) = thread.entries()
    assert line.startswith(member.name) and line.endswith("HMRC asks for the turnover again")
    assert thread.box.toPlainText() == ""
    assert ctx.undo_stack.count() == before + 1
    card = scene.cards[vat.id]
    assert card.step.note_count == 1
    st = styles()
    (badge,) = [rect for kind, rect, _label in card.badges(st, 1.0) if kind == "notes"]
    assert not badge.intersects(card.title_rect(st))  # the count never covers the title
    stored = ctx.read(lambda s: s.scalars(select(Note)).all())
    assert [(n.step_id, n.author_id) for n in stored] == [(vat.id, member.id)]

    ctx.undo_stack.undo()
    assert thread.entries() == []
    assert scene.cards[vat.id].step.note_count == 0
    assert ctx.read(lambda s: s.scalars(select(Note)).all()) == []
    ctx.undo_stack.redo()  # the same note again
    assert len(thread.entries()) == 1 and scene.cards[vat.id].step.note_count == 1


def test_enter_alone_is_a_new_line_and_an_empty_note_is_not_added(qtbot: Any, ctx: AppContext) -> None:
    view, inspector = _setup(qtbot, ctx)
    vat = ctx.read(lambda s: s.scalars(select(Step).where(Step.title == "Register for VAT")).one())
    view.map_scene.set_selection([vat.id])
    thread = inspector.step_page.notes
    assert thread is not None
    messages: list[str] = []
    inspector.status_callback = messages.append
    before = ctx.undo_stack.count()
    qtbot.keyClick(thread.box, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert thread.entries() == [] and ctx.undo_stack.count() == before and messages
    qtbot.keyClicks(thread.box, "line one")
    qtbot.keyClick(thread.box, Qt.Key.Key_Return)
    qtbot.keyClicks(thread.box, "line two")
    assert thread.entries() == []  # Enter alone started a new line
    thread.add_button.click()
    (line,) = thread.entries()
    assert line.endswith("line one\nline two")


def test_a_hand_off_has_its_own_thread_and_a_note_can_be_deleted_with_undo(qtbot: Any, ctx: AppContext) -> None:
    view, inspector = _setup(qtbot, ctx)
    dep = ctx.read(lambda s: s.scalars(select(Dependency)).first())
    view.map_scene.set_selection([], [dep.id])
    page = inspector.dependency_page
    assert inspector.current_page() is page and page.notes is not None
    thread = page.notes
    qtbot.keyClicks(thread.box, "Agreed by email, not in the MoU")
    thread.add_button.click()
    assert len(thread.entries()) == 1
    assert ctx.read(lambda s: s.scalars(select(Note.dependency_id)).all()) == [dep.id]
    thread.list.setCurrentRow(0)
    thread.delete_button.click()
    assert thread.entries() == []
    ctx.undo_stack.undo()
    assert len(thread.entries()) == 1
