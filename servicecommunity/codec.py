"""Records to and from their JSON form (the bundle's), with their link sets.

Dates are ``YYYY-MM-DD``; times are UTC ISO 8601 with a ``Z`` and microseconds, so that an export
read back and exported again gives the same text.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime
from functools import cache
from typing import Any

from sqlalchemy import JSON, Boolean, Date, DateTime, select
from sqlmodel import Session

from servicecommunity.models import ENTITIES, LINKS, Record

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
    session: Session, section: str, parent_ids: Iterable[str] | None = None
) -> dict[str, dict[str, list[str]]]:
    """``{parent_id: {field: [child ids]}}`` for the section's link sets, in one query per set."""
    ids = None if parent_ids is None else list(parent_ids)
    result: dict[str, dict[str, list[str]]] = defaultdict(dict)
    for link in LINKS.get(section, ()):
        table = link.table.__table__  # type: ignore[attr-defined]
        parent = table.c[link.parent_column]
        child = table.c[link.child_column]
        query = select(parent, child)
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
    from servicecommunity.models import SECTION_OF

    model = record if isinstance(record, type) else type(record)
    return SECTION_OF[model]


def _sqlite_datetime(value: str) -> str:
    # SQLAlchemy keeps a UTC time in SQLite as "YYYY-MM-DD HH:MM:SS.ffffff".
    if len(value) == 27 and value[-1] == "Z":  # our own canonical form: the common case, no parsing
        return f"{value[:10]} {value[11:26]}"
    return parse_datetime(value).strftime("%Y-%m-%d %H:%M:%S.%f")


_TO_SQLITE: dict[str, Callable[[Any], Any]] = {
    "datetime": _sqlite_datetime,
    "json": json.dumps,
    "bool": int,
}


def json_to_sqlite(section: str, data: JSONDict) -> tuple[Any, ...]:
    """A bundle record as the exact values SQLAlchemy would store in SQLite, in column order."""
    return tuple(
        _TO_SQLITE[kind](data[name]) if kind in _TO_SQLITE and data[name] is not None else data[name]
        for name, kind in columns(section)
    )


def _json_datetime(value: str) -> str:
    # the inverse of _sqlite_datetime: "YYYY-MM-DD HH:MM:SS.ffffff" (UTC) -> canonical ISO with Z
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
