"""Journey graphs: where the snapshot, its loading, the networkx graphs and the step index are found.

The names live in four modules; this one keeps every ``from servicecommunity.analysis.graphs import``
working:

- :mod:`~servicecommunity.analysis.snapshot`: :class:`JourneyData` and its records
  (:class:`StepInfo`, :class:`BlockerInfo`, ...), :func:`build_journey_data`, :func:`is_handoff`,
  :func:`blocker_direct_steps`;
- :mod:`~servicecommunity.analysis.loading`: :func:`load_journey`, one journey in one bulk pass;
- :mod:`~servicecommunity.analysis.nxgraphs`: :func:`step_graph`, :func:`organisation_graph` and
  :func:`load_graphs`, the networkx graphs the panels and exports draw (networkx is imported only
  when one of these is first asked for);
- :mod:`~servicecommunity.analysis.stepindex`: :class:`StepIndex`, :class:`Condensation`,
  :func:`strongly_connected_components` and :func:`cut_points`, what the analysis runs on.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from servicecommunity.analysis.loading import load_journey
from servicecommunity.analysis.snapshot import (
    BlockerInfo,
    DependencyInfo,
    JourneyData,
    OrganisationInfo,
    StageInfo,
    StepInfo,
    blocker_direct_steps,
    build_journey_data,
    is_handoff,
)
from servicecommunity.analysis.stepindex import (
    Bridge,
    Condensation,
    CutVertex,
    StepIndex,
    cut_points,
    strongly_connected_components,
)

if TYPE_CHECKING:
    from servicecommunity.analysis.nxgraphs import load_graphs, organisation_graph, step_graph

__all__ = [
    "BlockerInfo", "Bridge", "Condensation", "CutVertex", "DependencyInfo", "JourneyData", "OrganisationInfo",
    "StageInfo", "StepIndex", "StepInfo", "blocker_direct_steps", "build_journey_data", "cut_points", "is_handoff",
    "load_graphs", "load_journey", "organisation_graph", "step_graph", "strongly_connected_components",
]

#: The names that need networkx, imported when first asked for.
_LAZY = frozenset({"load_graphs", "organisation_graph", "step_graph"})

if not TYPE_CHECKING:  # the type checker sees the imports above instead

    def __getattr__(name: str) -> Any:
        if name not in _LAZY:
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
        value = getattr(importlib.import_module("servicecommunity.analysis.nxgraphs"), name)
        globals()[name] = value
        return value

    def __dir__() -> list[str]:
        return sorted({*globals(), *_LAZY})
