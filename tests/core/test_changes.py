"""The typed report of what an operation changed."""

from __future__ import annotations

import pytest

from servicecommunity.domain.models import ENTITIES
from servicecommunity.services import Changes, Section


def test_sections_are_the_bundle_sections() -> None:
    assert [s.value for s in Section] == list(ENTITIES)


def test_plain_names_become_sections_and_unknown_names_are_refused() -> None:
    changes = Changes.of(["steps"], ["a"])
    assert changes.sections == {Section.STEPS} and changes.touches("steps", Section.BLOCKERS)
    assert all(isinstance(s, Section) for s in Changes(frozenset({"blockers"})).sections)
    with pytest.raises(ValueError):
        Changes.of(["stepz"])


def test_origin_is_kept_only_when_both_share_it_and_is_not_part_of_equality() -> None:
    panel, other = object(), object()
    a = Changes.of(["steps"], ["1"]).with_origin(panel)
    b = Changes.of(["blockers"], ["2"]).with_origin(panel)
    assert (a | b).made_by(panel) and not (a | b).made_by(other)
    assert not (a | b.with_origin(other)).made_by(panel)
    assert a == Changes.of(["steps"], ["1"]) and not Changes.of(["steps"]).made_by(None)


def test_everything_names_every_section() -> None:
    assert Changes.everything().touches(*Section) and len(Changes.everything().sections) == len(ENTITIES)
