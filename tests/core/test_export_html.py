"""The web page for everyone: landmarks, a keyboard-reachable map, a phone layout, and a big journey
under 5 MB with an overview map, per-stage detail and collapsed tables. axe-core (tools/axe-check, in
jsdom) runs on the demo when its packages are installed (``npm ci`` there), and is skipped otherwise."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections import Counter
from datetime import date
from pathlib import Path

import pytest
from lxml import html as lxml_html

from servicecommunity.exchange import exports
from servicecommunity.exchange.exports.html import FULL_MAP_STEPS, OPEN_ROWS
from servicecommunity.store.workspace import Store, open_store
from servicecommunity.testing import synthetic

OPTS = {"today": date(2026, 6, 1)}
AXE = Path(__file__).resolve().parents[2] / "tools" / "axe-check"
LANDMARKS = {"header", "main", "footer", "nav", "aside"}


def _page(store: Store, path: Path, **kwargs: object) -> tuple[exports.ExportResult, lxml_html.HtmlElement]:
    with store.session() as session:
        result = exports.export(session, "html", path, options=OPTS, **kwargs)  # type: ignore[arg-type]
    return result, lxml_html.fromstring(path.read_bytes())


def check_structure(root: lxml_html.HtmlElement) -> None:
    """The rules axe-core checks that need no browser: landmarks, scroll areas, names."""
    body = root.find("body")
    assert body is not None
    for child in body:
        assert child.tag in LANDMARKS, f"content outside landmarks: <{child.tag}>"
    assert not (body.text or "").strip()
    assert root.get("lang") == "en"
    assert root.find(".//meta[@name='viewport']") is not None
    for region in root.find_class("map") + root.find_class("table-wrap"):
        assert region.get("tabindex") == "0", "a scroll area must be reachable by keyboard"
        assert region.get("role") == "region" and region.get("aria-label")
    ids = [e.get("id") for e in root.iter() if e.get("id")]
    assert len(ids) == len(set(ids)), [i for i, n in Counter(ids).items() if n > 1]
    for a in root.iter("a"):
        href = a.get("href", "")
        if href.startswith("#"):
            assert href[1:] in ids, href
    for level in ("h1",):
        assert len(root.findall(f".//{level}")) == 1


def test_the_demo_page_is_in_landmarks_with_a_keyboard_reachable_map(demo_store: Store, tmp_path: Path) -> None:
    _, root = _page(demo_store, tmp_path / "demo.html")
    check_structure(root)
    maps = root.find_class("map")
    assert maps and all("Map:" in m.get("aria-label", "") for m in maps)
    assert root.find(".//header").text_content().strip() == "OFFICIAL"
    assert root.find(".//footer").text_content().strip() == "OFFICIAL"


def test_the_page_reads_on_a_phone(demo_store: Store, tmp_path: Path) -> None:
    _, root = _page(demo_store, tmp_path / "demo.html")
    css = root.find(".//style").text
    phone = css[css.index("@media (max-width: 640px)"):]
    assert "nav ul { columns: 1" in phone and ".key-narrow { display: block; }" in phone
    narrow = root.find_class("key-narrow")[0].find(".//{*}svg") if root.find_class("key-narrow") else None
    assert narrow is not None
    assert float(narrow.get("width")) <= 340  # the key wrapped to a phone's width, at full size


def test_long_tables_start_collapsed(demo_store: Store, tmp_path: Path) -> None:
    _, root = _page(demo_store, tmp_path / "demo.html")
    for section in root.findall(".//main/section"):
        rows = section.findall(".//tbody/tr")
        if len(rows) > OPEN_ROWS and section.get("id") not in {"findings"} and not section.get("id", "").startswith("map"):
            assert section.find(".//details") is not None, section.get("id")


@pytest.fixture(scope="module")
def big_store(tmp_path_factory: pytest.TempPathFactory) -> tuple[Store, str]:
    data = synthetic.generate_bundle()  # the 5,000-step journey, 15,000 dependencies, 20,000 blockers
    sizes = Counter(s["journey_id"] for s in data["steps"])
    journey_id = sizes.most_common(1)[0][0]
    with open_store(tmp_path_factory.mktemp("big") / "w.sqlite") as store:
        synthetic.load(store, data)
        yield store, journey_id


@pytest.mark.slow
def test_a_5000_step_journey_is_under_5_mb_with_an_overview_and_stage_detail(big_store: tuple[Store, str],
                                                                             tmp_path: Path) -> None:
    store, journey_id = big_store
    result, root = _page(store, tmp_path / "big.html", journey_id=journey_id)
    assert result.size < 5_000_000
    check_structure(root)
    assert not root.find_class("map")  # no full drawing of 5,000 cards
    overview = root.find_class("overview")
    assert overview
    stages = root.xpath("//section[starts-with(@id, 'stage-')]")
    assert len(stages) == len(overview[0].findall(".//thead/tr/th")) - 1 >= 2
    assert sum(len(s.findall(".//tbody/tr")) for s in stages) > FULL_MAP_STEPS  # every step, stage by stage
    assert root.findall(".//details")
    assert "Showing the first" in root.text_content()  # a cut table says so


def _axe(*pages: Path) -> list[dict[str, object]]:
    node = shutil.which("node")
    if node is None or not (AXE / "node_modules" / "axe-core").is_dir():
        pytest.skip("axe-core is not installed (npm ci in tools/axe-check)")
    done = subprocess.run([node, str(AXE / "check.mjs"), *map(str, pages)], capture_output=True, text=True,
                          timeout=600, check=True)
    return json.loads(done.stdout)  # type: ignore[no-any-return]


@pytest.mark.slow
def test_axe_core_finds_no_violations_on_the_demo(demo_store: Store, tmp_path: Path) -> None:
    _page(demo_store, tmp_path / "demo.html")
    _page(demo_store, tmp_path / "sensitive.html", include_sensitive=True)
    for report in _axe(tmp_path / "demo.html", tmp_path / "sensitive.html"):
        assert report["violations"] == [], report


def test_the_map_text_uses_the_bundled_font_like_the_poster(demo_store: Store, tmp_path: Path) -> None:
    """The inline map and key are drawn in DejaVu Sans, carried in the page (a subset, as the poster
    SVG carries it), so they wrap as measured on every machine; the page's security policy lets the
    embedded font load."""
    import base64
    import io
    import re

    from PIL import ImageFont

    from servicecommunity.exchange.exports.painters import FONT_FAMILY, font_file

    _, root = _page(demo_store, tmp_path / "demo.html")
    policy = root.find(".//meta[@http-equiv='Content-Security-Policy']").get("content")
    assert "font-src data:" in policy
    head_css = "".join(s.text or "" for s in root.find("head").iter("style"))
    faces = dict(re.findall(r"font-family:'([^']+)';font-weight:(\w+);src:url\(data:font/ttf;base64,([A-Za-z0-9+/=]+)\)",
                            head_css)[i][1:] for i in range(2))
    assert set(faces) == {"normal", "bold"}
    assert f"font-family:'{FONT_FAMILY}'" in head_css
    svg = root.find_class("map")[0].find(".//{*}svg")
    assert FONT_FAMILY in svg.get("font-family", "")
    texts = [t.text_content() for t in root.xpath("//*[local-name()='svg']//*[local-name()='text']")]
    assert texts
    for weight, bold in (("normal", False), ("bold", True)):
        subset = ImageFont.truetype(io.BytesIO(base64.b64decode(faces[weight])), 40)
        whole = ImageFont.truetype(str(font_file(bold)), 40)
        for char in set("".join(texts)) - {" "}:  # every character of the map and key has its glyph
            assert subset.getbbox(char) == whole.getbbox(char) and subset.getlength(char) == whole.getlength(char), char
