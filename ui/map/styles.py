"""How the journey map is drawn: sizes and levels of detail, the theme's pens, brushes and fonts
(made once per theme), and text wrapped to a card."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    Qt,
)
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QPen,
)
from PySide6.QtWidgets import (
    QApplication,
)

from servicecommunity.domain import enums
from ui import theme
from ui.i18n import QT_TRANSLATE_NOOP, label, translate

# --- level of detail and sizes (scene units: 1 unit = 1 px at 100 % zoom) ----------------------

OVERVIEW_MAX_PX = 4096  # the overview image's longest side
BLOCK_LOD = 0.18  # below this a card is a coloured block
HANDLE_LOD = 0.35  # the link handle shows from this zoom
MAX_FULL_ARROWS = 300  # arrows drawn in full in one paint; the rest as thin polylines
TITLE_PX = 16
PRESENT_TITLE_PX = 20  # the projector view's titles (scene px), drawn at 18 px or more on screen
PRESENT_MIN_SCREEN_PX = 18.0  # the smallest a card title may be on a projector
BADGE_BIG_PX = 26  # the blocker count when the card's small text is too small to read
SMALL_PX = 11
TEXT_MIN_SCREEN_PX = 6.0  # text smaller than this on screen is not drawn
BAND_W = 10.0  # the owner's colour down the card's left edge
PAD = 8.0
CHIP_H = 18.0
HANDLE_R = 9.0
MARGIN = 32.0  # scene margin around the map

def channel_label(channel: str) -> str:
    """A channel as the inspector, the poster and the exports name it (one label everywhere), in
    the app's language."""
    return label(channel)


class _Translated(dict):  # type: ignore[type-arg]
    """A table of English words, each read in the app's language when it is looked up."""

    def __init__(self, words: dict, translate_one: Callable[[str], str]) -> None:  # type: ignore[type-arg]
        super().__init__(words)
        self._translate = translate_one

    def __getitem__(self, key: object) -> str:
        return self._translate(super().__getitem__(key))

    def get(self, key: object, default: Any = None) -> Any:
        return self[key] if key in self else default  # noqa: SIM401 (self.get is this method)


CHANNEL_LABELS = _Translated({c.value: c.value for c in enums.Channel}, channel_label)
EMOTION_WORDS = _Translated({-2: QT_TRANSLATE_NOOP("MapStyles", "very unhappy"), -1: QT_TRANSLATE_NOOP("MapStyles", "unhappy"),
                             0: QT_TRANSLATE_NOOP("MapStyles", "neutral"), 1: QT_TRANSLATE_NOOP("MapStyles", "happy"),
                             2: QT_TRANSLATE_NOOP("MapStyles", "very happy")}, lambda word: translate("MapStyles", word))

Z_GRID, Z_ARROWS, Z_CARDS, Z_OVERVIEW, Z_INDICATOR, Z_DRAG, Z_LINK = 0, 1, 2, 3, 4, 5, 6


def _font(px: float, weight: QFont.Weight = QFont.Weight.Normal) -> QFont:
    font = QFont(QApplication.font())
    font.setPixelSize(max(1, round(px)))
    font.setWeight(weight)
    return font


class Styles:
    """Pens, brushes and fonts for one theme, made once (painting allocates nothing it can reuse)."""

    def __init__(self, p: theme.Palette, presenting: bool = False) -> None:
        self.palette = p
        self.name = p.name
        #: the projector view: larger titles, no channel chips, badges inside the card under the title
        self.presenting = presenting
        self.title_px = PRESENT_TITLE_PX if presenting else TITLE_PX
        self.card_brush = QBrush(QColor(p.card))
        self.card_pen = QPen(QColor(p.card_border), 1.2)
        self.selected_pen = QPen(QColor(p.selection), 5.0)
        self.selected_pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
        self.focus_pen = QPen(QColor(p.selection), 2.0, Qt.PenStyle.DashLine)
        self.target_pen = QPen(QColor(p.handoff), 5.0, Qt.PenStyle.DashLine)
        self.text_pen = QPen(QColor(p.card_text))
        self.muted_pen = QPen(QColor(p.card_muted))
        self.chip_brush = QBrush(QColor(p.chip))
        self.chip_pen = QPen(QColor(p.chip_text))
        self.repeated_brush = QBrush(QColor(p.repeated))
        self.repeated_pen = QPen(QColor(p.repeated_text))
        self.white_pen = QPen(QColor("#ffffff"))
        self.handle_brush = QBrush(QColor(p.selection))
        self.severity = {k: QBrush(QColor(v)) for k, v in p.severity.items()}
        self.title_font = _font(self.title_px, QFont.Weight.DemiBold)
        self.small_font = _font(SMALL_PX)
        self.badge_font = _font(SMALL_PX + 1, QFont.Weight.Bold)
        self.big_font = _font(BADGE_BIG_PX, QFont.Weight.Bold)
        self.title_metrics = QFontMetricsF(self.title_font)
        self.small_metrics = QFontMetricsF(self.small_font)
        self.badge_metrics = QFontMetricsF(self.badge_font)
        self.line_h = self.title_metrics.lineSpacing()
        self.lane_brushes = (QBrush(QColor(p.lane_even)), QBrush(QColor(p.lane_odd)))
        self.grid_pen = QPen(QColor(p.grid), 1.0)
        self.grid_pen.setCosmetic(True)
        self.canvas = QColor(p.canvas)
        self.arrow = QColor(p.arrow)
        self.faint_arrow = QColor(p.grid)
        self.handoff = QColor(p.handoff)
        self.unagreed = QColor(p.unagreed)
        self.blocked = QColor(p.blocked)
        self.selection = QColor(p.selection)
        self.pill_font = _font(SMALL_PX, QFont.Weight.Bold)
        self.pill_metrics = QFontMetricsF(self.pill_font)
        self.colours: dict[str, QColor] = {}

    def colour(self, hex_colour: str) -> QColor:
        found = self.colours.get(hex_colour)
        if found is None:
            found = self.colours[hex_colour] = QColor(hex_colour)
        return found


_STYLES: dict[str, Styles] = {}  # the current theme's, rebuilt when the theme changes
_PRESENTING = [False]  # the projector view is on (one window shows the map at a time)


def styles() -> Styles:
    palette = theme.current()
    found = _STYLES.get("current")
    if found is None or found.palette is not palette or found.presenting != _PRESENTING[0]:
        found = _STYLES["current"] = Styles(palette, _PRESENTING[0])
    return found


def set_presenting(on: bool) -> None:
    """Draw the map for a projector (larger titles, badges clear of them) or as usual."""
    _PRESENTING[0] = on


def presenting() -> bool:
    return _PRESENTING[0]


def wrap_text(text: str, metrics: QFontMetricsF, width: float, max_lines: int) -> list[str]:
    """Word-wrap ``text`` into at most ``max_lines`` lines of ``width``, the last one elided."""
    words = text.split()
    lines: list[str] = []
    current = ""
    i = 0
    while i < len(words):
        word = words[i]
        trial = f"{current} {word}" if current else word
        if metrics.horizontalAdvance(trial) <= width:
            current = trial
            i += 1
            continue
        if not current:  # one word wider than the line
            current = word
            i += 1
        lines.append(current)
        current = ""
        if len(lines) == max_lines:
            break
    if current and len(lines) < max_lines:
        lines.append(current)
        current = ""
    if i < len(words) or current:
        rest = " ".join([lines[-1], *words[i:]]) if lines else " ".join(words[i:])
        lines[-1] = metrics.elidedText(rest + " ", Qt.TextElideMode.ElideRight, width)
    else:
        lines = [metrics.elidedText(line, Qt.TextElideMode.ElideRight, width) for line in lines]
    return lines


def severity_label(severity: str | None) -> str:
    return label(severity) if severity else ""
