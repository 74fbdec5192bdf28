"""Notes in the workshop: the inspector's thread for the selected step, the count on its card, undo."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QImage, QPainter
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


def _thread_with_a_note(qtbot: Any, ctx: AppContext, words: str = "Ring HMRC first") -> tuple[JourneyMapView, Any]:
    view, inspector = _setup(qtbot, ctx)
    vat = ctx.read(lambda s: s.scalars(select(Step).where(Step.title == "Register for VAT")).one())
    view.map_scene.set_selection([vat.id])
    thread = inspector.step_page.notes
    assert thread is not None
    qtbot.keyClicks(thread.box, words)
    thread.add_button.click()
    thread.list.setCurrentRow(0)
    return view, thread


def test_a_note_s_words_are_edited_in_the_inspector_and_undo_puts_them_back(qtbot: Any, ctx: AppContext,
                                                                              monkeypatch: Any) -> None:
    _view, thread = _thread_with_a_note(qtbot, ctx)
    asked: list[str] = []

    def ask(words: str) -> str:
        asked.append(words)
        return "Ring HMRC first, then Companies House\n"

    monkeypatch.setattr(thread, "ask_words", ask)
    assert thread.edit_button.isEnabled() and thread.edit_button.accessibleName()
    before = ctx.undo_stack.count()
    thread.edit_button.click()
    assert asked == ["Ring HMRC first"]  # the note's words as they are now
    assert thread.entries()[0].endswith("\nRing HMRC first, then Companies House")
    assert ctx.read(lambda s: s.scalars(select(Note.body)).all()) == ["Ring HMRC first, then Companies House"]
    assert ctx.undo_stack.count() == before + 1
    ctx.undo_stack.undo()
    assert ctx.read(lambda s: s.scalars(select(Note.body)).all()) == ["Ring HMRC first"]
    assert thread.entries()[0].endswith("\nRing HMRC first")
    ctx.undo_stack.redo()
    assert thread.entries()[0].endswith("then Companies House")


def test_editing_a_note_to_nothing_or_cancelling_changes_nothing(qtbot: Any, ctx: AppContext, monkeypatch: Any) -> None:
    _view, thread = _thread_with_a_note(qtbot, ctx)
    messages: list[str] = []
    thread.inspector.status_callback = messages.append
    before = ctx.undo_stack.count()
    for answer in (None, "Ring HMRC first", "   \n"):
        monkeypatch.setattr(thread, "ask_words", lambda _words, answer=answer: answer)
        thread.edit_chosen()
    assert ctx.undo_stack.count() == before
    assert ctx.read(lambda s: s.scalars(select(Note.body)).all()) == ["Ring HMRC first"]
    assert len(messages) == 1 and "Delete note" in messages[0]  # the empty one says what to do instead


def test_a_note_edited_on_another_desk_meanwhile_is_not_overwritten(qtbot: Any, ctx: AppContext,
                                                                    monkeypatch: Any) -> None:
    from servicecommunity import services

    _view, thread = _thread_with_a_note(qtbot, ctx)
    note_id = ctx.read(lambda s: s.scalars(select(Note.id)).one())

    def ask(_words: str) -> str:  # while the dialog is open, someone else changes the note
        ctx.run(services.update, "notes", note_id, data={"body": "Theirs"})
        return "Mine"

    conflicts: list[Any] = []
    monkeypatch.setattr(thread, "ask_words", ask)
    monkeypatch.setattr(thread.inspector.editor, "report_conflict", lambda exc, command=None: conflicts.append(exc))
    thread.edit_chosen()
    assert ctx.read(lambda s: s.scalars(select(Note.body)).all()) == ["Theirs"]
    assert len(conflicts) == 1


def test_each_note_has_a_menu_to_edit_or_delete_it(qtbot: Any, ctx: AppContext, monkeypatch: Any) -> None:
    _view, thread = _thread_with_a_note(qtbot, ctx)
    qtbot.keyClicks(thread.box, "Second note")
    thread.add_button.click()
    assert len(thread.entries()) == 2
    menu = thread.context_menu(thread.list.item(1))
    assert thread.list.currentRow() == 1  # the note the menu is on
    actions = {a.objectName(): a for a in menu.actions()}
    assert [a.text() for a in menu.actions()] == ["Edit…", "Delete"]
    monkeypatch.setattr(thread, "ask_words", lambda _words: "Second note, edited")
    actions["notes.menu.edit"].trigger()
    assert thread.entries()[1].endswith("Second note, edited")
    assert thread.entries()[0].endswith("Ring HMRC first")
    before = ctx.undo_stack.count()
    thread.context_menu(thread.list.item(0)).actions()[1].trigger()
    assert len(thread.entries()) == 1 and thread.entries()[0].endswith("Second note, edited")
    assert ctx.undo_stack.count() == before + 1
    ctx.undo_stack.undo()
    assert len(thread.entries()) == 2


def test_a_hand_off_with_notes_shows_their_count_on_its_arrow(qtbot: Any, ctx: AppContext) -> None:
    from servicecommunity import services
    from servicecommunity.analysis.layout import MapLoader

    view, inspector = _setup(qtbot, ctx)
    scene = view.map_scene
    arrows = scene.arrows
    dep = next(d for d in scene.data.dependencies if d.crosses_org)  # a hand-off: its mode is written on it
    i = arrows.index[dep.id]
    st = styles()
    assert [kind for kind, _rect, _text in arrows.markers(i, st)] == ["label"]
    scene.set_selection([], [dep.id])
    thread = inspector.dependency_page.notes
    assert thread is not None
    for words in ("Agreed by email", "Not in the MoU"):
        qtbot.keyClicks(thread.box, words)
        thread.add_button.click()
    i = arrows.index[dep.id]
    assert arrows.deps[i].note_count == 2
    marks = arrows.markers(i, st)
    assert [(kind, text) for kind, _rect, text in marks][1] == ("notes", "2")
    label_rect, notes_rect = marks[0][1], marks[1][1]
    assert not label_rect.intersects(notes_rect)  # the count never covers the hand-off's words
    mid = arrows.midpoint(i)
    assert abs(label_rect.united(notes_rect).center().x() - mid.x()) < 0.5  # centred together on the arrow
    # the refresh after a note matches a full read of the map
    journey_id = scene.data.journey_id
    full = ctx.read(lambda s: MapLoader(journey_id).load(s))
    assert {d.id: d.note_count for d in full.dependencies} == {d.id: d.note_count for d in scene.data.dependencies}
    # a plain sequence arrow with a note shows the count alone
    plain_dep = next(d for d in scene.data.dependencies if not d.crosses_org and d.kind != "alternative" and not d.blocked)
    ctx.undo_stack.undo()
    assert arrows.deps[arrows.index[dep.id]].note_count == 1
    note = ctx.run(services.create, "notes", data={"dependency_id": plain_dep.id, "body": "Quick one"})
    assert note.id
    from servicecommunity.services import Changes

    ctx.announce(Changes.of(["notes"], [note.id]))
    j = arrows.index[plain_dep.id]
    assert [(kind, text) for kind, _rect, text in arrows.markers(j, st)] == [("notes", "1")]
    # painted: where the count is, the map differs from the same map once the note is gone
    (_kind, where, _text), = arrows.markers(j, st)

    def drawn() -> QImage:
        image = QImage(200, 60, QImage.Format.Format_ARGB32)
        image.fill(0)
        painter = QPainter(image)
        scene.render(painter, QRectF(0, 0, 200, 60), QRectF(where.center().x() - 50, where.center().y() - 15, 100, 30))
        painter.end()
        return image

    with_count = drawn()
    ctx.run(services.delete, "notes", note.id)
    ctx.announce(Changes.of(["notes"], [note.id]))
    assert arrows.markers(arrows.index[plain_dep.id], st) == []
    assert drawn() != with_count
