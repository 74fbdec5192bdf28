"""Journeys as wholes: copy one (as it is, or as the to-be of it), put a community's journeys in order.

Renaming is :func:`servicecommunity.services.update` (the journey's ``name``); deleting is
:func:`servicecommunity.services.delete`, whose snapshot :func:`~servicecommunity.services.restore`
puts back. A copy is undone the same way: delete the copy, and restore that snapshot to redo it
with the same ids.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlmodel import Session, col

from servicecommunity.domain.enums import JourneyStatus
from servicecommunity.domain.errors import ConflictError, ValidationError
from servicecommunity.domain.models import Dependency, Journey, Stage, Step, new_id, utcnow
from servicecommunity.i18n import gettext
from servicecommunity.services import (
    Result,
    _snapshot_of,
    _Tracker,
    get,
    insert_records,
    operation,
)
from servicecommunity.store import codec

#: What a copy's name ends with, when none is given.
COPY_SUFFIX = " (copy)"
TO_BE_SUFFIX = " (to-be)"


def _free_name(session: Session, community_id: str, wanted: str) -> str:
    """``wanted``, or ``wanted 2``, ``wanted 3``... the first no journey of the community has."""
    taken = {n.casefold() for n in session.scalars(
        select(col(Journey.name)).where(col(Journey.community_id) == community_id)).all()}
    name, n = wanted, 1
    while name.casefold() in taken:
        n += 1
        name = f"{wanted} {n}"
    return name


@operation
def duplicate_journey(
    session: Session,
    journey_id: str,
    *,
    name: str | None = None,
    as_to_be: bool = False,
    actor_id: str | None = None,
) -> Result[Journey]:
    """Copy a journey with its stages, steps (their supporters and data items) and dependencies.

    Every copied record gets a new id; the copy is written in one transaction. With ``as_to_be`` the
    copy is the journey's to-be: its status is ``to_be`` and it links back to the original
    (``as_is_id``). Blockers stay with the original's steps and workshops with the original: the
    copy is what the journey could become, not a second record of what happens today. A name
    already used in the community gets a number (``(copy) 2``).
    """
    tracker = _Tracker(session, actor_id)
    source: Journey = get(session, "journeys", journey_id)
    wanted = " ".join((name or "").split()) or source.name + (TO_BE_SUFFIX if as_to_be else COPY_SUFFIX)
    if len(wanted) > 500:
        raise ValidationError(gettext("A journey's name can be at most 500 characters."))
    stage_ids = set(session.scalars(select(col(Stage.id)).where(col(Stage.journey_id) == journey_id)).all())
    step_ids = set(session.scalars(select(col(Step.id)).where(col(Step.journey_id) == journey_id)).all())
    dep_ids = set(session.scalars(select(col(Dependency.id)).where(col(Dependency.journey_id) == journey_id)).all())
    records = _snapshot_of(session, {"journeys": {journey_id}, "stages": stage_ids, "steps": step_ids,
                                     "dependencies": dep_ids})
    fresh = {old: new_id() for old in {journey_id} | stage_ids | step_ids | dep_ids}
    stamp = codec.format_datetime(utcnow())

    def renew(rec: dict[str, Any], *refs: str) -> dict[str, Any]:
        out = dict(rec, id=fresh[rec["id"]], created_at=stamp, updated_at=stamp)
        for ref in refs:
            out[ref] = fresh[rec[ref]]
        return out

    journey = dict(records["journeys"][0], id=fresh[journey_id], created_at=stamp, updated_at=stamp,
                   name=_free_name(session, source.community_id, wanted), position=None)
    if as_to_be:
        journey.update(status=JourneyStatus.TO_BE.value, as_is_id=journey_id)
    copy = {
        "journeys": [journey],
        "stages": [renew(r, "journey_id") for r in records.get("stages", [])],
        "steps": [renew(r, "journey_id", "stage_id") for r in records.get("steps", [])],
        "dependencies": [renew(r, "journey_id", "from_step_id", "to_step_id") for r in records.get("dependencies", [])],
    }
    insert_records(session, copy)
    session.expire_all()
    for section, recs in copy.items():
        for rec in recs:
            tracker.touch(section, rec["id"])
    what = "to-be" if as_to_be else "copy"
    tracker.log("create", "journeys", journey["id"], f"{journey['name']} ({what} of {source.name})")
    return Result(get(session, "journeys", journey["id"]), tracker.changes)


@operation
def reorder_journeys(
    session: Session, community_id: str, journey_ids: list[str], *, actor_id: str | None = None,
    base: list[str] | None = None,
) -> Result[list[str]]:
    """Put a community's journeys in the order ``journey_ids`` gives (all of them, each once).

    ``base``: the order the caller showed when the person moved one; if they are in another order
    now (someone else moved, added or removed one since), the change is refused
    (:class:`ConflictError` naming the order they are in; nothing written)."""
    tracker = _Tracker(session, actor_id)
    get(session, "communities", community_id)
    journeys = {j.id: j for j in session.scalars(select(Journey).where(col(Journey.community_id) == community_id))}
    if base is not None:
        current = list(session.scalars(select(col(Journey.id)).where(col(Journey.community_id) == community_id)
                                       .order_by(col(Journey.position).is_(None), col(Journey.position), col(Journey.name))))
        if current != list(base):
            _order_changed(current, list(base), journeys)
    if sorted(journey_ids) != sorted(journeys):
        raise ValidationError(gettext("Give every journey of the community exactly once to reorder them."))
    now = utcnow()
    for index, jid in enumerate(journey_ids):
        journey = journeys[jid]
        if journey.position != index:
            journey.position = index
            journey.updated_at = now
            tracker.touch("journeys", jid)
    tracker.log("reorder", "journeys", None, f"the journeys of community {community_id}")
    return Result(list(journey_ids), tracker.changes)


def _order_changed(now: list[str], base: list[str], journeys: dict[str, Journey]) -> None:
    """Refuse a reorder based on an order someone else has changed since."""
    from servicecommunity.i18n import format_list, gettext
    from servicecommunity.services import labels

    moved = next((jid for jid, was in zip(now, base, strict=False) if jid != was), now[0] if now else "")
    fresh: dict[str, object] = {"name": journeys[moved].name, "updated_at": journeys[moved].updated_at} \
        if moved in journeys else {}
    order = format_list([f"“{journeys[jid].name}”" for jid in now])
    values = gettext("its {field} is now {value}").format(field=labels.label("order"), value=order)
    name = journeys[moved].name if moved in journeys else moved
    raise ConflictError(labels.per_noun(labels.CHANGED_SINCE, "journeys").format(name=name, values=values),
                        section="journeys", record_id=moved, fresh=fresh, fields={"order": now})


__all__ = ["COPY_SUFFIX", "TO_BE_SUFFIX", "duplicate_journey", "reorder_journeys"]
