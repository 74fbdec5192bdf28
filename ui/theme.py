"""Light and dark themes: a Qt palette, a style sheet from ``servicecommunity/resources/styles/``, canvas colours.

Widgets get their colours from the application palette and ``servicecommunity/resources/styles/<name>.qss``; the
journey map, which paints itself, reads :func:`current` (a :class:`Palette` of plain colours) and
repaints when :data:`notifier` says the theme changed. The chosen theme is a preference
(QSettings ``ui/theme``).

Colours follow the GOV.UK palette where it has one, with text contrast of at least 4.5:1 on the
surfaces it is drawn on, because the map is read on projectors in bright rooms.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from servicecommunity.resources import resources_dir
from ui import settings

THEMES = ("light", "dark")


@dataclass(frozen=True)
class Palette:
    """The colours the canvas and the charts paint with (``#rrggbb`` strings)."""

    name: str
    window: str
    text: str
    muted: str
    canvas: str
    lane_even: str
    lane_odd: str
    grid: str
    card: str
    card_text: str
    card_muted: str
    card_border: str
    selection: str
    hover: str
    arrow: str
    handoff: str
    unagreed: str
    blocked: str
    ruler: str
    ruler_text: str
    chip: str
    chip_text: str
    repeated: str
    repeated_text: str
    emotion_line: str
    emotion_fill: str  # drawn translucent
    pain: str
    #: the focus indicator, a 2px outline: 3:1 or more against every surface it is drawn on
    focus: str
    #: the focus indicator on a selected row or card (the selection colour's contrast)
    focus_on_selection: str
    #: the outline round a colour swatch (an organisation's, a severity's), so that a swatch as dark
    #: or as pale as the background still shows (GDS's near-black on the dark theme)
    swatch_outline: str
    #: the box of a check box (a QCheckBox, a tick in a list): 3:1 or more against the rows and the
    #: window. Fusion draws it from the window colour: measured 1.03:1 on the dark theme's lists, 1.86:1 light
    indicator: str
    # badge fill for each severity; badge text is white on all of them
    severity: dict[str, str] = field(default_factory=dict)


LIGHT = Palette(
    name="light",
    window="#f3f2f1",
    text="#0b0c0c",
    muted="#505a5f",
    canvas="#ffffff",
    lane_even="#f8f8f7",
    lane_odd="#eeefef",
    grid="#b1b4b6",
    card="#ffffff",
    card_text="#0b0c0c",
    card_muted="#505a5f",
    card_border="#8a8f93",
    selection="#1d70b8",
    hover="#5694ca",
    arrow="#505a5f",
    handoff="#6f3ec4",
    unagreed="#b3261e",
    blocked="#b3261e",
    ruler="#e8e9ea",
    ruler_text="#0b0c0c",
    chip="#e6eef7",
    chip_text="#0b3a6a",
    repeated="#fff2c2",
    repeated_text="#4d3800",
    emotion_line="#1d70b8",
    emotion_fill="#1d70b8",
    pain="#b3261e",
    focus="#0b0c0c",
    focus_on_selection="#ffffff",
    swatch_outline="#505a5f",
    indicator="#505a5f",
    severity={"low": "#4f6b12", "medium": "#8a5a00", "high": "#b3400e", "critical": "#8e1014"},
)

DARK = Palette(
    name="dark",
    window="#1f2226",
    text="#f3f2f1",
    muted="#b1b4b6",
    canvas="#16181b",
    lane_even="#1c1f23",
    lane_odd="#23272c",
    grid="#4a5056",
    card="#2c3137",
    card_text="#f5f5f5",
    card_muted="#c4c8cc",
    card_border="#6b7278",
    selection="#8ab4f8",
    hover="#5e8fd6",
    arrow="#aab0b5",
    handoff="#c5a3ff",
    unagreed="#ff8a80",
    blocked="#ff8a80",
    ruler="#2a2e33",
    ruler_text="#f3f2f1",
    chip="#1f3a57",
    chip_text="#d6e6f7",
    repeated="#5a4500",
    repeated_text="#ffe9a6",
    emotion_line="#8ab4f8",
    emotion_fill="#8ab4f8",
    pain="#ff8a80",
    focus="#ffdd00",
    focus_on_selection="#0b0c0c",
    swatch_outline="#b1b4b6",
    indicator="#8a9096",
    severity={"low": "#4f6b12", "medium": "#8a5a00", "high": "#b3400e", "critical": "#b3161c"},
)

PALETTES = {"light": LIGHT, "dark": DARK}


def contrast(a: str, b: str) -> float:
    """The WCAG 2.2 contrast ratio of two colours (``#rrggbb``): 1 to 21; text needs 4.5, focus
    indicators and meaningful graphics 3."""

    def luminance(colour: str) -> float:
        c = QColor(colour)

        def channel(v: int) -> float:
            s = v / 255
            return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4

        return 0.2126 * channel(c.red()) + 0.7152 * channel(c.green()) + 0.0722 * channel(c.blue())

    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


class _Notifier(QObject):
    changed = Signal(object)  # the new Palette


_STATE: dict[str, object] = {"current": LIGHT}  # the theme in use and the notifier, made on first use


def notifier() -> _Notifier:
    """The object whose ``changed(Palette)`` signal fires when the theme changes."""
    found = _STATE.get("notifier")
    if not isinstance(found, _Notifier):
        found = _STATE["notifier"] = _Notifier()
    return found


def current() -> Palette:
    found = _STATE["current"]
    assert isinstance(found, Palette)
    return found


def saved_theme() -> str:
    name = settings.THEME.get()
    return name if name in PALETTES else "light"


def stylesheet(name: str) -> str:
    """The style sheet ``servicecommunity/resources/styles/<name>.qss`` (empty if the install lacks it)."""
    path = resources_dir() / "styles" / f"{name}.qss"
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        return ""


def qt_palette(p: Palette) -> QPalette:
    pal = QPalette()
    role = QPalette.ColorRole
    base = QColor(p.canvas)
    colours = {
        role.Window: QColor(p.window),
        role.WindowText: QColor(p.text),
        role.Base: base,
        role.AlternateBase: QColor(p.lane_odd),
        role.Text: QColor(p.text),
        role.Button: QColor(p.ruler),
        role.ButtonText: QColor(p.text),
        role.ToolTipBase: QColor(p.card),
        role.ToolTipText: QColor(p.card_text),
        role.PlaceholderText: QColor(p.muted),
        role.Highlight: QColor(p.selection),
        role.HighlightedText: QColor("#ffffff" if p.name == "light" else "#0b0c0c"),
        role.Link: QColor(p.selection),
        role.BrightText: QColor("#ffffff"),
        role.Mid: QColor(p.grid),
        role.Dark: QColor(p.card_border),
        role.Light: QColor(p.lane_even),
    }
    for r, colour in colours.items():
        pal.setColor(r, colour)
    disabled = QColor(p.muted)
    for r in (role.WindowText, role.Text, role.ButtonText):
        pal.setColor(QPalette.ColorGroup.Disabled, r, disabled)
    return pal


#: the tabs of docks that share a place say their whole title ("Navigator", not "Navi…") and the
#: bar scrolls when a narrow column cannot hold them all (1920x1080 at 200%)
DOCK_TABS = "\nQMainWindow > QTabBar { qproperty-elideMode: ElideNone; qproperty-usesScrollButtons: true; }\n"


def indicator_rules(p: Palette) -> str:
    """Check boxes and the ticks of checklists with a box of ``p.indicator`` and a tick in the text colour."""
    tick = (resources_dir() / "icons" / f"tick-{p.name}.svg").as_posix()
    boxes = "QCheckBox::indicator, QAbstractItemView::indicator"
    return (f"\n{boxes} {{ width: 13px; height: 13px; border: 1px solid {p.indicator}; border-radius: 2px; "
            f"background: {p.canvas}; }}\n"
            f"QCheckBox::indicator:checked, QAbstractItemView::indicator:checked {{ image: url({tick}); }}\n"
            f"QCheckBox::indicator:indeterminate, QAbstractItemView::indicator:indeterminate "
            f"{{ background: {p.muted}; }}\n"
            f"QCheckBox::indicator:disabled, QAbstractItemView::indicator:disabled {{ border-color: {p.grid}; }}\n")


def apply(name: str, app: QApplication | None = None, *, remember: bool = True) -> Palette:
    """Switch the application to theme ``name`` (``"light"`` or ``"dark"``)."""
    palette = PALETTES.get(name, LIGHT)
    app = app or QApplication.instance()  # type: ignore[assignment]
    if app is not None:
        app.setPalette(qt_palette(palette))
        app.setStyleSheet(stylesheet(palette.name) + DOCK_TABS + indicator_rules(palette))
    _STATE["current"] = palette
    if remember:
        settings.THEME.set(palette.name)
    notifier().changed.emit(palette)
    return palette
