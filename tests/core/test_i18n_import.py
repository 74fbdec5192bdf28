"""A workbook or CSV zip exported in Welsh comes back: Welsh sheet names, headers and stored-value
labels (severity, status, channels, "no owner") are read as the English ones are."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from servicecommunity import i18n
from servicecommunity.exchange import exports
from servicecommunity.exchange.imports import spreadsheet
from servicecommunity.store.workspace import Store


def _export(store: Store, fmt: str, out: Path, lang: str) -> None:
    with store.session() as session:
        exports.export(session, fmt, out, include_sensitive=True, options={"lang": lang})


@pytest.mark.parametrize("name", ["map.xlsx", "map.zip"])
@pytest.mark.parametrize("lang", ["cy", "en"])
def test_a_welsh_export_imports_back_unchanged(demo_store: Store, tmp_path: Path, name: str, lang: str) -> None:
    _export(demo_store, "xlsx" if name.endswith(".xlsx") else "csv", tmp_path / name, "cy")
    with i18n.language(lang):  # whatever the language the import runs in
        for kind in ("steps", "blockers"):
            with demo_store.session() as session:
                result = spreadsheet.preview(session, tmp_path / name, kind=kind)
            assert not result.errors, (name, kind, result.error_lines()[:5])
            assert result.ignored == [], result.ignored
            changed = [(r.title, r.data) for r in result.rows if r.action != "skip"]
            assert changed == [], (name, kind, changed[:3])
            assert len(result.rows) > 5


def test_the_welsh_kind_of_a_sheet_is_guessed(demo_store: Store, tmp_path: Path) -> None:
    _export(demo_store, "csv", tmp_path / "map.zip", "cy")
    with zipfile.ZipFile(tmp_path / "map.zip") as zf:
        (tmp_path / "camau.csv").write_bytes(zf.read("steps.csv"))
    assert (tmp_path / "camau.csv").read_text(encoding="utf-8-sig").startswith("Cyfnod,")  # Welsh headers
    with demo_store.session() as session:
        assert spreadsheet.preview(session, tmp_path / "camau.csv").kind == "steps"
