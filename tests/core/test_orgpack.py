"""The organisation pack's PDF: a subtitle that says each thing once, pages numbered "Page 2 of 5"."""

from __future__ import annotations

import re
from pathlib import Path

from pypdf import PdfReader

from servicecommunity.exchange import bundle, exports
from servicecommunity.services.queries import find_organisation
from servicecommunity.store.workspace import Store


def pack(store: Store, path: Path, *, journey: bool) -> PdfReader:
    with store.session() as session:
        org = find_organisation(session, "Companies House")
        jid = bundle.journey_by_name(session, "Starting a Business").id if journey else None
        result = exports.export(session, "pdf", path, organisation_id=org.id, journey_id=jid)
    return PdfReader(result.path)


def test_the_subtitle_names_the_journey_once(demo_store: Store, tmp_path: Path) -> None:
    for journey in (True, False):
        reader = pack(demo_store, tmp_path / f"pack{journey}.pdf", journey=journey)
        subtitle = next(line for line in reader.pages[0].extract_text().splitlines() if "exported" in line)
        # the demo's community and journey are both "Starting a Business": said once, not twice
        assert subtitle.count("Starting a Business") == 1, subtitle


def test_pages_are_numbered_with_the_total(demo_store: Store, tmp_path: Path) -> None:
    reader = pack(demo_store, tmp_path / "pack.pdf", journey=True)
    n = len(reader.pages)
    assert n > 1
    for k, page in enumerate(reader.pages, start=1):
        assert re.search(rf"Page {k} of {n}\b", page.extract_text()), page.extract_text()[-200:]


def test_the_pack_embeds_the_font_and_keeps_welsh(demo_store: Store, tmp_path: Path) -> None:
    from sqlmodel import select

    from servicecommunity.domain.models import Organisation

    with demo_store.session() as session:
        org = session.exec(select(Organisation).where(Organisation.name == "Companies House")).one()
        org.name = "Tŷ'r Cwmnïau ŵ"
        session.add(org)
        session.commit()
        org_id = org.id
    with demo_store.session() as session:
        result = exports.export(session, "pdf", tmp_path / "p.pdf", organisation_id=org_id)
    reader = PdfReader(result.path)
    assert "Tŷ'r Cwmnïau ŵ" in reader.pages[0].extract_text()
    meta = reader.metadata
    assert meta is not None and meta.creation_date is not None and meta.creation_date.year != 2000


def test_finding_kinds_are_in_the_analysis_words(demo_store: Store, tmp_path: Path) -> None:
    """The findings table names kinds as the analysis does ("Dependencies the journey hangs on"),
    never by internal code ("Blocker.impact", "Spof.bridge"), as the spreadsheet export does."""
    reader = pack(demo_store, tmp_path / "pack.pdf", journey=False)
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "Findings (" in text
    codes = re.findall(r"\b[A-Z][a-z]+\.[a-z][a-z_ ]*[a-z]\b", text)
    assert not [c for c in codes if c.split(".")[0].lower() in {
        "blocker", "spof", "ownership", "stale", "handoff", "channel", "data", "orphan"}], codes
    assert "Blocker.impact" not in text and "Spof.bridge" not in text
    from servicecommunity.analysis import KINDS

    assert "Tell us once: data asked for again" in KINDS.values()
    assert "Tell us once: data asked for again" in text  # a title the code alone would not give
