"""Sharing between laptops, at random: three to five members edit and swap bundles in any order.

A Hypothesis state machine. Each member is a workspace file (a copy of one demo workspace with a
site of its own) and a laptop clock that is hours or days wrong. Members edit through the service
layer (fields of steps, blockers, organisations and stages; new steps; deleted steps and stages;
a blocker's steps and a step's supporting organisations; the same field on two laptops at once;
settling a conflict) and swap bundles: one way, both ways at once (both send before either
receives), through a hub, round a ring, or a bundle sent long ago arriving late.

Beside the workspaces the test keeps its own model of what happened, independent of the merge: every
write (a field's new value, an element put in or taken out of a set, a record made or deleted, as
the member's workspace shows it after each action) and which writes its writer had seen (its own,
and every write in the bundles it had received). From that model alone:

* **no lost edit**: a write nobody who saw it has replaced is shown, or kept as the other value of
  a pending conflict; a record is gone only if whoever deleted it had seen every write to it;
* **conflicts exactly where people disagree**: a field whose unreplaced writes hold two different
  values, or a record deleted by someone who had not seen all of it, is a conflict; nothing else;
* **idempotence**: receiving the same bundle again changes nothing;
* **convergence**: once every member has every other's latest bundle, all workspaces are the same.

Positions are left out of the first two: a merge renumbers steps given the same place on two laptops
(a write of its own, by design). So is an element of a set pointing at a record that is gone.

Sized to run in CI in well under a minute; ``SC_SHARING_EXAMPLES=300`` (and optionally
``SC_SHARING_STEPS``) runs it longer.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, rule

from servicecommunity.domain.errors import ServiceCommunityError
from servicecommunity.domain.models import LINKS, OWNING_REFS
from servicecommunity.exchange import bundle, merge, sync
from servicecommunity.exchange.demo import load_demo
from servicecommunity.exchange.sync import ALIVE
from tests.core.members import Member

EXAMPLES = int(os.environ.get("SC_SHARING_EXAMPLES", "3"))
STEPS = int(os.environ.get("SC_SHARING_STEPS", "15"))

Key = tuple[str, str, str]  # (section, record id, field): a column, ``<set>/<id>`` or ``_alive``
MISSING = object()

# what members change, and the values they choose from (small sets, so two laptops sometimes agree)
EDITS: dict[str, list[tuple[str, list[Any]]]] = {
    "steps": [("title", ["Pay the fee", "Wait for the letter", "Call the helpline", "Send the form"]),
              ("emotion", [-2, -1, 0, 1, 2, None]),
              ("pain_points", ["", "Slow", "The letter gets lost", "Nobody answers"]),
              ("duration_hours", [1.0, 2.5, None]),
              ("owner_id", ["org0", "org1", "org2", None])],
    "blockers": [("title", ["No shared record", "Paper forms", "Two logins"]),
                 ("severity", ["low", "medium", "high", "critical"]),
                 ("status", ["open", "in_progress", "escalated", "resolved"]),
                 ("description", ["", "Seen in the March workshop", "Raised twice"]),
                 ("owner_id", ["org0", "org3", None])],
    "organisations": [("name", ["Revenue", "Benefits Office", "Council"]),
                      ("short_name", ["", "REV", "BEN"]),
                      ("kind", ["department", "agency", "local_authority"])],
    "stages": [("name", ["Find out", "Apply", "Wait", "Get a decision"]),
               ("description", ["", "The long part", "Mostly online"])],
}
OFFSETS = st.sampled_from([timedelta(0), timedelta(hours=-1), timedelta(hours=5), timedelta(days=-1),
                           timedelta(days=2), timedelta(days=-3, hours=4)])


@dataclass(frozen=True)
class Write:
    id: int
    member: int  # -1: the workspace everyone started from
    key: Key
    value: Any
    knew: frozenset[int]  # the writes its writer had seen (beyond the starting ones)


@dataclass
class Snap:
    """What a member sees: every field, element and record, and the pending conflicts."""

    flat: dict[Key, Any]
    present: set[str]
    section: dict[str, str]
    conflicts: set[tuple[str, str]]
    state: str


@dataclass
class Bundle:
    raw: bytes
    known: frozenset[int]
    sender: int


@dataclass
class Model:
    writes: list[Write] = field(default_factory=list)
    by_key: dict[Key, list[Write]] = field(default_factory=lambda: defaultdict(list))
    deletions: dict[str, list[Write]] = field(default_factory=lambda: defaultdict(list))
    # writes of an owning reference (a step's stage_id...) by the record they point at
    owned_by: dict[str, list[Write]] = field(default_factory=lambda: defaultdict(list))
    genesis: int = 0

    def add(self, member: int, key: Key, value: Any, knew: frozenset[int]) -> Write:
        w = Write(len(self.writes), member, key, value, knew)
        self.writes.append(w)
        self.by_key[key].append(w)
        section, _, name = key
        if name == ALIVE and value is False:
            self.deletions[key[1]].append(w)
        if (section, name) in OWNING_REFS and value:
            self.owned_by[value].append(w)
        return w

    def knows(self, known: frozenset[int] | set[int], wid: int) -> bool:
        return wid < self.genesis or wid in known

    def saw(self, later: Write, earlier: Write) -> bool:
        return later.id != earlier.id and (earlier.id < self.genesis <= later.id or earlier.id in later.knew)

    def frontier(self, key: Key, known: frozenset[int] | set[int]) -> list[Write]:
        """The writes of ``key`` known here that nobody known here has replaced (nor deleted their record)."""
        ws = [w for w in self.by_key.get(key, ()) if self.knows(known, w.id)]
        dels = [] if key[2] == ALIVE else [d for d in self.deletions.get(key[1], ()) if self.knows(known, d.id)]
        return [w for w in ws if not any(self.saw(o, w) for o in ws) and not any(self.saw(d, w) for d in dels)]


def snapshot(m: Member) -> Snap:
    with m.session() as session:
        data = bundle.export_bundle(session, include_sensitive=True)
        conflicts = {(c.id, c.field) for c in merge.pending_conflicts(session)}
    flat: dict[Key, Any] = {}
    present: set[str] = set()
    where: dict[str, str] = {}
    for section in bundle.SECTIONS:
        names = sync.content_fields(section)
        for rec in data[section]:
            rid = rec["id"]
            present.add(rid)
            where[rid] = section
            flat[(section, rid, ALIVE)] = True
            for name in names:
                flat[(section, rid, name)] = rec[name]
            for link in LINKS.get(section, ()):
                for child in rec[link.field]:
                    flat[(section, rid, sync.element(link.field, child))] = True
    return Snap(flat, present, where, conflicts, m.state())


def _default(key: Key) -> Any:
    return False if key[2] == ALIVE or "/" in key[2] else MISSING


class Sharing(RuleBasedStateMachine):
    """Members editing and swapping bundles; the model says what each has seen."""

    template: Path | None = None
    folder: Path | None = None

    def __init__(self) -> None:
        super().__init__()
        self.members: list[Member] = []
        self.snaps: list[Snap] = []
        self.known: list[set[int]] = []
        self.sent: list[Bundle] = []
        self.model = Model()
        self.tmp = tempfile.TemporaryDirectory(prefix="sc-sharing-")

    @classmethod
    def demo(cls) -> Path:
        if cls.template is None:
            cls.folder = Path(tempfile.mkdtemp(prefix="sc-sharing-demo-"))
            first = Member(cls.folder / "demo.sqlite")
            load_demo(first.store)
            first.send()  # every record's clock settled
            first.close()
            cls.template = cls.folder / "demo.sqlite"
        return cls.template

    @initialize(offsets=st.lists(OFFSETS, min_size=3, max_size=5))
    def start(self, offsets: list[timedelta]) -> None:
        template = self.demo()
        # ids and sites in a fixed order, so an example runs the same way again (and shrinks)
        counter = iter(range(1, 1 << 30))
        self.real_uuid4 = uuid.uuid4
        uuid.uuid4 = lambda: uuid.UUID(int=(0xABC << 100) | next(counter))  # type: ignore[assignment]
        for i, offset in enumerate(offsets):
            path = Path(self.tmp.name) / f"m{i}.sqlite"
            self.members.append(Member.copy_of(template, path, offset=offset, site=f"{i + 1:016x}"))
            self.known.append(set())
        self.snaps = [snapshot(m) for m in self.members]
        for key, value in sorted(self.snaps[0].flat.items(), key=lambda kv: kv[0]):
            self.model.add(-1, key, value, frozenset())
        self.model.genesis = len(self.model.writes)

    def teardown(self) -> None:
        try:
            if self.members:
                self.everyone_has_everything()
        finally:
            uuid.uuid4 = getattr(self, "real_uuid4", uuid.uuid4)  # type: ignore[method-assign]
            for m in self.members:
                m.close()
            self.tmp.cleanup()

    # --- helpers ------------------------------------------------------------------------------

    def who(self, i: int) -> int:
        return i % len(self.members)

    def pick(self, i: int, section: str, n: int) -> str | None:
        ids = sorted(rid for rid, s in self.snaps[i].section.items() if s == section)
        return ids[n % len(ids)] if ids else None

    def act(self, i: int, action: Any, *, settles: tuple[str, str] | None = None) -> None:
        """A member's own action: the model learns its writes from what the workspace shows after."""
        before = self.snaps[i]
        with contextlib.suppress(ServiceCommunityError):  # refused: then nothing is written (the diff shows none)
            action()
        after = snapshot(self.members[i])
        knew = frozenset(self.known[i])
        written: set[Key] = set()
        gone = before.present - after.present
        for key in before.flat.keys() | after.flat.keys():
            old, new = before.flat.get(key, _default(key)), after.flat.get(key, _default(key))
            if new is MISSING or old == new or (key[1] in gone and key[2] != ALIVE):
                continue  # a deleted record's own sets go with it: its deletion says so
            self.known[i].add(self.model.add(i, key, new, knew).id)
            written.add(key)
        if settles is not None:  # settling a conflict is a write even when the shown value stays
            rid, name = settles
            key = (before.section[rid], rid, name)
            if key not in written and rid in after.present and settles not in after.conflicts:
                self.known[i].add(self.model.add(i, key, after.flat.get(key, _default(key)), knew).id)
        self.snaps[i] = after
        self.check(i)

    def send(self, i: int) -> Bundle:
        sent = Bundle(self.members[i].send(), frozenset(self.known[i]), i)
        self.sent.append(sent)
        return sent

    def receive(self, j: int, sent: Bundle) -> None:
        m = self.members[j]
        m.receive(sent.raw)
        self.known[j] |= sent.known
        self.snaps[j] = snapshot(m)
        again = m.receive(sent.raw)
        after = snapshot(m)
        assert not again.changed and after.state == self.snaps[j].state, "receiving a bundle twice changed the workspace"
        self.check(j)

    # --- the invariants, from the model --------------------------------------------------------

    def check(self, i: int) -> None:
        snap, known, model = self.snaps[i], self.known[i], self.model
        expected: set[tuple[str, str]] = set()
        keys = {w.key for w in model.writes[model.genesis:] if model.knows(known, w.id)}
        for key in sorted(keys):
            section, rid, name = key
            if name == "position" or ("/" in name and name.split("/", 1)[1] not in snap.present):
                continue
            front = model.frontier(key, known)
            here = rid in snap.present
            if name == ALIVE:
                if any(w.value for w in front):
                    assert here, f"member {i}: {section} {rid} vanished, though a write making or keeping it was never replaced"
                elif front and here:
                    self.check_kept(i, section, rid, front)
                if here and any(w.value is False for w in front):
                    expected.add((rid, name))
                continue
            if not front:
                continue
            assert here, (f"member {i}: {section} {rid} is gone, but its {name} = {front[0].value!r} "
                          f"(member {front[0].member}) was written without the deleter seeing it")
            shown = snap.flat.get(key, _default(key))
            kept = self.members[i].kept(rid, name, shown) if len({repr(w.value) for w in front}) > 1 else [shown]
            for w in front:
                assert w.value in kept, (f"member {i}: {section} {rid} {name}: member {w.member}'s {w.value!r} "
                                         f"is lost (shown {shown!r}, kept {kept!r})")
            if len({repr(w.value) for w in front}) > 1:
                expected.add((rid, name))
        actual = {(rid, name) for rid, name in snap.conflicts
                  if name != "position" and not ("/" in name and name.split("/", 1)[1] not in snap.present)}
        assert actual == expected, (f"member {i}: conflicts {sorted(actual - expected)} that nobody disagreed on, "
                                    f"missing {sorted(expected - actual)}")

    def check_kept(self, i: int, section: str, rid: str, deletions: list[Write]) -> None:
        """A record every member deleting it had fully seen is kept only for work made inside it meanwhile."""
        model, known = self.model, self.known[i]
        unseen: list[Any] = [w for key in model.by_key if key[1] == rid and key[2] != ALIVE for w in model.frontier(key, known)]
        unseen += [w for w in model.owned_by.get(rid, ()) if model.knows(known, w.id)
                   and not any(model.saw(d, w) for d in deletions)]
        snap = self.snaps[i]  # or something inside it stays (a step kept for a change made to it)
        unseen += [key for key, value in snap.flat.items()
                   if value == rid and (key[0], key[2]) in OWNING_REFS and key[1] in snap.present]
        assert unseen, f"member {i}: {section} {rid} was deleted by members who had seen all of it, yet it is still here"

    # (a record kept because something inside it stays is checked through that record's own writes)

    def everyone_has_everything(self) -> None:
        """Rounds in which every member receives every other's latest bundle, until nothing changes."""
        n = len(self.members)
        states = [m.state() for m in self.members]
        for _ in range(6):
            before = list(states)
            for j in range(n):
                for i in range(n):
                    if i != j:
                        self.members[j].receive(self.send(i).raw)
                        self.known[j] |= self.known[i]
            states = [m.state() for m in self.members]
            if states == before:
                break
        assert len(set(states)) == 1, "members who have all seen the same writes hold different workspaces"
        for j in range(n):
            self.snaps[j] = snapshot(self.members[j])
            self.check(j)

    # --- edits ----------------------------------------------------------------------------------

    def value_for(self, i: int, value: Any) -> Any:
        if isinstance(value, str) and value.startswith("org") and value[3:].isdigit():
            return self.pick(i, "organisations", int(value[3:]))
        return value

    @rule(who=st.integers(0, 4), section=st.sampled_from(sorted(EDITS)), n=st.integers(0, 99),
          f=st.integers(0, 9), v=st.integers(0, 9))
    def edit_field(self, who: int, section: str, n: int, f: int, v: int) -> None:
        i = self.who(who)
        rid = self.pick(i, section, n)
        if rid is None:
            return
        name, values = EDITS[section][f % len(EDITS[section])]
        value = self.value_for(i, values[v % len(values)])
        self.act(i, lambda: self.members[i].update(section, rid, **{name: value}))

    @rule(a=st.integers(0, 4), b=st.integers(1, 4), section=st.sampled_from(sorted(EDITS)), n=st.integers(0, 99),
          f=st.integers(0, 9), v=st.integers(0, 9))
    def same_field_on_two_laptops(self, a: int, b: int, section: str, n: int, f: int, v: int) -> None:
        i, j = self.who(a), self.who(a + b)
        if i == j:
            return
        both = sorted(rid for rid, s in self.snaps[i].section.items() if s == section and rid in self.snaps[j].present)
        if not both:
            return
        rid = both[n % len(both)]
        name, values = EDITS[section][f % len(EDITS[section])]
        for k, member in ((0, i), (1, j)):
            value = self.value_for(member, values[(v + k) % len(values)])
            self.act(member, lambda m=member, val=value: self.members[m].update(section, rid, **{name: val}))

    @rule(who=st.integers(0, 4), n=st.integers(0, 99))
    def add_step(self, who: int, n: int) -> None:
        i = self.who(who)
        stage = self.pick(i, "stages", n)
        if stage is None:
            return
        journey = self.snaps[i].flat[("stages", stage, "journey_id")]
        title = f"New step {len(self.model.writes)}"
        self.act(i, lambda: self.members[i].create("steps", journey_id=journey, stage_id=stage, title=title))

    @rule(who=st.integers(0, 4), section=st.sampled_from(["steps", "steps", "stages"]), n=st.integers(0, 99))
    def delete(self, who: int, section: str, n: int) -> None:
        i = self.who(who)
        rid = self.pick(i, section, n)
        if rid is not None:
            self.act(i, lambda: self.members[i].delete(section, rid))

    @rule(who=st.integers(0, 4), kind=st.sampled_from(["step_ids", "supporter_ids"]), n=st.integers(0, 99),
          c=st.integers(0, 99))
    def toggle_link(self, who: int, kind: str, n: int, c: int) -> None:
        i = self.who(who)
        section, child_section = ("blockers", "steps") if kind == "step_ids" else ("steps", "organisations")
        rid, child = self.pick(i, section, n), self.pick(i, child_section, c)
        if rid is None or child is None:
            return
        flat = self.snaps[i].flat
        now = sorted(k[2].split("/", 1)[1] for k in flat if k[:2] == (section, rid) and k[2].startswith(kind + "/"))
        new = [x for x in now if x != child] if child in now else [*now, child]
        self.act(i, lambda: self.members[i].update(section, rid, **{kind: new}))

    @rule(who=st.integers(0, 4), n=st.integers(0, 99), choice=st.integers(0, 1))
    def settle(self, who: int, n: int, choice: int) -> None:
        i = self.who(who)
        pending = sorted(self.snaps[i].conflicts)
        if not pending:
            return
        rid, name = pending[n % len(pending)]
        keep = (("keep", "delete") if name == ALIVE else ("mine", "theirs"))[choice]
        self.act(i, lambda: self.members[i].resolve(rid, name, keep=keep), settles=(rid, name))

    # --- exchanges ------------------------------------------------------------------------------

    @rule(a=st.integers(0, 4), b=st.integers(1, 4))
    def one_way(self, a: int, b: int) -> None:
        i, j = self.who(a), self.who(a + b)
        if i != j:
            self.receive(j, self.send(i))

    @rule(a=st.integers(0, 4), b=st.integers(1, 4))
    def both_send_then_both_receive(self, a: int, b: int) -> None:
        i, j = self.who(a), self.who(a + b)
        if i == j:
            return
        to_j, to_i = self.send(i), self.send(j)
        self.receive(j, to_j)
        self.receive(i, to_i)

    @rule(h=st.integers(0, 4))
    def hub(self, h: int) -> None:
        hub = self.who(h)
        sent = self.send(hub)
        others = [j for j in range(len(self.members)) if j != hub]
        for j in others:
            self.receive(j, sent)
        for j in others:
            self.receive(hub, self.send(j))

    @rule(start=st.integers(0, 4))
    def ring(self, start: int) -> None:
        n = len(self.members)
        for k in range(n):
            i = self.who(start + k)
            self.receive(self.who(i + 1), self.send(i))

    @rule(old=st.integers(0, 999), to=st.integers(0, 4))
    def late_bundle(self, old: int, to: int) -> None:
        """A bundle sent long ago arrives now (an email read late)."""
        if not self.sent:
            return
        sent = self.sent[old % len(self.sent)]
        j = self.who(to)
        if j != sent.sender:
            self.receive(j, sent)


Sharing.TestCase.settings = settings(
    max_examples=EXAMPLES, stateful_step_count=STEPS, deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    phases=[Phase.explicit, Phase.reuse, Phase.generate] if os.environ.get("SC_SHARING_NO_SHRINK") else list(Phase),
)
test_sharing_at_random = Sharing.TestCase
