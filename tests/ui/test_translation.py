"""The app in Welsh (issue 19): a complete, current .ts; Welsh plurals; no English left in the
translated window; no clipped text when every string is 40% longer (pseudo-localisation)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QPoint, QRect
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QApplication,
    QDockWidget,
    QLabel,
    QMenu,
    QTabBar,
    QWidget,
)

from ui import i18n

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))
import compile_translations  # noqa: E402
import update_ui_translations  # noqa: E402

TS = i18n.ts_path("cy")
PLACEHOLDER = re.compile(r"\{[^{}]*\}|%n|%L?\d+")


def messages(path: Path) -> list[tuple[str, ET.Element]]:
    root = ET.parse(path).getroot()
    return [(context.findtext("name") or "", message) for context in root.iter("context")
            for message in context.iter("message")]


def sources(path: Path) -> set[tuple[str, str, str]]:
    return {(ctx, m.findtext("source") or "", m.findtext("comment") or "") for ctx, m in messages(path)}


@pytest.fixture(autouse=True)
def _keep_the_core_language() -> Iterator[None]:
    """i18n.install sets the core's language for the process too: put back what it was."""
    from servicecommunity import i18n as core_i18n

    before = dict(core_i18n._chosen)
    yield
    core_i18n._chosen.clear()
    core_i18n._chosen.update(before)


@pytest.fixture
def welsh(qapp: QApplication) -> Iterator[str]:
    lang = i18n.install("cy")
    yield lang
    i18n.install("en")


# --- (a) the catalogue is complete and current ----------------------------------------------------
def test_every_string_has_a_finished_welsh_translation() -> None:
    problems = []
    found = messages(TS)
    assert len(found) > 50, "the .ts holds hardly any of the app's text"
    for context, message in found:
        source = message.findtext("source") or ""
        translation = message.find("translation")
        assert translation is not None
        where = f"{context}: {source!r}"
        if translation.get("type") in ("unfinished", "vanished", "obsolete"):
            problems.append(f"{where} is {translation.get('type')}")
            continue
        texts = ([f.text or "" for f in translation.iter("numerusform")] if message.get("numerus") == "yes"
                 else [translation.text or ""])
        if message.get("numerus") == "yes" and len(texts) != 5:
            problems.append(f"{where} has {len(texts)} plural forms, not Qt's five for Welsh")
        for text in texts:
            if not text.strip():
                problems.append(f"{where} has an empty translation")
            elif set(PLACEHOLDER.findall(text)) - {"%n"} != set(PLACEHOLDER.findall(source)) - {"%n"}:
                problems.append(f"{where}: the placeholders of {text!r} differ from the source's")
    assert not problems, "\n".join(problems)


def test_the_ts_holds_exactly_the_text_in_the_code(tmp_path: Path) -> None:
    fresh = tmp_path / "fresh_cy.ts"
    done = update_ui_translations.update(fresh)
    assert done.returncode == 0, done.stderr
    in_code, in_ts = sources(fresh), sources(TS)
    missing, stale = sorted(in_code - in_ts), sorted(in_ts - in_code)
    assert not missing and not stale, (
        f"run `make translations` (scripts/update_ui_translations.py): {len(missing)} new, "
        f"{len(stale)} gone: {(missing + stale)[:10]}"
    )


def test_the_ts_compiles_and_the_compiled_catalogue_says_the_same(tmp_path: Path, qapp: QApplication) -> None:
    ts = tmp_path / TS.name
    shutil.copy(TS, ts)
    assert compile_translations.compile_ts(ts)
    from_qm = i18n.AppTranslator("cy")
    assert not from_qm.isEmpty()
    table = i18n.read_ts(TS)
    loaded = i18n.QTranslator()
    assert loaded.load(str(ts.with_suffix(".qm")))
    for (context, source, comment), text in table.items():
        if isinstance(text, str):
            assert loaded.translate(context, source, comment or None) == text


# --- (d) plurals -----------------------------------------------------------------------------------
@pytest.mark.parametrize("read_the_ts", [True, False], ids=["ts", "qm"])
def test_welsh_plurals_for_0_1_2_3_6_and_20(
    read_the_ts: bool, qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "translations"
    folder.mkdir()
    shutil.copy(TS, folder / TS.name)
    if not read_the_ts:
        assert compile_translations.compile_ts(folder / TS.name)
    monkeypatch.setattr(i18n, "translations_dir", lambda: folder)
    translator = i18n.AppTranslator("cy")
    assert translator.from_qm is not read_the_ts
    qapp.installTranslator(translator)
    try:
        said = {n: QCoreApplication.translate("BlockerTable", "%n hand-off(s)", "", n) for n in (0, 1, 2, 3, 4, 6, 20)}
        untranslated = QCoreApplication.translate("BlockerTable", "no such text")
    finally:
        qapp.removeTranslator(translator)
    # a masculine noun: soft mutation after 2, aspirate after 3 and 6, none after 4 or 20
    assert said == {0: "0 trosglwyddiad", 1: "1 trosglwyddiad", 2: "2 drosglwyddiad", 3: "3 throsglwyddiad",
                    4: "4 trosglwyddiad", 6: "6 throsglwyddiad", 20: "20 trosglwyddiad"}
    assert untranslated == "no such text"  # not blank: text without a translation stays English


def test_welsh_form_rule() -> None:
    assert [i18n.welsh_form(n) for n in (0, 1, 2, 3, 4, 5, 6, 7, 20, 100)] == [0, 1, 2, 3, 4, 4, 3, 4, 4, 4]


# --- (c) the window in Welsh -----------------------------------------------------------------------
def shown_text(window: QWidget) -> list[tuple[str, str]]:
    """(where, text) for everything a member reads in the window: labels, buttons, tool tips,
    titles, tabs, placeholders and every menu's actions."""
    found: list[tuple[str, str]] = [("window title", window.windowTitle())]
    for widget in window.findChildren(QWidget):
        name = type(widget).__name__
        for attribute in ("text", "placeholderText", "windowTitle", "toolTip", "title"):
            if isinstance(widget, QMenu) and attribute == "text":
                continue
            getter = getattr(widget, attribute, None)
            if (callable(getter) and isinstance(widget, (QLabel, QAbstractButton, QDockWidget, QMenu))) or (
                    attribute in ("toolTip", "placeholderText") and callable(getter)):
                try:
                    value = getter()
                except TypeError:
                    continue
                if isinstance(value, str):
                    found.append((f"{name}.{attribute}", value))
        if isinstance(widget, QTabBar):
            found += [(f"tab {i}", widget.tabText(i)) for i in range(widget.count())]
    menus = [window.menuBar()] if hasattr(window, "menuBar") else []
    while menus:
        menu = menus.pop()
        for action in menu.actions():
            found += [("menu", action.text()), ("menu tooltip", action.toolTip())]
            if action.menu() is not None:
                menus.append(action.menu())
    return found


def plain(text: str) -> str:
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").strip()


def english_sources() -> set[str]:
    """Every English source whose Welsh differs, less the texts that are also Welsh ("Help" is the
    Welsh Help menu, and the English of Qt's Help button)."""
    table = i18n.read_ts(TS)
    welsh = {plain(text) for text in table.values() if isinstance(text, str)}
    return {plain(source) for (_, source, _), text in table.items()
            if isinstance(text, str) and plain(text) != plain(source)} - welsh


def test_the_welsh_window_shows_no_english_source_string(welsh: str, make_window: object) -> None:
    english = english_sources()
    window = make_window()  # type: ignore[operator]
    shown = shown_text(window)
    assert len(shown) > 50
    left = sorted({f"{where}: {plain(text)!r}" for where, text in shown if plain(text) in english})
    assert not left, "English in the Welsh window:\n" + "\n".join(left)


def test_every_dialog_in_welsh_shows_no_english_source_string(welsh: str, make_window: object, qtbot: object,
                                                             tmp_path: Path) -> None:
    """Every dialog of the accessibility audit (tests/ui/test_accessibility.py), opened in Welsh."""
    from tests.ui.test_accessibility import DIALOGS, _dialogs

    english = english_sources() - {"Ours", "Theirs"}  # the community's data: the step titles _dialogs writes
    window = make_window()  # type: ignore[operator]
    left: list[str] = []
    opened = 0
    for dialog in _dialogs(window, tmp_path):
        qtbot.addWidget(dialog)  # type: ignore[attr-defined]
        dialog.show()
        opened += 1
        left += sorted({f"{type(dialog).__name__} {where}: {plain(text)!r}" for where, text in shown_text(dialog)
                        if plain(text) in english})
        dialog.close()
    assert opened == DIALOGS
    assert not left, "English in the Welsh dialogs:\n" + "\n".join(left)


# --- (b) pseudo-localisation ---------------------------------------------------------------------
def test_pseudo_keeps_placeholders_and_is_about_40_percent_longer() -> None:
    text = i18n.pseudo("Save {name} as %1 &now <b>%n</b>")
    assert "{name}" in text and "%1" in text and "%n" in text and "<b>" in text and "&" in text
    assert text.startswith("[") and "Š" in text
    source = "The language changes the next time you start Service Community."
    assert 1.35 * len(source) <= len(i18n.pseudo(source)) <= 1.5 * len(source)


def clipped(window: QWidget) -> list[str]:
    """Labels and buttons that show less of their text than it needs: narrower than their size
    hint, or cut by the panel they sit in (what is left of them on screen is narrower). Widgets in
    a scrolled area are left out: scrolling shows the rest."""
    found = []
    for widget in window.findChildren(QWidget):
        if not widget.isVisible() or widget.width() <= 0 or _scrolled(widget, window):
            continue
        if (isinstance(widget, QLabel) and not widget.wordWrap() and widget.text() and widget.pixmap().isNull()) or (isinstance(widget, QAbstractButton) and widget.text()):
            need = widget.sizeHint().width()
        else:
            continue
        shown = _shown_width(widget, window)
        if shown > 0 and shown + 1 < need:  # 0: not on screen at all (a panel closed or not laid out)
            found.append(f"{type(widget).__name__} {widget.text()!r}: {shown} of {need} px shown")
    return found


def _shown_width(widget: QWidget, top: QWidget) -> int:
    """How wide the part of ``widget`` left inside every panel around it is."""
    rect = QRect(widget.mapTo(top, QPoint(0, 0)), widget.size())
    parent = widget.parentWidget()
    while parent is not None and parent is not top:
        rect = rect.intersected(QRect(parent.mapTo(top, QPoint(0, 0)), parent.size()))
        parent = parent.parentWidget()
    return rect.intersected(top.rect()).width()


def _scrolled(widget: QWidget, top: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None and parent is not top:
        if isinstance(parent, QAbstractScrollArea):
            return True
        parent = parent.parentWidget()
    return False


def test_pseudo_text_is_not_clipped_in_the_main_window(qapp: QApplication, make_window: object) -> None:
    i18n.install("en", pseudo_text=True)
    try:
        window = make_window()  # type: ignore[operator]
        window.resize(1366, 728)
        for _ in range(3):
            qapp.processEvents()
        assert any("·" in text for _, text in shown_text(window)), "the pseudo translator changed nothing"
        problems = clipped(window)
    finally:
        i18n.install("en")
    assert not problems, "\n".join(problems)


def _dialogs() -> list[QWidget]:
    from servicecommunity.services.queries.blockers import FormChoices
    from ui.panels.blockers.forms import BlockerForm, CommentDialog, StatusDialog
    from ui.panels.people import GroupForm, MemberForm, OrganisationForm, WhoAmIDialog

    orgs = [("Department for Business and Trade", "o1"), ("HM Revenue & Customs", "o2")]
    return [
        BlockerForm(FormChoices(orgs, [("Register · Register for Corporation Tax", "s1")], [("A → B", "d1")])),
        StatusDialog("open"), CommentDialog(), OrganisationForm(), MemberForm(orgs, []), GroupForm([]),
        WhoAmIDialog([("Alice Jones", "m1")], None),
    ]


def test_pseudo_text_is_not_clipped_in_the_dialogs(qapp: QApplication, qtbot: object) -> None:
    i18n.install("en", pseudo_text=True)
    problems = []
    try:
        for dialog in _dialogs():
            qtbot.addWidget(dialog)  # type: ignore[attr-defined]
            dialog.show()
            qapp.processEvents()
            assert "·" in dialog.windowTitle() or dialog.findChildren(QLabel), type(dialog).__name__
            problems += [f"{type(dialog).__name__}: {p}" for p in clipped(dialog)]
            dialog.close()
    finally:
        i18n.install("en")
    assert not problems, "\n".join(problems)


def test_clipped_finds_a_button_cut_by_its_panel(qapp: QApplication, qtbot: object) -> None:
    """The check itself: a button wider than the panel it sits in is found, a fitting one is not."""
    from PySide6.QtWidgets import QHBoxLayout, QPushButton

    outer = QWidget()
    qtbot.addWidget(outer)  # type: ignore[attr-defined]
    outer.resize(400, 60)
    panel = QWidget(outer)
    panel.setGeometry(0, 0, 120, 60)
    row = QHBoxLayout(panel)
    row.addWidget(QPushButton(i18n.pseudo("Raise a blocker on this step")))
    fits = QPushButton("OK", outer)
    fits.move(200, 10)
    outer.show()
    qapp.processEvents()
    found = clipped(outer)
    assert len(found) == 1 and "Ŕåîšé" in found[0]


def test_screenshots_script_renders_a_pseudo_window(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "screenshots.py"), "--pseudo", "--out", str(tmp_path),
         "window-1366x768"],
        capture_output=True, text=True, timeout=300, check=False,
    )
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "window-1366x768-pseudo.png").stat().st_size > 10_000


# --- choosing the language -------------------------------------------------------------------------
def test_the_language_is_the_launcher_s_then_the_environment_s_then_the_setting_then_the_system_s(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from ui import settings

    monkeypatch.delenv("SERVICECOMMUNITY_LANG", raising=False)
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "cy_GB.UTF-8")
    assert i18n.choose_language() == "cy"  # the system's
    settings.LANGUAGE.set("en")
    assert i18n.choose_language() == "en"  # Settings > Language beats the system
    monkeypatch.setenv("SERVICECOMMUNITY_LANG", "cy")
    assert i18n.choose_language() == "cy"  # the environment beats the setting
    assert i18n.choose_language("en") == "en"  # --lang beats everything
    settings.LANGUAGE.set("klingon")
    monkeypatch.delenv("SERVICECOMMUNITY_LANG")
    assert i18n.choose_language() == "cy"  # a hand-edited setting is ignored, not fatal


def test_the_language_menu_saves_the_choice_and_says_it_applies_at_the_next_start(
    qtbot: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ui import settings

    told: list[str] = []
    monkeypatch.setattr(i18n.QMessageBox, "information", lambda _parent, _title, text: told.append(text))
    parent = QWidget()
    qtbot.addWidget(parent)  # type: ignore[attr-defined]
    menu = i18n.language_menu(parent)
    names = [a.text() for a in menu.actions()]
    assert names == ["The system's language", "English", "Cymraeg"]
    assert menu.actions()[0].isChecked()  # nothing saved: the system's
    menu.actions()[2].trigger()
    assert settings.LANGUAGE.get() == "cy"
    assert told and "next time you start" in told[0]
    menu.actions()[2].trigger()  # the same again: nothing to say
    assert len(told) == 1


def test_the_launcher_takes_lang() -> None:
    from ui.app import parse_args

    args, _qt = parse_args(["--lang", "cy", "--db", "x.sqlite"])
    assert args.lang == "cy"
    assert parse_args([])[0].lang is None


def test_a_text_recorded_under_another_context_is_still_translated(qapp: QApplication) -> None:
    """self.tr in a base class runs under the subclass's name; a tr = ... helper is recorded with
    no context: the text is found by its source."""
    translator = i18n.AppTranslator("cy")
    qapp.installTranslator(translator)
    try:
        assert QCoreApplication.translate("SomeSubclass", "Delete journey") == "Dileu'r daith"
        assert QCoreApplication.translate("AppContext", "blocker updates") == "diweddariadau rhwystrau"
        assert QCoreApplication.translate("SomeSubclass", "%n step(s)", "", 3) == "3 cham"
        assert QCoreApplication.translate("SomeSubclass", "not in the catalogue") == "not in the catalogue"
    finally:
        qapp.removeTranslator(translator)


# --- dates and Qt's own buttons follow the language ------------------------------------------------
def test_dates_show_welsh_month_names(welsh: str) -> None:
    from datetime import UTC, date, datetime

    from ui.dialogs import conflicts
    from ui.panels.blockers.history import HISTORY_COLUMNS
    from ui.panels.blockers.table import fmt_date

    assert fmt_date(date(2026, 12, 3)) == "3 Rhag 2026"
    assert "Rhag 2026" in conflicts.when("2026-12-03T12:45:00Z")
    assert i18n.format_month(date(2026, 12, 1), "LLLL y") == "Rhagfyr 2026"
    entry = type("Entry", (), {"at": datetime(2026, 3, 4, 12, 0, tzinfo=UTC)})()
    when = HISTORY_COLUMNS[0]
    assert when.tooltip is not None and "Maw 2026" in when.tooltip(entry)  # type: ignore[arg-type]


def test_the_blocker_register_shows_its_dates_in_welsh(welsh: str, make_window: object) -> None:
    from ui.panels.blockers.table import BLOCKER_COLUMNS

    months = ("Ion", "Chwef", "Maw", "Ebr", "Mai", "Meh", "Gorff", "Awst", "Medi", "Hyd", "Tach", "Rhag")
    model = make_window().panels.register.model  # type: ignore[operator]
    raised = next(i for i, c in enumerate(BLOCKER_COLUMNS) if c.title == "Raised")
    assert model.rowCount() > 0
    cells = [str(model.data(model.index(row, raised))) for row in range(model.rowCount())]
    assert all(any(f" {month} 20" in cell for month in months) for cell in cells), cells[:5]


def test_a_message_box_in_welsh_shows_welsh_standard_buttons(welsh: str) -> None:
    from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

    box = QMessageBox(QMessageBox.Icon.Question, "t", "x",
                      QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel | QMessageBox.StandardButton.Yes)
    assert {b.text() for b in box.buttons()} == {"Iawn", "Canslo", "&Ie"}
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close | QDialogButtonBox.StandardButton.Save)
    assert {b.text() for b in buttons.buttons()} == {"Cau", "Cadw"}


def test_the_conflict_sentences_are_whole_sentences_for_each_kind_of_record(welsh: str) -> None:
    from types import SimpleNamespace

    from servicecommunity.services import NOUN
    from ui.dialogs import conflicts

    assert set(conflicts.KIND_TEXT) == set(NOUN)  # every kind of record has its own sentences
    journey, step = SimpleNamespace(section="journeys"), SimpleNamespace(section="steps")
    assert conflicts.choice_text(journey, "keep") == "&Cadw'r daith"  # type: ignore[arg-type]
    assert conflicts.kind_text(step, "gone").startswith("Dilëir y cam yma nawr")  # type: ignore[arg-type]
    assert "wnaed iddi" in conflicts.kind_text(journey, "kept")  # type: ignore[arg-type]  # feminine: "to her"
    assert conflicts.settled_text(2, 1, []).startswith("2 wrthdaro wedi'u setlo")


def test_the_govuk_import_preview_says_what_it_makes_in_welsh(welsh: str) -> None:
    from types import SimpleNamespace

    from servicecommunity.exchange.imports import govuk
    from ui.dialogs.importing import govuk_summary

    skeleton = SimpleNamespace(name="Dysgu gyrru", stages=[0], steps=[0, 1], dependencies=[],
                               warnings=[govuk.USER_NEED_PROMPT])
    text = govuk_summary(skeleton)  # type: ignore[arg-type]
    assert text.startswith("Taith “Dysgu gyrru” — cyfnodau: 1; camau: 2; trosglwyddiadau: 0. Gadewir angen y defnyddiwr")


def test_the_charts_speak_welsh_month_names_and_captions(welsh: str, qtbot: object, ctx: object) -> None:
    from ui.panels.charts import BlockerTrendChart, StepMeasuresChart

    months = ("Ionawr", "Chwefror", "Mawrth", "Ebrill", "Mai", "Mehefin", "Gorffennaf", "Awst", "Medi", "Hydref",
              "Tachwedd", "Rhagfyr")
    trend, measures = BlockerTrendChart(ctx), StepMeasuresChart(ctx)  # type: ignore[arg-type]
    for chart in (trend, measures):
        qtbot.addWidget(chart)  # type: ignore[attr-defined]
        chart.show()  # a chart draws when it is shown
        qtbot.waitUntil(lambda chart=chart: bool(chart.caption.text()), timeout=10_000)  # type: ignore[attr-defined]
    assert any(f"{month} 20" in trend.caption.text() for month in months), trend.caption.text()
    assert measures.caption.text().startswith("Camau: 1. ")
