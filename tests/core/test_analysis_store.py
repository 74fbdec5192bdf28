"""The analysis against a workspace: loading a journey in one pass, the command line, the demo, and a
synthetic community checked against networkx's own algorithms."""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from sqlalchemy import event, func, select
from sqlmodel import Session

from servicecommunity.analysis import KINDS, analyse, analyse_data, findings_from_json, what_if
from servicecommunity.analysis.graphs import (
    BlockerInfo,
    JourneyData,
    load_graphs,
    load_journey,
    step_graph,
)
from servicecommunity.cli.main import main
from servicecommunity.domain.errors import NotFoundError
from servicecommunity.domain.models import (
    Blocker,
    BlockerDependency,
    BlockerOrganisation,
    BlockerStep,
    BlockerUpdate,
    Community,
    DataItem,
    Dependency,
    Journey,
    Member,
    Organisation,
    Stage,
    Step,
    StepDataItem,
    StepSupporter,
)
from servicecommunity.store.workspace import Store, open_store
from servicecommunity.testing.synthetic import generate_bundle, load

TODAY = date(2025, 7, 1)


def _build(session: Session, extra_steps: int = 0) -> dict[str, str]:
    """Start a business: S1 (HMRC, online only) -> S2 (CH) -> S3 (FSA, nobody in the community), and
    Close a business with one step O1. Blockers: open on S2, in progress on the hand-off S2 -> S3,
    resolved on S1, open on O1 (another journey), open on nothing."""
    ids: dict[str, str] = {}

    def add(name: str, record: Any) -> Any:
        session.add(record)
        session.flush()
        if hasattr(record, "id"):
            ids[name] = record.id
        return record

    c = add("community", Community(name="Test community"))
    hmrc = add("hmrc", Organisation(community_id=c.id, name="HM Revenue & Customs", short_name="HMRC"))
    ch = add("ch", Organisation(community_id=c.id, name="Companies House", short_name="CH"))
    fsa = add("fsa", Organisation(community_id=c.id, name="Food Standards Agency", short_name="FSA"))
    add("ann", Member(community_id=c.id, name="Ann", organisation_id=hmrc.id))
    add("bo", Member(community_id=c.id, name="Bo", organisation_id=ch.id))
    add("cy", Member(community_id=c.id, name="Cy", organisation_id=ch.id))
    j = add("journey", Journey(community_id=c.id, name="Start a business"))
    other = add("other", Journey(community_id=c.id, name="Close a business"))
    st0 = add("st0", Stage(journey_id=j.id, name="Check", position=0))
    st1 = add("st1", Stage(journey_id=j.id, name="Register", position=1))
    ost = add("ost", Stage(journey_id=other.id, name="Close", position=0))
    s1 = add("s1", Step(journey_id=j.id, stage_id=st0.id, position=0, title="Check the rules", owner_id=hmrc.id,
                        channels=["online"], duration_hours=2, monthly_volume=1000))
    s2 = add("s2", Step(journey_id=j.id, stage_id=st1.id, position=0, title="Register the company", owner_id=ch.id,
                        channels=["online", "paper"], duration_hours=3, monthly_volume=700))
    s3 = add("s3", Step(journey_id=j.id, stage_id=st1.id, position=1, title="Register the food business",
                        owner_id=fsa.id, channels=["face_to_face"]))
    o1 = add("o1", Step(journey_id=other.id, stage_id=ost.id, title="Close the company", owner_id=hmrc.id))
    for n in range(extra_steps):  # more steps after S3, each needing the one before
        add(f"x{n}", Step(journey_id=j.id, stage_id=st1.id, position=2 + n, title=f"Extra {n}", owner_id=ch.id,
                          channels=["phone"]))
    nino = add("nino", DataItem(community_id=c.id, name="National Insurance number"))
    add("", StepSupporter(step_id=s1.id, organisation_id=ch.id))
    add("", StepDataItem(step_id=s1.id, data_item_id=nino.id))
    add("", StepDataItem(step_id=s2.id, data_item_id=nino.id))
    add("d1", Dependency(journey_id=j.id, from_step_id=s1.id, to_step_id=s2.id, kind="data_handoff",
                         handoff_mode="api", agreed=False))
    add("d2", Dependency(journey_id=j.id, from_step_id=s2.id, to_step_id=s3.id))
    previous = s3.id
    for n in range(extra_steps):
        add(f"dx{n}", Dependency(journey_id=j.id, from_step_id=previous, to_step_id=ids[f"x{n}"]))
        previous = ids[f"x{n}"]
    b_open = add("b_open", Blocker(community_id=c.id, title="No data-sharing agreement", severity="high",
                                   owner_id=hmrc.id, raised_on=date(2025, 1, 1), due_on=date(2025, 12, 1)))
    add("", BlockerStep(blocker_id=b_open.id, step_id=s2.id))
    add("", BlockerOrganisation(blocker_id=b_open.id, organisation_id=ch.id))
    add("u1", BlockerUpdate(blocker_id=b_open.id, comment="Chased.", created_at=datetime(2025, 3, 1, 9, tzinfo=UTC)))
    # 00:30 on 26 June in UTC+2 is 22:30 on 25 June in UTC: the day counted is the 25th.
    add("u2", BlockerUpdate(blocker_id=b_open.id, comment="Legal advice asked.",
                            created_at=datetime(2025, 6, 26, 0, 30, tzinfo=timezone(timedelta(hours=2)))))
    b_dep = add("b_dep", Blocker(community_id=c.id, title="Paper form only", severity="medium", status="in_progress",
                                 raised_on=date(2025, 5, 1)))
    add("", BlockerDependency(blocker_id=b_dep.id, dependency_id=ids["d2"]))
    b_closed = add("b_closed", Blocker(community_id=c.id, title="Old problem", status="resolved",
                                       resolved_on=date(2025, 2, 1)))
    add("", BlockerStep(blocker_id=b_closed.id, step_id=s1.id))
    b_other = add("b_other", Blocker(community_id=c.id, title="Elsewhere"))
    add("", BlockerStep(blocker_id=b_other.id, step_id=o1.id))
    add("b_nowhere", Blocker(community_id=c.id, title="Floating"))
    session.commit()
    return ids


@pytest.fixture
def built(store: Store) -> dict[str, str]:
    with store.session() as session:
        return _build(session)


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, dict[str, str]]]:
    """One workspace file for the command-line tests, which only read it."""
    path = tmp_path_factory.mktemp("cli") / "w.sqlite"
    with open_store(path) as s, s.session() as session:
        ids = _build(session)
    yield path, ids


# --- loading ---------------------------------------------------------------------------------------


def test_load_journey_reads_one_journey_and_its_open_blockers(store: Store, built: dict[str, str]) -> None:
    with store.session() as session:
        data = load_journey(session, built["journey"])
    assert data.journey_name == "Start a business"
    assert list(data.steps) == [built["s1"], built["s2"], built["s3"]]
    s1 = data.steps[built["s1"]]
    assert (s1.owner_id, s1.channels, s1.duration_hours, s1.monthly_volume) == (built["hmrc"], ("online",), 2, 1000)
    assert s1.supporter_ids == (built["ch"],)
    assert s1.data_item_ids == (built["nino"],)
    assert data.data_items[built["nino"]] == "National Insurance number"
    assert [(d.id, d.kind, d.handoff_mode, d.agreed) for d in data.dependencies] == [
        (built["d1"], "data_handoff", "api", False), (built["d2"], "sequence", None, True)]
    assert {o.short_name: o.members for o in data.organisations.values()} == {"CH": 2, "FSA": 0, "HMRC": 1}
    assert (data.entry_stage_id, data.last_stage_id) == (built["st0"], built["st1"])
    blockers = {b.id: b for b in data.blockers}
    assert set(blockers) == {built["b_open"], built["b_dep"]}  # not resolved, not elsewhere, not unlinked
    b_open = blockers[built["b_open"]]
    assert (b_open.step_ids, b_open.blocking_organisation_ids) == ((built["s2"],), (built["ch"],))
    assert b_open.last_activity == date(2025, 6, 25)  # the latest update, as a UTC day
    b_dep = blockers[built["b_dep"]]
    assert (b_dep.dependency_ids, b_dep.last_activity) == ((built["d2"],), date(2025, 5, 1))  # no update: raised
    assert data.blocker_steps[built["b_dep"]] == (built["s3"],)


def test_load_graphs_builds_both_graphs_from_one_load(store: Store, built: dict[str, str]) -> None:
    with store.session() as session:
        data, steps, orgs = load_graphs(session, built["journey"])
    assert set(steps.nodes) == {built["s1"], built["s2"], built["s3"]}
    assert steps.edges[built["s1"], built["s2"]]["kind"] == "data_handoff"
    assert steps.edges[built["s1"], built["s2"]]["handoff_mode"] == "api"
    assert steps.nodes[built["s3"]]["owner_id"] == built["fsa"]
    # HMRC -> CH by the hand-off; CH causes the open blocker on its own step, so no blocker edge.
    assert set(orgs.edges) == {(built["hmrc"], built["ch"]), (built["ch"], built["fsa"])}
    assert orgs.edges[built["hmrc"], built["ch"]]["handoffs"] == 1
    assert orgs.nodes[built["fsa"]]["members"] == 0
    assert data.journey_id == built["journey"]


def test_load_journey_for_an_unknown_id(store: Store) -> None:
    with store.session() as session, pytest.raises(NotFoundError):
        load_journey(session, "nope")


def _count_queries(store: Store, journey: str) -> int:
    statements: list[str] = []

    def record(*args: Any) -> None:
        statements.append(args[2])

    event.listen(store.engine, "before_cursor_execute", record)
    try:
        with store.session() as session:
            load_journey(session, journey)
    finally:
        event.remove(store.engine, "before_cursor_execute", record)
    return len(statements)


def test_loading_takes_the_same_few_queries_whatever_the_size(tmp_path: Path) -> None:
    with open_store(tmp_path / "small.sqlite") as small, open_store(tmp_path / "big.sqlite") as big:
        with small.session() as session:
            few = _build(session)["journey"]
        with big.session() as session:
            many = _build(session, extra_steps=60)["journey"]
        assert _count_queries(small, few) == _count_queries(big, many) <= 15


def test_analyse_a_journey_in_the_workspace(store: Store, built: dict[str, str]) -> None:
    with store.session() as session:
        report = analyse(session, built["journey"], today=TODAY)
    keys = {f.key for f in report.findings}
    assert ("assisted_digital.online_only", built["s1"]) in keys
    assert ("ownership.nobody_at_table", built["fsa"]) in keys
    assert [f.dependency_ids for f in report.by_kind("handoff.unagreed")] == [(built["d1"],)]  # one per pair
    assert ("tell_us_once.repeated_data", built["nino"]) in keys
    # Both stop a step, so staleness is said in the impact finding, not in a second one.
    stale = {f.subject: f.data["stale"] for f in report.by_kind("blocker.impact")}
    assert stale == {built["b_dep"]: True, built["b_open"]: False}  # 61 days with no update; updated six days ago
    assert report.by_kind("blocker.stale") == []
    ranking = {b.blocker_id: (b.steps_reached, b.monthly_users) for b in report.blocker_ranking}
    assert ranking == {built["b_open"]: (2, 700), built["b_dep"]: (1, None)}
    assert report.timings["load"] > 0


def test_what_if_from_the_workspace(store: Store, built: dict[str, str]) -> None:
    with store.session() as session:
        result = what_if(session, built["journey"], today=TODAY, without_org=built["ch"])
    assert ("structure.unreachable", built["s3"]) in {f.key for f in result.added}
    assert result.base.stats["steps"] == 3
    assert result.scenario.stats["steps"] == 2


# --- the command line ---------------------------------------------------------------------------------


def test_cli_prints_counts_by_kind_first(workspace: tuple[Path, dict[str, str]], capsys: pytest.CaptureFixture[str]) -> None:
    path, _ = workspace
    assert main(["analyse", "--db", str(path), "--journey", "Start a business", "--today", "2025-07-01"]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[0].startswith("Start a business: 3 steps, 2 dependencies, 3 organisations, 2 open blockers")
    table = lines[lines.index(next(x for x in lines if "Findings by kind" in x)) + 1:][: len(KINDS)]
    assert [x.split()[0] for x in table] == list(KINDS)
    assert re.search(r"^  ownership\.nobody_at_table +1  high$", out, re.MULTILINE)
    assert re.search(r"^  structure\.unreachable +-  $", out, re.MULTILINE)
    assert out.index("Findings by kind") < out.index("Owners with nobody in the community (ownership.nobody_at_table): 1")
    assert "Nobody from FSA is in the community" in out


def test_cli_json_gives_one_report_per_journey(workspace: tuple[Path, dict[str, str]], capsys: pytest.CaptureFixture[str]) -> None:
    path, ids = workspace
    assert main(["analyse", "--db", str(path), "--json", "--today", "2025-07-01"]) == 0
    reports = json.loads(capsys.readouterr().out)
    assert [r["journey_name"] for r in reports] == ["Close a business", "Start a business"]
    start = reports[1]
    assert start["journey_id"] == ids["journey"]
    assert start["counts"]["handoff.unagreed"] == 1
    unagreed = [f for f in start["findings"] if f["kind"] == "handoff.unagreed"]
    assert [[start["ids"]["dependencies"][n] for n in f["dependencies"]] for f in unagreed] == [[ids["d1"]]]
    assert [f.dependency_ids for f in findings_from_json(start) if f.kind == "handoff.unagreed"] == [(ids["d1"],)]


def test_cli_what_if_without_a_step(workspace: tuple[Path, dict[str, str]], capsys: pytest.CaptureFixture[str]) -> None:
    path, ids = workspace
    assert main(["analyse", "--db", str(path), "--json", "--without-step", "register the company"]) == 0
    [result] = json.loads(capsys.readouterr().out)
    assert result["scenario"] == ["without the step \u2018Register the company\u2019"]
    added = [findings_from_json(result["what_if"])[n] for n in result["added"]]
    assert [f.subject for f in added if f.kind == "structure.unreachable"] == [ids["s3"]]


def test_cli_what_if_text(workspace: tuple[Path, dict[str, str]], capsys: pytest.CaptureFixture[str]) -> None:
    path, _ = workspace
    assert main(["analyse", "--db", str(path), "--journey", "Start a business", "--without-org", "CH"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("What if: without CH (and the steps it owns)")
    assert re.search(r"^  structure\.unreachable +- +1  \+1$", out, re.MULTILINE)
    assert "New findings:" in out


def test_cli_resolve_a_blocker_by_title(workspace: tuple[Path, dict[str, str]], capsys: pytest.CaptureFixture[str]) -> None:
    path, ids = workspace
    assert main(["analyse", "--db", str(path), "--json", "--resolve", "no data-sharing agreement", "--today", "2025-07-01"]) == 0
    [result] = json.loads(capsys.readouterr().out)
    assert result["count_changes"]["blocker.impact"] == [2, 1]
    assert [findings_from_json(result["base"])[n].blocker_ids for n in result["removed"]] == [(ids["b_open"],)]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--journey", "Nope"], "No journey called 'Nope'"),
        (["--without-step", "Nope"], "No step called 'Nope'"),
        (["--without-org", "Nope"], "No organisation called 'Nope'"),
        (["--resolve", "Nope"], "No blocker called 'Nope'"),
        (["--resolve", "Old problem"], "already resolved"),
        (["--resolve", "Floating"], "on none of the journeys"),
    ],
)
def test_cli_user_errors_exit_1(
    workspace: tuple[Path, dict[str, str]], capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    path, _ = workspace
    assert main(["analyse", "--db", str(path), *args]) == 1
    captured = capsys.readouterr()
    assert message in captured.err
    assert "Traceback" not in captured.err


@pytest.mark.parametrize("args", [["--limit", "-1"], ["--today", "yesterday"], ["--nonsense"]])
def test_cli_bad_usage_exits_2(workspace: tuple[Path, dict[str, str]], args: list[str]) -> None:
    path, _ = workspace
    with pytest.raises(SystemExit) as exc:
        main(["analyse", "--db", str(path), *args])
    assert exc.value.code == 2


def test_cli_on_a_missing_workspace_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["analyse", "--db", str(tmp_path / "none.sqlite")]) == 1
    assert "No workspace" in capsys.readouterr().err


# --- the demo -------------------------------------------------------------------------------------------


def test_the_demo_shows_the_gaps_it_was_built_with(demo_store: Store) -> None:
    with demo_store.session() as session:
        journey = session.execute(select(Journey.id)).scalars().first()  # type: ignore[call-overload]
        report = analyse(session, journey)
    for kind in ("handoff.cross_org", "tell_us_once.repeated_data", "blocker.impact", "ownership.no_owner",
                 "assisted_digital.online_only", "handoff.unagreed"):
        assert report.counts[kind] > 0, kind


def test_the_demos_analysis_reads_its_alternatives_as_either_or(demo_store: Store) -> None:
    """Sole trader or limited company: never both on one route, and a blocker on one stays on it."""
    with demo_store.session() as session:
        journey = session.execute(select(Journey.id)).scalars().first()  # type: ignore[call-overload]
        data = load_journey(session, journey)
    by_title = {s.title: s.id for s in data.steps.values()}
    sole = by_title["Set up as a sole trader and register for Self Assessment"]
    company = by_title["Register a private limited company"]
    report = analyse_data(data, today=date(2026, 11, 21))
    path = report.critical_path
    assert path is not None and company in path.step_ids and sole not in path.step_ids
    blocked = dataclasses.replace(data, blockers=(BlockerInfo("x", "On the sole trader step", step_ids=(sole,)),))
    [impact] = analyse_data(blocked, today=date(2026, 11, 21)).blocker_ranking
    # The sole trader step, the jobcentre interview and reporting earnings; nothing of the company route.
    assert impact.steps_reached == 3
    # The sensitive blocker on the loan portal: the users at the loan step, not the busiest step after it.
    loan = next(b for b in report.blocker_ranking if b.direct_step_ids == (by_title["Apply for a Start Up Loan"],))
    assert loan.monthly_users == data.steps[by_title["Apply for a Start Up Loan"]].monthly_volume


# --- a synthetic community against networkx ------------------------------------------------------------


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> JourneyData:
    bundle = generate_bundle(seed=3, organisations=10, members=12, journeys=2, steps=400, dependencies=1200,
                             blockers=600, small_journey_steps=15)
    with open_store(tmp_path_factory.mktemp("synthetic") / "s.sqlite") as s:
        load(s, bundle)
        with s.session() as session:
            biggest = session.execute(
                select(Step.journey_id).group_by(Step.journey_id).order_by(func.count().desc())  # type: ignore[call-overload]
            ).scalars().first()
            return load_journey(session, biggest)


def test_synthetic_journey_shows_the_gaps_it_was_generated_with(synthetic: JourneyData) -> None:
    report = analyse_data(synthetic, today=TODAY)
    assert report.stats["steps"] == 400
    assert report.stats["dependencies"] == 1200
    for kind in ("ownership.no_owner", "ownership.nobody_at_table", "assisted_digital.online_only",
                 "structure.cycle", "handoff.cross_org", "handoff.unagreed", "tell_us_once.repeated_data",
                 "critical_path", "blocker.impact"):
        assert report.counts[kind] > 0, kind
    assert any(f.data["stale"] for f in report.by_kind("blocker.impact"))


def test_synthetic_structure_agrees_with_networkx(synthetic: JourneyData) -> None:
    report = analyse_data(synthetic, today=TODAY)
    graph = step_graph(synthetic)
    entries = [s.id for s in synthetic.steps.values() if s.stage_id == synthetic.entry_stage_id]
    reached = set(entries).union(*(nx.descendants(graph, e) for e in entries))
    assert {f.subject for f in report.by_kind("structure.unreachable")} == set(graph) - reached
    dead = {n for n in graph if graph.out_degree(n) == 0 and graph.nodes[n]["stage_id"] != synthetic.last_stage_id}
    assert {f.subject for f in report.by_kind("structure.dead_end")} == dead
    loops = {frozenset(c) for c in nx.strongly_connected_components(graph) if len(c) > 1}
    assert {frozenset(f.step_ids) for f in report.by_kind("structure.cycle")} == loops
    undirected = nx.Graph(graph)
    assert {f.subject for f in report.by_kind("spof.step")} == set(nx.articulation_points(undirected))
    pairs: dict[frozenset[str], int] = {}
    for d in synthetic.dependencies:
        key = frozenset((d.from_step_id, d.to_step_id))
        pairs[key] = pairs.get(key, 0) + 1
    single_bridges = {frozenset(e) for e in nx.bridges(undirected) if pairs[frozenset(e)] == 1}
    # A bridge that touches a cut step is told in that step's finding; the others on their own.
    deps = synthetic.dependency_map
    beside = {frozenset((deps[d].from_step_id, deps[d].to_step_id)) for f in report.by_kind("spof.step")
              for d in f.dependency_ids}
    alone = {frozenset(f.step_ids) for f in report.by_kind("spof.bridge")}
    assert not beside & alone
    assert beside | alone == single_bridges


def test_synthetic_blocker_reach_agrees_with_a_search_per_blocker(synthetic: JourneyData) -> None:
    report = analyse_data(synthetic, today=TODAY)
    graph = step_graph(synthetic)
    assert len(report.blocker_ranking) == len(synthetic.blockers) > 100
    for impact in report.blocker_ranking:
        direct = synthetic.blocker_steps[impact.blocker_id]
        reach = set(direct).union(*(nx.descendants(graph, s) for s in direct))
        assert impact.steps_reached == len(reach)
        owners = {synthetic.steps[s].owner_id for s in reach} - {None}
        assert set(impact.organisation_ids) == owners
        # Users a month: those at the blocked steps themselves, not the busiest step downstream.
        volumes = [synthetic.steps[s].monthly_volume for s in direct if synthetic.steps[s].monthly_volume is not None]
        assert impact.monthly_users == (max(volumes) if volumes else None)


def test_synthetic_critical_path_agrees_with_networkx_on_the_condensation(synthetic: JourneyData) -> None:
    report = analyse_data(synthetic, today=TODAY)
    graph = step_graph(synthetic)
    dag = nx.condensation(graph)
    weight = {c: sum(graph.nodes[s]["duration_hours"] or 0 for s in dag.nodes[c]["members"]) for c in dag}
    for u, v in dag.edges:
        dag.edges[u, v]["w"] = weight[v]
    # From the entry steps only: a route through steps nobody reaches from the start is no route.
    entries = {dag.graph["mapping"][s.id] for s in synthetic.steps.values() if s.stage_id == synthetic.entry_stage_id}
    for c in entries:
        dag.add_edge("start", c, w=weight[c])
    reachable = nx.descendants(dag, "start") | {"start"}
    expected = nx.dag_longest_path_length(dag.subgraph(reachable), weight="w")
    path = report.critical_path
    assert path is not None
    unreachable = {f.subject for f in report.by_kind("structure.unreachable")}
    assert not unreachable & set(path.step_ids)
    assert path.step_ids[0] in {s.id for s in synthetic.steps.values() if s.stage_id == synthetic.entry_stage_id}
    assert path.total_hours == pytest.approx(expected)
    assert path.total_hours == pytest.approx(sum(synthetic.steps[s].duration_hours or 0 for s in path.step_ids))


def test_cli_withholds_official_sensitive_titles_unless_asked(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "w.sqlite"
    with open_store(path) as s, s.session() as session:
        ids = _build(session)
        blocker = session.get(Blocker, ids["b_open"])
        blocker.classification = "OFFICIAL-SENSITIVE"
        session.add(blocker)
        session.commit()
    args = ["analyse", "--db", str(path), "--journey", "Start a business", "--today", "2025-07-01"]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "No data-sharing agreement" not in out
    assert "OFFICIAL-SENSITIVE blocker (title withheld)" in out
    assert main([*args, "--json"]) == 0
    assert "No data-sharing agreement" not in capsys.readouterr().out
    assert main([*args, "--include-sensitive"]) == 0
    assert "[OFFICIAL-SENSITIVE] \u2018No data-sharing agreement\u2019" in capsys.readouterr().out
    what_if = [*args, "--resolve", ids["b_open"]]
    assert main(what_if) == 0
    out = capsys.readouterr().out
    assert "No data-sharing agreement" not in out
    assert "What if: with an OFFICIAL-SENSITIVE blocker (title withheld) resolved" in out
    assert main([*what_if, "--json"]) == 0
    assert "No data-sharing agreement" not in capsys.readouterr().out
    assert main([*what_if, "--include-sensitive"]) == 0
    assert "[OFFICIAL-SENSITIVE] \u2018No data-sharing agreement\u2019 resolved" in capsys.readouterr().out


def test_cli_leads_with_what_to_act_on_first(workspace: tuple[Path, dict[str, str]], capsys: pytest.CaptureFixture[str]) -> None:
    path, _ = workspace
    assert main(["analyse", "--db", str(path), "--journey", "Start a business", "--today", "2025-07-01"]) == 0
    out = capsys.readouterr().out
    assert out.index("Findings by kind") < out.index("Act on these first:") < out.index("Blocker impact (blocker.impact)")
    assert "      Next: " in out
    assert "ranked by the steps they hold up" in out
