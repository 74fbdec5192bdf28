"""Files dropped on the main window: a bundle, a spreadsheet or a GOV.UK step by step opens the
import (:func:`ui.dialogs.importing.import_file`) with that file already chosen; anything else gets
one sentence in the status bar.

An event filter rather than the window's own drag handlers, so that drops land on the map too (the
map's scene accepts every drag entering it, and would otherwise swallow the drop).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, QUrl
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QWidget

from ui.context import AppContext

#: what File > Import reads, by the file's ending
IMPORTABLE = frozenset({".json", ".csv", ".xlsx", ".zip"})


def _tr(text: str) -> str:
    return QCoreApplication.translate("FileDrop", text)


def what_to_import(urls: Sequence[QUrl]) -> tuple[Path | None, str]:
    """The one file to import from a drop, or None and the sentence that says why not."""
    if len(urls) > 1:
        return None, _tr("Drop one file at a time: {0} files were dropped, and each import is "
                         "previewed on its own.").format(len(urls))
    if not urls:
        return None, _tr("Nothing to import: drop a file.")
    url = urls[0]
    if not url.isLocalFile():
        return None, _tr("Only a file on this computer can be imported, not {0}.").format(url.toDisplayString())
    path = Path(url.toLocalFile())
    if path.is_dir() or path.suffix.lower() not in IMPORTABLE:
        return None, _tr("“{0}” cannot be imported: drop a bundle or a GOV.UK step by step (.json), "
                         "or a spreadsheet (.xlsx or .csv).").format(path.name)
    return path, ""


class FileDropFilter(QObject):
    """Accepts drags of files over the widgets it watches; on a drop, imports or explains."""

    def __init__(self, window: QWidget, open_file: Callable[[Path], object], say: Callable[[str], object]) -> None:
        super().__init__(window)
        self._open_file = open_file
        self._say = say

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.DragEnter, QEvent.Type.DragMove):
            assert isinstance(event, (QDragEnterEvent, QDragMoveEvent))
            if not event.mimeData().hasUrls():
                return False
            event.setDropAction(Qt.DropAction.CopyAction)
            event.accept()
            return True
        if kind == QEvent.Type.Drop:
            assert isinstance(event, QDropEvent)
            if not event.mimeData().hasUrls():
                return False
            event.setDropAction(Qt.DropAction.CopyAction)
            event.accept()
            self.drop(event.mimeData().urls())
            return True
        return False

    def drop(self, urls: Sequence[QUrl]) -> None:
        path, problem = what_to_import(urls)
        if path is None:
            self._say(problem)
            return
        # After the drop returns: the import asks questions in dialogs of its own, and the program
        # the file was dragged from should not wait for them.
        QTimer.singleShot(0, lambda: self._open_file(path))


def install(window: QWidget, ctx: AppContext, say: Callable[[str], object],
            widgets: Sequence[QWidget] = ()) -> FileDropFilter:
    """Let files be dropped on ``window`` (and on ``widgets`` that take drags themselves, such as
    the map's viewport)."""
    def open_file(path: Path) -> None:
        from ui.dialogs import importing

        importing.import_file(window, ctx, path)

    drops = FileDropFilter(window, open_file, say)
    for widget in (window, *widgets):
        widget.setAcceptDrops(True)
        widget.installEventFilter(drops)
    return drops
