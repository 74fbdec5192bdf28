"""The navigator: the community's journeys, organisations and members, in one tree.

Choosing a journey shows it on the map (``ctx.set_journey``); choosing an organisation selects
its cards (``ctx.selection_requested``); translate("Navigator", "This is me") on a member sets who is using the app, whose
organisation's lane goes on top. It refreshes when ``ctx.changed`` names journeys, stages, steps,
organisations or members.

Journeys are managed here, each gesture one undo entry: rename (F2), duplicate (Ctrl+D), copy as
to-be (linked to its as-is), compare two journeys, move up or down (Alt+Up, Alt+Down), delete
(Delete). While the journey on the map has no steps, a hint under the buttons says how its map
grows, with buttons to add a stage and a first step for an organisation (which gives that
organisation its lane).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QEvent, QObject, QPoint, Qt
from PySide6.QtGui import (
    QAction,
    QBrush,
    QColor,
    QFont,
    QIcon,
    QKeyEvent,
    QKeySequence,
    QPainter,
    QPixmap,
)
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMenu,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from servicecommunity.services import Changes
from servicecommunity.services.queries import navigator as navigator_queries
from servicecommunity.services.queries import workspace as workspace_queries
from servicecommunity.services.queries.community import community_of_journey
from ui import commands, resources, theme
from ui.context import AppContext
from ui.i18n import (
    QT_TRANSLATE_NOOP,
    translate,
)

ROLE_KIND = Qt.ItemDataRole.UserRole
ROLE_ID = Qt.ItemDataRole.UserRole + 1
ROLE_NAME = Qt.ItemDataRole.UserRole + 2

#: a new journey's stages, in the app's language when it is made
DEFAULT_STAGES = (QT_TRANSLATE_NOOP("Navigator", "Find out"), QT_TRANSLATE_NOOP("Navigator", "Do it"),
                  QT_TRANSLATE_NOOP("Navigator", "Follow up"))
EMPTY_NAME = QT_TRANSLATE_NOOP("Navigator", "A journey needs a name: type what the user is trying to do, or press Cancel.")


def ask_item(parent: QWidget | None, title: str, label: str, items: Sequence[str]) -> int | None:
    """The index of the item chosen from ``items``, or None if cancelled (patched in tests)."""
    value, ok = QInputDialog.getItem(parent, title, label, list(items), 0, False)
    return list(items).index(value) if ok and value in items else None


def journey_label(name: str, steps: int, to_be_of: str | None = None, status: str = "as_is") -> str:
    """A journey's row: its name, its step count, and what it is the to-be of."""
    counted = translate("Navigator", "%n step(s)", "", steps)
    if to_be_of is not None:
        return translate("Navigator", "{0}  ({1} · to-be of “{2}”)").format(name, counted, to_be_of)
    if status == "to_be":
        return translate("Navigator", "{0}  ({1} · to-be)").format(name, counted)
    return translate("Navigator", "{0}  ({1})").format(name, counted)


def swatch(colour: str, size: int = 14) -> QIcon:
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setBrush(QBrush(QColor(colour)))
    painter.setPen(QColor(theme.current().swatch_outline))  # 3:1 on the theme's background
    painter.drawRect(1, 1, size - 2, size - 2)
    painter.end()
    return QIcon(pixmap)


class Navigator(QWidget):
    """Journeys, organisations and members of the workspace's community."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("Navigator")
        self.tree = QTreeWidget()
        self.tree.setObjectName("NavigatorTree")
        self.tree.setAccessibleName(translate("Navigator", "Journeys, organisations and members"))
        self.tree.setHeaderHidden(True)
        self.tree.setRootIsDecorated(True)
        self.tree.setUniformRowHeights(True)
        self.tree.itemActivated.connect(self._activated)
        self.tree.itemClicked.connect(self._activated)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._menu)
        new_journey = QPushButton(translate("Navigator", "New journey…"))
        new_journey.setIcon(resources.icon("journey"))
        new_journey.clicked.connect(self.new_journey)
        buttons = QHBoxLayout()
        buttons.setContentsMargins(4, 4, 4, 0)
        buttons.addWidget(new_journey)
        buttons.addStretch(1)
        self.hint = self._make_hint()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(buttons)
        layout.addWidget(self.hint)
        layout.addWidget(self.tree)
        self.sections: dict[str, QTreeWidgetItem] = {}
        self.entries: dict[str, navigator_queries.JourneyEntry] = {}
        self.organisations: list[navigator_queries.OrganisationEntry] = []
        self.journey_actions: dict[str, QAction] = {}
        #: each journey's version (``updated_at``) read with the tree: a rename passes it as ``expected``
        self.versions: dict[str, Any] = {}
        for key, text, keys, slot in (
            ("rename", translate("Navigator", "&Rename…"), QKeySequence(Qt.Key.Key_F2), self.rename_journey),
            ("duplicate", translate("Navigator", "&Duplicate"), QKeySequence("Ctrl+D"), self.duplicate_journey),
            ("to_be", translate("Navigator", "Copy as &to-be"), QKeySequence(), self.copy_as_to_be),
            ("compare", translate("Navigator", "&Compare with…"), QKeySequence(), self.compare_journey),
            ("up", translate("Navigator", "Move &up"), QKeySequence("Alt+Up"), lambda: self.move_journey(-1)),
            ("down", translate("Navigator", "Move do&wn"), QKeySequence("Alt+Down"), lambda: self.move_journey(1)),
            ("delete", translate("Navigator", "De&lete…"), QKeySequence(QKeySequence.StandardKey.Delete), self.delete_journey),
        ):
            action = QAction(text, self.tree)
            action.setShortcut(keys)  # shown in the menu; the tree claims the key itself (eventFilter)
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            action.triggered.connect(lambda _checked=False, run=slot: run())
            self.journey_actions[key] = action
        self.tree.installEventFilter(self)
        ctx.changed.connect(self._on_changed)
        ctx.journey_changed.connect(self._on_journey_changed)
        theme.notifier().changed.connect(self.reload)  # the swatches' outline follows the theme
        ctx.member_changed.connect(self._on_member_changed)
        self.reload()

    # --- reading --------------------------------------------------------------------------------

    def community_id(self) -> str | None:
        jid = self.ctx.journey_id
        return self.ctx.read(lambda s: community_of_journey(s, jid))

    def reload(self) -> None:
        cid = self.community_id()

        def read(session: Any) -> tuple[navigator_queries.Tree, dict[str, Any]]:
            found = navigator_queries.tree(session, cid)
            return found, workspace_queries.versions(session, "journeys", [j.id for j in found.journeys])

        found, self.versions = self.ctx.read(read)
        expanded = {k: item.isExpanded() for k, item in self.sections.items()}
        self.tree.clear()
        self.sections = {}
        short = {o.id: (o.short_name or o.name) for o in found.organisations}
        for key, title, icon in (("journeys", translate("Navigator", "Journeys"), "journey"), ("organisations", translate("Navigator", "Organisations"), "organisation"),
                                 ("members", translate("Navigator", "Members"), "member")):
            item = QTreeWidgetItem([title])
            item.setIcon(0, resources.icon(icon))
            font = QFont(item.font(0))
            font.setBold(True)
            item.setFont(0, font)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.tree.addTopLevelItem(item)
            self.sections[key] = item
        self.entries = {j.id: j for j in found.journeys}
        self.organisations = list(found.organisations)
        for entry in found.journeys:
            child = QTreeWidgetItem([self._label(entry)])
            child.setData(0, ROLE_KIND, "journey")
            child.setData(0, ROLE_ID, entry.id)
            child.setData(0, ROLE_NAME, entry.name)
            child.setToolTip(0, translate("Navigator", "Show “{0}” on the map. F2 renames it, Ctrl+D duplicates it, "
                                "Alt+Up and Alt+Down move it, Delete deletes it (undoable); right-click for more").format(entry.name))
            self.sections["journeys"].addChild(child)
        for org in found.organisations:
            # the short name first: a narrow column shows a dozen characters, and "Department for …" five times tells nothing
            label = org.name if not org.short_name or org.short_name == org.name else f"{org.short_name} · {org.name}"
            child = QTreeWidgetItem([label])
            child.setIcon(0, swatch(org.colour))
            child.setData(0, ROLE_KIND, "organisation")
            child.setData(0, ROLE_ID, org.id)
            child.setToolTip(0, org.name + "\n" + translate("Navigator", "Select this organisation's steps on the map"))
            self.sections["organisations"].addChild(child)
        me = self.ctx.member_id
        for member in found.members:
            text = member.name + (f" · {short[member.organisation_id]}" if member.organisation_id in short else "")
            if member.id == me:
                text = translate("Navigator", "{0}  (you)").format(text)
            child = QTreeWidgetItem([text])
            child.setData(0, ROLE_KIND, "member")
            child.setData(0, ROLE_ID, member.id)
            child.setToolTip(0, translate("Navigator", "Right-click: “This is me” puts your organisation's lane on top of the map"))
            self.sections["members"].addChild(child)
        for key, item in self.sections.items():
            item.setExpanded(expanded.get(key, key != "members"))
        self._mark_current()
        self._update_hint()

    def _label(self, entry: navigator_queries.JourneyEntry, steps: int | None = None) -> str:
        as_is = self.entries.get(entry.as_is_id) if entry.as_is_id else None
        return journey_label(entry.name, entry.steps if steps is None else steps,
                             as_is.name if as_is else None, entry.status)

    def _on_journey_changed(self, _journey_id: str) -> None:
        self._mark_current()
        self._update_hint()

    def _on_member_changed(self, _member_id: str) -> None:
        self.reload()

    def _mark_current(self) -> None:
        section = self.sections.get("journeys")
        if section is None:
            return
        for i in range(section.childCount()):
            child = section.child(i)
            if child is None:  # Qt's stub allows it; an index below childCount() never is
                continue
            font = QFont(child.font(0))
            font.setBold(child.data(0, ROLE_ID) == self.ctx.journey_id)
            child.setFont(0, font)

    def _on_changed(self, changes: Changes) -> None:
        if changes.touches("journeys", "organisations", "members", "communities"):
            self.reload()
        elif changes.touches("steps", "stages"):
            self._update_counts()

    def _update_counts(self) -> None:
        counts = self.ctx.read(navigator_queries.step_counts)
        stages = self.ctx.read(navigator_queries.stage_counts)
        self.entries = {jid: e._replace(steps=counts.get(jid, 0), stages=stages.get(jid, 0))
                        for jid, e in self.entries.items()}
        for child in self._journey_items():
            entry = self.entries.get(child.data(0, ROLE_ID))
            if entry is not None:
                child.setText(0, self._label(entry))
        self._update_hint()

    def _journey_items(self) -> list[QTreeWidgetItem]:
        section = self.sections.get("journeys")
        if section is None:
            return []
        return [c for c in (section.child(i) for i in range(section.childCount())) if c is not None]

    # --- the hint for a journey with no steps ---------------------------------------------------

    def _make_hint(self) -> QFrame:
        frame = QFrame()
        frame.setObjectName("EmptyJourneyHint")
        frame.setFrameShape(QFrame.Shape.StyledPanel)
        box = QVBoxLayout(frame)
        box.setContentsMargins(8, 6, 8, 6)
        self.hint_text = QLabel()
        self.hint_text.setWordWrap(True)
        self.add_stage_button = QPushButton(translate("Navigator", "Add a stage…"))
        self.add_stage_button.clicked.connect(self.add_stage)
        self.add_lane_button = QPushButton(translate("Navigator", "Add a step for an organisation…"))
        self.add_lane_button.clicked.connect(self.add_organisation_step)
        box.addWidget(self.hint_text)
        row = QHBoxLayout()
        row.addWidget(self.add_stage_button)
        row.addWidget(self.add_lane_button)
        row.addStretch(1)
        box.addLayout(row)
        frame.hide()
        return frame

    def _update_hint(self) -> None:
        """Show the hint while the journey on the map has no steps; say what to do first."""
        entry = self.entries.get(self.ctx.journey_id or "")
        if entry is None or entry.steps:
            self.hint.hide()
            return
        if not entry.stages:
            text = translate("Navigator", "“{0}” is empty. Its map has a column per stage and a lane per organisation that owns a "
                    "step: add a stage first.")
        elif not self.organisations:
            text = translate("Navigator", "“{0}” has no steps yet, and the community no organisations to own them: add "
                    "organisations (Community > Organisations and members), then a step for each.")
        else:
            text = translate("Navigator", "“{0}” has no steps yet, so only the “No owner” lane shows. Each organisation gets a "
                    "lane when it owns a step: add a step for an organisation, or double-click the map.")
        self.hint_text.setText(text.format(entry.name))
        self.add_lane_button.setEnabled(bool(entry.stages and self.organisations))
        self.hint.show()

    def add_stage(self) -> str | None:
        """Ask for a stage's name and add it at the end of the journey on the map (one undo entry)."""
        from ui import dialogs

        jid = self.ctx.journey_id
        if jid is None:
            return None
        name = dialogs.ask_text(self, translate("Navigator", "Add a stage"), translate("Navigator", "Name of the stage (a phase of the journey, e.g. “Register”):"), "")
        if name is None:
            return None
        if not name.strip():
            dialogs.show_error(self, translate("Navigator", "No stage added"), translate("Navigator", "A stage needs a name: type one, or press Cancel."))
            return None
        return self._push(lambda: commands.push(self.ctx, commands.CreateCommand(
            self.ctx, "stages", {"journey_id": jid, "name": name.strip()}, text=translate("Navigator", "Add stage “{0}”").format(name.strip()))),
            translate("Navigator", "The stage was not added"))

    def add_organisation_step(self) -> str | None:
        """Ask for an organisation and a step title; add the step in the first stage, in that
        organisation's lane (one undo entry)."""
        from ui import dialogs

        jid = self.ctx.journey_id
        if jid is None or not self.organisations:
            return None
        labels = [o.name if not o.short_name or o.short_name == o.name else f"{o.name} ({o.short_name})"
                  for o in self.organisations]
        index = ask_item(self, translate("Navigator", "Add a step for an organisation"), translate("Navigator", "The organisation that owns the step:"), labels)
        if index is None:
            return None
        title = dialogs.ask_text(self, translate("Navigator", "Add a step for an organisation"), translate("Navigator", "What the user does at this step:"), "")
        if title is None:
            return None
        if not title.strip():
            dialogs.show_error(self, translate("Navigator", "No step added"), translate("Navigator", "A step needs a title: type one, or press Cancel."))
            return None
        stage = self.ctx.read(lambda s: navigator_queries.first_stage(s, jid))
        if stage is None:
            return None
        data = {"journey_id": jid, "stage_id": stage, "title": title.strip(), "owner_id": self.organisations[index].id}
        return self._push(lambda: commands.push(self.ctx, commands.CreateCommand(self.ctx, "steps", data)),
                          translate("Navigator", "The step was not added"))

    # --- acting ---------------------------------------------------------------------------------

    def _activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        kind, rid = item.data(0, ROLE_KIND), item.data(0, ROLE_ID)
        if kind == "journey" and rid != self.ctx.journey_id:
            self.ctx.set_journey(rid)
        elif kind == "organisation":
            self.ctx.selection_requested.emit({"organisations": [rid]})

    def _menu(self, pos: QPoint) -> None:
        item = self.tree.itemAt(pos)
        menu = QMenu(self)
        kind = item.data(0, ROLE_KIND) if item else None
        rid = item.data(0, ROLE_ID) if item else None
        if kind == "member":
            menu.addAction(translate("Navigator", "This is me"), lambda: self.ctx.set_member(rid))
        if kind == "journey" and item is not None:
            self.tree.setCurrentItem(item)
            menu.addAction(translate("Navigator", "Show on the map"), lambda: self.ctx.set_journey(rid))
            menu.addSeparator()
            for key in ("rename", "duplicate", "to_be", "compare"):
                menu.addAction(self.journey_actions[key])
            menu.addSeparator()
            self.journey_actions["up"].setEnabled(self._place(rid) > 0)
            self.journey_actions["down"].setEnabled(self._place(rid) < len(self.entries) - 1)
            menu.addAction(self.journey_actions["up"])
            menu.addAction(self.journey_actions["down"])
            menu.addSeparator()
            menu.addAction(self.journey_actions["delete"])
            menu.addSeparator()
        menu.addAction(translate("Navigator", "New journey…"), self.new_journey)
        menu.exec(self.tree.viewport().mapToGlobal(pos))
        for action in self.journey_actions.values():
            action.setEnabled(True)

    # --- managing journeys ------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """F2, Ctrl+D, Delete, Alt+Up and Alt+Down on a journey's row act on the journey. The tree
        claims them (``ShortcutOverride``) so the window's own keys (F2 edits a card, Ctrl+D links
        two) do not fire instead, nor clash with these."""
        if watched is self.tree and event.type() in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress):
            action = self._action_for(event) if isinstance(event, QKeyEvent) else None
            if action is not None:
                event.accept()
                if event.type() == QEvent.Type.KeyPress:
                    action.trigger()
                return True
        return super().eventFilter(watched, event)

    def _action_for(self, event: QKeyEvent) -> QAction | None:
        item = self.tree.currentItem()
        if item is None or item.data(0, ROLE_KIND) != "journey":
            return None
        pressed = QKeySequence(event.keyCombination())
        for action in self.journey_actions.values():
            keys = action.shortcut()
            if not keys.isEmpty() and keys.matches(pressed) == QKeySequence.SequenceMatch.ExactMatch:
                return action
        return None

    def window_actions(self, parent: QObject) -> list[QAction | None]:
        """Actions for the window's Journey menu, acting on the journey on the map (None: a separator)."""
        out: list[QAction | None] = []
        new = QAction(translate("Navigator", "&New journey…"), parent)
        new.triggered.connect(lambda _checked=False: self.new_journey())
        out += [new, None]
        for key in ("rename", "duplicate", "to_be", "compare", None, "up", "down", None, "delete"):
            if key is None:
                out.append(None)
                continue
            source = self.journey_actions[key]
            action = QAction(source.text(), parent)
            action.setObjectName(f"action_journey_{key}")
            action.triggered.connect(lambda _checked=False, k=key: self._on_shown(k))
            out.append(action)
        return out

    def _on_shown(self, key: str) -> None:
        """Run one of the journey actions on the journey shown on the map."""
        if self.ctx.journey_id not in self.entries:
            return
        self._select(self.ctx.journey_id)
        self.journey_actions[key].trigger()

    def chosen_journey(self) -> str | None:
        """The journey of the tree's current row, else the one on the map."""
        item = self.tree.currentItem()
        if item is not None and item.data(0, ROLE_KIND) == "journey":
            return str(item.data(0, ROLE_ID))
        return self.ctx.journey_id if self.ctx.journey_id in self.entries else None

    def _place(self, journey_id: str | None) -> int:
        order = list(self.entries)
        return order.index(journey_id) if journey_id in order else -1

    def _push(self, make: Callable[[], object], failure: str, command: commands.BaseCommand | None = None) -> str | None:
        """Run an undo command's first do; a refusal is shown in one sentence and nothing is pushed.
        An edit of a journey someone else changed since the navigator read it is said as on the map
        (the status bar and a notice that is not modal, with their values) and the tree reads it again."""
        from servicecommunity.domain.errors import ConflictError, ServiceCommunityError
        from ui import dialogs

        try:
            value = make()
        except ConflictError as exc:
            self._editor().report_conflict(exc, command)
            return None
        except ServiceCommunityError as exc:
            dialogs.show_error(self, failure, str(exc))
            return None
        return None if value is None else str(value)

    def _editor(self) -> Any:
        """The window's map editor (whose conflicts go to the status bar), or one of the navigator's own."""
        from ui.map.editing import MapEditor

        widget = self.parentWidget()
        while widget is not None:
            if isinstance(getattr(widget, "editor", None), MapEditor):
                return widget.editor  # type: ignore[attr-defined]
            widget = widget.parentWidget()
        if not isinstance(getattr(self, "_own_editor", None), MapEditor):
            self._own_editor = MapEditor(self.ctx, self)
        return self._own_editor

    def _select(self, journey_id: str | None) -> None:
        for child in self._journey_items():
            if child.data(0, ROLE_ID) == journey_id:
                self.tree.setCurrentItem(child)
                return

    def rename_journey(self) -> bool:
        """Ask for a new name; an empty one is refused with a message and nothing changes."""
        from ui import dialogs

        jid = self.chosen_journey()
        entry = self.entries.get(jid or "")
        if entry is None:
            return False
        name = dialogs.ask_text(self, translate("Navigator", "Rename journey"), translate("Navigator", "Name of the journey (what the user is trying to do):"), entry.name)
        if name is None or name.strip() == entry.name:
            return False
        if not name.strip():
            dialogs.show_error(self, translate("Navigator", "The journey was not renamed"),
                               translate("Navigator", "{0} It keeps its name “{1}”.").format(translate("Navigator", EMPTY_NAME), entry.name))
            return False
        command = commands.UpdateCommand(self.ctx, "journeys", entry.id, {"name": name.strip()}, {"name": entry.name},
                                         text=translate("Navigator", "Rename journey “{0}”").format(entry.name),
                                         expected=self.versions.get(entry.id))
        done = self._push(lambda: commands.push(self.ctx, command), "The journey was not renamed", command)
        self._select(entry.id)
        return done is not None

    def duplicate_journey(self, *, as_to_be: bool = False) -> str | None:
        """Copy the chosen journey (as its to-be with ``as_to_be``), show the copy (one undo entry)."""
        jid = self.chosen_journey()
        if jid is None:
            return None
        copy = self._push(lambda: commands.push(self.ctx, commands.DuplicateJourneyCommand(self.ctx, jid, as_to_be=as_to_be)),
                          translate("Navigator", "The journey was not copied"))
        if copy is not None:
            self.ctx.set_journey(copy)
            self._select(copy)
        return copy

    def copy_as_to_be(self) -> str | None:
        return self.duplicate_journey(as_to_be=True)

    def compare_journey(self) -> None:
        """Open the comparison of the chosen journey with its as-is or to-be (or the next journey)."""
        from ui.dialogs.compare import CompareDialog

        jid = self.chosen_journey()
        if jid is None:
            return
        dialog = CompareDialog.for_journey(self.ctx, jid, self)
        dialog.show()
        self.compare_dialog = dialog

    def move_journey(self, step: int) -> bool:
        """Move the chosen journey up (-1) or down (+1) in the list (one undo entry)."""
        jid = self.chosen_journey()
        cid = self.community_id()
        order = list(self.entries)
        if jid is None or cid is None or jid not in order:
            return False
        place = order.index(jid)
        to = place + step
        if not 0 <= to < len(order):
            return False
        new = list(order)
        new[place], new[to] = new[to], new[place]
        command = _CheckedReorder(self.ctx, cid, new, order)
        done = self._push(lambda: commands.push(self.ctx, command), translate("Navigator", "The journeys were not reordered"),
                          command)
        self._select(jid)
        return done is not None

    def delete_journey(self) -> bool:
        """Ask first; delete the chosen journey with its stages, steps and dependencies (undoable)."""
        from ui import dialogs

        jid = self.chosen_journey()
        entry = self.entries.get(jid or "")
        if entry is None:
            return False
        stages, steps = entry.stages, entry.steps
        seen = commands.read_reach(self.ctx, "journeys", entry.id)  # what the person is asked to delete
        if not dialogs.confirm(self, translate("Navigator", "Delete journey"),
                               translate("Navigator", "Delete “{0}” with its {1} and {2}? Edit > Undo brings it back.").format(
                                   entry.name, translate("Navigator", "%n stage(s)", "", stages),
                                   translate("Navigator", "%n step(s)", "", steps))):
            return False
        # refused if someone else changed the journey since the navigator read it
        command = commands.DeleteJourneyCommand(self.ctx, entry.id, entry.name, expected=self.versions.get(entry.id),
                                                base={"name": entry.name, "status": entry.status}, seen=seen)
        done = self._push(lambda: commands.push(self.ctx, command), translate("Navigator", "The journey was not deleted"),
                          command)
        return done is not None

    def new_journey(self) -> str | None:
        """Ask for a name; create the journey with three starting stages (one undo entry); show it."""
        from ui import dialogs

        cid = self.community_id()
        if cid is None:
            dialogs.show_error(self, translate("Navigator", "No community"), translate("Navigator", "This workspace has no community yet; import a bundle first."))
            return None
        name = dialogs.ask_text(self, translate("Navigator", "New journey"), translate("Navigator", "Name of the journey (what the user is trying to do):"), "")
        if name is None:  # cancelled
            return None
        if not name.strip():
            dialogs.show_error(self, translate("Navigator", "No journey created"), translate("Navigator", EMPTY_NAME))
            return None
        return create_journey(self.ctx, cid, name.strip())


class _CheckedReorder(commands.ReorderJourneysCommand):
    """Reorder the journeys, refused if they are not in the order this run is based on (the one the
    navigator showed; for an undo, the one its redo left): someone else's reorder is never undone."""

    def _apply(self, order: list[str]) -> object:
        from servicecommunity.services import journeys

        base = self.old if order is self.new else self.new
        return self.ctx.run(journeys.reorder_journeys, self.community_id, order, base=base)


def create_journey(ctx: AppContext, community_id: str, name: str, stages: tuple[str, ...] = DEFAULT_STAGES) -> str | None:
    """A journey with starting stages, as one undo entry; shows it on the map."""
    from servicecommunity.domain.errors import ServiceCommunityError
    from ui import dialogs

    stack = ctx.undo_stack
    stack.beginMacro(translate("Navigator", "New journey “{0}”").format(name))
    try:
        jid = commands.push(ctx, commands.CreateCommand(ctx, "journeys", {"community_id": community_id, "name": name}))
        for stage in stages:
            commands.push(ctx, commands.CreateCommand(ctx, "stages", {"journey_id": jid, "name": translate("Navigator", stage)}))
    except ServiceCommunityError as exc:
        stack.endMacro()
        dialogs.show_error(None, translate("Navigator", "The journey was not created"), str(exc))
        return None
    stack.endMacro()
    ctx.set_journey(jid)
    return str(jid)


__all__ = ["Navigator", "ask_item", "create_journey", "journey_label"]
