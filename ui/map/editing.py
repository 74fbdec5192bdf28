"""Editing a journey map: each gesture becomes one undoable command (or one macro) on the stack.

:class:`MapEditor` is what the canvas, the inspector and the window's menus call. It turns a
gesture into :mod:`ui.commands` pushed on ``ctx.undo_stack``: one entry per gesture, a macro when
a gesture changes several records (moving three cards, deleting a selection). Each command calls
the service layer at once, so what is on screen is already in the workspace file.

A refused change (the core's ``ServiceCommunityError``) pushes nothing and is reported through
:attr:`MapEditor.error` (the window shows it); the method returns ``None``. An edit of a record
someone else changed since the window read it (several people on one team workspace) is refused by
the core (``ConflictError``: each edit passes the version the window read, ``expected``, and the
values it replaces, ``base``): that is said through :attr:`MapEditor.conflict` (the status bar) and a
notice that is not modal, naming the fresh value and offering to apply the edit again on top of it;
the views read the record again, and the undo stack is left as it was. A macro refused halfway
is taken back and leaves no entry. An undo or redo of this workspace that fails is reported through
the same signal (:func:`ui.commands.failures`).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QApplication, QMessageBox

from servicecommunity.analysis.layout import MapData, MapStep
from servicecommunity.domain.errors import ConflictError, NotFoundError, ServiceCommunityError
from servicecommunity.services import Changes
from ui import commands
from ui.context import AppContext
from ui.i18n import translate


@dataclass(frozen=True)
class Move:
    """Where a step goes: its stage, its place among the stage's steps, and (maybe) a new owner."""

    step_id: str
    stage_id: str
    position: int | None
    owner_id: str | None
    change_owner: bool


class MapEditor(QObject):
    """The map's editing operations, each one undo entry. Emits ``error(str)`` when refused."""

    error = Signal(str)
    #: an edit refused because someone else changed the record since it was read (a sentence)
    conflict = Signal(str)

    def __init__(self, ctx: AppContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.notice: QMessageBox | None = None  # the last conflict's notice, while it is open
        commands.failures().failed.connect(self._on_command_failed)

    def _on_command_failed(self, stack: object, sentence: str) -> None:
        if stack is self.ctx.undo_stack:
            self.error.emit(sentence)

    # --- plumbing -------------------------------------------------------------------------------

    def _push(self, command: commands.BaseCommand) -> Any:
        try:
            return commands.push(self.ctx, command)
        except ConflictError as exc:
            self.report_conflict(exc, command)
            return None
        except ServiceCommunityError as exc:
            self.error.emit(str(exc))
            return None

    def report_conflict(self, exc: ConflictError, command: commands.BaseCommand | None = None) -> None:
        """Someone else changed the record first: say so, show their value, offer to go on top of it."""
        from servicecommunity.services.queries import workspace as workspace_queries

        try:
            who = self.ctx.read(lambda s: workspace_queries.last_changed_by(s, exc.record_id))
        except ServiceCommunityError:
            who = None
        won = self.tr("{0}'s change won.").format(who) if who else self.tr("Someone else's change won.")
        sentence = f"{won} {exc}"
        self.conflict.emit(sentence)
        # the views (and the versions the window holds) read the record again, so theirs shows
        self.ctx.announce(Changes.of([exc.section], [exc.record_id]))
        if self.notice is not None:
            self.notice.close()
        notice = QMessageBox(QMessageBox.Icon.Information, self.tr("Someone else changed it first"), sentence,
                             QMessageBox.StandardButton.NoButton, QApplication.activeWindow())
        notice.setWindowModality(Qt.WindowModality.NonModal)
        notice.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        again = None
        retry = command.again(exc.fresh) if command is not None and not isinstance(command, commands.UpdateCommand) \
            else None  # a delete, a blocker's status: the same, from the fresh version
        if isinstance(command, commands.UpdateCommand) and exc.fresh.get("updated_at") is not None:
            again = notice.addButton(self.tr("Apply mine again"), QMessageBox.ButtonRole.AcceptRole)
            again.setToolTip(self.tr("Make your change again, on top of theirs"))
            again.clicked.connect(lambda: self._apply_again(command, exc.fresh))
        elif retry is not None:
            again = notice.addButton(self.tr("Apply mine again"), QMessageBox.ButtonRole.AcceptRole)
            again.setToolTip(self.tr("Make your change again, now that you have seen theirs"))
            again.clicked.connect(lambda: self._push(retry))
        notice.addButton(self.tr("Keep theirs"), QMessageBox.ButtonRole.RejectRole)
        notice.destroyed.connect(lambda: setattr(self, "notice", None) if self.notice is notice else None)
        self.notice = notice
        notice.show()

    def _apply_again(self, command: commands.UpdateCommand, fresh: Mapping[str, Any]) -> bool:
        """The refused edit once more, based on the fresh version and values (refused again if they moved on)."""
        old = {key: fresh.get(key) for key in command.new}
        again = commands.UpdateCommand(self.ctx, command.section, command.record_id, command.new, old,
                                       text=command.text(), expected=fresh["updated_at"])
        return self._push(again) is not None

    @contextmanager
    def macro(self, text: str) -> Iterator[None]:
        """Group the commands pushed inside into one undo entry (for panels that edit several records)."""
        stack = self.ctx.undo_stack
        stack.beginMacro(text)
        try:
            yield
        finally:
            stack.endMacro()

    def _run_all(self, text: str, makers: Sequence[Callable[[], commands.BaseCommand]]) -> list[Any]:
        """Push several commands as one macro; if one is refused, undo those already done."""
        if not makers:
            return []
        if len(makers) == 1:
            value = self._push(makers[0]())
            return [] if value is None else [value]
        stack = self.ctx.undo_stack
        stack.beginMacro(text)
        values = []
        failed = None
        conflict: ConflictError | None = None
        for make in makers:
            try:
                values.append(commands.push(self.ctx, make()))
            except ServiceCommunityError as exc:
                failed = str(exc)
                conflict = exc if isinstance(exc, ConflictError) else None
                break
        stack.endMacro()
        if failed is not None:
            commands.discard_last(stack)  # take the partial macro back, leaving nothing to redo
            if conflict is not None:
                self.report_conflict(conflict, None)
            else:
                self.error.emit(failed)
            return []
        return values

    # --- steps ----------------------------------------------------------------------------------

    def add_step(
        self, journey_id: str, stage_id: str, title: str, *, owner_id: str | None = None,
        position: int | None = None, **fields: Any,
    ) -> str | None:
        """Add a step in a stage (and lane); returns its id."""
        data = {"journey_id": journey_id, "stage_id": stage_id, "title": title, "owner_id": owner_id, **fields}
        if position is not None:
            data["position"] = position
        return self._push(commands.CreateCommand(self.ctx, "steps", data, text=translate("MapEditor", "Add step “{0}”").format(_short(title))))  # type: ignore[no-any-return]

    def update_step(self, step_id: str, new: Mapping[str, Any], old: Mapping[str, Any], *,
                    text: str | None = None, merge_key: str | None = None) -> bool:
        return self.update("steps", step_id, new, old, text=text, merge_key=merge_key)

    def update(self, section: str, record_id: str, new: Mapping[str, Any], old: Mapping[str, Any], *,
               text: str | None = None, merge_key: str | None = None, expected: Any = None) -> bool:
        """Change some fields of one record (one undo entry; merged with the last if ``merge_key`` matches).

        ``old``: the values the window showed; ``expected``: the record's version when it showed it
        (for a stage or step of the map, the one the window read with the map when not given)."""
        if all(old.get(k) == v for k, v in new.items()) and set(new) <= set(old):
            return True  # nothing to change: no undo entry
        command = commands.UpdateCommand(self.ctx, section, record_id, new, old, text=text, merge_key=merge_key,
                                         expected=expected if expected is not None else self.ctx.seen_version(record_id))
        return self._push(command) is not None

    def update_many(self, section: str, edits: Sequence[tuple[str, Mapping[str, Any], Mapping[str, Any]]],
                    text: str) -> bool:
        """The same kind of edit on several records, as one macro."""
        edits = [e for e in edits if not all(e[2].get(k) == v for k, v in e[1].items())]
        makers = [
            (lambda rid=rid, new=new, old=old: commands.UpdateCommand(
                self.ctx, section, rid, new, old, expected=self.ctx.seen_version(rid)))
            for rid, new, old in edits
        ]
        return bool(self._run_all(text, makers)) or not edits

    def move_steps(self, moves: Sequence[Move], data: MapData) -> bool:
        """Move cards (drag and drop, or the keyboard): one entry, merged with the last move of that card.

        Where each card was is read just before it moves, so that undoing a macro (last move first)
        puts every card back in its own place.
        """
        by_id = {s.id: s for s in data.steps}
        makers = []
        text = translate("MapEditor", "Move step") if len(moves) == 1 else translate("MapEditor", "Move {0} steps").format(len(moves))
        for move in moves:
            step = by_id.get(move.step_id)
            if step is None:
                continue
            owner_changes = move.change_owner and move.owner_id != step.owner_id
            if move.stage_id == step.stage_id and not owner_changes and (
                move.position is None or move.position == _index_in_stage(data, step)
            ):
                continue  # dropped where it was
            makers.append(lambda move=move, step=step: self._move_command(move, text, step))
        if not makers:
            return False
        return bool(self._run_all(text, makers))

    def _move_command(self, move: Move, text: str, shown: MapStep) -> commands.MoveStepCommand:
        old = self.ctx.read(lambda session: _place_of(session, move.step_id))
        new: dict[str, Any] = {"stage_id": move.stage_id, "position": move.position}
        if move.change_owner and move.owner_id != old["owner_id"]:
            new["owner_id"] = move.owner_id
        else:
            old.pop("owner_id")
        return commands.MoveStepCommand(self.ctx, move.step_id, new=new, old=old, text=text,
                                        expected=self.ctx.seen_version(move.step_id),
                                        shown={"stage_id": shown.stage_id, "owner_id": shown.owner_id})

    # --- dependencies ---------------------------------------------------------------------------

    def add_dependency(self, from_step_id: str, to_step_id: str, kind: str = "sequence", **fields: Any) -> str | None:
        if from_step_id == to_step_id:
            self.error.emit(translate("MapEditor", "A step cannot depend on itself; drag to another card."))
            return None
        data = {"from_step_id": from_step_id, "to_step_id": to_step_id, "kind": kind, **fields}
        return self._push(commands.CreateCommand(self.ctx, "dependencies", data, text=translate("MapEditor", "Add dependency")))  # type: ignore[no-any-return]

    # --- stages ---------------------------------------------------------------------------------

    def add_stage(self, journey_id: str, name: str, position: int | None = None) -> str | None:
        data: dict[str, Any] = {"journey_id": journey_id, "name": name}
        if position is not None:
            data["position"] = position
        return self._push(commands.CreateCommand(self.ctx, "stages", data, text=translate("MapEditor", "Add stage “{0}”").format(_short(name))))  # type: ignore[no-any-return]

    def rename_stage(self, stage_id: str, name: str, old: str) -> bool:
        return self.update("stages", stage_id, {"name": name}, {"name": old}, text=translate("MapEditor", "Rename stage"))

    def reorder_stages(self, journey_id: str, new: list[str], old: list[str]) -> bool:
        if new == old:
            return False
        return self._push(commands.ReorderStagesCommand(self.ctx, journey_id, new, old)) is not None

    def move_stage(self, data: MapData, stage_id: str, delta: int) -> bool:
        """Move a stage ``delta`` places earlier (negative) or later."""
        order = [sid for sid, _ in data.stages]
        if stage_id not in order:
            return False
        i = order.index(stage_id)
        j = max(0, min(len(order) - 1, i + delta))
        if i == j:
            return False
        new = list(order)
        new.insert(j, new.pop(i))
        return self.reorder_stages(data.journey_id, new, order)

    # --- deleting -------------------------------------------------------------------------------

    def delete(self, *, step_ids: Iterable[str] = (), dependency_ids: Iterable[str] = (),
               stage_ids: Iterable[str] = (), shown: Mapping[str, Mapping[str, Any]] | None = None,
               seen: Mapping[str, Iterable[str]] | None = None) -> bool:
        """Delete records (and what they own) as one undo entry.

        ``shown``: the values (with the version, ``updated_at``) a panel showed of some of them, by
        id, so that a refusal (someone else changed one since) names what changed. ``seen``: by id
        of a stage or step, the ids of what its deletion takes as read when the person was asked;
        for the others it is read now, so that a record added since (a note on the step) is refused."""
        step_ids, stage_ids = list(step_ids), list(stage_ids)
        # a dependency goes with its steps anyway; deleting it first would fail the second delete
        deps = list(dependency_ids)
        makers: list[Callable[[], commands.BaseCommand]] = []
        for section, ids in (("dependencies", deps), ("steps", step_ids), ("stages", stage_ids)):
            for rid in ids:  # each checked against the version the window read (or showed: ``shown``)
                values = (shown or {}).get(rid)
                reach = (seen or {}).get(rid) if rid in (seen or {}) else commands.read_reach(self.ctx, section, rid)
                makers.append(functools.partial(
                    commands.DeleteCommand, self.ctx, section, rid, base=values, seen=reach,
                    expected=(values or {}).get("updated_at") or self.ctx.seen_version(rid)))
        count = len(makers)
        if not count:
            return False
        text = _delete_text(len(step_ids), len(deps), len(stage_ids))
        if count == 1:
            return self._push(makers[0]()) is not None
        # Later deletions may already be gone with earlier ones (a dependency of a deleted step):
        # run each only if its record still exists.
        stack = self.ctx.undo_stack
        stack.beginMacro(text)
        failed = None
        conflict: ConflictError | None = None
        done = 0
        for make in makers:
            command = make()
            try:
                commands.push(self.ctx, command)
                done += 1
            except NotFoundError:
                continue  # gone already, with a record deleted before it
            except ServiceCommunityError as exc:
                failed = str(exc)
                conflict = exc if isinstance(exc, ConflictError) else None
                break
        stack.endMacro()
        if failed is not None or not done:
            commands.discard_last(stack)  # the part done, or an empty entry: nothing to undo or redo
        if conflict is not None:  # someone else changed one since: nothing of the selection is deleted
            self.report_conflict(conflict, None)
            return False
        if failed is not None:
            self.error.emit(failed)
            return False
        return done > 0


def _place_of(session: Any, step_id: str) -> dict[str, Any]:
    """Where a step is now: its stage, its index among the stage's steps, its owner."""
    from servicecommunity.services.queries.workspace import step_place

    return step_place(session, step_id)._asdict()


def _index_in_stage(data: MapData, step: MapStep) -> int:
    """The step's index among its stage's steps (what ``move_step``'s position means)."""
    siblings = sorted((s for s in data.steps if s.stage_id == step.stage_id), key=lambda s: s.position)
    return next(i for i, s in enumerate(siblings) if s.id == step.id)


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _delete_text(steps: int, deps: int, stages: int) -> str:
    parts = []
    if stages:
        parts.append(translate("MapEditor", "%n stage(s)", "", stages))
    if steps:
        parts.append(translate("MapEditor", "%n step(s)", "", steps))
    if deps:
        parts.append(translate("MapEditor", "%n (dependency|dependencies)", "", deps))
    return translate("MapEditor", "Delete {0}").format(", ".join(parts))


__all__ = ["MapEditor", "Move"]
