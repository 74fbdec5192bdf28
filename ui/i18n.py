"""The app's language: Qt's translation of the window's text (Welsh or English).

The source text in ``ui/`` is English, marked with ``self.tr`` (in QObject subclasses) or
``QCoreApplication.translate("Context", ...)``. ``make translations`` extracts it with
``pyside6-lupdate`` into ``servicecommunity/resources/locale-qt/servicecommunity_cy.ts`` (the
file a translator edits, with Qt Linguist or a text editor), and ``scripts/compile_translations.py``
compiles it to the ``.qm`` beside it with ``pyside6-lrelease`` (``make``, the wheel check, the
frozen app). An install without the ``.qm`` (or with one older than its ``.ts``) reads the ``.ts``
itself, so a translation is never silently missing or stale.

Which language, first found wins: ``--lang cy|en`` on the app's launcher; ``SERVICECOMMUNITY_LANG``;
the choice in Settings > Language (:data:`ui.settings.LANGUAGE`, applied at the next start, or at
once with its "Restart now"); the
system's locale; English. The core's messages follow the same choice
(:func:`servicecommunity.i18n.set_language`).

Plurals (``self.tr("%n step(s)", "", n)``): Qt Linguist gives Welsh five numerus forms. The app
chooses them by the Welsh rule, not Qt's (which puts 3, 4 and 5 with 2): form 1 for 0, form 2 for
1, form 3 for 2, form 4 for 3 and 6 (both mutate the same way after a masculine noun: *3 cham*,
*6 cham*), form 5 for every other number (*4 cam*, *20 cam*). :func:`welsh_form` is the rule.

:class:`PseudoTranslator` makes every string about 40% longer, with accents, to find text that
would be clipped in a longer language (``scripts/screenshots.py --pseudo``).
"""

from __future__ import annotations

import math
import os
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QLibraryInfo,
    QLocale,
    QProcess,
    QProcessEnvironment,
    Qt,
    QTimer,
    QTranslator,
)
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu, QMessageBox, QWidget

from servicecommunity import i18n as core_i18n
from servicecommunity.domain import enums
from servicecommunity.resources import resources_dir
from ui import settings

NAME = "servicecommunity"
#: the languages of the app, each in its own words (never translated)
LANGUAGES: dict[str, str] = dict(core_i18n.LANGUAGES)

#: Qt's Welsh numerus forms, and the number Qt's own rule maps to each (0; 1; 2-5; 6; other)
_QT_WELSH_SAMPLE = (0, 1, 2, 6, 7)

Key = tuple[str, str, str]  # context, source, disambiguation


def translations_dir() -> Path:
    return resources_dir() / "locale-qt"


def ts_path(lang: str) -> Path:
    return translations_dir() / f"{NAME}_{lang}.ts"


def qm_path(lang: str) -> Path:
    return translations_dir() / f"{NAME}_{lang}.qm"


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """``text`` unchanged, marked for ``context``: translated later, where it is shown
    (``QCoreApplication.translate(context, text)``). Qt's own is typed as returning ``object``."""
    return text


def translate(context: str, source: str, disambiguation: str | None = None, n: int = -1) -> str:
    """``QCoreApplication.translate``, with English plurals resolved when nothing translated them
    (``%n step(s)``: "1 step", "2 steps"). lupdate finds the calls by this name."""
    text = QCoreApplication.translate(context, source, disambiguation, n)
    return english_plural(text, n) if n >= 0 else text


def label(value: str) -> str:
    """A stored value as a person reads it, in the app's language (the core's catalogue of labels,
    ``servicecommunity.exchange.exports.labels``): ``face_to_face`` -> ``Wyneb yn wyneb``."""
    return core_i18n.gettext(enums.label(value))


def format_date(value: date | None, style: str = "medium") -> str:
    """A day as the app's language writes it (Babel): ``3 Dec 2026``, ``3 Rhag 2026``; "" for none."""
    return core_i18n.format_date(value, style) if value is not None else ""


def format_datetime(value: datetime) -> str:
    """A moment in this laptop's time zone, in the app's language: ``3 Rhag 2026, 06:45``."""
    from babel.dates import format_time

    local = value.astimezone() if value.tzinfo is not None else value
    time = str(format_time(local, "short", locale=core_i18n.babel_locale()))
    return translate("Dates", "{0}, {1}", "a day, then a time of day").format(format_date(local.date()), time)


def format_month(value: date, pattern: str = "LLL") -> str:
    """A month's name in the app's language (``LLL``: ``Rhag``; ``LLLL y``: ``Rhagfyr 2026``)."""
    from babel.dates import format_date as babel_format_date

    return str(babel_format_date(value, format=pattern, locale=core_i18n.babel_locale()))


def welsh_form(n: int) -> int:
    """The index of the Welsh numerus form for ``n`` (see the module's notes)."""
    n = abs(n)
    if n in (0, 1, 2):
        return n
    if n in (3, 6):
        return 3
    return 4


def read_ts(path: Path) -> dict[Key, str | list[str]]:
    """The finished translations of a ``.ts`` file: one text, or a list of numerus forms."""
    table: dict[Key, str | list[str]] = {}
    root = ET.parse(path).getroot()
    for context in root.iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            if translation is None or translation.get("type") in ("unfinished", "obsolete", "vanished"):
                continue
            key = (name, message.findtext("source") or "", message.findtext("comment") or "")
            if message.get("numerus") == "yes":
                forms = [form.text or "" for form in translation.iter("numerusform")]
                if forms and all(forms):
                    table[key] = forms
            elif translation.text:
                table[key] = translation.text
    return table


class AppTranslator(QTranslator):
    """The app's catalogue of one language: the compiled ``.qm``, or the ``.ts`` read directly if
    the ``.qm`` is missing or older; plurals chosen by the Welsh rule (:func:`welsh_form`)."""

    def __init__(self, lang: str, parent: QCoreApplication | None = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self._table: dict[Key, str | list[str]] = {}
        ts, qm = ts_path(lang), qm_path(lang)
        self.from_qm = qm.exists() and (not ts.exists() or qm.stat().st_mtime >= ts.stat().st_mtime) and self.load(str(qm))
        if ts.exists():
            self._table = read_ts(ts)
        #: a text by its source alone, for a call whose context differs from the one lupdate recorded
        #: (``self.tr`` in a base class runs under the subclass's name; a ``tr = ...`` helper is
        #: recorded without a context)
        self._by_source: dict[str, str | list[str]] = {}
        for (_context, source, comment), text in self._table.items():
            if not comment:
                self._by_source.setdefault(source, text)

    def isEmpty(self) -> bool:
        return not self.from_qm and not self._table

    def language(self) -> str:
        return self.lang

    def translate(self, context: str, source: str, disambiguation: str | None = None, n: int = -1) -> str | None:
        # None, not "": Qt takes an empty string for a translation, and would show nothing
        form = welsh_form(n) if n >= 0 and self.lang == "cy" else None
        if self.from_qm:
            sample = n if form is None else _QT_WELSH_SAMPLE[form]
            done = super().translate(context, source, disambiguation, sample)
            if done:
                return done
        found = self._table.get((context, source, disambiguation or "")) if not self.from_qm else None
        if found is None and not disambiguation:
            found = self._by_source.get(source)
        if isinstance(found, list):
            return found[min(form if form is not None else (0 if n == 1 else 1), len(found) - 1)]
        return found or None


class EnglishPlurals(QTranslator):
    """English needs no catalogue but its plurals: ``%n step(s)`` says "1 step", "2 steps"; and
    ``%n (dependency|dependencies)`` picks a word. Other text is left to the source."""

    def isEmpty(self) -> bool:
        return False

    def translate(self, context: str, source: str, disambiguation: str | None = None, n: int = -1) -> str | None:
        if n < 0 or "%n" not in source:
            return None
        return english_plural(source, n)


_CHOICE = re.compile(r"\(([^()|]*)\|([^()|]*)\)")


def english_plural(text: str, n: int) -> str:
    """``text`` with its ``(s)`` and ``(one|other)`` resolved for ``n``."""
    one = abs(n) == 1
    text = _CHOICE.sub(lambda m: m.group(1) if one else m.group(2), text)
    return re.sub(r"\((s|es)\)", "" if one else r"\1", text)


# --- pseudo-localisation --------------------------------------------------------------------------
_ACCENTS = str.maketrans(
    "AaCcDdEeGgHhIiJjKkLlNnOoRrSsTtUuWwYyZz",
    "ÅåÇçĎďÉéĜĝĤĥÎîĴĵĶķĻļÑñÖöŔŕŠšŢţÛûŴŵÝýŽž",
)
#: what must survive untouched: {fields}, %n and %1, <tags>, &entities;, and a mnemonic's && or &
_KEEP = re.compile(r"\{[^{}]*\}|%n|%L?\d+|<[^<>]*>|&[a-zA-Z#0-9]+;|&&")


def pseudo(text: str) -> str:
    """``text`` about 40% longer and accented (``Save`` -> ``[Šåvé·]``), its placeholders kept."""
    if not text.strip():
        return text
    parts: list[str] = []
    last = 0
    for match in _KEEP.finditer(text):
        parts.append(text[last:match.start()].translate(_ACCENTS))
        parts.append(match.group(0))
        last = match.end()
    parts.append(text[last:].translate(_ACCENTS))
    body = "".join(parts)
    visible = len(_KEEP.sub("", text))
    padding = max(1, math.ceil(visible * 0.4) - 2)  # the brackets count towards the 40%
    return f"[{body}{'·' * padding}]"


class PseudoTranslator(QTranslator):
    """Every string pseudo-localised (:func:`pseudo`): longer, accented, in brackets."""

    def isEmpty(self) -> bool:
        return False

    def translate(self, context: str, source: str, disambiguation: str | None = None, n: int = -1) -> str:
        return pseudo(english_plural(source, n) if n >= 0 else source)


# --- choosing and installing ----------------------------------------------------------------------
def choose_language(explicit: str | None = None) -> str:
    """``explicit`` (``--lang``), else ``SERVICECOMMUNITY_LANG``, else Settings > Language, else the system's."""
    if not explicit and not os.environ.get(core_i18n.ENV):
        explicit = settings.LANGUAGE.get() or None
        if explicit and core_i18n.normalise(explicit) is None:
            explicit = None  # a hand-edited settings file: not worth refusing to start
    return core_i18n.resolve_language(explicit)


_installed: list[QTranslator] = []


def install(lang: str | None = None, *, pseudo_text: bool = False) -> str:
    """Put the app (and the core) in ``lang`` (None: :func:`choose_language`); returns the language.

    With ``pseudo_text`` every string is pseudo-localised instead. Qt's own dialogs (file
    choosers, standard buttons) use Qt's catalogue of the language, when Qt has one (it has none
    for Welsh yet).
    """
    app = QCoreApplication.instance()
    resolved = core_i18n.set_language(choose_language(lang))
    for translator in _installed:
        if app is not None:
            app.removeTranslator(translator)
    _installed.clear()
    if app is None:
        return resolved
    chosen: list[QTranslator] = []
    if pseudo_text:
        chosen.append(PseudoTranslator(app))
    elif resolved == "en":
        chosen.append(EnglishPlurals(app))
    else:
        chosen.append(AppTranslator(resolved, app))
        qt_own = QTranslator(app)
        if qt_own.load(f"qtbase_{resolved}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
            chosen.append(qt_own)
    QLocale.setDefault(QLocale(resolved))
    for translator in chosen:
        app.installTranslator(translator)
        _installed.append(translator)
    return resolved


def language_menu(parent: QWidget, restart: Callable[[], None] | None = None) -> QMenu:
    """Settings > Language: follow the system, English or Cymraeg (saved; applied at the next start).

    Choosing another language says so in one sentence, with "Restart now" (``restart``: the app
    starts again in place) and "Later"; without ``restart`` the sentence alone."""
    menu = QMenu(QCoreApplication.translate("Language", "&Language"), parent)
    menu.setObjectName("menu_language")
    group = QActionGroup(menu)
    saved = settings.LANGUAGE.get()
    choices = [("", QCoreApplication.translate("Language", "The system's language")), *LANGUAGES.items()]
    for code, label in choices:
        action = QAction(label, menu, checkable=True)
        action.setChecked(code == saved)
        action.setData(code)
        group.addAction(action)
        menu.addAction(action)

    def chosen(action: QAction) -> None:
        code = str(action.data() or "")
        if code == settings.LANGUAGE.get():
            return
        settings.LANGUAGE.set(code)
        title = QCoreApplication.translate("Language", "Language")
        sentence = QCoreApplication.translate("Language", "The language changes the next time you start Service Community.")
        if restart is None:
            QMessageBox.information(parent, title, sentence)
            return
        restart_question(parent, title, sentence, restart).open()

    group.triggered.connect(chosen)
    return menu


def restart_question(parent: QWidget, title: str, sentence: str, restart: Callable[[], None]) -> QMessageBox:
    """The sentence with "Restart now" (calls ``restart``) and "Later" (does nothing else); open it
    with ``open()`` (window-modal, the menu's handler returns at once)."""
    box = QMessageBox(QMessageBox.Icon.Information, title, sentence, QMessageBox.StandardButton.NoButton, parent)
    box.setObjectName("LanguageRestart")
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    now = box.addButton(QCoreApplication.translate("Language", "Restart now"), QMessageBox.ButtonRole.AcceptRole)
    now.setObjectName("restart_now")
    later = box.addButton(QCoreApplication.translate("Language", "Later"), QMessageBox.ButtonRole.RejectRole)
    later.setObjectName("restart_later")
    box.setDefaultButton(later)
    box.setEscapeButton(later)

    def clicked(button: object) -> None:
        if button is now:
            QTimer.singleShot(0, restart)  # after the box has closed

    box.buttonClicked.connect(clicked)
    return box


def restart_command(argv: list[str] | None = None, *, frozen: bool | None = None,
                    executable: str | None = None) -> tuple[str, list[str]]:
    """The program and arguments that start this app again: the frozen app itself (its
    ``sys.executable``) with its arguments, else the interpreter with the command line it was given
    (``sys.orig_argv``: ``-m ui`` or the launcher script); ``--lang`` is left out, so the language
    just chosen applies."""
    import sys

    frozen = bool(getattr(sys, "frozen", False)) if frozen is None else frozen
    program = executable or sys.executable
    if argv is None:
        argv = list(sys.argv[1:]) if frozen else list(getattr(sys, "orig_argv", [program, *sys.argv])[1:])
    arguments: list[str] = []
    skip = False
    for arg in argv:
        if skip:
            skip = False
        elif arg == "--lang":
            skip = True
        elif not arg.startswith("--lang="):
            arguments.append(arg)
    return program, arguments


def restart_process() -> QProcess:
    """The process that starts the app again: :func:`restart_command`, in this environment less
    ``SERVICECOMMUNITY_LANG`` (so the language just chosen applies)."""
    program, arguments = restart_command()
    process = QProcess()
    process.setProgram(program)
    process.setArguments(arguments)
    environment = QProcessEnvironment.systemEnvironment()
    environment.remove(core_i18n.ENV)
    process.setProcessEnvironment(environment)
    return process


def restart_app(window: QWidget) -> bool:
    """Start the app again (:func:`restart_process`, detached) and close ``window`` the ordinary
    way, which saves its layout. False, with the window left open, when it could not start."""
    started = restart_process().startDetached()
    ok = bool(started[0] if isinstance(started, tuple) else started)
    if ok:
        window.close()
    return ok
