"""The analysis, the outline and the command line in Welsh: whole sentences with Welsh plurals,
lists and dates through Babel, and nothing left in English but the community's own data."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from servicecommunity import i18n
from servicecommunity.analysis import analyse_data, words
from servicecommunity.analysis.loading import load_journey
from servicecommunity.store.workspace import Store

UNAGREED = ("{n} hand-off from {from_organisation} to {to_organisation} has not been agreed between the two: "
            "{handoffs}.",
            "{n} hand-offs from {from_organisation} to {to_organisation} have not been agreed between the two: "
            "{handoffs}.")


@pytest.mark.parametrize(
    ("n", "welsh"),
    [(0, "0 trosglwyddiad"), (1, "1 trosglwyddiad"), (2, "2 drosglwyddiad"), (3, "3 throsglwyddiad"),
     (6, "6 throsglwyddiad"), (20, "20 trosglwyddiad")],
)
def test_a_findings_sentence_takes_welsh_plural_forms(n: int, welsh: str) -> None:
    """One sentence of the analysis (hand-offs nobody has agreed) in each of Welsh's six forms."""
    values = {"n": n, "from_organisation": "HMRC", "to_organisation": "DWP", "handoffs": "x"}
    with i18n.language("cy"):
        text = i18n.ngettext(*UNAGREED, n).format(**values)
    assert text == f"Nid yw'r ddau wedi cytuno ar {welsh} o HMRC i DWP: x."
    with i18n.language("en"):
        english = i18n.ngettext(*UNAGREED, n).format(**values)
    assert english.startswith(f"{n} hand-off from" if n == 1 else f"{n} hand-offs from")
    assert english.endswith("has not been agreed between the two: x." if n == 1 else "have not been agreed between the two: x.")


@pytest.mark.parametrize(
    ("n", "days", "steps"),
    [(0, "0 diwrnod", "0 cam arall"), (1, "1 diwrnod", "1 cam arall"), (2, "2 ddiwrnod", "2 gam arall"),
     (3, "3 diwrnod", "3 cham arall"), (6, "6 diwrnod", "6 cham arall"), (20, "20 diwrnod", "20 cam arall")],
)
def test_the_analysis_counted_nouns_mutate_as_welsh_does(n: int, days: str, steps: str) -> None:
    with i18n.language("cy"):
        assert words.days_text(n) == days
        assert words.more_steps_text(n) == steps


def test_lists_numbers_and_durations_follow_the_language() -> None:
    with i18n.language("cy"):
        assert words.names(["HMRC", "DWP"]) == "HMRC a DWP"
        assert words.names(["HMRC", "Ofcom"]) == "HMRC ac Ofcom"  # "ac" before a vowel
        assert words.names(["a", "b", "c", "d", "e"]) == "a, b, c a 2 arall"
        assert words.duration_text(2.5) == "2.5 awr" and words.duration_text(72) == "3 diwrnod"
        assert words.duration_text(0.5) == "30 munud" and words.duration_text(24 * 14) == "2 wythnos"
        assert i18n.format_percent(0.62) == "62%"
    with i18n.language("en"):
        assert words.names(["a", "b", "c", "d", "e"]) == "a, b, c and 2 more"
        assert words.names(["a", "b", "c"]) == "a, b and c"
        assert words.duration_text(1) == "1 hour" and words.duration_text(2.5) == "2.5 hours"


def test_findings_are_welsh_and_a_sentence_written_later_keeps_the_run_language(demo_store: Store) -> None:
    with demo_store.session() as session:
        data = load_journey(session, _journey_id(demo_store))
    with i18n.language("cy"):
        report = analyse_data(data, today=date(2026, 12, 3), include_sensitive=False)
        groups = report.groups()
    assert {g["title"] for g in groups} >= {"Effaith rhwystrau", "Llwybr critigol"}
    with i18n.language("en"):  # the blocker sentences are written when first read: still Welsh
        impact = [f.message for f in report.findings if f.kind == "blocker.impact"]
        actions = {f.action for f in report.findings if f.action}
    assert impact and all(m.startswith("Mae ") and "yn atal" in m for m in impact), impact[:2]
    assert "Mae rhwystr OFFICIAL-SENSITIVE (teitl wedi'i atal)" in "\n".join(impact)
    assert not [a for a in actions if re.search(r"\b(Agree|to resolve it|Invite|Check with)\b", a)]


def _journey_id(store: Store) -> str:
    from sqlalchemy import select

    from servicecommunity.domain.models import Journey

    with store.session() as session:
        return str(session.execute(select(Journey.id)).scalars().first())


# --- the command line ------------------------------------------------------------------------------


def _run(args: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    from servicecommunity.cli.main import main

    capsys.readouterr()
    assert main(args) == 0
    return capsys.readouterr().out


def _data_strings(store: Store) -> list[str]:
    """The community's own words: names, titles, labels (longest first, so a longer one goes whole)."""
    from sqlalchemy import select

    from servicecommunity.domain.models import Blocker, DataItem, Journey, Organisation, Stage, Step

    found: set[str] = set()
    with store.session() as session:
        for column in (Organisation.name, Organisation.short_name, Step.title, Stage.name, Journey.name,
                       DataItem.name, Blocker.title):
            found |= {str(v) for v in session.execute(select(column)).scalars() if v}
    return sorted(found, key=len, reverse=True)


@pytest.fixture
def cli_language(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(i18n, "_chosen", {})  # main() sets the process's language: undone after the test
    monkeypatch.setenv(i18n.ENV, "en")


def test_analyse_in_welsh_leaves_no_english_but_the_communitys_data(
    demo_store: Store, capsys: pytest.CaptureFixture[str], cli_language: None
) -> None:
    db = demo_store.where
    args = ["analyse", "--db", db, "--today", "2026-12-03", "--limit", "0"]
    welsh = _run(["--lang", "cy", *args], capsys)
    english = _run(["--lang", "en", *args], capsys)
    assert "Gweithredwch ar y rhain yn gyntaf:" in welsh and "Act on these first:" in english
    data = _data_strings(demo_store)
    leftover = []
    for line in set(welsh.splitlines()) & set(english.splitlines()):
        rest = line
        for text in data:
            rest = rest.replace(text, "")
        if re.search(r"[A-Za-z]{2,}", rest.replace("ms", "")):
            leftover.append(line)
    assert leftover == []
    # nor an English sentence inside a Welsh line
    for phrase in ("Next:", " must resolve it", "owned by", " steps", "Agree ", "more (--limit", "users a month",
                   "Analysed in", "Findings by kind", "ownership.no_owner"):
        assert phrase not in welsh, phrase


def test_summary_journeys_and_help_in_welsh(
    demo_store: Store, capsys: pytest.CaptureFixture[str], cli_language: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = demo_store.where
    summary = _run(["--lang", "cy", "summary", "--db", db], capsys)
    assert "Gweithle: " in summary and "Rhwystrau agored fesul sefydliad a difrifoldeb" in summary
    assert "Open blockers by organisation" not in summary and "blocker updates" not in summary
    monkeypatch.setenv(i18n.ENV, "cy")  # the environment chooses too
    journeys = _run(["journeys", "--db", db], capsys)
    assert "6 chyfnod, 34 cam" in journeys, journeys
    from servicecommunity.cli.main import main

    with pytest.raises(SystemExit):
        main(["--lang", "cy", "analyse", "--help"])
    text = capsys.readouterr().out
    assert "canfod bylchau" in text or "Dadansoddi'r teithiau" in text, text
    assert "what if this step" not in text


def test_compare_in_welsh(demo_store: Store, capsys: pytest.CaptureFixture[str], cli_language: None) -> None:
    from servicecommunity.analysis.comparison import compare_journeys, summary_lines

    with demo_store.session() as session:
        data = load_journey(session, _journey_id(demo_store))
    with i18n.language("cy"):
        lines = summary_lines(compare_journeys(data, data, today=date(2026, 12, 3)))
    text = "\n".join(lines)
    assert "Camau: 34 → 34 (dim newid); 34 yn y ddwy" in text
    assert "Amser o'r dechrau i'r diwedd:" in text and "The two journeys" not in text


def test_the_outline_in_welsh(demo_store: Store) -> None:
    from servicecommunity.services.queries import outline as q

    with demo_store.session() as session:
        outline = q.outline(session, _journey_id(demo_store))
    stage = outline.stages[1]
    step = next(s for s in stage.steps if s.title == "Register a private limited company")
    with i18n.language("cy"):
        text = q.step_description(step, stage)
        said = q.stage_description(stage, len(outline.stages))
    assert text.startswith("Cam 5 o 6 yng nghyfnod 2, ") and "Sianeli: ar-lein a papur." in text
    assert "3 rhwystr agored, y gwaethaf: critigol." in text and "Trosglwyddiadau allan: i " in text
    assert said.startswith("Cyfnod 2 o 6, 6 cham"), said


def test_a_welsh_briefing_has_welsh_findings(demo_store: Store, tmp_path: Path) -> None:
    from servicecommunity.exchange import exports

    with demo_store.session() as session:
        exports.export(session, "markdown", tmp_path / "cy.md", options={"lang": "cy", "today": date(2026, 12, 3)})
    text = (tmp_path / "cy.md").read_text(encoding="utf-8")
    findings = text[text.index("## Canfyddiadau"):text.index("## Sefydliadau")]
    assert "Nesaf:" in findings and "Next:" not in findings
    assert not [p for p in (" must resolve it", "owned by", "Agree ", "users a month", "Steps nobody owns")
                if p in findings]
