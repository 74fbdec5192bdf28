"""The journey map as a poster: PDF (A3/A2/A1 landscape, tiled or fitted to one page), SVG and PNG.

The map is drawn once, through :class:`~servicecommunity.exchange.exports.painters.Painter`, from the shared
layout (:mod:`servicecommunity.analysis.layout`): stage columns, a swimlane per organisation, step cards in
their owner's colour with a badge for open blockers, dependencies as arrows (hand-offs between
organisations heavier, unagreed ones dashed, blocked ones red). Every poster has a title, the date,
a legend and the classification marking at the top and the bottom, and says what it left out.
"""

from __future__ import annotations

import bisect
import io
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from servicecommunity.analysis.layout import (
    CARD_H,
    CARD_W,
    GAP,
    LANE_HEADER_W,
    STAGE_HEADER_H,
    UNASSIGNED_COLOUR,
    MapStep,
)
from servicecommunity.domain import enums
from servicecommunity.exchange.exports.mapview import JourneyMap
from servicecommunity.exchange.exports.painters import (
    FONT,
    INK,
    Anchor,
    PdfPainter,
    PngPainter,
    Point,
    SvgPainter,
    ellipsis,
    pdf_text,
    register_fonts,
    safe_colour,
    text_colour_on,
    text_width,
    tint,
    wrap,
)
from servicecommunity.i18n import N_, format_number, format_percent, get_language, gettext, ngettext

Painter = SvgPainter | PdfPainter | PngPainter | Any

GRID = "#b1b4b6"
MUTED = "#505a5f"
EDGE = "#8a9299"
HANDOFF = "#6f3ec4"  # the app's hand-off purple (the map's light theme), on paper as on screen
BLOCKED = "#d4351c"
ASKS_AGAIN = "#b04a00"
SEVERITY_COLOURS = {"critical": "#942514", "high": "#d4351c", "medium": "#f47738", "low": "#505a5f"}
CHANNEL_SHORT = {"online": N_("Online"), "phone": N_("Phone"), "paper": N_("Paper"), "face_to_face": N_("Face to face")}

PAPER_SIZES = {  # landscape, in points
    "A3": (1190.55, 841.89),
    "A2": (1683.78, 1190.55),
    "A1": (2383.94, 1683.78),
}
MARGIN = 36.0
HEADER_H = 84.0
LEGEND_H = 64.0
FOOTER_H = 30.0
MAX_PNG_PIXELS = 20_000_000  # an A1 poster at 150 dpi is 17 million; larger is slow to write and to open


@dataclass
class Furniture:
    """What frames the map: title, subtitle, date, the classification and what was left out."""

    title: str
    subtitle: str
    date_text: str
    classification: str
    notes: list[str] = field(default_factory=list)


# --- the map --------------------------------------------------------------------------------------


def draw_map(p: Painter, jm: JourneyMap, ox: float = 0.0, oy: float = 0.0) -> None:
    """The journey map with its top-left corner at (ox, oy), at full size."""
    lay = jm.layout
    v = _view(p, 1.0, ox, oy)
    _corner(v)
    _lane_headers(v, jm, STAGE_HEADER_H, lay.height)
    _stage_headers(v, jm, LANE_HEADER_W, lay.width)
    _body(v, jm, LANE_HEADER_W, lay.width, STAGE_HEADER_H, lay.height, jm.data.steps, lambda q: draw_arrows(q, jm))
    v.rect(0, 0, lay.width, lay.height, stroke=GRID, width=1)


def _view(p: Painter, scale: float, ox: float, oy: float) -> Painter:
    return p if scale == 1.0 and ox == 0.0 and oy == 0.0 else Scaled(p, scale, ox, oy)


def _corner(p: Painter) -> None:
    p.rect(0, 0, LANE_HEADER_W, STAGE_HEADER_H, fill="#f3f2f1")
    p.text(14, 20, gettext("Stages"), size=9, colour=MUTED)
    p.text(14, 34, gettext("Organisations (lanes)"), size=9, colour=MUTED)
    p.polyline([(0, STAGE_HEADER_H), (LANE_HEADER_W, STAGE_HEADER_H)], stroke=GRID, width=1)


def _lane_headers(p: Painter, jm: JourneyMap, y0: float, y1: float) -> None:
    """The lanes' names for the part of the map from y0 to y1 (a lane cut at y0 is named again)."""
    for lane in jm.layout.lanes:
        top, bottom = lane.box.y, lane.box.y + lane.box.h
        if bottom <= y0 or top >= y1:
            continue
        colour = safe_colour(lane.colour, UNASSIGNED_COLOUR)
        top, bottom = max(top, y0), min(bottom, y1)
        p.rect(0, top, LANE_HEADER_W, bottom - top, fill=tint(colour, 0.2))
        p.rect(0, top, 6, bottom - top, fill=colour)
        room = max(1, min(4, int((bottom - top - 8) // 15)))
        name = lane.label if lane.key else gettext("No owner")  # the layout's own name for it is English
        for i, line in enumerate(wrap(name, LANE_HEADER_W - 24, 12, bold=True, lines=room)):
            p.text(14, top + 22 + i * 15, line, size=12, bold=True)
        p.polyline([(0, top), (LANE_HEADER_W, top)], stroke=GRID, width=0.6)


def _stage_headers(p: Painter, jm: JourneyMap, x0: float, x1: float) -> None:
    """The stages' names for the part of the map from x0 to x1 (a stage cut at x0 is named again)."""
    p.rect(x0, 0, x1 - x0, STAGE_HEADER_H, fill="#f3f2f1")
    for column in jm.layout.columns:
        left, right = column.box.x, column.box.x + column.box.w
        if right <= x0 or left >= x1:
            continue
        if left >= x0:
            p.polyline([(left, 0), (left, STAGE_HEADER_H)], stroke=GRID, width=0.6)
        left, right = max(left, x0), min(right, x1)
        lines = wrap(column.name, right - left - 20, 12, bold=True, lines=2)
        for i, line in enumerate(lines):
            p.text(left + 10, (20 if len(lines) > 1 else 29) + i * 15, line, size=12, bold=True)
    p.polyline([(x0, STAGE_HEADER_H), (x1, STAGE_HEADER_H)], stroke=GRID, width=1)


def _body(p: Painter, jm: JourneyMap, x0: float, x1: float, y0: float, y1: float,
          steps: Sequence[MapStep], arrows: Callable[[Painter], None]) -> None:
    """Lanes, column rules, the dependencies (drawn by ``arrows``) and the cards of ``steps`` in the
    part of the map x0..x1, y0..y1."""
    lay = jm.layout
    for lane in lay.lanes:
        top, bottom = lane.box.y, lane.box.y + lane.box.h
        if bottom <= y0 or top >= y1:
            continue
        colour = safe_colour(lane.colour, UNASSIGNED_COLOUR)
        top, bottom = max(top, y0), min(bottom, y1)
        p.rect(x0, top, x1 - x0, bottom - top, fill=tint(colour, 0.06))
        if lane.box.y >= y0:
            p.polyline([(x0, lane.box.y), (x1, lane.box.y)], stroke=GRID, width=0.6)
    for column in lay.columns:
        if x0 <= column.box.x < x1:
            p.polyline([(column.box.x, y0), (column.box.x, y1)], stroke=GRID, width=0.6)
    arrows(p)
    orgs, cards = jm.data.organisations, lay.cards
    for step in steps:
        box = cards.get(step.id)
        if box is None:
            continue
        org = orgs.get(step.owner_id or "")
        _card(p, step, box.x, box.y, safe_colour(org.colour if org else None, UNASSIGNED_COLOUR))


def draw_arrows(p: Painter, jm: JourneyMap) -> None:
    """Every dependency as an arrow under the cards: hand-offs between organisations heavier and
    purple, unagreed ones dashed, blocked ones red."""
    cards = jm.layout.cards
    heads = []
    for dep in jm.data.dependencies:  # all the lines, then all the arrowheads (the PNG painter batches lines)
        a, z = cards.get(dep.from_step_id), cards.get(dep.to_step_id)
        if a is None or z is None or dep.from_step_id == dep.to_step_id:
            continue
        points = route(a.x, a.y, z.x, z.y, 0.0, 0.0)
        colour = BLOCKED if dep.blocked else (HANDOFF if dep.crosses_org else EDGE)
        width = 2.2 if dep.blocked else (1.6 if dep.crosses_org else 1.0)
        p.polyline(points, stroke=colour, width=width, dashed=not dep.agreed)
        heads.append((_arrowhead(points[-2], points[-1], 4 + width * 2), colour))
    for head, colour in heads:
        p.polygon(head, fill=colour)


def route(ax: float, ay: float, zx: float, zy: float, ox: float, oy: float) -> list[Point]:
    """An arrow from card a to card z: elbowed left to right, straight up or down within a column."""
    if zx >= ax + CARD_W:  # z is to the right
        x1, y1 = ox + ax + CARD_W, oy + ay + CARD_H / 2
        x2, y2 = ox + zx, oy + zy + CARD_H / 2
        if abs(y1 - y2) < 0.5:
            return [(x1, y1), (x2, y2)]
        mx = (x1 + x2) / 2
        return [(x1, y1), (mx, y1), (mx, y2), (x2, y2)]
    if zx + CARD_W <= ax:  # z is to the left: a loop back
        return [(ox + ax, oy + ay + CARD_H / 2), (ox + zx + CARD_W, oy + zy + CARD_H / 2)]
    cx1, cx2 = ox + ax + CARD_W / 2, ox + zx + CARD_W / 2
    if zy > ay:
        return [(cx1, oy + ay + CARD_H), (cx2, oy + zy)]
    return [(cx1, oy + ay), (cx2, oy + zy + CARD_H)]


def _arrowhead(a: Point, b: Point, size: float) -> list[Point]:
    dx, dy = b[0] - a[0], b[1] - a[1]
    length = math.hypot(dx, dy) or 1.0
    ux, uy = dx / length, dy / length
    bx, by = b[0] - ux * size, b[1] - uy * size
    half = size * 0.45
    return [b, (bx - uy * half, by + ux * half), (bx + uy * half, by - ux * half)]


def _card(p: Painter, step: MapStep, x: float, y: float, colour: str) -> None:
    p.rect(x, y, CARD_W, CARD_H, fill="#ffffff", stroke=colour, width=1.2, radius=5)
    p.rect(x, y, 6, CARD_H, fill=colour)
    inner = CARD_W - 22
    title_lines = 4 if not step.repeated_data else 3
    for i, line in enumerate(wrap(step.title or gettext("(untitled)"), inner, 10, bold=True, lines=title_lines)):
        p.text(x + 13, y + 16 + i * 12.5, line, size=10, bold=True)
    if step.repeated_data:
        asks = ellipsis(gettext("Asks again: {data}").format(data=", ".join(step.repeated_data)), inner, 8)
        p.text(x + 13, y + CARD_H - 22, asks, size=8, colour=ASKS_AGAIN)
    channels = ", ".join(gettext(CHANNEL_SHORT[c]) if c in CHANNEL_SHORT else c for c in step.channels) \
        or gettext("No channel recorded")
    if step.channels and all(c == "online" for c in step.channels):
        channels = gettext("{channels} only").format(channels=channels)
    badge_w = 0.0
    if step.blocker_count:
        label = ngettext("{n} blocker", "{n} blockers", step.blocker_count).format(n=step.blocker_count)
        badge_w = text_width(label, 8, True) + 10
        fill = SEVERITY_COLOURS.get(step.worst_severity or "", BLOCKED)
        bx = x + CARD_W - badge_w - 6
        p.rect(bx, y + CARD_H - 18, badge_w, 13, fill=fill, radius=3)
        p.text(bx + badge_w / 2, y + CARD_H - 8.5, label, size=8, bold=True, colour=text_colour_on(fill), anchor="middle")
    p.text(x + 13, y + CARD_H - 8, ellipsis(channels, inner - badge_w - 4, 8), size=8, colour=MUTED)


# --- legend and page furniture --------------------------------------------------------------------


def _legend_items() -> list[tuple[Callable[[Painter, float, float], float], str]]:
    def card(p: Painter, x: float, y: float) -> float:
        p.rect(x, y - 10, 26, 14, fill="#ffffff", stroke=MUTED, width=1, radius=2)
        p.rect(x, y - 10, 4, 14, fill=MUTED)
        return 32

    def line(colour: str, width: float, dashed: bool = False) -> Callable[[Painter, float, float], float]:
        def draw(p: Painter, x: float, y: float) -> float:
            p.polyline([(x, y - 3), (x + 26, y - 3)], stroke=colour, width=width, dashed=dashed)
            p.polygon(_arrowhead((x, y - 3), (x + 30, y - 3), 4 + width * 2), fill=colour)
            return 36
        return draw

    def badges(p: Painter, x: float, y: float) -> float:
        for i, (name, colour) in enumerate(SEVERITY_COLOURS.items()):
            w = text_width(_severity(name), 8, True) + 8
            p.rect(x, y - 10, w, 13, fill=colour, radius=3)
            p.text(x + w / 2, y - 0.5, _severity(name), size=8, bold=True, colour=text_colour_on(colour), anchor="middle")
            x += w + 3
            del i
        return sum(text_width(_severity(n), 8, True) + 11 for n in SEVERITY_COLOURS) + 3

    asks_text = gettext("Asks again:")

    def asks(p: Painter, x: float, y: float) -> float:
        p.text(x, y, asks_text, size=8, colour=ASKS_AGAIN)
        return text_width(asks_text, 8) + 6

    return [
        (card, gettext("A step, in its owner's lane")),
        (line(EDGE, 1.0), gettext("Dependency")),
        (line(HANDOFF, 1.6), gettext("Hand-off between organisations")),
        (line(EDGE, 1.0, True), gettext("Not agreed")),
        (line(BLOCKED, 2.2), gettext("Blocked by an open blocker")),
        (badges, gettext("Open blockers on a step (worst)")),
        (asks, gettext("data an earlier organisation already asked for")),
    ]


def _severity(value: str) -> str:
    """A severity as the export's language writes it on a badge ("High", "Uchel")."""
    return gettext(enums.label(value))


def legend_width() -> float:
    return sum(_item_width(draw, label) for draw, label in _legend_items()) + 60


def _item_width(draw: Callable[[Painter, float, float], float], label: str) -> float:
    probe = SvgPainter()
    return draw(probe, 0, 0) + text_width(label, 9) + 22


def draw_legend(p: Painter, x: float, y: float, max_width: float) -> float:
    """The legend in rows from (x, y); returns its height."""
    p.text(x, y + 12, gettext("Key"), size=10, bold=True)
    cx, cy = x + 34, y + 12
    for draw, label in _legend_items():
        w = _item_width(draw, label)
        if cx + w > x + max_width and cx > x + 34:
            cx, cy = x + 34, cy + 20
        used = draw(p, cx, cy)
        p.text(cx + used, cy, label, size=9, colour=INK)
        cx += w
    return cy - y + 10


def draw_header(p: Painter, f: Furniture, x: float, y: float, width: float) -> None:
    p.text(x + width / 2, y + 12, f.classification, size=13, bold=True, anchor="middle")
    p.text(x, y + 46, ellipsis(f.title, width * 0.7, 24, bold=True), size=24, bold=True)
    p.text(x + width, y + 46, f.date_text, size=11, colour=MUTED, anchor="end")
    if f.subtitle:
        p.text(x, y + 66, ellipsis(f.subtitle, width * 0.92, 12), size=12, colour=MUTED)


def draw_footer(p: Painter, f: Furniture, x: float, y: float, width: float, right: str = "") -> None:
    """The footer's baseline is ``y``: the notes on the left, the marking in the middle."""
    note = " ".join([*f.notes, gettext("Language: English.")])  # which language the poster is in (Iaith: Cymraeg.)
    if note:
        p.text(x, y - 14, ellipsis(note, width, 8), size=8, colour=MUTED)
    p.text(x + width / 2, y, f.classification, size=13, bold=True, anchor="middle")
    if right:
        p.text(x + width, y, right, size=9, colour=MUTED, anchor="end")


# --- single-canvas posters: SVG and PNG -----------------------------------------------------------


class Scaled:
    """A painter seen through a scale about an origin: the frame of a huge map grows with it, so that
    its title and classification marking stay readable when the whole poster is shown at once."""

    def __init__(self, p: Painter, scale: float, ox: float, oy: float) -> None:
        self.p, self.s, self.ox, self.oy = p, scale, ox, oy

    def _pt(self, x: float, y: float) -> Point:
        return (self.ox + x * self.s, self.oy + y * self.s)

    def rect(self, x: float, y: float, w: float, h: float, *, fill: str | None = None,
             stroke: str | None = None, width: float = 1.0, radius: float = 0.0) -> None:
        x, y = self._pt(x, y)
        s = self.s
        self.p.rect(x, y, w * s, h * s, fill=fill, stroke=stroke, width=width * s, radius=radius * s)

    def polyline(self, points: Sequence[Point], *, stroke: str, width: float = 1.0, dashed: bool = False) -> None:
        self.p.polyline([self._pt(x, y) for x, y in points], stroke=stroke, width=width * self.s, dashed=dashed)

    def polygon(self, points: Sequence[Point], *, fill: str) -> None:
        self.p.polygon([self._pt(x, y) for x, y in points], fill=fill)

    def text(self, x: float, y: float, text: str, *, size: float = 10.0, bold: bool = False,
             colour: str = INK, anchor: Anchor = "start") -> None:
        x, y = self._pt(x, y)
        self.p.text(x, y, text, size=size * self.s, bold=bold, colour=colour, anchor=anchor)


def _frame_scale(jm: JourneyMap) -> float:
    """How much larger than on a page the title, legend and marking are drawn around this map."""
    return max(1.0, jm.layout.width / 1600)


def _canvas_size(jm: JourneyMap) -> tuple[float, float]:
    fs = _frame_scale(jm)
    w = max(jm.layout.width + 2 * MARGIN * fs, (max(legend_width() * 0.6, 700) + 2 * MARGIN) * fs)
    h = jm.layout.height + (2 * MARGIN + HEADER_H + LEGEND_H + FOOTER_H) * fs
    return w, h


def draw_poster(p: Painter, jm: JourneyMap, f: Furniture) -> tuple[float, float]:
    w, h = _canvas_size(jm)
    fs = _frame_scale(jm)
    inner = w / fs - 2 * MARGIN  # the frame's width in its own (scaled) units
    draw_header(Scaled(p, fs, 0, 0), f, MARGIN, MARGIN, inner)
    top = (MARGIN + HEADER_H) * fs
    draw_map(p, jm, MARGIN * fs, top)
    below = Scaled(p, fs, 0, top + jm.layout.height)
    draw_legend(below, MARGIN, 14, inner)
    draw_footer(below, f, MARGIN, LEGEND_H + FOOTER_H + 8, inner)
    return w, h


def svg_poster(jm: JourneyMap, f: Furniture) -> str:
    p = SvgPainter()
    w, h = _canvas_size(jm)
    p.rect(0, 0, w, h, fill="#ffffff")
    draw_poster(p, jm, f)
    return p.document(w, h, title=f"{f.classification}: {f.title}")


def svg_map(jm: JourneyMap, *, title: str) -> str:
    """The map alone, for a web page (no XML declaration; the page frames it)."""
    p = SvgPainter()
    draw_map(p, jm)
    return p.document(jm.layout.width, jm.layout.height, title=title, standalone=False)


def png_poster(jm: JourneyMap, f: Furniture, *, dpi: float = 150) -> tuple[bytes, list[str]]:
    """The poster as PNG at ``dpi`` (1 map unit = 1 pt); a poster too large is drawn at a lower resolution."""
    notes: list[str] = []
    w, h = _canvas_size(jm)
    scale = dpi / 72
    if w * h * scale * scale > MAX_PNG_PIXELS:
        scale = math.sqrt(MAX_PNG_PIXELS / (w * h)) * 0.999  # the image rounds its size up
        notes.append(
            gettext("The map is too large for {dpi} dpi; the PNG is {made} dpi ({width} x {height} pixels). "
                    "The PDF poster prints it at full size.").format(
                dpi=format_number(round(dpi)), made=format_number(round(scale * 72)),
                width=format_number(math.ceil(w * scale)), height=format_number(math.ceil(h * scale))))
        dpi = scale * 72
    p = PngPainter(w, h, scale)
    draw_poster(p, jm, f)
    meta = {"Title": f.title, "Classification": f.classification, "Software": "Service Community"}
    if f.notes:
        meta["Comment"] = " ".join(f.notes)
    return p.png(dpi=dpi, text=meta), notes


# --- PDF ------------------------------------------------------------------------------------------


def plain_streams() -> None:
    """Compressed PDF streams without ReportLab's default ASCII85 layer on top.

    ASCII85 only matters for 7-bit channels; it makes the file a quarter larger and, without the
    rl_accel extension, costs seconds on a big map. ``rl_config`` is ReportLab's process-wide
    configuration: this is the only setting the app changes.
    """
    from reportlab import rl_config

    rl_config.useA85 = 0


# --- planning the printed poster: paper, scale and sheets -----------------------------------------

SHEET_SIZES = {"A4": (841.89, 595.28), **PAPER_SIZES}  # landscape, in points
TITLE_PT = 10.0  # a card's title at full size; the smallest card text is 8
READABLE = 0.75  # the smallest scale chosen by itself: titles 7.5 pt, no text under 6 pt on paper
AUTO_SHEETS = ("A4", "A3")  # what an office printer takes
SHEET_MARGIN = 20.0
SHEET_TOP = 30.0  # the title, the marking and "Sheet 2 of 6" above the map on a sheet
SHEET_BOTTOM = 26.0  # the marking, what was left out and where the sheet goes, below it
PAGE_MARGIN = 28.0  # a poster on one page


_ISO_CM = (("A3", (42.0, 29.7)), ("A2", (59.4, 42.0)), ("A1", (84.1, 59.4)), ("A0", (118.9, 84.1)))


@dataclass
class Tile:
    """One sheet: the part of the map's body (right of the lane names, below the stage names) it shows."""

    number: int
    row: int
    col: int
    x0: float
    x1: float
    y0: float
    y1: float
    steps: list[MapStep] = field(default_factory=list)


@dataclass
class PosterPlan:
    """How one journey's map goes on paper."""

    paper: str
    tiled: bool
    scale: float  # printed size of one map unit, in pt
    tiles: list[Tile]
    rows: int
    cols: int
    map_w: float = 0.0  # the map's size, in map units
    map_h: float = 0.0

    @property
    def sheets(self) -> int:
        return len(self.tiles)

    @property
    def pages(self) -> int:
        """Sheets, and the assembly guide when there are several."""
        return self.sheets + (1 if self.tiled else 0)

    @property
    def title_pt(self) -> float:
        return TITLE_PT * self.scale

    def area(self) -> float:
        w, h = SHEET_SIZES[self.paper]
        return w * h * self.pages

    def cost(self) -> float:
        """Paper (in A4 sheets) plus half a sheet's worth for each sheet to trim and join: of two
        plans with about as much paper, the one with fewer, larger sheets."""
        a4 = SHEET_SIZES["A4"][0] * SHEET_SIZES["A4"][1]
        return self.area() / a4 + (0.5 * self.sheets if self.tiled else 0.0)

    def describe(self, title: str) -> str:
        """What was chosen, in a sentence: "Poster of …: 6 A4 sheets (3 across, 2 down) …", in the current language."""
        pt = {"title_pt": _pt(self.title_pt), "smallest": _pt(8 * self.scale)}
        if not self.tiled and not any(t.steps for t in self.tiles):
            return gettext("Poster of {title}: one {paper} page (the journey has no steps yet).").format(
                title=title, paper=self.paper)
        if not self.tiled:
            return gettext("Poster of {title}: one {paper} page, step titles {title_pt} pt, no text under {smallest} pt "
                           "when printed at actual size.").format(title=title, paper=self.paper, **pt)
        across, down = (v * self.scale / 72 * 2.54 for v in (self.map_w, self.map_h))
        fits = next((iso for iso, (w, h) in _ISO_CM if max(across, down) <= w and min(across, down) <= h), None)
        values = {"title": title, "n": self.sheets, "paper": self.paper, "cols": self.cols, "rows": self.rows,
                  "across": format_number(round(across)), "down": format_number(round(down)), "iso": fits, **pt}
        if fits:
            return ngettext(
                "Poster of {title}: {n} {paper} sheet ({cols} across, {rows} down) and an assembly guide, about {across} "
                "by {down} cm when joined (within {iso}); step titles {title_pt} pt, no text under {smallest} pt when "
                "printed at actual size (100%).",
                "Poster of {title}: {n} {paper} sheets ({cols} across, {rows} down) and an assembly guide, about {across} "
                "by {down} cm when joined (within {iso}); step titles {title_pt} pt, no text under {smallest} pt when "
                "printed at actual size (100%).", self.sheets).format(**values)
        return ngettext(
            "Poster of {title}: {n} {paper} sheet ({cols} across, {rows} down) and an assembly guide, about {across} "
            "by {down} cm when joined; step titles {title_pt} pt, no text under {smallest} pt when printed at actual "
            "size (100%).",
            "Poster of {title}: {n} {paper} sheets ({cols} across, {rows} down) and an assembly guide, about {across} "
            "by {down} cm when joined; step titles {title_pt} pt, no text under {smallest} pt when printed at actual "
            "size (100%).", self.sheets).format(**values)


def _pt(size: float) -> str:
    """A type size as the notes give it: one decimal, none when whole (7.5, 6)."""
    return format_number(round(size, 1)) if round(size, 1) != round(size) else format_number(round(size))


def _one_page_area(paper: str) -> tuple[float, float]:
    pw, ph = SHEET_SIZES[paper]
    return pw - 2 * PAGE_MARGIN, ph - 2 * PAGE_MARGIN - HEADER_H - FOOTER_H - LEGEND_H


def _sheet_area(paper: str) -> tuple[float, float]:
    pw, ph = SHEET_SIZES[paper]
    return pw - 2 * SHEET_MARGIN, ph - 2 * SHEET_MARGIN - SHEET_TOP - SHEET_BOTTOM


def _x_breaks(jm: JourneyMap) -> list[float]:
    """Where a sheet may end across the map: in the gaps between cards, never through one."""
    out = []
    for column in jm.layout.columns:
        out.append(column.box.x)
        out += [column.box.x + GAP + c * (CARD_W + GAP) - GAP / 2 for c in range(1, column.across)]
    out.append(jm.layout.width)
    return out


def _y_breaks(jm: JourneyMap) -> list[float]:
    out = []
    for lane in jm.layout.lanes:
        out.append(lane.box.y)
        rows = max(1, round((lane.box.h - GAP) / (CARD_H + GAP)))
        out += [lane.box.y + GAP + r * (CARD_H + GAP) - GAP / 2 for r in range(1, rows)]
    out.append(jm.layout.height)
    return sorted(set(out))


def _split(breaks: list[float], limit: float) -> list[float]:
    """Cuts among ``breaks`` (first and last included) into the fewest parts no longer than ``limit``
    (a part between two neighbouring breaks is never cut, however long), as even as they can be."""
    greedy = [breaks[0]]
    for i, b in enumerate(breaks[1:], start=1):
        if b - greedy[-1] > limit and breaks[i - 1] > greedy[-1]:
            greedy.append(breaks[i - 1])
    greedy.append(breaks[-1])
    n = len(greedy) - 1
    if n <= 1:
        return greedy
    start, total = breaks[0], breaks[-1] - breaks[0]
    cuts = [start]
    for k in range(1, n):
        target = start + k * total / n
        reachable = [b for b in breaks if cuts[-1] < b <= cuts[-1] + limit] or [b for b in breaks if b > cuts[-1]][:1]
        cuts.append(min(reachable, key=lambda b: abs(b - target)))
    if breaks[-1] - cuts[-1] > limit + 1e-6 and len(set(greedy)) == len(greedy):
        return greedy  # evening out left too much for the last sheet
    cuts.append(breaks[-1])
    return cuts


def plan_poster(jm: JourneyMap, *, paper: str = "auto", tiled: bool = False, scale: float | None = None) -> PosterPlan:
    """How the map goes on paper. ``paper`` "auto" chooses the paper, the tiling and the scale so that
    step titles print at 7.5 pt or more, on the least paper; otherwise the map is fitted to one page
    of ``paper`` or, ``tiled``, printed at ``scale`` (full size unless given) over sheets of it."""
    lay = jm.layout
    if paper == "auto":
        options = []
        for sheet in AUTO_SHEETS:
            aw, ah = _one_page_area(sheet)
            s = min(aw / lay.width, ah / lay.height, 1.5)
            if s >= READABLE:
                options.append(PosterPlan(sheet, False, s, [_whole(jm)], 1, 1, lay.width, lay.height))
            for tenth in range(6):  # 0.75, 0.8 ... 1.0
                options.append(plan_poster(jm, paper=sheet, tiled=True, scale=READABLE + 0.05 * tenth))
        return min(options, key=lambda plan: (round(plan.cost(), 3), -plan.scale))
    if paper not in SHEET_SIZES:
        raise ValueError(f"paper must be auto or one of {', '.join(SHEET_SIZES)}")
    if not tiled:
        aw, ah = _one_page_area(paper)
        return PosterPlan(paper, False, min(aw / lay.width, ah / lay.height, 2.0), [_whole(jm)], 1, 1, lay.width, lay.height)
    s = scale or 1.0
    aw, ah = _sheet_area(paper)
    xs = _split(_x_breaks(jm), (aw - LANE_HEADER_W * s) / s)
    ys = _split(_y_breaks(jm), (ah - STAGE_HEADER_H * s) / s)
    grid: dict[tuple[int, int], Tile] = {}
    # cards share a few dozen x positions and a few hundred y positions: place those, not every card
    col_of = {x: min(bisect.bisect_right(xs, x) - 1, len(xs) - 2) for x in {b.x for b in lay.cards.values()}}
    row_of = {y: min(bisect.bisect_right(ys, y) - 1, len(ys) - 2) for y in {b.y for b in lay.cards.values()}}
    for step in jm.data.steps:
        box = lay.cards.get(step.id)
        if box is None:
            continue
        c, r = col_of[box.x], row_of[box.y]
        tile = grid.get((r, c))
        if tile is None:
            tile = grid[(r, c)] = Tile(0, r, c, xs[c], xs[c + 1], ys[r], ys[r + 1])
        tile.steps.append(step)
    if not grid:  # no step at all: the empty map fits one page
        return plan_poster(jm, paper=paper, tiled=False)
    tiles = [grid[key] for key in sorted(grid)]  # a sheet with no card on it is not printed
    for number, tile in enumerate(tiles, start=1):
        tile.number = number
    return PosterPlan(paper, True, s, tiles, len(ys) - 1, len(xs) - 1, lay.width, lay.height)


def _whole(jm: JourneyMap) -> Tile:
    lay = jm.layout
    return Tile(1, 0, 0, LANE_HEADER_W, lay.width, STAGE_HEADER_H, lay.height, list(jm.data.steps))


# --- PDF ------------------------------------------------------------------------------------------


def pdf_poster(
    maps: Sequence[tuple[JourneyMap, Furniture]],
    *,
    paper: str = "auto",
    tiled: bool = False,
    title: str = "",
    classification: str = "OFFICIAL",
    progress: Callable[[float, str], None] | None = None,
) -> tuple[bytes, list[str]]:
    """Each journey's map on landscape pages: ``paper`` "auto" chooses what prints readably (see
    :func:`plan_poster`); otherwise fitted to one page of ``paper``, or at full size over sheets of
    it. A map over several sheets has an assembly guide first, and each sheet repeats the lane and
    stage names beside and above its part of the map, and says which sheet it is."""
    from reportlab.pdfgen.canvas import Canvas

    plain_streams()
    if paper != "auto" and paper not in SHEET_SIZES:
        raise ValueError(f"paper must be auto or one of {', '.join(SHEET_SIZES)}")
    notes: list[str] = []
    plans = []
    for i, (jm, f) in enumerate(maps):
        plan = plan_poster(jm, paper=paper, tiled=tiled)
        plans.append((jm, f, plan))
        if plan.tiled or plan.title_pt >= 7.0:
            notes.append(plan.describe(f.title))
        else:
            notes.append(
                gettext("{title} is drawn at {percent} to fit one {paper} page: step titles print at {title_pt} pt. "
                        "Choose the automatic paper size for a poster you can read on paper.").format(
                    title=f.title, percent=format_percent(plan.scale), paper=plan.paper, title_pt=_pt(plan.title_pt))
            )
        if progress:
            progress(0.1 * (i + 1) / len(maps), f"Planned {f.title}")
    buf = io.BytesIO()
    first = SHEET_SIZES[plans[0][2].paper] if plans else PAPER_SIZES["A3"]
    # not invariant: the creation date is now; /Lang says which language the poster's own words are in
    # reportlab starts every page in its default font, Helvetica, which it cannot embed: poppler and
    # print shops then list a font not embedded though no text uses it. Start in the bundled one.
    register_fonts()
    c = Canvas(buf, pagesize=first, pageCompression=1, lang=get_language(), initialFontName=FONT)
    c.setTitle(pdf_text(title))
    c.setAuthor("Service Community")
    c.setSubject(classification)
    c.setKeywords([classification, "journey map", "poster"])
    c.setCreator("Service Community")
    total = sum(plan.pages for _, _, plan in plans) or 1
    done = 0
    for jm, f, plan in plans:
        pw, ph = SHEET_SIZES[plan.paper]
        if not plan.tiled:
            c.setPageSize((pw, ph))
            _one_page(c, jm, f, plan)
            c.showPage()
            done += 1
            continue
        c.setPageSize((pw, ph))
        arrows = _arrow_form(c, jm, f"arrows{len(plans)}_{done}")
        _guide_page(c, jm, f, plan)
        c.showPage()
        done += 1
        for tile in plan.tiles:
            c.setPageSize((pw, ph))
            _sheet(c, jm, f, plan, tile, arrows)
            c.showPage()
            done += 1
            if progress and done % 10 == 0:
                progress(0.1 + 0.9 * done / total, f"Sheet {done} of {total}")
    if not plans:
        c.showPage()
    c.save()
    return buf.getvalue(), notes


def _clip(c: Any, ph: float, x: float, y: float, w: float, h: float) -> None:
    """Clip to a rectangle given y down (the painters' way)."""
    path = c.beginPath()
    path.rect(x, ph - y - h, w, h)
    c.clipPath(path, stroke=0, fill=0)


def _arrow_form(c: Any, jm: JourneyMap, name: str) -> Callable[[Painter], None]:
    """The map's arrows drawn once, as a PDF form that every sheet places and clips: a long arrow
    crosses many sheets, and has no text to find on them. Returns what places it (in map units)."""
    w, h = jm.layout.width, jm.layout.height
    c.beginForm(name, 0, 0, w, h)
    draw_arrows(PdfPainter(c, h), jm)
    c.endForm()

    def place(p: Painter) -> None:
        c.saveState()
        c.translate(0, -h)  # the form is y up from its bottom; the painter here is y down from the top
        c.doForm(name)
        c.restoreState()
        if isinstance(p, PdfPainter):
            p.reset()

    return place


def _map_at(c: Any, p: PdfPainter, jm: JourneyMap, tile: Tile, s: float, ax: float, ay: float,
            arrows: Callable[[Painter], None]) -> None:
    """``tile``'s part of the map at scale ``s``, the lane names to its left and the stage names above
    it, with the top-left corner at (ax, ay) on the page (y down)."""
    ph = p.h
    bw, bh = (tile.x1 - tile.x0) * s, (tile.y1 - tile.y0) * s
    lw, sh = LANE_HEADER_W * s, STAGE_HEADER_H * s
    parts: tuple[tuple[tuple[float, float, float, float], Point, Callable[[Painter], None]], ...] = (
        ((ax + lw, ay + sh, bw, bh), (ax + lw - tile.x0 * s, ay + sh - tile.y0 * s),
         lambda v: _body(v, jm, tile.x0, tile.x1, tile.y0, tile.y1, tile.steps, arrows)),
        ((ax, ay + sh, lw, bh), (ax, ay + sh - tile.y0 * s), lambda v: _lane_headers(v, jm, tile.y0, tile.y1)),
        ((ax + lw, ay, bw, sh), (ax + lw - tile.x0 * s, ay), lambda v: _stage_headers(v, jm, tile.x0, tile.x1)),
        ((ax, ay, lw, sh), (ax, ay), _corner),
    )
    for (x, y, w, h), (ox, oy), draw in parts:
        c.saveState()
        _clip(c, ph, x, y, w, h)
        # map units through the PDF's own transformation (cheaper than scaling every point here):
        # a painter of height 0 draws y down from the origin moved to (ox, oy)
        c.translate(ox, ph - oy)
        c.scale(s, s)
        draw(PdfPainter(c, 0.0))
        c.restoreState()
    p.reset()
    p.rect(ax, ay, lw + bw, sh + bh, stroke=GRID, width=1)


def _one_page(c: Any, jm: JourneyMap, f: Furniture, plan: PosterPlan) -> None:
    _, ph = SHEET_SIZES[plan.paper]
    p = PdfPainter(c, ph)
    m = PAGE_MARGIN
    aw, _ = _one_page_area(plan.paper)
    s = plan.scale
    ax = m + max(0.0, (aw - jm.layout.width * s) / 2)
    _map_at(c, p, jm, plan.tiles[0], s, ax, m + HEADER_H, lambda q: draw_arrows(q, jm))
    draw_header(p, f, m, m, aw)
    draw_legend(p, m, ph - m - FOOTER_H - LEGEND_H + 10, aw)
    where = gettext("Full size") if abs(s - 1) < 0.001 else gettext("Printed at {scale}: step titles {pt} pt").format(
        scale=f"{s:.0%}", pt=f"{plan.title_pt:.1f}")
    draw_footer(p, f, m, ph - m, aw, right=where)


def _sheet(c: Any, jm: JourneyMap, f: Furniture, plan: PosterPlan, tile: Tile, arrows: Callable[[Painter], None]) -> None:
    pw, ph = SHEET_SIZES[plan.paper]
    p = PdfPainter(c, ph)
    m = SHEET_MARGIN
    width = pw - 2 * m
    _map_at(c, p, jm, tile, plan.scale, m, m + SHEET_TOP, arrows)
    label = gettext("Sheet {number} of {sheets}").format(number=tile.number, sheets=plan.sheets)
    p.text(pw - m, m + 14, label, size=13, bold=True, anchor="end")
    p.text(pw / 2, m + 12, f.classification, size=11, bold=True, anchor="middle")
    room = width / 2 - text_width(f.classification, 11, True) / 2 - 12
    p.text(m, m + 14, ellipsis(f.title, room, 11, bold=True), size=11, bold=True)
    where = gettext("row {row} of {rows}, column {col} of {cols}").format(
        row=tile.row + 1, rows=plan.rows, col=tile.col + 1, cols=plan.cols)
    p.text(pw - m, m + 25, where, size=8, colour=MUTED, anchor="end")
    base = ph - m
    p.text(pw / 2, base, f.classification, size=11, bold=True, anchor="middle")
    _locator(p, plan, tile, pw - m, base)
    note = " ".join(f.notes) or f.date_text
    p.text(m, base, ellipsis(note, width / 2 - text_width(f.classification, 11, True) / 2 - 12, 8), size=8, colour=MUTED)


def _locator(p: Painter, plan: PosterPlan, tile: Tile, right: float, base: float) -> float:
    """A small grid of the sheets with this one filled in, ending at ``right``; returns its width."""
    cell = max(1.5, min(8.0, 90 / max(plan.cols, 1), 18 / max(plan.rows, 1)))
    w, h = cell * plan.cols, cell * plan.rows * 0.7
    x, y = right - w, base - h
    p.rect(x, y, w, h, fill="#eeeeee", stroke=GRID, width=0.3)
    p.rect(x + tile.col * cell, y + tile.row * cell * 0.7, cell, cell * 0.7, fill=INK)
    return w


def _guide_page(c: Any, jm: JourneyMap, f: Furniture, plan: PosterPlan) -> None:
    """The assembly guide: the whole map in miniature with each sheet's place and number, and the key."""
    pw, ph = SHEET_SIZES[plan.paper]
    p = PdfPainter(c, ph)
    m = PAGE_MARGIN
    width = pw - 2 * m
    draw_header(p, f, m, m, width)
    lines = [
        ngettext("Assembly guide: {n} {paper} sheet, {cols} across and {rows} down, each numbered in its top right corner.",
                 "Assembly guide: {n} {paper} sheets, {cols} across and {rows} down, each numbered in its top right corner.",
                 plan.sheets).format(n=plan.sheets, paper=plan.paper, cols=plan.cols, rows=plan.rows),
        gettext("Print at actual size (100%, not 'fit to page') and lay the sheets out as below. No card is cut across sheets."),
        gettext("Step titles print at {pt} pt. Each sheet repeats the lane names at its left and the stage names "
                "at its top, so it reads on its own;").format(pt=f"{plan.title_pt:.1f}"),
        gettext("to join the map edge to edge, trim the lane names off sheets after the first column, and the stage names off "
                "sheets below the first row."),
    ]
    empty = plan.rows * plan.cols - plan.sheets
    if empty:
        lines.append(ngettext("{n} part of the grid with no step is not printed (left blank below).",
                              "{n} parts of the grid with no step are not printed (left blank below).", empty).format(n=empty))
    y = m + HEADER_H + 6
    for line in lines:
        p.text(m, y, ellipsis(line, width, 10), size=10)
        y += 14
    top = y + 6
    bottom = ph - m - FOOTER_H - LEGEND_H - 6
    lay = jm.layout
    k = min(width / lay.width, (bottom - top) / lay.height)
    ox = m + (width - lay.width * k) / 2
    v = Scaled(p, k, ox, top)
    for lane in lay.lanes:
        colour = safe_colour(lane.colour, UNASSIGNED_COLOUR)
        v.rect(0, lane.box.y, lay.width, lane.box.h, fill=tint(colour, 0.12))
    orgs = jm.data.organisations
    for step in jm.data.steps:
        box = lay.cards.get(step.id)
        org = orgs.get(step.owner_id or "")
        if box is not None:
            v.rect(box.x, box.y, box.w, box.h, fill=tint(safe_colour(org.colour if org else None, UNASSIGNED_COLOUR), 0.55))
    v.rect(0, 0, lay.width, lay.height, stroke=GRID, width=1 / k)
    for tile in plan.tiles:
        # a sheet shows its part of the body and the lane and stage names beside it
        x0 = LANE_HEADER_W if tile.col == 0 else tile.x0
        y0 = STAGE_HEADER_H if tile.row == 0 else tile.y0
        v.rect(x0 if tile.col else 0, y0 if tile.row else 0, tile.x1 - (x0 if tile.col else 0),
               tile.y1 - (y0 if tile.row else 0), stroke=INK, width=1.2 / k)
        cx, cy = ox + (tile.x0 + tile.x1) / 2 * k, top + (tile.y0 + tile.y1) / 2 * k
        size = max(6.0, min(28.0, (tile.y1 - tile.y0) * k * 0.45, (tile.x1 - tile.x0) * k * 0.3))
        p.text(cx, cy + size * 0.35, str(tile.number), size=size, bold=True, anchor="middle")
    draw_legend(p, m, ph - m - FOOTER_H - LEGEND_H + 10, width)
    draw_footer(p, f, m, ph - m, width, right=ngettext("Assembly guide for {n} sheet", "Assembly guide for {n} sheets",
                                                       plan.sheets).format(n=plan.sheets))
