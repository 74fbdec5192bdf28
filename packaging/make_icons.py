"""Render the app icon (``servicecommunity/resources/icons/servicecommunity.svg``) for each platform's packaging.

Writes, under ``packaging/icons/``:

- ``servicecommunity.ico``  (Windows: 16-256 px, PNG-compressed entries)
- ``servicecommunity.icns`` (macOS: 16-1024 px, including the @2x sizes)
- ``hicolor/<n>x<n>/apps/servicecommunity.png`` (Linux desktops, beside the scalable SVG)

The generated files are committed, so a build needs neither this script nor a display; run it
again after changing the SVG::

    QT_QPA_PLATFORM=offscreen .venv/bin/python packaging/make_icons.py

Qt only reads and writes one image per ICO/ICNS file, so both containers are written here: each
is a small header and a table of PNGs.
"""

from __future__ import annotations

import argparse
import struct
import sys
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ROOT = Path(__file__).resolve().parent.parent
SVG = ROOT / "servicecommunity" / "resources" / "icons" / "servicecommunity.svg"
OUT = ROOT / "packaging" / "icons"
NAME = "servicecommunity"

ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
LINUX_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
# ICNS element types holding PNG data, by pixel size (Apple's "icns" format).
ICNS_TYPES = (
    (b"icp4", 16),
    (b"icp5", 32),
    (b"icp6", 64),
    (b"ic07", 128),
    (b"ic08", 256),
    (b"ic09", 512),
    (b"ic10", 1024),  # 512@2x
    (b"ic11", 32),  # 16@2x
    (b"ic12", 64),  # 32@2x
    (b"ic13", 256),  # 128@2x
    (b"ic14", 512),  # 256@2x
)


def render_png(renderer: QSvgRenderer, size: int) -> bytes:
    """The SVG drawn into a ``size`` square with a transparent background, as PNG bytes."""
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise RuntimeError(f"could not encode the {size} px icon as PNG")
    buffer.close()
    return bytes(data.data())


def ico(pngs: dict[int, bytes]) -> bytes:
    """A Windows ICO holding one PNG per size (Windows Vista and later read PNG entries)."""
    sizes = sorted(pngs)
    header = struct.pack("<HHH", 0, 1, len(sizes))
    offset = len(header) + 16 * len(sizes)
    entries, images = [], []
    for size in sizes:
        png = pngs[size]
        side = 0 if size >= 256 else size  # 0 means 256 in the one-byte fields
        entries.append(struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(png), offset))
        images.append(png)
        offset += len(png)
    return header + b"".join(entries) + b"".join(images)


def icns(pngs: dict[int, bytes]) -> bytes:
    """A macOS ICNS: ``icns``, the total length, then (type, length, PNG) elements."""
    body = b"".join(
        kind + struct.pack(">I", 8 + len(pngs[size])) + pngs[size] for kind, size in ICNS_TYPES
    )
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def write(svg: Path, out: Path) -> list[Path]:
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"{svg} is not an SVG that Qt can draw")
    sizes = sorted(set(ICO_SIZES) | set(LINUX_SIZES) | {size for _, size in ICNS_TYPES})
    pngs = {size: render_png(renderer, size) for size in sizes}
    written = []

    def put(path: Path, data: bytes) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        written.append(path)

    put(out / f"{NAME}.ico", ico({size: pngs[size] for size in ICO_SIZES}))
    put(out / f"{NAME}.icns", icns(pngs))
    for size in LINUX_SIZES:
        put(out / "hicolor" / f"{size}x{size}" / "apps" / f"{NAME}.png", pngs[size])
    put(out / "hicolor" / "scalable" / "apps" / f"{NAME}.svg", svg.read_bytes())
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--svg", type=Path, default=SVG, help=f"the icon (default: {SVG})")
    parser.add_argument("--out", type=Path, default=OUT, help=f"where to write (default: {OUT})")
    args = parser.parse_args(argv)
    _app = QGuiApplication.instance() or QGuiApplication([sys.argv[0]])
    for path in write(args.svg, args.out):
        print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
