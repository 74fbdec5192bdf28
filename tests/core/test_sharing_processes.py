"""Sharing as members run it: three workspace files, each driven by separate processes.

Every action is its own ``python -m servicecommunity`` run (``demo``, ``export --format json -o``,
``import``, ``conflicts --json``, ``resolve``), and edits are a tiny script run in a process of its
own, as another program on the laptop would. Two members, a ring of three, a hub and a simultaneous
swap, in several orders; once everyone has everything, the workspaces hold the same records and the
same pending conflicts.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.slow  # every action starts a Python process: about a minute on a quiet machine

EDIT = """
import json, sys
from servicecommunity import services
from servicecommunity.store.workspace import open_store
db, section, rid, field, value = sys.argv[1:]
with open_store(db) as store, store.session() as session:
    if field == "-":
        services.delete(session, section, rid)
    else:
        services.update(session, section, rid, data={field: json.loads(value)})
"""

BOOKKEEPING = ("updated_at",)


def cli(*args: str | Path) -> str:
    done = subprocess.run([sys.executable, "-m", "servicecommunity", *map(str, args)],
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    return done.stdout


class Laptop:
    def __init__(self, folder: Path, name: str) -> None:
        self.name, self.db, self.folder = name, folder / f"{name}.sqlite", folder
        self.sent = 0

    def send(self) -> Path:
        self.sent += 1
        out = self.folder / f"{self.name}-{self.sent}.json"
        cli("export", "--db", self.db, "--format", "json", "--include-sensitive", "-o", out)
        return out

    def receive(self, bundle: Path) -> dict[str, Any]:
        return json.loads(cli("import", "--db", self.db, "--json", bundle))  # type: ignore[no-any-return]

    def edit(self, section: str, rid: str, field: str, value: Any) -> None:
        done = subprocess.run([sys.executable, "-c", EDIT, str(self.db), section, rid, field, json.dumps(value)],
                              capture_output=True, text=True, timeout=120, check=False)
        assert done.returncode == 0, done.stderr

    def conflicts(self) -> list[dict[str, Any]]:
        return json.loads(cli("conflicts", "--db", self.db, "--json"))  # type: ignore[no-any-return]

    def state(self) -> str:
        """The records (without bookkeeping times) and the pending conflicts, as the command line shows them."""
        data = json.loads(self.send().read_text(encoding="utf-8"))
        records = {s: [{k: v for k, v in r.items() if k not in BOOKKEEPING} for r in data[s]]
                   for s in data if isinstance(data[s], list) and s != "tombstones"}
        records["tombstones"] = sorted(t["id"] for t in data["tombstones"])
        pending = sorted((c["id"], c["field"], json.dumps(c["shown"]["value"]), json.dumps(c["other"]["value"]))
                         for c in self.conflicts())
        return json.dumps({"records": records, "conflicts": pending}, sort_keys=True)


@pytest.fixture
def laptops(tmp_path: Path) -> list[Laptop]:
    a, b, c = (Laptop(tmp_path, n) for n in "abc")
    cli("demo", "--db", a.db)
    first = a.send()
    b.receive(first)
    c.receive(first)
    return [a, b, c]


def ids(laptop: Laptop, section: str) -> list[str]:
    data = json.loads(laptop.send().read_text(encoding="utf-8"))
    return sorted(r["id"] for r in data[section])


def everyone_has_everything(laptops: list[Laptop]) -> None:
    for _ in range(2):
        for x in laptops:
            sent = x.send()
            for y in laptops:
                if y is not x:
                    y.receive(sent)
    states = {x.state() for x in laptops}
    assert len(states) == 1


def exchange(a: Laptop, b: Laptop, order: str) -> None:
    """Two members swap bundles: ``ab`` (a sends first), ``ba``, or ``swap`` (both send before either receives)."""
    if order == "swap":
        to_b, to_a = a.send(), b.send()
        b.receive(to_b)
        a.receive(to_a)
    else:
        first, second = (a, b) if order == "ab" else (b, a)
        second.receive(first.send())
        first.receive(second.send())


@pytest.mark.parametrize("order", ["ab", "ba", "swap"])
def test_two_members_any_order(laptops: list[Laptop], order: str) -> None:
    a, b, _ = laptops
    step, other = ids(a, "steps")[:2]
    a.edit("steps", step, "title", "A's title")
    b.edit("steps", step, "title", "B's title")  # the same field: a conflict
    b.edit("steps", other, "emotion", 2)  # a different record: no conflict
    exchange(a, b, order)
    for x in (a, b):
        found = x.conflicts()
        assert [(c["id"], c["field"]) for c in found] == [(step, "title")]
        assert {found[0]["shown"]["value"], found[0]["other"]["value"]} == {"A's title", "B's title"}
    assert a.state() == b.state()
    cli("resolve", "--db", b.db, step[:8], "title", "--keep", "mine")
    a.receive(b.send())
    for x in (a, b):
        assert x.conflicts() == []
    assert a.state() == b.state()
    assert "B's title" in a.state()


@pytest.mark.parametrize("start", [0, 1, 2])
def test_a_ring_of_three(laptops: list[Laptop], start: int) -> None:
    steps = ids(laptops[0], "steps")
    for k, x in enumerate(laptops):
        x.edit("steps", steps[k], "pain_points", f"Seen by {x.name}")
        x.edit("steps", steps[5], "emotion", k - 1)  # all three the same field
    for k in range(3):
        x, y = laptops[(start + k) % 3], laptops[(start + k + 1) % 3]
        y.receive(x.send())
    everyone_has_everything(laptops)
    state = laptops[0].state()
    for x in laptops:
        assert f"Seen by {x.name}" in state
    assert [c["field"] for c in laptops[0].conflicts()] == ["emotion"]


def test_a_hub_and_a_deletion(laptops: list[Laptop]) -> None:
    a, b, c = laptops
    steps = ids(a, "steps")
    sent = a.send()
    b.receive(sent)
    c.receive(sent)
    b.edit("steps", steps[3], "title", "B's title")
    c.edit("steps", steps[3], "pain_points", "C's pain point")  # another field of the same step
    a.edit("steps", steps[10], "-", None)  # the hub deletes what nobody else touched
    a.receive(c.send())
    a.receive(b.send())
    assert a.conflicts() == []
    everyone_has_everything(laptops)
    state = a.state()
    assert "B's title" in state and "C's pain point" in state
    assert steps[10] not in ids(b, "steps") and steps[10] not in ids(c, "steps")


NOTE = """
import sys
from servicecommunity.services import notes
from servicecommunity.store.workspace import open_store
db, action, target, body = sys.argv[1:]
with open_store(db) as store, store.session() as session:
    if action == "add":
        print(notes.add_note(session, body=body, step_id=target).value.id)
    else:
        notes.edit_note(session, target, body=body)
"""


def note(laptop: Laptop, action: str, target: str, body: str) -> str:
    done = subprocess.run([sys.executable, "-c", NOTE, str(laptop.db), action, target, body],
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def notes_of(laptop: Laptop) -> dict[str, dict[str, Any]]:
    data = json.loads(laptop.send().read_text(encoding="utf-8"))
    return {r["id"]: r for r in data.get("notes", [])}


@pytest.mark.parametrize("start", [0, 1, 2])
def test_notes_in_a_ring_of_three(laptops: list[Laptop], start: int) -> None:
    """Each member notes the same step in a process of its own; the notes pass round a ring in three orders."""
    steps = ids(laptops[0], "steps")
    made = {x.name: note(x, "add", steps[2], f"{x.name} says the form is unclear") for x in laptops}
    for k in range(3):
        x, y = laptops[(start + k) % 3], laptops[(start + k + 1) % 3]
        y.receive(x.send())
    everyone_has_everything(laptops)
    for x in laptops:
        held = notes_of(x)
        assert {held[i]["body"] for i in made.values()} == {f"{n} says the form is unclear" for n in "abc"}
        assert all(held[i]["step_id"] == steps[2] for i in made.values())
        assert x.conflicts() == []


@pytest.mark.parametrize("order", ["ab", "ba", "swap"])
def test_one_note_edited_on_two_laptops_is_a_conflict(laptops: list[Laptop], order: str) -> None:
    a, b, c = laptops
    step = ids(a, "steps")[4]
    made = note(a, "add", step, "First words")
    sent = a.send()
    b.receive(sent)
    c.receive(sent)
    note(a, "edit", made, "A's words")
    note(b, "edit", made, "B's words")
    exchange(a, b, order)
    for x in (a, b):
        found = x.conflicts()
        assert [(f["id"], f["field"]) for f in found] == [(made, "body")]
        assert {found[0]["shown"]["value"], found[0]["other"]["value"]} == {"A's words", "B's words"}
    everyone_has_everything(laptops)  # c too ends with the same records and the same pending conflict
    assert [f["field"] for f in c.conflicts()] == ["body"]


def test_a_note_on_a_step_deleted_elsewhere(laptops: list[Laptop]) -> None:
    """B notes a step that A deletes meanwhile: the step is not silently lost with B's note."""
    a, b, _ = laptops
    step = ids(a, "steps")[6]
    a.edit("steps", step, "-", None)
    made = note(b, "add", step, "Keep this step: the council needs it")
    b.receive(a.send())
    a.receive(b.send())
    everyone_has_everything(laptops)
    for x in laptops:
        assert made in notes_of(x)
        assert step in ids(x, "steps")  # the note keeps its step, with the deletion pending
