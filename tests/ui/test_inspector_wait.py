"""The inspector shows and edits a step's waiting time beside its own time."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QDoubleSpinBox
from sqlalchemy import select

from servicecommunity.domain.models import Step
from ui.context import AppContext
from ui.map.view import JourneyMapView
from ui.panels.inspector import Inspector


def test_the_inspector_shows_and_edits_the_waiting_time(qtbot: Any, ctx: AppContext) -> None:
    view = JourneyMapView(ctx)
    qtbot.addWidget(view)
    inspector = Inspector(ctx, view.editor)
    qtbot.addWidget(inspector)
    scene = view.map_scene
    inspector.map_data = scene.data
    vat = ctx.read(lambda s: s.scalars(select(Step).where(Step.title == "Register for VAT")).one())
    scene.set_selection([vat.id])
    page = inspector.step_page
    assert inspector.current_page() is page

    own, wait = page.bound["duration_hours"].widget, page.bound["wait_hours"].widget
    assert isinstance(own, QDoubleSpinBox) and isinstance(wait, QDoubleSpinBox)
    assert (own.value(), wait.value()) == (1.5, 720.0)
    before = ctx.undo_stack.count()
    wait.setValue(500.0)
    assert ctx.read(lambda s: s.get(Step, vat.id)).wait_hours == 500.0
    assert ctx.undo_stack.count() == before + 1
    ctx.undo_stack.undo()
    assert ctx.read(lambda s: s.get(Step, vat.id)).wait_hours == 720.0
