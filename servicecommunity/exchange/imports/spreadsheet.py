"""A spreadsheet of steps or of blockers, as a facilitator types it up after a workshop.

The columns are those of the spreadsheet export (``servicecommunity.exchange.exports.tables``: "Stage",
"Step", "Owner", "Channels"... and "Blocker", "Severity", "Owner (must resolve)"...). Each column
is also accepted under its field name (``pain_points``, ``due_on``) and a few everyday names
("Title", "Due date"); headers are matched without regard to case, spaces, underscores or a
bracketed unit. Unknown columns are listed and left alone.

:func:`preview` reads the file and says, row by row, what it would do (create, update, or skip an
unchanged row) and what is wrong; nothing is written. :func:`apply` then writes the rows in one
transaction through the service layer: missing stages (and data items) are created, a row with the
ID column of an existing record, or the title of one (a step in the same journey, a blocker in the
community), updates it, any other row creates a record. A status changed by an import goes into the
blocker's history.

Files: CSV (UTF-8 with or without a byte order mark; Windows-1252 as a fallback; the delimiter is
sniffed), a zip of CSVs as the export makes (``steps.csv``, ``blockers.csv``), or XLSX (read with
openpyxl in read-only mode after :mod:`servicecommunity.exchange.imports.archive` has checked the archive
and every XML part in it).
"""

from __future__ import annotations

import csv
import io
import math
import os
import re
import warnings
import zipfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import Any, Literal

import defusedxml.ElementTree
import pydantic
from sqlalchemy import select
from sqlmodel import Session, col

from servicecommunity import services
from servicecommunity.domain import enums
from servicecommunity.domain.errors import BundleError, NotFoundError, ValidationError
from servicecommunity.domain.models import (
    Blocker,
    BlockerUpdate,
    DataItem,
    Journey,
    Member,
    Organisation,
    Stage,
    Step,
)
from servicecommunity.exchange.bundle import journey_by_name
from servicecommunity.exchange.imports import ZIP_MAGIC, community_for, read_limited
from servicecommunity.exchange.imports.archive import check_xml_members, open_archive, read_member
from servicecommunity.i18n import N_, format_list, format_number, gettext, ngettext
from servicecommunity.services import labels
from servicecommunity.store import codec

Kind = Literal["steps", "blockers"]
Action = Literal["create", "update", "skip"]
KINDS: tuple[Kind, ...] = ("steps", "blockers")
KIND_WORDS: dict[str, str] = {"steps": N_("steps"), "blockers": N_("blockers")}

MAX_BYTES = 20 * 2**20
MAX_ROWS = 10_000
MAX_COLUMNS = 100

# field -> the headers it is known by (compared after _norm; a bracketed unit is also dropped)
STEP_COLUMNS: dict[str, tuple[str, ...]] = {
    "journey": ("journey", "journey name", "journey id"),
    "stage": ("stage", "stage name", "phase"),
    "order": ("order", "position"),
    "title": ("step", "title", "step title", "step name"),
    "owner": ("owner", "owned by", "owner organisation", "owner id", "lane"),
    "supporters": ("supported by", "supporters", "supporter ids", "supporting organisations"),
    "channels": ("channels", "channel"),
    "touchpoint": ("touchpoint",),
    "touchpoint_url": ("link", "touchpoint url", "url"),
    "duration_hours": ("time taken", "duration", "duration hours", "hours"),
    "emotion": ("how the user feels", "feeling", "emotion"),
    "pain_points": ("pain points", "pain point"),
    "data_items": ("data asked for", "data items", "data item ids", "data"),
    "monthly_volume": ("monthly volume", "volume", "users a month"),
    "cost_per_transaction": ("cost per transaction",),
    "user_satisfaction": ("user satisfaction",),
    "completion_rate": ("completion rate",),
    "digital_take_up": ("digital take-up", "digital take up"),
    "description": ("description", "notes"),
    "id": ("step id", "id"),
    "": ("open blockers",),  # worked out by the app; read and ignored
}
BLOCKER_COLUMNS: dict[str, tuple[str, ...]] = {
    "title": ("blocker", "title", "blocker title"),
    "severity": ("severity",),
    "status": ("status",),
    "category": ("category",),
    "classification": ("classification",),
    "owner": ("owner", "owner organisation", "owner id", "must resolve"),
    "blocking": ("caused by", "blocking organisations", "blocking organisation ids"),
    "raised_by": ("raised by", "raised by id"),
    "raised_on": ("raised on", "raised"),
    "due_on": ("due on", "due date", "due"),
    "resolved_on": ("resolved on", "resolved"),
    "steps": ("steps affected", "steps", "step ids", "affects steps"),
    "standard_points": ("service standard points", "standard points"),
    "description": ("description",),
    "id": ("blocker id", "id"),
    "": ("overdue", "hand-offs affected"),
}
COLUMNS: dict[Kind, dict[str, tuple[str, ...]]] = {"steps": STEP_COLUMNS, "blockers": BLOCKER_COLUMNS}
# What a person calls each field, for messages.
LABELS: dict[str, str] = {
    "journey": N_("Journey"), "stage": N_("Stage"), "title": N_("Title"), "owner": N_("Owner"), "supporters": N_("Supported by"),
    "channels": N_("Channels"), "touchpoint": N_("Touchpoint"), "touchpoint_url": N_("Link"), "duration_hours": N_("Time taken"),
    "emotion": N_("How the user feels"), "pain_points": N_("Pain points"), "data_items": N_("Data asked for"),
    "monthly_volume": N_("Monthly volume"), "cost_per_transaction": N_("Cost per transaction"),
    "user_satisfaction": N_("User satisfaction"), "completion_rate": N_("Completion rate"),
    "digital_take_up": N_("Digital take-up"), "description": N_("Description"), "id": N_("ID"), "severity": N_("Severity"),
    "status": N_("Status"), "category": N_("Category"), "classification": N_("Classification"), "blocking": N_("Caused by"),
    "raised_by": N_("Raised by"), "raised_on": N_("Raised on"), "due_on": N_("Due on"), "resolved_on": N_("Resolved on"),
    "steps": N_("Steps affected"), "standard_points": N_("Service Standard points"), "owner_id": N_("Owner"),
    "supporter_ids": N_("Supported by"), "data_item_ids": N_("Data asked for"), "blocking_organisation_ids": N_("Caused by"),
    "raised_by_id": N_("Raised by"), "step_ids": N_("Steps affected"), "stage_id": N_("Stage"), "journey_id": N_("Journey"),
}


class SpreadsheetKindError(ValidationError):
    """The file holds both steps and blockers (or neither is recognisable): say which to import."""

    def __init__(self, message: str, kinds: Sequence[Kind], *, both_in: str | None = None) -> None:
        super().__init__(message)
        self.kinds = tuple(kinds)
        self.both_in = both_in  # the file's name when it holds both (the command line names --kind then)


# --- the preview ----------------------------------------------------------------------------------


@dataclass
class RowResult:
    """One row of the sheet: what it says, what is wrong with it, and what importing it does."""

    row_number: int  # as the spreadsheet numbers it (the header is usually row 1)
    values: dict[str, str]  # header -> the cell as text
    errors: list[str]
    action: Action
    title: str = ""
    record_id: str | None = None  # the record an update changes
    data: dict[str, Any] = field(default_factory=dict)  # service-layer fields, ids resolved
    new_stage: tuple[str, str] | None = None  # (journey id, name) of a stage the import creates
    new_data_items: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass
class Preview:
    """What importing a spreadsheet would do; nothing has been written."""

    name: str
    kind: Kind
    community_id: str
    headers: list[str]
    columns: dict[str, str]  # header -> field
    ignored: list[str]  # headers not used
    rows: list[RowResult]
    sheet: str = ""

    @property
    def errors(self) -> list[RowResult]:
        return [r for r in self.rows if r.errors]

    def count(self, action: Action) -> int:
        return sum(1 for r in self.rows if r.ok and r.action == action)

    @property
    def new_stages(self) -> list[tuple[str, str]]:
        seen: dict[tuple[str, str], None] = {}
        for r in self.rows:
            if r.ok and r.new_stage is not None and r.action != "skip":
                seen.setdefault((r.new_stage[0], r.new_stage[1].casefold()), None)
        return list(seen)

    def summary(self) -> str:
        create, update, skip = self.count("create"), self.count("update"), self.count("skip")
        if self.kind == "steps":
            to_create = ngettext("{n} step to create", "{n} steps to create", create).format(n=create)
        else:
            to_create = ngettext("{n} blocker to create", "{n} blockers to create", create).format(n=create)
        parts = [to_create, gettext("{n} to update").format(n=update), gettext("{n} unchanged").format(n=skip)]
        if self.new_stages:
            parts.append(ngettext("{n} new stage", "{n} new stages", len(self.new_stages)).format(n=len(self.new_stages)))
        text = gettext("{name}: {counts}").format(name=self.name, counts=", ".join(parts))
        if self.errors:
            text += "; " + ngettext("{n} row with errors", "{n} rows with errors", len(self.errors)).format(
                n=len(self.errors))
        text += "."
        if self.ignored:
            text += " " + gettext("Columns not used: {columns}.").format(columns=", ".join(self.ignored))
        return text

    def refusal(self) -> str:
        """Why the import is refused while rows have errors, in one sentence."""
        lines = self.error_lines()
        shown = "; ".join(lines[:3])
        if len(lines) > 3:
            shown = ngettext("{errors} (and {n} more)", "{errors} (and {n} more)", len(lines) - 3).format(
                errors=shown, n=len(lines) - 3)
        n = len(self.errors)
        return ngettext("{n} row of {name} has errors: {errors}. Correct them, or import only the rows without errors.",
                        "{n} rows of {name} have errors: {errors}. Correct them, or import only the rows without "
                        "errors.", n).format(n=n, name=self.name, errors=shown)

    def error_lines(self) -> list[str]:
        at_column, at_row = gettext("row {row}, {error}"), gettext("row {row}: {error}")
        return [(at_column if e.startswith("column ") else at_row).format(row=r.row_number, error=e)
                for r in self.errors for e in r.errors]


@dataclass
class ApplyReport:
    kind: Kind
    created: int = 0
    updated: int = 0
    skipped: int = 0
    invalid: int = 0
    stages_created: int = 0
    data_items_created: int = 0
    ids: list[str] = field(default_factory=list)

    def summary(self) -> str:
        if self.kind == "steps":
            imported = ngettext("Imported {n} new step and updated {updated}", "Imported {n} new steps and updated {updated}",
                                self.created)
        else:
            imported = ngettext("Imported {n} new blocker and updated {updated}",
                                "Imported {n} new blockers and updated {updated}", self.created)
        extras = []
        if self.stages_created:
            extras.append(ngettext("{n} new stage", "{n} new stages", self.stages_created).format(n=self.stages_created))
        if self.data_items_created:
            extras.append(ngettext("{n} new data item", "{n} new data items", self.data_items_created).format(
                n=self.data_items_created))
        text = imported.format(n=self.created, updated=self.updated)
        if extras:
            text = gettext("{imported} (with {extras})").format(imported=text, extras=format_list(extras))
        text += "; " + gettext("{n} unchanged").format(n=self.skipped)
        if self.invalid:
            text += ", " + ngettext("{n} row with errors left out", "{n} rows with errors left out", self.invalid).format(
                n=self.invalid)
        return text + "."


# --- reading the file -----------------------------------------------------------------------------


@dataclass
class Sheet:
    name: str
    headers: list[str]
    rows: list[tuple[int, list[Any]]]  # (row number, cells)
    # row number -> indexes of the cells holding a formula whose value was never saved (openpyxl reads
    # them as empty: a workbook written by a program, not saved since by Excel or LibreOffice)
    formula_gaps: dict[int, set[int]] = field(default_factory=dict)


FORMULA_GAP = N_(
    "column {header!r}: a formula with no saved value; open and save the file in Excel or LibreOffice, "
    "then import again"
)
# A formula element in a worksheet part, with or without a namespace prefix (<f>, <x:f t="shared"/>).
_FORMULA_ELEMENT = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?f[\s>/]")


def _norm(text: Any) -> str:
    value = str(text if text is not None else "").strip()
    if value.startswith("'"):
        value = value[1:]
    value = value.casefold().replace("_", " ")
    return re.sub(r"\s+", " ", value).strip(" :*")


def _bare(text: str) -> str:
    return re.sub(r"\s*\([^)]*\)", "", text).strip()


#: The headers the spreadsheet export writes (``exports.tables``), in English: a workbook exported in
#: another language the core speaks (``export --lang cy``) names its columns with their translations,
#: which are read back as these (see :func:`_english`).
EXPORT_HEADERS: tuple[str, ...] = (
    "Journey", "Stage", "Order", "Step", "Owner", "Supported by", "Channels", "Touchpoint", "Link",
    "Time taken (hours)", "How the user feels (-2 to +2)", "Pain points", "Data asked for", "Monthly volume",
    "Cost per transaction (£)", "User satisfaction (%)", "Completion rate (%)", "Digital take-up (%)",
    "Open blockers", "Description", "Step ID", "Blocker", "Severity", "Status", "Category", "Classification",
    "Owner (must resolve)", "Caused by", "Raised by", "Raised on", "Due on", "Resolved on", "Overdue",
    "Steps affected", "Hand-offs affected", "Service Standard points", "Blocker ID",
)


def _catalogues() -> list[Any]:
    """The translations of every language the core speaks but English."""
    from servicecommunity import i18n

    return [i18n.translations(lang) for lang in i18n.LANGUAGES if lang != i18n.DEFAULT]


@cache
def _translated_headers() -> dict[str, str]:
    """A translated export header (normalised, with and without its bracketed unit) -> the English one."""
    out: dict[str, str] = {}
    for catalogue in _catalogues():
        for english in EXPORT_HEADERS:
            translated = catalogue.gettext(english)
            if translated != english:
                for key in (_norm(translated), _bare(_norm(translated))):
                    out.setdefault(key, english)
    return out


def _english(header: str) -> str:
    """A header as the English export writes it, when it is the translation of one; else as it is."""
    if not header:
        return header
    back = _translated_headers()
    norm = _norm(header)
    return back.get(norm) or back.get(_bare(norm)) or header


@cache
def _translated_words(field_name: str) -> dict[str, str]:
    """A stored value's translated label (as a key) -> the value: ``Uchel`` -> ``high``."""
    out: dict[str, str] = {}
    for catalogue in _catalogues():
        for value in dict.fromkeys(_VOCABULARIES[field_name].values()):
            out.setdefault(_key(catalogue.gettext(enums.label(value))), value)
    return out


@cache
def _no_owner_words() -> frozenset[str]:
    words = {"", "no owner", "none", "nobody"}
    for catalogue in _catalogues():
        words |= {catalogue.gettext(w).casefold() for w in ("No owner", "no owner")}
    return frozenset(words)


def _field_of(header: str, columns: Mapping[str, tuple[str, ...]]) -> str | None:
    norm = _norm(_english(header))
    for candidate in (norm, _bare(norm)):
        for name, aliases in columns.items():
            if candidate in aliases:
                return name
    return None


def _decode(raw: bytes, name: str) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    text = raw.decode("cp1252", errors="replace")
    if re.search(r"[\x00-\x08\x0e-\x1f\ufffd]", text):
        raise BundleError(gettext("{name} is not a text spreadsheet (save it as CSV UTF-8, or as an Excel workbook).").format(name=name))
    return text


def read_csv(raw: bytes, name: str) -> Sheet:
    """The rows of a CSV file (delimiter sniffed among comma, semicolon, tab and bar)."""
    text = _decode(raw, name)
    if "\x00" in text:
        raise BundleError(gettext("{name} is not a text spreadsheet (it holds NUL characters).").format(name=name))
    delimiter = _delimiter(text)
    rows: list[tuple[int, list[Any]]] = []
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        for cells in reader:
            if len(rows) > MAX_ROWS:
                raise BundleError(gettext("{name} has more than {n} rows; split it.").format(name=name, n=format_number(MAX_ROWS)))
            rows.append((reader.line_num, cells[:MAX_COLUMNS]))
    except csv.Error as exc:
        raise BundleError(gettext("{name} is not a readable CSV file: {error}.").format(name=name, error=exc)) from None
    return _with_header(name, rows)


def _delimiter(text: str) -> str:
    """The delimiter that splits the header row into the most columns (comma on a tie).

    Only the delimiter is guessed, from the header; quoting is always CSV's double quotes, because
    csv.Sniffer also guesses the quote character and takes apostrophes in titles ("you're") for one.
    """
    header = next((line for line in text[:65536].splitlines() if line.strip()), "")
    best, best_count = ",", 1
    for candidate in (",", ";", "\t", "|"):
        try:
            count = len(next(csv.reader([header], delimiter=candidate), []))
        except csv.Error:
            continue
        if count > best_count:
            best, best_count = candidate, count
    return best


def _with_header(name: str, rows: list[tuple[int, list[Any]]]) -> Sheet:
    while rows and not any(_text(c) for c in rows[0][1]):
        rows.pop(0)
    if not rows:
        raise BundleError(gettext("{name} is empty.").format(name=name))
    header = rows[0][1]
    headers = [_text(h).lstrip("'") for h in header]
    return Sheet(name, headers, rows[1:])


def read_xlsx(raw: bytes, name: str) -> list[Sheet]:
    """Every worksheet of a workbook (header row first), read only after the archive checks pass."""
    archive = open_archive(raw, name)
    in_parts: dict[str, dict[int, set[int]]] = {}

    def inspect(path: str, data: bytes, root: Any) -> None:
        if _FORMULA_ELEMENT.search(data) and _local(root.tag) == "worksheet":
            in_parts[path] = _gaps_in(root)

    check_xml_members(archive, name, inspect)
    gaps = formula_gaps(archive, name, in_parts) if in_parts else {}
    with warnings.catch_warnings():  # openpyxl warns about odd but readable parts; the preview speaks instead
        warnings.simplefilter("ignore")
        return _read_workbook(raw, name, gaps)


def _read_workbook(raw: bytes, name: str, gaps: Mapping[str, dict[int, set[int]]] | None = None) -> list[Sheet]:
    import openpyxl

    sheets: list[Sheet] = []
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(raw), read_only=True, data_only=True, keep_links=False)
    except Exception:  # openpyxl raises many kinds of error on a damaged file; all mean the same here
        raise BundleError(gettext("{name} is not a readable Excel workbook (.xlsx); check the file.").format(name=name)) from None
    try:
        for worksheet in workbook.worksheets:
            rows: list[tuple[int, list[Any]]] = []
            for number, cells in enumerate(worksheet.iter_rows(values_only=True, max_col=MAX_COLUMNS), start=1):
                if len(rows) > MAX_ROWS:
                    raise BundleError(gettext("{name} has more than {n} rows in {sheet}; split it.").format(
                        name=name, n=format_number(MAX_ROWS), sheet=worksheet.title))
                rows.append((number, list(cells)))
            try:
                sheet = _with_header(f"{name} ({worksheet.title})", rows)
            except BundleError:
                continue  # an empty sheet
            sheet.formula_gaps = (gaps or {}).get(worksheet.title, {})
            sheets.append(sheet)
    except BundleError:
        raise
    except Exception:  # see above
        raise BundleError(gettext("{name} is damaged: a sheet in it cannot be read.").format(name=name)) from None
    finally:
        workbook.close()
    if not sheets:
        raise BundleError(gettext("{name} has no rows.").format(name=name))
    return sheets


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _attribute(element: Any, local: str) -> str | None:
    """An attribute by its local name, whatever its namespace (``r:id``)."""
    for key, value in element.attrib.items():
        if _local(key) == local:
            return str(value)
    return None


def _part(base: str, target: str) -> str:
    """A relationship's target as an archive path (relative to ``base``'s folder, or from the root)."""
    if target.startswith("/"):
        return target.lstrip("/")
    parts: list[str] = [p for p in base.split("/")[:-1] if p]
    for piece in target.split("/"):
        if piece == "..":
            if parts:
                parts.pop()
        elif piece not in ("", "."):
            parts.append(piece)
    return "/".join(parts)


def _column_index(reference: str) -> int | None:
    """``"C7"`` -> 2; None if it is not a cell reference."""
    letters = re.match(r"[A-Za-z]{1,3}", reference)
    if letters is None:
        return None
    index = 0
    for letter in letters.group().upper():
        index = index * 26 + ord(letter) - 64
    return index - 1


def formula_gaps(
    archive: zipfile.ZipFile, name: str, in_parts: Mapping[str, dict[int, set[int]]]
) -> dict[str, dict[int, set[int]]]:
    """Worksheet title -> row number -> indexes of formula cells with no saved value.

    ``in_parts`` holds the gaps found in each worksheet part (:func:`_gaps_in`); the titles come
    from the workbook part and its relationships, as openpyxl finds them. Called after
    :func:`check_xml_members` has checked every XML part (DTDs refused).
    """
    members = {info.filename for info in archive.infolist()}

    def xml(path: str) -> Any:
        return defusedxml.ElementTree.fromstring(read_member(archive, path, name), forbid_dtd=True)

    def relationships(rels: str, base: str) -> list[tuple[str, str, str]]:
        """(id, type, target part) of each relationship in a ``.rels`` part."""
        if rels not in members:
            return []
        return [
            (str(r.get("Id")), str(r.get("Type") or ""), _part(base, str(r.get("Target") or "")))
            for r in xml(rels).iter() if _local(r.tag) == "Relationship"
        ]

    book = next(
        (t for _, kind, t in relationships("_rels/.rels", "") if kind.endswith("/officeDocument")), "xl/workbook.xml"
    )
    if book not in members:
        return {}
    folder, _, leaf = book.rpartition("/")
    sheet_parts = {i: t for i, _, t in relationships(f"{folder}/_rels/{leaf}.rels" if folder else f"_rels/{leaf}.rels", book)}
    out: dict[str, dict[int, set[int]]] = {}
    for element in xml(book).iter():
        if _local(element.tag) == "sheet":
            found = in_parts.get(sheet_parts.get(_attribute(element, "id") or "", ""))
            if found:
                out[str(element.get("name") or "")] = found
    return out


def _gaps_in(root: Any) -> dict[int, set[int]]:
    """Row number -> indexes of the formula cells with no saved value, in one parsed worksheet part.

    A formula cell (``<f>``) has no saved value when its ``<v>`` is missing or empty, unless its type
    is ``str``: then the saved result is empty text. A row or cell without its ``r`` attribute follows
    the one before, as in the standard.
    """
    ns = root.tag[: root.tag.index("}") + 1] if root.tag.startswith("{") else ""
    cell_tag, formula_tag, value_tag = f"{ns}c", f"{ns}f", f"{ns}v"
    found: dict[int, set[int]] = {}
    row_number = 0
    for row in root.iter(f"{ns}row"):
        number = row.get("r")
        row_number = int(number) if number and number.isdigit() else row_number + 1
        column = -1
        for cell in row:
            if cell.tag != cell_tag:
                continue
            reference = cell.get("r")
            index = _column_index(reference) if reference else None
            column = column + 1 if index is None else index
            if cell.find(formula_tag) is None or column >= MAX_COLUMNS:
                continue
            value = cell.find(value_tag)
            if value is None or not (value.text or cell.get("t") == "str"):
                found.setdefault(row_number, set()).add(column)
    return found


def read_zip_of_csv(raw: bytes, name: str) -> list[Sheet]:
    """The CSV files in a zip (as the spreadsheet export makes)."""
    archive = open_archive(raw, name)
    sheets = []
    for info in archive.infolist():
        if info.filename.lower().endswith(".csv") and not info.is_dir():
            data = read_member(archive, info, name)
            if len(data) > MAX_BYTES:
                raise BundleError(gettext("{file} in {name} is too large; split it.").format(file=info.filename, name=name))
            sheets.append(read_csv(data, f"{name} ({Path(info.filename).name})"))
    if not sheets:
        raise BundleError(gettext("{name} holds no CSV files.").format(name=name))
    return sheets


def read_sheets(raw: bytes, name: str, fmt: str | None = None) -> list[Sheet]:
    """The sheets of a CSV file, a zip of CSVs or a workbook (``fmt``: "csv" or "xlsx", else guessed)."""
    if raw.startswith(ZIP_MAGIC):
        archive = open_archive(raw, name)
        names = {i.filename for i in archive.infolist()}
        if fmt == "xlsx" or "[Content_Types].xml" in names:
            return read_xlsx(raw, name)
        return read_zip_of_csv(raw, name)
    if fmt == "xlsx":
        raise BundleError(gettext("{name} is not an Excel workbook (.xlsx); check the file.").format(name=name))
    return [read_csv(raw, name)]


# --- reading cells --------------------------------------------------------------------------------


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _plain(value: Any) -> str:
    """Cell text with the export's formula guard (a leading apostrophe) taken off."""
    text = _text(value)
    if len(text) > 1 and text[0] == "'" and text[1] in "=+-@\t\r":
        return text[1:]
    return text


def _number(value: Any, label: str, *, integer: bool = False) -> float | int | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise ValueError(gettext("{label}: {value!r} is not a number").format(label=gettext(label), value=value))
    if isinstance(value, (int, float)):
        number: float = float(value)
    else:
        cleaned = str(value).strip().replace(",", "").replace("£", "").replace("%", "").strip()
        try:
            number = float(cleaned)
        except ValueError:
            raise ValueError(gettext("{label}: {value!r} is not a number").format(label=gettext(label), value=_text(value))) from None
    if not math.isfinite(number):
        raise ValueError(gettext("{label}: {value!r} is not a number").format(label=gettext(label), value=_text(value)))
    if integer:
        if not number.is_integer():
            raise ValueError(gettext("{label}: {value!r} is not a whole number").format(label=gettext(label), value=_text(value)))
        return int(number)
    return number


_DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d/%m/%y", "%d-%m-%Y", "%d.%m.%Y", "%d %B %Y", "%d %b %Y", "%Y/%m/%d")


def _date(value: Any, label: str) -> date | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = _text(value)
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(gettext("{label}: {value!r} is not a date (write it as 2025-03-31 or 31/03/2025)").format(
        label=gettext(label), value=text))


def _key(text: str) -> str:
    return re.sub(r"[\s\-]+", "_", text.strip().casefold().replace("'", "").replace("\u2019", ""))


def _vocabulary(enum: type[StrEnum]) -> dict[str, str]:
    out = {}
    for member in enum:
        out[_key(member.value)] = member.value
        out[_key(enums.label(member.value))] = member.value
    return out


_VOCABULARIES: dict[str, dict[str, str]] = {
    "channels": {**_vocabulary(enums.Channel), "in_person": "face_to_face", "post": "paper", "telephone": "phone"},
    "severity": _vocabulary(enums.Severity),
    "status": _vocabulary(enums.BlockerStatus),
    "category": _vocabulary(enums.BlockerCategory),
    "classification": _vocabulary(enums.Classification),
}


def _word(value: Any, field_name: str) -> str | None:
    text = _plain(value)
    if not text:
        return None
    found = _VOCABULARIES[field_name].get(_key(text)) or _translated_words(field_name).get(_key(text))
    if found is None:
        choices = ", ".join(gettext(enums.label(v)) for v in dict.fromkeys(_VOCABULARIES[field_name].values()))
        raise ValueError(gettext("{label}: {value!r} is not one of {choices}").format(
            label=gettext(LABELS[field_name]), value=text, choices=choices))
    return found


def _split(value: Any, separators: str = ";,") -> list[str]:
    text = _plain(value)
    if not text:
        return []
    parts = [text]
    for sep in separators:
        parts = [p for part in parts for p in part.split(sep)]
    return [p.strip() for p in parts if p.strip()]


# --- the workspace as the sheet names it -----------------------------------------------------------


class _Names:
    """The community's organisations, members, journeys, stages, steps and data items, by name."""

    def __init__(self, session: Session, community_id: str) -> None:
        self.session = session
        self.community_id = community_id
        orgs = session.scalars(select(Organisation).where(col(Organisation.community_id) == community_id)).all()
        self.orgs: dict[str, str] = {}
        self.org_labels = sorted(o.short_name or o.name for o in orgs)
        for o in orgs:
            for key in (o.id, o.name, o.short_name):
                if key:
                    self.orgs.setdefault(key.casefold(), o.id)
        members = session.scalars(select(Member).where(col(Member.community_id) == community_id)).all()
        self.members: dict[str, list[str]] = {}
        for m in members:
            for key in (m.id, m.name, m.email):
                if key:
                    self.members.setdefault(key.casefold(), []).append(m.id)
        self.journeys = list(session.scalars(select(Journey).where(col(Journey.community_id) == community_id)).all())
        journey_ids = [j.id for j in self.journeys]
        self.stages: dict[str, dict[str, str]] = {j: {} for j in journey_ids}
        for stage in session.scalars(select(Stage).where(col(Stage.journey_id).in_(journey_ids))).all():
            self.stages[stage.journey_id].setdefault(stage.name.casefold(), stage.id)
            self.stages[stage.journey_id].setdefault(stage.id, stage.id)
        self.steps = {s.id: s for s in session.scalars(select(Step).where(col(Step.journey_id).in_(journey_ids))).all()}
        self.step_titles: dict[str, list[Step]] = {}
        for s in self.steps.values():
            self.step_titles.setdefault(s.title.casefold(), []).append(s)
        self.blockers = list(session.scalars(select(Blocker).where(col(Blocker.community_id) == community_id)).all())
        items = session.scalars(select(DataItem).where(col(DataItem.community_id) == community_id)).all()
        self.data_items = {d.name.casefold(): d.id for d in items} | {d.id: d.id for d in items}

    def org(self, text: str, label: str) -> str:
        found = self.orgs.get(text.casefold())
        if found is None:
            choices = ", ".join(self.org_labels) or gettext("none yet")
            raise ValueError(gettext("{label}: no organisation called {name!r} (the organisations are: {choices})").format(
                label=gettext(label), name=text, choices=choices))
        return found

    def member(self, text: str) -> str:
        found = self.members.get(text.casefold(), [])
        if len(found) != 1:
            raise ValueError((gettext("Raised by: no member called {name!r}") if not found
                              else gettext("Raised by: several members called {name!r}")).format(name=text))
        return found[0]

    def journey(self, text: str) -> str:
        for j in self.journeys:
            if text in (j.id,) or j.name.casefold() == text.casefold():
                return j.id
        choices = ", ".join(sorted(j.name for j in self.journeys)) or gettext("none yet")
        raise ValueError(gettext("Journey: no journey called {name!r} (the journeys are: {choices})").format(
            name=text, choices=choices))

    def step(self, text: str, journey_id: str | None) -> str:
        if text in self.steps:
            return text
        found = self.step_titles.get(text.casefold(), [])
        if len(found) > 1 and journey_id is not None:
            found = [s for s in found if s.journey_id == journey_id]
        if len(found) == 1:
            return found[0].id
        raise ValueError((gettext("Steps affected: no step called {name!r}") if not found
                          else gettext("Steps affected: several steps called {name!r}")).format(name=text))


# --- one row --------------------------------------------------------------------------------------

Cells = dict[str, Any]  # field -> raw cell value (only the columns the sheet has)


def _collect(errors: list[str], fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """``fn(*args, **kwargs)``, or ``None`` with its ValueError's message added to ``errors``."""
    try:
        return fn(*args, **kwargs)
    except ValueError as exc:
        errors.append(str(exc))
        return None


def _all(errors: list[str], fn: Callable[..., Any], items: Iterable[str], *args: Any, **kwargs: Any) -> list[Any]:
    """``fn`` of each item (as :func:`_collect`), the failures left out."""
    out = []
    for item in items:
        value = _collect(errors, fn, item, *args, **kwargs)
        if value is not None:
            out.append(value)
    return out


def _no_owner(text: str) -> bool:
    return text.casefold() in _no_owner_words()


def _pydantic_errors(exc: pydantic.ValidationError) -> list[str]:
    out = []
    for err in exc.errors():
        where = gettext(LABELS[str(err["loc"][0])]) if err["loc"] and str(err["loc"][0]) in LABELS else (
            str(err["loc"][0]) if err["loc"] else gettext("Row"))
        out.append(gettext("{field}: {error}").format(field=where, error=labels.value_problem(err)))
    return out


_STEP_TEXT = ("touchpoint", "touchpoint_url", "pain_points", "description")
_STEP_NUMBERS = {
    "duration_hours": False, "monthly_volume": True, "cost_per_transaction": False,
    "user_satisfaction": False, "completion_rate": False, "digital_take_up": False,
}


def _step_row(
    names: _Names, cells: Cells, number: int, values: dict[str, str], default_journey: str | None,
    seen: dict[tuple[str, str], int],
) -> RowResult:
    errors: list[str] = []
    title = _plain(cells.get("title"))
    row = RowResult(number, values, errors, "create", title=title)
    journey_id = default_journey
    if _plain(cells.get("journey")):
        journey_id = _collect(errors, names.journey, _plain(cells["journey"]))
    elif journey_id is None:
        errors.append(gettext("Journey: say which journey (a Journey column, or choose one when importing)"))
    if not title:
        errors.append(gettext("Title: every step needs a title"))
    existing: Step | None = None
    record_id = _plain(cells.get("id"))
    if record_id and record_id in names.steps:
        existing = names.steps[record_id]
        if journey_id is not None and existing.journey_id != journey_id and not _plain(cells.get("journey")):
            journey_id = existing.journey_id
    elif title and journey_id:
        same = [s for s in names.step_titles.get(title.casefold(), []) if s.journey_id == journey_id]
        if len(same) > 1:
            errors.append(gettext("Title: several steps in the journey are called {title!r}; add the Step ID column").format(
                title=title))
        elif same:
            existing = same[0]
    if title and journey_id:
        key = (journey_id, existing.id if existing else title.casefold())
        if key in seen:
            errors.append(gettext("the same step as row {row}").format(row=seen[key]))
        seen.setdefault(key, number)
    if journey_id is None:
        return row

    data: dict[str, Any] = {}
    if title:
        data["title"] = title
    stage_text = _plain(cells.get("stage"))
    if stage_text:
        stage_id = names.stages.get(journey_id, {}).get(stage_text.casefold()) or names.stages.get(journey_id, {}).get(stage_text)
        if stage_id is None:
            row.new_stage = (journey_id, stage_text)
        else:
            data["stage_id"] = stage_id
    elif existing is None:
        errors.append(gettext("Stage: a new step needs a stage"))
    if "owner" in cells:
        owner = _plain(cells["owner"])
        data["owner_id"] = None if _no_owner(owner) else _collect(errors, names.org, owner, "Owner")
    if "supporters" in cells:
        data["supporter_ids"] = _all(errors, names.org, _split(cells["supporters"]), "Supported by")
    if "channels" in cells:
        data["channels"] = _all(errors, _word, _split(cells["channels"]), field_name="channels")
    for name in _STEP_TEXT:
        if name in cells:
            data[name] = _plain(cells[name])
    for name, integer in _STEP_NUMBERS.items():
        if name in cells:
            data[name] = _collect(errors, _number, cells[name], LABELS[name], integer=integer)
    if "emotion" in cells:
        data["emotion"] = _collect(errors, _number, cells["emotion"], LABELS["emotion"], integer=True)
    if "data_items" in cells:
        ids = []
        for item in _split(cells["data_items"]):
            found = names.data_items.get(item.casefold())
            if found is None:
                row.new_data_items.append(item)
            else:
                ids.append(found)
        data["data_item_ids"] = ids
    _finish(names, row, data, existing, "steps", journey_id)
    return row


def _blocker_row(
    names: _Names, cells: Cells, number: int, values: dict[str, str], default_journey: str | None,
    seen: dict[tuple[str, str], int],
) -> RowResult:
    errors: list[str] = []
    title = _plain(cells.get("title"))
    row = RowResult(number, values, errors, "create", title=title)
    if not title:
        errors.append(gettext("Title: every blocker needs a title"))
    existing: Blocker | None = None
    record_id = _plain(cells.get("id"))
    if record_id:
        existing = names.session.get(Blocker, record_id)
        if existing is not None and existing.community_id != names.community_id:
            existing = None
    if existing is None and title:
        matches = [b for b in names.blockers if b.title.casefold() == title.casefold()]
        if len(matches) > 1:
            errors.append(gettext("Title: several blockers are called {title!r}; add the Blocker ID column").format(title=title))
        elif matches:
            existing = matches[0]
    if title:
        key = ("blockers", existing.id if existing else title.casefold())
        if key in seen:
            errors.append(gettext("the same blocker as row {row}").format(row=seen[key]))
        seen.setdefault(key, number)

    data: dict[str, Any] = {"title": title} if title else {}
    for name in ("severity", "status", "category", "classification"):
        if name in cells:
            value = _collect(errors, _word, cells[name], name)
            if value is not None:
                data[name] = value
    if "description" in cells:
        data["description"] = _plain(cells["description"])
    if "owner" in cells:
        owner = _plain(cells["owner"])
        data["owner_id"] = None if _no_owner(owner) else _collect(errors, names.org, owner, "Owner")
    if "blocking" in cells:
        data["blocking_organisation_ids"] = _all(errors, names.org, _split(cells["blocking"]), "Caused by")
    if "raised_by" in cells:
        who = _plain(cells["raised_by"])
        data["raised_by_id"] = _collect(errors, names.member, who) if who else None
    for name in ("raised_on", "due_on", "resolved_on"):
        if name in cells:
            data[name] = _collect(errors, _date, cells[name], LABELS[name])
    if "steps" in cells:
        data["step_ids"] = _all(errors, names.step, _split(cells["steps"], ";"), default_journey)
    if "standard_points" in cells:
        points = _all(errors, _number, _split(cells["standard_points"]), LABELS["standard_points"], integer=True)
        data["standard_points"] = sorted(set(points))
    _finish(names, row, data, existing, "blockers", default_journey)
    return row


def _finish(names: _Names, row: RowResult, data: dict[str, Any], existing: Any, section: str, journey_id: str | None) -> None:
    """Validate ``data`` as the service layer will, and decide create, update or skip."""
    if existing is None:
        full = dict(data)
        if section == "steps":
            full["journey_id"] = journey_id
            full.setdefault("stage_id", "(new stage)")
        else:
            full["community_id"] = names.community_id
        try:
            services.CREATE_SCHEMAS[section].model_validate(full)
        except pydantic.ValidationError as exc:
            _add_new(row.errors, _pydantic_errors(exc))
        row.action = "create"
        row.data = full
        return
    row.record_id = existing.id
    try:  # a blocker's status changes through its history (see _set_status), not a plain update
        services.UPDATE_SCHEMAS[section].model_validate({k: v for k, v in data.items() if k != "status"})
    except pydantic.ValidationError as exc:
        _add_new(row.errors, _pydantic_errors(exc))
    current = codec.record_to_json(names.session, existing)
    differs = {k: v for k, v in data.items() if _differs(current.get(k), v)}
    row.data = differs
    row.action = "update" if differs or row.new_stage or row.new_data_items else "skip"


def _add_new(errors: list[str], found: Iterable[str]) -> None:
    """Add the service layer's complaints about columns not already explained."""
    explained = {e.split(":")[0] for e in errors}
    errors.extend(e for e in found if e.split(":")[0] not in explained and e not in errors)


def _differs(current: Any, new: Any) -> bool:
    if isinstance(new, date):
        new = new.isoformat()
    if isinstance(new, list) and isinstance(current, list):
        return sorted(map(str, new)) != sorted(map(str, current))
    if isinstance(new, (int, float)) and isinstance(current, (int, float)) and not isinstance(new, bool):
        return float(new) != float(current)
    return bool(current != new)


# --- the public functions -------------------------------------------------------------------------


def _choose_sheet(sheets: list[Sheet], kind: Kind | None) -> tuple[Sheet, Kind]:
    found: list[tuple[Sheet, Kind]] = []
    for sheet in sheets:
        guessed = guess_kind(sheet.headers)
        if guessed is not None:
            found.append((sheet, guessed))
    if kind is not None:
        for sheet, guessed in found:
            if guessed == kind:
                return sheet, kind
        if len(sheets) == 1:
            return sheets[0], kind
        raise BundleError(gettext("No sheet of {kind} in {name}.").format(
            kind=gettext(KIND_WORDS[kind]), name=sheets[0].name.split(" (")[0]))
    kinds = list(dict.fromkeys(k for _, k in found))
    if len(kinds) == 1:
        return next(s for s, k in found if k == kinds[0]), kinds[0]
    if not kinds:
        raise SpreadsheetKindError(
            gettext("{name} has no column for a step's or a blocker's title (such as 'Step' or 'Blocker').").format(
                name=sheets[0].name),
            KINDS,
        )
    name = sheets[0].name.split(" (")[0]
    raise SpreadsheetKindError(gettext("{name} holds both steps and blockers; say which to import.").format(name=name),
                               kinds, both_in=name)


def guess_kind(headers: Iterable[str]) -> Kind | None:
    """Steps or blockers, from the header row (``None`` if neither)."""
    english = [_english(h) for h in headers]
    normed = {_norm(h) for h in english} | {_bare(_norm(h)) for h in english}
    if "step" in normed or ("stage" in normed and normed & {"title", "step title"}):
        return "steps"
    if "blocker" in normed or ({"title", "blocker title"} & normed and normed & {"severity", "status", "category"}):
        return "blockers"
    return None


def preview(
    session: Session,
    path: str | os.PathLike[str],
    *,
    kind: Kind | None = None,
    journey: str | None = None,
    community_id: str | None = None,
    fmt: str | None = None,
) -> Preview:
    """Read a spreadsheet and say what importing it would do, row by row; nothing is written."""
    source = Path(path)
    raw = read_limited(source, MAX_BYTES, "a spreadsheet")
    return preview_bytes(session, raw, source.name, kind=kind, journey=journey, community_id=community_id, fmt=fmt)


def preview_bytes(
    session: Session,
    raw: bytes,
    name: str,
    *,
    kind: Kind | None = None,
    journey: str | None = None,
    community_id: str | None = None,
    fmt: str | None = None,
) -> Preview:
    """:func:`preview` of a file already in memory."""
    if len(raw) > MAX_BYTES:
        raise BundleError(gettext("{name} is too large for a spreadsheet; split it.").format(name=name))
    sheet, kind = _choose_sheet(read_sheets(raw, name, fmt), kind)
    community = community_for(session, community_id)
    if community is None:
        raise NotFoundError(gettext("The workspace is empty: create a community (or import a bundle) before importing a spreadsheet."))
    names = _Names(session, community.id)
    default_journey = None
    if journey:
        default_journey = bundle_journey(session, journey, community.id)
    elif len(names.journeys) == 1:
        default_journey = names.journeys[0].id
    spec = COLUMNS[kind]
    columns: dict[str, str] = {}
    ignored: list[str] = []
    by_index: dict[int, str] = {}
    for index, header in enumerate(sheet.headers):
        if not header:
            continue
        name_of = _field_of(header, spec)
        if name_of is None:
            ignored.append(header)
        elif name_of and name_of not in by_index.values():
            by_index[index] = name_of
            columns[header] = name_of
    if "title" not in columns.values():
        raise BundleError(gettext("{name} has no title column ('Step' or 'Blocker'); the first row must name the columns.").format(
            name=sheet.name))
    rows: list[RowResult] = []
    seen: dict[tuple[str, str], int] = {}
    make = _step_row if kind == "steps" else _blocker_row
    for number, cells in sheet.rows:
        gaps = [
            gettext(FORMULA_GAP).format(header=sheet.headers[i]) for i in sorted(sheet.formula_gaps.get(number, ())) if i in by_index
        ]
        if not gaps and not any(_text(c) for c in cells):
            continue
        values = {sheet.headers[i]: _text(c) for i, c in enumerate(cells) if i < len(sheet.headers) and sheet.headers[i]}
        picked = {f: cells[i] if i < len(cells) else None for i, f in by_index.items()}
        row = make(names, picked, number, values, default_journey, seen)
        row.errors[:0] = gaps  # first: it explains an empty title or stage reported after it
        rows.append(row)
    return Preview(
        name=name, kind=kind, community_id=community.id, headers=sheet.headers, columns=columns,
        ignored=ignored, rows=rows, sheet=sheet.name,
    )


def bundle_journey(session: Session, journey: str, community_id: str) -> str:
    return str(journey_by_name(session, journey, community_id).id)


@services.operation
def _apply(session: Session, preview: Preview, actor_id: str | None, source: str) -> services.Result[ApplyReport]:
    tracker = services._Tracker(session, actor_id)
    report = ApplyReport(preview.kind)
    rows = [r for r in preview.rows if r.ok]
    report.invalid = len(preview.rows) - len(rows)
    stage_ids: dict[tuple[str, str], str] = {}
    for journey_id, key in preview.new_stages:
        name = next(r.new_stage[1] for r in rows if r.new_stage and r.new_stage[0] == journey_id and r.new_stage[1].casefold() == key)
        stage = services._create(session, "stages", services.CREATE_SCHEMAS["stages"](journey_id=journey_id, name=name), tracker)
        stage_ids[(journey_id, key)] = stage.id
        report.stages_created += 1
    item_ids: dict[str, str] = {}
    for r in rows:
        for item in r.new_data_items:
            if item.casefold() not in item_ids:
                created = services._create(
                    session, "data_items",
                    services.CREATE_SCHEMAS["data_items"](community_id=preview.community_id, name=item), tracker,
                )
                item_ids[item.casefold()] = created.id
                report.data_items_created += 1
    section = preview.kind
    for r in rows:
        if r.action == "skip":
            report.skipped += 1
            continue
        data = dict(r.data)
        if r.new_stage is not None:
            data["stage_id"] = stage_ids[(r.new_stage[0], r.new_stage[1].casefold())]
        if r.new_data_items:
            data["data_item_ids"] = sorted({*data.get("data_item_ids", []), *(item_ids[i.casefold()] for i in r.new_data_items)})
        if r.action == "create":
            record = services._create(session, section, services.CREATE_SCHEMAS[section].model_validate(data), tracker)
            report.created += 1
        else:
            status = data.pop("status", None) if section == "blockers" else None
            record = services._update(
                session, section, str(r.record_id), services.UPDATE_SCHEMAS[section].model_validate(data), tracker
            )
            if status is not None and status != record.status:
                # written in the language of the run, and kept as written
                _set_status(session, record, status, actor_id, gettext("Imported from {source}").format(source=source),
                            tracker)
            report.updated += 1
        report.ids.append(record.id)
    tracker.log("import", section, None, f"{source}: {report.summary()}")
    return services.Result(report, tracker.changes)


def _set_status(session: Session, blocker: Blocker, status: str, actor_id: str | None, comment: str,
                tracker: services._Tracker) -> None:
    """Change a blocker's status as ``services.change_blocker_status`` does: with a history entry."""
    new = enums.BlockerStatus(status)
    entry = BlockerUpdate(blocker_id=blocker.id, author_id=actor_id, kind=enums.UpdateKind.STATUS,
                          comment=comment, old_status=blocker.status, new_status=new.value)
    blocker.status = new.value
    blocker.resolved_on = None if new.is_open else (blocker.resolved_on or date.today())
    session.add(entry)
    session.flush()
    tracker.touch("blocker_updates", entry.id)


def apply(
    session: Session, preview: Preview, *, skip_invalid: bool = False, actor_id: str | None = None
) -> services.Result[ApplyReport]:
    """Write a previewed spreadsheet in one transaction.

    Rows with errors refuse the whole import unless ``skip_invalid``, which leaves them out.
    """
    if preview.errors and not skip_invalid:
        raise ValidationError(preview.refusal())
    return _apply(session, preview, actor_id, preview.name)
