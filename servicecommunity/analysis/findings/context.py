"""One run of the analysis: the journey indexed once, the names every message uses, the findings so far."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

from servicecommunity.analysis.report import SENSITIVE, Finding
from servicecommunity.analysis.snapshot import BlockerInfo, JourneyData, StepInfo
from servicecommunity.analysis.stepindex import Condensation, StepIndex
from servicecommunity.analysis.words import blocker_title, capital, quote
from servicecommunity.i18n import get_language, gettext, in_language


class Run:
    """The indexed journey and the findings so far."""

    def __init__(self, data: JourneyData, today: date, include_sensitive: bool = True) -> None:
        self.data = data
        self.today = today
        self.include_sensitive = include_sensitive
        self.index = StepIndex(data)
        self.cond = Condensation(self.index)
        self.steps: list[StepInfo] = self.index.steps
        self.owner: list[str | None] = [s.owner_id for s in self.steps]
        self.stage_name = {s.id: s.name for s in data.stages}
        self.labels = {o.id: o.label for o in data.organisations.values()}
        self.quoted = [quote(s.title) for s in self.steps]
        self.findings: list[Finding] = []
        #: the language of the run's sentences, those written later (when first read) included
        self.lang = get_language()
        self._bits: list[int] | None = None
        self._reached: int | None = None
        self._options: list[tuple[int, list[int], int]] | None = None
        self.entries = [i for i, s in enumerate(self.steps) if s.stage_id == data.entry_stage_id]

    @property
    def bits(self) -> list[int]:
        if self._bits is None:
            self._bits = self.cond.descendant_bits()
        return self._bits

    @property
    def reached(self) -> int:
        """The steps a route of dependencies reaches from the entry steps (a bitset)."""
        if self._reached is None:
            acc = 0
            for c in {self.cond.comp_of[i] for i in self.entries}:
                acc |= self.bits[c]
            self._reached = acc
        return self._reached

    @property
    def options(self) -> list[tuple[int, list[int], int]]:
        """``(step, exclusive regions, their union)`` for each step the user leaves by one of several alternatives.

        A step with an ``alternative`` dependency offers a choice: each alternative target is one
        option, and its other dependencies' targets together are one more. An option's *exclusive
        region* is the set of steps (a bitset) reached from that option and from no other; a user who
        takes one option never meets the steps of another's region. Regions that are empty (the
        options meet again at once) are left out, and a step with fewer than two left offers no choice.
        """
        if self._options is None:
            index, comp_of, bits = self.index, self.cond.comp_of, self.bits
            out: list[tuple[int, list[int], int]] = []
            for i in range(len(index)):
                ks = index.out_deps[i]
                if len(ks) < 2 or not any(index.deps[k].kind == "alternative" for k in ks):
                    continue
                rest = 0
                reach: list[int] = []
                for v, k in zip(index.succ[i], ks, strict=True):
                    if v == i:
                        continue
                    if index.deps[k].kind == "alternative":
                        reach.append(bits[comp_of[v]])
                    else:
                        rest |= bits[comp_of[v]]
                if rest:
                    reach.append(rest)
                if len(reach) < 2:
                    continue
                # A step in two options' reach is in neither region: count how many reach each step.
                once, twice = 0, 0
                for r in reach:
                    twice |= once & r
                    once |= r
                regions = [only for only in (r & ~twice for r in reach) if only]
                if len(regions) >= 2:
                    union = 0
                    for r in regions:
                        union |= r
                    out.append((i, regions, union))
            self._options = out
        return self._options

    def add(self, kind: str, severity: str, message: str | Callable[[], str], subject: str, **ids: Any) -> Finding:
        finding = Finding(kind, severity, message if isinstance(message, str) else self.later(message), subject, **ids)
        self.findings.append(finding)
        return finding

    def later(self, write: Callable[[], str]) -> Callable[[], str]:
        """``write``, to be called when the sentence is first read, in the run's language whatever the reader's."""
        lang = self.lang

        def written() -> str:
            return in_language(lang, write)

        return written

    def title(self, i: int) -> str:
        return self.quoted[i]

    def org(self, org_id: str | None) -> str:
        found = self.labels.get(org_id)  # type: ignore[arg-type]
        return found if found is not None else self.data.org_label(org_id)

    def blocker_title(self, blocker: BlockerInfo, *, start: bool = True) -> str:
        """A blocker's title in quotes; an OFFICIAL-SENSITIVE one marked, or withheld when it must be
        (the words for that with a capital when they ``start`` a sentence or a table's cell)."""
        text = blocker_title(blocker.title, blocker.sensitive, self.include_sensitive)
        return capital(text) if start and blocker.sensitive and not self.include_sensitive else text

    def blocker_name(self, blocker: BlockerInfo) -> str | None:
        """A blocker's title for a finding's figures: marked when OFFICIAL-SENSITIVE, ``None`` when withheld."""
        if not blocker.sensitive:
            return blocker.title
        return f"[{SENSITIVE}] {blocker.title}" if self.include_sensitive else None

    def where(self, i: int) -> str:
        """A step's title with its stage and owner: 'Register for VAT' (Set up tax, HMRC)."""
        step = self.steps[i]
        stage = self.stage_name.get(step.stage_id)
        if stage is None:
            stage = gettext("no stage")
        return gettext("{step} ({stage}, {owner})").format(step=self.title(i), stage=stage, owner=self.org(step.owner_id))

    def step_ids(self, indices: Iterable[int]) -> tuple[str, ...]:
        ids = self.index.ids
        return tuple([ids[i] for i in indices])

    def dep_ids(self, indices: Iterable[int]) -> tuple[str, ...]:
        return tuple(self.index.deps[k].id for k in indices)

    def crosses(self, k: int) -> bool:
        u, v = self.index.edges[k]
        a, b = self.owner[u], self.owner[v]
        return a is not None and b is not None and a != b

    def neighbours_owners(self, i: int) -> tuple[str, ...]:
        """The organisations that own the steps just before and just after step ``i``."""
        near = [self.owner[j] for j in (*self.index.pred[i], *self.index.succ[i])]
        return tuple(sorted({o for o in near if o is not None}, key=self.org))


def bit_positions(mask: int) -> Iterable[int]:
    while mask:
        low = mask & -mask
        yield low.bit_length() - 1
        mask ^= low
