"""As-is against to-be: what changed between two journeys (typically a journey and its to-be copy).

:func:`compare_journeys` is pure: it takes two loaded snapshots
(:func:`servicecommunity.analysis.graphs.load_journey`) and returns a :class:`Comparison` of plain
values; :func:`load_comparison` loads both first. :func:`partner` finds a journey's as-is or to-be.

How the two maps are read:

- **Steps** are matched by title (case and spacing ignored); when several steps share a title,
  the first in journey order (stage, then place in the stage) matches the first, and so on. A step
  of the to-be with no match is *added*; one of the as-is with no match is *removed*; a matched
  step whose owner differs has *moved* to another owner (its lane). A copy made with "copy as
  to-be" keeps every title, so only what the person changed shows.
- **Hand-offs**: dependencies that pass data or work (a ``data_handoff``, or one with a hand-off
  mode), as :func:`~servicecommunity.analysis.graphs.is_handoff` says. **Cross-organisation
  hand-offs**: dependencies from a step of one organisation to a step of another, the analysis's
  ``handoff_count``.
- **Data asked again**: the analysis's tell-us-once findings: each data item asked for by more than
  one organisation on one route, and how many asks repeat one already made.
- **End-to-end time**: the analysis's critical path (the longest route by typical time, waiting
  included), in hours; ``None`` when no step on it records a time.
- **Open blockers on removed steps**: the as-is's open blockers that stop a removed step directly
  (they name it, or a dependency leading to it): work that may no longer be needed, or a reason
  the step cannot go yet.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict, dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from servicecommunity.analysis.graphs import (
    JourneyData,
    blocker_direct_steps,
    is_handoff,
    load_journey,
)
from servicecommunity.i18n import format_list, format_number, gettext

if TYPE_CHECKING:
    from sqlmodel import Session


@dataclass(frozen=True)
class StepChange:
    """A step added or removed: its id, title and owner's label."""

    step_id: str
    title: str
    owner: str


@dataclass(frozen=True)
class StepMove:
    """A step in both journeys whose owner changed."""

    before_id: str
    after_id: str
    title: str
    before_owner: str
    after_owner: str


@dataclass(frozen=True)
class RemovedStepBlocker:
    """An open blocker of the as-is that stops one or more of the removed steps."""

    blocker_id: str
    title: str
    severity: str
    step_titles: tuple[str, ...]


@dataclass(frozen=True)
class Side:
    """The figures of one journey."""

    journey_id: str
    name: str
    steps: int
    handoffs: int
    cross_org_handoffs: int
    data_asked_again: tuple[str, ...]  # the data items asked for by more than one organisation
    repeated_asks: int  # asks beyond the first, over those items
    end_to_end_hours: float | None


@dataclass(frozen=True)
class Comparison:
    before: Side
    after: Side
    added: tuple[StepChange, ...]
    removed: tuple[StepChange, ...]
    moved: tuple[StepMove, ...]
    kept: int  # steps matched in both (moved ones included)
    blockers_on_removed: tuple[RemovedStepBlocker, ...]

    @property
    def unchanged(self) -> bool:
        return not (self.added or self.removed or self.moved)

    def to_json(self) -> dict[str, Any]:
        """Plain JSON values: the two sides, and the changes, each a list of objects."""
        out = asdict(self)
        for side in ("before", "after"):
            out[side]["data_asked_again"] = list(out[side]["data_asked_again"])
        for blocker in out["blockers_on_removed"]:
            blocker["step_titles"] = list(blocker["step_titles"])
        return out


def title_key(title: str) -> str:
    """A step's title as steps are matched: case and spacing ignored."""
    return " ".join(title.split()).casefold()


def _side(data: JourneyData, today: date | None) -> Side:
    from servicecommunity.analysis.run import analyse_data

    report = analyse_data(data, today=today)
    repeats = [f for f in report.findings if f.kind == "tell_us_once.repeated_data"]
    path = report.critical_path
    hours = path.total_hours if path is not None and path.missing_durations < len(path.step_ids) else None
    return Side(
        journey_id=data.journey_id,
        name=data.journey_name,
        steps=len(data.steps),
        handoffs=sum(1 for d in data.dependencies if is_handoff(d)),
        cross_org_handoffs=report.handoff_count,
        data_asked_again=tuple(str(f.data.get("data_item", "")) for f in repeats),
        repeated_asks=sum(len(f.step_ids) - 1 for f in repeats),
        end_to_end_hours=hours,
    )


def compare_journeys(
    before: JourneyData, after: JourneyData, *, today: date | None = None, include_sensitive: bool = True
) -> Comparison:
    """What changed from ``before`` (the as-is) to ``after`` (the to-be); see the module's notes.

    ``include_sensitive=False`` withholds the titles of OFFICIAL-SENSITIVE blockers, as the analysis does.
    """
    from servicecommunity.analysis.words import blocker_title

    waiting: dict[str, list[str]] = defaultdict(list)  # title -> the as-is's unmatched step ids, in order
    for step in before.steps.values():
        waiting[title_key(step.title)].append(step.id)
    for queue in waiting.values():
        queue.reverse()  # pop() takes the first in journey order
    added: list[StepChange] = []
    moved: list[StepMove] = []
    kept = 0
    for step in after.steps.values():
        match = waiting.get(title_key(step.title))
        if not match:
            added.append(StepChange(step.id, step.title, after.org_label(step.owner_id)))
            continue
        old = before.steps[match.pop()]
        kept += 1
        if old.owner_id != step.owner_id:
            moved.append(StepMove(old.id, step.id, step.title, before.org_label(old.owner_id),
                                  after.org_label(step.owner_id)))
    unmatched = {sid for queue in waiting.values() for sid in queue}
    removed = [StepChange(s.id, s.title, before.org_label(s.owner_id)) for s in before.steps.values() if s.id in unmatched]
    blockers = []
    for blocker in before.blockers:
        hit = [before.steps[sid].title for sid in blocker_direct_steps(before, blocker) if sid in unmatched]
        if hit:
            title = blocker_title(blocker.title, blocker.sensitive, include_sensitive)
            blockers.append(RemovedStepBlocker(blocker.id, title, blocker.severity, tuple(hit)))
    return Comparison(
        before=_side(before, today),
        after=_side(after, today),
        added=tuple(added),
        removed=tuple(removed),
        moved=tuple(moved),
        kept=kept,
        blockers_on_removed=tuple(blockers),
    )


def load_comparison(
    session: Session, before_id: str, after_id: str, *, today: date | None = None, include_sensitive: bool = True
) -> Comparison:
    """Load both journeys and compare them."""
    return compare_journeys(load_journey(session, before_id), load_journey(session, after_id), today=today,
                            include_sensitive=include_sensitive)


def partner(session: Session, journey_id: str) -> tuple[str, str] | None:
    """``(as-is id, to-be id)`` for a journey that has a partner: its own as-is when it links to one
    that exists, else the newest journey that links to it as its as-is; ``None`` without one."""
    from sqlalchemy import select

    from servicecommunity.domain.models import Journey

    j = Journey.__table__.c  # type: ignore[attr-defined]
    conn = session.connection()
    as_is = conn.execute(select(j.as_is_id).where(j.id == journey_id)).scalar()
    if as_is and conn.execute(select(j.id).where(j.id == as_is)).scalar() is not None:
        return str(as_is), journey_id
    to_be = conn.execute(
        select(j.id).where(j.as_is_id == journey_id).order_by(j.created_at.desc(), j.id)).scalars().first()
    return (journey_id, str(to_be)) if to_be else None


def hours_text(hours: float | None) -> str:
    """An end-to-end time in words (the analysis's durations), or "not known"."""
    from servicecommunity.analysis.words import duration_text

    return gettext("not known") if hours is None else duration_text(hours)


def _show(value: float | None, time: bool) -> str:
    if time:
        return hours_text(value)
    return gettext("not known") if value is None else format_number(round(value))


def difference_text(before: float | None, after: float | None, *, time: bool = False) -> str:
    """How much a figure changed, in words: "2 fewer", "1 day shorter", "no change"; "" when not known."""
    if before is not None and before == after:
        return gettext("no change")
    if before is None or after is None:
        return ""
    if time:
        gap = hours_text(abs(before - after))
        return (gettext("{time} shorter") if after < before else gettext("{time} longer")).format(time=gap)
    gap = format_number(round(abs(before - after)))
    return (gettext("{n} fewer") if after < before else gettext("{n} more")).format(n=gap)


def change_text(before: float | None, after: float | None, *, time: bool = False) -> str:
    """How a figure changed, in words: "5 → 3 (2 fewer)", "2 days → 1 day"."""
    difference = difference_text(before, after, time=time)
    if not difference:
        return gettext("{before} → {after}").format(before=_show(before, time), after=_show(after, time))
    return gettext("{before} → {after} ({difference})").format(
        before=_show(before, time), after=_show(after, time), difference=difference)


def summary_lines(c: Comparison) -> list[str]:
    """The comparison as plain sentences, one a line (the command line's text)."""
    from servicecommunity.analysis.findings.blockers import severity_word

    b, a = c.before, c.after
    num = format_number
    out = [gettext("As-is: {name}").format(name=b.name), gettext("To-be: {name}").format(name=a.name), ""]
    out.append(gettext("Steps: {change}; {kept} in both, {added} added, {removed} removed, {moved} moved to another "
                       "owner.").format(change=change_text(b.steps, a.steps), kept=num(c.kept), added=num(len(c.added)),
                                        removed=num(len(c.removed)), moved=num(len(c.moved))))
    out.append(gettext("Hand-offs: {change}.").format(change=change_text(b.handoffs, a.handoffs)))
    out.append(gettext("Cross-organisation hand-offs: {change}.").format(
        change=change_text(b.cross_org_handoffs, a.cross_org_handoffs)))
    out.append(gettext("Data items asked again: {change}; asks repeating one made before: {repeats}.").format(
        change=change_text(len(b.data_asked_again), len(a.data_asked_again)),
        repeats=change_text(b.repeated_asks, a.repeated_asks)))
    out.append(gettext("End-to-end time: {change}.").format(
        change=change_text(b.end_to_end_hours, a.end_to_end_hours, time=True)))
    owned = gettext("{step} ({owner})")
    moved = gettext("{step}: {before} → {after}")
    on_steps = gettext("{blocker} ({severity}): {steps}")
    for heading, rows in (
        (gettext("Added:"), [owned.format(step=s.title, owner=s.owner) for s in c.added]),
        (gettext("Removed:"), [owned.format(step=s.title, owner=s.owner) for s in c.removed]),
        (gettext("Moved to another owner:"),
         [moved.format(step=m.title, before=m.before_owner, after=m.after_owner) for m in c.moved]),
        (gettext("No longer asked again:"), [d for d in b.data_asked_again if d not in a.data_asked_again]),
        (gettext("Newly asked again:"), [d for d in a.data_asked_again if d not in b.data_asked_again]),
        (gettext("Still asked again:"), [d for d in a.data_asked_again if d in b.data_asked_again]),
        (gettext("Open blockers on removed steps:"),
         [on_steps.format(blocker=x.title, severity=severity_word(x.severity), steps=format_list(x.step_titles))
          for x in c.blockers_on_removed]),
    ):
        if rows:
            out += ["", heading, *(f"  - {r}" for r in rows)]
    if c.unchanged:
        out += ["", gettext("The two journeys have the same steps with the same owners.")]
    return out


__all__ = [
    "Comparison",
    "RemovedStepBlocker",
    "Side",
    "StepChange",
    "StepMove",
    "change_text",
    "compare_journeys",
    "difference_text",
    "hours_text",
    "load_comparison",
    "partner",
    "summary_lines",
    "title_key",
]
