"""Files dropped on the main window: importable ones open the import with that file; others get one sentence."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QEvent, QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QWidget

from ui.dialogs import importing


def _mime(*paths: Path | str) -> QMimeData:
    mime = QMimeData()
    mime.setUrls([p if isinstance(p, QUrl) else QUrl.fromLocalFile(str(p)) for p in paths])
    return mime


def _drop(widget: QWidget, mime: QMimeData) -> tuple[bool, bool]:
    """Drag ``mime`` onto the middle of ``widget`` and drop it; whether the enter and the drop were accepted."""
    middle = widget.rect().center()
    enter = QDragEnterEvent(middle, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, enter)
    drop = QDropEvent(QPointF(middle), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier, QEvent.Type.Drop)
    QApplication.sendEvent(widget, drop)
    return enter.isAccepted(), drop.isAccepted()


@pytest.fixture
def imported(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    calls: list[Path] = []
    monkeypatch.setattr(importing, "import_file", lambda parent, ctx, path: calls.append(Path(path)) or False)
    return calls


@pytest.mark.parametrize("name", ["shared.json", "steps.xlsx", "steps.csv", "step-by-step.json"])
def test_an_importable_file_opens_the_import_with_it(qtbot: Any, main_window: Any, imported: list[Path],
                                                    tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_text("{}")
    for target in (main_window, main_window.canvas_view.viewport()):  # on the window's edge and on the map
        imported.clear()
        assert _drop(target, _mime(path)) == (True, True)
        qtbot.waitUntil(lambda: imported == [path])


def test_an_unknown_file_gets_one_sentence(qtbot: Any, main_window: Any, imported: list[Path], tmp_path: Path) -> None:
    path = tmp_path / "minutes.pdf"
    path.write_bytes(b"%PDF")
    assert _drop(main_window.canvas_view.viewport(), _mime(path)) == (True, True)
    message = main_window.status_bar.currentMessage()
    assert "minutes.pdf" in message and "cannot be imported" in message and ".xlsx" in message
    qtbot.wait(20)
    assert imported == []


def test_several_files_are_refused_with_a_message(qtbot: Any, main_window: Any, imported: list[Path],
                                                  tmp_path: Path) -> None:
    paths = [tmp_path / "a.json", tmp_path / "b.csv"]
    for p in paths:
        p.write_text("{}")
    _drop(main_window, _mime(*paths))
    assert "one file at a time" in main_window.status_bar.currentMessage()
    qtbot.wait(20)
    assert imported == []


def test_a_drag_of_text_is_left_alone(main_window: Any) -> None:
    mime = QMimeData()
    mime.setText("just words")
    enter = QDragEnterEvent(QPoint(5, 5), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    enter.ignore()
    QApplication.sendEvent(main_window, enter)
    assert not enter.isAccepted()
