"""The app context stamps each announced change with who started it."""

from __future__ import annotations

from typing import Any

from servicecommunity import services
from servicecommunity.services import Changes, Section


def test_run_announces_the_origin_so_a_view_can_skip_its_own_change(ctx: Any, qtbot: Any) -> None:
    seen: list[Changes] = []
    ctx.changed.connect(seen.append)
    panel = object()
    org = ctx.run(services.create, "organisations", data={"name": "Origin test", "community_id": _community(ctx)},
                  origin=panel)
    assert org.name == "Origin test"
    assert len(seen) == 1 and seen[0].made_by(panel) and seen[0].touches(Section.ORGANISATIONS)
    ctx.run(services.update, "organisations", org.id, data={"name": "Origin test 2"})
    assert len(seen) == 2 and not seen[1].made_by(panel) and seen[1].origin is None


def _community(ctx: Any) -> str:
    from sqlmodel import select

    from servicecommunity.domain.models import Community

    return ctx.read(lambda s: s.exec(select(Community)).first().id)  # type: ignore[no-any-return]
