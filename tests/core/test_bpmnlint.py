"""The BPMN export under bpmnlint's recommended rules (``tools/bpmn-check/.bpmnlintrc``), the linter
of bpmn.io and Camunda Modeler: no errors on the demo or on a journey with a loop and a lone step.

Skips where node or bpmnlint is absent (``npm ci`` in tools/bpmn-check installs it; ``make test``
does that when npm is there).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from servicecommunity import services
from servicecommunity.exchange import exports
from servicecommunity.store.workspace import Store
from servicecommunity.testing import bpmncheck
from tests.core.builders import small_journey
from tests.core.test_exports import OPTS, do_export


@pytest.fixture(autouse=True)
def _needs_bpmnlint() -> None:
    why = bpmncheck.bpmnlint_missing()
    if why:
        pytest.skip(why)


def test_bpmnlint_finds_no_error_in_the_demo(demo_store: Store, tmp_path: Path) -> None:
    lint = bpmncheck.bpmnlint(do_export(demo_store, "bpmn", tmp_path / "out.bpmn").path)
    print(f"bpmnlint on the demo: {lint.errors} errors, {lint.warnings} warnings {lint.by_rule}")
    assert lint.errors == 0, lint.by_rule
    # The only warnings left are the hand-off modes on flows (which bpmnlint thinks only a choice
    # needs) and the joins where some but not all routes arrive (inclusive gateways).
    assert set(lint.by_rule) <= {"superfluous-label", "no-inclusive-gateway"}, lint.by_rule


def test_bpmnlint_finds_no_error_with_a_loop_a_lone_step_and_two_flows_between_the_same_steps(
    store: Store, tmp_path: Path
) -> None:
    with store.session() as session:
        b = small_journey(session)
        for kind in ("sequence", "needs"):
            services.create_dependency(
                session,
                data={"from_step_id": b.steps["B"], "to_step_id": b.steps["A"], "kind": kind},
            )
        session.commit()
    with store.session() as session:
        result = exports.export(
            session, "bpmn", tmp_path / "out.bpmn", journey_id=b.journey, options=OPTS
        )
    lint = bpmncheck.bpmnlint(result.path)
    assert lint.errors == 0, lint.by_rule


def test_bpmnlint_counts_the_errors_of_a_bad_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.bpmn"
    bad.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="D" targetNamespace="x">'
        '<process id="P"><task id="T" name="Alone"/></process></definitions>\n',
        encoding="utf-8",
    )
    lint = bpmncheck.bpmnlint(bad)
    assert lint.errors >= 2 and {"start-event-required", "end-event-required"} <= set(lint.by_rule)
