"""The navigator's organisations stay told apart in a narrow column: the short name comes first.

At 1366x768 the column is about 160 px and a row shows some twelve characters; when the full name
came first, five organisations read "Depart…". The short name leads ("DBT · Department for
Business and Trade"), the full name is in the tooltip, and an organisation without a short name
shows its name.
"""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics

from ui.context import AppContext
from ui.panels.navigator import Navigator


@pytest.fixture
def nav(qtbot: Any, ctx: AppContext) -> Navigator:
    widget = Navigator(ctx)
    qtbot.addWidget(widget)
    widget.resize(160, 500)
    widget.show()
    return widget


def organisation_rows(nav: Navigator) -> list[Any]:
    section = nav.sections["organisations"]
    return [section.child(i) for i in range(section.childCount())]


def test_each_organisation_is_told_apart_when_the_column_is_narrow(nav: Navigator) -> None:
    items = organisation_rows(nav)
    assert len(items) >= 10
    tree = nav.tree
    seen = []
    for item in items:
        rect = tree.visualItemRect(item)
        room = rect.width() - tree.iconSize().width() - 8
        shown = QFontMetrics(tree.font()).elidedText(item.text(0), Qt.TextElideMode.ElideRight, max(room, 40))
        seen.append(shown)
    assert len(set(seen)) == len(seen), seen


def test_the_short_name_leads_and_the_tooltip_has_the_full_name(nav: Navigator) -> None:
    texts = {item.text(0): item.toolTip(0) for item in organisation_rows(nav)}
    assert "DBT · Department for Business and Trade" in texts
    assert "Department for Business and Trade" in texts["DBT · Department for Business and Trade"]
    assert "HMRC · HM Revenue & Customs" in texts
