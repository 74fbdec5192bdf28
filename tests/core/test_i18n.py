"""Welsh and English: the catalogue is complete, its plurals are Welsh ones, and a Welsh export
carries no English fixed text.

The completeness check extracts the core's translatable text afresh (as ``make translations``
does, with ``babel.cfg``) and compares it with the committed Welsh ``.po``: a message with no Welsh
entry, an empty or fuzzy one, fails, naming it.
"""

from __future__ import annotations

import io
import subprocess
import sys
import zipfile
from datetime import date
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

from servicecommunity import i18n
from servicecommunity.domain import enums
from servicecommunity.domain.errors import ValidationError
from servicecommunity.store.workspace import Store

ROOT = Path(__file__).resolve().parents[2]
PO = ROOT / "servicecommunity" / "resources" / "locale" / "cy" / "LC_MESSAGES" / "servicecommunity.po"


def extracted() -> set[tuple[str | tuple[str, ...], str | None]]:
    """The msgids (a tuple for a plural), each with its context (pgettext's), the extractor finds in
    servicecommunity/ with babel.cfg."""
    with (ROOT / "babel.cfg").open() as fh:
        method_map, options_map = parse_mapping_cfg(fh)
    found: set[tuple[str | tuple[str, ...], str | None]] = set()
    for _file, _line, message, _comments, context in extract_from_dir(
        str(ROOT / "servicecommunity"), method_map, options_map
    ):
        found.add((message, context))
    return found


@pytest.fixture(scope="module")
def catalog():  # type: ignore[no-untyped-def]
    with PO.open("rb") as fh:
        return read_po(fh, locale="cy", abort_invalid=True)


def test_every_translatable_string_has_a_finished_welsh_entry(catalog) -> None:  # type: ignore[no-untyped-def]
    messages = extracted()
    assert len(messages) > 150  # the extraction found the exports' text (not an empty run)
    problems = []
    for message, context in sorted(messages, key=str):
        msgid = message[0] if isinstance(message, tuple) else message
        entry = catalog.get(msgid, context)
        if entry is None:
            problems.append(f"no Welsh entry: {msgid!r}")
            continue
        strings = entry.string if isinstance(entry.string, tuple) else (entry.string,)
        if entry.fuzzy:
            problems.append(f"fuzzy (unfinished): {msgid!r}")
        elif isinstance(message, tuple) != isinstance(entry.id, tuple):
            problems.append(f"plural in one and not the other: {msgid!r}")
        elif not all(strings) or (isinstance(message, tuple) and len(strings) != 6):
            problems.append(f"empty or missing a plural form: {msgid!r}")
    assert not problems, "\n".join(problems)


def test_every_stored_value_label_is_marked_for_translation() -> None:
    import enum

    from servicecommunity.exchange.exports.labels import LABELS

    labels = {
        enums.label(member.value)
        for cls in vars(enums).values()
        if isinstance(cls, type) and issubclass(cls, enum.Enum) and cls.__module__ == enums.__name__
        and cls is not enums.Classification  # the marking itself, never translated
        for member in cls
    }
    assert labels - set(LABELS) == set()


def test_the_committed_po_compiles_strictly() -> None:
    data = i18n.compile_po(PO, strict=True)
    assert data[:4] in (b"\xde\x12\x04\x95", b"\x95\x04\x12\xde")  # a .mo's magic number


def test_a_translation_with_other_placeholders_is_refused(tmp_path: Path) -> None:
    po = tmp_path / "bad.po"
    po.write_text('msgid ""\nmsgstr "Content-Type: text/plain; charset=utf-8\\n"\n\n'
                  'msgid "Map: {name}"\nmsgstr "Map: {enw}"\n', encoding="utf-8")
    with pytest.raises(i18n.CatalogueError, match=r"placeholders \['enw'\]"):
        i18n.compile_po(po, strict=True)
    assert i18n.compile_po(po)  # at run time a bad entry does not stop the app


@pytest.mark.parametrize(
    ("n", "step", "journey"),
    [(0, "0 cam", "0 taith"), (1, "1 cam", "1 daith"), (2, "2 gam", "2 daith"), (3, "3 cham", "3 taith"),
     (6, "6 cham", "6 thaith"), (20, "20 cam", "20 taith")],
)
def test_welsh_plurals_take_six_forms(n: int, step: str, journey: str) -> None:
    with i18n.language("cy"):
        assert i18n.ngettext("{n} step", "{n} steps", n).format(n=n) == step
        assert i18n.ngettext("{n} journey", "{n} journeys", n).format(n=n) == journey
    with i18n.language("en"):
        assert i18n.ngettext("{n} step", "{n} steps", n).format(n=n) == (f"{n} step" if n == 1 else f"{n} steps")


def test_the_catalogue_header_has_welsh_plural_rules(catalog) -> None:  # type: ignore[no-untyped-def]
    assert catalog.num_plurals == 6
    assert "n == 6 ? 4" in catalog.plural_expr


def test_the_language_is_chosen_in_order(monkeypatch: pytest.MonkeyPatch) -> None:
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG", i18n.ENV):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setattr(i18n.locale, "getlocale", lambda *a: (None, None))
    assert i18n.resolve_language() == "en"
    monkeypatch.setenv("LANG", "cy_GB.UTF-8")
    assert i18n.resolve_language() == "cy"
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    assert i18n.resolve_language() == "en"  # a system language the core does not speak: English
    monkeypatch.setenv(i18n.ENV, "cy")
    assert i18n.resolve_language() == "cy"
    assert i18n.resolve_language("en") == "en"  # --lang wins over the environment
    monkeypatch.setenv(i18n.ENV, "fr")
    with pytest.raises(ValidationError, match="SERVICECOMMUNITY_LANG is 'fr'"):
        i18n.resolve_language()


def test_dates_and_numbers_follow_the_language() -> None:
    with i18n.language("cy"):
        assert i18n.format_date(date(2026, 12, 3)) == "3 Rhagfyr 2026"
        assert i18n.gettext("Findings") == "Canfyddiadau"
    with i18n.language("en"):
        assert i18n.format_date(date(2026, 12, 3)) == "3 December 2026"
        assert i18n.format_number(12345) == "12,345"
        assert i18n.gettext("Findings") == "Findings"


def test_the_cli_help_does_not_import_babel() -> None:
    probe = "import sys\nfrom servicecommunity.cli.main import main\ntry:\n    main(['--help'])\nexcept SystemExit:\n    pass\n" \
            "print('babel' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=60)
    assert done.stdout.strip().splitlines()[-1] == "False"


# --- Welsh exports ------------------------------------------------------------------------------------------

#: English fixed text that must not appear in a Welsh export (the demo's own data is English, so these
#: are checked as whole headings, cells and sentences, not as words)
ENGLISH_MARKDOWN = ("## At a glance", "## Findings", "## Open blockers, worst first", "## Organisations",
                    "## Hand-offs between organisations", "| Blocker |", "| Severity |", "Exported ",
                    "The analysis was not run", " journeys", " steps", "no owner", ": briefing")
ENGLISH_CELLS = {"Step", "Steps", "Stage", "Owner", "Blocker", "Blockers", "Findings", "Severity", "Status",
                 "Organisation", "Organisations", "Members", "About", "Classification", "Exported", "Yes", "No",
                 "No owner", "High", "Medium", "Low", "Critical", "Open", "Online", "Phone", "Step ID", "Language"}


def _export(store: Store, fmt: str, out: Path, lang: str) -> None:
    from servicecommunity.exchange import exports

    with store.session() as session:
        exports.export(session, fmt, out, options={"lang": lang, "today": date(2026, 12, 3)})


def test_a_welsh_briefing_has_no_english_fixed_text(demo_store: Store, tmp_path: Path) -> None:
    _export(demo_store, "markdown", tmp_path / "cy.md", "cy")
    text = (tmp_path / "cy.md").read_text(encoding="utf-8")
    assert "## Cipolwg" in text and "Iaith: Cymraeg." in text and "3 Rhagfyr 2026" in text
    # the findings' sentences too (the analysis writes them in the export's language)
    assert [e for e in ENGLISH_MARKDOWN if e in text] == []
    _export(demo_store, "markdown", tmp_path / "en.md", "en")  # the same workspace in English, whatever before
    english = (tmp_path / "en.md").read_text(encoding="utf-8")
    assert "## At a glance" in english and "Language: English." in english


def test_a_welsh_workbook_has_no_english_sheet_names_or_headers(demo_store: Store, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    _export(demo_store, "xlsx", tmp_path / "cy.xlsx", "cy")
    book = load_workbook(tmp_path / "cy.xlsx", read_only=True)
    names = set(book.sheetnames)
    assert {"Ynghylch", "Camau", "Rhwystrau", "Sefydliadau"} <= names, names
    assert not names & ENGLISH_CELLS
    about = {row[0]: row[1] for row in book["Ynghylch"].iter_rows(values_only=True) if row and row[0]}
    assert about.get("Iaith") == "Cymraeg"
    english = []
    for sheet in ("Camau", "Rhwystrau", "Sefydliadau"):
        rows = list(book[sheet].iter_rows(values_only=True))
        headers = set(rows[0])
        # the fixed cells: headers, and the labels of stored values in every row
        cells = headers | {v for row in rows[1:] for v in row if isinstance(v, str) and len(v) < 20}
        english += sorted(f"{sheet}: {c}" for c in cells & ENGLISH_CELLS)
    assert english == []


def test_a_welsh_web_page_says_its_language(demo_store: Store, tmp_path: Path) -> None:
    _export(demo_store, "html", tmp_path / "cy.html", "cy")
    page = (tmp_path / "cy.html").read_text(encoding="utf-8")
    assert '<html lang="cy">' in page and ">Canfyddiadau<" in page
    assert ">Findings<" not in page and ">Contents<" not in page


def test_a_welsh_poster_says_its_language(demo_store: Store, tmp_path: Path) -> None:
    from pypdf import PdfReader

    _export(demo_store, "pdf", tmp_path / "cy.pdf", "cy")
    reader = PdfReader(tmp_path / "cy.pdf")
    assert reader.trailer["/Root"].get("/Lang") == "cy"
    text = "".join(page.extract_text() for page in reader.pages)
    assert "Allwedd" in text and "Key " not in text
    # the demo's poster is tiled (automatic paper): the sheets and the assembly guide too
    assert "Dalen 1 o " in text and "Canllaw cydosod" in text
    assert "Sheet 1 of" not in text and "Assembly guide" not in text and "Organisations (lanes)" not in text


def test_csv_zip_readme_is_welsh(demo_store: Store, tmp_path: Path) -> None:
    _export(demo_store, "csv", tmp_path / "cy.zip", "cy")
    with zipfile.ZipFile(tmp_path / "cy.zip") as z:
        names = z.namelist()
        readme = next(n for n in names if n.lower().startswith("readme"))
        text = io.TextIOWrapper(z.open(readme), encoding="utf-8-sig").read()
    assert "Ffeiliau:" in text and "Files:" not in text


def test_no_translatable_call_hides_inside_an_f_string() -> None:
    """Python 3.11's tokenizer gives an f-string as one token, so the extractor cannot see a
    gettext call inside one: its text would silently stay English."""
    import re
    import tokenize

    call = re.compile(r"\b(?:n?p?gettext|ngettext|N_)\(")
    hidden = []
    for path in sorted((ROOT / "servicecommunity").rglob("*.py")):
        with path.open("rb") as fh:
            for tok in tokenize.tokenize(fh.readline):
                if tok.type == tokenize.STRING and re.match(r"(?i)r?f", tok.string) and call.search(tok.string):
                    hidden.append(f"{path.relative_to(ROOT)}:{tok.start[0]}")
    assert hidden == []


def test_export_lang_on_the_command_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    from servicecommunity.cli.main import main

    monkeypatch.setattr(i18n, "_chosen", {})  # main() sets the process's language: undone after the test
    monkeypatch.setenv(i18n.ENV, "en")
    db = tmp_path / "w.db"
    assert main(["demo", "--db", str(db)]) == 0
    assert main(["export", "--db", str(db), "--lang", "cy", "-o", str(tmp_path / "cy.md")]) == 0
    assert main(["--lang", "cy", "export", "--db", str(db), "-o", str(tmp_path / "cy2.md")]) == 0
    assert main(["export", "--db", str(db), "-o", str(tmp_path / "en.md")]) == 0
    assert "## Cipolwg" in (tmp_path / "cy.md").read_text(encoding="utf-8")
    assert "## Cipolwg" in (tmp_path / "cy2.md").read_text(encoding="utf-8")
    assert "## At a glance" in (tmp_path / "en.md").read_text(encoding="utf-8")
    capsys.readouterr()
    monkeypatch.setenv(i18n.ENV, "fr")
    assert main(["summary", "--db", str(db)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "SERVICECOMMUNITY_LANG is 'fr'" in err


def test_a_welsh_organisation_pack(demo_store: Store, tmp_path: Path) -> None:
    from pypdf import PdfReader

    from servicecommunity.exchange import exports
    from servicecommunity.services.queries import find_organisation

    with demo_store.session() as session:
        org = find_organisation(session, "Companies House", None)
        exports.export(session, "pdf", tmp_path / "pack.pdf", organisation_id=org.id,
                       options={"lang": "cy", "today": date(2026, 12, 3)})
    reader = PdfReader(tmp_path / "pack.pdf")
    assert reader.trailer["/Root"].get("/Lang") == "cy"
    text = "".join(page.extract_text() for page in reader.pages)
    assert "Pecyn sefydliad: Companies House" in text and "Tudalen 1 o " in text
    assert [e for e in ("Organisation pack", "Page 1 of", "Hand-offs in", "Blockers it owns", "steps owned") if e in text] == []
