"""Small and high-DPI screens (issue 16): the window and every dialog fit 1366x768.

A 1920x1080 screen at 150% is 1280x720 logical pixels and at 200% 960x540, so a window whose
minimum is wider than the screen opens off its edge, and a fixed default size opens larger than it.
The screen is faked by replacing ``MainWindow.screen`` with one whose available geometry is small.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QApplication

from ui.mainwindow import MainWindow

SMALL = QRect(0, 0, 1366, 728)  # 1366x768 less a 40 px task bar


class FakeScreen:
    def __init__(self, available: QRect) -> None:
        self.available = available

    def availableGeometry(self) -> QRect:
        return QRect(self.available)


def _open(qtbot: Any, ctx: Any, monkeypatch: pytest.MonkeyPatch, available: QRect) -> MainWindow:
    monkeypatch.setattr(MainWindow, "screen", lambda self: FakeScreen(available))
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    return window


def test_the_window_with_every_dock_can_shrink_to_a_1366x768_screen(make_window: Callable[..., Any]) -> None:
    window = make_window()
    QApplication.processEvents()
    assert all(not dock.isHidden() for dock in window.docks.values())
    minimum = window.minimumSizeHint().expandedTo(window.minimumSize())
    assert minimum.width() <= SMALL.width() and minimum.height() <= SMALL.height(), minimum


def test_the_first_start_opens_inside_a_small_screen(qtbot: Any, ctx: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    window = _open(qtbot, ctx, monkeypatch, SMALL)
    assert SMALL.contains(window.geometry()), window.geometry()
    # most of the screen, not a fixed size
    assert window.width() >= SMALL.width() * 0.8 and window.height() >= SMALL.height() * 0.8, window.size()


def test_the_first_start_on_a_large_screen_leaves_a_margin(qtbot: Any, ctx: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    screen = QRect(0, 0, 2560, 1400)
    window = _open(qtbot, ctx, monkeypatch, screen)
    assert screen.contains(window.geometry())
    assert window.width() < screen.width() and window.height() < screen.height()


def test_a_geometry_saved_on_a_bigger_screen_is_brought_inside_the_screen(qtbot: Any, ctx: Any,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    from ui import settings

    big = _open(qtbot, ctx, monkeypatch, QRect(0, 0, 3840, 2160))
    big.setGeometry(400, 300, 2880, 1800)  # what 1440x900 became at 200%
    settings.WINDOW_GEOMETRY.set(big.saveGeometry())
    window = _open(qtbot, ctx, monkeypatch, SMALL)
    assert SMALL.contains(window.geometry()), window.geometry()


def test_every_dialog_fits_a_1366x768_screen(make_window: Callable[..., Any], qtbot: Any, tmp_path: Path) -> None:
    from tests.ui.test_accessibility import _dialogs

    window = make_window()
    too_big = []
    seen = 0
    for dialog in _dialogs(window, tmp_path):
        qtbot.addWidget(dialog)
        seen += 1
        for what, size in (("size hint", dialog.sizeHint()), ("minimum", dialog.minimumSizeHint()), ("size", dialog.size())):
            if size.width() > SMALL.width() or size.height() > SMALL.height():
                too_big.append(f"{type(dialog).__name__} {dialog.windowTitle()!r}: {what} {size.width()}x{size.height()}")
        dialog.close()
    assert seen == 15
    assert not too_big, "\n".join(too_big)
