"""The conflict review: two members' real conflicts shown in words, chosen with the keyboard, settled.

Two workspaces made as members make them (tests/core/members.py): A made the demo, B started from A's
bundle; then A and B each retitle one step and change one blocker's status differently, and swap.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QDialogButtonBox, QRadioButton
from sqlalchemy import select

from servicecommunity import services
from servicecommunity.domain.models import Blocker, Organisation, Step
from servicecommunity.domain.models import Member as MemberRecord
from servicecommunity.exchange import merge, sync
from servicecommunity.exchange.demo import load_demo
from servicecommunity.exchange.merge import Conflict, Side
from tests.core.members import Member
from ui.context import AppContext
from ui.dialogs import conflicts
from ui.dialogs.conflicts import ConflictDialog

LOAN = "Apply for a Start Up Loan"


class Pair:
    """A and B with a step and a blocker each changed differently, bundles swapped."""

    def __init__(self, tmp_path: Path) -> None:
        self.a, self.b = Member(tmp_path / "a.sqlite"), Member(tmp_path / "b.sqlite")
        load_demo(self.a.store)
        self.b.receive(self.a.send())
        with self.a.session() as session:
            self.step = str(session.scalars(select(Step.id).where(Step.title == LOAN)).one())
            self.blocker = str(session.scalars(select(Blocker.id).order_by(Blocker.title)).first())
            self.aisha, self.bethan = session.scalars(select(MemberRecord.id).order_by(MemberRecord.name)).all()[:2]
            owner = session.get(Step, self.step).owner_id
            self.orgs = session.scalars(select(Organisation.id).where(Organisation.id != owner)
                                        .order_by(Organisation.name)).all()[:2]
            sync.set_own_member(session, self.aisha)
        with self.b.session() as session:
            sync.set_own_member(session, self.bethan)

    def clash(self) -> None:
        self.a.update("steps", self.step, title=f"{LOAN} online")
        self.b.update("steps", self.step, title="Apply for a British Business Bank loan")
        with self.a.session() as session:
            services.change_blocker_status(session, self.blocker, status="resolved")
        with self.b.session() as session:
            services.change_blocker_status(session, self.blocker, status="in_progress")
        self.swap()

    def swap(self) -> None:
        to_b, to_a = self.a.send(), self.b.send()
        self.b.receive(to_b)
        self.a.receive(to_a)


@pytest.fixture
def pair(tmp_path: Path) -> Iterator[Pair]:
    made = Pair(tmp_path)
    yield made
    made.a.close()
    made.b.close()


@pytest.fixture
def actx(pair: Pair) -> Iterator[AppContext]:
    """The app on A's workspace, A having chosen who they are."""
    context = AppContext(pair.a.store)
    context.set_member(pair.aisha)
    yield context
    context.undo_stack.clear()
    context.deleteLater()


def dialog_for(qtbot: Any, ctx: AppContext) -> ConflictDialog:
    found, labels = conflicts.pending(ctx)
    dialog = ConflictDialog(found, labels)
    qtbot.addWidget(dialog)
    return dialog


def row_of(dialog: ConflictDialog, field: str) -> int:
    return next(i for i, c in enumerate(dialog.conflicts) if c.field == field)


def visible_radios(dialog: ConflictDialog) -> list[QRadioButton]:
    return [r for r in dialog.radios if not r.isHidden()]


# --- what the dialog says --------------------------------------------------------------------------


def test_each_conflict_shows_the_record_the_field_both_values_who_and_when(qtbot: Any, pair: Pair, actx: AppContext) -> None:
    pair.clash()
    dialog = dialog_for(qtbot, actx)
    assert dialog.list.rowCount() == 2
    rows = [dialog.list.item(r, 0).text().split("\n") for r in range(2)]
    assert [kind for _title, kind in rows] == ["Step · Title", "Blocker · Status"]
    assert rows[1][0].startswith("Contract for the Start Up Loans")

    dialog.list.setCurrentCell(row_of(dialog, "status"), 0)
    assert dialog.title.text().startswith("Blocker: ")
    assert dialog.field.text().startswith("Status — changed on two laptops")
    # yours on the left, theirs on the right, in the words the inspector uses (not "in_progress")
    assert [c.text() for c in dialog.captions] == ["Yours — Aisha Rahman", "Theirs — Bethan Hughes"]
    assert [v.text() for v in dialog.values] == ["Resolved", "In progress"]
    stamps = [t.text() for t in dialog.times]
    assert all(s.startswith("Changed ") and "time unknown" not in s for s in stamps)
    assert sum("Shown now on every laptop" in s for s in stamps) == 1
    status = dialog.conflicts[row_of(dialog, "status")]
    assert conflicts.when(status.shown.at) in " ".join(stamps)
    # a status is no text to join: yours, theirs, later; and the recommendation is marked
    texts = [r.text() for r in visible_radios(dialog)]
    assert texts[:2] == [t for t in texts[:2] if t.startswith(("Keep &yours", "Keep &theirs, from Bethan Hughes"))]
    assert texts[-1] == "Decide &later" and len(texts) == 3
    assert sum("(recommended)" in t for t in texts) == 1
    assert dialog.why.text().startswith("<b>Recommended: ")
    # what happens for the other member, in one sentence
    shown = conflicts.value_text(status, status.shown.value, dialog.labels)
    assert dialog.effect.text().startswith(f"Your choice goes to everyone in your next bundle; until then they see “{shown}”")


def test_keep_both_joins_two_texts_and_is_offered_for_text_only(qtbot: Any, pair: Pair, actx: AppContext) -> None:
    pair.clash()
    dialog = dialog_for(qtbot, actx)
    title = dialog.conflicts[row_of(dialog, "title")]
    status = dialog.conflicts[row_of(dialog, "status")]
    assert "both" in conflicts.options(title) and "both" not in conflicts.options(status)
    dialog.choose(title.key, "both")
    dialog.choose(status.key, "later")
    assert dialog.decisions() == {title.key: ("value", f"{LOAN} online — or — Apply for a British Business Bank loan")}
    assert "Then everyone sees both texts as one" in dialog.effect.text()
    assert dialog.apply_button.text() == "&Settle 1 as chosen"
    dialog.choose(title.key, "later")
    assert dialog.decisions() == {} and dialog.apply_button.text() == "&Settle none now"
    assert dialog.list.item(row_of(dialog, "status"), 1).text() == "Later"


def test_long_text_is_joined_on_lines_of_its_own() -> None:
    text = Conflict("steps", "s1", "A step", "pain_points", "pain points",
                    Side("Slow", "Aisha", "2026-03-01T10:00:00Z", True), Side("Costly", "Bethan", "", False), "")
    assert conflicts.both_text(text) == "Slow\n\n— or —\n\nCostly"


def test_the_recommendation_is_the_later_change_or_keeping_a_record() -> None:
    def titled(shown_at: str, other_at: str) -> Conflict:
        return Conflict("steps", "s1", "A step", "title", "title", Side("A", "Aisha", shown_at, True),
                        Side("B", "Bethan", other_at, False), "")

    assert conflicts.recommended(titled("2026-03-01T10:00:00Z", "2026-03-01T11:00:00Z"))[0] == "other"
    assert conflicts.recommended(titled("2026-03-02T10:00:00Z", "2026-03-01T11:00:00Z"))[0] == "shown"
    assert conflicts.recommended(titled("2026-03-01T10:00:00Z", "2026-03-01T10:00:20Z"))[0] == "shown"  # same minute
    assert conflicts.recommended(titled("", "2026-03-01T10:00:00Z"))[0] == "shown"  # a time unknown
    deleted = Conflict("steps", "s1", "A step", "_alive", "deleted or kept", Side(True, "kept for now", "", True),
                       Side(False, "Bethan", "2026-03-01T10:00:00Z", False), "deleted by Bethan")
    assert conflicts.recommended(deleted)[0] == "keep"
    assert conflicts.options(deleted) == ["keep", "delete", "later"]


def test_ids_are_shown_as_names(qtbot: Any, pair: Pair, actx: AppContext) -> None:
    pair.a.update("steps", pair.step, owner_id=pair.orgs[0])
    pair.b.update("steps", pair.step, owner_id=pair.orgs[1])
    pair.swap()
    dialog = dialog_for(qtbot, actx)
    (owner,) = dialog.conflicts
    assert owner.field == "owner_id" and dialog.list.item(0, 0).text().endswith("\nStep · Owner")
    with pair.a.session() as session:
        names = {session.get(Organisation, o).name for o in pair.orgs}
    assert {v.text() for v in dialog.values} == names
    assert "both" not in conflicts.options(owner)  # an organisation is no text to join


# --- the keyboard ----------------------------------------------------------------------------------


def test_every_choice_is_reachable_with_the_keyboard(qtbot: Any, pair: Pair, actx: AppContext) -> None:
    pair.clash()
    dialog = dialog_for(qtbot, actx)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    dialog.list.setFocus()
    qtbot.waitUntil(dialog.list.hasFocus)
    qtbot.keyClick(dialog.list, Qt.Key.Key_Down)  # the next conflict
    conflict = dialog.conflicts[-1]
    assert dialog.title.text() == conflicts.kind_and_title(conflict)

    qtbot.keyClick(dialog.list, Qt.Key.Key_Tab)  # into the choices, on the one chosen
    radio = dialog.focusWidget()
    assert isinstance(radio, QRadioButton) and radio.isChecked()
    for _ in range(len(visible_radios(dialog))):  # the arrow keys move the choice
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Down)
    assert dialog.choices[conflict.key] != conflicts.recommended(conflict)[0]
    dialog.choose(conflict.key, conflicts.recommended(conflict)[0])
    # a mnemonic clicks its button (a short animated click, hence the wait)
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_L, Qt.KeyboardModifier.AltModifier)  # Decide &later
    qtbot.waitUntil(lambda: dialog.choices[conflict.key] == "later", timeout=2000)
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_R, Qt.KeyboardModifier.AltModifier)  # Use &recommended for all
    qtbot.waitUntil(lambda: dialog.choices == {c.key: conflicts.recommended(c)[0] for c in dialog.conflicts},
                    timeout=2000)

    # every control has a name for a screen reader, and no two visible ones share a mnemonic
    buttons = [b for b in dialog.findChildren(QAbstractButton) if b.isVisible()]
    assert dialog.list.accessibleName() == "Conflicts to settle"
    letters = [b.text().split("&", 1)[1][0].lower() for b in buttons if "&" in b.text()]
    assert len(letters) == len(buttons) and len(set(letters)) == len(letters), [b.text() for b in buttons]
    assert all(r.accessibleName() and r.accessibleDescription() for r in visible_radios(dialog))
    assert dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel).text() == "&Close: decide all later"
    dialog.close()


# --- settling ---------------------------------------------------------------------------------------


def test_settling_changes_the_workspace_announces_it_and_travels(qtbot: Any, pair: Pair, actx: AppContext) -> None:
    pair.clash()
    found, _labels = conflicts.pending(actx)
    title = next(c for c in found if c.field == "title")
    status = next(c for c in found if c.field == "status")
    theirs = "other" if status.other.who == "Bethan Hughes" else "shown"
    both = conflicts.both_text(title)
    with qtbot.waitSignal(actx.changed, timeout=5000) as signal:
        settled, problems = conflicts.settle(actx, found, {title.key: ("value", both), status.key: (theirs, None)})
    assert (settled, problems) == (2, [])
    assert signal.args[0].touches("steps") and signal.args[0].touches("blockers")
    assert pair.a.get("steps", pair.step)["title"] == both  # type: ignore[index]
    assert pair.a.get("blockers", pair.blocker)["status"] == "in_progress"  # type: ignore[index]
    assert pair.a.conflicts() == []
    pair.b.receive(pair.a.send())  # the choice travels: B has it, with nothing left to settle
    assert pair.b.conflicts() == []
    assert pair.b.get("steps", pair.step)["title"] == both  # type: ignore[index]


def test_a_conflict_settled_meanwhile_is_reported_not_forced(pair: Pair, actx: AppContext) -> None:
    pair.clash()
    found, _labels = conflicts.pending(actx)
    title = next(c for c in found if c.field == "title")
    with pair.a.session() as session:
        merge.resolve_conflict(session, title.id, title.field, keep="shown")
    settled, problems = conflicts.settle(actx, found, {title.key: ("other", None)})
    assert settled == 0 and len(problems) == 1 and "no pending conflict" in problems[0]


def test_a_record_deleted_while_changed_can_be_kept(qtbot: Any, pair: Pair, actx: AppContext) -> None:
    pair.a.update("steps", pair.step, pain_points="The letter takes ten days")
    pair.b.delete("steps", pair.step)
    pair.swap()
    dialog = dialog_for(qtbot, actx)
    (kept,) = dialog.conflicts
    assert kept.field == "_alive" and dialog.list.item(0, 0).text().endswith("\nStep · Deleted or kept")
    assert [r.text() for r in visible_radios(dialog)] == [
        "&Keep the step (recommended)", "&Delete the step for everyone", "Decide &later"]
    assert dialog.captions[1].text() == "Deleted by Bethan Hughes"
    assert "stays on every laptop" in dialog.effect.text()
    settled, _ = conflicts.settle(actx, dialog.conflicts, dialog.decisions())
    assert settled == 1 and pair.a.conflicts() == [] and pair.a.get("steps", pair.step) is not None


def test_review_pending_opens_over_what_waits_and_settles_it(pair: Pair, actx: AppContext,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    pair.clash()
    asked: list[list[Conflict]] = []

    def choose(_parent: Any, found: list[Conflict], labels: Any = None, **_kw: Any) -> dict[str, Any]:
        asked.append(found)
        title = next(c for c in found if c.field == "title")
        return {title.key: ("shown", None)}

    monkeypatch.setattr(ConflictDialog, "ask", choose)
    assert conflicts.review_pending(None, actx) is True
    assert len(asked[0]) == 2
    assert [c.field for c in pair.a.conflicts()] == ["status"]  # the other one is left for later


# --- who am I ---------------------------------------------------------------------------------------


def test_choosing_who_i_am_puts_my_name_on_the_bundles(pair: Pair, actx: AppContext) -> None:
    actx.set_member(pair.bethan)
    with pair.a.session() as session:
        assert sync.own_label(session) == "Bethan Hughes"
    actx.set_member(None)
    with pair.a.session() as session:
        assert sync.own_label(session) is None


# --- the main window ----------------------------------------------------------------------------------


def test_the_window_counts_pending_conflicts_and_opens_the_review(
    qtbot: Any, pair: Pair, actx: AppContext, make_window: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    pair.clash()
    from servicecommunity.exchange.bundle import journey_by_name

    actx.set_journey(actx.read(lambda s: journey_by_name(s, "Starting a Business")).id)
    window = make_window(actx)
    assert window.conflicts_status.isVisible() and "2 conflicts to settle" in window.conflicts_status.text()
    action = window.actions["conflicts"]
    assert action in window.menus["community"].actions() and action.text() == "Con&flicts…"
    monkeypatch.setattr(ConflictDialog, "ask", lambda _p, found, *_a, **_k: {c.key: ("shown", None) for c in found})
    action.trigger()
    assert pair.a.conflicts() == []
    assert not window.conflicts_status.isVisible()


def test_join_duplicates_is_one_undoable_step_from_the_community_menu(
    qtbot: Any, main_window: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sqlalchemy import select

    from servicecommunity import services
    from servicecommunity.domain.models import Organisation, Step
    from ui import dialogs

    window = main_window
    ctx = window.ctx
    kept_id, step_id, community = ctx.read(lambda s: (
        s.scalars(select(Organisation.id).where(Organisation.name == "Companies House")).one(),
        s.scalars(select(Step.id).order_by(Step.title)).first(),
        s.scalars(select(Organisation.community_id)).first()))
    copy = ctx.run(services.create, "organisations", data={"community_id": community, "name": "companies house"}).id
    ctx.run(services.update, "steps", step_id, data={"owner_id": copy})
    offered: list[list[str]] = []
    monkeypatch.setattr(dialogs, "choose_duplicates", lambda _p, words: offered.append(list(words)) or 0)
    action = window.actions["join_duplicates"]
    assert action in window.menus["community"].actions()
    action.trigger()
    assert offered == [["Organisation: companies house"]]
    owner = lambda: ctx.read(lambda s: s.get(Step, step_id).owner_id)  # noqa: E731
    assert owner() == kept_id and ctx.read(lambda s: s.get(Organisation, copy)) is None
    ctx.undo_stack.undo()
    assert owner() == copy and ctx.read(lambda s: s.get(Organisation, copy)) is not None
    ctx.undo_stack.redo()
    assert owner() == kept_id
