"""Spreadsheets: CSV (one file per table, zipped, with a README) and XLSX.

Every text cell that a spreadsheet could take for a formula (it starts with ``=``, ``+``, ``-``,
``@``, a tab or a carriage return) is neutralised with a leading apostrophe (OWASP, "CSV
injection"); numbers stay numbers.

The XLSX is written here rather than through openpyxl's writer: a 5,000-step journey has about
400,000 cells, which openpyxl's write-only mode takes about 3 seconds to write and this plain
SpreadsheetML takes about 0.3 (the budget for a data export is 1 second). It is the small, well
known subset every spreadsheet reads: inline strings, numbers, dates with a number format, one bold
header style, frozen header rows, column widths, an auto filter, print titles, landscape pages and
the classification in each sheet's printed header and footer. The tests read it back with openpyxl.
"""

from __future__ import annotations

import csv
import io
import math
import re
import zipfile
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from xml.sax.saxutils import escape

from servicecommunity.exports.tables import Cell, Table

_DANGEROUS = ("=", "+", "-", "@", "\t", "\r")
_DANGER_FIRST = frozenset("=+-@\t\r")
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_NEEDS_WORK = re.compile("[&<>\r\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_EXCEL_CELL_LIMIT = 32_767
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
    danger, dates = _DANGER_FIRST, (date, datetime)
    # _cell_text inlined: this runs for every cell of 40,000-row tables
    writer.writerows(
        [
            ("'" + v if v and v[0] in danger else v) if type(v) is str
            else (v.isoformat() if isinstance(v, dates) else v)
            for v in row
        ]
        for row in table.rows
    )
    return buf.getvalue()


def csv_zip(tables: Sequence[Table], readme: str, *, when: date) -> bytes:
    """A ZIP of ``<table>.csv`` (UTF-8 with a byte order mark, which Excel needs) and ``README.txt``."""
    stamp = (when.year, when.month, when.day, 0, 0, 0)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        info = zipfile.ZipInfo("README.txt", stamp)
        info.compress_type = zipfile.ZIP_DEFLATED
        zf.writestr(info, readme.replace("\n", "\r\n").encode("utf-8"), compresslevel=3)
        for table in tables:
            info = zipfile.ZipInfo(f"{table.name}.csv", stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, ("\ufeff" + csv_text(table)).encode("utf-8"), compresslevel=3)
    return buf.getvalue()


# --- XLSX -----------------------------------------------------------------------------------------

_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

# Cell styles (indexes into cellXfs below).
PLAIN, HEADER, DATE, TITLE, BOLD, WRAP = range(6)

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
<cellXfs count="6">
<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>
<xf numFmtId="0" fontId="1" fillId="2" borderId="0" xfId="0" applyFont="1" applyFill="1" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>
<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
<xf numFmtId="0" fontId="2" fillId="0" borderId="0" xfId="0" applyFont="1"/>
<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>
<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>
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
    s = f' s="{style}"' if style else ""
    if type(value) is str:
        if not value:
            return ""
        if value[0] in _DANGER_FIRST:
            value = "'" + value
        return f'<c r="{ref}" t="inlineStr"{s}><is><t xml:space="preserve">{_xml_text(value)}</t></is></c>'
    if value is None:
        return ""
    if isinstance(value, bool):
        return f'<c r="{ref}" t="b"{s}><v>{int(value)}</v></c>'
    if isinstance(value, (int, float)):
        if isinstance(value, float) and not math.isfinite(value):
            return _cell(ref, str(value), style)
        return f'<c r="{ref}"{s}><v>{value!r}</v></c>'
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return f'<c r="{ref}" s="{DATE}"><v>{(value - _EPOCH).days}</v></c>'
    return _cell(ref, str(value), style)


def _header_footer_text(text: str) -> str:
    """Text for a printed header or footer: its own codes start with '&', so a literal one doubles."""
    return _xml_text(text.replace("&", "&&"))


class Sheet:
    """One worksheet: either a table (header row frozen, filter, widths) or free rows (a cover)."""

    def __init__(self, name: str, *, widths: Sequence[int] = (), header: bool = False) -> None:
        self.name = _sheet_name(name)
        self.widths = list(widths)
        self.header = header
        self.rows: list[str] = []
        self.ncols = max(1, len(self.widths))

    def add_row(self, values: Sequence[Cell], style: int = PLAIN, *, height: float | None = None) -> None:
        r = len(self.rows) + 1
        cells = "".join(_cell(f"{_COLS[i]}{r}", v, style) for i, v in enumerate(values))
        ht = f' ht="{height}" customHeight="1"' if height else ""
        self.rows.append(f'<row r="{r}"{ht}>{cells}</row>')
        self.ncols = max(self.ncols, len(values))

    def add_rows(self, rows: Iterable[Sequence[Cell]]) -> None:
        """Plain rows, fast: text cells (nearly all of them) are written inline, the rest by _cell."""
        append = self.rows.append
        cols, danger, special, limit = _COLS, _DANGER_FIRST, _NEEDS_WORK, _EXCEL_CELL_LIMIT
        r = len(self.rows)
        for values in rows:
            r += 1
            parts = [f'<row r="{r}">']
            for i, v in enumerate(values):
                if type(v) is str:
                    if not v:
                        continue
                    text = "'" + v if v[0] in danger else v
                    if special.search(text) or len(text) > limit:
                        text = _xml_text(text)
                    parts.append(f'<c r="{cols[i]}{r}" t="inlineStr"><is><t xml:space="preserve">{text}</t></is></c>')
                elif v is not None:
                    parts.append(_cell(f"{cols[i]}{r}", v))
            parts.append("</row>")
            append("".join(parts))
            self.ncols = max(self.ncols, len(values))

    def xml(self, *, selected: bool, header_text: str, footer_text: str) -> str:
        last = f"{_COLS[self.ncols - 1]}{max(1, len(self.rows))}"
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
        parts = [
            _HEAD,
            f'<worksheet xmlns="{_NS}" xmlns:r="{_REL_NS}">',
            '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>',
            f'<dimension ref="A1:{last}"/>',
            f"<sheetViews>{view}</sheetViews>",
            '<sheetFormatPr defaultRowHeight="15"/>',
            f"<cols>{cols}</cols>" if cols else "",
            "<sheetData>", *self.rows, "</sheetData>",
            f'<autoFilter ref="A1:{last}"/>' if self.header else "",
            '<pageMargins left="0.4" right="0.4" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>',
            '<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/>',
            "<headerFooter>",
            f'<oddHeader>&amp;C&amp;"-,Bold"{_header_footer_text(header_text)}</oddHeader>',
            f"<oddFooter>&amp;L{_header_footer_text(footer_text)}&amp;RPage &amp;P of &amp;N</oddFooter>",
            "</headerFooter>",
            "</worksheet>",
        ]
        return "".join(parts)


def _sheet_name(name: str) -> str:
    cleaned = re.sub(r"[\[\]:*?/\\]", " ", name).strip("'") or "Sheet"
    return cleaned[:31]


def table_sheet(table: Table, title: str | None = None) -> Sheet:
    sheet = Sheet(title or table.title, widths=[c.width for c in table.columns], header=True)
    sheet.add_row(table.headers, HEADER, height=45)
    sheet.add_rows(table.rows)
    return sheet


def cover_sheet(title: str, lines: Sequence[tuple[str, Cell]], notes: Sequence[str] = ()) -> Sheet:
    """An "About" sheet: a title, labelled facts, then notes."""
    sheet = Sheet("About", widths=[28, 90])
    sheet.add_row([title], TITLE, height=24)
    sheet.add_row([])
    for label, value in lines:
        r = len(sheet.rows) + 1
        sheet.rows.append(
            f'<row r="{r}">{_cell(f"A{r}", label, BOLD)}{_cell(f"B{r}", value, WRAP if isinstance(value, str) else PLAIN)}</row>'
        )
    if notes:
        sheet.add_row([])
        for note in notes:
            sheet.add_row(["", note], WRAP)
    return sheet


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
            col, row = _COLS[sheet.ncols - 1], max(1, len(sheet.rows))
            defined.append(
                f'<definedName name="_xlnm._FilterDatabase" localSheetId="{i}" hidden="1">'
                f"{_xml_text(quoted)}!$A$1:${col}${row}</definedName>"
            )
            defined.append(f'<definedName name="_xlnm.Print_Titles" localSheetId="{i}">{_xml_text(quoted)}!$1:$1</definedName>')
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
        "</Relationships>"
    )
    zstamp = (when.year, when.month, when.day, 0, 0, 0)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:

        def put(name: str, text: str) -> None:
            info = zipfile.ZipInfo(name, zstamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, text.encode("utf-8"), compresslevel=1)

        put("[Content_Types].xml", content_types)
        put("_rels/.rels", root_rels)
        put("docProps/core.xml", core)
        put("docProps/app.xml", app)
        put("xl/workbook.xml", workbook)
        put("xl/_rels/workbook.xml.rels", workbook_rels)
        put("xl/styles.xml", _STYLES)
        for i, sheet in enumerate(sheets):
            put(f"xl/worksheets/sheet{i + 1}.xml", sheet.xml(selected=i == 0, header_text=classification, footer_text=footer))
    return buf.getvalue()
