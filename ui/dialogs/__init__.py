"""Small modal dialogs, each a plain function or an ``ask()`` classmethod returning plain values.

Everything that would block on a person answering goes through this module, so tests patch
``ui.dialogs.confirm`` (and friends) instead of driving a modal loop (pytest-qt's advice). Callers
look the functions up on the module (``dialogs.confirm(...)``), never import them by name.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFrame,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from servicecommunity import __version__
from ui.i18n import QT_TRANSLATE_NOOP, translate

#: file choosers' filters (English; translated by ask_open_path and ask_save_path, where they are shown)
WORKSPACE_FILTER = QT_TRANSLATE_NOOP("FileFilters", "Service Community workspaces (*.sqlite *.db);;All files (*)")
BUNDLE_FILTER = QT_TRANSLATE_NOOP("FileFilters", "Service Community bundles (*.json);;All files (*)")


#: the share of the screen's free area a dialog may take at most (leaves the task bar and a margin)
SCREEN_SHARE = 0.92


def available_geometry(widget: QWidget) -> QRect:
    """The free area of the screen ``widget`` opens on: its parent window's screen for a dialog not shown yet."""
    parent = widget.parentWidget()
    host = parent.window() if parent is not None else widget
    screen = host.screen() or QGuiApplication.primaryScreen()
    return QRect(screen.availableGeometry())


def fit_to_screen(dialog: QWidget, preferred: QSize | tuple[int, int]) -> QSize:
    """Resize ``dialog`` to ``preferred``, or less where its screen's free area is smaller (high-DPI
    scaling, small laptops): 1060x620 on 1920x1080 at 100%, at most 883x474 at 200% (960x516 free)."""
    want = preferred if isinstance(preferred, QSize) else QSize(*preferred)
    area = available_geometry(dialog)
    size = QSize(min(want.width(), int(area.width() * SCREEN_SHARE)), min(want.height(), int(area.height() * SCREEN_SHARE)))
    dialog.resize(size)
    return size


def scrolling(content: QWidget) -> QScrollArea:
    """``content`` in a frameless area that scrolls up and down when the screen is too short for it (a
    long form at 200%); Tab into a control below the fold scrolls it into view."""
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes straight to the form's controls
    area.setWidget(content)
    return area


def show_error(parent: QWidget | None, title: str, text: str) -> None:
    QMessageBox.warning(parent, title, text)


def show_info(parent: QWidget | None, title: str, text: str) -> None:
    QMessageBox.information(parent, title, text)


def confirm(parent: QWidget | None, title: str, text: str) -> bool:
    answer = QMessageBox.question(parent, title, text, QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                  QMessageBox.StandardButton.No)
    return answer == QMessageBox.StandardButton.Yes


def ask_text(parent: QWidget | None, title: str, label: str, text: str = "") -> str | None:
    """A line of text, or None if cancelled."""
    value, ok = QInputDialog.getText(parent, title, label, QLineEdit.EchoMode.Normal, text)
    return value if ok else None


def ask_open_path(parent: QWidget | None, caption: str, file_filter: str, folder: str = "") -> Path | None:
    path, _ = QFileDialog.getOpenFileName(parent, caption, folder, translate("FileFilters", file_filter))
    return Path(path) if path else None


def ask_save_path(parent: QWidget | None, caption: str, file_filter: str, suggested: str = "") -> Path | None:
    path, _ = QFileDialog.getSaveFileName(parent, caption, suggested, translate("FileFilters", file_filter))
    return Path(path) if path else None


class StartupProblem(QDialog):
    """The workspace could not be opened: say why, offer another file, a new one, or quitting."""

    def __init__(self, message: str, parent: QWidget | None = None, *, backup: str | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("StartupProblem", "Service Community cannot open the workspace"))
        self.choice = "quit"
        layout = QVBoxLayout(self)
        text = QLabel(message)
        text.setWordWrap(True)
        text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(text)
        layout.addWidget(QLabel(translate("StartupProblem", "Nothing was changed in that file.")))
        choices = [(translate("StartupProblem", "Open another workspace…"), "open"),
                   (translate("StartupProblem", "Start a new workspace…"), "new"), (translate("StartupProblem", "Quit"), "quit")]
        if backup is not None:
            offer = QLabel(translate("StartupProblem", "The latest good backup is from {0}. Restoring it keeps the damaged "
                                     "file beside it, renamed, so nothing is lost; changes made since that backup are not "
                                     "in it.").format(backup))
            offer.setWordWrap(True)
            layout.addWidget(offer)
            choices.insert(0, (translate("StartupProblem", "&Restore the backup from {0}").format(backup), "restore"))
        buttons = QDialogButtonBox()
        for label, choice in choices:
            button = QPushButton(label)
            button.clicked.connect(lambda _checked=False, c=choice: self._choose(c))
            role = QDialogButtonBox.ButtonRole.RejectRole if choice == "quit" else QDialogButtonBox.ButtonRole.AcceptRole
            buttons.addButton(button, role)
        layout.addWidget(buttons)

    def _choose(self, choice: str) -> None:
        self.choice = choice
        self.accept() if choice != "quit" else self.reject()

    @classmethod
    def ask(cls, message: str, parent: QWidget | None = None, *, backup: str | None = None) -> str:
        """``"open"``, ``"new"``, ``"quit"``, or ``"restore"`` when ``backup`` (its date, in words) is offered."""
        dialog = cls(message, parent, backup=backup)
        dialog.exec()
        return dialog.choice


class ShortcutsDialog(QDialog):
    """Every action of the window and its keys, generated from the actions themselves."""

    def __init__(self, actions: Sequence[tuple[str, QAction]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("ShortcutsDialog", "Keyboard shortcuts"))
        layout = QVBoxLayout(self)
        intro = QLabel(translate("ShortcutsDialog", "Every command has a key. On the map: arrow keys move between cards, "
                       "Shift+arrows extend the selection, Ctrl+arrows move the selected cards "
                       "to the next stage or lane, Ctrl+Shift+Left/Right move a card within its stage, "
                       "Enter or F2 edits the title, Escape clears the selection, "
                       "Space+drag or the middle button pans, Ctrl+wheel zooms."))
        intro.setWordWrap(True)  # one long line made the dialog 2,000 px wide
        layout.addWidget(intro)
        table = QTableWidget(0, 3)
        table.setHorizontalHeaderLabels([translate("ShortcutsDialog", "Menu"), translate("ShortcutsDialog", "Command"),
                                         translate("ShortcutsDialog", "Keys")])
        table.verticalHeader().setVisible(False)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAccessibleName(translate("ShortcutsDialog", "Keyboard shortcuts"))
        table.setTabKeyNavigation(False)  # Tab goes on to Close; arrows move inside
        for menu, action in actions:
            keys = ", ".join(k.toString(k.SequenceFormat.NativeText) for k in action.shortcuts())
            if not keys:
                continue
            row = table.rowCount()
            table.insertRow(row)
            for col, text in enumerate((menu, action.text().replace("&", "").rstrip("…."), keys)):
                table.setItem(row, col, QTableWidgetItem(text))
        table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        table.resizeColumnToContents(0)
        table.resizeColumnToContents(2)
        self.table = table
        layout.addWidget(table)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        fit_to_screen(self, (620, 560))

    @classmethod
    def ask(cls, actions: Sequence[tuple[str, QAction]], parent: QWidget | None = None) -> None:
        cls(actions, parent).exec()


def about(parent: QWidget | None) -> None:
    QMessageBox.about(
        parent,
        translate("About", "About Service Community"),
        f"<h3>Service Community {__version__}</h3>"
        + translate("About", "<p>Map an end-to-end public service with the organisations that own each step, "
                    "find where the journey breaks, and keep the blockers moving.</p>"
                    "<p>Offline: a workspace is one file on this computer; maps travel as files.</p>"),
    )


__all__ = [
    "ShortcutsDialog",
    "StartupProblem",
    "about",
    "ask_open_path",
    "ask_save_path",
    "ask_text",
    "available_geometry",
    "confirm",
    "fit_to_screen",
    "scrolling",
    "show_error",
    "show_info",
]


def choose_duplicates(parent: QWidget | None, pairs: Sequence[str]) -> int | None:
    """Which pair of likely duplicates to join (an index into ``pairs``), or None."""
    from PySide6.QtWidgets import QInputDialog

    text, ok = QInputDialog.getItem(parent, translate("dialogs.__init__", "Join duplicates"),
                                    translate("dialogs.__init__", "These were named alike, most likely on two laptops. "
                                              "Join which?\nThe second becomes the first everywhere; Undo puts both back."),
                                    list(pairs), 0, False)
    return list(pairs).index(text) if ok and text in pairs else None
