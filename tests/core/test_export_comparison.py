"""The briefing (Markdown) and the web page (HTML) say what changed from a journey's as-is to its to-be."""

from __future__ import annotations

from pathlib import Path

from lxml import html as lxml_html
from sqlmodel import select

from servicecommunity import services
from servicecommunity.domain.models import Step
from servicecommunity.exchange.exports import export
from servicecommunity.services import journeys
from servicecommunity.store.workspace import Store
from tests.core.builders import small_journey


def _pair(store: Store, *, sensitive: bool = False) -> tuple[str, str]:
    """The small journey and its to-be, where C (a blocker on it) is removed and B moves to CH."""
    with store.session() as s:
        b = small_journey(s)
        services.create_blocker(s, data={"community_id": b.community, "title": "Form C is paper",
                                         "classification": "OFFICIAL-SENSITIVE" if sensitive else "OFFICIAL",
                                         "step_ids": [b.steps["C"]]})
        to_be = journeys.duplicate_journey(s, b.journey, as_to_be=True).value.id
        steps = {st.title: st.id for st in s.exec(select(Step).where(Step.journey_id == to_be))}
        services.delete(s, "steps", steps["C"])
        services.move_step(s, steps["B"], owner_id=b.orgs["CH"], change_owner=True)
        return b.journey, to_be


def _export(store: Store, fmt: str, path: Path, journey_id: str | None = None, *, sensitive: bool = False) -> str:
    with store.session() as s:
        export(s, fmt, path, journey_id=journey_id, include_sensitive=sensitive)
    return path.read_text(encoding="utf-8")


def test_the_briefing_of_a_to_be_has_its_as_is_and_to_be_section(store: Store, tmp_path: Path) -> None:
    _, to_be = _pair(store)
    text = _export(store, "markdown", tmp_path / "b.md", to_be)
    section = text[text.index("## As-is and to-be: Start → Start (to-be)"):text.index("## Hand-offs between")]
    assert "| Steps | 3 | 2 | 1 fewer |" in section
    assert "| Cross-organisation hand-offs | 1 | 0 | 1 fewer |" in section
    assert "**Steps removed** (1)\n\n- C (no owner)" in section
    assert "**Steps moved to another owner** (1)\n\n- B: HMRC → CH" in section
    assert "**Open blockers on removed steps** (1)\n\n- \u2018Form C is paper\u2019 (medium): C" in section


def test_a_journey_without_a_partner_has_no_such_section(store: Store, tmp_path: Path) -> None:
    with store.session() as s:
        b = small_journey(s)
    assert "As-is and to-be" not in _export(store, "markdown", tmp_path / "b.md", b.journey)
    assert "As-is and to-be" not in _export(store, "html", tmp_path / "b.html", b.journey)


def test_the_whole_community_compares_the_pair_once(store: Store, tmp_path: Path) -> None:
    _pair(store)
    text = _export(store, "markdown", tmp_path / "b.md")
    assert text.count("## As-is and to-be:") == 1


def test_the_web_page_has_the_section_in_its_contents(store: Store, tmp_path: Path) -> None:
    as_is, _ = _pair(store)
    page = lxml_html.fromstring(_export(store, "html", tmp_path / "p.html", as_is).encode("utf-8"))
    assert page.xpath('//nav//a[@href="#compare-0"]/text()') == ["As-is and to-be: Start → Start (to-be)"]
    section = page.get_element_by_id("compare-0")
    rows = [[c.text_content() for c in tr.xpath("./th|./td")] for tr in section.xpath(".//tbody/tr")]
    assert rows[0] == ["Steps", "3", "2", "1 fewer"] and rows[2] == ["Cross-organisation hand-offs", "1", "0", "1 fewer"]
    assert "Steps removed (1)" in section.text_content()


def test_a_sensitive_blocker_on_a_removed_step_stays_out_unless_asked_for(store: Store, tmp_path: Path) -> None:
    _, to_be = _pair(store, sensitive=True)
    assert "Form C is paper" not in _export(store, "markdown", tmp_path / "b.md", to_be)
    assert "Form C is paper" in _export(store, "markdown", tmp_path / "s.md", to_be, sensitive=True)
