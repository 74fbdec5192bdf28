"""Records to and from their JSON form (the bundle's), with their link sets.

Dates are ``YYYY-MM-DD``; times are UTC ISO 8601 with a ``Z`` and microseconds, so that an export
read back and exported again gives the same text.
"""

from __future__ import annotations

import json
import math
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from datetime import UTC, date, datetime
from functools import cache
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Float,
    String,
    and_,
    case,
    func,
    literal,
    null,
    select,
)
from sqlmodel import Session

from servicecommunity.domain.models import ENTITIES, LINKS, Record

JSONDict = dict[str, Any]


def format_datetime(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def parse_datetime(value: str) -> datetime:
    parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC)


@cache
def columns(section: str) -> tuple[tuple[str, str], ...]:
    """``(name, kind)`` of each column of a section's table; kind is date, datetime, json, bool or plain."""
    out = []
    for col in ENTITIES[section].__table__.columns:  # type: ignore[attr-defined]
        kind = "plain"
        if isinstance(col.type, Date):
            kind = "date"
        elif isinstance(col.type, DateTime) or isinstance(getattr(col.type, "impl", None), DateTime):
            kind = "datetime"
        elif isinstance(col.type, JSON):
            kind = "json"
        elif isinstance(col.type, Boolean):
            kind = "bool"
        out.append((col.name, kind))
    return tuple(out)


_TO_JSON: dict[str, Callable[[Any], Any]] = {
    "date": lambda v: v.isoformat(),
    "datetime": format_datetime,
}
_FROM_JSON: dict[str, Callable[[Any], Any]] = {
    "date": date.fromisoformat,
    "datetime": parse_datetime,
}


def row_to_json(section: str, row: Any, links: dict[str, list[str]] | None = None) -> JSONDict:
    """A record (ORM object or Core row) as a JSON-ready dict, link sets sorted."""
    get = row._mapping.__getitem__ if hasattr(row, "_mapping") else row.__getattribute__
    out: JSONDict = {}
    for name, kind in columns(section):
        value = get(name)
        out[name] = _TO_JSON[kind](value) if value is not None and kind in _TO_JSON else value
    for link in LINKS.get(section, ()):
        out[link.field] = sorted((links or {}).get(link.field, []))
    return out


def json_to_row(section: str, data: JSONDict) -> JSONDict:
    """A bundle record as column values for an insert (link sets left out)."""
    out: JSONDict = {}
    for name, kind in columns(section):
        value = data.get(name)
        out[name] = _FROM_JSON[kind](value) if value is not None and kind in _FROM_JSON else value
    return out


def load_links(
    session: Session,
    section: str,
    parent_ids: Iterable[str] | None = None,
    *,
    filters: Mapping[str, Any] | None = None,
) -> dict[str, dict[str, list[str]]]:
    """``{parent_id: {field: [child ids]}}`` for the section's link sets, in one query per set.

    ``filters[field]`` is a clause on the link table's child column that a listed id must meet.
    """
    ids = None if parent_ids is None else list(parent_ids)
    result: dict[str, dict[str, list[str]]] = defaultdict(dict)
    for link in LINKS.get(section, ()):
        table = link.table.__table__  # type: ignore[attr-defined]
        parent = table.c[link.parent_column]
        child = table.c[link.child_column]
        query = select(parent, child)
        if filters and link.field in filters:
            query = query.where(filters[link.field])
        if ids is not None:
            if not ids:
                continue
            query = query.where(parent.in_(ids))
        for parent_id, child_id in session.connection().execute(query).all():
            result[parent_id].setdefault(link.field, []).append(child_id)
    return result


def record_to_json(session: Session, record: Record) -> JSONDict:
    """One record with its link sets, as in a bundle."""
    section = section_of(record)
    links = load_links(session, section, [record.id]).get(record.id, {})
    return row_to_json(section, record, links)


def section_of(record: Record | type[Record]) -> str:
    from servicecommunity.domain.models import SECTION_OF

    model = record if isinstance(record, type) else type(record)
    return SECTION_OF[model]


def sqlite_time(value: str) -> str:
    """A bundle's time (ISO 8601 with Z) as SQLAlchemy keeps it in SQLite: "YYYY-MM-DD HH:MM:SS.ffffff" (UTC)."""
    if len(value) == 27 and value[-1] == "Z":  # our own canonical form: the common case, no parsing
        return f"{value[:10]} {value[11:26]}"
    return parse_datetime(value).strftime("%Y-%m-%d %H:%M:%S.%f")


_TO_SQLITE: dict[str, Callable[[Any], Any]] = {
    "datetime": sqlite_time,
    "json": json.dumps,
    "bool": int,
}


def json_to_sqlite(section: str, data: JSONDict) -> tuple[Any, ...]:
    """A bundle record as the exact values SQLAlchemy would store in SQLite, in column order.

    A field the record does not have (one added after it was written, such as a step's
    ``wait_hours``) is stored as null, as :func:`json_to_row` does.
    """
    return tuple(
        _TO_SQLITE[kind](value) if kind in _TO_SQLITE and value is not None else value
        for name, kind in columns(section)
        for value in (data.get(name),)
    )


def _json_datetime(value: str) -> str:
    # the inverse of sqlite_time: "YYYY-MM-DD HH:MM:SS.ffffff" (UTC) -> canonical ISO with Z
    if len(value) == 26:
        return f"{value[:10]}T{value[11:]}Z"
    return format_datetime(parse_datetime(value))


_FROM_SQLITE: dict[str, Callable[[Any], Any]] = {
    "datetime": _json_datetime,
    "json": json.loads,
    "bool": bool,
}


@cache
def _sqlite_readers(section: str) -> tuple[tuple[str, Callable[[Any], Any] | None], ...]:
    return tuple((name, _FROM_SQLITE.get(kind)) for name, kind in columns(section))


def sqlite_to_json(section: str, row: tuple[Any, ...], links: dict[str, list[str]] | None = None) -> JSONDict:
    """A row of raw SQLite values (columns in table order) as its bundle record."""
    out: JSONDict = {
        name: read(value) if read is not None and value is not None else value
        for (name, read), value in zip(_sqlite_readers(section), row, strict=True)
    }
    for link in LINKS.get(section, ()):
        out[link.field] = sorted((links or {}).get(link.field, []))
    return out


# --- the bundle's text, rendered by SQLite -------------------------------------------------------
# For a large export the JSON text of each record is built by SQLite (json_quote escapes strings
# exactly as Python's json encoder does with ensure_ascii=False: checked for every code point on
# SQLite 3.40, and the tests compare the two ways on odd rows), so that Python only joins lines.
# A REAL column is left to Python (SQLite writes 15 significant digits, Python the shortest that
# reads back exactly): the text holds SPLICE where its value goes. Where SQL cannot be sure of the
# very bytes of the Python path (a time not in SQLAlchemy's usual form, a JSON value other than an
# array of strings and integers), the whole text is NULL and the caller renders that row with
# sqlite_to_json.

#: Marks where a value rendered by Python goes. json_quote escapes every control character, so it
#: never occurs in SQLite's JSON text otherwise.
SPLICE = "\x01"
_SPLICE_BYTES = SPLICE.encode("ascii")


def latest_json_time(raw_times: Iterable[str]) -> str:
    """The latest of SQLite-held times, in the bundle's form, converting only what it must.

    SQLAlchemy's usual 26-character form sorts as text in time order, and the conversion keeps
    that order; anything else is converted first.
    """
    usual: list[str] = []
    other: list[str] = []
    for value in raw_times:
        (usual if len(value) == 26 else other).append(value)
    candidates = [_json_datetime(v) for v in other]
    if usual:
        candidates.append(_json_datetime(max(usual)))
    return max(candidates)


def _sql_cat(*parts: Any) -> Any:
    expr = parts[0]
    for part in parts[1:]:
        expr = expr.op("||")(part)
    return expr


def _sql_text(value: str) -> Any:
    return literal(value, String())


def _sql_json_array(col: Any) -> Any:
    """A JSON column holding an array of strings and integers, as the Python encoder writes it; else NULL."""
    quote = func.json_quote
    items = func.json_each(col).table_valued("value", "type")
    listed = select(_sql_cat(_sql_text("["), func.ifnull(func.group_concat(quote(items.c.value), ", "), ""),
                             _sql_text("]"))).scalar_subquery()
    odd = select(items.c.type).where(items.c.type.not_in(["text", "integer"])).exists()
    # An array of small integers kept as json.dumps wrote it ("[1, 13]") is already canonical:
    # only digits, brackets, commas and spaces, and the same as its minified form spaced out.
    canonical_ints = and_(func.trim(col, "[]0123456789, ") == "", func.json_valid(col) == 1,
                          func.replace(func.json(col), ",", ", ") == col)
    return case((col.is_(None), _sql_text("null")),
                (canonical_ints, col),
                (func.json_valid(col) == 0, null()),
                (and_(func.json_type(col) == "array", ~odd), listed))


def _sql_value(kind: str, col: Any, column_type: Any) -> Any:
    """SQL for one column value as JSON text; NULL where the Python path must render the row."""
    quote = func.json_quote
    if kind == "datetime":  # "YYYY-MM-DD HH:MM:SS.ffffff" -> "YYYY-MM-DDTHH:MM:SS.ffffffZ", as _json_datetime
        iso = _sql_cat(func.substr(col, 1, 10), _sql_text("T"), func.substr(col, 12), _sql_text("Z"))
        return case((col.is_(None), _sql_text("null")),
                    (and_(func.typeof(col) == "text", func.length(col) == 26), quote(iso)))
    if kind == "bool":
        return case((col.is_(None), _sql_text("null")),
                    (func.typeof(col) != "integer", null()),
                    (col == 1, _sql_text("true")), (col == 0, _sql_text("false")))
    if kind == "json":
        return _sql_json_array(col)
    if isinstance(getattr(column_type, "impl", column_type), String):  # SQLModel's AutoString decorates String
        return quote(col)
    return case((func.typeof(col) == "real", null()), else_=quote(col))  # a REAL in an INTEGER column


def sqlite_json_text(
    section: str,
    table: Any,
    *,
    values: Mapping[str, Any] | None = None,
    link_filters: Mapping[str, Any] | None = None,
) -> tuple[Any, list[Any]]:
    """SQL giving each row of ``section`` as the canonical text of its bundle record, and the
    columns whose values Python puts in (:func:`splice`).

    The text, once spliced, is what the bundle's encoder makes of :func:`sqlite_to_json` of the row
    (keys sorted, ``", "`` and ``": "`` separators); it is NULL where only that Python path is
    sure to be right. ``values`` replaces a column's value by another expression;
    ``link_filters[field]`` is a clause on the link table's child column that a linked id must meet.
    """
    parts: dict[str, Any] = {}
    spliced: dict[str, Any] = {}
    for (name, kind), column in zip(columns(section), table.columns, strict=True):
        col = (values or {}).get(name, table.c[name])
        if kind == "plain" and isinstance(getattr(column.type, "impl", column.type), Float):
            parts[name] = _sql_text(SPLICE)
            spliced[name] = col
        else:
            parts[name] = _sql_value(kind, col, column.type)
    for link in LINKS.get(section, ()):
        link_table = link.table.__table__  # type: ignore[attr-defined]
        parent, child = link_table.c[link.parent_column], link_table.c[link.child_column]
        wheres = [parent == table.c.id]
        if link_filters and link.field in link_filters:
            wheres.append(link_filters[link.field])
        ids = select(child.label("child")).where(*wheres).order_by(child).correlate(table).subquery()
        parts[link.field] = select(
            _sql_cat(_sql_text("["), func.ifnull(func.group_concat(func.json_quote(ids.c.child), ", "), ""),
                     _sql_text("]"))
        ).scalar_subquery()
    pieces: list[Any] = []
    for i, name in enumerate(sorted(parts)):
        pieces.append(_sql_text(("{" if i == 0 else ", ") + json.dumps(name) + ": "))
        pieces.append(parts[name])
    pieces.append(_sql_text("}"))
    return _sql_cat(*pieces), [spliced[name] for name in sorted(spliced)]


def _json_scalar(value: Any) -> str:
    # what the bundle's encoder writes for a column value (float.__repr__ for a finite float)
    if type(value) is float and math.isfinite(value):
        return float.__repr__(value)
    return _SCALAR_ENCODER.encode(value)


_SCALAR_ENCODER = json.JSONEncoder(ensure_ascii=False)


def splice(line: bytes, values: Iterable[Any]) -> bytes:
    """``line`` (from :func:`sqlite_json_text`) with each SPLICE replaced by the JSON of the next value."""
    pieces = line.split(_SPLICE_BYTES)
    out = [pieces[0]]
    for value, piece in zip(values, pieces[1:], strict=True):
        out.append(_json_scalar(value).encode("utf-8"))
        out.append(piece)
    return b"".join(out)


# --- a section's records, rendered by PostgreSQL ---------------------------------------------------
# PostgreSQL builds each record as a JSON object (json_build_object) and the whole section as one
# array (json_agg, in id order), so Python parses one text per section with the C decoder instead
# of converting every value. Times are written by to_char in the bundle's form (UTC, microseconds,
# a Z); a float comes as the text PostgreSQL writes for it (with the server's default
# extra_float_digits, the shortest that reads back exactly) and Python reads it with float(), so a
# whole number stays 1.0 and not 1 (:func:`pg_read_records`). Link sets are sorted in byte order
# (COLLATE "C"), as Python's sorted() orders ids.

_PG_TIME = 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'


@cache
def pg_float_columns(section: str) -> tuple[str, ...]:
    """The section's float columns: their values come as text in :func:`pg_json_records`' objects."""
    table = ENTITIES[section].__table__  # type: ignore[attr-defined]
    return tuple(c.name for c in table.columns if isinstance(getattr(c.type, "impl", c.type), Float))


def pg_json_records(
    section: str,
    table: Any,
    wheres: Iterable[Any],
    *,
    values: Mapping[str, Any] | None = None,
    link_filters: Mapping[str, Any] | None = None,
) -> Any:
    """A PostgreSQL query giving one text: the JSON array of the section's records meeting ``wheres``,
    in id order, each with its link sets (``link_filters`` as in :func:`load_links`).

    Read it with :func:`pg_read_records`. ``values`` replaces a column's value by another expression.
    """
    from sqlalchemy import Text, cast
    from sqlalchemy.dialects.postgresql import aggregate_order_by

    floats = set(pg_float_columns(section))
    args: list[Any] = []
    for name, kind in columns(section):
        col = (values or {}).get(name, table.c[name])
        expr: Any
        if kind == "datetime":
            expr = func.to_char(func.timezone("UTC", col), _PG_TIME)
        elif kind == "date":
            expr = func.to_char(col, "YYYY-MM-DD")
        elif name in floats:
            expr = cast(col, Text)
        else:
            expr = col
        args += [literal(name, String()), expr]
    wheres = list(wheres)
    source = table
    for link in LINKS.get(section, ()):
        # each link set aggregated once for the records in the bundle and joined (a lookup per
        # record and set was most of a 20,000-blocker export's time on the server)
        link_table = link.table.__table__  # type: ignore[attr-defined]
        parent, child = link_table.c[link.parent_column], link_table.c[link.child_column]
        wheres_link = [parent.in_(select(table.c.id).where(*wheres).correlate(None))]
        if link_filters and link.field in link_filters:
            wheres_link.append(link_filters[link.field])
        sets = (select(parent.label("parent"), func.json_agg(aggregate_order_by(child, child.collate("C"))).label("ids"))
                .where(*wheres_link).group_by(parent).subquery(f"set_{link.field}"))
        source = source.outerjoin(sets, sets.c.parent == table.c.id)
        args += [literal(link.field, String()), func.coalesce(sets.c.ids, cast(literal("[]"), JSON))]
    if len(args) > 100:  # pragma: no cover - PostgreSQL's limit on a function's arguments
        raise AssertionError(f"{section} has too many fields for one json_build_object")
    record = func.json_build_object(*args)
    return select(cast(func.coalesce(func.json_agg(aggregate_order_by(record, table.c.id)),
                                     cast(literal("[]"), JSON)), Text)).select_from(source).where(*wheres)


def pg_read_records(section: str, text: str) -> list[JSONDict]:
    """The records of :func:`pg_json_records`' text, as :func:`row_to_json` makes them."""
    records: list[JSONDict] = json.loads(text)
    floats = pg_float_columns(section)
    if floats:
        for rec in records:
            for name in floats:
                value = rec[name]
                if value is not None:
                    rec[name] = float(value)
    return records
