"""The analysis package's public face: its names re-exported, networkx loaded only when needed."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from servicecommunity import analysis

PROBE = """
import json, sys
import servicecommunity.analysis.layout
from servicecommunity.analysis import KINDS, Finding, Report, act_first, plural
before = "networkx" in sys.modules
from servicecommunity.analysis import analyse_data
print(json.dumps([before, "networkx" in sys.modules]))
"""


def test_the_layout_and_the_report_types_do_not_load_networkx() -> None:
    done = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, check=True, timeout=120)
    before, after = json.loads(done.stdout.splitlines()[-1])
    assert (before, after) == (False, True)


def test_every_public_name_resolves() -> None:
    for name in ("analyse", "analyse_data", "what_if", "what_if_data", "apply_scenario", "compare",
                 "downstream_steps", "STALE_DAYS", "LONG_CHAIN", "BOTTLENECK_TOP", "KINDS", "Finding",
                 "findings_from_json", "plural"):
        assert getattr(analysis, name) is not None
        assert name in dir(analysis)
    from servicecommunity.analysis.run import analyse_data

    assert analysis.analyse_data is analyse_data


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no_such_thing"):
        analysis.no_such_thing  # noqa: B018
