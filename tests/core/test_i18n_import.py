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


def test_the_importers_summary_and_row_errors_follow_the_language(demo_store: Store, tmp_path: Path) -> None:
    path = tmp_path / "steps.csv"
    path.write_text("Stage,Step,Monthly volume\nNew stage,A new step,12\nNew stage,Another step,lots\n",
                    encoding="utf-8")
    with i18n.language("cy"), demo_store.session() as session:
        result = spreadsheet.preview(session, path)
        summary, errors = result.summary(), result.error_lines()
    assert summary.startswith("steps.csv: 1 cam i'w greu, 0 i'w diweddaru, 0 heb newid, 1 cyfnod newydd; "), summary
    assert summary.endswith("1 rhes â gwallau."), summary
    assert errors == ["rhes 3: Nifer misol: nid yw 'lots' yn rhif"], errors  # the field's label in Welsh too
    with demo_store.session() as session:
        english = spreadsheet.preview(session, path)
    assert "1 step to create" in english.summary() and english.error_lines()[0].startswith("row 3: ")
