"""graphs.py's names live in snapshot, loading, nxgraphs and stepindex; every old import still works, and
loading a journey or indexing its steps needs no networkx."""

from __future__ import annotations

import subprocess
import sys

import pytest

from servicecommunity.analysis import graphs, loading, nxgraphs, snapshot, stepindex

HOMES = {
    snapshot: ("BlockerInfo", "DependencyInfo", "JourneyData", "OrganisationInfo", "StageInfo", "StepInfo",
               "blocker_direct_steps", "build_journey_data", "is_handoff"),
    loading: ("load_journey",),
    nxgraphs: ("load_graphs", "organisation_graph", "step_graph"),
    stepindex: ("Bridge", "Condensation", "CutVertex", "StepIndex", "cut_points", "strongly_connected_components"),
}


def test_graphs_gives_every_name_from_its_new_home() -> None:
    names = [n for found in HOMES.values() for n in found]
    assert sorted(graphs.__all__) == sorted(names)
    for module, found in HOMES.items():
        for name in found:
            assert getattr(graphs, name) is getattr(module, name), name
    with pytest.raises(AttributeError):
        graphs.no_such_name  # noqa: B018


def test_loading_and_indexing_a_journey_import_no_networkx() -> None:
    probe = (
        "import sys\n"
        "from servicecommunity.analysis.graphs import JourneyData, StepIndex, Condensation, load_journey, cut_points\n"
        "assert 'networkx' not in sys.modules, 'networkx loaded'\n"
        "from servicecommunity.analysis.graphs import step_graph\n"
        "assert 'networkx' in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", probe], check=True)
