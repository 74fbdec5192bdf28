"""Spreadsheets of steps and blockers: headers, per-row errors before writing, one transaction."""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import date, datetime
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from servicecommunity import services
from servicecommunity.domain.errors import BundleError, ValidationError
from servicecommunity.domain.models import Blocker, BlockerUpdate, DataItem, Stage, Step
from servicecommunity.exchange import bundle
from servicecommunity.exchange.imports import spreadsheet
from servicecommunity.store.workspace import Store, open_store
from tests.core.builders import small_journey

JOURNEY = "Starting a Business"


def snapshot(store: Store) -> str:
    with store.session() as session:
        return bundle.dumps(bundle.export_bundle(session, include_sensitive=True))


def write_csv(path: Path, rows: list[list[Any]], *, delimiter: str = ",", encoding: str = "utf-8-sig") -> Path:
    buf = io.StringIO()
    csv.writer(buf, delimiter=delimiter).writerows(rows)
    path.write_text(buf.getvalue(), encoding=encoding)
    return path


def preview(store: Store, path: Path, **kwargs: Any) -> spreadsheet.Preview:
    with store.session() as session:
        return spreadsheet.preview(session, path, **kwargs)


def apply(store: Store, result: spreadsheet.Preview, **kwargs: Any) -> spreadsheet.ApplyReport:
    with store.session() as session:
        return spreadsheet.apply(session, result, **kwargs).value


def steps_named(store: Store, *titles: str) -> dict[str, Step]:
    with store.session() as session:
        found = session.scalars(select(Step).where(Step.title.in_(titles))).all()  # type: ignore[attr-defined]
        return {s.title: s for s in found}


# --- steps -----------------------------------------------------------------------------------------


def test_a_workshop_sheet_of_steps_previews_then_creates_steps_and_a_new_stage(demo_store: Store, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "workshop.csv", [
        ["Stage", "Step", "Owner", "Supported by", "Channels", "Time taken (hours)",
         "How the user feels (-2 to +2)", "Pain points", "Data asked for", "Link"],
        ["Check you can do it", "Read the guidance", "GDS", "HMRC; Companies House", "Online; phone", "1.5", "+1",
         "Too long, too dense", "National Insurance number", "https://www.gov.uk/set-up-business"],
        ["Close down", "Tell HMRC you have stopped trading", "HMRC", "", "online", "0.5", "-1", "", "Shoe size", ""],
        [],
    ])
    before = snapshot(demo_store)
    result = preview(demo_store, path)
    assert snapshot(demo_store) == before  # a preview writes nothing
    assert result.kind == "steps" and not result.errors and result.ignored == []
    assert [r.action for r in result.rows] == ["create", "create"]
    assert [r.row_number for r in result.rows] == [2, 3]
    assert result.new_stages and result.rows[1].new_stage is not None
    assert result.rows[1].new_data_items == ["Shoe size"]
    assert "2 steps to create" in result.summary() and "1 new stage" in result.summary()

    report = apply(demo_store, result)
    assert (report.created, report.updated, report.stages_created, report.data_items_created) == (2, 0, 1, 1)
    made = steps_named(demo_store, "Read the guidance", "Tell HMRC you have stopped trading")
    guidance = made["Read the guidance"]
    assert guidance.channels == ["online", "phone"] and guidance.emotion == 1 and guidance.duration_hours == 1.5
    assert guidance.touchpoint_url == "https://www.gov.uk/set-up-business" and guidance.pain_points == "Too long, too dense"
    with demo_store.session() as session:
        stage = session.get(Stage, made["Tell HMRC you have stopped trading"].stage_id)
        assert stage is not None and stage.name == "Close down"
        assert session.scalars(select(DataItem).where(DataItem.name == "Shoe size")).first() is not None
        from servicecommunity.store import codec

        links = codec.load_links(session, "steps", [guidance.id])[guidance.id]
        assert len(links["supporter_ids"]) == 2 and len(links["data_item_ids"]) == 1

    again = preview(demo_store, path)
    assert [r.action for r in again.rows] == ["skip", "skip"]


def test_field_names_and_odd_cases_are_accepted_as_headers(demo_store: Store, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "fields.csv", [
        ["JOURNEY", "stage", "Title", "owner_id", "pain_points", "Mystery column"],
        [JOURNEY, "Set up tax", "Find your UTR", "hmrc", "Letter takes 10 days", "?"],
    ], delimiter=";")
    result = preview(demo_store, path)
    assert not result.errors, result.error_lines()
    assert result.columns == {"JOURNEY": "journey", "stage": "stage", "Title": "title", "owner_id": "owner", "pain_points": "pain_points"}
    assert result.ignored == ["Mystery column"]
    assert "Columns not used: Mystery column" in result.summary()


def test_rows_with_errors_are_listed_and_refuse_the_import(demo_store: Store, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "bad.csv", [
        ["Stage", "Step", "Owner", "Channels", "Time taken (hours)", "How the user feels (-2 to +2)", "Monthly volume"],
        ["Set up tax", "Good row", "HMRC", "online", "1", "0", "100"],
        ["Set up tax", "Bad row", "Ministry of Silly Walks", "carrier pigeon", "a while", "5", "1.5"],
        ["", "", "HMRC", "", "", "", ""],
        ["", "No stage", "", "", "", "", ""],
    ])
    result = preview(demo_store, path)
    assert [r.row_number for r in result.errors] == [3, 4, 5]
    bad = result.rows[1].errors
    assert any("Ministry of Silly Walks" in e and "HMRC" in e for e in bad)
    assert any("carrier pigeon" in e for e in bad)
    assert any("Time taken" in e and "a while" in e for e in bad)
    assert any("How the user feels" in e for e in bad)
    assert any("Monthly volume" in e and "whole number" in e for e in bad)
    assert result.rows[2].errors == ["Title: every step needs a title", "Stage: a new step needs a stage"]
    assert result.rows[3].errors == ["Stage: a new step needs a stage"]
    before = snapshot(demo_store)
    with pytest.raises(ValidationError, match=r"3 rows of bad\.csv have errors: row 3"):
        apply(demo_store, result)
    assert snapshot(demo_store) == before

    report = apply(demo_store, result, skip_invalid=True)
    assert (report.created, report.invalid) == (1, 3)
    assert "Good row" in steps_named(demo_store, "Good row")


def test_an_existing_step_is_updated_by_title_or_id_and_unchanged_rows_are_skipped(demo_store: Store, tmp_path: Path) -> None:
    with demo_store.session() as session:
        step = session.scalars(select(Step).order_by(Step.title)).first()
        assert step is not None
        other = session.scalars(select(Step).order_by(Step.title.desc())).first()  # type: ignore[attr-defined]
        assert other is not None
    path = write_csv(tmp_path / "edit.csv", [
        ["Step", "Pain points", "Step ID"],
        [step.title, "Now with a pain point", ""],
        ["A new name for it", other.pain_points, other.id],
    ])
    result = preview(demo_store, path)
    assert [(r.action, r.record_id) for r in result.rows] == [("update", step.id), ("update", other.id)]
    assert result.rows[0].data == {"pain_points": "Now with a pain point"}
    assert result.rows[1].data == {"title": "A new name for it"}
    apply(demo_store, result)
    with demo_store.session() as session:
        assert session.get(Step, step.id).pain_points == "Now with a pain point"
        assert session.get(Step, other.id).title == "A new name for it"
    assert [r.action for r in preview(demo_store, path).rows] == ["skip", "skip"]


def test_the_same_step_twice_is_an_error(demo_store: Store, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "twice.csv", [["Stage", "Step"], ["Set up tax", "Once"], ["Set up tax", "once"]])
    result = preview(demo_store, path)
    assert result.rows[1].errors == ["the same step as row 2"]


def test_steps_need_a_journey_when_the_workspace_has_several(store: Store, tmp_path: Path) -> None:
    with store.session() as session:
        built = small_journey(session)
        services.create(session, "journeys", data={"community_id": built.community, "name": "Other"})
    path = write_csv(tmp_path / "j.csv", [["Stage", "Step"], ["Register", "New"]])
    assert "say which journey" in preview(store, path).rows[0].errors[0]
    result = preview(store, path, journey="Start")
    assert not result.errors and result.rows[0].action == "create"


def test_an_empty_workspace_is_refused_with_a_sentence(store: Store, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "x.csv", [["Stage", "Step"], ["A", "B"]])
    with pytest.raises(ValidationError, match="workspace is empty"):
        preview(store, path)


def test_a_failure_half_way_writes_nothing(demo_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write_csv(tmp_path / "w.csv", [["Stage", "Step"], ["New stage", "One"], ["New stage", "Two"]])
    result = preview(demo_store, path)
    real = services._create
    calls = {"n": 0}

    def flaky(*args: Any, **kwargs: Any) -> Any:
        calls["n"] += 1
        if calls["n"] == 3:
            raise ValidationError("the disk is full")
        return real(*args, **kwargs)

    monkeypatch.setattr(services, "_create", flaky)
    before = snapshot(demo_store)
    with pytest.raises(ValidationError, match="disk is full"):
        apply(demo_store, result)
    assert snapshot(demo_store) == before


# --- blockers --------------------------------------------------------------------------------------


def test_a_sheet_of_blockers_creates_and_updates_with_history(demo_store: Store, tmp_path: Path) -> None:
    with demo_store.session() as session:
        existing = session.scalars(select(Blocker).where(Blocker.status == "open").order_by(Blocker.title)).first()
        assert existing is not None
        step = session.scalars(select(Step).order_by(Step.title)).first()
        assert step is not None
        history = len(session.scalars(select(BlockerUpdate).where(BlockerUpdate.blocker_id == existing.id)).all())
    path = write_csv(tmp_path / "blockers.csv", [
        ["Blocker", "Severity", "Status", "Category", "Owner (must resolve)", "Caused by", "Due on",
         "Steps affected", "Service Standard points", "Description"],
        ["No shared identifier for businesses", "High", "Open", "Data sharing", "HMRC", "HMRC, Companies House",
         "31/03/2027", step.title, "2, 3", "'=raised at the workshop"],
        [existing.title, existing.severity, "In progress", existing.category, "", "", "", "", "", existing.description],
    ])
    result = preview(demo_store, path)
    assert result.kind == "blockers" and not result.errors, result.error_lines()
    assert [r.action for r in result.rows] == ["create", "update"]
    apply(demo_store, result)
    with demo_store.session() as session:
        new = session.scalars(select(Blocker).where(Blocker.title == "No shared identifier for businesses")).one()
        assert (new.severity, new.category, new.due_on, new.standard_points) == ("high", "data_sharing", date(2027, 3, 31), [2, 3])
        assert new.description == "=raised at the workshop"  # the export's formula guard is taken off
        from servicecommunity.store import codec

        links = codec.load_links(session, "blockers", [new.id])[new.id]
        assert links["step_ids"] == [step.id] and len(links["blocking_organisation_ids"]) == 2
        changed = session.get(Blocker, existing.id)
        assert changed.status == "in_progress"
        entries = session.scalars(select(BlockerUpdate).where(BlockerUpdate.blocker_id == existing.id)).all()
        assert len(entries) == history + 1
        assert any(e.new_status == "in_progress" and "blockers.csv" in e.comment for e in entries)


def test_blocker_words_and_dates_are_checked(demo_store: Store, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "b.csv", [
        ["Blocker", "Severity", "Status", "Due date", "Raised by", "Steps affected"],
        ["X", "Apocalyptic", "Sort of", "next Tuesday", "Nobody Known", "No such step"],
    ])
    errors = preview(demo_store, path).rows[0].errors
    assert any("Apocalyptic" in e and "Critical" in e for e in errors)
    assert any("Sort of" in e for e in errors)
    assert any("next Tuesday" in e and "is not a date" in e for e in errors)
    assert any("Nobody Known" in e for e in errors)
    assert any("No such step" in e for e in errors)


# --- files -----------------------------------------------------------------------------------------


def test_xlsx_with_dates_and_numbers_is_read(demo_store: Store, tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Blockers"
    sheet.append(["Blocker", "Severity", "Raised on", "Due on", "Service Standard points"])
    sheet.append(["From a workbook", "low", datetime(2026, 1, 5), date(2026, 2, 1), 5])
    workbook.save(tmp_path / "b.xlsx")
    result = preview(demo_store, tmp_path / "b.xlsx")
    assert not result.errors, result.error_lines()
    assert result.rows[0].data["due_on"] == date(2026, 2, 1) and result.rows[0].data["standard_points"] == [5]
    assert result.rows[0].values["Raised on"] == "2026-01-05"


def test_a_workbook_with_both_kinds_asks_which(demo_store: Store, tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    steps_sheet = workbook.active
    assert steps_sheet is not None
    steps_sheet.title = "Steps"
    steps_sheet.append(["Stage", "Step"])
    steps_sheet.append(["Set up tax", "S"])
    blockers_sheet = workbook.create_sheet("Blockers")
    blockers_sheet.append(["Blocker", "Severity"])
    blockers_sheet.append(["B", "low"])
    workbook.save(tmp_path / "both.xlsx")
    with pytest.raises(spreadsheet.SpreadsheetKindError) as exc:
        preview(demo_store, tmp_path / "both.xlsx")
    assert set(exc.value.kinds) == {"steps", "blockers"}
    assert preview(demo_store, tmp_path / "both.xlsx", kind="blockers").rows[0].title == "B"


def test_windows_1252_csv_is_read(demo_store: Store, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "w.csv", [["Stage", "Step", "Cost per transaction (£)"], ["Set up tax", "Pay £5 fee", "£5.50"]],
                     encoding="cp1252")
    result = preview(demo_store, path)
    assert not result.errors and result.rows[0].title == "Pay £5 fee"
    assert result.rows[0].data["cost_per_transaction"] == 5.5


def test_a_sheet_without_a_title_column_is_refused(demo_store: Store, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "n.csv", [["Colour", "Shape"], ["red", "round"]])
    with pytest.raises(ValidationError, match="no column for a step's or a blocker's title"):
        preview(demo_store, path)


def test_the_exports_own_spreadsheets_come_back_unchanged(demo_store: Store, tmp_path: Path) -> None:
    from servicecommunity.exchange import exports

    with demo_store.session() as session:
        exports.export(session, "xlsx", tmp_path / "map.xlsx", include_sensitive=True)
        exports.export(session, "csv", tmp_path / "map.zip", include_sensitive=True)
    for name in ("map.xlsx", "map.zip"):
        for kind in ("steps", "blockers"):
            result = preview(demo_store, tmp_path / name, kind=kind)
            assert not result.errors, (name, kind, result.error_lines()[:5])
            changed = [(r.title, r.data) for r in result.rows if r.action != "skip"]
            assert changed == [], (name, kind, changed[:3])
            assert result.ignored == [], result.ignored
    with zipfile.ZipFile(tmp_path / "map.zip") as zf:
        (tmp_path / "steps.csv").write_bytes(zf.read("steps.csv"))
    assert preview(demo_store, tmp_path / "steps.csv").kind == "steps"


def test_bad_files_are_refused_with_a_sentence(demo_store: Store, tmp_path: Path) -> None:
    (tmp_path / "empty.csv").write_bytes(b"")
    with pytest.raises(BundleError, match="is empty"):
        preview(demo_store, tmp_path / "empty.csv")
    (tmp_path / "nul.csv").write_bytes(b"Stage,Step\x00\n")
    with pytest.raises(BundleError, match="NUL"):
        preview(demo_store, tmp_path / "nul.csv")
    (tmp_path / "fake.xlsx").write_bytes(b"PK\x03\x04 this is not really a zip")
    with pytest.raises(BundleError, match="not a readable ZIP"):
        preview(demo_store, tmp_path / "fake.xlsx")
    with pytest.raises(BundleError, match="folder"):
        preview(demo_store, tmp_path)


# --- round trip ------------------------------------------------------------------------------------

_text = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=40)
_step = st.fixed_dictionaries({
    "title": _text.map(str.strip).filter(bool),
    "pain_points": _text.map(str.strip),
    "emotion": st.none() | st.integers(-2, 2),
    "channels": st.lists(st.sampled_from(["online", "phone", "paper", "face_to_face"]), unique=True),
    "duration_hours": st.none() | st.floats(0, 1000, allow_nan=False).map(lambda x: round(x, 2)),
})


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(_step, min_size=1, max_size=6, unique_by=lambda s: s["title"].casefold()))
def test_steps_typed_into_a_sheet_come_back_as_typed(rows: list[dict[str, Any]], tmp_path_factory: pytest.TempPathFactory) -> None:
    folder = tmp_path_factory.mktemp("rt")
    with open_store(folder / "w.sqlite") as store:
        with store.session() as session:
            small_journey(session)
        table = [["Stage", "Step", "Pain points", "How the user feels", "Channels", "Time taken (hours)"]]
        for r in rows:
            table.append(["Tax", "'" + r["title"] if r["title"][0] in "=+-@" else r["title"], r["pain_points"],
                          "" if r["emotion"] is None else r["emotion"], "; ".join(r["channels"]),
                          "" if r["duration_hours"] is None else r["duration_hours"]])
        path = write_csv(folder / "s.csv", table)
        result = preview(store, path)
        existing = {"a", "b", "c"}  # small_journey's titles: a row named so updates that step
        assert not result.errors, result.error_lines()
        apply(store, result)
        with store.session() as session:
            for r in rows:
                step = session.scalars(select(Step).where(Step.title == r["title"])).one()
                assert step.pain_points == r["pain_points"]
                assert step.emotion == r["emotion"]
                assert sorted(step.channels) == sorted(r["channels"])
                assert step.duration_hours == r["duration_hours"]
                assert r["title"].casefold() in existing or step.stage_id is not None
        assert all(r.action == "skip" for r in preview(store, path).rows)


def test_apostrophes_are_text_not_quotes(demo_store: Store, tmp_path: Path) -> None:
    path = tmp_path / "apostrophes.csv"
    path.write_text("Stage;Step;Pain points\nSet up tax;'Check you're allowed';it's 'slow'\nSet up tax;''; \n", encoding="utf-8")
    result = preview(demo_store, path)
    assert [r.title for r in result.rows] == ["'Check you're allowed'", "''"]
    assert result.rows[0].data["pain_points"] == "it's 'slow'"


# --- formulas without a saved value ---------------------------------------------------------------


def _with_cached_value(path: Path, cell: str, value: str) -> None:
    """Give one formula cell of an openpyxl-written workbook the value a spreadsheet program saves."""
    with zipfile.ZipFile(path) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    sheet = parts["xl/worksheets/sheet1.xml"].decode("utf-8")
    start = sheet.index(f'<c r="{cell}"')
    end = sheet.index("</c>", start)
    cached = sheet[start:end].replace("<v></v>", "").replace("<v/>", "")
    assert "</f>" in cached and "<v>" not in cached
    sheet = sheet[:start] + cached + f"<v>{value}</v>" + sheet[end:]
    parts["xl/worksheets/sheet1.xml"] = sheet.encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)


def test_a_formula_without_a_saved_value_is_reported_on_its_row_not_imported_as_empty(demo_store: Store, tmp_path: Path) -> None:
    with demo_store.session() as session:
        busy = session.scalars(select(Step).where(Step.monthly_volume.is_not(None)).order_by(Step.title)).first()  # type: ignore[union-attr]
        assert busy is not None and busy.monthly_volume
        stage = session.get(Stage, busy.stage_id)
        assert stage is not None
        title, volume, stage_name = busy.title, busy.monthly_volume, stage.name
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Steps"
    sheet.append(["Stage", "Step", "Users a month", "Working"])
    sheet.append([stage_name, "Typed in", 120, "=C2*2"])  # row 2: the unused column's formula is no matter
    sheet.append([stage_name, "Computed and saved", "=C2*3", ""])  # row 3: saved below, as Excel would
    sheet.append([stage_name, "Computed, never saved", "=C2*4", ""])  # row 4
    sheet.append([stage_name, title, "=SUM(C2:C3)", ""])  # row 5: an existing step, whose volume must stay
    workbook.save(tmp_path / "formulas.xlsx")
    _with_cached_value(tmp_path / "formulas.xlsx", "C3", "360")

    result = preview(demo_store, tmp_path / "formulas.xlsx")
    assert [r.row_number for r in result.errors] == [4, 5]
    message = ("column 'Users a month': a formula with no saved value; open and save the file in Excel or "
               "LibreOffice, then import again")
    assert result.rows[2].errors == [message] and result.rows[3].errors == [message]
    assert result.error_lines()[0] == "row 4, " + message
    assert result.rows[1].data["monthly_volume"] == 360 and result.rows[0].data["monthly_volume"] == 120
    assert "2 rows with errors" in result.summary()

    report = apply(demo_store, result, skip_invalid=True)
    assert (report.created, report.invalid) == (2, 2)
    assert steps_named(demo_store, title)[title].monthly_volume == volume
    assert "Computed, never saved" not in steps_named(demo_store, "Computed, never saved")


def test_formula_cells_are_told_apart_from_saved_empty_text_in_the_worksheet_xml() -> None:
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    xml = (
        f'<x:worksheet xmlns:x="{main}"><x:sheetData>'
        '<x:row r="2"><x:c r="A2"><x:f>1+1</x:f><x:v>2</x:v></x:c>'  # saved
        '<x:c r="B2"><x:f>A2*2</x:f></x:c>'  # never saved (no value at all)
        '<x:c r="D2" t="str"><x:f>IF(A2=2,"","x")</x:f><x:v></x:v></x:c></x:row>'  # saved: empty text
        '<x:row><x:c><x:f t="shared" ref="A3:B3" si="0">A2+1</x:f><x:v></x:v></x:c>'  # row 3, no r: A3
        '<x:c><x:f t="shared" si="0"/></x:c><x:c><x:v>7</x:v></x:c></x:row>'  # B3 shared, C3 a number
        '<x:row r="9"><x:c r="AA9"><x:f>1/0</x:f><x:v>#DIV/0!</x:v></x:c><x:c r="AB9"><x:f>1</x:f><x:v/></x:c></x:row>'
        "</x:sheetData></x:worksheet>"
    ).encode()
    assert spreadsheet._gaps_in(ElementTree.fromstring(xml)) == {2: {1}, 3: {0, 1}, 9: {27}}
