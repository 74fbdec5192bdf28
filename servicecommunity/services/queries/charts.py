"""Read models of the charts: open blockers by owner and severity, blockers over time, step measures,
and the hand-offs between organisations.

Each function takes a session (see :mod:`servicecommunity.store.reading`) and returns a frozen value
of plain numbers and text, ready to draw.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlmodel import Session, col

from servicecommunity.analysis.layout import load_map
from servicecommunity.domain.enums import OPEN_STATUSES, Severity
from servicecommunity.domain.models import Blocker, Organisation, Stage, Step
from servicecommunity.i18n import N_, gettext

NO_OWNER = N_("No owner")
OTHERS = "__others__"

MEASURES: tuple[tuple[str, str, str], ...] = (
    # (field, title, unit)
    ("monthly_volume", "Monthly volume", "transactions"),
    ("cost_per_transaction", "Cost per transaction", "£"),
    ("user_satisfaction", "User satisfaction", "%"),
    ("completion_rate", "Completion rate", "%"),
    ("digital_take_up", "Digital take-up", "%"),
)


@dataclass(frozen=True)
class SeverityBars:
    """Open blockers per owning organisation (most first) and severity."""

    labels: list[str] = field(default_factory=list)
    organisation_ids: list[str | None] = field(default_factory=list)
    counts: dict[str, list[int]] = field(default_factory=lambda: {s.value: [] for s in Severity})  # one count per organisation

    def totals(self) -> list[int]:
        return [sum(self.counts[s.value][i] for s in Severity) for i in range(len(self.labels))]


def severity_bars(session: Session, community_id: str | None, *, limit: int = 20) -> SeverityBars:
    """Open blockers by owner and severity; beyond ``limit`` organisations the rest are "Others"."""
    out = SeverityBars()
    if community_id is None:
        return out
    orgs = {o.id: o.short_name or o.name for o in session.scalars(
        select(Organisation).where(col(Organisation.community_id) == community_id))}
    table: dict[str | None, Counter[str]] = defaultdict(Counter)
    for owner_id, severity in session.execute(select(col(Blocker.owner_id), col(Blocker.severity)).where(
            col(Blocker.community_id) == community_id, col(Blocker.status).in_(OPEN_STATUSES))).all():
        table[owner_id if owner_id in orgs else None][severity] += 1
    ranked = sorted(table, key=lambda k: (-sum(table[k].values()), orgs.get(k, NO_OWNER) if k else "~"))
    if len(ranked) > limit:
        rest = ranked[limit - 1:]
        ranked = ranked[: limit - 1]
        others: Counter[str] = Counter()
        for key in rest:
            others.update(table[key])
        table[OTHERS] = others
        ranked.append(OTHERS)
    for key in ranked:
        out.labels.append(gettext("Others ({n})").format(n=len(table) - limit) if key == OTHERS
                          else (orgs[key] if key else gettext(NO_OWNER)))
        out.organisation_ids.append(key if key not in (None, OTHERS) else None)
        for s in Severity:
            out.counts[s.value].append(table[key][s.value])
    return out


@dataclass(frozen=True)
class Trend:
    """Per month: blockers raised, blockers resolved (or closed), and open at the month's end."""

    months: list[date] = field(default_factory=list)
    raised: list[int] = field(default_factory=list)
    resolved: list[int] = field(default_factory=list)
    open_at_end: list[int] = field(default_factory=list)


def _month(day: date) -> date:
    return day.replace(day=1)


def _next_month(day: date) -> date:
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)


#: Beyond three years the bars are unreadable: a trend keeps the most recent 36 months.
TREND_MONTHS = 36


def trend(session: Session, community_id: str | None, *, today: date | None = None) -> Trend:
    """Month by month from the first blocker raised (or resolved) to this month, the last 36 at most."""
    if community_id is None:
        return Trend()
    rows = session.execute(select(col(Blocker.raised_on), col(Blocker.created_at), col(Blocker.resolved_on),
                                  col(Blocker.status)).where(col(Blocker.community_id) == community_id)).all()
    if not rows:
        return Trend()
    raised: Counter[date] = Counter()
    resolved: Counter[date] = Counter()
    for raised_on, created_at, resolved_on, status in rows:
        start = raised_on or created_at.date()
        raised[_month(start)] += 1
        if status not in OPEN_STATUSES:
            resolved[_month(resolved_on or start)] += 1
    first = min([*raised, *resolved])
    last = max([*raised, *resolved, _month(today or date.today())])
    month = first
    months = []
    while month <= last:
        months.append(month)
        month = _next_month(month)
    open_at_end = []
    open_now = 0
    for month in months:
        open_now += raised[month] - resolved[month]
        open_at_end.append(open_now)
    keep = slice(-TREND_MONTHS, None)
    return Trend(months[keep], [raised[m] for m in months][keep], [resolved[m] for m in months][keep], open_at_end[keep])


@dataclass(frozen=True)
class StepMeasures:
    """The journey's steps in order with their measures (None where nobody has measured)."""

    step_ids: list[str] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)
    stages: list[tuple[str, int, int]] = field(default_factory=list)  # (name, first index, last index)
    values: dict[str, list[float | None]] = field(default_factory=lambda: {m[0]: [] for m in MEASURES})


def step_measures(session: Session, journey_id: str | None) -> StepMeasures:
    """The journey's steps in map order (stage, then step) with each of :data:`MEASURES`."""
    out = StepMeasures()
    if not journey_id:
        return out
    rows = session.execute(
        select(Step, col(Stage.name)).join(Stage, col(Step.stage_id) == col(Stage.id))
        .where(col(Step.journey_id) == journey_id)
        .order_by(col(Stage.position), col(Step.position))
    ).all()
    for step, stage in rows:
        index = len(out.step_ids)
        out.step_ids.append(step.id)
        out.titles.append(step.title)
        if out.stages and out.stages[-1][0] == stage:
            out.stages[-1] = (stage, out.stages[-1][1], index)
        else:
            out.stages.append((stage, index, index))
        for name, _title, _unit in MEASURES:
            value = getattr(step, name)
            out.values[name].append(None if value is None else float(value))
    return out


@dataclass(frozen=True)
class HandoffMatrix:
    """Cross-organisation dependencies in the journey: ``counts[i][j]`` from organisation i to j."""

    labels: list[str] = field(default_factory=list)
    organisation_ids: list[str | None] = field(default_factory=list)
    counts: list[list[int]] = field(default_factory=list)
    blocked: list[list[int]] = field(default_factory=list)
    unagreed: list[list[int]] = field(default_factory=list)
    others: bool = False  # the last row and column gather the quietest organisations

    def total(self) -> int:
        return sum(map(sum, self.counts))


def handoff_matrix(session: Session, journey_id: str | None, *, limit: int = 18) -> HandoffMatrix:
    """Cross-organisation dependencies by pair; beyond ``limit`` organisations the quietest are "Others"."""
    if not journey_id:
        return HandoffMatrix()
    data = load_map(session, journey_id)
    owner = {s.id: s.owner_id for s in data.steps}
    pairs = [(owner.get(d.from_step_id), owner.get(d.to_step_id), d) for d in data.dependencies if d.crosses_org]
    # Every organisation that owns a step is a row and a column, so a quiet one shows as empty.
    involved = {o for a, b, _ in pairs for o in (a, b)} | {s.owner_id for s in data.steps}
    if len(involved) > limit:
        traffic: Counter[str | None] = Counter()
        for a, b, _dep in pairs:
            traffic[a] += 1
            traffic[b] += 1
        busiest = sorted(involved, key=lambda k: (-traffic[k], str(k)))[: limit - 1]
        kept = set(busiest)
        pairs = [(a if a in kept else OTHERS, b if b in kept else OTHERS, d) for a, b, d in pairs]
        involved = kept | {OTHERS}

    def sort_key(k: str | None) -> tuple[int, str]:
        if k == OTHERS:
            return (2, "")
        if k is None:
            return (1, "")
        return (0, data.organisations[k].label.casefold() if k in data.organisations else "")

    keys = sorted(involved, key=sort_key)
    index = {k: i for i, k in enumerate(keys)}
    n = len(keys)
    out = HandoffMatrix(
        labels=[gettext("Others") if k == OTHERS else (data.organisations[k].label if k in data.organisations else gettext(NO_OWNER))
                for k in keys],
        organisation_ids=[None if k == OTHERS else k for k in keys],
        counts=[[0] * n for _ in range(n)],
        blocked=[[0] * n for _ in range(n)],
        unagreed=[[0] * n for _ in range(n)],
        others=OTHERS in index,
    )
    for a, b, dep in pairs:
        i, j = index[a], index[b]
        out.counts[i][j] += 1
        out.blocked[i][j] += int(dep.blocked)
        out.unagreed[i][j] += int(not dep.agreed)
    return out
