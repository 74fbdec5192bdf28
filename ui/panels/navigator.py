"""The navigator: the community's journeys, organisations and members, in one tree.

Choosing a journey shows it on the map (``ctx.set_journey``); choosing an organisation selects
its cards (``ctx.selection_requested``); "This is me" on a member sets who is using the app, whose
organisation's lane goes on top. It refreshes when ``ctx.changed`` names journeys, stages, steps,
organisations or members.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import (
    QHBoxLayout,
    QMenu,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from servicecommunity.services import Changes
from servicecommunity.services.queries import navigator as navigator_queries
from servicecommunity.services.queries.community import community_of_journey
from ui import commands, resources
from ui.context import AppContext

ROLE_KIND = Qt.ItemDataRole.UserRole
ROLE_ID = Qt.ItemDataRole.UserRole + 1

DEFAULT_STAGES = ("Find out", "Do it", "Follow up")


def swatch(colour: str, size: int = 14) -> QIcon:
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setBrush(QBrush(QColor(colour)))
    painter.setPen(QColor("#505a5f"))
    painter.drawRect(1, 1, size - 2, size - 2)
    painter.end()
    return QIcon(pixmap)


class Navigator(QWidget):
    """Journeys, organisations and members of the workspace's community."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("Navigator")
        self.tree = QTreeWidget()
        self.tree.setObjectName("NavigatorTree")
        self.tree.setAccessibleName("Journeys, organisations and members")
        self.tree.setHeaderHidden(True)
        self.tree.setRootIsDecorated(True)
        self.tree.setUniformRowHeights(True)
        self.tree.itemActivated.connect(self._activated)
        self.tree.itemClicked.connect(self._activated)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._menu)
        new_journey = QPushButton("New journey…")
        new_journey.setIcon(resources.icon("journey"))
        new_journey.clicked.connect(self.new_journey)
        buttons = QHBoxLayout()
        buttons.setContentsMargins(4, 4, 4, 0)
        buttons.addWidget(new_journey)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(buttons)
        layout.addWidget(self.tree)
        self.sections: dict[str, QTreeWidgetItem] = {}
        ctx.changed.connect(self._on_changed)
        ctx.journey_changed.connect(self._on_journey_changed)
        ctx.member_changed.connect(self._on_member_changed)
        self.reload()

    # --- reading --------------------------------------------------------------------------------

    def community_id(self) -> str | None:
        jid = self.ctx.journey_id
        return self.ctx.read(lambda s: community_of_journey(s, jid))

    def reload(self) -> None:
        cid = self.community_id()

        found = self.ctx.read(lambda s: navigator_queries.tree(s, cid))
        expanded = {k: item.isExpanded() for k, item in self.sections.items()}
        self.tree.clear()
        self.sections = {}
        short = {o.id: (o.short_name or o.name) for o in found.organisations}
        for key, title, icon in (("journeys", "Journeys", "journey"), ("organisations", "Organisations", "organisation"),
                                 ("members", "Members", "member")):
            item = QTreeWidgetItem([title])
            item.setIcon(0, resources.icon(icon))
            font = QFont(item.font(0))
            font.setBold(True)
            item.setFont(0, font)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.tree.addTopLevelItem(item)
            self.sections[key] = item
        for jid, name, steps, *_rest in found.journeys:
            child = QTreeWidgetItem([f"{name}  ({steps} step{'s' if steps != 1 else ''})"])
            child.setData(0, ROLE_KIND, "journey")
            child.setData(0, ROLE_ID, jid)
            child.setToolTip(0, f"Show “{name}” on the map")
            self.sections["journeys"].addChild(child)
        for org in found.organisations:
            label = org.name if not org.short_name or org.short_name == org.name else f"{org.name} ({org.short_name})"
            child = QTreeWidgetItem([label])
            child.setIcon(0, swatch(org.colour))
            child.setData(0, ROLE_KIND, "organisation")
            child.setData(0, ROLE_ID, org.id)
            child.setToolTip(0, "Select this organisation's steps on the map")
            self.sections["organisations"].addChild(child)
        me = self.ctx.member_id
        for member in found.members:
            text = member.name + (f" · {short[member.organisation_id]}" if member.organisation_id in short else "")
            if member.id == me:
                text += "  (you)"
            child = QTreeWidgetItem([text])
            child.setData(0, ROLE_KIND, "member")
            child.setData(0, ROLE_ID, member.id)
            child.setToolTip(0, "Right-click: “This is me” puts your organisation's lane on top of the map")
            self.sections["members"].addChild(child)
        for key, item in self.sections.items():
            item.setExpanded(expanded.get(key, key != "members"))
        self._mark_current()

    def _on_journey_changed(self, _journey_id: str) -> None:
        self._mark_current()

    def _on_member_changed(self, _member_id: str) -> None:
        self.reload()

    def _mark_current(self) -> None:
        section = self.sections.get("journeys")
        if section is None:
            return
        for i in range(section.childCount()):
            child = section.child(i)
            if child is None:  # Qt's stub allows it; an index below childCount() never is
                continue
            font = QFont(child.font(0))
            font.setBold(child.data(0, ROLE_ID) == self.ctx.journey_id)
            child.setFont(0, font)

    def _on_changed(self, changes: Changes) -> None:
        if changes.touches("journeys", "organisations", "members", "communities"):
            self.reload()
        elif changes.touches("steps"):
            self._update_counts()

    def _update_counts(self) -> None:
        counts = self.ctx.read(navigator_queries.step_counts)
        section = self.sections.get("journeys")
        if section is None:
            return
        for i in range(section.childCount()):
            child = section.child(i)
            if child is None:  # Qt's stub allows it; an index below childCount() never is
                continue
            jid = child.data(0, ROLE_ID)
            name = child.text(0).rsplit("  (", 1)[0]
            n = counts.get(jid, 0)
            child.setText(0, f"{name}  ({n} step{'s' if n != 1 else ''})")

    # --- acting ---------------------------------------------------------------------------------

    def _activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        kind, rid = item.data(0, ROLE_KIND), item.data(0, ROLE_ID)
        if kind == "journey" and rid != self.ctx.journey_id:
            self.ctx.set_journey(rid)
        elif kind == "organisation":
            self.ctx.selection_requested.emit({"organisations": [rid]})

    def _menu(self, pos: QPoint) -> None:
        item = self.tree.itemAt(pos)
        menu = QMenu(self)
        kind = item.data(0, ROLE_KIND) if item else None
        rid = item.data(0, ROLE_ID) if item else None
        if kind == "member":
            menu.addAction("This is me", lambda: self.ctx.set_member(rid))
        if kind == "journey":
            menu.addAction("Show on the map", lambda: self.ctx.set_journey(rid))
        menu.addAction("New journey…", self.new_journey)
        menu.exec(self.tree.viewport().mapToGlobal(pos))

    def new_journey(self) -> str | None:
        """Ask for a name; create the journey with three starting stages (one undo entry); show it."""
        from ui import dialogs

        cid = self.community_id()
        if cid is None:
            dialogs.show_error(self, "No community", "This workspace has no community yet; import a bundle first.")
            return None
        name = dialogs.ask_text(self, "New journey", "Name of the journey (what the user is trying to do):", "")
        if not name or not name.strip():
            return None
        return create_journey(self.ctx, cid, name.strip())


def create_journey(ctx: AppContext, community_id: str, name: str, stages: tuple[str, ...] = DEFAULT_STAGES) -> str | None:
    """A journey with starting stages, as one undo entry; shows it on the map."""
    from servicecommunity.domain.errors import ServiceCommunityError
    from ui import dialogs

    stack = ctx.undo_stack
    stack.beginMacro(f"New journey “{name}”")
    try:
        jid = commands.push(ctx, commands.CreateCommand(ctx, "journeys", {"community_id": community_id, "name": name}))
        for stage in stages:
            commands.push(ctx, commands.CreateCommand(ctx, "stages", {"journey_id": jid, "name": stage}))
    except ServiceCommunityError as exc:
        stack.endMacro()
        dialogs.show_error(None, "The journey was not created", str(exc))
        return None
    stack.endMacro()
    ctx.set_journey(jid)
    return str(jid)


__all__ = ["Navigator", "create_journey"]
