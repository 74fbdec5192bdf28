"""The export's tables, with headers a person understands: shared by CSV, XLSX, HTML and Markdown.

Each table is a :class:`Table` of plain cell values (text, numbers, dates, ``None`` for empty) in
display order. Ids are the last column, so a person reads names first and a machine can still join.
Member email addresses are not exported: a map travels further than the community's contact list.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from itertools import chain
from typing import Any

from servicecommunity.domain import enums
from servicecommunity.exchange.exports.snapshot import (
    Snapshot,
    XBlocker,
    XDependency,
    XStep,
    blockers_by_step,
    notes_on,
)
from servicecommunity.i18n import N_, format_number, get_language, gettext, ngettext

Cell = str | int | float | date | None


@dataclass(frozen=True)
class Column:
    key: str  # the header in English, marked with N_: what code matches on ("Link", "Step ID")
    width: int = 14  # characters, for spreadsheets

    @property
    def header(self) -> str:
        """The header in the export's language."""
        return gettext(self.key)


@dataclass
class Table:
    name: str  # file and sheet name: "steps"
    title: str  # what a person calls it: "Steps"
    columns: list[Column]
    rows: list[tuple[Cell, ...]]

    @property
    def headers(self) -> list[str]:
        """The headers in the export's language."""
        return [c.header for c in self.columns]

    @property
    def keys(self) -> list[str]:
        """The headers in English, for code to find a column by."""
        return [c.key for c in self.columns]


def yes_no(value: bool) -> str:
    return gettext("Yes") if value else gettext("No")


@lru_cache(maxsize=512)
def _label_in(value: str, lang: str) -> str:
    return gettext(enums.label(value))


def _label(value: str | None) -> str:
    """A stored value (severity, channel...) as the export's language reads it."""
    return _label_in(value, get_language()) if value else ""


def _join(items: Iterable[str]) -> str:
    return ", ".join(filter(None, items))


def step_label(snap: Snapshot, step_id: str) -> str:
    step = snap.step_by_id.get(step_id)
    return step.title if step else ""


class _Memo(dict[Any, str]):
    """A function's answers by argument, each worked out once: a table asks for the same
    organisation's label or step's title thousands of times, and a hit is a plain dict lookup."""

    def __init__(self, fn: Callable[[Any], str]) -> None:
        super().__init__()
        self.fn = fn

    def __missing__(self, key: Any) -> str:
        value = self[key] = self.fn(key)
        return value


def steps_table(snap: Snapshot, steps: list[XStep] | None = None) -> Table:
    on_step = blockers_by_step(snap)
    many = len(snap.journeys) > 1
    cols = [Column(N_("Journey"), 24)] if many else []
    cols += [
        Column(N_("Stage"), 22), Column(N_("Order"), 7), Column(N_("Step"), 40), Column(N_("Owner"), 16),
        Column(N_("Supported by"), 20), Column(N_("Channels"), 20), Column(N_("Touchpoint"), 22), Column(N_("Link"), 30),
        Column(N_("Time taken (hours)"), 10), Column(N_("How the user feels (-2 to +2)"), 10), Column(N_("Pain points"), 36),
        Column(N_("Data asked for"), 36), Column(N_("Monthly volume"), 11), Column(N_("Cost per transaction (£)"), 11),
        Column(N_("User satisfaction (%)"), 11), Column(N_("Completion rate (%)"), 11), Column(N_("Digital take-up (%)"), 11),
        Column(N_("Open blockers"), 9), Column(N_("Description"), 48), Column(N_("Step ID"), 38),
    ]
    org = _Memo(snap.org_label)
    data_item = snap.data_items.get
    stage_by_id, journey_by_id = snap.stage_by_id, snap.journey_by_id
    rows = []
    no_owner = gettext("No owner")
    order: Counter[str] = Counter()
    for s in snap.steps if steps is None else steps:
        order[s.journey_id] += 1
        stage = stage_by_id.get(s.stage_id)
        row: tuple[Cell, ...] = (journey_by_id[s.journey_id].name,) if many else ()
        row += (
            stage.name if stage else "", order[s.journey_id], s.title, org[s.owner_id] or no_owner,
            _join(map(org.__getitem__, s.supporter_ids)) if s.supporter_ids else "",
            _join(map(_label, s.channels)) if s.channels else "",
            s.touchpoint, s.touchpoint_url, s.duration_hours, s.emotion, s.pain_points,
            _join(sorted([data_item(i, "") for i in s.data_item_ids])) if s.data_item_ids else "",
            s.monthly_volume, s.cost_per_transaction, s.user_satisfaction, s.completion_rate, s.digital_take_up,
            len(on_step.get(s.id, ())), s.description, s.id,
        )
        rows.append(row)
    return Table("steps", gettext("Steps"), cols, rows)


def dependencies_table(snap: Snapshot, deps: list[XDependency] | None = None, *, title: str | None = None,
                       name: str = "dependencies") -> Table:
    """The dependencies (``title``: the table's name for people; default "Dependencies and hand-offs")."""
    blocked: dict[str, list[str]] = defaultdict(list)
    for b in snap.blockers:
        if b.dependency_ids and b.is_open:
            for dep_id in b.dependency_ids:
                blocked[dep_id].append(b.title)
    cols = [
        Column(N_("From step"), 36), Column(N_("From organisation"), 16), Column(N_("To step"), 36), Column(N_("To organisation"), 16),
        Column(N_("Kind"), 14), Column(N_("Hand-off by"), 12), Column(N_("Crosses organisations"), 11), Column(N_("Agreed"), 8),
        Column(N_("Note"), 36), Column(N_("Blocked by"), 36), Column(N_("Dependency ID"), 38),
    ]
    org = _Memo(snap.org_label)
    step = snap.step_by_id.get
    rows: list[tuple[Cell, ...]] = []
    no_owner, yes, no = gettext("No owner"), gettext("Yes"), gettext("No")
    for d in snap.dependencies if deps is None else deps:
        a, z = step(d.from_step_id), step(d.to_step_id)
        a_org, z_org = (a.owner_id if a else None), (z.owner_id if z else None)
        rows.append((
            a.title if a else "", org[a_org] or no_owner, z.title if z else "",
            org[z_org] or no_owner, _label(d.kind), _label(d.handoff_mode), yes if a_org != z_org else no,
            yes if d.agreed else no, d.note, "; ".join(blocked.get(d.id, ())), d.id,
        ))
    return Table(name, gettext("Dependencies and hand-offs") if title is None else title, cols, rows)


def blockers_table(snap: Snapshot, blockers: list[XBlocker] | None = None) -> Table:
    members = {m.id: m.name for m in snap.members}
    cols = [
        Column(N_("Blocker"), 40), Column(N_("Severity"), 10), Column(N_("Status"), 12), Column(N_("Category"), 14),
        Column(N_("Classification"), 18), Column(N_("Owner (must resolve)"), 16), Column(N_("Caused by"), 20),
        Column(N_("Raised by"), 18), Column(N_("Raised on"), 11), Column(N_("Due on"), 11), Column(N_("Resolved on"), 11),
        Column(N_("Overdue"), 8), Column(N_("Steps affected"), 40), Column(N_("Hand-offs affected"), 40),
        Column(N_("Service Standard points"), 14), Column(N_("Description"), 60), Column(N_("Blocker ID"), 38),
    ]
    org = _Memo(snap.org_label)
    title = _Memo(lambda step_id: step_label(snap, step_id))
    label = _Memo(_label)
    dependency = snap.dependency_by_id.get
    today = snap.today
    no_owner, yes, no = gettext("No owner"), gettext("Yes"), gettext("No")
    rows: list[tuple[Cell, ...]] = []
    for b in snap.blockers if blockers is None else blockers:
        overdue = b.due_on is not None and b.due_on < today and b.is_open
        hand_offs = ""
        if b.dependency_ids:
            hand_offs = "; ".join([
                f"{title[d.from_step_id]} → {title[d.to_step_id]}"
                for d in map(dependency, b.dependency_ids) if d is not None
            ])
        rows.append((
            b.title, label[b.severity], label[b.status], label[b.category], b.classification,
            org[b.owner_id] or no_owner,
            _join(map(org.__getitem__, b.blocking_organisation_ids)) if b.blocking_organisation_ids else "",
            members.get(b.raised_by_id or "", ""), b.raised_on, b.due_on, b.resolved_on, yes if overdue else no,
            "; ".join(map(title.__getitem__, b.step_ids)), hand_offs,
            ", ".join(map(str, b.standard_points)), b.description, b.id,
        ))
    return Table("blockers", gettext("Blockers"), cols, rows)


def organisations_table(snap: Snapshot) -> Table:
    open_blockers = [b for b in snap.blockers if b.is_open]
    owned: Counter[str | None] = Counter([s.owner_id for s in snap.steps])
    supported: Counter[str] = Counter(chain.from_iterable([s.supporter_ids for s in snap.steps]))
    people: Counter[str | None] = Counter([m.organisation_id for m in snap.members])
    resolve: Counter[str | None] = Counter([b.owner_id for b in open_blockers])
    cause: Counter[str] = Counter(chain.from_iterable([b.blocking_organisation_ids for b in open_blockers]))
    cols = [
        Column(N_("Organisation"), 36), Column(N_("Short name"), 14), Column(N_("Kind"), 16), Column(N_("Steps owned"), 9),
        Column(N_("Steps supported"), 9), Column(N_("Members in the community"), 11), Column(N_("Open blockers to resolve"), 11),
        Column(N_("Open blockers it causes"), 11), Column(N_("Organisation ID"), 38),
    ]
    rows: list[tuple[Cell, ...]] = [
        (o.name, o.short_name, _label(o.kind), owned[o.id], supported[o.id], people[o.id], resolve[o.id], cause[o.id], o.id)
        for o in snap.organisations.values()
    ]
    return Table("organisations", gettext("Organisations"), cols, rows)


def members_table(snap: Snapshot) -> Table:
    cols = [Column(N_("Name"), 24), Column(N_("Organisation"), 16), Column(N_("Role"), 12), Column(N_("Sub-groups"), 36), Column(N_("Member ID"), 38)]
    rows: list[tuple[Cell, ...]] = [
        (m.name, snap.org_label(m.organisation_id), _label(m.role),
         _join(sorted(snap.groups.get(g, "") for g in m.group_ids)), m.id)
        for m in snap.members
    ]
    return Table("members", gettext("Members"), cols, rows)


#: how many records of each kind a finding's "About" cell names before it says "and N more"
ABOUT_NAMES = 5


def kind_words(kind: str, title: str = "") -> str:
    """A finding's kind in words: the analysis's own title ("Dependencies the journey hangs on"),
    else the code made readable ("spof.bridge" -> "Spof bridge"), never the dotted code."""
    if title:
        return title
    return " ".join(kind.replace("_", " ").replace(".", " ").split()).capitalize()


def _some(names: list[str], total: int, head: Callable[[int], str]) -> str:
    """``Steps: A; B; and 12 more`` (``names`` are the first few of ``total``; ``head(total)`` is
    the counted heading, with ``{names}``)."""
    names = [n for n in names if n]
    if not names:
        return ""
    more = total - len(names)
    listed = "; ".join(names)
    if more > 0:
        listed = ngettext("{names}; and {n} more", "{names}; and {n} more", more).format(
            names=listed, n=format_number(more))
    return head(total).format(names=listed)


def finding_about(snap: Snapshot, f: Any, blocker_titles: dict[str, str] | None = None) -> str:
    """What a finding is about, in words: its steps, hand-offs, blockers and organisations by name
    (at most :data:`ABOUT_NAMES` of each, then how many more), never by id."""
    if blocker_titles is None:
        blocker_titles = {b.id: b.title for b in snap.blockers}
    step, n = snap.step_by_id.get, ABOUT_NAMES

    def handoff(dep_id: str) -> str:
        dep = snap.dependency_by_id.get(dep_id)
        a, z = (step(dep.from_step_id), step(dep.to_step_id)) if dep is not None else (None, None)
        return f"{a.title} → {z.title}" if a is not None and z is not None else ""

    parts = [
        _some([step_label(snap, i) for i in f.step_ids[:n]], len(f.step_ids),
              lambda k: ngettext("Step: {names}", "Steps: {names}", k)),
        _some([handoff(d) for d in f.dependency_ids[:n]], len(f.dependency_ids),
              lambda k: ngettext("Hand-off: {names}", "Hand-offs: {names}", k)),
        _some([blocker_titles.get(b, "") for b in f.blocker_ids[:n]], len(f.blocker_ids),
              lambda k: ngettext("Blocker: {names}", "Blockers: {names}", k)),
        _some([snap.org_label(o) for o in f.organisation_ids[:n]], len(f.organisation_ids),
              lambda k: ngettext("Organisation: {names}", "Organisations: {names}", k)),
    ]
    return ". ".join(p for p in parts if p)


def findings_table(snap: Snapshot) -> Table:
    cols = [Column(N_("Severity"), 10), Column(N_("Kind"), 28), Column(N_("Finding"), 80), Column(N_("About"), 48)]
    titles = {b.id: b.title for b in snap.blockers}
    rows: list[tuple[Cell, ...]] = [
        (_label(f.severity), kind_words(f.kind, f.kind_title), f.message, finding_about(snap, f, titles))
        for f in snap.findings or ()
    ]
    return Table("findings", gettext("Findings"), cols, rows)


#: Excel's limit on the characters in a cell (UTF-16 code units); CSV readers' default field limit is larger
CELL_LIMIT = 32_767


def _units(text: str) -> int:
    """Excel's length of a text: UTF-16 code units (a character past U+FFFF counts two)."""
    n = len(text)
    return n if text.isascii() else n + sum(1 for c in text if ord(c) > 0xFFFF)


def cut_text(text: str, limit: int = CELL_LIMIT) -> str:
    """Text that fits in one cell: cut, with a note saying how much was left out, when it is too long."""
    if len(text) <= limit // 2 or _units(text) <= limit:
        return text
    note = " [… cut to fit one spreadsheet cell: {:,} more characters in the JSON bundle]"
    room = limit - len(note.format(10**9))
    kept = text[:room]
    while _units(kept) > room:
        kept = kept[:-1]
    return kept + note.format(len(text) - len(kept))


def fit_cells(table: Table) -> int:
    """Cut every text cell of ``table`` to :data:`CELL_LIMIT` (in place); how many were cut."""
    cut = 0
    for r, row in enumerate(table.rows):
        if any(type(v) is str and len(v) > CELL_LIMIT // 2 for v in row):
            new = tuple(cut_text(v) if type(v) is str else v for v in row)
            if new != row:
                cut += sum(1 for a, b in zip(row, new, strict=True) if a is not b)
                table.rows[r] = new
    return cut


def notes_table(snap: Snapshot) -> Table:
    """The notes on steps and hand-offs: each step's thread in journey order, then the hand-offs'."""
    cols = [Column(N_("On"), 40), Column(N_("Written by"), 20), Column(N_("Written"), 12), Column(N_("Note"), 60),
            Column(N_("Step ID"), 38), Column(N_("Dependency ID"), 38), Column(N_("Note ID"), 38)]
    on_step, on_dep = notes_on(snap)
    rows: list[tuple[Cell, ...]] = []
    someone = gettext("someone")
    for s in snap.steps:
        rows += [(s.title, n.author or someone, n.created_at.date(), n.body, s.id, None, n.id) for n in on_step.get(s.id, ())]
    for d in snap.dependencies:
        if d.id in on_dep:
            on = gettext("{source} to {target}").format(source=step_label(snap, d.from_step_id),
                                                          target=step_label(snap, d.to_step_id))
            rows += [(on, n.author or someone, n.created_at.date(), n.body, None, d.id, n.id) for n in on_dep[d.id]]
    return Table("notes", gettext("Notes"), cols, rows)


def all_tables(snap: Snapshot) -> list[Table]:
    """The six tables of a whole export, in the order people read them, and the notes when there are
    any (after the blockers); no cell over :data:`CELL_LIMIT`."""
    tables = [
        steps_table(snap), dependencies_table(snap), blockers_table(snap), organisations_table(snap),
        members_table(snap), findings_table(snap),
    ]
    if snap.notes:
        tables.insert(3, notes_table(snap))
    for t in tables:
        fit_cells(t)
    return tables
