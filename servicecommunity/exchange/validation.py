"""What a JSON Schema cannot check in a bundle: real dates and times, numbers the workspace can hold.

The bundle's schema checks that a date looks like ``YYYY-MM-DD`` and a number is in its range, but a
pattern cannot know that February has no 30th, that an hour has no 61st minute, that SQLite's
integers stop at 2**63 - 1, or that JSON read by Python may hold ``NaN`` and ``Infinity``. A value
like that used to pass and then break every later read or save of its record; here it is refused
before anything is written, in one sentence naming the record and the field (by its label)::

    In team.json, the step 3f2a4c1b… has an impossible last updated, '2024-02-30T00:00:00Z'; the
    file is damaged or was edited by hand.

Each refusal is one whole sentence in the catalogue, the kind of record and the field's label put
in as words Welsh need not mutate (*Yn team.json, mae gan y cofnod 3f2a4c1b… (cam) …*).

Run on a bundle the schema has already passed (:func:`servicecommunity.exchange.bundle.validate_bundle`).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from datetime import date, datetime
from functools import cache
from typing import Any

from sqlalchemy import Float, Integer, TypeDecorator

from servicecommunity.domain.errors import BundleError
from servicecommunity.domain.models import ENTITIES
from servicecommunity.i18n import N_, gettext
from servicecommunity.store import codec

MIN_INTEGER, MAX_INTEGER = -(2**63), 2**63 - 1  # SQLite's INTEGER


def is_date(value: str) -> bool:
    """``YYYY-MM-DD`` naming a day that exists."""
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


def is_time(value: str) -> bool:
    """An ISO 8601 time that exists and, moved to UTC, is still within the years 1 to 9999."""
    if len(value) == 27 and value[-1] == "Z":  # the canonical form: no offset to apply
        try:
            datetime.fromisoformat(value[:26])
        except ValueError:
            return False
        return True
    try:
        codec.parse_datetime(value)
    except (ValueError, OverflowError):
        return False
    return True


def is_integer(value: Any) -> bool:
    return isinstance(value, (int, float)) and MIN_INTEGER <= value <= MAX_INTEGER  # NaN compares false


def is_real(value: Any) -> bool:
    return isinstance(value, int) or (isinstance(value, float) and math.isfinite(value))


# check -> the sentence for a record's value that fails it
_PROBLEM: dict[Callable[[Any], bool], str] = {
    is_date: N_("In {name}, the {noun} {id}… has an impossible {field}, {value}; the file is damaged or was edited by hand."),
    is_time: N_("In {name}, the {noun} {id}… has an impossible {field}, {value}; the file is damaged or was edited by hand."),
    is_integer: N_("In {name}, the {noun} {id}… has {value} as its {field}, beyond what the workspace can hold; "
                   "the file is damaged or was edited by hand."),
    is_real: N_("In {name}, the {noun} {id}… has {value} as its {field}, which is not a number the workspace can "
                "hold; the file is damaged or was edited by hand."),
}


@cache
def _checks(section: str) -> tuple[tuple[str, Callable[[Any], bool]], ...]:
    """The columns of a section a schema cannot fully check, with their checks."""
    table = ENTITIES[section].__table__  # type: ignore[attr-defined]
    out: list[tuple[str, Callable[[Any], bool]]] = []
    for name, kind in codec.columns(section):
        column_type = table.c[name].type
        base = column_type.impl if isinstance(column_type, TypeDecorator) else column_type
        if kind == "date":
            out.append((name, is_date))
        elif kind == "datetime":
            out.append((name, is_time))
        elif kind == "plain" and isinstance(base, Integer):
            out.append((name, is_integer))
        elif kind == "plain" and isinstance(base, Float):
            out.append((name, is_real))
    return tuple(out)


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:39] + "…"


def _refuse(name: str, section: str, record_id: Any, column: str, value: Any, check: Callable[[Any], bool]) -> BundleError:
    from servicecommunity.services import NOUN, labels

    noun = gettext(N_("deletion") if section == "tombstones" else NOUN[section])
    return BundleError(gettext(_PROBLEM[check]).format(
        name=name, noun=noun, id=str(record_id)[:8], field=labels.label(column), value=_shown(value)))


def check_bundle_values(data: Mapping[str, Any], name: str | None = None) -> None:
    """Refuse, with :class:`BundleError`, a date, time or number no workspace can hold."""
    name = name or gettext("the bundle")
    for section in ENTITIES:
        checks = _checks(section)
        for record in data[section]:
            for column, check in checks:
                value = record[column]
                if value is not None and not check(value):
                    raise _refuse(name, section, record["id"], column, value, check)
    _check_notes(data, name)
    for tombstone in data["tombstones"]:
        if not is_time(tombstone["deleted_at"]):
            raise _refuse(name, "tombstones", tombstone["id"], "deleted_at", tombstone["deleted_at"], is_time)
    if data["as_of"] is not None and not is_time(data["as_of"]):
        from servicecommunity.services import labels

        raise BundleError(gettext("{name} has an impossible {field}, {value}; the file is damaged or was edited by hand.")
                          .format(name=name, field=labels.label("as_of"), value=_shown(data["as_of"])))


def _check_notes(data: Mapping[str, Any], name: str) -> None:
    """Each note is on one step or one dependency (never both, never neither), in that record's journey."""
    journey_of = {rec["id"]: rec["journey_id"] for section in ("steps", "dependencies") for rec in data[section]}
    for note in data.get("notes", ()):
        on = [note[c] for c in ("step_id", "dependency_id") if note[c] is not None]
        if len(on) != 1:
            raise BundleError(gettext("In {name}, the note {id}… is not on exactly one step or hand-off; the file is "
                                      "damaged or was edited by hand.").format(name=name, id=str(note["id"])[:8]))
        if on[0] in journey_of and journey_of[on[0]] != note["journey_id"]:
            raise BundleError(gettext("In {name}, the note {id}… names another journey than its step's or hand-off's; "
                                      "the file is damaged or was edited by hand.").format(name=name, id=str(note["id"])[:8]))
