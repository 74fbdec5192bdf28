"""Every remembered setting goes through ui.settings; a wrong value in the file reads as the default."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

from ui import settings

UI = Path(__file__).resolve().parents[2] / "ui"


def test_texts_flags_and_blobs_round_trip_and_bad_values_read_as_defaults() -> None:
    assert settings.THEME.get() == "light"
    settings.THEME.set("dark")
    assert settings.THEME.get() == "dark"
    QSettings().setValue(settings.THEME.key, 3)  # hand-edited or left by another version
    assert settings.THEME.get() == "light"

    assert settings.SHOW_EMOTION.get() is True and settings.SHOW_LEGEND.get() is False
    settings.SHOW_EMOTION.set(False)
    assert settings.SHOW_EMOTION.get() is False
    QSettings().setValue(settings.SHOW_EMOTION.key, "maybe")
    assert settings.SHOW_EMOTION.get() is True

    assert settings.WINDOW_STATE.get().isEmpty()
    settings.WINDOW_STATE.set(QByteArray(b"\x00\x01layout"))
    assert bytes(settings.WINDOW_STATE.get().data()) == b"\x00\x01layout"
    QSettings().setValue(settings.WINDOW_STATE.key, "not bytes")
    assert settings.WINDOW_STATE.get().isEmpty()


def test_recent_workspaces_newest_first_without_repeats_and_at_most_eight() -> None:
    for n in range(10):
        settings.remember_workspace(f"/w/{n}.sqlite")
    settings.remember_workspace("/w/3.sqlite")
    recent = settings.recent_workspaces()
    assert recent[0] == "/w/3.sqlite" and len(recent) == settings.MAX_RECENT and len(set(recent)) == len(recent)
    QSettings().setValue(settings.RECENT_KEY, "/only/one.sqlite")  # how QSettings reads back a list of one
    assert settings.recent_workspaces() == ["/only/one.sqlite"]


def test_per_workspace_settings_are_kept_apart() -> None:
    settings.journey("a").set("journey-a")
    settings.journey("b").set("journey-b")
    assert (settings.journey("a").get(), settings.journey("b").get(), settings.member("a").get()) == (
        "journey-a", "journey-b", "")


def test_no_other_module_touches_qsettings_values() -> None:
    """The keys live in one module: elsewhere QSettings is at most configured, never read or written."""
    offenders = [
        path.relative_to(UI).as_posix()
        for path in UI.rglob("*.py")
        if path.name != "settings.py" and ("QSettings().value" in path.read_text() or "QSettings().setValue" in path.read_text()
                                           or (".setValue(" in path.read_text() and "QSettings" in path.read_text()))
    ]
    assert offenders == [], offenders


def test_a_saved_any_organisation_stays_any() -> None:
    """The register's filter keeps "" (any organisation) apart from unset (my organisation)."""
    assert settings.BLOCKER_ORGANISATION_FILTER.get() == "mine"
    settings.BLOCKER_ORGANISATION_FILTER.set("")
    assert settings.BLOCKER_ORGANISATION_FILTER.get() == ""
