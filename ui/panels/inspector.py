"""The inspector: every field of what is selected on the map, edited in place.

It follows ``ctx.selection_changed``: one step, one dependency, one stage, several steps, or
nothing (the journey itself). Each field commits when the person leaves it (or at once for a
choice or a tick), as one undo entry through :class:`ui.map.editing.MapEditor`; nudging a number or
the feeling merges into the previous entry for that field. Changing a step's stage or owner is a
move (undo puts it back in its place). It reloads the record when ``ctx.changed`` names it, without
touching the field being typed in.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, cast

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, QTimer
from PySide6.QtGui import QFont, QKeyEvent, QResizeEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QFrame,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from servicecommunity import services
from servicecommunity.domain import enums
from servicecommunity.domain.errors import ConflictError, ServiceCommunityError
from servicecommunity.services import Changes
from servicecommunity.services.queries import inspector as inspector_queries
from servicecommunity.services.queries import notes as note_queries
from ui import commands
from ui.context import AppContext
from ui.dialogs.forms import FlowLayout
from ui.i18n import format_datetime, translate
from ui.i18n import label as value_label
from ui.map.editing import MapEditor, Move

NONE = object()  # "no value" in a choice
VERSION_ROLE = Qt.ItemDataRole.UserRole + 1  # a note's version as the thread read it


@dataclass
class FieldSpec:
    """One field of a form: the record key, its label and the kind of editor."""

    key: str
    label: str
    kind: str  # line, text, choice, channels, checklist, number, int, percent, bool, emotion
    choices: Callable[[], Sequence[tuple[str, Any]]] | None = None
    hint: str = ""
    merge: bool = False  # nudges merge into one undo entry
    suffix: str = ""
    prefix: str = ""
    maximum: float = 1e9


@dataclass
class _Bound:
    spec: FieldSpec
    widget: QWidget
    value: Any = None


class _FocusOut(QObject):
    """Calls back when a plain-text editor loses the focus (it has no editingFinished)."""

    def __init__(self, callback: Callable[[], None], parent: QObject) -> None:
        super().__init__(parent)
        self.callback = callback

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusOut:
            self.callback()
        return False


def heading(text: str) -> QLabel:
    label = QLabel(text)
    label.setProperty("role", "heading")
    font = QFont(label.font())
    font.setBold(True)
    font.setPointSizeF(max(font.pointSizeF(), 9.0) * 1.2)
    label.setFont(font)
    label.setWordWrap(True)
    return label


def hint(text: str) -> QLabel:
    label = QLabel(text)
    label.setProperty("role", "hint")
    label.setWordWrap(True)
    return label


class _CtrlEnter(QObject):
    """Calls back on Ctrl+Enter in a plain-text editor (Enter alone starts a new line)."""

    def __init__(self, callback: Callable[[], None], parent: QObject) -> None:
        super().__init__(parent)
        self.callback = callback

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent)
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
                and event.modifiers() & Qt.KeyboardModifier.ControlModifier):
            self.callback()
            return True
        return False


class ButtonRow(FlowLayout):
    """Controls side by side that wrap onto another row when the column is narrow (a long Welsh
    label), so the inspector never scrolls sideways. ``addStretch`` is taken, as by the
    QHBoxLayout it replaces: the room left over stays at the end of the row anyway."""

    def addStretch(self, stretch: int = 0) -> None:
        pass


class NotesThread(QWidget):
    """The notes on a step or a hand-off, oldest first (who wrote each, and when), and a box to add one.

    Ctrl+Enter (or "Add note") adds the note as the current member: one undo entry. "Edit note…"
    changes the chosen note's words and "Delete note" deletes it (also on each note's context
    menu): one undo entry each. An edit passes the version of the note it started from, so a note
    someone else changed meanwhile is not overwritten (the window says so and offers to apply it
    again).
    """

    def __init__(self, inspector: Inspector, section: str) -> None:
        super().__init__()
        self.inspector = inspector
        self.section = section  # "steps" or "dependencies"
        self.record_id: str | None = None
        self.setObjectName(f"{section}.notes")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        self.heading = QLabel(self.tr("Notes"))
        self.heading.setProperty("role", "heading")
        layout.addWidget(self.heading)
        self.list = QListWidget()
        self.list.setObjectName("notes.thread")
        self.list.setAccessibleName(self.tr("Notes, oldest first"))
        self.list.setWordWrap(True)
        self.list.setMinimumHeight(60)
        self.list.setMaximumHeight(220)
        self.list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.list.customContextMenuRequested.connect(self._show_menu)
        self.list.itemActivated.connect(lambda _item: self.edit_chosen())  # Enter or a double-click edits
        layout.addWidget(self.list)
        chosen_row = ButtonRow()  # what to do with the chosen note, under the thread
        self.edit_button = QPushButton(self.tr("Edit note…"))
        self.edit_button.setObjectName("notes.edit")
        self.edit_button.setAccessibleName(self.tr("Edit the chosen note"))
        self.edit_button.clicked.connect(self.edit_chosen)
        chosen_row.addWidget(self.edit_button)
        self.delete_button = QPushButton(self.tr("Delete note"))
        self.delete_button.setObjectName("notes.delete")
        self.delete_button.setAccessibleName(self.tr("Delete the chosen note"))
        self.delete_button.clicked.connect(self.delete_chosen)
        chosen_row.addWidget(self.delete_button)
        layout.addLayout(chosen_row)
        self.empty = hint(self.tr("No notes yet."))
        layout.addWidget(self.empty)
        self.box = QPlainTextEdit()
        self.box.setObjectName("notes.new")
        self.box.setAccessibleName(self.tr("New note"))
        self.box.setPlaceholderText(self.tr("Write a note… (Ctrl+Enter adds it)"))
        self.box.setTabChangesFocus(True)
        self.box.setMinimumHeight(48)
        self.box.setMaximumHeight(90)
        self.box.installEventFilter(_CtrlEnter(self.add, self.box))
        layout.addWidget(self.box)
        row = ButtonRow()
        self.add_button = QPushButton(self.tr("Add note"))
        self.add_button.setObjectName("notes.add")
        self.add_button.setAccessibleName(self.tr("Add note"))
        self.add_button.setToolTip(self.tr("Add the note to the thread (Ctrl+Enter)"))
        self.add_button.clicked.connect(self.add)
        row.addWidget(self.add_button)
        layout.addLayout(row)
        self.list.currentRowChanged.connect(lambda _row: self._enable())
        self._enable()

    def _enable(self) -> None:
        chosen = self.list.currentItem() is not None
        self.delete_button.setEnabled(chosen)
        self.edit_button.setEnabled(chosen)
        self.delete_button.setVisible(self.list.count() > 0)
        self.edit_button.setVisible(self.list.count() > 0)

    def load(self, record_id: str | None) -> None:
        """Show the thread of ``record_id`` (a step or a dependency, as the page's section says)."""
        if record_id != self.record_id:
            self.box.clear()
        self.record_id = record_id
        self.list.clear()
        entries: list[note_queries.NoteEntry] = []
        if record_id:
            key = "step_id" if self.section == "steps" else "dependency_id"
            entries = self.inspector.ctx.read(lambda s: note_queries.thread(s, **{key: record_id}))
        for entry in entries:
            when = format_datetime(entry.created_at)
            author = entry.author or self.tr("Someone")
            item = QListWidgetItem(self.tr("{0} · {1}").format(author, when) + "\n" + entry.body)
            item.setData(Qt.ItemDataRole.UserRole, entry.id)
            item.setData(VERSION_ROLE, entry.updated_at)  # the version read: what a delete passes
            item.setToolTip(entry.body)
            self.list.addItem(item)
        self.heading.setText(self.tr("Notes (%n)", "", len(entries)))
        self.list.setVisible(bool(entries))
        self.empty.setVisible(not entries)
        self._enable()

    def entries(self) -> list[str]:
        """The thread's lines as shown (for a screen reader's review and tests)."""
        return [self.list.item(i).text() for i in range(self.list.count())]

    def add(self) -> None:
        """Add what the box holds as a note by the current member: one undo entry."""
        body = self.box.toPlainText().strip()
        if not self.record_id:
            return
        if not body:
            self.inspector.status(self.tr("Write the note first."))
            return
        key = "step_id" if self.section == "steps" else "dependency_id"
        data = {key: self.record_id, "body": body, "author_id": self.inspector.ctx.member_id}
        try:
            commands.push(self.inspector.ctx, commands.CreateCommand(
                self.inspector.ctx, "notes", data, text=self.tr("Add note")))
        except ServiceCommunityError as exc:
            self.inspector.editor.error.emit(str(exc))
            return
        self.box.clear()
        self.load(self.record_id)

    def context_menu(self, item: QListWidgetItem) -> QMenu:
        """The menu of one note: Edit…, Delete (the note becomes the chosen one)."""
        self.list.setCurrentItem(item)
        menu = QMenu(self.list)
        menu.setObjectName("notes.menu")
        edit = menu.addAction(self.tr("Edit…"))
        edit.setObjectName("notes.menu.edit")
        edit.triggered.connect(self.edit_chosen)
        delete = menu.addAction(self.tr("Delete"))
        delete.setObjectName("notes.menu.delete")
        delete.triggered.connect(self.delete_chosen)
        return menu

    def _show_menu(self, pos: QPoint) -> None:
        item = self.list.itemAt(pos) or self.list.currentItem()  # the menu key: the chosen note
        if item is None:
            return
        menu = self.context_menu(item)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(self.list.viewport().mapToGlobal(pos))

    def ask_words(self, words: str) -> str | None:
        """The note's new words from the person (None: they cancelled)."""
        text, ok = QInputDialog.getMultiLineText(self, self.tr("Edit note"), self.tr("The note's words:"), words)
        return text if ok else None

    def edit_chosen(self) -> None:
        """Change the chosen note's words: one undo entry, based on the note as it is now."""
        item = self.list.currentItem()
        if item is None:
            return
        note_id = str(item.data(Qt.ItemDataRole.UserRole))
        ctx = self.inspector.ctx
        def read(session: Any) -> tuple[str, Any]:
            note = services.get(session, "notes", note_id)
            return note.body, note.updated_at

        try:
            body, version = ctx.read(read)
        except ServiceCommunityError as exc:  # gone meanwhile (deleted on another desk)
            self.inspector.editor.error.emit(str(exc))
            self.load(self.record_id)
            return
        words = self.ask_words(body)
        if words is None or words.strip() == body.strip():
            return
        if not words.strip():
            self.inspector.status(self.tr("A note needs words: Delete note removes it."))
            return
        command = commands.UpdateCommand(ctx, "notes", note_id, {"body": words.strip()}, {"body": body},
                                         text=self.tr("Edit note"), expected=version)
        try:
            commands.push(ctx, command)
        except ConflictError as exc:
            self.inspector.editor.report_conflict(exc, command)
            return
        except ServiceCommunityError as exc:
            self.inspector.editor.error.emit(str(exc))
            return
        self.load(self.record_id)

    def delete_chosen(self) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        try:
            # refused if someone else changed the note since the thread read it (its words are named)
            command = commands.DeleteCommand(
                self.inspector.ctx, "notes", item.data(Qt.ItemDataRole.UserRole), text=self.tr("Delete note"),
                expected=item.data(VERSION_ROLE), base={"body": item.toolTip()})
            commands.push(self.inspector.ctx, command)
        except ConflictError as exc:
            self.inspector.editor.report_conflict(exc, command)
            self.load(self.record_id)
            return
        except ServiceCommunityError as exc:
            self.inspector.editor.error.emit(str(exc))
            return
        self.load(self.record_id)


class FormPage(QWidget):
    """A form over one record of ``section``: loads plain values, commits one field at a time."""

    def __init__(self, inspector: Inspector, section: str, title: str, specs: Sequence[FieldSpec]) -> None:
        super().__init__()
        self.inspector = inspector
        self.section = section
        self.record_id: str | None = None
        self.record: dict[str, Any] = {}
        self.bound: dict[str, _Bound] = {}
        self._loading = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 10)
        self.heading = heading(title)
        layout.addWidget(self.heading)
        self.subtitle = hint("")
        layout.addWidget(self.subtitle)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        layout.addLayout(self.form)
        for spec in specs:
            self._add(spec)
        self.buttons = ButtonRow()
        layout.addLayout(self.buttons)
        self.notes: NotesThread | None = None  # the thread, on a step's or a dependency's page
        if section in ("steps", "dependencies"):
            self.notes = NotesThread(inspector, section)
            layout.addWidget(self.notes)
        layout.addStretch(1)

    #: the least room a field keeps beside its label; less, and every label goes above its field
    FIELD_ROOM = 200

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_rows()

    def _fit_rows(self) -> None:
        """Labels beside their fields when the column is wide enough, else above them (a 330 px
        column, or a long Welsh label): each field then has the column's whole width."""
        labels = [self.form.itemAt(row, QFormLayout.ItemRole.LabelRole) for row in range(self.form.rowCount())]
        widest = max((item.sizeHint().width() for item in labels if item is not None), default=0)
        layout = self.layout()
        sides = (layout.contentsMargins().left() + layout.contentsMargins().right()) if layout is not None else 0
        room = self.width() - sides - widest - max(self.form.horizontalSpacing(), 0)
        policy = (QFormLayout.RowWrapPolicy.WrapAllRows if room < self.FIELD_ROOM
                  else QFormLayout.RowWrapPolicy.WrapLongRows)
        if self.form.rowWrapPolicy() != policy:
            self.form.setRowWrapPolicy(policy)

    # --- building -------------------------------------------------------------------------------

    def _add(self, spec: FieldSpec) -> None:
        widget = self._make(spec)
        widget.setAccessibleName(spec.label)
        widget.setObjectName(f"{self.section}.{spec.key}")
        if spec.hint:
            widget.setToolTip(spec.hint)
        label = QLabel(spec.label + ":")
        label.setBuddy(widget)
        self.form.addRow(label, widget)
        self.bound[spec.key] = _Bound(spec, widget)

    def _make(self, spec: FieldSpec) -> QWidget:
        kind = spec.kind

        def commit() -> None:  # a small closure per field
            self.commit(spec.key)

        if kind == "line":
            line = QLineEdit()
            line.editingFinished.connect(commit)
            return line
        if kind == "text":
            text = QPlainTextEdit()
            text.setTabChangesFocus(True)
            text.setMinimumHeight(64)
            text.setMaximumHeight(120)
            text.installEventFilter(_FocusOut(commit, text))
            return text
        if kind in ("choice", "emotion"):
            combo = QComboBox()
            combo.activated.connect(lambda _i: commit())
            return combo
        if kind == "bool":
            check = QCheckBox()
            check.toggled.connect(lambda _on: commit())
            return check
        if kind == "channels":
            box = QWidget()
            row = ButtonRow(box)  # the channels wrap onto two rows in a narrow column
            row.setContentsMargins(0, 0, 0, 0)
            for channel in enums.Channel:
                check = QCheckBox(value_label(channel.value))
                check.setObjectName(f"channel.{channel.value}")
                check.setAccessibleName(translate("Inspector", "Channel: {0}").format(value_label(channel.value)))
                check.toggled.connect(lambda _on: commit())
                row.addWidget(check)
            row.addStretch(1)
            return box
        if kind == "checklist":
            checklist = QListWidget()
            checklist.setMinimumHeight(90)
            checklist.setMaximumHeight(170)
            checklist.itemChanged.connect(lambda _item: None if self._loading else commit())
            return checklist
        if kind in ("number", "percent"):
            spin = QDoubleSpinBox()
            spin.setDecimals(2 if kind == "number" else 1)
            spin.setRange(-1.0, 100.0 if kind == "percent" else spec.maximum)
            spin.setSpecialValueText(translate("Inspector", "not known"))
            spin.setSuffix(spec.suffix)
            spin.setPrefix(spec.prefix)
            spin.setKeyboardTracking(False)
            spin.valueChanged.connect(lambda _v: None if self._loading else commit())
            return spin
        if kind == "int":
            int_spin = QSpinBox()
            int_spin.setRange(-1, 2_000_000_000)
            int_spin.setSpecialValueText(translate("Inspector", "not known"))
            int_spin.setSuffix(spec.suffix)
            int_spin.setKeyboardTracking(False)
            int_spin.valueChanged.connect(lambda _v: None if self._loading else commit())
            return int_spin
        raise ValueError(kind)

    # --- loading --------------------------------------------------------------------------------

    def load(self, record_id: str | None, record: dict[str, Any]) -> None:
        same = record_id == self.record_id
        self.record_id = record_id
        self.record = record
        self._loading = True
        try:
            for key, bound in self.bound.items():
                if same and bound.widget.hasFocus() and bound.spec.kind in ("line", "text"):
                    continue  # do not overwrite what is being typed
                self._set(bound, record.get(key))
        finally:
            self._loading = False

    def _set(self, bound: _Bound, value: Any) -> None:
        w, kind = bound.widget, bound.spec.kind
        bound.value = value
        blocker = [w.blockSignals(True)]
        try:
            if kind == "line":
                line = cast(QLineEdit, w)
                if line.text() != (value or ""):
                    line.setText(value or "")
                    line.setCursorPosition(0)
            elif kind == "text":
                text = cast(QPlainTextEdit, w)
                if text.toPlainText() != (value or ""):
                    text.setPlainText(value or "")
            elif kind in ("choice", "emotion"):
                combo = cast(QComboBox, w)
                combo.clear()
                choices = list(bound.spec.choices()) if bound.spec.choices else []
                for label, data in choices:
                    combo.addItem(label, data)
                index = next((i for i, (_l, d) in enumerate(choices) if d == value), -1)
                if index < 0 and value is not None:
                    combo.addItem(str(value), value)
                    index = combo.count() - 1
                combo.setCurrentIndex(index)
            elif kind == "bool":
                check = cast(QCheckBox, w)
                check.setChecked(bool(value))
            elif kind == "channels":
                values = set(value or [])
                for check in w.findChildren(QCheckBox):
                    check.blockSignals(True)
                    check.setChecked(check.objectName().removeprefix("channel.") in values)
                    check.blockSignals(False)
            elif kind == "checklist":
                checklist = cast(QListWidget, w)
                checklist.clear()
                chosen = set(value or [])
                choices = list(bound.spec.choices()) if bound.spec.choices else []
                choices.sort(key=lambda c: (c[1] not in chosen, c[0].casefold()))
                for label, data in choices:
                    item = QListWidgetItem(label)
                    item.setData(Qt.ItemDataRole.UserRole, data)
                    item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                    item.setCheckState(Qt.CheckState.Checked if data in chosen else Qt.CheckState.Unchecked)
                    checklist.addItem(item)
            elif kind in ("number", "percent", "int"):
                spin = cast("QSpinBox | QDoubleSpinBox", w)
                spin.setValue(spin.minimum() if value is None else value)
        finally:
            w.blockSignals(blocker[0])

    def _get(self, bound: _Bound) -> Any:
        w, kind = bound.widget, bound.spec.kind
        if kind == "line":
            line = cast(QLineEdit, w)
            return line.text().strip()
        if kind == "text":
            text = cast(QPlainTextEdit, w)
            return text.toPlainText()
        if kind in ("choice", "emotion"):
            combo = cast(QComboBox, w)
            return combo.currentData()
        if kind == "bool":
            check = cast(QCheckBox, w)
            return check.isChecked()
        if kind == "channels":
            ticked = {c.objectName().removeprefix("channel.") for c in w.findChildren(QCheckBox) if c.isChecked()}
            return [c.value for c in enums.Channel if c.value in ticked]
        if kind == "checklist":
            checklist = cast(QListWidget, w)
            out = []
            for i in range(checklist.count()):
                item = checklist.item(i)
                if item.checkState() == Qt.CheckState.Checked:
                    out.append(item.data(Qt.ItemDataRole.UserRole))
            return sorted(out)
        if kind in ("number", "percent", "int"):
            spin = cast("QSpinBox | QDoubleSpinBox", w)
            return None if spin.value() == spin.minimum() else spin.value()
        raise ValueError(kind)

    # --- committing -----------------------------------------------------------------------------

    def commit(self, key: str) -> None:
        if self._loading or self.record_id is None:
            return
        bound = self.bound[key]
        new = self._get(bound)
        old = self.record.get(key)
        if bound.spec.kind in ("checklist", "channels"):
            same = sorted(new or []) == sorted(old or [])
        else:
            same = new == old or (new in ("", None) and old in ("", None))
        if same:
            return
        if bound.spec.kind == "line" and not new and key in ("title", "name"):
            self._set(bound, old)  # a title cannot be empty: put it back
            self.inspector.status(translate("Inspector", "The {0} cannot be empty.").format(bound.spec.label.lower()))
            return
        if self.inspector.commit(self, key, new, old):
            self.record[key] = new
        else:
            self._set(bound, old)


class Inspector(QWidget):
    """The selected record's fields. Public: :meth:`show_selection`, :meth:`focus_first_field`."""

    def __init__(self, ctx: AppContext, editor: MapEditor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.editor = editor
        self.setObjectName("Inspector")
        self.setAccessibleName(translate("Inspector", "Inspector"))
        self.selection: dict[str, list[str]] = {}
        self.map_data: Any = None  # the map's MapData (for moves); set by the window
        self.status_callback: Callable[[str], None] | None = None
        self.delete_stage_callback: Callable[[str], None] | None = None  # asks before deleting
        self.stack = QStackedWidget()
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.stack)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)
        self.journey_page = self._journey_page()
        self.step_page = self._step_page()
        self.dependency_page = self._dependency_page()
        self.stage_page = self._stage_page()
        self.many_page = self._many_page()
        for page in (self.journey_page, self.step_page, self.dependency_page, self.stage_page, self.many_page):
            self.stack.addWidget(page)
        self.stack.currentChanged.connect(self._size_to_page)
        self._size_to_page()
        ctx.selection_changed.connect(self.show_selection)
        ctx.changed.connect(self._on_changed)
        ctx.journey_changed.connect(self._on_journey_changed)
        self.show_selection({})

    # --- choices read from the workspace ------------------------------------------------------

    def _community_id(self) -> str | None:
        journey_id = self.ctx.journey_id
        if not journey_id:
            return None
        return self.ctx.read(lambda s: inspector_queries.journey_community(s, journey_id))

    def organisations(self) -> list[tuple[str, Any]]:
        cid = self._community_id()
        return self.ctx.read(lambda s: inspector_queries.organisation_choices(s, cid)) if cid else []

    def owner_choices(self) -> list[tuple[str, Any]]:
        return [(translate("Inspector", "No owner yet"), None), *self.organisations()]

    def stage_choices(self) -> list[tuple[str, Any]]:
        jid = self.ctx.journey_id
        if not jid:
            return []
        rows = self.ctx.read(lambda s: inspector_queries.stages(s, jid))
        return [(f"{i + 1}. {r.name}", r.id) for i, r in enumerate(rows)]

    def data_item_choices(self) -> list[tuple[str, Any]]:
        cid = self._community_id()
        if not cid:
            return []
        rows = self.ctx.read(lambda s: inspector_queries.data_items(s, cid))
        return [(r.name, r.id) for r in rows]

    # --- pages ----------------------------------------------------------------------------------

    def _step_page(self) -> FormPage:
        feelings = [(translate("Inspector", "Not recorded"), None)] + [(f"{word} ({value:+d})", value) for value, word in
                                                ((2, translate("Inspector", "Delighted")), (1, translate("Inspector", "Happy")), (0, translate("Inspector", "Neutral")),
                                                 (-1, translate("Inspector", "Unhappy")), (-2, translate("Inspector", "Distressed")))]
        specs = [
            FieldSpec("title", translate("Inspector", "Title"), "line"),
            FieldSpec("stage_id", translate("Inspector", "Stage"), "choice", self.stage_choices),
            FieldSpec("owner_id", translate("Inspector", "Owner"), "choice", self.owner_choices, hint=translate("Inspector", "The organisation that owns this step")),
            FieldSpec("supporter_ids", translate("Inspector", "Supported by"), "checklist", self.organisations,
                      hint=translate("Inspector", "Organisations that support this step without owning it")),
            FieldSpec("description", translate("Inspector", "Description"), "text"),
            FieldSpec("channels", translate("Inspector", "Channels"), "channels", hint=translate("Inspector", "How people can do this step")),
            FieldSpec("touchpoint", translate("Inspector", "Touchpoint"), "line", hint=translate("Inspector", "A GOV.UK page, a form, a call centre…")),
            FieldSpec("touchpoint_url", translate("Inspector", "Touchpoint link"), "line"),
            FieldSpec("duration_hours", translate("Inspector", "Takes"), "number", suffix=translate("Inspector", " hours"), merge=True,
                      hint=translate("Inspector", "The user's own time on this step; waiting goes below, where you know it")),
            FieldSpec("wait_hours", translate("Inspector", "Then waits"), "number", suffix=translate("Inspector", " hours"), merge=True,
                      hint=translate("Inspector", "How long the user typically waits here: for a decision, a letter, a licence")),
            FieldSpec("emotion", translate("Inspector", "How the user feels"), "emotion", lambda: feelings),
            FieldSpec("pain_points", translate("Inspector", "Pain points"), "text"),
            FieldSpec("data_item_ids", translate("Inspector", "Data it asks for"), "checklist", self.data_item_choices),
            FieldSpec("monthly_volume", translate("Inspector", "Transactions a month"), "int", merge=True),
            FieldSpec("cost_per_transaction", translate("Inspector", "Cost per transaction"), "number", prefix="£ ", merge=True),
            FieldSpec("user_satisfaction", translate("Inspector", "User satisfaction"), "percent", suffix=" %", merge=True),
            FieldSpec("completion_rate", translate("Inspector", "Completion rate"), "percent", suffix=" %", merge=True),
            FieldSpec("digital_take_up", translate("Inspector", "Digital take-up"), "percent", suffix=" %", merge=True),
        ]
        page = FormPage(self, "steps", translate("Inspector", "Step"), specs)
        new_item = QPushButton(translate("Inspector", "New data item…"))
        new_item.setToolTip(translate("Inspector", "Add something steps ask the user for (for example “National Insurance number”)"))
        new_item.clicked.connect(self.new_data_item)
        # PySide6's stub says object; Qt returns (row, role)
        position = page.form.getWidgetPosition(page.bound["data_item_ids"].widget)
        row, _role = cast(tuple[int, QFormLayout.ItemRole], position)
        page.form.insertRow(row + 1, "", new_item)
        raise_button = QPushButton(translate("Inspector", "Raise blocker…"))
        raise_button.clicked.connect(self._raise_blocker)
        delete = QPushButton(translate("Inspector", "Delete step"))
        delete.clicked.connect(lambda: self.editor.delete(step_ids=[page.record_id], shown={page.record_id: page.record or {}})
                               if page.record_id else None)
        page.buttons.addWidget(raise_button)
        page.buttons.addWidget(delete)
        page.buttons.addStretch(1)
        return page

    def _dependency_page(self) -> FormPage:
        kinds = [(value_label(k.value), k.value) for k in enums.DependencyKind]
        modes = [(translate("Inspector", "Not set"), None)] + [(value_label(m.value), m.value) for m in enums.HandoffMode]
        specs = [
            FieldSpec("kind", translate("Inspector", "Kind"), "choice", lambda: kinds,
                      hint=translate("Inspector", "Sequence: one after the other. Needs: cannot start without. Data hand-off: data passes. Alternative: one or the other.")),
            FieldSpec("handoff_mode", translate("Inspector", "Hand-off by"), "choice", lambda: modes),
            FieldSpec("agreed", translate("Inspector", "Agreed between the organisations"), "bool"),
            FieldSpec("note", translate("Inspector", "Note"), "text"),
        ]
        page = FormPage(self, "dependencies", translate("Inspector", "Dependency"), specs)
        raise_button = QPushButton(translate("Inspector", "Raise blocker…"))
        raise_button.clicked.connect(self._raise_blocker)
        delete = QPushButton(translate("Inspector", "Delete dependency"))
        delete.clicked.connect(lambda: self.editor.delete(dependency_ids=[page.record_id], shown={page.record_id: page.record or {}})
                               if page.record_id else None)
        page.buttons.addWidget(raise_button)
        page.buttons.addWidget(delete)
        page.buttons.addStretch(1)
        return page

    def _stage_page(self) -> FormPage:
        specs = [FieldSpec("name", translate("Inspector", "Name"), "line"), FieldSpec("description", translate("Inspector", "Description"), "text")]
        page = FormPage(self, "stages", translate("Inspector", "Stage"), specs)
        earlier = QPushButton(translate("Inspector", "Move earlier"))
        later = QPushButton(translate("Inspector", "Move later"))
        delete = QPushButton(translate("Inspector", "Delete stage"))
        earlier.clicked.connect(lambda: self._move_stage(-1))
        later.clicked.connect(lambda: self._move_stage(1))
        delete.clicked.connect(self._delete_stage)
        for b in (earlier, later, delete):
            page.buttons.addWidget(b)
        page.buttons.addStretch(1)
        return page

    def _journey_page(self) -> FormPage:
        statuses = [(value_label(s.value), s.value) for s in enums.JourneyStatus]
        specs = [
            FieldSpec("name", translate("Inspector", "Name"), "line"),
            FieldSpec("persona", translate("Inspector", "For (persona)"), "text"),
            FieldSpec("user_need", translate("Inspector", "User need"), "text"),
            FieldSpec("status", translate("Inspector", "Map of"), "choice", lambda: statuses, hint=translate("Inspector", "As is: the journey today. To be: the one you want.")),
            FieldSpec("description", translate("Inspector", "Description"), "text"),
        ]
        page = FormPage(self, "journeys", translate("Inspector", "Journey"), specs)
        page.subtitle.setText(translate("Inspector", "Nothing is selected on the map: these are the journey's own details."))
        return page

    def _many_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(10, 6, 10, 10)
        self.many_heading = heading(translate("Inspector", "Several steps"))
        layout.addWidget(self.many_heading)
        layout.addWidget(hint(translate("Inspector", "Changes here apply to every selected step, as one undo entry.")))
        form = QFormLayout()
        self.many_owner = QComboBox()
        self.many_owner.setAccessibleName(translate("Inspector", "Owner of the selected steps"))
        self.many_owner.activated.connect(lambda _i: self._apply_many("owner_id", self.many_owner.currentData()))
        self.many_stage = QComboBox()
        self.many_stage.setAccessibleName(translate("Inspector", "Stage of the selected steps"))
        self.many_stage.activated.connect(lambda _i: self._apply_many("stage_id", self.many_stage.currentData()))
        form.addRow(translate("Inspector", "Owner:"), self.many_owner)
        form.addRow(translate("Inspector", "Stage:"), self.many_stage)
        layout.addLayout(form)
        row = ButtonRow()
        raise_button = QPushButton(translate("Inspector", "Raise blocker…"))
        raise_button.clicked.connect(self._raise_blocker)
        delete = QPushButton(translate("Inspector", "Delete these steps"))
        delete.clicked.connect(lambda: self.editor.delete(step_ids=self.selection.get("steps", [])))
        row.addWidget(raise_button)
        row.addWidget(delete)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(1)
        return page

    # --- following the selection ----------------------------------------------------------------

    def show_selection(self, selection: Any) -> None:
        self.selection = {k: list(v) for k, v in dict(selection or {}).items()}
        steps = self.selection.get("steps", [])
        deps = self.selection.get("dependencies", [])
        stages = self.selection.get("stages", [])
        if len(steps) == 1 and not deps:
            self._show(self.step_page, steps[0])
        elif len(steps) > 1:
            self.many_heading.setText(translate("Inspector", "{0} steps selected").format(len(steps)))
            for combo, choices in ((self.many_owner, self.owner_choices()), (self.many_stage, self.stage_choices())):
                combo.clear()
                combo.addItem(translate("Inspector", "(leave as they are)"), NONE)
                for label, data in choices:
                    combo.addItem(label, data)
            self.stack.setCurrentWidget(self.many_page)
        elif len(deps) == 1 and not steps:
            self._show(self.dependency_page, deps[0])
        elif stages:
            self._show(self.stage_page, stages[0])
        elif self.ctx.journey_id:
            self._show(self.journey_page, self.ctx.journey_id)
        else:
            self.journey_page.load(None, {})
            self.stack.setCurrentWidget(self.journey_page)

    def _on_journey_changed(self, _journey_id: str) -> None:
        self.show_selection({})

    def _show(self, page: FormPage, record_id: str) -> None:
        record = self._read(page.section, record_id)
        if record is None:
            return
        if page is self.dependency_page:
            page.subtitle.setText(self._describe_dependency(record))
        page.load(record_id, record)
        if page.notes is not None:
            page.notes.load(record_id)
        self.stack.setCurrentWidget(page)

    def _read(self, section: str, record_id: str) -> dict[str, Any] | None:
        return self.ctx.read(lambda s: inspector_queries.record(s, section, record_id))

    def _describe_dependency(self, record: dict[str, Any]) -> str:
        a = self._read("steps", record["from_step_id"])
        b = self._read("steps", record["to_step_id"])
        return translate("Inspector", "From “{0}” to “{1}”").format(a["title"] if a else "?", b["title"] if b else "?")

    def _on_changed(self, changes: Changes) -> None:
        page = self.stack.currentWidget()
        if isinstance(page, FormPage) and page.record_id:
            lists = changes.touches("organisations", "data_items", "stages")
            # no ids: a change on a team workspace's server, which does not say which records
            elsewhere = not changes.ids and changes.touches(page.section)
            if page.record_id in changes.ids or lists or elsewhere:
                record = self._read(page.section, page.record_id)
                if record is None:
                    self.show_selection({})
                    return
                page.load(page.record_id, record)
            if page.notes is not None and changes.touches("notes", "members"):
                page.notes.load(page.record_id)

    def current_page(self) -> QWidget | None:
        return self.stack.currentWidget()

    def _size_to_page(self, _index: int = -1) -> None:
        """Only the page shown sets the inspector's minimum size (a stacked widget takes the widest of
        all its pages, so a hidden page's long row would make the shown one scroll sideways)."""
        shown = self.stack.currentWidget()
        for i in range(self.stack.count()):
            page = self.stack.widget(i)
            policy = QSizePolicy.Policy.Preferred if page is shown else QSizePolicy.Policy.Ignored
            if page is not None:
                page.setSizePolicy(policy, policy)
        self.stack.updateGeometry()

    def focus_first_field(self) -> None:
        page = self.stack.currentWidget()
        if isinstance(page, FormPage) and page.bound:
            first = next(iter(page.bound.values())).widget
            first.setFocus(Qt.FocusReason.OtherFocusReason)
            if isinstance(first, QLineEdit):
                first.selectAll()

    def status(self, message: str) -> None:
        if self.status_callback is not None:
            self.status_callback(message)

    # --- committing -----------------------------------------------------------------------------

    def commit(self, page: FormPage, key: str, new: Any, old: Any) -> bool:
        """One field of one record changed: one undo entry (a move for a step's stage or owner)."""
        if page.section == "steps" and key in ("stage_id", "owner_id") and self.map_data is not None:
            record = page.record
            move = Move(
                page.record_id or "",
                new if key == "stage_id" else record["stage_id"],
                None,
                new if key == "owner_id" else record.get("owner_id"),
                change_owner=key == "owner_id",
            )
            return self.editor.move_steps([move], self.map_data)
        spec = page.bound[key].spec
        label = spec.label.lower()
        noun = services.NOUN.get(page.section, page.section)
        merge = f"{page.record_id}:{key}" if spec.merge else None
        return self.editor.update(page.section, page.record_id or "", {key: new}, {key: old},
                                  text=translate("Inspector", "Change {0} {1}").format(noun, label), merge_key=merge,
                                  expected=(page.record or {}).get("updated_at"))  # the version shown

    def _apply_many(self, key: str, value: Any) -> None:
        if value is NONE:
            return
        steps = self.selection.get("steps", [])
        data = self.map_data
        if data is None or not steps:
            return
        by_id = {s.id: s for s in data.steps}
        moves = []
        for sid in steps:
            step = by_id.get(sid)
            if step is None:
                continue
            if key == "owner_id":
                moves.append(Move(sid, step.stage_id, None, value, change_owner=True))
            else:
                moves.append(Move(sid, value, None, step.owner_id, change_owner=False))
        self.editor.move_steps(moves, data)
        QTimer.singleShot(0, lambda: self.show_selection(self.selection))

    def _raise_blocker(self) -> None:
        self.ctx.raise_blocker_requested.emit({
            "step_ids": list(self.selection.get("steps", [])),
            "dependency_ids": list(self.selection.get("dependencies", [])),
        })

    def _move_stage(self, delta: int) -> None:
        page = self.stage_page
        if page.record_id and self.map_data is not None:
            self.editor.move_stage(self.map_data, page.record_id, delta)

    def _delete_stage(self) -> None:
        page = self.stage_page
        if page.record_id and self.delete_stage_callback is not None:
            self.delete_stage_callback(page.record_id)

    def new_data_item(self) -> None:
        """Ask for a name, create the data item and tick it on the step: one undo entry."""
        from ui import dialogs

        page = self.step_page
        cid = self._community_id()
        if not page.record_id or not cid:
            return
        name = dialogs.ask_text(self, translate("Inspector", "New data item"), translate("Inspector", "What the step asks the user for:"), "")
        if not name or not name.strip():
            return
        old = sorted(page.record.get("data_item_ids") or [])
        seen = page.record.get("updated_at")  # as shown: adding the item makes the page read the step again
        stack = self.ctx.undo_stack
        stack.beginMacro(f"Add data item “{name.strip()}”")
        item_id = None
        try:
            item_id = commands.push(self.ctx, commands.CreateCommand(
                self.ctx, "data_items", {"community_id": cid, "name": name.strip()}))
            commands.push(self.ctx, commands.UpdateCommand(
                self.ctx, "steps", page.record_id, {"data_item_ids": sorted([*old, item_id])}, {"data_item_ids": old},
                expected=seen))
        except ServiceCommunityError as exc:
            stack.endMacro()
            if item_id is not None:  # the step was refused: the new item goes too, nothing half done
                commands.discard_last(stack)
            if isinstance(exc, ConflictError):
                self.editor.report_conflict(exc)
            else:
                self.editor.error.emit(str(exc))
            return
        stack.endMacro()


__all__ = ["FieldSpec", "FormPage", "Inspector", "NotesThread"]
