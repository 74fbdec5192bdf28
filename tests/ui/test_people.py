"""Organisations, members, sub-groups, the per-organisation view and "who am I"."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QSettings, QUrl
from sqlalchemy import select

from servicecommunity.domain.models import Member, Organisation
from servicecommunity.services.queries import people as people_queries
from ui.context import AppContext
from ui.panels.people import (
    GroupForm,
    GroupTableModel,
    MemberForm,
    MemberTableModel,
    OrganisationForm,
    OrganisationTableModel,
    PeopleWidget,
    WhoAmIDialog,
    choose_member,
    member_label,
)


def _org_id(ctx: Any, short_name: str) -> str:
    return ctx.read(lambda s: s.scalars(select(Organisation).where(Organisation.short_name == short_name)).first().id)


@pytest.fixture
def people(qtbot: Any, ctx: Any) -> PeopleWidget:
    widget = PeopleWidget(ctx)
    qtbot.addWidget(widget)
    return widget


@pytest.mark.parametrize("model_class", [OrganisationTableModel, MemberTableModel, GroupTableModel])
def test_models_pass_the_model_tester(qtmodeltester: Any, ctx: Any, model_class: type) -> None:
    model = model_class(ctx)
    assert model.rowCount() > 0
    qtmodeltester.check(model, force_py=True)


def test_add_edit_delete_organisation_with_undo(ctx: Any, people: PeopleWidget, monkeypatch: pytest.MonkeyPatch) -> None:
    model = people.organisations.model
    before = model.rowCount()
    monkeypatch.setattr(OrganisationForm, "ask", lambda *a, **k: {
        "name": "Bristol City Council", "short_name": "Bristol", "kind": "local_authority", "colour": "#336699"})
    org_id = people.add_organisation()
    assert org_id and model.rowCount() == before + 1
    row = model.row_value(model.row_of(org_id))
    assert (row.short_name, row.kind, row.colour) == ("Bristol", "local_authority", "#336699")

    monkeypatch.setattr(OrganisationForm, "ask", lambda parent, initial, title: {**initial, "colour": "#aa0000"})
    assert people.edit_organisation(org_id)
    assert model.row_value(model.row_of(org_id)).colour == "#aa0000"
    ctx.undo_stack.undo()
    assert model.row_value(model.row_of(org_id)).colour == "#336699"

    assert people.delete("organisations", org_id)
    assert model.row_of(org_id) == -1
    ctx.undo_stack.undo()
    assert model.row_of(org_id) >= 0
    ctx.undo_stack.undo()  # the edit was undone already; this undoes the add
    ctx.undo_stack.undo()
    assert model.row_of(org_id) == -1


def test_add_member_with_role_organisation_and_groups(ctx: Any, people: PeopleWidget, monkeypatch: pytest.MonkeyPatch) -> None:
    hmrc = _org_id(ctx, "HMRC")
    group = people.groups.model.rows()[0]
    monkeypatch.setattr(MemberForm, "ask", lambda *a, **k: {
        "name": "Ada Lovelace", "email": "ada@example.gov.uk", "role": "facilitator",
        "organisation_id": hmrc, "group_ids": [group.id]})
    member_id = people.add_member()
    row = people.members.model.row_value(people.members.model.row_of(member_id))
    assert (row.role, row.organisation, row.group_ids) == ("facilitator", "HMRC", (group.id,))
    fresh_group = people.groups.model.row_value(people.groups.model.row_of(group.id))
    assert member_id in fresh_group.member_ids
    ctx.undo_stack.undo()
    assert people.members.model.row_of(member_id) == -1


def test_group_membership_is_one_undo_step(ctx: Any, people: PeopleWidget, monkeypatch: pytest.MonkeyPatch) -> None:
    members = people.members.model.rows()[:3]
    monkeypatch.setattr(GroupForm, "ask", lambda *a, **k: {
        "name": "Data sharing", "purpose": "Tell us once", "member_ids": [m.id for m in members]})
    group_id = people.add_group()
    row = people.groups.model.row_value(people.groups.model.row_of(group_id))
    assert set(row.member_ids) == {m.id for m in members}
    assert ctx.undo_stack.count() == 1
    ctx.undo_stack.undo()
    assert people.groups.model.row_of(group_id) == -1
    for m in members:
        assert group_id not in people.members.model.row_value(people.members.model.row_of(m.id)).group_ids


def test_organisation_view_shows_what_it_owns_handoffs_and_blockers(ctx: Any, people: PeopleWidget) -> None:
    hmrc = _org_id(ctx, "HMRC")
    summary = ctx.read(lambda s: people_queries.organisation_summary(s, hmrc, ctx.journey_id))
    assert summary.owned_steps
    assert summary.handoffs_in or summary.handoffs_out
    assert summary.open_blockers
    people.organisations.select(hmrc)
    text = people.organisation_view.toPlainText()
    assert "HM Revenue & Customs" in text
    assert f"Owns {len(summary.owned_steps)} steps" in text
    assert "Hand-offs in" in text and "Hand-offs out" in text
    assert summary.open_blockers[0][1] in text


def test_organisation_view_links_select_on_the_map(qtbot: Any, ctx: Any, people: PeopleWidget) -> None:
    hmrc = _org_id(ctx, "HMRC")
    people.organisations.select(hmrc)
    step_id = people.organisation_view.summary.owned_steps[0][0]
    with qtbot.waitSignal(ctx.selection_requested) as blocker:
        people.organisation_view.anchorClicked.emit(QUrl(f"step:{step_id}"))
    assert blocker.args[0]["steps"] == [step_id]


def test_who_am_i_is_remembered(ctx: Any, demo_store: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    member = ctx.read(lambda s: s.scalars(select(Member).order_by(Member.name)).first())
    monkeypatch.setattr(WhoAmIDialog, "ask", lambda parent, members, current: member.id)
    assert choose_member(None, ctx)
    assert ctx.member_id == member.id
    assert member.name in member_label(ctx)
    assert QSettings().value(f"workspaces/{demo_store.workspace_id}/member") == member.id
    again = AppContext(demo_store)
    assert again.member_id == member.id
    again.deleteLater()


def test_who_am_i_dialog_filters_and_returns_the_choice(qtbot: Any) -> None:
    dialog = WhoAmIDialog([("Ada (HMRC)", "a"), ("Ben (DWP)", "b")], "b")
    qtbot.addWidget(dialog)
    assert dialog.chosen() == "b"
    dialog.search.setText("hmrc")
    hidden = [dialog.list.item(i).isHidden() for i in range(dialog.list.count())]
    assert hidden == [True, False, True]


def test_forms_refuse_bad_values(qtbot: Any) -> None:
    form = OrganisationForm({"name": "", "colour": "#123456"})
    qtbot.addWidget(form)
    assert form.problem() == "Give it a name."
    form.name.setText("Acas")
    assert form.problem() is None
    form.colour.setText("#12")
    assert form.problem() is not None


def test_the_colour_row_has_its_shortcut(qtbot: Any) -> None:
    """Alt+C reaches the colour code (a row made of several widgets gets no buddy by itself)."""
    from PySide6.QtWidgets import QLabel

    form = OrganisationForm({"name": "HMRC"})
    qtbot.addWidget(form)
    label = next(w for w in form.findChildren(QLabel) if w.text() == "&Colour")
    assert label.buddy() is form.colour
