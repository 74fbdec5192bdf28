"""A tiny painter interface and its three backends: SVG (text), PDF (reportlab) and PNG (Pillow).

The poster draws the map once through :class:`Painter` (rectangles, polylines, polygons, text);
each backend turns those calls into its format. Coordinates are scene units with y down, the
layout's own (1 unit = 1 pt printed); text is placed by its baseline.

One font everywhere: DejaVu Sans, bundled in ``servicecommunity/resources/fonts`` with its licence
(it covers Welsh in full: ŵ, ŷ). The PDF embeds it (a subset), the SVG carries a subset of it in an
``@font-face``, the PNG is drawn with it; text is measured with its own metrics, so it wraps the
same way in every format and on every machine.

All user text is escaped in SVG; colours come from user data too, so :func:`safe_colour` lets
only ``#rrggbb`` through.
"""

from __future__ import annotations

import base64
import io
import itertools
import math
import re
import struct
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal, Protocol

Point = tuple[float, float]
Anchor = Literal["start", "middle", "end"]

_HEX = re.compile(r"^#[0-9a-fA-F]{6}$")
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
INK = "#0b0c0c"
FONT = "SCDejaVuSans"  # the names the PDF painter registers the bundled files under
FONT_BOLD = "SCDejaVuSans-Bold"
FONT_FAMILY = "DejaVu Sans"
_FONT_FILES = {False: "DejaVuSans.ttf", True: "DejaVuSans-Bold.ttf"}


def font_file(bold: bool = False) -> Path:
    """The bundled font file (regular or bold)."""
    from servicecommunity.resources import resource_path

    return resource_path("fonts", _FONT_FILES[bold])


@lru_cache(maxsize=1)
def register_fonts() -> None:
    """Make the bundled font known to reportlab (once a process) as FONT and FONT_BOLD."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    pdfmetrics.registerFont(TTFont(FONT, str(font_file(False))))
    pdfmetrics.registerFont(TTFont(FONT_BOLD, str(font_file(True))))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT_BOLD, italic=FONT, boldItalic=FONT_BOLD)


@lru_cache(maxsize=1024)
def safe_colour(value: str | None, default: str = "#5b6770") -> str:
    """``value`` if it is ``#rrggbb``, else ``default``: a colour from user data goes into markup."""
    return value.lower() if value and _HEX.match(value) else default


def rgb(colour: str) -> tuple[int, int, int]:
    c = safe_colour(colour)
    return int(c[1:3], 16), int(c[3:5], 16), int(c[5:7], 16)


def tint(colour: str, amount: float) -> str:
    """``colour`` mixed with white: ``amount`` 0 is white, 1 is the colour."""
    r, g, b = rgb(colour)
    mix = [round(255 - (255 - v) * amount) for v in (r, g, b)]
    return "#{:02x}{:02x}{:02x}".format(*mix)


def text_colour_on(colour: str) -> str:
    """Black or white, whichever reads on ``colour``."""
    r, g, b = rgb(colour)
    return INK if (0.299 * r + 0.587 * g + 0.114 * b) > 150 else "#ffffff"


# --- text -----------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _widths() -> tuple[dict[str, float], dict[str, float]]:
    """The bundled font's widths (per 1000 units) by character, regular and bold."""
    register_fonts()
    from reportlab.pdfbase.pdfmetrics import getFont

    out = []
    for name in (FONT, FONT_BOLD):
        face = getFont(name).face
        out.append({chr(code): width for code, width in face.charWidths.items()})
    return out[0], out[1]


_MISSING = 600.0  # the width of a character the font lacks (its box)


def text_width(text: str, size: float, bold: bool = False) -> float:
    """The width of ``text`` in the bundled font at ``size`` points."""
    return sum(map(_widths()[1 if bold else 0].get, text, itertools.repeat(_MISSING))) * size / 1000


@lru_cache(maxsize=65_536)
def _word_units(word: str, bold: bool) -> float:
    return sum(map(_widths()[1 if bold else 0].get, word, itertools.repeat(_MISSING)))


def wrap(text: str, width: float, size: float, *, bold: bool = False, lines: int = 3) -> list[str]:
    """``text`` in at most ``lines`` lines no wider than ``width``; the last ends with '…' if cut."""
    words = text.split()
    limit = width * 1000 / size  # in font units
    space = _word_units(" ", bold)
    out: list[str] = []
    current: list[str] = []
    used = 0.0
    i = 0
    while i < len(words):
        word = words[i]
        units = _word_units(word, bold)
        extra = units + (space if current else 0)
        if used + extra <= limit:
            current.append(word)
            used += extra
            i += 1
            continue
        if not current:  # one word wider than the line: break it
            cut = max(1, _fit(word, width, size, bold))
            current, words[i] = [word[:cut]], word[cut:]
            if not words[i]:
                i += 1
        out.append(" ".join(current))
        current, used = [], 0.0
        if len(out) == lines:
            break
    if current and len(out) < lines:
        out.append(" ".join(current))
    if i < len(words) and out:
        out[-1] = ellipsis(out[-1] + " " + " ".join(words[i:]), width, size, bold=bold)
    return [line for line in out if line] or [""]


def _fit(text: str, width: float, size: float, bold: bool) -> int:
    lo, hi = 0, len(text)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if text_width(text[:mid], size, bold) <= width:
            lo = mid
        else:
            hi = mid - 1
    return lo


def ellipsis(text: str, width: float, size: float, *, bold: bool = False) -> str:
    """``text`` cut to ``width`` with '…' when it is longer."""
    if text_width(text, size, bold) <= width:
        return text
    n = _fit(text, width - text_width("…", size, bold), size, bold)
    return text[:n].rstrip() + "…"


# --- the interface --------------------------------------------------------------------------------


class Painter(Protocol):
    def rect(self, x: float, y: float, w: float, h: float, *, fill: str | None = None,
             stroke: str | None = None, width: float = 1.0, radius: float = 0.0) -> None: ...

    def polyline(self, points: Sequence[Point], *, stroke: str, width: float = 1.0, dashed: bool = False) -> None: ...

    def polygon(self, points: Sequence[Point], *, fill: str) -> None: ...

    def text(self, x: float, y: float, text: str, *, size: float = 10.0, bold: bool = False,
             colour: str = INK, anchor: Anchor = "start") -> None: ...


# --- SVG ------------------------------------------------------------------------------------------


def xml_escape(text: str) -> str:
    text = _NOT_XML.sub("", text)
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;").replace("'", "&#39;")


_NUMBERS: dict[float, str] = {}


def _n(v: float) -> str:
    """A coordinate as text; the same few thousand recur, so each is formatted once."""
    out = _NUMBERS.get(v)
    if out is None:
        out = f"{v:.1f}".removesuffix(".0")
        if len(_NUMBERS) < 100_000:
            _NUMBERS[v] = out
    return out


class SvgPainter:
    """Collects SVG elements; :meth:`document` wraps them in an ``<svg>``."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.chars: set[str] = set()  # what the text uses, for the embedded font

    def rect(self, x: float, y: float, w: float, h: float, *, fill: str | None = None,
             stroke: str | None = None, width: float = 1.0, radius: float = 0.0) -> None:
        r = f' rx="{_n(radius)}"' if radius else ""
        paint = f' fill="{safe_colour(fill)}"' if fill else ' fill="none"'
        if stroke:
            paint += f' stroke="{safe_colour(stroke)}" stroke-width="{_n(width)}"'
        self.parts.append(f'<rect x="{_n(x)}" y="{_n(y)}" width="{_n(w)}" height="{_n(h)}"{r}{paint}/>')

    def polyline(self, points: Sequence[Point], *, stroke: str, width: float = 1.0, dashed: bool = False) -> None:
        pts = " ".join(f"{_n(x)},{_n(y)}" for x, y in points)
        dash = ' stroke-dasharray="5 4"' if dashed else ""
        self.parts.append(
            f'<polyline points="{pts}" fill="none" stroke="{safe_colour(stroke)}" stroke-width="{_n(width)}"{dash}/>'
        )

    def polygon(self, points: Sequence[Point], *, fill: str) -> None:
        pts = " ".join(f"{_n(x)},{_n(y)}" for x, y in points)
        self.parts.append(f'<polygon points="{pts}" fill="{safe_colour(fill)}"/>')

    def text(self, x: float, y: float, text: str, *, size: float = 10.0, bold: bool = False,
             colour: str = INK, anchor: Anchor = "start") -> None:
        weight = ' font-weight="bold"' if bold else ""
        where = f' text-anchor="{anchor}"' if anchor != "start" else ""
        # The text was wrapped to the bundled font's widths; a viewer that cannot use the embedded
        # font squeezes its own to fit.
        fit = f' textLength="{_n(text_width(text, size, bold))}" lengthAdjust="spacingAndGlyphs"' if len(text) > 3 else ""
        self.chars.update(text)
        self.parts.append(
            f'<text x="{_n(x)}" y="{_n(y)}" font-size="{_n(size)}"{weight}{where}{fit} fill="{safe_colour(colour)}">'
            f"{xml_escape(text)}</text>"
        )

    def document(self, width: float, height: float, *, title: str = "", standalone: bool = True) -> str:
        """The SVG; a standalone one carries the subset of the font its text uses (a page that holds
        the SVG inline brings its own fonts)."""
        head = '<?xml version="1.0" encoding="UTF-8"?>\n' if standalone else ""
        label = f' role="img" aria-label="{xml_escape(title)}"' if title else ""
        return (
            f'{head}<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="{_n(width)}" height="{_n(height)}" '
            f'viewBox="0 0 {_n(width)} {_n(height)}"{label} '
            f'font-family="\'{FONT_FAMILY}\', \'DejaVu Sans\', Verdana, sans-serif">'
            + (f"<title>{xml_escape(title)}</title>" if title else "")
            + (svg_font_style(self.chars) if standalone else "")
            + "".join(self.parts)
            + "</svg>\n"
        )


# --- PDF ------------------------------------------------------------------------------------------


class PdfPainter:
    """Draws on a reportlab canvas (or a form on it) whose height is ``height``: y is flipped."""

    def __init__(self, canvas: Any, height: float) -> None:
        register_fonts()
        self.c = canvas
        self.h = height
        self._fill: str | None = None
        self._stroke: str | None = None
        self._width: float | None = None
        self._dashed = False
        self._font: tuple[str, float] | None = None

    def reset(self) -> None:
        """Forget the graphics state (a new page or form starts from reportlab's defaults)."""
        self._fill = self._stroke = None
        self._width = None
        self._dashed = False
        self._font = None

    def _set_fill(self, colour: str) -> None:
        if colour != self._fill:
            self.c.setFillColorRGB(*(v / 255 for v in rgb(colour)))
            self._fill = colour

    def _set_stroke(self, colour: str, width: float, dashed: bool = False) -> None:
        if colour != self._stroke:
            self.c.setStrokeColorRGB(*(v / 255 for v in rgb(colour)))
            self._stroke = colour
        if width != self._width:
            self.c.setLineWidth(width)
            self._width = width
        if dashed != self._dashed:
            self.c.setDash([5, 4] if dashed else [])
            self._dashed = dashed

    def rect(self, x: float, y: float, w: float, h: float, *, fill: str | None = None,
             stroke: str | None = None, width: float = 1.0, radius: float = 0.0) -> None:
        if fill:
            self._set_fill(fill)
        if stroke:
            self._set_stroke(stroke, width)
        args = (x, self.h - y - h, w, h)
        if radius:
            self.c.roundRect(*args, radius, stroke=1 if stroke else 0, fill=1 if fill else 0)
        else:
            self.c.rect(*args, stroke=1 if stroke else 0, fill=1 if fill else 0)

    def polyline(self, points: Sequence[Point], *, stroke: str, width: float = 1.0, dashed: bool = False) -> None:
        self._set_stroke(stroke, width, dashed)
        path = self.c.beginPath()
        (x0, y0), *rest = points
        path.moveTo(x0, self.h - y0)
        for x, y in rest:
            path.lineTo(x, self.h - y)
        self.c.drawPath(path, stroke=1, fill=0)

    def polygon(self, points: Sequence[Point], *, fill: str) -> None:
        self._set_fill(fill)
        path = self.c.beginPath()
        (x0, y0), *rest = points
        path.moveTo(x0, self.h - y0)
        for x, y in rest:
            path.lineTo(x, self.h - y)
        path.close()
        self.c.drawPath(path, stroke=0, fill=1)

    def text(self, x: float, y: float, text: str, *, size: float = 10.0, bold: bool = False,
             colour: str = INK, anchor: Anchor = "start") -> None:
        font = (FONT_BOLD if bold else FONT, size)  # registered by __init__
        if font != self._font:
            self.c.setFont(*font)
            self._font = font
        self._set_fill(colour)
        text = pdf_text(text)
        yy = self.h - y
        if anchor == "middle":
            self.c.drawCentredString(x, yy, text)
        elif anchor == "end":
            self.c.drawRightString(x, yy, text)
        else:
            self.c.drawString(x, yy, text)


def pdf_text(text: str) -> str:
    """Text for the PDF: control characters and lone surrogates left out (the embedded font draws
    the rest; a character it lacks shows as a box, and still copies out as itself)."""
    return _NOT_XML.sub("", text)


# --- PNG ------------------------------------------------------------------------------------------


_SAMPLE = "Register for Self Assessment and VAT, 0123456789, ŵ ŷ"


@lru_cache(maxsize=2)
def _pil_face(bold: bool) -> tuple[str | None, float, bool]:
    """(font file, size factor to match the measured widths, has a bold face): the bundled font, so
    the factor is 1 up to Pillow's rounding; Pillow's own font only if the file cannot be read."""
    from PIL import ImageFont

    try:
        path = str(font_file(bold))
        font = ImageFont.truetype(path, 100)
    except OSError:
        default = ImageFont.load_default(size=100)
        return None, text_width(_SAMPLE, 100, bold) / default.getlength(_SAMPLE), False
    return path, text_width(_SAMPLE, 100, bold) / font.getlength(_SAMPLE), True


@lru_cache(maxsize=128)
def _pil_font(size: float, bold: bool) -> tuple[Any, bool]:
    """A Pillow font whose text is as wide as Helvetica's at ``size``, and whether it is really bold."""
    from PIL import ImageFont

    path, factor, real_bold = _pil_face(bold)
    px = max(1.0, size * factor)
    if path is None:
        return ImageFont.load_default(size=px), False
    return ImageFont.truetype(path, px), real_bold and bold


@lru_cache(maxsize=1024)
def _ink(colour: str | None) -> tuple[int, int, int]:
    """A colour as Pillow's fastest form, an RGB tuple (it parses strings on every call)."""
    return rgb(safe_colour(colour))


class PngPainter:
    """Draws on a Pillow image at ``scale`` pixels per unit.

    Pillow has no dashed lines, and drawing dashes one short line at a time takes seconds on a big
    map. So dashed lines are drawn solid onto a mask per colour and, before anything is drawn over
    them, cut into dashes at once by a striped pattern and painted through it.
    """

    def __init__(self, width: float, height: float, scale: float) -> None:
        from PIL import Image, ImageDraw

        self.k = scale
        self.image = Image.new("RGB", (max(1, math.ceil(width * scale)), max(1, math.ceil(height * scale))), "#ffffff")
        self.draw = ImageDraw.Draw(self.image)
        self._dashed: dict[tuple[int, int, int], tuple[Any, Any]] = {}  # colour -> (mask, its ImageDraw)

    def _w(self, width: float) -> int:
        return max(1, round(width * self.k))

    def rect(self, x: float, y: float, w: float, h: float, *, fill: str | None = None,
             stroke: str | None = None, width: float = 1.0, radius: float = 0.0) -> None:
        if self._dashed:
            self._flush_dashes()
        k = self.k
        box = (x * k, y * k, (x + w) * k, (y + h) * k)
        if box[2] - box[0] < 1 or box[3] - box[1] < 1:
            self.draw.rectangle(box, fill=_ink(fill or stroke))
            return
        kwargs: dict[str, Any] = {
            "fill": _ink(fill) if fill else None,
            "outline": _ink(stroke) if stroke else None,
            "width": self._w(width) if stroke else 0,
        }
        r = radius * k
        if r >= 1 and min(box[2] - box[0], box[3] - box[1]) > 2 * r:
            self.draw.rounded_rectangle(box, radius=r, **kwargs)
        else:
            self.draw.rectangle(box, **kwargs)

    def polyline(self, points: Sequence[Point], *, stroke: str, width: float = 1.0, dashed: bool = False) -> None:
        k = self.k
        pts = [(x * k, y * k) for x, y in points]
        colour, w = _ink(stroke), self._w(width)
        joint = "curve" if w > 2 else None
        if not dashed:  # lines cross lines in any order: only what is drawn over them waits for the dashes
            self.draw.line(pts, fill=colour, width=w, joint=joint)
            return
        if colour not in self._dashed:
            from PIL import Image, ImageDraw

            mask = Image.new("L", self.image.size, 0)
            self._dashed[colour] = (mask, ImageDraw.Draw(mask))
        self._dashed[colour][1].line(pts, fill=255, width=w, joint=joint)

    def _flush_dashes(self) -> None:
        from PIL import Image, ImageChops

        width, height = self.image.size
        on, off = max(3, round(5 * self.k)), max(2, round(4 * self.k))
        period = on + off
        # Stripes across the diagonal: every horizontal or vertical run is cut on, off, on...
        base = bytes(255 if t % period < on else 0 for t in range(width + height))
        pattern = Image.frombytes("L", (width, height), b"".join(base[y : y + width] for y in range(height)))
        for colour, (mask, _) in self._dashed.items():
            box = mask.getbbox()  # only where this colour has lines
            if box:
                self.image.paste(colour, box, ImageChops.multiply(mask.crop(box), pattern.crop(box)))
        self._dashed.clear()

    def polygon(self, points: Sequence[Point], *, fill: str) -> None:
        if self._dashed:
            self._flush_dashes()
        k = self.k
        self.draw.polygon([(x * k, y * k) for x, y in points], fill=_ink(fill))

    def text(self, x: float, y: float, text: str, *, size: float = 10.0, bold: bool = False,
             colour: str = INK, anchor: Anchor = "start") -> None:
        if self._dashed:
            self._flush_dashes()
        px = size * self.k
        if px < 5:  # below a legible size: leave it out rather than draw smudges
            return
        a = {"start": "ls", "middle": "ms", "end": "rs"}[anchor]
        fill = _ink(colour)
        font, real_bold = _pil_font(round(px * 4) / 4, bold)
        stroke = 1 if bold and not real_bold and px >= 14 else 0  # a bold look without a bold face
        self.draw.text((x * self.k, y * self.k), _NOT_XML.sub("", text), font=font, fill=fill,
                       anchor=a, stroke_width=stroke, stroke_fill=fill)

    def png(self, *, dpi: float, text: dict[str, str] | None = None) -> bytes:
        """The image as PNG; ``text`` goes into its metadata (tEXt chunks: Title, Classification...)."""
        from PIL.PngImagePlugin import PngInfo

        if self._dashed:
            self._flush_dashes()
        info = PngInfo()
        for key, value in (text or {}).items():
            info.add_itxt(key, _NOT_XML.sub("", value))
        buf = io.BytesIO()
        self.image.save(buf, "PNG", dpi=(dpi, dpi), compress_level=1, pnginfo=info)
        return buf.getvalue()


# --- the font in an SVG ---------------------------------------------------------------------------


def svg_font_style(chars: Iterable[str]) -> str:
    """A ``<style>`` with the bundled font's regular and bold faces as ``@font-face`` rules, each a
    subset holding only ``chars`` (a few kilobytes, where the whole font is 700)."""
    codes = sorted({ord(c) for c in chars if 0x20 <= ord(c) <= 0xFFFF} | {0x20, 0x2026})
    rules = []
    for bold in (False, True):
        data = base64.b64encode(font_subset(tuple(codes), bold)).decode("ascii")
        rules.append(
            f"@font-face{{font-family:'{FONT_FAMILY}';font-weight:{'bold' if bold else 'normal'};"
            f"src:url(data:font/ttf;base64,{data}) format('truetype')}}"
        )
    return "<style>" + "".join(rules) + "</style>"


@lru_cache(maxsize=8)
def font_subset(codes: tuple[int, ...], bold: bool = False) -> bytes:
    """The bundled font cut down to the characters ``codes`` (Unicode, all below U+10000), as a
    TrueType file any viewer reads: reportlab's subsetter (the one that embeds the font in PDFs) with
    its character map, which numbers the characters 0, 1, 2..., replaced by a Unicode (3, 1) one."""
    from reportlab.pdfbase.ttfonts import TTFontFile, TTFontMaker

    face = TTFontFile(str(font_file(bold)))
    subset = face.makeSubset(list(codes))
    tables = _sfnt_tables(subset)
    old = tables["cmap"]  # format 6 from code 0: 11 ushorts of header, then a glyph per code
    glyphs = struct.unpack(f">{len(codes)}H", old[22 : 22 + 2 * len(codes)])
    tables["cmap"] = _cmap_format4(dict(zip(codes, glyphs, strict=True)))
    maker = TTFontMaker()
    for tag, data in tables.items():
        maker.add(tag, data)
    return bytes(maker.makeStream())


def _sfnt_tables(font: bytes) -> dict[str, bytes]:
    (count,) = struct.unpack(">H", font[4:6])
    tables = {}
    for i in range(count):
        tag, _checksum, offset, length = struct.unpack(">4sLLL", font[12 + 16 * i : 28 + 16 * i])
        tables[tag.decode("latin-1")] = font[offset : offset + length]
    return tables


def _cmap_format4(mapping: dict[int, int]) -> bytes:
    """A cmap table with one (3, 1) format 4 subtable: a segment per character, and the closing one."""
    codes = sorted(c for c in mapping if c < 0xFFFF)
    ends = [*codes, 0xFFFF]
    deltas = [(mapping[c] - c) % 0x10000 for c in codes] + [1]
    n = len(ends)
    search = 2 ** int(math.log2(n)) * 2
    selector = int(math.log2(search // 2))
    sub = struct.pack(
        f">7H{n}HH{n}H{n}H{n}H",
        4, 16 + 8 * n, 0, 2 * n, search, selector, 2 * n - search,
        *ends, 0, *ends, *deltas, *([0] * n),
    )
    return struct.pack(">HHHHL", 0, 1, 3, 1, 12) + sub
