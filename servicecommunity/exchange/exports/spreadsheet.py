"""Spreadsheets: CSV (one file per table, zipped, with a README) and XLSX.

Every text cell that a spreadsheet could take for a formula (it starts with ``=``, ``+``, ``-``,
``@``, a tab or a carriage return) is neutralised with a leading apostrophe (OWASP, "CSV
injection"); numbers stay numbers.

The XLSX is written here rather than through openpyxl's writer: a 5,000-step journey has about
600,000 cells; openpyxl's write-only mode took about 3 seconds for 400,000 of them, this plain
SpreadsheetML takes a fraction of one (the budget for a data export is 1 second). It is the small, well
known subset every spreadsheet reads: shared strings (for text that repeats) and inline strings,
numbers, dates with a number format, one bold header style, frozen header rows, column widths, an
auto filter, print titles, landscape pages and the classification in each sheet's printed header
and footer. The tests read it back with openpyxl.
"""

from __future__ import annotations

import codecs
import csv
import io
import math
import re
import zipfile
from collections.abc import Iterable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import date, datetime
from itertools import zip_longest
from typing import cast
from xml.sax.saxutils import escape

from servicecommunity.exchange.exports.tables import Cell, Table
from servicecommunity.i18n import gettext

_DANGEROUS = ("=", "+", "-", "@", "\t", "\r")
_DANGER_FIRST = frozenset("=+-@\t\r")
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_NEEDS_WORK = re.compile("[&<>\r\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
# the ASCII characters _NEEDS_WORK lets through, and a formula's first character after a line feed
_HARMLESS_ASCII = bytes(c for c in range(128) if not _NEEDS_WORK.match(chr(c)))
_FORMULA_AFTER_LF = re.compile("\n[=+\\-@\t\r]")
_EXCEL_CELL_LIMIT = 32_767
FONT_PT = 11  # the workbook's body text
PRINT_MIN_PT = 8  # a printed sheet's text is at least this size: wide tables print over more pages
#: column-width units (a digit of the 11 pt body font, about 5.25 pt) across an A4 landscape page
#: inside the margins: (842 - 2 * 0.4 * 72) pt / 5.25 pt
PAGE_WIDTH_UNITS = 149
_EPOCH = date(1899, 12, 30)


def neutralise(text: str) -> str:
    """Text a spreadsheet will show as text, never run as a formula."""
    return "'" + text if text and text[0] in _DANGER_FIRST else text


def _cell_text(value: Cell) -> Cell:
    """A cell for the csv module: text neutralised, dates in ISO form; numbers and None as they are."""
    if type(value) is str:
        return "'" + value if value and value[0] in _DANGER_FIRST else value
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return value


# --- CSV ------------------------------------------------------------------------------------------


def csv_text(table: Table) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow([neutralise(h) for h in table.headers])
    writer.writerows(_csv_rows(table.rows))
    return buf.getvalue()


def _csv_rows(rows: list[tuple[Cell, ...]]) -> Iterable[Sequence[Cell]]:
    """The rows as the csv module takes them (see _cell_text), worked out a column at a time.

    Nearly every column needs no change (text with no formula-like value, numbers), and when
    none does the rows go through as they are; only a column that needs it goes cell by cell.
    """
    if not rows or len(set(map(len, rows))) != 1:  # rows of different lengths: cell by cell
        danger, dates = _DANGER_FIRST, (date, datetime)
        return [
            [
                ("'" + v if v and v[0] in danger else v) if type(v) is str
                else (v.isoformat() if isinstance(v, dates) else v)
                for v in row
            ]
            for row in rows
        ]
    columns: list[Sequence[Cell]] = list(zip(*rows, strict=True))
    changed = False
    for i, values in enumerate(columns):
        kinds = set(map(type, values))
        if kinds <= {str, _NONE}:
            present = list(filter(None, values))
            if not present or not _formula_like(present, "\n".join(present)):  # type: ignore[arg-type]
                continue
        elif not any(issubclass(kind, str | date) for kind in kinds):
            continue  # numbers: the csv module writes them as _cell_text would leave them
        columns[i], changed = [_cell_text(v) for v in values], True
    return zip(*columns, strict=True) if changed else rows


def csv_zip(tables: Sequence[Table], readme: str, *, when: date) -> bytes:
    """A ZIP of ``<table>.csv`` (UTF-8 with a byte order mark, which Excel needs) and ``README.txt``."""
    stamp = (when.year, when.month, when.day, 0, 0, 0)
    buf = io.BytesIO()
    # zipped by a background thread, as the XLSX is: one table compresses while the next is written
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf, ThreadPoolExecutor(1) as zipper:
        zipped: list[Future[None]] = []

        def put(name: str, data: bytes) -> None:
            info = zipfile.ZipInfo(name, stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            zipped.append(zipper.submit(zf.writestr, info, data, compresslevel=3))

        put("README.txt", readme.replace("\n", "\r\n").encode("utf-8"))
        for table in tables:
            # the byte order mark as bytes: as text it would make the whole table two bytes a character
            put(f"{table.name}.csv", codecs.BOM_UTF8 + csv_text(table).encode("utf-8"))
        for done in zipped:
            done.result()  # a failure in the thread is raised here
    return buf.getvalue()


# --- XLSX -----------------------------------------------------------------------------------------

_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

# Cell styles (indexes into cellXfs below).
PLAIN, HEADER, DATE, TITLE, BOLD, WRAP, BOLD_WRAP = range(7)

_STYLES = f"""{_HEAD}<styleSheet xmlns="{_NS}">
<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/></numFmts>
<fonts count="3">
<font><sz val="11"/><name val="Calibri"/><family val="2"/></font>
<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font>
<font><b/><sz val="16"/><name val="Calibri"/><family val="2"/></font>
</fonts>
<fills count="3">
<fill><patternFill patternType="none"/></fill>
<fill><patternFill patternType="gray125"/></fill>
<fill><patternFill patternType="solid"><fgColor rgb="FFDEE0E2"/><bgColor indexed="64"/></patternFill></fill>
</fills>
<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>
<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>
<cellXfs count="7">
<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>
<xf numFmtId="0" fontId="1" fillId="2" borderId="0" xfId="0" applyFont="1" applyFill="1" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>
<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
<xf numFmtId="0" fontId="2" fillId="0" borderId="0" xfId="0" applyFont="1"/>
<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>
<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>
<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>
</cellXfs>
<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>
</styleSheet>
"""


def _letters(n: int) -> str:
    out = ""
    n += 1
    while n:
        n, r = divmod(n - 1, 26)
        out = chr(65 + r) + out
    return out


_COLS = [_letters(i) for i in range(200)]


def _xml_text(text: str) -> str:
    if _NOT_XML.search(text):
        text = _NOT_XML.sub("", text)
    if len(text) > _EXCEL_CELL_LIMIT:
        text = text[: _EXCEL_CELL_LIMIT - 1] + "…"
    if "&" in text or "<" in text or ">" in text:
        text = escape(text)
    if "\r" in text:
        text = text.replace("\r", "&#13;")  # a literal CR would be read back as a line feed
    return text


def _cell(ref: str, value: Cell, style: int = PLAIN) -> str:
    rest = _cell_rest(value, style)
    return f'<c r="{ref}{rest}' if rest else ""


def _cell_rest(value: Cell, style: int = PLAIN) -> str:
    """A cell's XML after ``<c r="A1``, from the quote that ends its reference; "" for an empty cell."""
    s = f' s="{style}"' if style else ""
    if type(value) is str:
        if not value:
            return ""
        if value[0] in _DANGER_FIRST:
            value = "'" + value
        return f'" t="inlineStr"{s}><is><t xml:space="preserve">{_xml_text(value)}</t></is></c>'
    if value is None:
        return ""
    if isinstance(value, bool):
        return f'" t="b"{s}><v>{int(value)}</v></c>'
    if isinstance(value, (int, float)):
        if isinstance(value, float) and not math.isfinite(value):
            return _cell_rest(str(value), style)
        return f'"{s}><v>{value!r}</v></c>'
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return f'" s="{DATE}"><v>{(value - _EPOCH).days}</v></c>'
    return _cell_rest(str(value), style)


# How add_rows writes a plain cell of each kind of column: the XML before the row number, between
# it and the value, and after the value.
_TEXT_CELL = ('" t="inlineStr"><is><t xml:space="preserve">', "</t></is></c>")
_SHARED_CELL = ('" t="s"><v>', "</v></c>")  # the value is the text's index in the shared strings
_NUMBER_CELL = ('"><v>', "</v></c>")
_DATE_CELL = (f'" s="{DATE}"><v>', "</v></c>")
_OTHER_CELL = ("", "")  # the value is all of the cell after its reference (_cell_rest)
_NONE = type(None)


def _column(values: Sequence[Cell]) -> tuple[tuple[str, str], Sequence[str | None] | None]:
    """How add_rows writes one column: its cells' XML around the value, and the values as text.

    The values come back as None for text that needs no work (add_rows writes it in line, or in
    the workbook's shared strings); otherwise as a list where an empty cell is "" or None and
    every other one is a non-empty string, which is what add_rows writes.
    """
    kinds = set(map(type, values)) - {_NONE}
    if kinds <= {str} and _plain_text(cast("Sequence[str | None]", values)):
        return _TEXT_CELL, None
    if kinds <= {int, float} and all(map(math.isfinite, [v for v in values if isinstance(v, float)])):
        return _NUMBER_CELL, [None if v is None else repr(v) for v in values]
    if kinds == {date}:
        dates = cast("Sequence[date | None]", values)
        return _DATE_CELL, [None if d is None else str((d - _EPOCH).days) for d in dates]
    # text that needs work (rare), booleans, date-times, infinities, a column of mixed kinds:
    # each cell as add_row writes it
    return _OTHER_CELL, [_cell_rest(v) for v in values]


def _formula_like(texts: list[str], joined: str) -> bool:
    """Whether any of these non-empty texts (``joined`` by line feeds) starts with a formula's first
    character: one search of them all. A line feed inside a text can make it say yes wrongly, never no."""
    return texts[0][0] in _DANGER_FIRST or _FORMULA_AFTER_LF.search(joined) is not None


def _plain_text(values: Sequence[str | None]) -> bool:
    """Whether a column of text can go in the XML as it is: nothing to neutralise, escape or cut.

    Found with a few passes over the column's text joined by line feeds, much faster than a
    regular expression per cell: no character that needs work, no formula-like start, no value
    too long. (A line feed inside a value can only make the second test see a formula that is
    not there, and then the column is written cell by cell, as it would have been.)
    """
    present = list(filter(None, values))
    if not present:
        return True
    joined = "\n".join(present)
    if joined.isascii():  # ASCII: delete every harmless byte (fast), and see whether any is left
        clean = not joined.encode("ascii").translate(None, _HARMLESS_ASCII)
    else:
        clean = not _NEEDS_WORK.search(joined)
    return (
        clean
        and not _formula_like(present, joined)
        and (len(joined) <= _EXCEL_CELL_LIMIT or max(map(len, present)) <= _EXCEL_CELL_LIMIT)
    )


class SharedStrings(dict[str | None, str]):
    """A workbook's shared strings: each text once, ``strings[text]`` its index (as text).

    Many cells of an export repeat a few texts (organisations, severities, statuses, yes and no,
    step titles), and a cell that points at one (``<c r="B2" t="s"><v>7</v></c>``) is half the XML
    of the text written in line: the sheets are smaller to build, encode and compress. Only text
    that needs no escaping is kept here (add_rows checks each column). An empty cell ("" or None)
    maps to "", which writes no cell.
    """

    def __init__(self) -> None:
        super().__init__({"": "", None: ""})
        self.texts: list[str] = []

    def __missing__(self, text: str | None) -> str:
        index = self[text] = str(len(self.texts))
        self.texts.append(cast(str, text))
        return index

    def xml(self) -> bytes:
        items = [f'<si><t xml:space="preserve">{text}</t></si>' for text in self.texts]
        head = f'{_HEAD}<sst xmlns="{_NS}" uniqueCount="{len(self.texts)}">'
        return (head + "".join(items) + "</sst>").encode("utf-8")


class _Rows:
    """Rows add_rows has worked out, written when the workbook's shared strings are known."""

    __slots__ = ("columns", "count", "first", "parts", "shared")

    def __init__(self, first: int, parts: list[tuple[str, str, str]], columns: list[Sequence[Cell]],
                 shared: list[int], count: int) -> None:
        self.first, self.parts, self.columns, self.shared, self.count = first, parts, columns, shared, count

    def xml(self, strings: SharedStrings) -> list[str]:
        columns = list(self.columns)
        for i in self.shared:
            columns[i] = list(map(strings.__getitem__, cast("Sequence[str | None]", columns[i])))
        numbers = map(str, range(self.first, self.first + self.count))
        parts = self.parts
        return [
            f'<row r="{r}">{"".join([f"{ref}{r}{mid}{v}{end}" for (ref, mid, end), v in zip(parts, row, strict=False) if v])}</row>'
            for r, row in zip(numbers, zip(*columns, strict=True), strict=True)
        ]


def _header_footer_text(text: str) -> str:
    """Text for a printed header or footer: its own codes start with '&', so a literal one doubles."""
    return _xml_text(text.replace("&", "&&"))


class Sheet:
    """One worksheet: either a table (header row frozen, filter, widths) or free rows (a cover)."""

    def __init__(self, name: str, *, widths: Sequence[int] = (), header: bool = False,
                 print_columns: int | None = None) -> None:
        self.name = _sheet_name(name)
        self.widths = list(widths)
        self.header = header
        self.rows: list[str | _Rows] = []
        self.nrows = 0
        self.ncols = max(1, len(self.widths))
        # the columns printed (the first ones; the ids that end a table are for machines) and how
        # many pages wide they print, so that the text is at least PRINT_MIN_PT on paper
        self.print_columns = print_columns
        printed = sum(self.widths[: print_columns or len(self.widths)])
        self.pages_wide = max(1, math.ceil(printed * PRINT_MIN_PT / (PAGE_WIDTH_UNITS * FONT_PT))) if printed else 1

    def print_scale(self) -> float:
        """The scale the sheet prints at (1.0 is full size), fitted to its pages' width."""
        printed = sum(self.widths[: self.print_columns or len(self.widths)])
        return min(1.0, self.pages_wide * PAGE_WIDTH_UNITS / printed) if printed else 1.0

    def add_row(self, values: Sequence[Cell], style: int = PLAIN, *, height: float | None = None) -> None:
        self.nrows += 1
        r = self.nrows
        cells = "".join(_cell(f"{_COLS[i]}{r}", v, style) for i, v in enumerate(values))
        ht = f' ht="{height}" customHeight="1"' if height else ""
        self.rows.append(f'<row r="{r}"{ht}>{cells}</row>')
        self.ncols = max(self.ncols, len(values))

    def add_rows(self, rows: Iterable[Sequence[Cell]]) -> None:
        """Plain rows, fast: the cells :meth:`add_row` would write, worked out a column at a time.

        A table's column nearly always holds one kind of value (text, numbers or dates), so the
        type tests, and the checks for formula-like, non-XML or over-long text, run once per
        column (:func:`_column`); then each cell is one f-string of its column's parts, its row
        number and its value, and a cell whose value is empty ("" or None) is left out.
        """
        rows = rows if isinstance(rows, list) else list(rows)
        if not rows:
            return
        # zip_longest pads a short row with None, which writes no cell: the same as not being there
        columns: list[Sequence[Cell]] = list(zip_longest(*rows))
        parts = []
        shared = []
        for i, column in enumerate(columns):
            (mid, end), written = _column(column)
            if written is not None:
                columns[i] = written
            elif len(set(column)) * 2 <= len(column):  # text that repeats: shared (ids and the like stay in line)
                (mid, end) = _SHARED_CELL
                shared.append(i)
            parts.append((f'<c r="{_COLS[i]}', mid, end))
        self.rows.append(_Rows(self.nrows + 1, parts, columns, shared, len(rows)))
        self.nrows += len(rows)
        self.ncols = max(self.ncols, len(columns))

    def xml(self, *, selected: bool, header_text: str, footer_text: str, strings: SharedStrings) -> bytes:
        """The worksheet part, encoded as UTF-8; its plain text goes in ``strings``."""
        last = f"{_COLS[self.ncols - 1]}{max(1, self.nrows)}"
        view = '<sheetView workbookViewId="0"' + (' tabSelected="1"' if selected else "")
        if self.header:
            view += (
                '><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
                '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView>'
            )
        else:
            view += "/>"
        cols = "".join(
            f'<col min="{i + 1}" max="{i + 1}" width="{w}" customWidth="1"/>' for i, w in enumerate(self.widths)
        )
        head = [
            _HEAD,
            f'<worksheet xmlns="{_NS}" xmlns:r="{_REL_NS}">',
            '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>',
            f'<dimension ref="A1:{last}"/>',
            f"<sheetViews>{view}</sheetViews>",
            '<sheetFormatPr defaultRowHeight="15"/>',
            f"<cols>{cols}</cols>" if cols else "",
            "<sheetData>",
        ]
        tail = [
            "</sheetData>",
            f'<autoFilter ref="A1:{last}"/>' if self.header else "",
            '<pageMargins left="0.4" right="0.4" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>',
            f'<printOptions gridLines="{1 if self.header else 0}"/>',
            f'<pageSetup paperSize="9" orientation="landscape" fitToWidth="{self.pages_wide}" fitToHeight="0"/>',
            "<headerFooter>",
            f'<oddHeader>&amp;C&amp;"-,Bold"{_header_footer_text(header_text)}</oddHeader>',
            f"<oddFooter>&amp;L{_header_footer_text(footer_text)}&amp;RPage &amp;P of &amp;N</oddFooter>",
            "</headerFooter>",
            "</worksheet>",
        ]
        # Encoded row by row: one row with a character past Latin-1 (an arrow, say) would make the
        # whole joined text two bytes a character, slower to join and to encode than the rows.
        rows: list[str] = []
        for row in self.rows:
            if isinstance(row, str):
                rows.append(row)
            else:
                rows += row.xml(strings)
        return b"".join(["".join(head).encode("utf-8"), *[row.encode("utf-8") for row in rows],
                         "".join(tail).encode("utf-8")])


def _sheet_name(name: str) -> str:
    cleaned = re.sub(r"[\[\]:*?/\\]", " ", name).strip("'") or "Sheet"
    return cleaned[:31]


def table_sheet(table: Table, title: str | None = None) -> Sheet:
    printed = len(table.columns)
    while printed > 1 and table.columns[printed - 1].key.endswith("ID"):
        printed -= 1  # ids end a table: for joining by machine, not for paper
    sheet = Sheet(title or table.title, widths=[c.width for c in table.columns], header=True, print_columns=printed)
    sheet.add_row(table.headers, HEADER, height=45)
    sheet.add_rows(table.rows)
    return sheet


def cover_sheet(title: str, lines: Sequence[tuple[str, Cell]], notes: Sequence[str] = ()) -> Sheet:
    """An "About" sheet: a title, labelled facts, then notes."""
    widths = (24, 100)
    sheet = Sheet(gettext("About"), widths=widths)
    sheet.add_row([title], TITLE, height=24)
    sheet.add_row([])
    for label, value in lines:
        sheet.nrows += 1
        r = sheet.nrows
        # Each row as tall as its wrapped text, said outright: a reader that does not work row
        # heights out itself (LibreOffice printing) otherwise prints wrapped text over the next row.
        height = _wrapped_height(str(value or ""), widths[1], label, widths[0])
        sheet.rows.append(
            f'<row r="{r}" ht="{height}" customHeight="1">{_cell(f"A{r}", label, BOLD_WRAP)}'
            f'{_cell(f"B{r}", value, WRAP if isinstance(value, str) else PLAIN)}</row>'
        )
    if notes:
        sheet.add_row([])
        for note in notes:
            sheet.add_row(["", note], WRAP, height=_wrapped_height(note, widths[1]))
    return sheet


def _wrapped_height(text: str, width: int, label: str = "", label_width: int = 1) -> float:
    """Points for a row whose cell of ``width`` units wraps ``text`` (15 pt a line, with room)."""

    def lines(t: str, w: int) -> int:
        per_line = max(1, int(w * 1.05))
        return sum(max(1, math.ceil(len(part) / per_line)) for part in (t.split("\n") or [""]))

    return 15.0 * max(lines(text, width), lines(label, label_width) if label else 1) + 3


def xlsx(sheets: Sequence[Sheet], *, title: str, classification: str, footer: str, when: date) -> bytes:
    """The workbook's bytes. ``classification`` heads every printed page; ``footer`` ends it."""
    names: list[str] = []
    for sheet in sheets:  # sheet names must be unique (case-insensitively)
        name, n = sheet.name, 2
        while name.casefold() in (x.casefold() for x in names):
            suffix = f" ({n})"
            name, n = sheet.name[: 31 - len(suffix)] + suffix, n + 1
        sheet.name = name
        names.append(name)
    stamp = f"{when.isoformat()}T00:00:00Z"
    content_types = (
        f'{_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
        '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
        + "".join(
            f'<Override PartName="/xl/worksheets/sheet{i + 1}.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            for i in range(len(sheets))
        )
        + '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
        '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>'
        "</Types>"
    )
    root_rels = (
        f'{_HEAD}<Relationships xmlns="{_PKG_REL_NS}">'
        f'<Relationship Id="rId1" Type="{_REL_NS}/officeDocument" Target="xl/workbook.xml"/>'
        f'<Relationship Id="rId2" Type="{_PKG_REL_NS}/metadata/core-properties" Target="docProps/core.xml"/>'
        f'<Relationship Id="rId3" Type="{_REL_NS}/extended-properties" Target="docProps/app.xml"/>'
        "</Relationships>"
    )
    core = (
        f'{_HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{_xml_text(title)}</dc:title><dc:subject>{_xml_text(classification)}</dc:subject>"
        f"<dc:creator>Service Community</dc:creator><cp:keywords>{_xml_text(classification)}</cp:keywords>"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified>'
        "</cp:coreProperties>"
    )
    app = (
        f'{_HEAD}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
        "<Application>Service Community</Application></Properties>"
    )
    defined = []
    for i, sheet in enumerate(sheets):
        if sheet.header:
            quoted = "'" + sheet.name.replace("'", "''") + "'"
            col, row = _COLS[sheet.ncols - 1], max(1, sheet.nrows)
            defined.append(
                f'<definedName name="_xlnm._FilterDatabase" localSheetId="{i}" hidden="1">'
                f"{_xml_text(quoted)}!$A$1:${col}${row}</definedName>"
            )
            defined.append(f'<definedName name="_xlnm.Print_Titles" localSheetId="{i}">{_xml_text(quoted)}!$1:$1</definedName>')
            # always said: without it LibreOffice prints as far as long text spills over empty
            # columns, and fits all that to the page (the Findings sheet printed at 2.4 pt)
            if sheet.print_columns:
                last = _COLS[sheet.print_columns - 1]
                defined.append(f'<definedName name="_xlnm.Print_Area" localSheetId="{i}">'
                               f"{_xml_text(quoted)}!$A$1:${last}${row}</definedName>")
    workbook = (
        f'{_HEAD}<workbook xmlns="{_NS}" xmlns:r="{_REL_NS}">'
        '<bookViews><workbookView activeTab="0"/></bookViews><sheets>'
        + "".join(
            f'<sheet name="{escape(s.name, {chr(34): "&quot;"})}" sheetId="{i + 1}" r:id="rId{i + 1}"/>'
            for i, s in enumerate(sheets)
        )
        + "</sheets>"
        + (f"<definedNames>{''.join(defined)}</definedNames>" if defined else "")
        + "</workbook>"
    )
    workbook_rels = (
        f'{_HEAD}<Relationships xmlns="{_PKG_REL_NS}">'
        + "".join(
            f'<Relationship Id="rId{i + 1}" Type="{_REL_NS}/worksheet" Target="worksheets/sheet{i + 1}.xml"/>'
            for i in range(len(sheets))
        )
        + f'<Relationship Id="rId{len(sheets) + 1}" Type="{_REL_NS}/styles" Target="styles.xml"/>'
        + f'<Relationship Id="rId{len(sheets) + 2}" Type="{_REL_NS}/sharedStrings" Target="sharedStrings.xml"/>'
        "</Relationships>"
    )
    zstamp = (when.year, when.month, when.day, 0, 0, 0)
    buf = io.BytesIO()
    # Parts are zipped by one background thread, in the order given: zlib lets go of the GIL while
    # it compresses, so a sheet compresses while the next one is written.
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf, ThreadPoolExecutor(1) as zipper:
        zipped: list[Future[None]] = []

        def put(name: str, text: str | bytes) -> None:
            info = zipfile.ZipInfo(name, zstamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            data = text.encode("utf-8") if isinstance(text, str) else text
            zipped.append(zipper.submit(zf.writestr, info, data, compresslevel=1))

        put("[Content_Types].xml", content_types)
        put("_rels/.rels", root_rels)
        put("docProps/core.xml", core)
        put("docProps/app.xml", app)
        put("xl/workbook.xml", workbook)
        put("xl/_rels/workbook.xml.rels", workbook_rels)
        put("xl/styles.xml", _STYLES)
        strings = SharedStrings()
        # the biggest sheet first, so that the others are written while it compresses
        for i in sorted(range(len(sheets)), key=lambda i: -sheets[i].nrows):
            put(f"xl/worksheets/sheet{i + 1}.xml",
                sheets[i].xml(selected=i == 0, header_text=classification, footer_text=footer, strings=strings))
        put("xl/sharedStrings.xml", strings.xml())
        for done in zipped:
            done.result()  # a failure in the thread is raised here
    return buf.getvalue()
