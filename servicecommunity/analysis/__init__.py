"""What a journey map reveals: gaps, cross-organisation hand-offs, single points of failure, blockers.

Pure Python, no Qt: the command line, the desktop app's Insights panel (from a worker thread) and
the exports call it, on a :class:`~servicecommunity.analysis.graphs.JourneyData` snapshot loaded once.

The package: :mod:`.report` (the report, its findings and their JSON, :func:`act_first`),
:mod:`.words` (quotes, counts through :func:`plural`, durations), :mod:`.findings` (one module per
family of findings), :mod:`.scenario` (what-if changes and comparing two reports), :mod:`.run` (the
entry points below), :mod:`.graphs` (the snapshot, its index and the networkx graphs) and
:mod:`.layout` (the map's geometry, for the app and the exports). This module only re-exports the
public names; the ones that need networkx are imported when first used, so that importing
:mod:`.layout` or :mod:`.report` does not load it.

Entry points:

- :func:`analyse` ``(session, journey_id, *, today=None, without_step=None, without_org=None,
  resolve_blocker=None) -> Report``: load the journey and analyse it (or a what-if of it);
- :func:`what_if` ``(session, journey_id, *, ...) -> WhatIf``: today's report, the scenario's, and
  the findings the change adds, removes or alters;
- :func:`analyse_data`, :func:`what_if_data`, :func:`apply_scenario`, :func:`compare` and
  :func:`downstream_steps`: the same on a snapshot, for a worker thread. The snapshot comes from
  :func:`servicecommunity.analysis.graphs.load_journey` (or :func:`~servicecommunity.analysis.graphs.load_graphs`,
  which also builds the networkx step and organisation graphs).

A report's ``timings`` give the seconds each part took (``load`` too when :func:`analyse` loaded
the journey). Ids in a report are the workspace's record ids; ``organisation_labels`` names the
organisations for display.

Every :class:`Finding` has a stable ``kind``, a ``severity`` (low, medium, high, critical), a
``message`` a facilitator can read aloud, the ids of the steps, dependencies, organisations and
blockers involved (so the app can jump to them), a ``subject`` (the id of what it is about, stable
across runs, so a what-if can match findings), ``data`` (the figures behind the message), an
``action`` (what to do next, as a sentence) and ``actor_ids`` (the organisations that should do it).
:func:`act_first` picks about ten findings to act on first, across kinds; :meth:`Report.groups`
gives the kinds with their counts, worst severity and priority (:data:`PRIORITY`). The message of a
blocker-impact or ping-pong finding is written when first read (a big journey has thousands and a
report shows a few). :meth:`Report.to_json` is the compact JSON form (ids written once, referred
to by place: :func:`report_json`), which :func:`findings_from_json` reads back.

Dependency kinds, as the analysis reads them:

``sequence``
    The user does the first step, then the second.
``needs``
    The second step cannot start until the first is done (read as ``sequence`` by the analysis).
``data_handoff``
    As ``sequence``, and data passes from the first step's owner to the second's.
``alternative``
    **Either/or.** An ``alternative`` dependency A → B says B is another way on from A: from A the
    user takes B *or* A's other ways on (the steps A's other dependencies lead to), never both. Each
    alternative target of A is one option and A's other targets together are one more; an option's
    *region* is the steps reached from it and from no other option. The arrow goes from the step
    before the choice into the "or" step (the GOV.UK importer draws it so), never between the two
    alternatives: an arrow from one alternative to the other would say the user does both. So the
    critical path takes the longest option, never the sum; a blocker on one option holds up the
    steps after that option, never its siblings; and tell us once counts the asks one user can meet,
    on one route (asks in two regions of the same choice are never counted together).

The kinds of finding (see :data:`KINDS`), each with what it means, how it is found and what to do:

``ownership.no_owner``
    A step no organisation owns (high). Action: agree an owner, with the owners of the steps around it.
``ownership.nobody_at_table``
    An organisation that owns steps in the journey but has nobody in the community; one finding per
    organisation, naming its steps (high). Action: invite it.
``ownership.isolated_org``
    An organisation in the community that owns no step in the journey (low). Action: check whether
    it has a step of its own.
``assisted_digital.online_only``
    A step offered only online: no phone, paper or face-to-face route (medium), busiest first.
    Action: its owner adds an assisted route.
``structure.unreachable``
    A step no route of dependencies reaches from the journey's entry steps, the steps of its first
    stage (high). Action: draw the dependency that leads to it, or take it out.
``structure.dead_end``
    A step that nothing follows, though it is not in the journey's last stage (high). Action: say
    where the user goes next.
``structure.cycle``
    A rework loop: one finding per strongly connected component of two or more steps (or a step
    that leads back to itself), not one per simple cycle (medium). Action: find why users go round.
``structure.empty_stage``
    A stage with no steps (low).
``handoff.cross_org``
    One summary of the dependencies that cross from one organisation's steps to another's: how many,
    over how many ordered pairs, how many not agreed (medium when some are not agreed, else low). The
    table itself is ``handoffs_by_pair`` (``handoff_count`` in all).
``handoff.unagreed``
    One finding per ordered pair of organisations with hand-offs (dependencies across them) that
    the two have not agreed, naming each (medium). Action: the two agree the hand-offs.
``handoff.ping_pong``
    Real back-and-forth: the user is sent from A to one step of B and straight back to A
    (A → B → A over two dependencies). Bounces that share a dependency (A → B → A → B) are one
    finding. Passing through two or more steps of B and on is a natural flow, not ping-pong (medium).
``handoff.longest_chain``
    The route through the journey with the most hand-offs between organisations, counted as the
    arrows of the chain it prints (a step nobody owns between two organisations still passes the
    user on) (medium from :data:`LONG_CHAIN` hand-offs, else low).
``tell_us_once.repeated_data``
    A data item asked for at two or more steps owned by different organisations on one route (see
    ``alternative``), naming the first step that already collects it (high when three or more
    organisations ask, else medium). Action: the first collector shares it.
``spof.step``
    A step whose removal splits the journey (an articulation point of the step graph taken as
    undirected); severity by how many steps it cuts off. The bridges (dependencies whose removal
    splits it) that touch the step are the same cut, so they are in this finding, not their own.
``spof.bridge``
    A bridge that touches no such step; severity as for steps.
``spof.org``
    An organisation whose removal splits the organisation graph (an articulation point) (high).
``spof.bottleneck_org``
    Up to :data:`BOTTLENECK_TOP` organisations with the highest betweenness on the organisation
    graph, if at least :data:`BOTTLENECK_MIN` (high from 0.3, medium from 0.1). Centrality is
    computed on the small organisation graph only: exact betweenness on a 5,000-step graph takes
    tens of seconds.
``critical_path``
    The longest route by typical time (a step's own time, ``duration_hours``, plus its waiting,
    ``wait_hours``) that starts at an entry step and passes reachable steps only; alternatives are
    either/or, so it takes the longest option. It gives the user's own time and the waiting apart
    where the steps record waiting, says how many steps record one time with waiting included (and,
    when none records waiting, that the figure mixes the two), and names its longest steps. Action:
    the longest waits when waiting is most of it, else the longest steps. Over :data:`LONG_PATH_STEPS` steps it says the route is no one user's journey (medium,
    else low). A loop on the route counts its steps once, and the message says so.
``blocker.impact``
    For each open blocker on the journey: the steps it stops directly (a blocked dependency stops
    the step it leads to), every step downstream of them, the organisations that own those steps,
    and the users a month at the blocked steps (the busiest of them: not the busiest step
    downstream). A reach over half the journey is said as "most of the journey". Ranked, in
    ``Report.blocker_ranking`` and in the findings alike, by steps held up, then severity, then age
    (raised first). A stale blocker says so here. Action: the organisation that owns resolving it.
``blocker.stale``
    An open blocker past its due date, or with no update for more than :data:`STALE_DAYS` days
    (its latest update, else the day it was raised), that stops no step left in the journey (the
    others say they are stale in their impact finding); severity is the blocker's.

OFFICIAL-SENSITIVE blocker titles are marked ``[OFFICIAL-SENSITIVE]`` in messages, or withheld
when :func:`analyse_data` is called with ``include_sensitive=False`` (the command line's default).
"""


from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from servicecommunity.analysis.report import ACT_FIRST as ACT_FIRST
from servicecommunity.analysis.report import ACT_FIRST_PER_KIND as ACT_FIRST_PER_KIND
from servicecommunity.analysis.report import KINDS as KINDS
from servicecommunity.analysis.report import PRIORITY as PRIORITY
from servicecommunity.analysis.report import SENSITIVE as SENSITIVE
from servicecommunity.analysis.report import SEVERITIES as SEVERITIES
from servicecommunity.analysis.report import SEVERITY_RANK as SEVERITY_RANK
from servicecommunity.analysis.report import BlockerImpact as BlockerImpact
from servicecommunity.analysis.report import CriticalPath as CriticalPath
from servicecommunity.analysis.report import Finding as Finding
from servicecommunity.analysis.report import HandoffPair as HandoffPair
from servicecommunity.analysis.report import Report as Report
from servicecommunity.analysis.report import WhatIf as WhatIf
from servicecommunity.analysis.report import act_first as act_first
from servicecommunity.analysis.report import findings_from_json as findings_from_json
from servicecommunity.analysis.report import kind_title as kind_title
from servicecommunity.analysis.report import report_json as report_json
from servicecommunity.analysis.words import duration_text as duration_text
from servicecommunity.analysis.words import plural as plural

if TYPE_CHECKING:
    from servicecommunity.analysis.findings.blockers import STALE_DAYS as STALE_DAYS
    from servicecommunity.analysis.findings.channels import OFFLINE_CHANNELS as OFFLINE_CHANNELS
    from servicecommunity.analysis.findings.critical_path import LONG_PATH_STEPS as LONG_PATH_STEPS
    from servicecommunity.analysis.findings.handoffs import LONG_CHAIN as LONG_CHAIN
    from servicecommunity.analysis.findings.spof import BOTTLENECK_MIN as BOTTLENECK_MIN
    from servicecommunity.analysis.findings.spof import BOTTLENECK_TOP as BOTTLENECK_TOP
    from servicecommunity.analysis.run import analyse as analyse
    from servicecommunity.analysis.run import analyse_data as analyse_data
    from servicecommunity.analysis.run import downstream_steps as downstream_steps
    from servicecommunity.analysis.run import what_if as what_if
    from servicecommunity.analysis.run import what_if_data as what_if_data
    from servicecommunity.analysis.scenario import apply_scenario as apply_scenario
    from servicecommunity.analysis.scenario import compare as compare

#: The names imported when first asked for (their modules load networkx), and where they live.
_LAZY: dict[str, str] = {
    "STALE_DAYS": "findings.blockers",
    "OFFLINE_CHANNELS": "findings.channels",
    "LONG_PATH_STEPS": "findings.critical_path",
    "LONG_CHAIN": "findings.handoffs",
    "BOTTLENECK_MIN": "findings.spof",
    "BOTTLENECK_TOP": "findings.spof",
    "analyse": "run",
    "analyse_data": "run",
    "downstream_steps": "run",
    "what_if": "run",
    "what_if_data": "run",
    "apply_scenario": "scenario",
    "compare": "scenario",
}

if not TYPE_CHECKING:  # the type checker sees the imports above instead

    def __getattr__(name: str) -> Any:
        place = _LAZY.get(name)
        if place is None:
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(f"{__name__}.{place}"), name)
        globals()[name] = value  # once imported, an ordinary attribute
        return value

    def __dir__() -> list[str]:
        return sorted({*globals(), *_LAZY})
