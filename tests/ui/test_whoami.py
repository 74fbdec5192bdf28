"""Who am I…: Enter on the one match chooses it; choosing someone shows their organisation's blockers."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from sqlalchemy import select

from servicecommunity.domain.models import Member, Organisation
from ui import settings
from ui.panels.blockers import BlockerRegister
from ui.panels.people import WhoAmIDialog


def test_enter_on_the_one_filtered_match_chooses_it(qtbot: Any) -> None:
    dialog = WhoAmIDialog([("Ada (HMRC)", "a"), ("Ben (DWP)", "b")], None)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.search.setFocus()
    qtbot.keyClicks(dialog.search, "hmrc")
    qtbot.keyClick(dialog.search, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.chosen() == "a"


def test_the_current_row_follows_the_filter(qtbot: Any) -> None:
    """A hidden row is never the answer: the first match becomes current as the filter narrows."""
    dialog = WhoAmIDialog([("Ada (HMRC)", "a"), ("Ben (DWP)", "b"), ("Cy (DWP)", "c")], "a")
    qtbot.addWidget(dialog)
    dialog.search.setText("dwp")
    assert dialog.chosen() == "b"
    dialog.search.setText("nobody here")
    assert dialog.chosen() is None


def test_choosing_a_person_switches_the_register_to_my_organisation(qtbot: Any, ctx: Any) -> None:
    settings.BLOCKER_ORGANISATION_FILTER.set("")
    register = BlockerRegister(ctx)
    qtbot.addWidget(register)
    assert register.organisation_filter.currentData() == ""
    member = ctx.read(lambda s: s.scalars(select(Member).join(Organisation, Member.organisation_id == Organisation.id)
                                          .where(Organisation.short_name == "HMRC")).first())
    ctx.set_member(member.id)
    assert register.organisation_filter.currentData() == "mine"
    assert register.proxy.organisation_id == member.organisation_id
    ctx.set_member(None)  # nobody in particular: no "my organisation" to show
    assert register.organisation_filter.currentData() == ""
