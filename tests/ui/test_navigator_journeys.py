"""Managing journeys from the navigator: rename (F2), duplicate (Ctrl+D), copy as to-be, reorder
(Alt+Up/Down), delete (Delete), each one undo entry; a message for an empty name; the hint on an
empty journey; the as-is/to-be comparison dialog."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QTreeWidgetItem

from servicecommunity.services.queries import navigator as navigator_queries
from ui import dialogs
from ui.context import AppContext
from ui.dialogs.compare import CompareDialog
from ui.panels import navigator as navigator_mod
from ui.panels.navigator import ROLE_ID, Navigator, create_journey

DEMO = "Starting a Business"


@pytest.fixture
def nav(qtbot: Any, ctx: AppContext) -> Navigator:
    widget = Navigator(ctx)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def rows(nav: Navigator) -> list[str]:
    return [nav.tree.topLevelItem(0).child(i).text(0) for i in range(nav.tree.topLevelItem(0).childCount())]  # type: ignore[union-attr]


def journeys(ctx: AppContext) -> list[navigator_queries.JourneyEntry]:
    return ctx.read(lambda s: navigator_queries.tree(s, None)).journeys


def row_of(nav: Navigator, journey_id: str) -> QTreeWidgetItem:
    item = next(i for i in nav._journey_items() if i.data(0, ROLE_ID) == journey_id)
    nav.tree.setCurrentItem(item)
    nav.tree.setFocus()
    return item


def key(qtbot: Any, nav: Navigator, k: Qt.Key, mod: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(nav.tree, k, mod)


def test_f2_renames_the_journey_and_undo_puts_the_name_back(qtbot: Any, ctx: AppContext, nav: Navigator,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(dialogs, "ask_text", lambda *_a, **_k: "  Starting a business in Leeds ")
    row_of(nav, ctx.journey_id)  # type: ignore[arg-type]
    key(qtbot, nav, Qt.Key.Key_F2)
    assert [j.name for j in journeys(ctx)] == ["Starting a business in Leeds"]
    assert rows(nav)[0].startswith("Starting a business in Leeds  (34 steps")
    assert ctx.undo_stack.undoText() == f"Rename journey “{DEMO}”"
    ctx.undo_stack.undo()
    assert [j.name for j in journeys(ctx)] == [DEMO]


def test_an_empty_name_says_why_and_changes_nothing(ctx: AppContext, nav: Navigator, monkeypatch: pytest.MonkeyPatch) -> None:
    said: list[str] = []
    monkeypatch.setattr(dialogs, "ask_text", lambda *_a, **_k: "   ")
    monkeypatch.setattr(dialogs, "show_error", lambda _p, title, text: said.append(f"{title}: {text}"))
    row_of(nav, ctx.journey_id)  # type: ignore[arg-type]
    assert not nav.rename_journey()
    assert nav.new_journey() is None
    assert said == [f"The journey was not renamed: {navigator_mod.EMPTY_NAME} It keeps its name “{DEMO}”.",
                    f"No journey created: {navigator_mod.EMPTY_NAME}"]
    assert [j.name for j in journeys(ctx)] == [DEMO] and ctx.undo_stack.count() == 0
    monkeypatch.setattr(dialogs, "ask_text", lambda *_a, **_k: None)  # Cancel stays silent
    assert nav.new_journey() is None and len(said) == 2


def test_ctrl_d_duplicates_shows_the_copy_and_undo_redo_keep_its_id(qtbot: Any, ctx: AppContext, nav: Navigator) -> None:
    demo = ctx.journey_id
    row_of(nav, demo)  # type: ignore[arg-type]
    key(qtbot, nav, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    copy = ctx.journey_id
    assert copy != demo
    assert [(j.name, j.steps, j.status) for j in journeys(ctx)] == [(DEMO, 34, "as_is"), (f"{DEMO} (copy)", 34, "as_is")]
    assert ctx.undo_stack.count() == 1
    ctx.undo_stack.undo()
    assert [j.id for j in journeys(ctx)] == [demo] and ctx.journey_id == demo
    ctx.undo_stack.redo()
    assert [j.id for j in journeys(ctx)] == [demo, copy]


def test_copy_as_to_be_links_to_its_as_is_and_says_so(ctx: AppContext, nav: Navigator) -> None:
    demo = ctx.journey_id
    row_of(nav, demo)  # type: ignore[arg-type]
    nav.journey_actions["to_be"].trigger()
    copy = next(j for j in journeys(ctx) if j.id != demo)
    assert (copy.name, copy.status, copy.as_is_id) == (f"{DEMO} (to-be)", "to_be", demo)
    assert rows(nav)[1] == f"{DEMO} (to-be)  (34 steps · to-be of “{DEMO}”)"
    assert ctx.journey_id == copy.id and ctx.undo_stack.undoText() == "Copy journey as to-be"


def test_delete_asks_deletes_moves_the_map_and_undo_brings_it_back(qtbot: Any, ctx: AppContext, nav: Navigator,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    demo = ctx.journey_id
    nav.duplicate_journey()
    copy = ctx.journey_id
    asked: list[str] = []
    monkeypatch.setattr(dialogs, "confirm", lambda _p, _t, text: asked.append(text) or False)
    row_of(nav, copy)  # type: ignore[arg-type]
    key(qtbot, nav, Qt.Key.Key_Delete)
    assert len(journeys(ctx)) == 2 and "with its 6 stages and 34 steps" in asked[0]  # declined: nothing gone
    monkeypatch.setattr(dialogs, "confirm", lambda *_a: True)
    key(qtbot, nav, Qt.Key.Key_Delete)
    assert [j.id for j in journeys(ctx)] == [demo] and ctx.journey_id == demo  # the map moved off it first
    assert ctx.undo_stack.undoText() == f"Delete journey “{DEMO} (copy)”"
    ctx.undo_stack.undo()
    assert [(j.id, j.steps) for j in journeys(ctx)] == [(demo, 34), (copy, 34)] and ctx.journey_id == copy


def test_alt_up_and_down_reorder_the_journeys_as_one_undo_entry_each(qtbot: Any, ctx: AppContext, nav: Navigator) -> None:
    demo = ctx.journey_id
    nav.duplicate_journey()
    copy = ctx.journey_id
    row_of(nav, copy)  # type: ignore[arg-type]
    key(qtbot, nav, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert [j.id for j in journeys(ctx)] == [copy, demo]
    assert nav.tree.currentItem().data(0, ROLE_ID) == copy  # type: ignore[union-attr]
    assert not nav.move_journey(-1)  # already first
    ctx.undo_stack.undo()
    assert [j.id for j in journeys(ctx)] == [demo, copy]


def test_the_keys_reach_the_navigator_in_the_main_window_not_the_map(qtbot: Any, main_window: Any,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """F2 and Ctrl+D are also the window's keys (edit a card, link two): on a journey row they act on the journey."""
    nav: Navigator = main_window.navigator
    main_window.actions["edit"].setEnabled(True)  # as with a card selected on the map
    main_window.actions["add_dependency"].setEnabled(True)
    asked: list[str] = []
    monkeypatch.setattr(dialogs, "ask_text", lambda _p, title, *_a: asked.append(title) or None)
    row_of(nav, main_window.ctx.journey_id)
    QApplication.processEvents()
    key(qtbot, nav, Qt.Key.Key_F2)
    assert asked == ["Rename journey"]
    key(qtbot, nav, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert len(journeys(main_window.ctx)) == 2


def test_an_empty_journey_shows_how_to_grow_its_map(ctx: AppContext, nav: Navigator, monkeypatch: pytest.MonkeyPatch) -> None:
    assert nav.hint.isHidden()  # the demo has steps
    cid = nav.community_id()
    assert cid is not None
    jid = create_journey(ctx, cid, "Hiring", stages=())
    assert jid and ctx.journey_id == jid
    assert nav.hint.isVisible() and "add a stage first" in nav.hint_text.text()
    assert not nav.add_lane_button.isEnabled()
    monkeypatch.setattr(dialogs, "ask_text", lambda *_a, **_k: "Advertise")
    assert nav.add_stage()
    assert "only the “No owner” lane shows" in nav.hint_text.text() and nav.add_lane_button.isEnabled()
    hmrc = next(i for i, o in enumerate(nav.organisations) if o.short_name == "HMRC")
    monkeypatch.setattr(navigator_mod, "ask_item", lambda *_a: hmrc)
    monkeypatch.setattr(dialogs, "ask_text", lambda *_a, **_k: "Check the rules")
    step = nav.add_organisation_step()
    assert step and nav.hint.isHidden()
    from servicecommunity import services

    assert ctx.read(lambda s: services.get(s, "steps", step).owner_id) == nav.organisations[hmrc].id
    assert "Hiring  (1 step)" in rows(nav)
    ctx.undo_stack.undo()  # the step goes: the hint comes back
    assert nav.hint.isVisible()


def test_the_compare_dialog_shows_what_the_to_be_changed(qtbot: Any, ctx: AppContext, nav: Navigator) -> None:
    from sqlmodel import select

    from servicecommunity import services

    demo = ctx.journey_id
    row_of(nav, demo)  # type: ignore[arg-type]
    copy = nav.copy_as_to_be()
    assert copy is not None
    Step = services.ENTITIES["steps"]
    first = ctx.read(lambda s: s.scalars(select(Step).where(Step.journey_id == copy).order_by(Step.title)).first())
    ctx.run(services.delete, "steps", first.id)
    dialog = CompareDialog.for_journey(ctx, copy, nav)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.runner.wait()  # compared in a worker
    assert (dialog.before.currentData(), dialog.after.currentData()) == (demo, copy)
    assert dialog.comparison is not None and [s.title for s in dialog.comparison.removed] == [first.title]
    text = dialog.view.toPlainText()
    assert f"{DEMO} → {DEMO} (to-be)" in text and "Removed (1)" in text and first.title in text
    assert "34 → 33 (1 fewer)" in text
    dialog.swap()
    assert dialog.runner.wait()
    assert "Added (1)" in dialog.view.toPlainText()
    ctx.run(services.delete, "journeys", demo)  # the as-is gone while the dialog is open: the choices follow
    assert dialog.runner.wait()
    assert dialog.before.findData(demo) == -1 and dialog.after.findData(demo) == -1
    assert "Choose two different journeys" in dialog.view.toPlainText()
    ctx.undo_stack.clear()
    dialog.close()


def test_the_journey_menu_acts_on_the_journey_on_the_map(main_window: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    ctx = main_window.ctx
    menu = main_window.menus["journey"]
    texts = [a.text() for a in menu.actions() if not a.isSeparator()]
    assert texts == ["&New journey…", "&Rename…", "&Duplicate", "Copy as &to-be", "&Compare with…", "Move &up",
                     "Move do&wn", "De&lete…"]
    demo = ctx.journey_id
    main_window.navigator.tree.setCurrentItem(None)
    next(a for a in menu.actions() if a.text() == "Copy as &to-be").trigger()
    copy = ctx.journey_id
    assert [(j.id, j.as_is_id) for j in journeys(ctx)] == [(demo, None), (copy, demo)]
    monkeypatch.setattr(dialogs, "ask_text", lambda *_a, **_k: "Joined up")
    next(a for a in menu.actions() if a.text() == "&Rename…").trigger()
    assert {j.id: j.name for j in journeys(ctx)} == {demo: DEMO, copy: "Joined up"}  # the copy, on the map, renamed
