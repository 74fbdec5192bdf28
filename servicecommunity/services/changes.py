"""What one operation changed, so that each view refreshes only what it shows (Anki's ``OpChanges``).

Every service operation returns a :class:`Changes` naming the kinds of record it touched (a
:class:`Section`) and their ids. The desktop app stamps it with the ``origin`` that started the
change (a panel, the map, a dialog) before fanning it out, so a view that made a change itself can
skip refreshing for it (Anki's ``OpChanges`` with its ``handler``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from enum import StrEnum


class Section(StrEnum):
    """A kind of record, named as in a bundle (``"steps"``); compares equal to that string."""

    COMMUNITIES = "communities"
    ORGANISATIONS = "organisations"
    GROUPS = "groups"
    MEMBERS = "members"
    DATA_ITEMS = "data_items"
    JOURNEYS = "journeys"
    STAGES = "stages"
    STEPS = "steps"
    DEPENDENCIES = "dependencies"
    WORKSHOPS = "workshops"
    BLOCKERS = "blockers"
    BLOCKER_UPDATES = "blocker_updates"
    NOTES = "notes"


@dataclass(frozen=True)
class Changes:
    """The sections and record ids an operation changed, and (in the app) who started it.

    ``origin`` is any object the caller chooses (usually the widget that made the change); it is
    not part of equality, and joining two reports keeps it only when both share it.
    """

    sections: frozenset[Section] = frozenset()
    ids: frozenset[str] = frozenset()
    origin: object | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        # Accept plain section names ("steps") and refuse a name that is not a section.
        object.__setattr__(self, "sections", frozenset(Section(s) for s in self.sections))

    @classmethod
    def of(cls, sections: Iterable[Section | str], ids: Iterable[str] = ()) -> Changes:
        return cls(frozenset(Section(s) for s in sections), frozenset(ids))

    def __or__(self, other: Changes) -> Changes:
        origin = self.origin if self.origin is other.origin else None
        return Changes(self.sections | other.sections, self.ids | other.ids, origin)

    def __bool__(self) -> bool:
        return bool(self.sections)

    def touches(self, *sections: Section | str) -> bool:
        return any(section in self.sections for section in sections)

    def made_by(self, origin: object) -> bool:
        """Whether ``origin`` started this change (a view can then skip its own refresh)."""
        return origin is not None and self.origin is origin

    def with_origin(self, origin: object | None) -> Changes:
        return replace(self, origin=origin)

    @classmethod
    def everything(cls) -> Changes:
        return cls(frozenset(Section))
