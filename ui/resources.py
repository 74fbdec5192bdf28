"""Icons from ``servicecommunity/resources/icons/*.svg``, drawn in the current theme's text colour.

The SVGs use ``currentColor``; :func:`icon` substitutes the theme's colour and renders the SVG at
the sizes toolbars and menus ask for, so the same file serves the light and the dark theme. Files
are found through :func:`servicecommunity.resources.resources_dir`, which also works inside a
PyInstaller bundle.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QByteArray, QRectF, Qt
from PySide6.QtGui import QIcon, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer

from servicecommunity.resources import resources_dir
from ui import theme

SIZES = (16, 20, 24, 32, 48, 64)
APP_ICON = "servicecommunity"


def icon_path(name: str) -> str:
    return str(resources_dir() / "icons" / f"{name}.svg")


@cache
def _svg(name: str) -> bytes:
    try:
        with open(icon_path(name), "rb") as fh:
            return fh.read()
    except OSError:
        return b""


@cache
def _icon(name: str, colour: str) -> QIcon:
    data = _svg(name)
    if not data:
        return QIcon()
    renderer = QSvgRenderer(QByteArray(data.replace(b"currentColor", colour.encode())))
    result = QIcon()
    for size in SIZES:
        pixmap = QPixmap(size, size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        renderer.render(painter, QRectF(0, 0, size, size))
        painter.end()
        result.addPixmap(pixmap)
    return result


def icon(name: str) -> QIcon:
    """The icon ``servicecommunity/resources/icons/<name>.svg`` in the current theme's colours (empty if missing)."""
    return _icon(name, theme.current().text)


def app_icon() -> QIcon:
    """The application's own icon (full colour)."""
    return _icon(APP_ICON, "#ffffff")
