"""Organisations, members and sub-groups: tables over the core, forms, a per-organisation view, and
the "who am I" chooser that makes blockers and updates carry the right author.

- :class:`OrganisationTableModel`, :class:`MemberTableModel`, :class:`GroupTableModel`: rows read
  from the core, refreshed from the context's "what changed" report.
- :class:`OrganisationView`: what one organisation owns in the journey, its hand-offs in and out,
  its people and its open blockers; step and blocker links select them on the map.
- :class:`PeopleWidget` (tabs for the three) and :class:`PeopleDialog` around it.
- :class:`OrganisationForm`, :class:`MemberForm`, :class:`GroupForm`, :class:`WhoAmIDialog`: each
  with an ``ask()`` classmethod returning plain values.

Every change is an undo command.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, QUrl, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QColorDialog,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from servicecommunity.domain import schemas
from servicecommunity.domain.enums import MemberRole, OrganisationKind
from servicecommunity.domain.errors import ConflictError, ServiceCommunityError
from servicecommunity.services import Changes
from servicecommunity.services.queries import people as people_queries
from servicecommunity.services.queries.community import (
    community_of_journey,
    in_community_of_journey,
)
from servicecommunity.services.queries.people import (
    GroupRow,
    Handoff,
    MemberRow,
    OrganisationRow,
    OrganisationSummary,
)
from ui import dialogs, theme
from ui.commands import CreateCommand, DeleteCommand, UpdateCommand, push, read_reach
from ui.context import AppContext
from ui.dialogs.forms import CheckedDialog, checked_values, checklist, combo
from ui.i18n import QT_TRANSLATE_NOOP, label, translate
from ui.panels.blockers import show_error
from ui.panels.blockers.table import overdue_colour, swatch_icon
from ui.panels.rowmodel import ROW_ROLE, ColumnSpec, RowTableModel

# --- table models -------------------------------------------------------------------------------------


def _swatch(row: OrganisationRow, role: int) -> Any:
    if role == Qt.ItemDataRole.DecorationRole:
        return swatch_icon(row.colour)  # outlined: GDS's near-black shows on the dark theme too
    return None


ORGANISATION_COLUMNS: list[ColumnSpec[OrganisationRow]] = [
    ColumnSpec(QT_TRANSLATE_NOOP("Columns", "Organisation"), lambda r: r.name, lambda r: r.name.casefold(), None, _swatch),
    ColumnSpec(QT_TRANSLATE_NOOP("Columns", "Short name"), lambda r: r.short_name),
    ColumnSpec(QT_TRANSLATE_NOOP("Columns", "Kind"), lambda r: label(r.kind)),
    ColumnSpec(QT_TRANSLATE_NOOP("Columns", "People"), lambda r: str(r.members), lambda r: r.members),
    ColumnSpec(QT_TRANSLATE_NOOP("Columns", "Open blockers"), lambda r: str(r.open_blockers), lambda r: r.open_blockers),
    ColumnSpec(QT_TRANSLATE_NOOP("Columns", "Colour"), lambda r: r.colour),
]
MEMBER_COLUMNS: list[ColumnSpec[MemberRow]] = [
    ColumnSpec(QT_TRANSLATE_NOOP("Columns", "Name"), lambda r: r.name, lambda r: r.name.casefold()),
    ColumnSpec(QT_TRANSLATE_NOOP("Columns", "Organisation"), lambda r: r.organisation or translate("PeopleWidget", "None")),
    ColumnSpec(QT_TRANSLATE_NOOP("Columns", "Role"), lambda r: label(r.role)),
    ColumnSpec(QT_TRANSLATE_NOOP("Columns", "Sub-groups"), lambda r: r.groups),
    ColumnSpec(QT_TRANSLATE_NOOP("Columns", "Email"), lambda r: r.email),
]
GROUP_COLUMNS: list[ColumnSpec[GroupRow]] = [
    ColumnSpec(QT_TRANSLATE_NOOP("Columns", "Sub-group"), lambda r: r.name, lambda r: r.name.casefold()),
    ColumnSpec(QT_TRANSLATE_NOOP("Columns", "People"), lambda r: str(len(r.member_ids)), lambda r: len(r.member_ids), lambda r: r.members or None),
    ColumnSpec(QT_TRANSLATE_NOOP("Columns", "Purpose"), lambda r: r.purpose, tooltip=lambda r: r.purpose or None),
]


class _CommunityModel(RowTableModel[Any]):
    """Rows of one kind for the current journey's community, re-read when the report names them."""

    sections: tuple[str, ...] = ()

    def __init__(self, ctx: AppContext, columns: Sequence[ColumnSpec[Any]], parent: Any = None) -> None:
        super().__init__(columns, parent)
        self.ctx = ctx
        self.community_id: str | None = None
        #: each row's version as last read, whether or not its shown values changed: an edit passes it
        self.versions: dict[str, Any] = {}
        ctx.changed.connect(self._on_changed)
        ctx.journey_changed.connect(lambda _j: self.reload())
        self.reload()

    def query(self) -> Callable[[Any, str | None], list[Any]]:  # pragma: no cover - abstract
        """The core's read of these rows for a community (``servicecommunity.services.queries.people``)."""
        raise NotImplementedError

    def reload(self) -> None:
        journey_id, query = self.ctx.journey_id, self.query()
        self.community_id, rows = self.ctx.read(lambda s: in_community_of_journey(s, journey_id, query))
        self.versions = {row.id: row.updated_at for row in rows}
        self.set_rows(rows)

    def _on_changed(self, changes: Changes) -> None:
        if changes.touches(*self.sections):
            self.reload()


class OrganisationTableModel(_CommunityModel):
    sections = ("organisations", "members", "blockers")

    def __init__(self, ctx: AppContext, parent: Any = None) -> None:
        super().__init__(ctx, ORGANISATION_COLUMNS, parent)

    def query(self) -> Callable[[Any, str | None], list[Any]]:
        return people_queries.organisations


class MemberTableModel(_CommunityModel):
    sections = ("organisations", "members", "groups")

    def __init__(self, ctx: AppContext, parent: Any = None) -> None:
        super().__init__(ctx, MEMBER_COLUMNS, parent)

    def query(self) -> Callable[[Any, str | None], list[Any]]:
        return people_queries.members


class GroupTableModel(_CommunityModel):
    sections = ("members", "groups")

    def __init__(self, ctx: AppContext, parent: Any = None) -> None:
        super().__init__(ctx, GROUP_COLUMNS, parent)

    def query(self) -> Callable[[Any, str | None], list[Any]]:
        return people_queries.groups


# --- forms ------------------------------------------------------------------------------------------


def _buttons(dialog: QDialog) -> QDialogButtonBox:
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    box.accepted.connect(dialog.accept)
    box.rejected.connect(dialog.reject)
    return box




class _Form(CheckedDialog):
    """A form that checks its values against the core's schema before it closes."""

    schema: Any = None

    def __init__(self, parent: QWidget | None, title: str) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.form = QFormLayout()
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addWidget(_buttons(self))

    def values(self) -> dict[str, Any]:  # pragma: no cover - abstract
        raise NotImplementedError

    def problem(self) -> str | None:
        values = self.values()
        if not values.get("name"):
            return translate("PeopleWidget", "Give it a name.")
        try:
            self.schema.model_validate({"community_id": "x", **values})
        except Exception as exc:  # pydantic's message, shown to the person
            first = exc.errors()[0] if hasattr(exc, "errors") else None
            return f"{first['loc'][0]}: {first['msg']}" if first else str(exc)
        return None


class OrganisationForm(_Form):
    """Name, short name, kind and colour of an organisation."""

    schema = schemas.OrganisationCreate

    def __init__(self, initial: Mapping[str, Any] | None = None, parent: QWidget | None = None,
                 title: str = "") -> None:
        super().__init__(parent, title or translate("OrganisationForm", "Organisation"))
        initial = dict(initial or {})
        self.name = QLineEdit(initial.get("name", ""))
        self.short_name = QLineEdit(initial.get("short_name", ""))
        self.short_name.setMaxLength(40)
        self.kind = combo([(label(k), k.value) for k in OrganisationKind], initial.get("kind", "department"))
        self.colour = QLineEdit(initial.get("colour", "#5b6770"))
        self.colour.setInputMask("\\#HHHHHH")
        self.pick = QToolButton()
        self.pick.setText(translate("OrganisationForm", "Choose…"))
        self.pick.clicked.connect(self._pick_colour)
        self.swatch = QLabel()
        self.swatch.setFixedSize(24, 24)
        self.colour.textChanged.connect(self._show_swatch)
        self._show_swatch()
        row = QHBoxLayout()
        row.addWidget(self.swatch)
        row.addWidget(self.colour, 1)
        row.addWidget(self.pick)
        self.form.addRow(translate("OrganisationForm", "&Name"), self.name)
        self.form.addRow(translate("OrganisationForm", "&Short name"), self.short_name)
        self.form.addRow(translate("OrganisationForm", "&Kind"), self.kind)
        colour_label = QLabel(translate("OrganisationForm", "&Colour"))  # a row that is a layout gets no buddy of its own: Alt+C goes to the code
        colour_label.setBuddy(self.colour)
        self.form.addRow(colour_label, row)

    def _show_swatch(self) -> None:
        colour = QColor(self.colour.text())
        outline = theme.current().swatch_outline  # 3:1 on the dialog's background, however dark the colour
        self.swatch.setStyleSheet(f"background: {colour.name() if colour.isValid() else '#ffffff'}; border: 1px solid {outline}")

    def _pick_colour(self) -> None:
        colour = QColorDialog.getColor(QColor(self.colour.text()), self, translate("OrganisationForm", "Organisation colour"))
        if colour.isValid():
            self.colour.setText(colour.name())

    def values(self) -> dict[str, Any]:
        return {"name": self.name.text().strip(), "short_name": self.short_name.text().strip(),
                "kind": self.kind.currentData(), "colour": self.colour.text().lower()}

    @classmethod
    def ask(cls, parent: QWidget | None, initial: Mapping[str, Any] | None = None,
            title: str = "") -> dict[str, Any] | None:
        dialog = cls(initial, parent, title)
        try:
            return dialog.values() if dialog.exec() == QDialog.DialogCode.Accepted else None
        finally:
            dialog.deleteLater()


class MemberForm(_Form):
    """A member's name, email, role, organisation and sub-groups."""

    schema = schemas.MemberCreate

    def __init__(self, organisations: Sequence[tuple[str, str]], groups: Sequence[tuple[str, str]],
                 initial: Mapping[str, Any] | None = None, parent: QWidget | None = None, title: str = "") -> None:
        super().__init__(parent, title or translate("MemberForm", "Member"))
        initial = dict(initial or {})
        self.name = QLineEdit(initial.get("name", ""))
        self.email = QLineEdit(initial.get("email", ""))
        self.role = combo([(label(r), r.value) for r in MemberRole], initial.get("role", "member"))
        self.organisation = combo([(translate("MemberForm", "None"), None), *organisations], initial.get("organisation_id"))
        self.groups = checklist(groups, initial.get("group_ids", ()))
        self.groups.setMaximumHeight(120)
        self.form.addRow(translate("MemberForm", "&Name"), self.name)
        self.form.addRow(translate("MemberForm", "&Email"), self.email)
        self.form.addRow(translate("MemberForm", "&Role"), self.role)
        self.form.addRow(translate("MemberForm", "&Organisation"), self.organisation)
        self.form.addRow(translate("MemberForm", "Sub-groups"), self.groups)

    def values(self) -> dict[str, Any]:
        return {"name": self.name.text().strip(), "email": self.email.text().strip(), "role": self.role.currentData(),
                "organisation_id": self.organisation.currentData(), "group_ids": sorted(checked_values(self.groups))}

    @classmethod
    def ask(cls, parent: QWidget | None, organisations: Sequence[tuple[str, str]], groups: Sequence[tuple[str, str]],
            initial: Mapping[str, Any] | None = None, title: str = "") -> dict[str, Any] | None:
        dialog = cls(organisations, groups, initial, parent, title)
        try:
            return dialog.values() if dialog.exec() == QDialog.DialogCode.Accepted else None
        finally:
            dialog.deleteLater()


class GroupForm(_Form):
    """A sub-group's name, purpose and members."""

    schema = schemas.GroupCreate

    def __init__(self, members: Sequence[tuple[str, str]], initial: Mapping[str, Any] | None = None,
                 parent: QWidget | None = None, title: str = "") -> None:
        super().__init__(parent, title or translate("GroupForm", "Sub-group"))
        initial = dict(initial or {})
        self.name = QLineEdit(initial.get("name", ""))
        self.purpose = QPlainTextEdit(initial.get("purpose", ""))
        self.purpose.setFixedHeight(70)
        self.members = checklist(members, initial.get("member_ids", ()))
        self.form.addRow(translate("GroupForm", "&Name"), self.name)
        self.form.addRow(translate("GroupForm", "&Purpose"), self.purpose)
        self.form.addRow(translate("GroupForm", "People"), self.members)

    def values(self) -> dict[str, Any]:
        return {"name": self.name.text().strip(), "purpose": self.purpose.toPlainText().strip(),
                "member_ids": sorted(checked_values(self.members))}

    def problem(self) -> str | None:
        values = self.values()
        values.pop("member_ids")
        if not values["name"]:
            return translate("PeopleWidget", "Give it a name.")
        try:
            self.schema.model_validate({"community_id": "x", **values})
        except Exception as exc:  # pydantic's message, shown to the person
            return str(exc).splitlines()[0]
        return None

    @classmethod
    def ask(cls, parent: QWidget | None, members: Sequence[tuple[str, str]], initial: Mapping[str, Any] | None = None,
            title: str = "") -> dict[str, Any] | None:
        dialog = cls(members, initial, parent, title)
        try:
            return dialog.values() if dialog.exec() == QDialog.DialogCode.Accepted else None
        finally:
            dialog.deleteLater()


class WhoAmIDialog(QDialog):
    """Choose who is using the app. :meth:`ask` returns a member id, "" for nobody, None if cancelled."""

    def __init__(self, members: Sequence[tuple[str, str]], current: str | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("WhoAmIDialog", "Who are you?"))
        intro = QLabel(translate("WhoAmIDialog", "Blockers you raise and updates you make carry your name. "
                       "The register can show your organisation's blockers first."))
        intro.setWordWrap(True)
        self.search = QLineEdit()
        self.search.setPlaceholderText(translate("WhoAmIDialog", "Type to find your name…"))
        self.search.setAccessibleName(translate("WhoAmIDialog", "Find your name"))
        self.list = QListWidget()
        self.list.setAccessibleName(translate("WhoAmIDialog", "Members"))
        self.list.setAccessibleDescription(translate("WhoAmIDialog", "Choose yourself, then OK"))
        nobody = QListWidgetItem(translate("WhoAmIDialog", "Nobody in particular"))
        nobody.setData(Qt.ItemDataRole.UserRole, "")
        self.list.addItem(nobody)
        for text, member_id in members:
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, member_id)
            self.list.addItem(item)
            if member_id == current:
                self.list.setCurrentItem(item)
        if self.list.currentItem() is None:
            self.list.setCurrentRow(0)
        self.search.textChanged.connect(self._filter)
        # Enter in the search box chooses the highlighted match (the first one left by the filter).
        self.search.returnPressed.connect(self._choose_from_search)
        self.list.itemDoubleClicked.connect(lambda _i: self.accept())
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.search)
        layout.addWidget(self.list, 1)
        layout.addWidget(_buttons(self))
        dialogs.fit_to_screen(self, (420, 480))

    def _filter(self, text: str) -> None:
        words = text.casefold().split()
        for i in range(self.list.count()):
            item = self.list.item(i)
            item.setHidden(bool(words) and not all(w in item.text().casefold() for w in words))
        current = self.list.currentItem()
        if current is None or current.isHidden():
            # A hidden row is never the answer: the first match becomes the highlighted one.
            visible = [i for i in range(self.list.count()) if not self.list.item(i).isHidden()]
            self.list.setCurrentRow(visible[0] if visible else -1)

    def _choose_from_search(self) -> None:
        if self.chosen() is not None:
            self.accept()

    def chosen(self) -> str | None:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None and not item.isHidden() else None

    @classmethod
    def ask(cls, parent: QWidget | None, members: Sequence[tuple[str, str]], current: str | None) -> str | None:
        dialog = cls(members, current, parent)
        try:
            return dialog.chosen() if dialog.exec() == QDialog.DialogCode.Accepted else None
        finally:
            dialog.deleteLater()


def member_choices(ctx: AppContext) -> list[tuple[str, str]]:
    """("Name (Organisation)", id) for every member of the current community."""
    journey_id = ctx.journey_id
    rows = ctx.read(lambda s: people_queries.members(s, community_of_journey(s, journey_id)))
    return [(f"{r.name} ({r.organisation})" if r.organisation else r.name, r.id) for r in rows]


def choose_member(parent: QWidget | None, ctx: AppContext) -> bool:
    """Ask who is using the app and remember it; True if the answer changed who it is."""
    answer = WhoAmIDialog.ask(parent, member_choices(ctx), ctx.member_id)
    if answer is None or (answer or None) == ctx.member_id:
        return False
    ctx.set_member(answer or None)
    return True


def member_label(ctx: AppContext) -> str:
    """Who is using the app, for a status bar: "Name (Organisation)" or a prompt."""
    member_id = ctx.member_id
    if not member_id:
        return people_queries.NOBODY
    return ctx.read(lambda s: people_queries.member_label(s, member_id))


# --- the per-organisation view --------------------------------------------------------------------


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


LIST_LIMIT = 40  # items per list on an organisation's page; the heading gives the full count


def summary_html(summary: OrganisationSummary) -> str:
    """The organisation's page; links are ``step:<id>``, ``dependency:<id>``, ``blocker:<id>``."""
    def handoff(h: Handoff, direction: str) -> str:
        flags = []
        if not h.agreed:
            flags.append("<b>" + translate("OrganisationView", "not agreed") + "</b>")
        if h.blocked:
            blocked = translate("OrganisationView", "blocked")
            flags.append(f"<b style='color:{overdue_colour()}'>{blocked}</b>")  # the theme's red
        extra = f" — {', '.join(flags)}" if flags else ""
        where = (translate("OrganisationView", "from {0}") if direction == "in"
                 else translate("OrganisationView", "to {0}")).format(_esc(h.other))
        return (f"<li><a href='dependency:{h.dependency_id}'>{_esc(h.from_step)} → {_esc(h.to_step)}</a> "
                f"({where}, {label(h.kind).lower()}){extra}</li>")

    def blocker(b: tuple[str, str, str, str]) -> str:
        return f"<li><a href='blocker:{b[0]}'>{_esc(b[1])}</a> — {label(b[2])}, {label(b[3]).lower()}</li>"

    def items(rows: Sequence[Any], render: Any, limit: int = LIST_LIMIT) -> str:
        rest = translate("OrganisationView", "… and {0} more").format(f"{len(rows) - limit:,}")
        more = f"<li><i>{rest}</i></li>" if len(rows) > limit else ""
        return "<ul>" + "".join(render(r) for r in rows[:limit]) + more + "</ul>"

    parts = [f"<h3><span style='color:{summary.colour}'>■</span> {_esc(summary.name)}"
             + (f" ({_esc(summary.short_name)})" if summary.short_name else "") + "</h3>",
             "<p>" + translate("OrganisationView", "{0} · people in the community: {1}").format(
                 label(summary.kind), len(summary.members)) + "</p>"]
    if summary.journey:
        owned = len(summary.owned_steps)
        owns = translate("OrganisationView", "Owns %n step(s) in {0}", "", owned).format(_esc(summary.journey))
        if summary.supported_steps:
            owns = translate("OrganisationView", "{0}, supports {1} more").format(owns, f"{summary.supported_steps:,}")
        parts.append(f"<h4>{owns}</h4>")
        if summary.owned_steps:
            parts.append(items(summary.owned_steps,
                               lambda r: f"<li><a href='step:{r[0]}'>{_esc(r[2])}</a> <i>({_esc(r[1])})</i></li>"))
        parts.append("<h4>" + translate("OrganisationView", "Hand-offs in: {0}").format(f"{len(summary.handoffs_in):,}") + "</h4>")
        if summary.handoffs_in:
            parts.append(items(summary.handoffs_in, lambda h: handoff(h, "in")))
        parts.append("<h4>" + translate("OrganisationView", "Hand-offs out: {0}").format(f"{len(summary.handoffs_out):,}") + "</h4>")
        if summary.handoffs_out:
            parts.append(items(summary.handoffs_out, lambda h: handoff(h, "out")))
    parts.append("<h4>" + translate("OrganisationView", "Open blockers it owns: {0}").format(f"{len(summary.open_blockers):,}") + "</h4>")
    if summary.open_blockers:
        parts.append(items(summary.open_blockers, blocker))
    if summary.caused_blockers:
        parts.append("<h4>" + translate("OrganisationView", "Open blockers it causes for others: {0}").format(
            f"{len(summary.caused_blockers):,}") + "</h4>")
        parts.append(items(summary.caused_blockers, blocker))
    if summary.members:
        parts.append("<h4>" + translate("OrganisationView", "People") + "</h4><p>" + ", ".join(f"{_esc(n)} ({label(r).lower()})" for n, r in summary.members) + "</p>")
    else:
        parts.append(translate("OrganisationView", "<p><b>Nobody from this organisation is in the community.</b></p>"))
    return "".join(parts)


class OrganisationView(QTextBrowser):
    """One organisation: what it owns, its hand-offs in and out, its open blockers, its people.

    A step or hand-off link selects it on the map; a blocker link emits :attr:`blocker_activated`.
    """

    blocker_activated = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.organisation_id: str | None = None
        self.summary: OrganisationSummary | None = None
        self.setOpenLinks(False)
        self.setAccessibleName(translate("OrganisationView", "Organisation summary"))
        self.setAccessibleDescription(translate("OrganisationView", "What the selected organisation owns, its hand-offs and blockers; "
                                      "Tab moves between the links"))
        self.anchorClicked.connect(self._on_link)
        ctx.changed.connect(self._on_changed)
        ctx.journey_changed.connect(lambda _j: self.show_organisation(self.organisation_id))
        self.show_organisation(None)

    def show_organisation(self, organisation_id: str | None) -> None:
        self.organisation_id = organisation_id
        journey_id = self.ctx.journey_id
        self.summary = (self.ctx.read(lambda s: people_queries.organisation_summary(s, organisation_id, journey_id))
                        if organisation_id else None)
        if self.summary is None:
            self.setHtml(translate("OrganisationView", "<p>Select an organisation to see what it owns, its hand-offs and its blockers.</p>"))
        else:
            self.setHtml(summary_html(self.summary))

    def _on_changed(self, changes: Changes) -> None:
        if self.organisation_id and changes.touches(
            "organisations", "members", "steps", "dependencies", "blockers", "stages"
        ):
            self.show_organisation(self.organisation_id)

    def _on_link(self, url: QUrl) -> None:
        kind, _, record_id = url.toString().partition(":")
        if kind == "step":
            self.ctx.selection_requested.emit({"steps": [record_id], "dependencies": [], "organisations": []})
        elif kind == "dependency":
            self.ctx.selection_requested.emit({"steps": [], "dependencies": [record_id], "organisations": []})
        elif kind == "blocker":
            self.blocker_activated.emit(record_id)


# --- the panel --------------------------------------------------------------------------------------


def _table(model: RowTableModel[Any], name: str) -> QTableView:
    view = QTableView()
    view.setAccessibleName(name)
    view.setTabKeyNavigation(False)  # Tab leaves the table; arrows move inside it
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.verticalHeader().hide()
    view.setAlternatingRowColors(True)
    view.horizontalHeader().setStretchLastSection(True)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    return view


class _Tab(QWidget):
    def __init__(self, model: RowTableModel[Any], name: str, one: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.table = _table(model, name)
        self.add_button = QPushButton(translate("_Tab", "Add…"))
        self.edit_button = QPushButton(translate("_Tab", "Edit…"))
        self.delete_button = QPushButton(translate("_Tab", "Delete"))
        # three tabs have the same buttons: the names say which list they act on
        for button, verb in ((self.add_button, translate("_Tab", "Add {0}")), (self.edit_button, translate("_Tab", "Edit {0}")),
                             (self.delete_button, translate("_Tab", "Delete {0}"))):
            button.setAccessibleName(verb.format(one))
        buttons = QHBoxLayout()
        for b in (self.add_button, self.edit_button, self.delete_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        self.buttons = buttons
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._update())
        self.model.rowsRemoved.connect(lambda *_: self._update())
        self._update()

    def current(self) -> Any:
        index = self.table.selectionModel().currentIndex()
        if not index.isValid() or not self.table.selectionModel().isRowSelected(index.row(), QModelIndex()):
            return None
        return self.model.data(index, ROW_ROLE)

    def select(self, record_id: str) -> None:
        row = self.model.row_of(record_id)
        if row >= 0:
            flags = self.table.selectionModel().SelectionFlag
            self.table.selectionModel().setCurrentIndex(self.model.index(row, 0), flags.ClearAndSelect | flags.Rows)
            self.table.scrollTo(self.model.index(row, 0))

    def _update(self) -> None:
        has = self.current() is not None
        self.edit_button.setEnabled(has)
        self.delete_button.setEnabled(has)


class PeopleWidget(QTabWidget):
    """Organisations (with the per-organisation view), members and sub-groups of the community."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("PeopleWidget")
        self.ctx = ctx
        self.tabBar().setAccessibleName(translate("PeopleWidget", "Organisations, members and sub-groups"))
        self.organisations = _Tab(OrganisationTableModel(ctx, self), translate("PeopleWidget", "Organisations"), translate("PeopleWidget", "organisation"))
        self.organisation_view = OrganisationView(ctx)
        split = QSplitter(Qt.Orientation.Horizontal)
        left = QWidget()
        box = QVBoxLayout(left)
        box.setContentsMargins(0, 0, 0, 0)
        box.addLayout(self.organisations.buttons)
        box.addWidget(self.organisations.table)
        split.addWidget(left)
        split.addWidget(self.organisation_view)
        split.setSizes([520, 420])
        org_page = QWidget()
        QVBoxLayout(org_page).addWidget(split)
        self.organisations.setParent(org_page)
        self.organisations.hide()
        self.members = _Tab(MemberTableModel(ctx, self), translate("PeopleWidget", "Members"), translate("PeopleWidget", "member"))
        members_layout = QVBoxLayout(self.members)
        members_layout.addLayout(self.members.buttons)
        members_layout.addWidget(self.members.table)
        self.groups = _Tab(GroupTableModel(ctx, self), translate("PeopleWidget", "Sub-groups"), translate("PeopleWidget", "sub-group"))
        groups_layout = QVBoxLayout(self.groups)
        groups_layout.addLayout(self.groups.buttons)
        groups_layout.addWidget(self.groups.table)
        self.addTab(org_page, translate("PeopleWidget", "Organisations"))
        self.addTab(self.members, translate("PeopleWidget", "Members"))
        self.addTab(self.groups, translate("PeopleWidget", "Sub-groups"))
        for table, widths in ((self.organisations.table, (230, 110, 120, 60, 100)),
                              (self.members.table, (170, 130, 90, 220)),
                              (self.groups.table, (200, 60))):
            for column, width in enumerate(widths):
                table.setColumnWidth(column, width)

        self.organisations.add_button.clicked.connect(lambda _c=False: self.add_organisation())
        self.organisations.edit_button.clicked.connect(lambda _c=False: self.edit_organisation())
        self.organisations.delete_button.clicked.connect(lambda _c=False: self.delete("organisations"))
        self.organisations.table.doubleClicked.connect(lambda _i: self.edit_organisation())
        self.organisations.table.selectionModel().currentRowChanged.connect(
            lambda *_: self.organisation_view.show_organisation(self._current_id("organisations")))
        self.members.add_button.clicked.connect(lambda _c=False: self.add_member())
        self.members.edit_button.clicked.connect(lambda _c=False: self.edit_member())
        self.members.delete_button.clicked.connect(lambda _c=False: self.delete("members"))
        self.members.table.doubleClicked.connect(lambda _i: self.edit_member())
        self.groups.add_button.clicked.connect(lambda _c=False: self.add_group())
        self.groups.edit_button.clicked.connect(lambda _c=False: self.edit_group())
        self.groups.delete_button.clicked.connect(lambda _c=False: self.delete("groups"))
        self.groups.table.doubleClicked.connect(lambda _i: self.edit_group())

    @property
    def community_id(self) -> str | None:
        return self.organisations.model.community_id  # type: ignore[attr-defined,no-any-return]

    def _tab(self, section: str) -> _Tab:
        return {"organisations": self.organisations, "members": self.members, "groups": self.groups}[section]

    def _current_id(self, section: str) -> str | None:
        row = self._tab(section).current()
        return row.id if row else None

    def _push(self, command: Any) -> Any:
        try:
            return push(self.ctx, command)
        except ConflictError as exc:  # someone else changed it since this panel read it
            self._refused(exc, command)
            return None
        except ServiceCommunityError as exc:
            show_error(self, str(exc))
            return None

    def _refused(self, exc: ConflictError, command: Any) -> None:
        """Said as on the map: the window's status bar and a notice that is not modal, with their
        values; the panel reads the record again (the editor announces it)."""
        from ui.map.editing import MapEditor

        widget = self.parentWidget()
        while widget is not None and not isinstance(getattr(widget, "editor", None), MapEditor):
            widget = widget.parentWidget()  # the window's editor: its conflicts go to the status bar
        if widget is not None:
            editor: MapEditor = widget.editor  # type: ignore[attr-defined]
        else:  # on its own, with no window: the notice only
            editor = self._own_editor = getattr(self, "_own_editor", None) or MapEditor(self.ctx, self)
        editor.report_conflict(exc, command)

    def _version(self, section: str, record_id: str) -> Any:
        """The record's version as the panel read it with the values it shows."""
        return self._tab(section).model.versions.get(record_id)  # type: ignore[attr-defined]

    # --- organisations ---------------------------------------------------------------------------

    def add_organisation(self) -> str | None:
        values = OrganisationForm.ask(self, None, translate("PeopleWidget", "Add an organisation"))
        if values is None or self.community_id is None:
            return None
        org_id = self._push(CreateCommand(self.ctx, "organisations", {"community_id": self.community_id, **values},
                                          text=translate("PeopleWidget", "Add organisation {0}").format(values["name"])))
        if org_id:
            self.organisations.select(org_id)
        return org_id  # type: ignore[no-any-return]

    def edit_organisation(self, organisation_id: str | None = None) -> bool:
        organisation_id = organisation_id or self._current_id("organisations")
        row = self._row(self.organisations, organisation_id)
        if row is None:
            return False
        old = {"name": row.name, "short_name": row.short_name, "kind": row.kind, "colour": row.colour}
        values = OrganisationForm.ask(self, old, translate("PeopleWidget", "Edit organisation"))
        return self._update("organisations", row.id, old, values, translate("PeopleWidget", "Edit organisation {0}").format(row.name))

    # --- members ---------------------------------------------------------------------------------

    def _org_and_group_choices(self) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
        orgs = [(r.label, r.id) for r in self.organisations.model.rows()]
        groups = [(r.name, r.id) for r in self.groups.model.rows()]
        return sorted(orgs, key=lambda t: t[0].casefold()), groups

    def add_member(self) -> str | None:
        orgs, groups = self._org_and_group_choices()
        values = MemberForm.ask(self, orgs, groups, None, translate("PeopleWidget", "Add a member"))
        if values is None or self.community_id is None:
            return None
        member_id = self._push(CreateCommand(self.ctx, "members", {"community_id": self.community_id, **values},
                                             text=translate("PeopleWidget", "Add member {0}").format(values["name"])))
        if member_id:
            self.members.select(member_id)
        return member_id  # type: ignore[no-any-return]

    def edit_member(self, member_id: str | None = None) -> bool:
        member_id = member_id or self._current_id("members")
        row = self._row(self.members, member_id)
        if row is None:
            return False
        orgs, groups = self._org_and_group_choices()
        old = {"name": row.name, "email": row.email, "role": row.role, "organisation_id": row.organisation_id,
               "group_ids": sorted(row.group_ids)}
        values = MemberForm.ask(self, orgs, groups, old, translate("PeopleWidget", "Edit member"))
        return self._update("members", row.id, old, values, translate("PeopleWidget", "Edit member {0}").format(row.name))

    # --- sub-groups ------------------------------------------------------------------------------

    def _member_choices(self) -> list[tuple[str, str]]:
        return [(f"{r.name} ({r.organisation})" if r.organisation else r.name, r.id) for r in self.members.model.rows()]

    def add_group(self) -> str | None:
        values = GroupForm.ask(self, self._member_choices(), None, translate("PeopleWidget", "Add a sub-group"))
        if values is None or self.community_id is None:
            return None
        member_ids = values.pop("member_ids")
        self.ctx.undo_stack.beginMacro(translate("PeopleWidget", "Add sub-group {0}").format(values["name"]))
        try:
            group_id = self._push(CreateCommand(self.ctx, "groups", {"community_id": self.community_id, **values}))
            if group_id:
                self._set_group_members(group_id, member_ids)
        finally:
            self.ctx.undo_stack.endMacro()
        if group_id:
            self.groups.select(group_id)
        return group_id  # type: ignore[no-any-return]

    def edit_group(self, group_id: str | None = None) -> bool:
        group_id = group_id or self._current_id("groups")
        row = self._row(self.groups, group_id)
        if row is None:
            return False
        old = {"name": row.name, "purpose": row.purpose, "member_ids": sorted(row.member_ids)}
        values = GroupForm.ask(self, self._member_choices(), old, translate("PeopleWidget", "Edit sub-group"))
        if values is None or values == old:
            return False
        self.ctx.undo_stack.beginMacro(translate("PeopleWidget", "Edit sub-group {0}").format(row.name))
        try:
            fields = {k: v for k, v in values.items() if k != "member_ids" and v != old[k]}
            if fields:
                self._push(UpdateCommand(self.ctx, "groups", row.id, fields, {k: old[k] for k in fields},
                                         expected=self._version("groups", row.id)))
            self._set_group_members(row.id, values["member_ids"])
        finally:
            self.ctx.undo_stack.endMacro()
        return True

    def _set_group_members(self, group_id: str, member_ids: Iterable[str]) -> None:
        """Membership lives on each member (its ``group_ids``): one update per member that changes."""
        wanted = set(member_ids)
        for row in self.members.model.rows():
            has = group_id in row.group_ids
            if has == (row.id in wanted):
                continue
            new = sorted(set(row.group_ids) ^ {group_id})
            self._push(UpdateCommand(self.ctx, "members", row.id, {"group_ids": new}, {"group_ids": sorted(row.group_ids)},
                                     expected=self._version("members", row.id)))

    # --- shared ----------------------------------------------------------------------------------

    def _row(self, tab: _Tab, record_id: str | None) -> Any:
        if not record_id:
            return None
        index = tab.model.row_of(record_id)
        return tab.model.row_value(index) if index >= 0 else None

    def _update(self, section: str, record_id: str, old: Mapping[str, Any], values: Mapping[str, Any] | None,
                text: str) -> bool:
        if values is None:
            return False
        new = {k: v for k, v in values.items() if v != old.get(k)}
        if not new:
            return False
        return self._push(UpdateCommand(self.ctx, section, record_id, new, {k: old[k] for k in new}, text=text,
                                        expected=self._version(section, record_id))) is not None

    def delete(self, section: str, record_id: str | None = None) -> bool:
        record_id = record_id or self._current_id(section)
        row = self._row(self._tab(section), record_id)
        if row is None:
            return False
        text = {"organisations": translate("PeopleWidget", "Delete organisation {0}"),
                "members": translate("PeopleWidget", "Delete member {0}"),
                "groups": translate("PeopleWidget", "Delete sub-group {0}")}[section].format(row.name)
        # refused if someone else changed it since the panel read it (what it shows is named)
        shown = {k: getattr(row, k) for k in ("name", "short_name", "kind", "colour", "email", "role",
                                              "organisation_id", "purpose") if hasattr(row, k)}
        # and if it would take or change a record added since (a step that organisation now owns)
        return self._push(DeleteCommand(self.ctx, section, row.id, text=text, expected=row.updated_at,
                                        base=shown, seen=read_reach(self.ctx, section, row.id))) is not None


class PeopleDialog(QDialog):
    """A window around :class:`PeopleWidget` (Community > Organisations and members…)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("PeopleDialog", "Organisations and members"))
        self.people = PeopleWidget(ctx, self)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.people)
        layout.addWidget(close)
        dialogs.fit_to_screen(self, (1000, 620))


__all__ = [
    "GroupForm",
    "GroupTableModel",
    "MemberForm",
    "MemberTableModel",
    "OrganisationForm",
    "OrganisationTableModel",
    "OrganisationView",
    "PeopleDialog",
    "PeopleWidget",
    "WhoAmIDialog",
    "choose_member",
    "member_label",
]
