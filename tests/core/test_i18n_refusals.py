"""Refusals in Welsh leave nothing in English: a damaged bundle, a bad create or edit, a duplicate
hand-off, a blocker already in its status, the command line's --help. Each sentence is whole in the
catalogue (no English word from jsonschema, pydantic, an enum or a column name slips in), and the
English run still says it in English."""

from __future__ import annotations

import contextlib
import json
import re
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from servicecommunity import i18n, services
from servicecommunity.cli.main import main
from servicecommunity.domain.errors import ServiceCommunityError
from servicecommunity.exchange import bundle, merge, validation
from servicecommunity.services import labels
from servicecommunity.store.workspace import Store
from tests.core.builders import small_journey

#: English words that must not be in a Welsh sentence (none of them is also a Welsh word: "a", "at",
#: "is", "to", "i", "dim" are, and are left out)
ENGLISH = {
    "the", "of", "has", "have", "cannot", "already", "which", "file", "damaged", "impossible", "field", "fields",
    "required", "not", "must", "should", "beyond", "what", "workspace", "hold", "number", "valid", "input",
    "greater", "less", "than", "equal", "string", "characters", "least", "most", "expected", "there", "does",
    "match", "format", "value", "with", "and", "or", "blocker", "step", "steps", "dependency", "title", "empty",
    "long", "short", "type", "property", "properties", "additional", "allowed", "unexpected", "integer", "text",
    "choose", "from", "this", "that", "its", "it", "by", "edited", "hand", "top", "level", "line", "column",
    "updated", "created", "deleted", "sequence", "needs", "handoff", "open", "resolved", "escalated",
    "progress", "emotion", "name", "kind", "colour", "whole", "one", "usage", "options", "positional",
    "arguments", "show", "help", "message", "exit", "path", "journey", "org", "command", "be", "an",
}
#: argparse's placeholders, in capitals as argparse shows them
METAVARS = re.compile(r"\b(PATH|NAME|JOURNEY|STEP|ORG|BLOCKER|N|COMMAND|FILE|FORMAT|STATUS|SEVERITY|CATEGORY|TARGET|"
                      r"SOURCE|DEST|BACKUP|VALUE|ID|FIELD|KEEP|DROP)\b")


def english_words(text: str) -> list[str]:
    """The English words of ``text``, leaving out what it quotes (the input itself) and paths in the file."""
    text = re.sub(r"(?<!\w)'[^']*'(?!\w)|“[^”]*”|\"[^\"]*\"|\S*/\S*|\S+\.json\b", " ", text)
    return [w for w in re.findall(r"[A-Za-z']+", text) if w.casefold().strip("'") in ENGLISH]


@pytest.fixture(autouse=True)
def _own_language(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(i18n, "_chosen", {})
    monkeypatch.setenv(i18n.ENV, "en")
    yield


def refusal(lang: str, act: Callable[[], Any]) -> str:
    with i18n.language(lang), pytest.raises(ServiceCommunityError) as caught:
        act()
    return str(caught.value)


def both(act: Callable[[], Any]) -> tuple[str, str]:
    """The refusal in Welsh, checked for English words, and in English."""
    welsh, english = refusal("cy", act), refusal("en", act)
    assert welsh != english, welsh
    assert not english_words(welsh), (english_words(welsh), welsh)
    return welsh, english


# --- a damaged bundle ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def bundle_text(tmp_path_factory: pytest.TempPathFactory) -> str:
    from servicecommunity.store.workspace import open_store

    with open_store(tmp_path_factory.mktemp("small") / "w.sqlite") as store, store.session() as session:
        small_journey(session)
        return bundle.dumps(bundle.export_bundle(session, include_sensitive=True))


def damaged(text: str, change: Callable[[dict[str, Any]], None]) -> Callable[[], Any]:
    data = json.loads(text)
    change(data)
    raw = json.dumps(data)
    return lambda: bundle.parse_bundle(raw, name="tim.json")


def _set(section: str, column: str, value: Any) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        data[section][0][column] = value
    return change


def _drop(section: str, column: str) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        del data[section][0][column]
    return change


# (what is wrong, the change, words the English sentence says)
BUNDLES: list[tuple[str, Callable[[dict[str, Any]], None], tuple[str, ...]]] = [
    ("impossible date", _set("steps", "updated_at", "2024-02-30T00:00:00Z"),
     ("impossible", "last updated", "2024-02-30", "damaged")),
    ("integer beyond the schema", _set("steps", "monthly_volume", 2**70), ("steps/0/monthly_volume", "at most")),
    ("NaN", _set("steps", "duration_hours", float("nan")), ("not a number the workspace can hold",)),
    ("missing required field", _drop("steps", "title"), ("steps/0", "title")),
    ("wrong type", _set("steps", "title", 12), ("steps/0/title", "text")),
    ("unknown enum", _set("dependencies", "kind", "telepathy"), ("dependencies/0/kind", "'telepathy'")),
    ("extra property", _set("steps", "colourfulness", 3), ("steps/0", "colourfulness")),
    ("bad pattern", _set("organisations", "colour", "greenish"), ("organisations/0/colour", "'greenish'")),
    ("too long", _set("organisations", "short_name", "x" * 500), ("organisations/0/short_name", "characters")),
    ("below minimum", _set("steps", "emotion", -7), ("steps/0/emotion", "-7")),
    ("unknown top-level section", lambda d: d.update(surprise=1), ("surprise",)),
]


@pytest.mark.parametrize(("what", "change", "said"), BUNDLES, ids=[b[0] for b in BUNDLES])
def test_a_damaged_bundle_is_refused_in_welsh(
    bundle_text: str, what: str, change: Callable[[dict[str, Any]], None], said: tuple[str, ...]
) -> None:
    act = damaged(bundle_text, change)
    welsh, english = both(act)
    assert "tim.json" in welsh and "tim.json" in english
    for words in said:
        assert words in english, (words, english)
    # jsonschema's and pydantic's own English never reaches the sentence
    assert not re.search(r"is not of type|is a required property|was unexpected|is not one of \[|does not match '|"
                         r"is greater than|is less than|' is too long", english), english


def test_an_integer_beyond_what_sqlite_holds_is_refused_in_welsh(bundle_text: str) -> None:
    data = json.loads(bundle_text)
    data["steps"][0]["position"] = 2**64  # the schema's own maximum stops it first: the check beyond it, alone
    welsh, english = both(lambda: validation.check_bundle_values(data, "tim.json"))
    assert english.startswith("In tim.json, the step ") and "beyond what the workspace can hold" in english, english
    assert "position" in english and "tim.json" in welsh


def test_an_invalid_json_file_names_the_line_in_welsh() -> None:
    act = lambda: bundle.parse_bundle('{"format": ', name="tim.json")  # noqa: E731
    welsh, english = both(act)
    assert "(line 1, column 12)" in english and "1" in welsh and "12" in welsh


def test_a_note_on_nothing_is_refused_in_welsh(bundle_text: str) -> None:
    def change(data: dict[str, Any]) -> None:
        step = data["steps"][0]
        data["notes"] = [{"id": "00000000-0000-4000-8000-00000000000a", "journey_id": step["journey_id"],
                          "step_id": None, "dependency_id": None, "body": "x", "author_id": None,
                          "created_at": step["created_at"], "updated_at": step["updated_at"]}]
    _welsh, english = both(damaged(bundle_text, change))
    assert "not on exactly one step or hand-off" in english


# --- the services -------------------------------------------------------------------------------


@pytest.fixture
def built(store: Store) -> Iterator[tuple[Store, Any]]:
    with store.session() as session:
        yield store, small_journey(session)


def test_create_and_update_refusals_in_welsh(built: tuple[Store, Any]) -> None:
    store, b = built
    with store.session() as s:
        cases: list[tuple[Callable[[], Any], str]] = [
            (lambda: services.update_step(s, b.steps["A"], data={"title": "   "}), "title"),
            (lambda: services.update_step(s, b.steps["A"], data={"title": None}), "title"),
            (lambda: services.update(s, "organisations", b.orgs["CH"], data={"short_name": "x" * 41}), "short name"),
            (lambda: services.update(s, "organisations", b.orgs["CH"], data={"kind": "cartel"}), "'cartel'"),
            (lambda: services.update_step(s, b.steps["A"], data={"emotion": 3}), "feeling"),
            (lambda: services.update_step(s, b.steps["A"], data={"monthly_volume": "lots"}), "whole number"),
            (lambda: services.create(s, "journeys", data={"community_id": b.community}), "name"),
            (lambda: services.create_step(s, data={"journey_id": b.journey, "stage_id": b.stages["Tax"],
                                                   "title": "D", "channels": ["pigeon"]}), "'pigeon'"),
        ]
        for act, said in cases:
            _welsh, english = both(act)
            assert said in english, (said, english)
            assert "Input should" not in english and "String should" not in english, english


def test_a_duplicate_hand_off_is_refused_in_welsh(built: tuple[Store, Any]) -> None:
    store, b = built
    with store.session() as s:
        act = lambda: services.create_dependency(  # noqa: E731
            s, data={"from_step_id": b.steps["A"], "to_step_id": b.steps["B"], "kind": "data_handoff"})
        _welsh, english = both(act)
        assert english == "Those steps already have a data hand-off dependency."


def test_a_blocker_already_in_its_status_is_refused_in_welsh(built: tuple[Store, Any]) -> None:
    store, b = built
    with store.session() as s:
        blocker = services.create_blocker(s, data={"community_id": b.community, "title": "Stuck",
                                                   "step_ids": [b.steps["A"]]}).value
        services.change_blocker_status(s, blocker.id, status="in_progress")
        _welsh, english = both(lambda: services.change_blocker_status(s, blocker.id, status="in_progress"))
        assert english == "The blocker is already in progress."


def test_every_column_has_a_field_label() -> None:
    from servicecommunity.domain.models import ENTITIES
    from servicecommunity.store import codec

    missing = [(section, name) for section in ENTITIES for name, _ in codec.columns(section)
               if name != "id" and name not in labels.FIELD_LABELS]
    assert missing == []
    assert merge.field_label("updated_at") == "last updated"


@pytest.mark.parametrize("section", sorted(services.NOUN))
def test_merge_and_version_sentences_are_whole_for_every_noun(section: str) -> None:
    for table in (labels.CONFLICT_DELETED, labels.CONFLICT_VALUES, labels.CHANGED_SINCE, labels.KEEPS_CHANGING):
        assert section in table
        with i18n.language("cy"):
            welsh = i18n.gettext(table[section])
        assert "{noun}" not in table[section] and welsh != table[section]


# --- the command line's --help ------------------------------------------------------------------


def run(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    with contextlib.suppress(SystemExit):
        main(list(args))
    out, err = capsys.readouterr()
    return out + err


@pytest.mark.parametrize("command", ["import", "export", "analyse", "resolve", "blockers", "compare", "copy",
                                     "restore", "join-duplicates"])
def test_help_of_subcommands_in_welsh_has_no_english_placeholders(capsys: pytest.CaptureFixture[str], command: str) -> None:
    english = run(capsys, "--lang", "en", command, "--help")
    welsh = run(capsys, "--lang", "cy", command, "--help")
    assert METAVARS.search(english), english
    assert not METAVARS.search(welsh), METAVARS.findall(welsh)


def test_top_level_help_in_welsh_has_no_command_placeholder(capsys: pytest.CaptureFixture[str]) -> None:
    assert "COMMAND" in run(capsys, "--lang", "en", "--help")
    assert not METAVARS.search(run(capsys, "--lang", "cy", "--help"))


# --- opening a file that is not a workspace -----------------------------------------------------


def test_another_programs_database_is_refused_in_welsh(tmp_path: Any) -> None:
    import sqlite3

    from servicecommunity.store.workspace import open_store

    path = tmp_path / "other.sqlite"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE recipes (name TEXT)")
    welsh, english = both(lambda: open_store(path).close())
    assert english == (f"{path} is another program's SQLite database, not a Service Community workspace; "
                       "it was left as it is; choose another file.")
    assert str(path) in welsh


# --- the GOV.UK and spreadsheet imports ---------------------------------------------------------


def test_a_malformed_govuk_step_by_step_is_refused_in_welsh() -> None:
    from servicecommunity.exchange.imports import govuk
    from tests.core.test_import_govuk import DRIVING

    data = json.loads(json.dumps(DRIVING))
    data["details"]["step_by_step_nav"]["steps"][1]["title"] = 5
    _welsh, english = both(lambda: govuk.parse(data, "drive.json"))
    assert english.endswith("steps/1/title, the value should be text."), english
    assert "should be a string" not in english


def test_a_spreadsheet_rows_errors_are_welsh(store: Store, tmp_path: Any) -> None:
    from servicecommunity.exchange.imports import spreadsheet

    with store.session() as session:
        small_journey(session)
    path = tmp_path / "steps.csv"
    path.write_text("Stage,Step,User satisfaction\nRegister,D,150\n", encoding="utf-8")
    lines = {}
    for lang in ("cy", "en"):
        with i18n.language(lang), store.session() as session:
            lines[lang] = spreadsheet.preview(session, path, kind="steps").error_lines()
    assert lines["en"] == ["row 2: User satisfaction: 150.0 is too large: the most it can be is 100.0."], lines
    assert len(lines["cy"]) == 1 and not english_words(lines["cy"][0]), lines["cy"]


# --- the Mermaid export's own words --------------------------------------------------------------


def test_a_welsh_mermaid_export_has_no_english_of_its_own(built: tuple[Store, Any], tmp_path: Any) -> None:
    from servicecommunity.exchange import exports

    store, b = built
    with store.session() as s:
        services.update_step(s, b.steps["C"], data={"owner_id": None})
        text = {}
        for lang in ("cy", "en"):
            exports.export(s, "mermaid", tmp_path / f"{lang}.mmd", include_sensitive=True, options={"lang": lang})
            text[lang] = (tmp_path / f"{lang}.mmd").read_text(encoding="utf-8")
    assert "exported" in text["en"] and "No owner" in text["en"]
    comments = [line for line in text["cy"].splitlines() if line.startswith("%%")]
    assert "Dim perchennog" in text["cy"] and not any(english_words(c) for c in comments), comments


def test_a_welsh_bpmn_and_graphml_export_say_their_own_words_in_welsh(built: tuple[Store, Any], tmp_path: Any) -> None:
    from servicecommunity.exchange import exports

    store, _ = built
    text = {}
    with store.session() as s:
        for lang in ("cy", "en"):
            for fmt in ("bpmn", "graphml"):
                path = tmp_path / f"{lang}.{fmt}"
                exports.export(s, fmt, path, include_sensitive=True, options={"lang": lang})
                text[lang, fmt] = path.read_text(encoding="utf-8")
    assert "Hand-off by api." in text["en", "bpmn"] and 'name="No owner"' in text["en", "bpmn"]
    assert "Trosglwyddo drwy api." in text["cy", "bpmn"] and 'name="Dim perchennog"' in text["cy", "bpmn"]
    assert "Hand-off by" not in text["cy", "bpmn"] and "No owner" not in text["cy", "bpmn"]
    assert "No owner" in text["en", "graphml"] and "No owner" not in text["cy", "graphml"]


def test_the_welsh_posters_lane_of_unowned_steps_is_welsh(built: tuple[Store, Any], tmp_path: Any) -> None:
    from servicecommunity.exchange import exports

    store, _ = built
    text = {}
    with store.session() as s:
        for lang in ("cy", "en"):
            exports.export(s, "svg", tmp_path / f"{lang}.svg", include_sensitive=True, options={"lang": lang})
            text[lang] = (tmp_path / f"{lang}.svg").read_text(encoding="utf-8")
    assert "No owner" in text["en"]
    assert "No owner" not in text["cy"] and "Dim perchennog" in text["cy"]


def test_the_backups_list_says_why_each_was_taken_in_welsh(built: tuple[Store, Any], capsys: pytest.CaptureFixture[str]) -> None:
    from servicecommunity.store import backups

    store, _ = built
    backups.take(store, "daily")
    english = run(capsys, "--lang", "en", "backups", "--db", str(store.path))
    welsh = run(capsys, "--lang", "cy", "backups", "--db", str(store.path))
    assert "  daily  " in english and "  dyddiol  " in welsh and "  daily  " not in welsh  # the file name keeps it


def test_the_exports_preview_lines_are_welsh(built: tuple[Store, Any]) -> None:
    from servicecommunity.exchange import exports

    store, _ = built
    lines = {}
    with store.session() as s:
        for lang in ("cy", "en"):
            with i18n.language(lang):
                lines[lang] = exports.preview(s).lines()
    assert lines["en"][0].startswith("Includes: 1 journey, 3 steps") and lines["en"][-1] == "Marked: OFFICIAL.", lines["en"]
    assert lines["cy"][0].startswith("Yn cynnwys: 1 daith, 3 cham"), lines["cy"]
    assert not any(english_words(line) for line in lines["cy"]), lines["cy"]


def test_the_charts_label_unowned_blockers_in_welsh(built: tuple[Store, Any]) -> None:
    from servicecommunity.services.queries import charts

    store, b = built
    with store.session() as s:
        services.create_blocker(s, data={"community_id": b.community, "title": "Stuck", "step_ids": [b.steps["C"]]})
        with i18n.language("cy"):
            welsh = charts.severity_bars(s, b.community).labels
        english = charts.severity_bars(s, b.community).labels
    assert english == ["No owner"] and welsh == ["Dim perchennog"], (english, welsh)
