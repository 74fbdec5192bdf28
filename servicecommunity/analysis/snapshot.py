"""A journey's snapshot: the plain records the analysis reads, loaded once.

:class:`JourneyData` holds everything the analysis needs about one journey as immutable values
(named tuples in frozen mappings) that a worker thread can hold without a session.
:func:`servicecommunity.analysis.loading.load_journey` reads one from the workspace;
:func:`build_journey_data` makes one from parts (the tests' hand-made journeys, a what-if).

A blocker's *direct steps* are the steps it names and the target step of each dependency it names:
a blocked hand-off stops the user reaching the step it leads to.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from operator import itemgetter
from typing import NamedTuple

from servicecommunity.i18n import gettext

# The records of a snapshot are named tuples: immutable, and several times cheaper to create than
# frozen dataclasses, which counts when a journey has tens of thousands of them.


class StageInfo(NamedTuple):
    id: str
    name: str
    position: int


class StepInfo(NamedTuple):
    id: str
    title: str
    stage_id: str
    order: int  # place in the journey (stage order, then position in the stage); gaps are allowed
    owner_id: str | None = None
    channels: tuple[str, ...] = ()
    duration_hours: float | None = None
    monthly_volume: int | None = None
    supporter_ids: tuple[str, ...] = ()
    data_item_ids: tuple[str, ...] = ()
    wait_hours: float | None = None  # None: not recorded (duration_hours then includes any waiting)


class DependencyInfo(NamedTuple):
    id: str
    from_step_id: str
    to_step_id: str
    kind: str = "sequence"
    handoff_mode: str | None = None
    agreed: bool = True


class OrganisationInfo(NamedTuple):
    id: str
    name: str
    short_name: str = ""
    members: int = 0  # people from it in the community

    @property
    def label(self) -> str:
        return self.short_name or self.name


class BlockerInfo(NamedTuple):
    """An open blocker that touches the journey (its links trimmed to the journey)."""

    id: str
    title: str
    severity: str = "medium"
    status: str = "open"
    owner_id: str | None = None  # the organisation that must resolve it
    raised_on: date | None = None
    due_on: date | None = None
    last_activity: date | None = None  # its latest update, else raised, else created
    step_ids: tuple[str, ...] = ()
    dependency_ids: tuple[str, ...] = ()
    blocking_organisation_ids: tuple[str, ...] = ()  # the organisations that cause it
    sensitive: bool = False  # classified OFFICIAL-SENSITIVE: its title is withheld or marked in reports


@dataclass(frozen=True)
class JourneyData:
    """Everything the analysis reads about one journey, loaded once.

    ``steps`` is in journey order. ``entry_stage_id`` and ``last_stage_id`` are the first and last
    stages that hold steps in the journey as stored; a what-if scenario keeps them, so that removing
    the only first step shows a journey nobody can start rather than one that starts later.
    """

    journey_id: str
    journey_name: str
    community_id: str
    stages: tuple[StageInfo, ...]
    steps: Mapping[str, StepInfo]
    dependencies: tuple[DependencyInfo, ...]
    organisations: Mapping[str, OrganisationInfo]
    data_items: Mapping[str, str] = field(default_factory=dict)  # id -> name
    blockers: tuple[BlockerInfo, ...] = ()
    entry_stage_id: str | None = None
    last_stage_id: str | None = None
    scenario: tuple[str, ...] = ()  # what a what-if changed, in words

    @cached_property
    def dependency_map(self) -> dict[str, DependencyInfo]:
        return {d.id: d for d in self.dependencies}

    @cached_property
    def blocker_steps(self) -> dict[str, tuple[str, ...]]:
        """Each blocker's direct steps: the ones it names, then the targets of the dependencies it names."""
        deps = self.dependency_map
        out = {}
        for b in self.blockers:
            direct = [s for s in b.step_ids if s in self.steps]
            for dep_id in b.dependency_ids:
                dep = deps.get(dep_id)
                if dep is not None and dep.to_step_id not in direct:
                    direct.append(dep.to_step_id)
            out[b.id] = tuple(direct)
        return out

    def org_label(self, org_id: str | None) -> str:
        if org_id is None:
            return gettext("no owner")
        org = self.organisations.get(org_id)
        return org.label if org else gettext("an organisation no longer in the community")


def build_journey_data(
    *,
    journey_id: str,
    journey_name: str,
    community_id: str,
    stages: Iterable[StageInfo],
    steps: Iterable[StepInfo],
    dependencies: Iterable[DependencyInfo],
    organisations: Iterable[OrganisationInfo],
    data_items: Mapping[str, str] | None = None,
    blockers: Iterable[BlockerInfo] = (),
) -> JourneyData:
    """A snapshot from parts, in canonical order (what :func:`load_journey` and the tests use).

    Steps are put in journey order by stage position then ``order``; dependencies by the order of
    their steps; entry and last stages are worked out from the steps.
    """
    stage_list = sorted(stages, key=lambda s: (s.position, s.name, s.id))
    stage_rank = {s.id: i for i, s in enumerate(stage_list)}
    step_list = sorted(steps, key=lambda s: (stage_rank.get(s.stage_id, len(stage_rank)), s.order, s.title, s.id))
    step_map = {s.id: s for s in step_list}
    place = {s.id: i for i, s in enumerate(step_list)}
    # One integer for the two steps' places: cheaper to build and compare than a pair (15,000 dependencies).
    n = len(place)
    keyed = [
        (pf * n + pt, d.kind, d.id, d)
        for d in dependencies
        if (pf := place.get(d.from_step_id)) is not None and (pt := place.get(d.to_step_id)) is not None
    ]
    keyed.sort()  # a dependency's id is unique, so the records themselves are never compared
    used = [stage_rank[s.stage_id] for s in step_list if s.stage_id in stage_rank]
    entry = stage_list[min(used)].id if used else None
    last = stage_list[max(used)].id if used else None
    return JourneyData(
        journey_id=journey_id,
        journey_name=journey_name,
        community_id=community_id,
        stages=tuple(stage_list),
        steps=step_map,
        dependencies=tuple(k[3] for k in keyed),
        organisations={o.id: o for o in sorted(organisations, key=lambda o: (o.label.casefold(), o.id))},
        data_items=dict(data_items or {}),
        blockers=tuple(sorted(blockers, key=itemgetter(0))),  # by id
        entry_stage_id=entry,
        last_stage_id=last,
    )


def is_handoff(dep: DependencyInfo) -> bool:
    """A hand-off of data or work (rather than a plain order of steps)."""
    return dep.kind == "data_handoff" or dep.handoff_mode is not None


def blocker_direct_steps(data: JourneyData, blocker: BlockerInfo) -> tuple[str, ...]:
    """The steps a blocker stops directly: the ones it names and the targets of the dependencies it names."""
    return data.blocker_steps.get(blocker.id, ())
