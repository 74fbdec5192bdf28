"""Hostile and broken files: each is refused with a sentence, and the workspace stays exactly as it was.

XXE and billion laughs inside an XLSX, zip slip and links in archives, zip bombs, files far too large,
devices, malformed JSON, wrong versions, dangling references, duplicate ids, a 50 MB text field,
and random bytes into every importer (only the project's own errors may come out).
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import shutil
import stat
import time
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from servicecommunity.cli.main import main
from servicecommunity.domain.errors import BundleError, ServiceCommunityError
from servicecommunity.exchange import bundle, merge
from servicecommunity.exchange.demo import load_demo
from servicecommunity.exchange.imports import archive, govuk, json_kind, load_json, spreadsheet
from servicecommunity.store.workspace import Store, open_store

GOVUK_EXAMPLE = (Path(__file__).resolve().parents[1] / "data" / "standards" / "govuk-step-by-step"
                 / "govuk-content-schemas__examples_step_by_step_nav_frontend_step_by_step_nav.json")

XXE_SHEET = b"""<?xml version="1.0"?>
<!DOCTYPE worksheet [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
<row r="1"><c r="A1" t="inlineStr"><is><t>Step</t></is></c></row>
<row r="2"><c r="A2" t="inlineStr"><is><t>&xxe;</t></is></c></row>
</sheetData></worksheet>"""

LAUGHS = "".join(f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10}">' for i in range(1, 10))
BILLION_LAUGHS_SHEET = f"""<?xml version="1.0"?>
<!DOCTYPE worksheet [<!ENTITY lol0 "lol">{LAUGHS}]>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
<row r="1"><c r="A1" t="inlineStr"><is><t>Step</t></is></c></row>
<row r="2"><c r="A2" t="inlineStr"><is><t>&lol9;</t></is></c></row>
</sheetData></worksheet>""".encode()


def snapshot(store: Store) -> str:
    with store.session() as session:
        return bundle.dumps(bundle.export_bundle(session, include_sensitive=True))


def workbook_bytes() -> bytes:
    wb = openpyxl.Workbook()
    sheet = wb.active
    assert sheet is not None
    sheet.append(["Stage", "Step"])
    sheet.append(["Set up tax", "A step"])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def rezip(raw: bytes, replace: dict[str, bytes] | None = None, add: list[zipfile.ZipInfo | tuple[str, bytes]] | None = None) -> bytes:
    """The archive ``raw`` with members replaced and extra members (a ZipInfo carries its own data) added."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(raw)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, (replace or {}).get(info.filename, src.read(info)))
        for extra in add or []:
            if isinstance(extra, tuple):
                dst.writestr(extra[0], extra[1])
            else:
                dst.writestr(extra, b"/etc/passwd")
    return out.getvalue()


@pytest.fixture
def refused(demo_store: Store, capsys: pytest.CaptureFixture[str]) -> Iterator[Callable[..., str]]:
    """Run ``servicecommunity import`` on a file; assert it fails in one line and changed nothing."""
    before = snapshot(demo_store)

    def run(path: Path, *extra: str) -> str:
        code = main(["import", "--db", str(demo_store.path), str(path), *extra])
        out, err = capsys.readouterr()
        assert code == 1, (out, err)
        assert err.startswith("error: ") and err.count("\n") == 1 and "Traceback" not in err, err
        assert snapshot(demo_store) == before
        return err

    yield run
    assert snapshot(demo_store) == before


# --- XML inside workbooks -------------------------------------------------------------------------


def test_openpyxl_reads_sheets_through_defusedxml() -> None:
    from openpyxl.xml import functions

    assert openpyxl.DEFUSEDXML is True
    assert functions.iterparse.__module__.startswith("defusedxml")


def test_xxe_in_a_workbook_is_refused(refused: Callable[..., str], tmp_path: Path) -> None:
    path = tmp_path / "xxe.xlsx"
    path.write_bytes(rezip(workbook_bytes(), {"xl/worksheets/sheet1.xml": XXE_SHEET}))
    assert "document type declaration" in refused(path)


def test_billion_laughs_in_a_workbook_is_refused_quickly(refused: Callable[..., str], tmp_path: Path) -> None:
    path = tmp_path / "laughs.xlsx"
    path.write_bytes(rezip(workbook_bytes(), {"xl/worksheets/sheet1.xml": BILLION_LAUGHS_SHEET}))
    started = time.perf_counter()
    assert "document type declaration" in refused(path)
    assert time.perf_counter() - started < 5


def test_a_dtd_in_any_part_of_the_workbook_is_refused(tmp_path: Path) -> None:
    raw = workbook_bytes()
    with zipfile.ZipFile(io.BytesIO(raw)) as zf:
        workbook_xml = zf.read("xl/workbook.xml")
    hostile = b'<?xml version="1.0"?><!DOCTYPE workbook SYSTEM "http://example.org/evil.dtd">' + workbook_xml.split(b"?>", 1)[-1]
    with pytest.raises(BundleError, match="document type declaration"):
        spreadsheet.read_xlsx(rezip(raw, {"xl/workbook.xml": hostile}), "w.xlsx")


def test_malformed_xml_in_a_workbook_is_refused() -> None:
    with pytest.raises(BundleError, match="not well-formed"):
        spreadsheet.read_xlsx(rezip(workbook_bytes(), {"xl/worksheets/sheet1.xml": b"<worksheet><oops>"}), "w.xlsx")


# --- archives -------------------------------------------------------------------------------------


def test_zip_slip_paths_are_refused(refused: Callable[..., str], tmp_path: Path) -> None:
    for member in ("../evil.csv", "a/../../evil.csv", "/etc/evil.csv", "C:/evil.csv", "..\\evil.csv"):
        path = tmp_path / "slip.zip"
        path.write_bytes(rezip(rezip(workbook_bytes()), add=[(member, b"Stage,Step\nA,B\n")]))
        assert "unsafe path" in refused(path), member


def test_symbolic_links_in_an_archive_are_refused(refused: Callable[..., str], tmp_path: Path) -> None:
    link = zipfile.ZipInfo("steps.csv")
    link.external_attr = (stat.S_IFLNK | 0o777) << 16
    path = tmp_path / "link.zip"
    path.write_bytes(rezip(rezip(workbook_bytes()), add=[link]))
    assert "symbolic link" in refused(path)


def test_a_zip_bomb_is_refused_without_inflating_it(refused: Callable[..., str], tmp_path: Path) -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("steps.csv", b"Stage,Step\n" + b"\0" * (8 * 2**20))
    path = tmp_path / "bomb.zip"
    path.write_bytes(out.getvalue())
    assert len(out.getvalue()) < 100_000
    assert "expands to" in refused(path)


def test_too_many_members_are_refused() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        for i in range(archive.MAX_MEMBERS + 1):
            zf.writestr(f"{i}.csv", b"")
    with pytest.raises(BundleError, match="far more than a spreadsheet has"):
        archive.open_archive(out.getvalue(), "many.zip")


def test_a_member_larger_than_its_header_says_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("steps.csv", b"x" * 5000)
    monkeypatch.setattr(archive, "MAX_MEMBER_BYTES", 1000)
    zf = zipfile.ZipFile(io.BytesIO(out.getvalue()))
    zf.infolist()[0].file_size = 10  # the header lies
    with pytest.raises(BundleError):
        archive.read_member(zf, zf.infolist()[0], "liar.zip")


# --- sizes and kinds of file ----------------------------------------------------------------------


def test_files_far_too_large_are_refused_before_reading(refused: Callable[..., str], tmp_path: Path) -> None:
    for name, size in (("huge.json", bundle.MAX_BYTES + 1), ("huge.csv", spreadsheet.MAX_BYTES + 1),
                       ("huge.xlsx", spreadsheet.MAX_BYTES + 1)):
        path = tmp_path / name
        with path.open("wb") as fh:  # sparse: nothing is really written
            fh.truncate(size)
        started = time.perf_counter()
        assert "too large" in refused(path)
        assert time.perf_counter() - started < 2


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero here")
def test_a_device_is_refused_not_read_for_ever(refused: Callable[..., str]) -> None:
    assert "not a plain file" in refused(Path("/dev/zero"), "--format", "json")


def test_a_folder_and_a_missing_file_are_refused(refused: Callable[..., str], tmp_path: Path) -> None:
    assert "folder" in refused(tmp_path)
    assert "No file at" in refused(tmp_path / "absent.json")


# --- bad bundles ----------------------------------------------------------------------------------


@pytest.fixture
def demo_bundle(demo_store: Store) -> dict[str, Any]:
    return json.loads(snapshot(demo_store))


def write_json(tmp_path: Path, data: Any, name: str = "bad.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_malformed_json_is_refused(refused: Callable[..., str], tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{"format": "servicecommunity-bundle", ', encoding="utf-8")
    assert "not valid JSON (line 1" in refused(path)
    path.write_text("[" * 100_000, encoding="utf-8")
    refused(path)


def test_a_newer_format_version_is_refused(refused: Callable[..., str], tmp_path: Path, demo_bundle: dict[str, Any]) -> None:
    demo_bundle["format_version"] = bundle.FORMAT_VERSION + 1
    assert "newer than this app reads" in refused(write_json(tmp_path, demo_bundle))
    demo_bundle["format_version"] = "one"
    assert "format version" in refused(write_json(tmp_path, demo_bundle))


def test_a_dangling_reference_is_refused(refused: Callable[..., str], tmp_path: Path, demo_bundle: dict[str, Any]) -> None:
    demo_bundle["steps"][0]["stage_id"] = "00000000-0000-4000-8000-000000000000"
    assert "points at a missing stage record" in refused(write_json(tmp_path, demo_bundle))


def test_a_dangling_link_is_refused(refused: Callable[..., str], tmp_path: Path, demo_bundle: dict[str, Any]) -> None:
    demo_bundle["blockers"][0]["step_ids"] = ["00000000-0000-4000-8000-000000000000"]
    assert "lists a missing step record" in refused(write_json(tmp_path, demo_bundle))


def test_a_duplicate_id_is_refused(refused: Callable[..., str], tmp_path: Path, demo_bundle: dict[str, Any]) -> None:
    demo_bundle["steps"].append(dict(demo_bundle["steps"][0]))
    assert "twice" in refused(write_json(tmp_path, demo_bundle))


def test_a_duplicate_tombstone_is_refused(demo_store: Store, demo_bundle: dict[str, Any]) -> None:
    tomb = {"id": "00000000-0000-4000-8000-000000000000", "entity": "steps", "deleted_at": "2026-01-01T00:00:00.000000Z"}
    demo_bundle["tombstones"] = [tomb, dict(tomb)]
    before = snapshot(demo_store)
    with demo_store.session() as session, pytest.raises(BundleError, match="same deletion twice"):
        merge.merge_bundle(session, demo_bundle)
    assert snapshot(demo_store) == before


def test_a_50_mb_text_field_is_refused_by_the_schema_without_hanging(
    refused: Callable[..., str], tmp_path: Path, demo_bundle: dict[str, Any]
) -> None:
    demo_bundle["steps"][0]["description"] = "x" * (50 * 2**20)
    path = write_json(tmp_path, demo_bundle)
    started = time.perf_counter()
    message = refused(path)
    assert "steps/0/description" in message and len(message) < 400
    assert time.perf_counter() - started < 10


def test_a_bundle_of_the_wrong_shape_is_refused(refused: Callable[..., str], tmp_path: Path, demo_bundle: dict[str, Any]) -> None:
    demo_bundle["steps"][0]["emotion"] = 9
    assert "steps/0/emotion" in refused(write_json(tmp_path, demo_bundle))
    assert "neither a Service Community bundle" in refused(write_json(tmp_path, {"hello": "world"}))
    assert "not a Service Community bundle" in refused(write_json(tmp_path, [1, 2]), "--format", "json")


@pytest.mark.parametrize("field", ["step_ids", "standard_points"])
def test_a_list_nested_900_deep_is_refused(
    refused: Callable[..., str], tmp_path: Path, demo_bundle: dict[str, Any], field: str
) -> None:
    """Found by scripts/fuzz_imports.py (seed 4): the schema's check of the list recursed into it, a RecursionError."""
    demo_bundle["blockers"][0][field] = "@@deep@@"
    path = tmp_path / "deep.json"
    path.write_text(json.dumps(demo_bundle).replace('"@@deep@@"', "[" * 900 + "]" * 900), encoding="utf-8")
    assert "nested too deeply" in refused(path, "--dry-run")
    assert "nested too deeply" in refused(path)


def test_json_nested_deeper_than_any_file_of_ours_is_refused_by_every_json_import() -> None:
    shallow = json.loads(GOVUK_EXAMPLE.read_text(encoding="utf-8"))
    assert load_json(json.dumps(shallow).encode(), "x.json") == shallow  # a real file is far from the limit
    for text in ("[" * 200 + "]" * 200, '{"a":' * 200 + "1" + "}" * 200):
        with pytest.raises(BundleError, match="nested too deeply"):
            load_json(text.encode(), "x.json")


def test_json_that_is_not_utf8_is_refused(refused: Callable[..., str], tmp_path: Path) -> None:
    path = tmp_path / "latin.json"
    path.write_bytes('{"name": "caf\u00e9"}'.encode("latin-1"))
    assert "not UTF-8" in refused(path)


# --- random bytes ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def shared_demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """One demo workspace for the read-only random-bytes properties."""
    with open_store(tmp_path_factory.mktemp("random") / "demo.sqlite") as store:
        load_demo(store)
        with store.engine.connect() as conn:  # everything in the main file, so a copy of it is whole
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        yield store


def _every_importer(store: Store, raw: bytes) -> None:
    """Feed ``raw`` to each importer's reading and checking step; only our own errors may escape."""
    attempts: list[Callable[[], Any]] = [
        lambda: bundle.parse_bundle(raw),
        lambda: govuk.parse(load_json(raw, "x.json"), "x.json"),
        lambda: json_kind(load_json(raw, "x.json")),
        lambda: archive.check_xml_members(archive.open_archive(raw, "x.zip"), "x.zip"),
    ]
    for fmt in ("csv", "xlsx", None):
        attempts.append(lambda fmt=fmt: _spreadsheet(store, raw, fmt))
    for attempt in attempts:
        with contextlib.suppress(ServiceCommunityError):
            attempt()


def _spreadsheet(store: Store, raw: bytes, fmt: str | None) -> None:
    with store.session() as session:
        spreadsheet.preview_bytes(session, raw, "x", fmt=fmt)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(raw=st.binary(max_size=4096))
def test_random_bytes_raise_only_our_errors(shared_demo: Store, raw: bytes) -> None:
    _every_importer(shared_demo, raw)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(raw=st.binary(max_size=2048))
def test_random_bytes_that_look_like_a_zip_raise_only_our_errors(shared_demo: Store, raw: bytes) -> None:
    _every_importer(shared_demo, archive_magic(raw))


def archive_magic(raw: bytes) -> bytes:
    return b"PK\x03\x04" + raw


_WORKBOOK = workbook_bytes()
with zipfile.ZipFile(io.BytesIO(_WORKBOOK)) as _zf:
    _SHEET = _zf.read("xl/worksheets/sheet1.xml")
    _WORKBOOK_XML = _zf.read("xl/workbook.xml")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    member=st.sampled_from(["xl/worksheets/sheet1.xml", "xl/workbook.xml"]),
    cuts=st.lists(st.tuples(st.integers(0, 2000), st.binary(max_size=8)), min_size=1, max_size=4),
)
def test_damaged_workbooks_raise_only_our_errors(shared_demo: Store, member: str, cuts: list[tuple[int, bytes]]) -> None:
    data = bytearray(_SHEET if member.endswith("sheet1.xml") else _WORKBOOK_XML)
    for where, chunk in cuts:
        at = where % len(data)
        data[at : at + len(chunk)] = chunk
    _every_importer(shared_demo, rezip(_WORKBOOK, {member: bytes(data)}))


_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4),
    max_leaves=20,
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(section=st.sampled_from([*bundle.SECTIONS, "tombstones"]), key=st.text(max_size=20), value=_json, index=st.integers(0, 30))
def test_a_bundle_with_one_random_change_merges_or_is_refused(
    shared_demo: Store, tmp_path_factory: pytest.TempPathFactory, section: str, key: str, value: Any, index: int
) -> None:
    """Schema and integrity checks, then the merge: nothing but our own errors, and all or nothing."""
    folder = tmp_path_factory.mktemp("fuzz")
    assert shared_demo.path is not None
    shutil.copyfile(shared_demo.path, folder / "w.sqlite")  # the demo, without loading it again
    with open_store(folder / "w.sqlite") as store:
        data = json.loads(snapshot(store))
        records = data.get(section, [])  # a section with no records (notes, say) may be left out
        if records:
            record = records[index % len(records)]
            record[key if key or not record else next(iter(record))] = value
        else:
            data[section] = [value]
        before = snapshot(store)
        try:
            bundle.validate_bundle(data)
            with store.session() as session:
                merge.import_bundle(session, data)
        except ServiceCommunityError:
            assert snapshot(store) == before


def test_the_importers_never_leave_files_behind(tmp_path: Path, demo_store: Store) -> None:
    folder = tmp_path / "incoming"
    folder.mkdir()
    path = folder / "x.xlsx"
    path.write_bytes(rezip(workbook_bytes(), {"xl/worksheets/sheet1.xml": XXE_SHEET}))
    with demo_store.session() as session, pytest.raises(BundleError):
        spreadsheet.preview(session, path)
    assert os.listdir(folder) == ["x.xlsx"]


# --- corrupt compressed streams -------------------------------------------------------------------


def _corrupt_stream(raw: bytes, member_suffix: str, at: int, bits: int) -> bytes:
    """``raw`` with ``bits`` set in one byte of a member's compressed data (its header and CRC untouched)."""
    damaged = bytearray(raw)
    with zipfile.ZipFile(io.BytesIO(raw)) as archive_file:
        info = next(i for i in archive_file.infolist() if i.filename.endswith(member_suffix))
    # the local header: 30 bytes, then the name and the extra field, then the compressed data
    with zipfile.ZipFile(io.BytesIO(raw)) as archive_file, archive_file.fp as fp:  # type: ignore[union-attr]
        fp.seek(info.header_offset + 26)
        name_len, extra_len = int.from_bytes(fp.read(2), "little"), int.from_bytes(fp.read(2), "little")
    start = info.header_offset + 30 + name_len + extra_len
    assert damaged[start + at] | bits != damaged[start + at]
    damaged[start + at] |= bits
    return bytes(damaged)


def csv_zip(compression: int) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression) as out:
        out.writestr("steps.csv", "Journey,Stage,Step\n" + "Start,Set up,A step\n" * 200)
    return buf.getvalue()


@pytest.mark.parametrize(
    ("compression", "at", "bits"),
    [
        (zipfile.ZIP_DEFLATED, 0, 0x06),  # a reserved deflate block type: zlib.error "invalid block type"
        (zipfile.ZIP_LZMA, 9, 0xFF),  # lzma.LZMAError "Corrupt input data"
        (zipfile.ZIP_BZIP2, 0, 0xFF),  # a broken bzip2 signature: OSError "Invalid data stream"
    ],
)
def test_a_csv_zip_with_a_corrupt_compressed_stream_is_refused(
    refused: Callable[..., str], tmp_path: Path, compression: int, at: int, bits: int
) -> None:
    path = tmp_path / "steps.zip"
    path.write_bytes(_corrupt_stream(csv_zip(compression), "steps.csv", at, bits))
    assert "is damaged" in refused(path)


def test_a_workbook_with_a_corrupt_compressed_stream_is_refused(refused: Callable[..., str], tmp_path: Path) -> None:
    path = tmp_path / "steps.xlsx"
    path.write_bytes(_corrupt_stream(workbook_bytes(), "sheet1.xml", 0, 0x06))
    assert "is damaged" in refused(path)
