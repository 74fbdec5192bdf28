"""Render the desktop app on the Starting a Business demo to ``docs/screenshots/<name>.png``.

Headless (Qt's offscreen platform), on a temporary workspace and temporary settings, so it never
touches the user's own. Each view is an entry of :data:`VIEWS`: a name and a function that builds
the view from an ``AppContext`` and returns the widget and its size. To add a view, append an
entry; the panels' own views (``scripts/screenshots_panels.py``) are picked up as well.

Usage::

    python scripts/screenshots.py                  # every view
    python scripts/screenshots.py map inspector    # only these
    python scripts/screenshots.py --list
    python scripts/screenshots.py --out DIR
    python scripts/screenshots.py --lang cy window-1366x768    # in Welsh: window-1366x768-cy.png
    python scripts/screenshots.py --pseudo window-1366x768     # every string 40% longer: ...-pseudo.png

The ``window-<screen>`` views show the window as it first opens, maximised, on the screens of
issue 16 (1366x768, 1440x900, 1920x1080 at 100%, 150% and 200%; a 40 px task bar): a view at
150% or 200% is rendered by a second run with ``QT_SCALE_FACTOR`` set, so its PNG has the
screen's own pixels.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run from a checkout without an install
    sys.path.insert(0, str(ROOT))

OUT = ROOT / "docs" / "screenshots"

View = Callable[[Any], tuple[Any, tuple[int, int]]]


def _step(ctx: Any, title_start: str) -> Any:
    data = ctx.read(lambda s: __import__("servicecommunity.analysis.layout", fromlist=["load_map"]).load_map(s, ctx.journey_id))
    return next(s for s in data.steps if s.title.startswith(title_start))


def _window(ctx: Any) -> tuple[Any, tuple[int, int]]:
    """The whole window as it opens, a card selected so the inspector shows a step."""
    from ui.mainwindow import MainWindow

    MainWindow.screen = lambda self: _Screen(1920, 1080)  # type: ignore[method-assign, assignment, return-value]
    try:  # the first-start layout for a 1920x1080 screen, not for the offscreen platform's 800x600
        window = MainWindow(ctx)
    finally:
        del MainWindow.screen
    step = _step(ctx, "Register for Corporation Tax")
    window.scene.set_selection([step.id], current=step.id)
    window._screenshot_centre = step.id  # type: ignore[attr-defined]
    return window, (1920, 1080)


class _Screen:
    """A stand-in for the window's screen: only its available geometry (logical pixels)."""

    def __init__(self, width: int, height: int) -> None:
        self.size = (width, height)

    def availableGeometry(self) -> Any:
        from PySide6.QtCore import QRect

        return QRect(0, 0, *self.size)


#: (name, screen width, height, scale): the screens of issue 16, a 40 px task bar below
SCREENS = [("1366x768", 1366, 768, 1.0), ("1440x900", 1440, 900, 1.0), ("1920x1080", 1920, 1080, 1.0),
           ("1920x1080-150", 1920, 1080, 1.5), ("1920x1080-200", 1920, 1080, 2.0)]


def _on_screen(width: int, height: int, scale: float, *, dark: bool = False) -> View:
    """The whole window as it first opens, maximised, on that screen at that scale (run with
    ``QT_SCALE_FACTOR`` = scale, which :func:`main` does, so the PNG has the screen's own pixels);
    the first-start layout is the one for that screen's logical size."""

    def build(ctx: Any) -> tuple[Any, tuple[int, int]]:
        from ui import theme
        from ui.mainwindow import MainWindow

        theme.apply("dark" if dark else "light", remember=False)
        size = (round(width / scale), round((height - 40) / scale))
        MainWindow.screen = lambda self: _Screen(*size)  # type: ignore[method-assign, assignment, return-value]
        try:
            window = MainWindow(ctx)
        finally:
            del MainWindow.screen
        step = _step(ctx, "Register for Corporation Tax")
        window.scene.set_selection([step.id], current=step.id)
        window._screenshot_centre = step.id  # type: ignore[attr-defined]
        return window, size

    build.scale = scale  # type: ignore[attr-defined]
    return build


def _map(ctx: Any, *, dark: bool = False) -> tuple[Any, tuple[int, int]]:
    """The map as a facilitator puts it on the projector: presentation mode at readable size."""
    from ui import theme
    from ui.mainwindow import MainWindow

    theme.apply("dark" if dark else "light", remember=False)
    window = MainWindow(ctx)
    window.set_presentation(True, full_screen=False)
    step = _step(ctx, "Register for Corporation Tax")
    window.scene.set_selection([step.id], current=step.id)
    window._screenshot_centre = step.id  # type: ignore[attr-defined]
    return window, (1920, 1080)


def _map_dark(ctx: Any) -> tuple[Any, tuple[int, int]]:
    return _map(ctx, dark=True)


def _map_whole(ctx: Any) -> tuple[Any, tuple[int, int]]:
    """The whole journey at once (zoom to fit), the emotion curve under it."""
    from ui.mainwindow import MainWindow

    window = MainWindow(ctx)
    window.set_presentation(True, full_screen=False)
    window._screenshot_fit = True  # type: ignore[attr-defined]
    return window, (1920, 1080)


def _projector(ctx: Any, size: tuple[int, int]) -> tuple[Any, tuple[int, int]]:
    """The projector view (F11) on a screen of that size: titles of 18 px or more, a stage or two
    at a time when the whole journey would be smaller (Left/Right for the others)."""
    from ui.mainwindow import MainWindow

    window = MainWindow(ctx)
    # once shown at its size, as a facilitator presses F11 in a window already open
    window._screenshot_prepare = lambda: window.set_presentation(True, full_screen=False)  # type: ignore[attr-defined]
    return window, size


def _projector_1920(ctx: Any) -> tuple[Any, tuple[int, int]]:
    return _projector(ctx, (1920, 1080))


def _projector_1280(ctx: Any) -> tuple[Any, tuple[int, int]]:
    return _projector(ctx, (1280, 720))


def _inspector(ctx: Any) -> tuple[Any, tuple[int, int]]:
    """The inspector on a step: every field, data items and measures included."""
    from ui.map.view import JourneyMapView
    from ui.panels.inspector import Inspector

    view = JourneyMapView(ctx)
    inspector = Inspector(ctx, view.editor)
    inspector.map_data = view.map_scene.data
    step = _step(ctx, "Register for VAT")
    view.map_scene.set_selection([step.id], current=step.id)
    inspector._keep = view  # type: ignore[attr-defined]
    return inspector, (560, 1080)


VIEWS: list[tuple[str, View]] = [
    ("window", _window),
    ("map", _map),
    ("map-dark", _map_dark),
    ("map-whole-journey", _map_whole),
    ("projector-1920x1080", _projector_1920),
    ("projector-1280x720", _projector_1280),
    ("inspector", _inspector),
    *[(f"window-{name}", _on_screen(w, h, scale)) for name, w, h, scale in SCREENS],
    *[(f"window-{name}-dark", _on_screen(w, h, scale, dark=True)) for name, w, h, scale in SCREENS
      if name in ("1366x768", "1920x1080-150")],
]


def all_views() -> list[tuple[str, View]]:
    """These views, then the panels' (``scripts/screenshots_panels.py``) if that file is there."""
    views = list(VIEWS)
    panels = Path(__file__).with_name("screenshots_panels.py")
    if panels.exists():
        spec = importlib.util.spec_from_file_location("screenshots_panels", panels)
        if spec is not None and spec.loader is not None:
            module = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(module)
            names = {name for name, _ in views}
            views += [(name, build) for name, build in getattr(module, "VIEWS", {}).items() if name not in names]
    return views


def demo_context() -> Any:
    """An AppContext on a temporary workspace holding the demo, on its journey (temporary settings)."""
    from PySide6.QtCore import QCoreApplication, QSettings

    QCoreApplication.setOrganizationName("ServiceCommunityScreenshots")
    QCoreApplication.setApplicationName("ServiceCommunityScreenshots")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, tempfile.mkdtemp())
    QSettings().clear()

    from servicecommunity.exchange.bundle import journey_by_name
    from servicecommunity.exchange.demo import load_demo
    from servicecommunity.store.workspace import open_store
    from ui.context import AppContext

    store = open_store(Path(tempfile.mkdtemp()) / "screenshots.sqlite")
    load_demo(store)
    ctx = AppContext(store)
    ctx.set_journey(ctx.read(lambda s: journey_by_name(s, "Starting a Business")).id)
    return ctx


def render(widget: Any, size: tuple[int, int], path: Path) -> Path:
    """Lay the widget out at ``size``, let it settle (and the map find its view), save what it shows."""
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    widget.resize(*size)
    widget.show()
    for _ in range(4):
        app.processEvents()
    prepare = getattr(widget, "_screenshot_prepare", None)
    if prepare is not None:
        prepare()
        for _ in range(4):
            app.processEvents()
    view = getattr(widget, "canvas_view", None)
    if view is not None:
        if getattr(widget, "_screenshot_fit", False):
            view.zoom_to_fit()
        centre = getattr(widget, "_screenshot_centre", None)
        if centre is not None:
            box = view.map_scene.layout.cards[centre]
            view.centerOn(box.x + box.w / 2, box.y + box.h / 2)
        app.processEvents()
        widget.emotion.follow(view)
    runner = getattr(widget, "runner", None)
    if runner is not None:
        runner.wait()
    for _ in range(3):
        app.processEvents()
    path.parent.mkdir(parents=True, exist_ok=True)
    if not widget.grab().save(str(path), "PNG"):
        raise OSError(f"Could not write {path}.")
    widget.close()
    return path


def main(argv: list[str] | None = None) -> int:
    views = dict(all_views())
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", help="views to render (default: all; --list shows them)")
    parser.add_argument("--out", type=Path, default=OUT, help="folder for the PNGs (default: docs/screenshots)")
    parser.add_argument("--list", action="store_true", help="list the views and stop")
    parser.add_argument("--lang", choices=("cy", "en"), default="en",
                        help="the app's language (default en); cy names the files <view>-cy.png")
    parser.add_argument("--pseudo", action="store_true",
                        help="pseudo-localised: every string about 40%% longer, accented (<view>-pseudo.png)")
    args = parser.parse_args(argv)
    if args.list:
        print("\n".join(views))
        return 0
    unknown = [n for n in args.names if n not in views]
    if unknown:
        parser.error(f"unknown view(s): {', '.join(unknown)}; choose from {', '.join(views)}")

    names = args.names or list(views)
    # a view of a high-DPI screen is rendered by a run of this script at that scale (QT_SCALE_FACTOR
    # is read once, when the application starts)
    here = float(os.environ.get("QT_SCALE_FACTOR") or 1)
    for scale in sorted({getattr(views[n], "scale", 1.0) for n in names} - {here}):
        chosen = [n for n in names if getattr(views[n], "scale", 1.0) == scale]
        env = {**os.environ, "QT_SCALE_FACTOR": f"{scale:g}"}
        options = [a for a in (sys.argv[1:] if argv is None else argv) if a not in views]  # --out and the others
        code = subprocess.call([sys.executable, str(Path(__file__).resolve()), *options, *chosen], env=env)
        if code:
            return code
    names = [n for n in names if getattr(views[n], "scale", 1.0) == here]

    from PySide6.QtWidgets import QApplication

    from ui import theme

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setStyle("Fusion")
    from ui import i18n

    i18n.install(args.lang, pseudo_text=args.pseudo)
    suffix = "-pseudo" if args.pseudo else "" if args.lang == "en" else f"-{args.lang}"
    for name in names:
        theme.apply("light", remember=False)
        ctx = demo_context()  # a fresh workspace each time: views do not see each other's edits
        widget, size = views[name](ctx)
        path = render(widget, size, args.out / f"{name}{suffix}.png")
        print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
        widget.deleteLater()
        app.processEvents()
        ctx.undo_stack.clear()
        ctx.store.close()
    theme.apply("light", remember=False)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
