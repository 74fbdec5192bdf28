"""Everything the app remembers between runs, in one place: each ``QSettings`` key and its type.

A setting is read and written only through this module, so a key is spelled once, its default
lives beside it, and a value of the wrong type in the settings file (hand-edited, or left by an
older version) reads as the default instead of breaking a window. Per-workspace settings are keyed
by the workspace's id, so two workspaces remember their own journey and member.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QByteArray, QSettings


@dataclass(frozen=True)
class Setting:
    """One remembered text: its key, and what it reads as when unset or not text."""

    key: str
    default: str = ""
    #: whether a saved "" is a choice of its own (else it reads as the default)
    empty_is_a_choice: bool = False

    def get(self) -> str:
        value = QSettings().value(self.key, None)
        if isinstance(value, str) and (value or self.empty_is_a_choice):
            return value
        return self.default

    def set(self, value: str) -> None:
        QSettings().setValue(self.key, value)


@dataclass(frozen=True)
class Flag:
    """One remembered yes/no (stored as "true"/"false", as Qt's own settings files do)."""

    key: str
    default: bool

    def get(self) -> bool:
        value = QSettings().value(self.key, None)
        if isinstance(value, bool):
            return value
        return value == "true" if value in ("true", "false") else self.default

    def set(self, value: bool) -> None:
        QSettings().setValue(self.key, "true" if value else "false")


@dataclass(frozen=True)
class Blob:
    """One remembered block of bytes Qt made (a window's geometry or dock layout); empty if unset."""

    key: str

    def get(self) -> QByteArray:
        value = QSettings().value(self.key, None)
        return value if isinstance(value, QByteArray) else QByteArray()

    def set(self, value: QByteArray) -> None:
        QSettings().setValue(self.key, value)


# --- the window ---------------------------------------------------------------------------------
THEME = Setting("ui/theme", "light")
#: Settings > Language: "cy", "en", or "" (the system's language); read at start (ui.i18n.choose_language)
LANGUAGE = Setting("ui/language", "")
WINDOW_GEOMETRY = Blob("window/geometry")
WINDOW_STATE = Blob("window/state")
WINDOW_SPLITTER = Blob("window/splitter")
SHOW_EMOTION = Flag("window/emotion", default=True)
SHOW_LEGEND = Flag("window/legend", default=False)
#: the first-start welcome was shown (Help > Welcome shows it again)
WELCOME_SEEN = Flag("ui/welcome_seen", default=False)

# --- files ----------------------------------------------------------------------------------------
EXPORT_FOLDER = Setting("export/folder", "")
EXPORT_FORMAT = Setting("export/format", "pdf")
IMPORT_FOLDER = Setting("import/folder", "")

# --- panels ---------------------------------------------------------------------------------------
#: the blocker register's organisation filter: "mine", "" (any organisation) or an organisation id
BLOCKER_ORGANISATION_FILTER = Setting("blockers/filter/organisation", "mine", empty_is_a_choice=True)

RECENT_KEY = "recent_workspaces"
MAX_RECENT = 8


def recent_workspaces() -> list[str]:
    """The workspaces opened lately, newest first."""
    value = QSettings().value(RECENT_KEY) or []
    paths = [value] if isinstance(value, str) else list(value) if isinstance(value, list) else []
    return [str(p) for p in paths if str(p)]


def remember_workspace(path: str) -> None:
    """Put ``path`` first among the recent workspaces (keeping at most :data:`MAX_RECENT`)."""
    others = [p for p in recent_workspaces() if p != path]
    QSettings().setValue(RECENT_KEY, [path, *others][:MAX_RECENT])


# --- per workspace --------------------------------------------------------------------------------
def journey(workspace_id: str) -> Setting:
    """The journey last shown for a workspace."""
    return Setting(f"workspaces/{workspace_id}/journey")


def member(workspace_id: str) -> Setting:
    """Who uses the app on a workspace (a member id)."""
    return Setting(f"workspaces/{workspace_id}/member")
