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


def test_the_loader_reads_channels_and_days_as_sqlite_and_other_drivers_give_them() -> None:
    from datetime import UTC, date, datetime

    channels = loading._Channels()
    assert channels.of('["online", "phone"]') == ("online", "phone")  # SQLite: JSON text
    assert channels.of(["online", "phone"]) == ("online", "phone")  # a driver that parses JSON
    assert channels.of(None) == () and channels.of("[]") == ()
    assert channels.of('["online", "phone"]') is channels.of('["online", "phone"]')  # parsed once
    days = loading._Days()
    assert days[None] is None
    assert days["2026-03-01"] == date(2026, 3, 1)
    assert days["2026-03-01 23:59:59.000000"] == date(2026, 3, 1)
    assert days[date(2026, 3, 1)] == date(2026, 3, 1)
    assert days[datetime(2026, 3, 1, 23, 30, tzinfo=UTC)] == date(2026, 3, 1)
