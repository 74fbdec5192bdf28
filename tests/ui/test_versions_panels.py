"""Two windows on one workspace, the panels' edits: renaming an organisation (people panel) or a
journey (navigator) that someone else renamed since the window read it is refused, their name shown
(the status bar and a notice that is not modal, as on the map) and the panel reads it again; nothing
overwritten, nothing on the undo stack.

Run on one SQLite file opened twice and, with a server, on a team workspace (PostgreSQL; the
``pg_databases`` fixture skips, saying why, when there is none: run with
``python scripts/pg_cluster.py run -- pytest tests/ui/test_versions_panels.py``).
"""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtWidgets import QMessageBox

from servicecommunity import services
from servicecommunity.store.workspace import open_store


def _open_two(shared_workspace: str, open_windows: list[Any]) -> tuple[Any, Any]:
    from ui.mainwindow import open_window

    a, b = open_window(shared_workspace), open_window(shared_workspace)
    assert a is not None and b is not None
    open_windows.extend([a, b])
    a.ctx.stop_listening()  # window A has not heard of B's change yet (a team workspace tells within a second)
    return a, b


def _stored(where: str, section: str, record_id: str) -> Any:
    with open_store(where) as store, store.session() as session:
        return services.get(session, section, record_id).name


def _refused_with(window: Any, text: str) -> None:
    notice = window.editor.notice
    assert isinstance(notice, QMessageBox) and notice.isVisible() and not notice.isModal()
    assert text in notice.text()
    assert text in window.status_bar.currentMessage()


def test_renaming_an_organisation_someone_else_renamed_is_refused(
        qtbot: Any, shared_workspace: str, open_windows: list[Any], monkeypatch: pytest.MonkeyPatch) -> None:
    from ui.panels.people import OrganisationForm, PeopleDialog

    a, b = _open_two(shared_workspace, open_windows)
    people_a, people_b = PeopleDialog(a.ctx, a).people, PeopleDialog(b.ctx, b).people
    row = people_a.organisations.model.rows()[0]

    def rename(name: str) -> None:
        monkeypatch.setattr(OrganisationForm, "ask", lambda _p, initial=None, _t="": {**initial, "name": name})

    rename("Renamed in window B")
    assert people_b.edit_organisation(row.id)
    assert _stored(shared_workspace, "organisations", row.id) == "Renamed in window B"

    entries = a.ctx.undo_stack.count()
    rename("Renamed in window A")
    assert not people_a.edit_organisation(row.id)
    assert _stored(shared_workspace, "organisations", row.id) == "Renamed in window B"
    assert a.ctx.undo_stack.count() == entries
    _refused_with(a, "Renamed in window B")
    assert people_a._row(people_a.organisations, row.id).name == "Renamed in window B"  # the panel read it again

    # based on what it now shows, A's rename goes through, and undo gives B's name back
    a.editor.notice.close()
    assert people_a.edit_organisation(row.id)
    assert _stored(shared_workspace, "organisations", row.id) == "Renamed in window A"
    a.ctx.undo_stack.undo()
    assert _stored(shared_workspace, "organisations", row.id) == "Renamed in window B"


def test_editing_a_member_someone_else_changed_is_refused(
        qtbot: Any, shared_workspace: str, open_windows: list[Any], monkeypatch: pytest.MonkeyPatch) -> None:
    from ui.panels.people import MemberForm, PeopleDialog

    a, b = _open_two(shared_workspace, open_windows)
    people_a, people_b = PeopleDialog(a.ctx, a).people, PeopleDialog(b.ctx, b).people
    row = people_a.members.model.rows()[0]

    def rename(name: str) -> None:
        monkeypatch.setattr(MemberForm, "ask", lambda _p, _o, _g, initial=None, _t="": {**initial, "name": name})

    rename("Renamed in window B")
    assert people_b.edit_member(row.id)
    rename("Renamed in window A")
    entries = a.ctx.undo_stack.count()
    assert not people_a.edit_member(row.id)
    assert _stored(shared_workspace, "members", row.id) == "Renamed in window B"
    assert a.ctx.undo_stack.count() == entries
    _refused_with(a, "Renamed in window B")


def test_renaming_a_journey_someone_else_renamed_is_refused(
        qtbot: Any, shared_workspace: str, open_windows: list[Any], monkeypatch: pytest.MonkeyPatch) -> None:
    from ui import dialogs

    a, b = _open_two(shared_workspace, open_windows)
    journey_id = a.ctx.journey_id
    assert journey_id and b.ctx.journey_id == journey_id

    monkeypatch.setattr(dialogs, "ask_text", lambda *_a, **_k: "Renamed in window B")
    assert b.navigator.rename_journey()
    assert _stored(shared_workspace, "journeys", journey_id) == "Renamed in window B"

    entries = a.ctx.undo_stack.count()
    monkeypatch.setattr(dialogs, "ask_text", lambda *_a, **_k: "Renamed in window A")
    assert not a.navigator.rename_journey()
    assert _stored(shared_workspace, "journeys", journey_id) == "Renamed in window B"
    assert a.ctx.undo_stack.count() == entries
    _refused_with(a, "Renamed in window B")
    assert a.navigator.entries[journey_id].name == "Renamed in window B"  # the navigator read it again

    a.editor.notice.close()
    assert a.navigator.rename_journey()
    assert _stored(shared_workspace, "journeys", journey_id) == "Renamed in window A"
    a.ctx.undo_stack.undo()
    assert _stored(shared_workspace, "journeys", journey_id) == "Renamed in window B"


def test_moving_a_journey_after_someone_else_reordered_them_is_refused(
        qtbot: Any, shared_workspace: str, open_windows: list[Any], monkeypatch: pytest.MonkeyPatch) -> None:
    from servicecommunity.services.queries import navigator as navigator_queries
    from ui import dialogs

    a, b = _open_two(shared_workspace, open_windows)
    for name in ("A second journey", "A third journey"):  # three journeys, so two orders can differ
        monkeypatch.setattr(dialogs, "ask_text", lambda *_a, name=name, **_k: name)
        assert b.navigator.new_journey()
    a.navigator.reload()  # A reads them all (A has not heard of what follows)
    one, two, three = list(a.navigator.entries)[-3:]

    def order() -> list[str]:
        with open_store(shared_workspace) as store, store.session() as session:
            return [j.id for j in navigator_queries.tree(session, None).journeys][-3:]

    assert order() == [one, two, three]
    b.navigator._select(three)
    assert b.navigator.move_journey(-1)
    assert order() == [one, three, two]

    # A, still showing [one, two, three], moves two up: that would put three back after two
    a.navigator._select(two)
    entries = a.ctx.undo_stack.count()
    assert not a.navigator.move_journey(-1)
    assert order() == [one, three, two]
    assert a.ctx.undo_stack.count() == entries
    assert a.editor.notice is not None and a.editor.notice.isVisible()
    assert "A third journey" in a.editor.notice.text() and "A third journey" in a.status_bar.currentMessage()
    assert list(a.navigator.entries)[-3:] == [one, three, two]  # the navigator read the order again

    # based on the order it now shows, A's move goes through; its undo puts B's order back
    a.editor.notice.close()
    a.navigator._select(two)
    assert a.navigator.move_journey(-1)
    assert order() == [one, two, three]
    a.ctx.undo_stack.undo()
    assert order() == [one, three, two]
