"""Undo commands: one per gesture, each calling the core by ids and plain values.

Qt's Undo Framework example: a command's ``redo`` and ``undo`` call the service layer (through
:meth:`AppContext.run`), never widgets; a create is undone by a delete and redone by restoring the
deleted snapshot, so the record keeps its id and everything that points at it stays valid.
Repeated edits of the same field merge (``id()``/``mergeWith()``); multi-card edits go in a macro
(``AppContext.undo_stack.beginMacro``).

A command whose first ``redo`` fails raises the core's error out of ``push`` and leaves nothing on
the stack (:func:`push`). A later ``undo`` or ``redo`` can fail too (another window deleted the
record meanwhile, the file is locked): Qt would move the stack on as if it had worked, so instead
the failed entry is marked obsolete, which makes Qt take it off the history without moving past it;
the rest of a macro is rolled back (a macro is all or nothing: each service call is one transaction,
and the calls of the macro already made are reversed); the failure is logged, and
:func:`failures` emits one sentence for the window to show (:class:`ui.map.editing.MapEditor` passes it
on as its ``error``).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from servicecommunity import services
from servicecommunity.domain.errors import ConflictError, ServiceCommunityError
from ui.context import AppContext
from ui.i18n import translate

log = logging.getLogger(__name__)

MOVE_ID = 1001
EDIT_ID = 1002


def push(ctx: AppContext, command: BaseCommand) -> Any:
    """Run ``command`` and put it on the undo stack; on a core error, raise it and push nothing."""
    command.redo_checked()
    ctx.undo_stack.push(command)  # calls redo(), which skips the run that already happened
    command.pushed = True
    return command.value


def discard_last(stack: QUndoStack) -> None:
    """Undo the newest entry and take it off the history (a macro refused halfway: not redoable)."""
    if not stack.canUndo():
        return
    count = stack.count()
    stack.undo()
    if stack.count() == count:  # undone (a failed undo has taken it off already)
        stack.command(stack.index()).setObsolete(True)
        stack.redo()  # Qt drops an obsolete entry instead of redoing it


class _Failures(QObject):
    """Where commands report an undo or redo that failed: ``failed(undo stack, sentence)``."""

    failed = Signal(object, str)


_FAILURES: _Failures | None = None


def failures() -> _Failures:
    """The one reporter of failed undos and redos (made on first use, on the main thread)."""
    global _FAILURES  # noqa: PLW0603 - one for the app, like ui.workers' relay
    if _FAILURES is None:
        _FAILURES = _Failures()
    return _FAILURES


class BaseCommand(QUndoCommand):
    """Runs its first ``redo`` before it is pushed, so a refused change never reaches the stack.

    A later ``redo``/``undo`` that raises takes its entry off the history (see the module's notes).
    """

    def __init__(self, ctx: AppContext, text: str) -> None:
        super().__init__(text)
        self.ctx = ctx
        self.pushed = False
        self.value: Any = None
        self.skip = False  # another command of the same macro failed in this pass: do nothing

    def redo_checked(self) -> None:
        self.value = self.do()

    def redo(self) -> None:
        if not self.pushed or self.skip:  # QUndoStack.push calls redo(); the first run already happened
            return
        try:
            self.do()
        except Exception as exc:  # whatever it is, the stack must not move past it
            self._failed(exc, undoing=False)

    def undo(self) -> None:
        if self.skip:
            return
        try:
            self.undo_it()
        except Exception as exc:  # whatever it is, the stack must not move past it
            self._failed(exc, undoing=True)

    def _failed(self, exc: Exception, *, undoing: bool) -> None:
        """Take this command's entry off the history, roll its macro back, log and report it."""
        stack = self.ctx.undo_stack
        index = stack.index() - 1 if undoing else stack.index()  # the entry Qt is running
        entry = stack.command(index) if 0 <= index < stack.count() else None
        members = _members(entry) if entry is not None else []
        if self not in members:  # run by hand, not by the stack: nothing to take off
            entry, members = None, [self]
        verb = "undo" if undoing else "redo"
        what = entry.text() if entry is not None else self.text()
        if isinstance(exc, ServiceCommunityError):
            log.warning("Could not %s %r: %s", verb, what, exc)
            reason = str(exc)
        else:
            log.error("Could not %s %r", verb, what, exc_info=exc)
            reason = translate("BaseCommand", "an unexpected error (the details are in the log).")
        put_back = self._roll_back_others(members, undoing=undoing)
        if entry is not None:
            entry.setObsolete(True)  # Qt takes it off the stack instead of moving past it
        if undoing:
            sentence = translate("BaseCommand", "Could not undo “{0}”, so it was taken off the undo history: {1}").format(what, reason)
        else:
            sentence = translate("BaseCommand", "Could not redo “{0}”, so it was taken off the undo history: {1}").format(what, reason)
        if not put_back:
            sentence = translate("BaseCommand", "{0} Part of it could not be put back; check the map.").format(sentence)
        # Said once Qt has finished with the stack: a message box's event loop must not run inside it.
        reporter = failures()
        QTimer.singleShot(0, reporter, lambda: reporter.failed.emit(stack, sentence))

    def _roll_back_others(self, members: list[QUndoCommand], *, undoing: bool) -> bool:
        """Reverse what the other commands of the macro did in this pass, and skip the rest."""
        position = members.index(self)
        # Qt redoes a macro's commands first to last and undoes them last to first.
        done = members[position + 1 :] if undoing else list(reversed(members[:position]))
        waiting = members[:position] if undoing else members[position + 1 :]
        for command in waiting:
            if isinstance(command, BaseCommand):
                command.skip = True
        ok = True
        for command in done:
            if not isinstance(command, BaseCommand):
                continue
            try:
                command.do() if undoing else command.undo_it()
            except Exception:  # logged; the user is told part could not be put back
                log.exception("Could not put back %r after a failed %s", command.text(), "undo" if undoing else "redo")
                ok = False
        return ok

    def again(self, fresh: Mapping[str, Any]) -> BaseCommand | None:
        """The same change once more, based on the record as ``fresh`` shows it (a refused change the
        person still means: the conflict notice's "Apply mine again"); None when it cannot be."""
        return None

    def do(self) -> Any:  # pragma: no cover - abstract
        raise NotImplementedError

    def undo_it(self) -> None:  # pragma: no cover - abstract
        raise NotImplementedError


def _members(entry: QUndoCommand) -> list[QUndoCommand]:
    """The commands an entry runs: a macro's children, or the entry itself."""
    count = entry.childCount()
    return [entry.child(i) for i in range(count)] if count else [entry]


class CreateCommand(BaseCommand):
    """Create a record; undo deletes it; redo restores the very same record."""

    def __init__(self, ctx: AppContext, section: str, data: Mapping[str, Any], text: str | None = None) -> None:
        super().__init__(ctx, text or f"Add {services.NOUN[section]}")
        self.section = section
        self.data = dict(data)
        self.record_id: str | None = None
        self.snapshot: services.Snapshot | None = None

    def do(self) -> Any:
        if self.snapshot is not None:
            self.ctx.run(services.restore, self.snapshot)
            return self.record_id
        record = self.ctx.run(services.create, self.section, data=self.data)
        self.record_id = record.id
        return record.id

    def undo_it(self) -> None:
        assert self.record_id is not None
        self.snapshot = self.ctx.run(services.delete, self.section, self.record_id)


class UpdateCommand(BaseCommand):
    """Change some fields of a record; undo puts the old values back.

    Successive edits of the same fields of the same record merge into one entry when
    ``merge_key`` is given (for example repeated nudges of a card).

    ``expected`` is the record's version (``updated_at``) as the window read it when it showed
    the record; each run passes the version the previous run produced (an undo the version its
    redo produced, and so on) and ``base``, the values it replaces, so an edit based on what
    someone else has changed since is refused (:class:`~servicecommunity.domain.errors.ConflictError`,
    nothing written) while a change of other fields meanwhile stays and the edit goes on top.
    Without ``expected`` the first run is not checked (a record the window holds no version of).
    """

    def __init__(
        self,
        ctx: AppContext,
        section: str,
        record_id: str,
        new: Mapping[str, Any],
        old: Mapping[str, Any],
        text: str | None = None,
        merge_key: str | None = None,
        expected: Any = None,
    ) -> None:
        super().__init__(ctx, text or f"Edit {services.NOUN[section]}")
        self.section = section
        self.record_id = record_id
        self.new = dict(new)
        self.old = dict(old)
        self.merge_key = merge_key
        self.version = expected  # the record's version as the last run left it (or as read)

    def _apply(self, values: Mapping[str, Any], base: Mapping[str, Any]) -> Any:
        checked = {"expected": self.version, "base": {k: base[k] for k in values if k in base}} \
            if self.version is not None else {}
        record = self.ctx.run(services.update, self.section, self.record_id, data=values, **checked)
        self.version = record.updated_at
        return record

    def do(self) -> Any:
        return self._apply(self.new, self.old).id

    def undo_it(self) -> None:
        self._apply(self.old, self.new)

    def id(self) -> int:
        return EDIT_ID if self.merge_key else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not (
            isinstance(other, UpdateCommand)
            and other.merge_key
            and other.merge_key == self.merge_key
            and other.record_id == self.record_id
            and set(other.new) == set(self.new)
        ):
            return False
        self.new = other.new
        self.version = other.version
        return True


class MoveStepCommand(BaseCommand):
    """Drag a card to another stage, lane (owner) or place; repeated moves of one card merge."""

    def __init__(
        self,
        ctx: AppContext,
        step_id: str,
        *,
        new: Mapping[str, Any],
        old: Mapping[str, Any],
        text: str = "Move step",
        expected: Any = None,
        shown: Mapping[str, Any] | None = None,
    ) -> None:
        super().__init__(ctx, text)
        self.step_id = step_id
        self.new = dict(new)  # keys: stage_id, position, owner_id
        self.old = dict(old)
        self.version = expected  # as for UpdateCommand
        self.shown = dict(shown) if shown is not None else None  # where the window showed it, for the first run

    def _apply(self, values: Mapping[str, Any], base: Mapping[str, Any]) -> Any:
        """Move the step, checked against the version last seen. Moving a card renumbers the others
        of its stages (a new version each), so a refusal where the step's stage and owner are still
        as ``base`` (only its place among the cards changed) goes on top of that."""
        refused: ConflictError | None = None
        for _ in range(3):
            try:
                record = self.ctx.run(
                    services.move_step,
                    self.step_id,
                    stage_id=values.get("stage_id"),
                    position=values.get("position"),
                    owner_id=values.get("owner_id"),
                    change_owner="owner_id" in values,
                    expected=self.version,
                )
            except ConflictError as exc:
                fresh = exc.fresh
                if any(key in base and key != "position" and fresh.get(key) != base[key] for key in values):
                    raise
                refused, self.version = exc, fresh.get("updated_at")
                continue
            self.version = record.updated_at
            return record.id
        assert refused is not None
        raise refused

    def do(self) -> Any:
        base, self.shown = (self.shown if self.shown is not None else self.old), None
        return self._apply(self.new, base)

    def undo_it(self) -> None:
        self._apply(self.old, self.new)

    def id(self) -> int:
        return MOVE_ID

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, MoveStepCommand) or other.step_id != self.step_id:
            return False
        self.new = {**self.new, **other.new}
        # a later move may change what the first did not (the owner): undo puts that back too
        self.old = {**other.old, **self.old}
        self.version = other.version
        return True


def _version_now(ctx: AppContext, section: str, record_id: str) -> Any:
    """The record's version just after this window's own change (None if it is gone)."""
    from servicecommunity.services.queries import workspace as workspace_queries

    return ctx.read(lambda s: workspace_queries.versions(s, section, [record_id])).get(record_id)


def read_reach(ctx: AppContext, section: str, record_id: str) -> frozenset[str] | None:
    """The ids of what deleting the record would take or change (read when the person is asked, or
    acts), for :class:`DeleteCommand`'s ``seen``; None when it cannot be read (the delete then goes
    unchecked, as before)."""
    try:
        return ctx.read(lambda s: services.deletion_reach(s, section, record_id))
    except ServiceCommunityError:
        return None


class DeleteCommand(BaseCommand):
    """Delete a record (and what it owns); undo restores it all with the same ids.

    ``expected``: the record's version as the window read it, ``base`` the values it showed: a
    delete of a record someone else changed since is refused (``ConflictError``, nothing deleted).
    A redo after an undo passes the version the undo's restore gave it. Without ``expected``,
    unchecked (a record the window holds no version of). ``seen``: the ids of what the deletion
    takes, as read when the person was asked (:func:`read_reach`): a record someone added since
    (a step to the stage) is refused too.
    """

    def __init__(self, ctx: AppContext, section: str, record_id: str, text: str | None = None, *,
                 expected: Any = None, base: Mapping[str, Any] | None = None,
                 seen: Iterable[str] | None = None) -> None:
        super().__init__(ctx, text or f"Delete {services.NOUN[section]}")
        self.section = section
        self.record_id = record_id
        self.snapshot: services.Snapshot | None = None
        self.version = expected
        self.base = dict(base) if base is not None else None
        self.seen = frozenset(seen) if seen is not None else None

    def _checked(self) -> dict[str, Any]:
        checked: dict[str, Any] = {"expected": self.version, "base": self.base} if self.version is not None else {}
        if self.seen is not None:
            checked["seen"] = self.seen
        return checked

    def do(self) -> Any:
        self.snapshot = self.ctx.run(services.delete, self.section, self.record_id, **self._checked())
        return self.snapshot

    def undo_it(self) -> None:
        assert self.snapshot is not None
        self.ctx.run(services.restore, self.snapshot)
        if self.version is not None:  # a redo deletes what the undo put back, as long as nobody changed it since
            self.version, self.base = _version_now(self.ctx, self.section, self.record_id), None

    def _seen_again(self, fresh: Mapping[str, Any]) -> Iterable[str] | None:
        """What a refused delete the person still means takes: what the refusal said it takes now."""
        return None if self.seen is None else fresh.get("reach", self.seen)

    def again(self, fresh: Mapping[str, Any]) -> BaseCommand | None:
        if fresh.get("updated_at") is None:
            return None
        return DeleteCommand(self.ctx, self.section, self.record_id, self.text(), expected=fresh["updated_at"],
                             seen=self._seen_again(fresh))


class DeleteJourneyCommand(DeleteCommand):
    """Delete a journey with everything in it; the map first moves to a neighbour if it shows it.
    Undo restores it all and shows it again."""

    def __init__(self, ctx: AppContext, journey_id: str, name: str, *, expected: Any = None,
                 base: Mapping[str, Any] | None = None, seen: Iterable[str] | None = None) -> None:
        super().__init__(ctx, "journeys", journey_id, translate("BaseCommand", "Delete journey “{0}”").format(name),
                         expected=expected, base=base, seen=seen)
        self.name = name

    def do(self) -> Any:
        from servicecommunity.services.versions import as_version

        # the map moves away only from a journey the delete will take: one someone else changed
        # since is refused below, and the map goes on showing it
        shown = self.ctx.journey_id == self.record_id and (
            self.version is None or _version_now(self.ctx, self.section, self.record_id) == as_version(self.version))
        if shown:
            from servicecommunity.services.queries import navigator

            self.ctx.set_journey(self.ctx.read(lambda s: navigator.neighbour_journey(s, self.record_id)))
        try:
            return super().do()
        except ServiceCommunityError:  # refused (someone else changed it since): the map shows it again
            if shown:
                self.ctx.set_journey(self.record_id)
            raise

    def undo_it(self) -> None:
        super().undo_it()
        self.ctx.set_journey(self.record_id)

    def again(self, fresh: Mapping[str, Any]) -> BaseCommand | None:
        if fresh.get("updated_at") is None:
            return None
        return DeleteJourneyCommand(self.ctx, self.record_id, str(fresh.get("name") or self.name),
                                    expected=fresh["updated_at"], seen=self._seen_again(fresh))


class JoinCommand(BaseCommand):
    """Make two organisations (or data items) named alike one; undo puts both back as they were."""

    def __init__(self, ctx: AppContext, section: str, keep_id: str, drop_id: str, name: str) -> None:
        super().__init__(ctx, f"Join duplicate {services.NOUN[section]} “{name}”")
        self.section = section
        self.keep_id = keep_id
        self.drop_id = drop_id
        self.snapshot: services.Snapshot | None = None

    def do(self) -> Any:
        from servicecommunity.services import joining

        self.snapshot = self.ctx.run(joining.join_records, self.section, self.keep_id, self.drop_id)
        return self.snapshot

    def undo_it(self) -> None:
        assert self.snapshot is not None
        self.ctx.run(services.restore, self.snapshot)


class ReorderStagesCommand(BaseCommand):
    def __init__(self, ctx: AppContext, journey_id: str, new: list[str], old: list[str]) -> None:
        super().__init__(ctx, translate("BaseCommand", "Reorder stages"))
        self.journey_id = journey_id
        self.new = list(new)
        self.old = list(old)

    def do(self) -> Any:
        return self.ctx.run(services.reorder_stages, self.journey_id, self.new)

    def undo_it(self) -> None:
        self.ctx.run(services.reorder_stages, self.journey_id, self.old)


class DuplicateJourneyCommand(BaseCommand):
    """Copy a journey (as is, or as its to-be); undo deletes the copy, redo restores the very same copy."""

    def __init__(self, ctx: AppContext, journey_id: str, *, as_to_be: bool = False, name: str | None = None) -> None:
        super().__init__(ctx, translate("BaseCommand", "Copy journey as to-be") if as_to_be else translate("BaseCommand", "Duplicate journey"))
        self.journey_id = journey_id
        self.as_to_be = as_to_be
        self.name = name
        self.copy_id: str | None = None
        self.snapshot: services.Snapshot | None = None

    def do(self) -> Any:
        if self.snapshot is not None:
            self.ctx.run(services.restore, self.snapshot)
            return self.copy_id
        from servicecommunity.services import journeys

        copy = self.ctx.run(journeys.duplicate_journey, self.journey_id, as_to_be=self.as_to_be, name=self.name)
        self.copy_id = copy.id
        return copy.id

    def undo_it(self) -> None:
        assert self.copy_id is not None
        if self.ctx.journey_id == self.copy_id:  # the map must not go on showing a journey that is gone
            self.ctx.set_journey(self.journey_id)
        self.snapshot = self.ctx.run(services.delete, "journeys", self.copy_id)


class ReorderJourneysCommand(BaseCommand):
    def __init__(self, ctx: AppContext, community_id: str, new: list[str], old: list[str]) -> None:
        super().__init__(ctx, translate("BaseCommand", "Reorder journeys"))
        self.community_id = community_id
        self.new = list(new)
        self.old = list(old)

    def _apply(self, order: list[str]) -> Any:
        from servicecommunity.services import journeys

        return self.ctx.run(journeys.reorder_journeys, self.community_id, order)

    def do(self) -> Any:
        return self._apply(self.new)

    def undo_it(self) -> None:
        self._apply(self.old)


class BlockerHistoryCommand(BaseCommand):
    """Comment on a blocker or change its status; undo withdraws the history entry (and the status).

    Redo performs the change again, which writes a fresh history entry.

    ``expected``: the blocker's version as the window read it, and ``seen_status`` the status it
    showed: a status change is refused if someone else changed the status since (and goes on top of
    a change of other fields); a comment never conflicts. Each run passes the version the previous
    one left (an undo refused once someone else moved the status on).
    """

    def __init__(self, ctx: AppContext, blocker_id: str, *, comment: str = "", status: str | None = None,
                 expected: Any = None, seen_status: str | None = None) -> None:
        super().__init__(ctx, translate("BaseCommand", "Change blocker status") if status else translate("BaseCommand", "Comment on blocker"))
        self.blocker_id = blocker_id
        self.comment = comment
        self.status = status
        self.entry_id: str | None = None
        self.version = expected
        self.seen_status = seen_status

    def do(self) -> Any:
        checked: dict[str, Any] = {} if self.version is None else {"expected": self.version}
        if self.status:
            if checked and self.seen_status is not None:
                checked["base"] = {"status": self.seen_status}
            entry = self.ctx.run(
                services.change_blocker_status,
                self.blocker_id,
                status=self.status,
                comment=self.comment,
                author_id=self.ctx.member_id,
                **checked,
            )
        else:
            entry = self.ctx.run(
                services.comment_on_blocker, self.blocker_id, comment=self.comment, author_id=self.ctx.member_id,
                **checked,
            )
        self.entry_id = entry.id
        self._read_version()
        return entry.id

    def undo_it(self) -> None:
        assert self.entry_id is not None
        checked = {} if self.version is None else {"expected": self.version}
        self.ctx.run(services.withdraw_blocker_update, self.entry_id, **checked)
        self._read_version()

    def _read_version(self) -> None:
        if self.version is not None:
            self.version = _version_now(self.ctx, "blockers", self.blocker_id)

    def again(self, fresh: Mapping[str, Any]) -> BaseCommand | None:
        if fresh.get("updated_at") is None:
            return None
        return BlockerHistoryCommand(self.ctx, self.blocker_id, comment=self.comment, status=self.status,
                                     expected=fresh["updated_at"], seen_status=fresh.get("status"))


__all__ = [
    "BaseCommand",
    "BlockerHistoryCommand",
    "CreateCommand",
    "DeleteCommand",
    "DeleteJourneyCommand",
    "DuplicateJourneyCommand",
    "MoveStepCommand",
    "ReorderJourneysCommand",
    "ReorderStagesCommand",
    "UpdateCommand",
    "discard_last",
    "failures",
    "push",
]
