"""The poster prints readably: measured on the PDF as a printer would print it (at actual size).

Text sizes are read from the PDF's own text operators with pypdf (font size times the text and
page matrices), so what is checked is what reaches the paper, not what the code meant to draw.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from lxml import etree
from pypdf import PdfReader
from sqlmodel import select

from servicecommunity.domain.models import Step
from servicecommunity.exchange import bundle, exports
from servicecommunity.exchange.exports import poster
from servicecommunity.exchange.exports.mapview import JourneyMap, journey_map
from servicecommunity.exchange.exports.painters import wrap
from servicecommunity.exchange.exports.snapshot import read_snapshot
from servicecommunity.store.workspace import Store, open_store
from servicecommunity.testing import synthetic

ROOT = Path(__file__).resolve().parents[2]
WELSH = "Cofrestru busnes: ŵyn a ŷd"


def text_pieces(page: Any) -> list[tuple[str, float]]:
    """(text, printed size in pt) of every string drawn on ``page``."""
    out: list[tuple[str, float]] = []

    def visit(text: str, cm: list[float], tm: list[float], font: Any, size: float) -> None:
        if not text.strip():
            return
        # the text matrix times the page matrix: its vertical scale is the size on paper
        a, b, c, d = tm[0], tm[1], tm[2], tm[3]
        ca, cb, cc, cd = cm[0], cm[1], cm[2], cm[3]
        m = (a * ca + b * cc, a * cb + b * cd, c * ca + d * cc, c * cb + d * cd)
        out.append((text.strip(), size * math.sqrt(abs(m[0] * m[3] - m[1] * m[2]))))

    page.extract_text(visitor_text=visit)
    return out


def first_lines(jm: JourneyMap) -> dict[str, str]:
    """Each step's id -> the first line of its title as the card draws it (9 characters at least)."""
    out = {}
    for s in jm.data.steps:
        line = wrap(s.title or "(untitled)", poster.CARD_W - 22, 10, bold=True, lines=4)[0]
        out[s.id] = line.rstrip("…")
    return out


def map_pages(reader: PdfReader) -> list[tuple[int, Any]]:
    return [(i, p) for i, p in enumerate(reader.pages) if "Assembly guide" not in (p.extract_text() or "")]


def the_map(store: Store, journey_id: str) -> JourneyMap:
    with store.session() as session:
        return journey_map(read_snapshot(session, journey_id=journey_id), journey_id)


def demo_id(store: Store) -> str:
    with store.session() as session:
        return str(bundle.journey_by_name(session, "Starting a Business").id)


@pytest.fixture(scope="module")
def synthetic_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Store, str]]:
    """A community whose first journey has 300 steps over 31 lanes."""
    data = synthetic.generate_bundle(steps=300, dependencies=900, blockers=600, journeys=1)
    with open_store(tmp_path_factory.mktemp("syn") / "syn.sqlite") as store:
        synthetic.load(store, data)
        yield store, data["journeys"][0]["id"]


def export_pdf(store: Store, path: Path, journey_id: str, **options: Any) -> tuple[exports.ExportResult, PdfReader]:
    with store.session() as session:
        result = exports.export(session, "pdf", path, journey_id=journey_id, options={"findings": False, **options})
    return result, PdfReader(result.path)


def smallest_title(reader: PdfReader, jm: JourneyMap) -> float:
    lines = set(first_lines(jm).values())
    sizes = [size for _, page in map_pages(reader) for text, size in text_pieces(page) if text in lines]
    assert sizes, "no step title found on the poster"
    return min(sizes)


def check_sheets(reader: PdfReader, jm: JourneyMap) -> None:
    """Every card on exactly one sheet, beside its lane's name and under its stage's name; sheets numbered."""
    lines = first_lines(jm)
    lanes = {lane.key: wrap(lane.label, poster.LANE_HEADER_W - 24, 12, bold=True, lines=4)[0] for lane in jm.layout.lanes}
    stages = dict(jm.data.stages)
    pages = map_pages(reader)
    unique = {line for line in lines.values() if list(lines.values()).count(line) == 1}
    sheets_of: dict[str, int] = {}
    for k, (_, page) in enumerate(pages, start=1):
        text = page.extract_text()
        pieces = {t for t, _ in text_pieces(page)}
        assert f"Sheet {k} of {len(pages)}" in text
        on_sheet = [s for s in jm.data.steps if lines[s.id] in pieces]
        assert on_sheet, f"sheet {k} shows no step: nearly empty"
        for s in on_sheet:
            if lines[s.id] not in unique:
                continue  # another step's title starts the same: which one this is cannot be told
            assert s.id not in sheets_of, f"{s.title} is on sheets {sheets_of[s.id]} and {k}"
            sheets_of[s.id] = k
            key = s.owner_id if s.owner_id in jm.data.organisations else ""
            assert lanes[key] in text, f"sheet {k} shows {s.title} without its lane's name"
            assert stages[s.stage_id].split()[0] in text, f"sheet {k} lacks the stage header of {s.title}"
    assert {s.id for s in jm.data.steps if lines[s.id] in unique} == set(sheets_of), "a card is on no sheet"


# --- the default poster is readable when printed --------------------------------------------------


def test_the_default_demo_poster_prints_step_titles_at_7_pt_or_more(demo_store: Store, tmp_path: Path) -> None:
    jid = demo_id(demo_store)
    result, reader = export_pdf(demo_store, tmp_path / "p.pdf", jid)
    jm = the_map(demo_store, jid)
    assert smallest_title(reader, jm) >= 7.0
    # the export says what it chose
    assert any(re.search(r"step titles \d+(\.\d)? pt", n) for n in result.notes), result.notes
    check_sheets(reader, jm)


def test_a_300_step_journey_prints_readably_on_sheets(synthetic_store: tuple[Store, str], tmp_path: Path) -> None:
    store, jid = synthetic_store
    result, reader = export_pdf(store, tmp_path / "p.pdf", jid)
    jm = the_map(store, jid)
    assert smallest_title(reader, jm) >= 7.0
    check_sheets(reader, jm)
    guide = [p.extract_text() for p in reader.pages if "Assembly guide" in p.extract_text()]
    assert len(guide) == 1 and "Print at actual size" in guide[0]
    n = len(map_pages(reader))
    assert all(str(k) in guide[0] for k in range(1, n + 1))  # the overview numbers every sheet
    assert any(f"{n} " in note and "sheets" in note for note in result.notes)


def test_explicit_tiles_cut_no_card_and_repeat_the_headers(demo_store: Store, tmp_path: Path) -> None:
    jid = demo_id(demo_store)
    _, reader = export_pdf(demo_store, tmp_path / "p.pdf", jid, paper="A3", tiled=True)
    jm = the_map(demo_store, jid)
    assert smallest_title(reader, jm) >= 9.9  # "full size"
    check_sheets(reader, jm)


def test_tiles_are_balanced_not_nearly_empty(synthetic_store: tuple[Store, str]) -> None:
    store, jid = synthetic_store
    jm = the_map(store, jid)
    plan = poster.plan_poster(jm, paper="A3", tiled=True)
    assert plan.sheets > 4
    widths = sorted({t.x1 - t.x0 for t in plan.tiles})
    heights = sorted({t.y1 - t.y0 for t in plan.tiles})
    assert widths[0] >= 0.5 * widths[-1] and heights[0] >= 0.5 * heights[-1]
    for t in plan.tiles:  # every card wholly inside one tile, or wholly outside it
        for box in jm.layout.cards.values():
            inside = t.x0 <= box.x and box.x + box.w <= t.x1 and t.y0 <= box.y and box.y + box.h <= t.y1
            apart = box.x + box.w <= t.x0 or box.x >= t.x1 or box.y + box.h <= t.y0 or box.y >= t.y1
            assert inside or apart


def test_one_page_fit_says_how_small_the_titles_are(demo_store: Store, tmp_path: Path) -> None:
    result, _ = export_pdf(demo_store, tmp_path / "p.pdf", demo_id(demo_store), paper="A3", tiled=False)
    assert any("step titles" in n and "pt" in n for n in result.notes)


# --- font, metadata, colours ----------------------------------------------------------------------


@pytest.fixture
def welsh_store(demo_store: Store) -> Store:
    with demo_store.session() as session:
        step = session.exec(select(Step).where(Step.title == "Check you can do it")).first()
        if step is None:
            step = session.exec(select(Step)).first()
        assert step is not None
        step.title = WELSH
        session.add(step)
        session.commit()
    return demo_store


def test_the_pdf_embeds_an_open_font_and_welsh_round_trips(welsh_store: Store, tmp_path: Path) -> None:
    _, reader = export_pdf(welsh_store, tmp_path / "p.pdf", demo_id(welsh_store))
    text = "\n".join(p.extract_text() for p in reader.pages)
    assert "ŵyn a ŷd" in text
    fonts = []
    for page in reader.pages:
        for ref in page["/Resources"]["/Font"].values():
            font = ref.get_object()
            for desc_ref in [font.get("/FontDescriptor")] + [
                d.get_object().get("/FontDescriptor") for d in font.get("/DescendantFonts", [])
            ]:
                if desc_ref is not None:
                    desc = desc_ref.get_object()
                    fonts.append((str(font["/BaseFont"]), any(k in desc for k in ("/FontFile", "/FontFile2", "/FontFile3"))))
    assert fonts and all(embedded for _, embedded in fonts), fonts
    assert all("DejaVu" in name for name, _ in fonts)


def test_the_font_is_bundled_with_its_licence() -> None:
    fonts = ROOT / "servicecommunity" / "resources" / "fonts"
    assert (fonts / "DejaVuSans.ttf").is_file() and (fonts / "DejaVuSans-Bold.ttf").is_file()
    assert "Bitstream" in (fonts / "LICENSE-DejaVu.txt").read_text(encoding="utf-8")


def test_svg_and_png_use_the_same_font(welsh_store: Store, tmp_path: Path) -> None:
    jid = demo_id(welsh_store)
    with welsh_store.session() as session:
        svg = exports.export(session, "svg", tmp_path / "p.svg", journey_id=jid, options={"findings": False})
    text = svg.path.read_text(encoding="utf-8")
    root = etree.fromstring(text.encode("utf-8"))
    assert "DejaVu Sans" in root.get("font-family", "")
    assert "@font-face" in text and "font/ttf" in text  # embedded, so every viewer draws it alike
    assert WELSH in "".join(root.itertext())
    # the embedded subset is a font FreeType reads, and it draws ŵ and ŷ as the bundled font does
    import base64
    import io

    from PIL import ImageFont

    from servicecommunity.exchange.exports.painters import font_file

    data = re.search(r"font-weight:normal;src:url\(data:font/ttf;base64,([A-Za-z0-9+/=]+)\)", text)
    assert data is not None
    subset = ImageFont.truetype(io.BytesIO(base64.b64decode(data.group(1))), 50)
    whole = ImageFont.truetype(str(font_file()), 50)
    assert subset.getbbox("ŵ ŷ") == whole.getbbox("ŵ ŷ") and subset.getlength("ŵyn") == whole.getlength("ŵyn")
    from servicecommunity.exchange.exports.painters import _pil_face

    path, factor, _ = _pil_face(False)
    assert path is not None and Path(path).name == "DejaVuSans.ttf" and abs(factor - 1) < 0.02


def test_pdf_metadata_is_real(demo_store: Store, tmp_path: Path) -> None:
    _, reader = export_pdf(demo_store, tmp_path / "p.pdf", demo_id(demo_store))
    meta = reader.metadata
    assert meta is not None
    assert "Starting a Business" in (meta.title or "") and meta.subject == "OFFICIAL"
    created = meta.creation_date
    assert created is not None and created.year != 2000
    now = datetime.now(UTC)
    created = created if created.tzinfo else created.replace(tzinfo=UTC)
    assert abs(now - created) < timedelta(days=1)


def test_hand_offs_are_the_apps_purple(demo_store: Store, tmp_path: Path) -> None:
    theme = (ROOT / "ui" / "theme.py").read_text(encoding="utf-8")
    light = theme[theme.index("LIGHT = Palette(") :]
    app_handoff = re.search(r'handoff="(#[0-9a-fA-F]{6})"', light)
    assert app_handoff is not None
    assert poster.HANDOFF.lower() == app_handoff.group(1).lower()
    with demo_store.session() as session:
        svg = exports.export(session, "svg", tmp_path / "p.svg", journey_id=demo_id(demo_store), options={"findings": False})
    assert f'stroke="{poster.HANDOFF.lower()}"' in svg.path.read_text(encoding="utf-8")


def test_a_journey_without_steps_tiled_is_one_page(demo_store: Store, tmp_path: Path) -> None:
    from servicecommunity.domain.models import Journey

    with demo_store.session() as session:
        community_id = bundle.journey_by_name(session, "Starting a Business").community_id
        journey = Journey(community_id=community_id, name="Closing a business")
        session.add(journey)
        session.commit()
        jid = journey.id
    result, reader = export_pdf(demo_store, tmp_path / "p.pdf", jid, paper="A3", tiled=True)
    assert len(reader.pages) == 1
    assert any("no steps yet" in n for n in result.notes)


def test_the_subtitle_names_the_community_only_when_it_differs(demo_store: Store, tmp_path: Path) -> None:
    """The demo's community and journey are both "Starting a Business": the poster's subtitle does not
    say it again under the title; a community with its own name is still named."""
    from servicecommunity.domain.models import Community

    jid = demo_id(demo_store)

    def subtitle() -> str:
        with demo_store.session() as session:
            job = exports.Job(session, "svg", journey_id=jid, organisation_id=None, include_sensitive=False,
                              options=exports.ExportOptions(findings=False), progress=None)
            furniture = job.furniture(jid)
        assert furniture.title == "Starting a Business"
        return str(furniture.subtitle)

    assert "Starting a Business" not in subtitle()
    assert subtitle().startswith("For: ")
    with demo_store.session() as session:
        community = session.exec(select(Community)).one()
        community.name = "Business journeys"
        session.add(community)
        session.commit()
    assert subtitle().startswith("Business journeys · For: ")
