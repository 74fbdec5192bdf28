"""The welcome: on the very first start, over the demo the workspace opens with, a few sentences on
what the app is for and three ways in (explore the demo, start a blank journey, import a file).
Shown once (:data:`ui.settings.WELCOME_SEEN`); Help > Welcome shows it again.

The dialog is window-modal and opened with ``open()``, not ``exec()``: the window behind it is
drawn and usable as soon as the welcome goes, and nothing waits on a nested event loop.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QCommandLinkButton, QDialog, QLabel, QVBoxLayout, QWidget

from ui import settings

#: the demo community's journey (servicecommunity/resources/demo/starting-a-business.json)
DEMO_JOURNEY = "Starting a Business"
DEMO, BLANK, IMPORT = "demo", "blank", "import"


class WelcomeDialog(QDialog):
    """What the app is for, and three ways in; ``chosen`` says which (after the dialog closes)."""

    chosen = Signal(str)

    def __init__(self, has_demo: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("WelcomeDialog")
        self.setWindowTitle(self.tr("Welcome to Service Community"))
        self.setAccessibleName(self.tr("Welcome"))
        heading = QLabel(self.tr("<h2>Map a journey across government</h2>"))
        heading.setTextFormat(Qt.TextFormat.RichText)
        about = QLabel(self.tr(
            "Service Community maps what a person goes through to get something done: the steps, "
            "which organisation owns each one, the hand-offs between them and the blockers in the way. "
            "Everything stays on this computer, in your workspace; share a map with another "
            "department as a bundle file. A demo community is loaded so that you can look around first."))
        about.setWordWrap(True)
        about.setTextFormat(Qt.TextFormat.PlainText)
        self.about = about

        def button(text: str, description: str, accessible: str) -> QCommandLinkButton:
            b = QCommandLinkButton(text, description, self)
            b.setAccessibleName(accessible)
            b.setAccessibleDescription(description)
            return b

        self.demo_button = button(self.tr("&Explore the demo"),
                                  self.tr("Starting a Business: the organisations involved, their hand-offs and blockers."),
                                  self.tr("Explore the demo"))
        if not has_demo:
            self.demo_button.setEnabled(False)
            self.demo_button.setDescription(self.tr("This workspace has no demo journey."))
        self.blank_button = button(self.tr("Start a &blank journey…"),
                                   self.tr("Name it, then add organisations, stages and steps from the keyboard."),
                                   self.tr("Start a blank journey"))
        self.import_button = button(self.tr("&Import a file…"),
                                    self.tr("A bundle from a colleague, a spreadsheet or a GOV.UK step by step."),
                                    self.tr("Import a file"))
        hint = QLabel(self.tr("Help > Welcome shows this again; Help > Keyboard shortcuts lists every command."))
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(about)
        for b, choice in ((self.demo_button, DEMO), (self.blank_button, BLANK), (self.import_button, IMPORT)):
            layout.addWidget(b)
            b.clicked.connect(lambda _checked=False, c=choice: self._choose(c))
        layout.addWidget(hint)
        default = self.demo_button if has_demo else self.blank_button
        default.setDefault(True)
        default.setFocus()
        self.choice: str | None = None
        self.setMaximumWidth(620)  # fits a 1366x768 screen with room to spare
        self.resize(560, self.sizeHint().height())

    def _choose(self, choice: str) -> None:
        self.choice = choice
        self.accept()

    def done(self, result: int) -> None:  # every way of closing passes here (Esc too)
        super().done(result)
        if self.choice is not None:
            choice, self.choice = self.choice, None
            self.chosen.emit(choice)


def _tr(text: str) -> str:
    return QCoreApplication.translate("Welcome", text)


def _demo_journey(window: Any) -> str | None:
    from servicecommunity.domain.errors import NotFoundError
    from servicecommunity.exchange.bundle import journey_by_name

    try:
        return str(window.ctx.read(lambda s: journey_by_name(s, DEMO_JOURNEY).id))
    except NotFoundError:
        return None


def act(window: Any, choice: str) -> None:
    """Do what the welcome's button offered, in ``window``."""
    if choice == DEMO:
        journey_id = _demo_journey(window)
        if journey_id is not None:
            window.ctx.set_journey(journey_id)
            QTimer.singleShot(0, window.canvas_view.zoom_to_fit)
        window.canvas_view.setFocus()
    elif choice == BLANK:
        window.navigator.new_journey()
    elif choice == IMPORT:
        from ui.dialogs import importing

        importing.run_import(window, window.ctx)


def show_welcome(window: Any) -> WelcomeDialog:
    """Open the welcome over ``window`` (window-modal); remembers that it was shown."""
    existing = getattr(window, "welcome_dialog", None)
    if isinstance(existing, WelcomeDialog) and existing.isVisible():
        existing.raise_()
        existing.activateWindow()
        return existing
    dialog = WelcomeDialog(_demo_journey(window) is not None, window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.chosen.connect(lambda choice: act(window, choice))
    window.welcome_dialog = dialog
    dialog.open()
    settings.WELCOME_SEEN.set(True)
    return dialog


def install(window: Any) -> QAction:
    """Help > Welcome, first in the Help menu."""
    action = QAction(QCoreApplication.translate("Welcome", "&Welcome"), window)  # spelt out: lupdate finds it
    action.setObjectName("action_welcome")
    action.setStatusTip(QCoreApplication.translate("Welcome", "What the app is for, the demo, a blank journey or an import"))
    action.triggered.connect(lambda _checked=False: show_welcome(window))
    window.actions["welcome"] = action
    menu = window.menus["help"]
    first = menu.actions()[0] if menu.actions() else None
    menu.insertAction(first, action)
    return action


def offer_on_first_start(window: Any) -> None:
    """The welcome, once: on the first start of the app (after the window is drawn)."""
    if not settings.WELCOME_SEEN.get():
        QTimer.singleShot(0, lambda: show_welcome(window))


__all__ = ["WelcomeDialog", "act", "install", "offer_on_first_start", "show_welcome"]
