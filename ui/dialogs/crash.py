"""When something goes wrong that nobody caught: log it, and tell the user in a dialog.

:func:`install` (called once by :func:`ui.app.run`) hooks ``sys.excepthook`` (the UI thread, and
Python errors in Qt's callbacks, which PySide hands to it), ``threading.excepthook`` (other
threads) and Qt's own warnings into the log (:mod:`servicecommunity.logs`); the app's workers
log their unexpected errors and open the dialog through :func:`show_later` (:mod:`ui.workers`). Each error is logged
with its traceback, then :class:`CrashDialog` says in a plain sentence that something went wrong,
where the log is, and offers "Copy details" (the traceback, the versions and the log's place, for a
bug report).

The dialog opens from the event loop on the main thread, whichever thread failed. While it is open,
further errors are only logged; an error in the dialog itself is logged and never shown in another
dialog. Tests patch :meth:`CrashDialog.ask` (pytest-qt's advice for dialogs).
"""

from __future__ import annotations

import logging
import sys
import threading
from pathlib import Path
from types import TracebackType
from typing import Any

from PySide6.QtCore import QObject, Qt, QtMsgType, QUrl, Signal, qInstallMessageHandler
from PySide6.QtGui import QDesktopServices, QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from servicecommunity import logs
from ui.i18n import QT_TRANSLATE_NOOP, translate

log = logging.getLogger(__name__)

ExcInfo = tuple[type[BaseException], BaseException, TracebackType | None]

SENTENCE = QT_TRANSLATE_NOOP(
    "CrashDialog",
    "Something went wrong inside Service Community. Every change you made before this is saved in "
    "the workspace; if it happens again, send the details to whoever looks after the app.",
)


def versions() -> dict[str, str]:
    """The Qt side's versions, for the details."""
    import PySide6
    from PySide6.QtCore import qVersion

    return {"PySide6": PySide6.__version__, "Qt": qVersion()}


class CrashDialog(QDialog):
    """Something went wrong: a plain sentence, where the log is, "Copy details", "Close"."""

    def __init__(self, details: str, log_file: Path | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("CrashDialog", "Service Community: something went wrong"))
        self.setObjectName("CrashDialog")
        self.details = details
        layout = QVBoxLayout(self)
        sentence = QLabel(translate("CrashDialog", SENTENCE))
        sentence.setWordWrap(True)
        layout.addWidget(sentence)
        if log_file is not None:
            link = f"<a href=\"{QUrl.fromLocalFile(str(log_file.parent)).toString()}\">{_escape(str(log_file))}</a>"
            where = QLabel(translate("CrashDialog", "The log is {0}.").format(link))
            where.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
            where.linkActivated.connect(lambda url: QDesktopServices.openUrl(QUrl(url)))
        else:
            where = QLabel(translate("CrashDialog", "No log is being written (the log folder could not be written to)."))
        where.setWordWrap(True)
        where.setObjectName("LogLocation")
        layout.addWidget(where)
        self.text = QPlainTextEdit(details)
        self.text.setReadOnly(True)
        self.text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.text.setVisible(False)
        self.text.setMinimumHeight(220)
        layout.addWidget(self.text)
        buttons = QDialogButtonBox()
        self.show_details = QPushButton(translate("CrashDialog", "Show details"))
        self.show_details.setCheckable(True)
        self.show_details.toggled.connect(self._toggle_details)
        self.copy = QPushButton(translate("CrashDialog", "&Copy details"))
        self.copy.clicked.connect(self.copy_details)
        buttons.addButton(self.show_details, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.copy, QDialogButtonBox.ButtonRole.ActionRole)
        close = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.clicked.connect(self.accept)
        close.setDefault(True)
        layout.addWidget(buttons)
        self.resize(560, self.sizeHint().height())

    def copy_details(self) -> None:
        """The traceback, the versions and the log's place, to the clipboard."""
        QGuiApplication.clipboard().setText(self.details)
        self.copy.setText(translate("CrashDialog", "Copied"))

    def _toggle_details(self, shown: bool) -> None:
        self.text.setVisible(shown)
        self.show_details.setText(translate("CrashDialog", "Hide details") if shown else "Show details")
        self.adjustSize()

    @classmethod
    def ask(cls, details: str, log_file: Path | None, parent: QWidget | None = None) -> None:
        """Show the dialog until the user closes it."""
        dialog = cls(details, log_file, parent)
        dialog.exec()


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class _Reporter(QObject):
    """Lives on the main thread; errors from any thread reach :meth:`show` through its signal."""

    reported = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.showing = False
        # queued even from the main thread: the dialog runs its loop from the event loop, not
        # from inside whatever was failing
        self.reported.connect(self.show, Qt.ConnectionType.QueuedConnection)

    def show(self, exc_info: ExcInfo) -> None:
        if self.showing:
            log.info("Another error while the crash dialog was open (logged above)")
            return
        self.showing = True
        try:
            CrashDialog.ask(logs.diagnostics(exc_info, versions()), logs.log_path(), QApplication.activeWindow())
        except Exception:  # the dialog itself failed: log it, never try another dialog
            log.exception("The crash dialog could not be shown")
        finally:
            self.showing = False


_reporter: _Reporter | None = None


def show_later(exc: BaseException) -> None:
    """Show the dialog for an unexpected error already logged (the app's workers), once installed."""
    if _reporter is not None:
        _reporter.reported.emit((type(exc), exc, exc.__traceback__))


def excepthook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    """``sys.excepthook``: log the uncaught error and show the dialog."""
    if issubclass(exc_type, KeyboardInterrupt):
        sys.__excepthook__(exc_type, exc, tb)
        return
    log.critical("Uncaught exception", exc_info=(exc_type, exc, tb))
    if _reporter is not None:
        _reporter.reported.emit((exc_type, exc, tb))


def thread_excepthook(args: Any) -> None:
    """``threading.excepthook``: the same for a thread's uncaught error."""
    if args.exc_type is SystemExit or args.exc_value is None:
        return
    name = args.thread.name if args.thread is not None else "a thread"
    log.critical("Uncaught exception in %s", name, exc_info=(args.exc_type, args.exc_value, args.exc_traceback))
    if _reporter is not None:
        _reporter.reported.emit((args.exc_type, args.exc_value, args.exc_traceback))


_QT_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


def install(app: QApplication) -> None:
    """Hook uncaught errors (every thread) and Qt's warnings into the log and the dialog (once)."""
    global _reporter  # noqa: PLW0603 - one reporter for the app
    if _reporter is not None:
        return
    _reporter = _Reporter(app)
    _saved[:] = [sys.excepthook, threading.excepthook]
    sys.excepthook = excepthook
    threading.excepthook = thread_excepthook
    _saved.append(qInstallMessageHandler(_qt_message))


_saved: list[Any] = []  # what install() replaced


def _qt_message(kind: QtMsgType, context: Any, message: str) -> None:
    """Qt's own warnings go to the log (and on to whatever handled them before)."""
    logging.getLogger("qt").log(_QT_LEVELS.get(kind, logging.WARNING), "%s", message)
    if len(_saved) > 2 and _saved[2] is not None:
        _saved[2](kind, context, message)


def uninstall() -> None:
    """Undo :func:`install` (tests)."""
    global _reporter  # noqa: PLW0603 - one reporter for the app
    if _reporter is None:
        return
    _reporter.deleteLater()
    _reporter = None
    saved_hook, saved_thread_hook, saved_handler = _saved
    if sys.excepthook is excepthook:  # not if someone replaced it since (a test runner)
        sys.excepthook = saved_hook
    if threading.excepthook is thread_excepthook:
        threading.excepthook = saved_thread_hook
    qInstallMessageHandler(saved_handler)
    _saved.clear()


__all__ = ["CrashDialog", "excepthook", "install", "show_later", "thread_excepthook", "uninstall"]
