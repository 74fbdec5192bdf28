"""The journey map as a poster: PDF (A3/A2/A1 landscape, tiled or fitted to one page), SVG and PNG.

The map is drawn once, through :class:`~servicecommunity.exchange.exports.painters.Painter`, from the shared
layout (:mod:`servicecommunity.analysis.layout`): stage columns, a swimlane per organisation, step cards in
their owner's colour with a badge for open blockers, dependencies as arrows (hand-offs between
organisations heavier, unagreed ones dashed, blocked ones red). Every poster has a title, the date,
a legend and the classification marking at the top and the bottom, and says what it left out.
"""

from __future__ import annotations

import io
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from servicecommunity.analysis.layout import (
    CARD_H,
    CARD_W,
    LANE_HEADER_W,
    STAGE_HEADER_H,
    UNASSIGNED_COLOUR,
    MapStep,
)
from servicecommunity.exchange.exports.mapview import JourneyMap
from servicecommunity.exchange.exports.painters import (
    INK,
    Anchor,
    PdfPainter,
    PngPainter,
    Point,
    SvgPainter,
    ellipsis,
    safe_colour,
    text_colour_on,
    text_width,
    tint,
    wrap,
)

Painter = SvgPainter | PdfPainter | PngPainter | Any

GRID = "#b1b4b6"
MUTED = "#505a5f"
EDGE = "#8a9299"
HANDOFF = "#0b0c0c"
BLOCKED = "#d4351c"
ASKS_AGAIN = "#b04a00"
SEVERITY_COLOURS = {"critical": "#942514", "high": "#d4351c", "medium": "#f47738", "low": "#505a5f"}
CHANNEL_SHORT = {"online": "Online", "phone": "Phone", "paper": "Paper", "face_to_face": "Face to face"}

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
    """The journey map with its top-left corner at (ox, oy)."""
    data, lay = jm.data, jm.layout
    width, height = lay.width, lay.height
    # lanes
    for lane in lay.lanes:
        colour = safe_colour(lane.colour, UNASSIGNED_COLOUR)
        y = oy + lane.box.y
        p.rect(ox, y, width, lane.box.h, fill=tint(colour, 0.06))
        p.rect(ox, y, LANE_HEADER_W, lane.box.h, fill=tint(colour, 0.2))
        p.rect(ox, y, 6, lane.box.h, fill=colour)
        for i, line in enumerate(wrap(lane.label, LANE_HEADER_W - 24, 12, bold=True, lines=4)):
            p.text(ox + 14, y + 22 + i * 15, line, size=12, bold=True)
        p.polyline([(ox, y), (ox + width, y)], stroke=GRID, width=0.6)
    # stage headers and column rules
    p.rect(ox, oy, width, STAGE_HEADER_H, fill="#f3f2f1")
    p.text(ox + 14, oy + 20, "Stages", size=9, colour=MUTED)
    p.text(ox + 14, oy + 34, "Organisations (lanes)", size=9, colour=MUTED)
    for column in lay.columns:
        x = ox + column.box.x
        p.polyline([(x, oy), (x, oy + height)], stroke=GRID, width=0.6)
        lines = wrap(column.name, column.box.w - 20, 12, bold=True, lines=2)
        for i, line in enumerate(lines):
            p.text(x + 10, oy + (20 if len(lines) > 1 else 29) + i * 15, line, size=12, bold=True)
    p.polyline([(ox, oy + STAGE_HEADER_H), (ox + width, oy + STAGE_HEADER_H)], stroke=GRID, width=1)
    p.rect(ox, oy, width, height, stroke=GRID, width=1)
    # dependencies under the cards
    cards = lay.cards
    heads = []
    for dep in data.dependencies:  # all the lines, then all the arrowheads (the PNG painter batches lines)
        a, z = cards.get(dep.from_step_id), cards.get(dep.to_step_id)
        if a is None or z is None or dep.from_step_id == dep.to_step_id:
            continue
        points = route(a.x, a.y, z.x, z.y, ox, oy)
        colour = BLOCKED if dep.blocked else (HANDOFF if dep.crosses_org else EDGE)
        width = 2.2 if dep.blocked else (1.6 if dep.crosses_org else 1.0)
        p.polyline(points, stroke=colour, width=width, dashed=not dep.agreed)
        heads.append((_arrowhead(points[-2], points[-1], 4 + width * 2), colour))
    for head, colour in heads:
        p.polygon(head, fill=colour)
    # cards
    orgs = data.organisations
    for step in data.steps:
        box = cards.get(step.id)
        if box is None:
            continue
        org = orgs.get(step.owner_id or "")
        _card(p, step, ox + box.x, oy + box.y, safe_colour(org.colour if org else None, UNASSIGNED_COLOUR))


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
    for i, line in enumerate(wrap(step.title or "(untitled)", inner, 10, bold=True, lines=title_lines)):
        p.text(x + 13, y + 16 + i * 12.5, line, size=10, bold=True)
    if step.repeated_data:
        asks = ellipsis("Asks again: " + ", ".join(step.repeated_data), inner, 8)
        p.text(x + 13, y + CARD_H - 22, asks, size=8, colour=ASKS_AGAIN)
    channels = ", ".join(CHANNEL_SHORT.get(c, c) for c in step.channels) or "No channel recorded"
    if step.channels and all(c == "online" for c in step.channels):
        channels += " only"
    badge_w = 0.0
    if step.blocker_count:
        label = f"{step.blocker_count} blocker{'s' if step.blocker_count != 1 else ''}"
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
            w = text_width(name.title(), 8, True) + 8
            p.rect(x, y - 10, w, 13, fill=colour, radius=3)
            p.text(x + w / 2, y - 0.5, name.title(), size=8, bold=True, colour=text_colour_on(colour), anchor="middle")
            x += w + 3
            del i
        return sum(text_width(n.title(), 8, True) + 11 for n in SEVERITY_COLOURS) + 3

    def asks(p: Painter, x: float, y: float) -> float:
        p.text(x, y, "Asks again:", size=8, colour=ASKS_AGAIN)
        return text_width("Asks again:", 8) + 6

    return [
        (card, "A step, in its owner's lane"),
        (line(EDGE, 1.0), "Dependency"),
        (line(HANDOFF, 1.6), "Hand-off between organisations"),
        (line(EDGE, 1.0, True), "Not agreed"),
        (line(BLOCKED, 2.2), "Blocked by an open blocker"),
        (badges, "Open blockers on a step (worst)"),
        (asks, "data an earlier organisation already asked for"),
    ]


def legend_width() -> float:
    return sum(_item_width(draw, label) for draw, label in _legend_items()) + 60


def _item_width(draw: Callable[[Painter, float, float], float], label: str) -> float:
    probe = SvgPainter()
    return draw(probe, 0, 0) + text_width(label, 9) + 22


def draw_legend(p: Painter, x: float, y: float, max_width: float) -> float:
    """The legend in rows from (x, y); returns its height."""
    p.text(x, y + 12, "Key", size=10, bold=True)
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
    note = " ".join(f.notes)
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
            f"The map is too large for {dpi:g} dpi; the PNG is {scale * 72:.0f} dpi "
            f"({math.ceil(w * scale)} x {math.ceil(h * scale)} pixels). The PDF poster prints it at full size."
        )
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


def pdf_poster(
    maps: Sequence[tuple[JourneyMap, Furniture]],
    *,
    paper: str = "A3",
    tiled: bool = False,
    title: str = "",
    classification: str = "OFFICIAL",
    progress: Callable[[float, str], None] | None = None,
) -> tuple[bytes, list[str]]:
    """Each journey's map on landscape pages of ``paper``: fitted to one page, or at full size
    (1 unit = 1 pt) tiled over as many pages as it needs, each page framed and numbered."""
    from reportlab.pdfgen.canvas import Canvas

    plain_streams()
    if paper not in PAPER_SIZES:
        raise ValueError(f"paper must be one of {', '.join(PAPER_SIZES)}")
    pw, ph = PAPER_SIZES[paper]
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=(pw, ph), pageCompression=1, invariant=1)
    c.setTitle(title)
    c.setAuthor("Service Community")
    c.setSubject(classification)
    c.setKeywords([classification])
    c.setCreator("Service Community")
    notes: list[str] = []
    m = 28.0
    area_x, area_top = m, m + HEADER_H
    area_w = pw - 2 * m
    area_h = ph - area_top - m - FOOTER_H - LEGEND_H
    legend_y = ph - m - FOOTER_H - LEGEND_H + 10

    plans = []
    for i, (jm, f) in enumerate(maps):
        w, h = jm.layout.width, jm.layout.height
        name = f"map{i}"
        c.beginForm(name, 0, 0, w, h)
        draw_map(PdfPainter(c, h), jm)
        c.endForm()
        if progress:
            progress(0.5 * (i + 1) / len(maps), f"Drawn {f.title}")
        if tiled:
            overlap = 18.0
            nx = max(1, math.ceil((w - overlap) / (area_w - overlap)))
            ny = max(1, math.ceil((h - overlap) / (area_h - overlap)))
            tiles = [(r, col) for r in range(ny) for col in range(nx)]
            plans.append((jm, f, name, 1.0, tiles, nx, ny))
        else:
            s = min(area_w / w, area_h / h, 2.0)
            plans.append((jm, f, name, s, [(0, 0)], 1, 1))
            if s < 0.5:
                notes.append(f"{f.title} is drawn at {s:.0%} to fit one {paper} page; choose tiled pages to print it at full size.")
    total = sum(len(p[4]) for p in plans) or 1
    page = 0
    for jm, f, name, s, tiles, nx, ny in plans:
        w, h = jm.layout.width, jm.layout.height
        for r, col in tiles:
            page += 1
            painter = PdfPainter(c, ph)
            tx = col * (area_w - 18.0) if tiled else 0.0
            ty = r * (area_h - 18.0) if tiled else 0.0
            ax = area_x if tiled else area_x + max(0.0, (area_w - w * s) / 2)
            top = ph - area_top
            c.saveState()
            clip = c.beginPath()
            clip.rect(area_x, top - area_h, area_w, area_h)
            c.clipPath(clip, stroke=0, fill=0)
            c.translate(ax - s * tx, top + s * ty - s * h)
            c.scale(s, s)
            c.doForm(name)
            c.restoreState()
            painter.reset()
            draw_header(painter, f, m, m, area_w)
            draw_legend(painter, m, legend_y, area_w)
            where = (
                f"Tile: row {r + 1} of {ny}, column {col + 1} of {nx}" if tiled and nx * ny > 1
                else ("Full size" if s >= 0.999 else f"Scaled to {s:.0%}")
            )
            draw_footer(painter, f, m, ph - m, area_w, right=f"{where} · Page {page} of {total}")
            c.showPage()
            if progress and page % 10 == 0:
                progress(0.5 + 0.5 * page / total, f"Page {page} of {total}")
    if not plans:
        c.showPage()
    c.save()
    return buf.getvalue(), notes
