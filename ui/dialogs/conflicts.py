"""The conflict review: what two members changed differently, side by side, and a choice for each.

A conflict (:class:`servicecommunity.exchange.merge.Conflict`) is one field of one record that two members
changed without seeing each other's change, or a record one deleted while another changed it. The
merge keeps both values and shows one of them (the same on every laptop) until someone chooses.
:class:`ConflictDialog` shows each conflict as a person reads it: the record's kind and title, the
field as the inspector names it, both values side by side (ids as names), who changed each and
when, a recommended choice, "keep both" for text, "decide later", and one sentence on what the
choice does for the other members. It is opened after File > Import when the merge left
conflicts, and at any time from Community > Conflicts… (:func:`review_pending`).

:meth:`ConflictDialog.ask` returns plain values, ``{conflict key: (keep, value)}`` with ``keep`` one
of :func:`servicecommunity.exchange.merge.resolve_conflict`'s words ("shown", "other", "keep", "delete") or
"value" (the joined text of "keep both"); a conflict left for later is absent. :func:`settle`
applies them, one transaction each, and announces what changed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from servicecommunity.domain.errors import ServiceCommunityError
from servicecommunity.exchange import merge
from servicecommunity.exchange.imports import spreadsheet
from servicecommunity.exchange.merge import Conflict
from servicecommunity.services import Changes
from servicecommunity.services.queries.workspace import record_labels
from ui import dialogs, theme
from ui.context import AppContext
from ui.i18n import QT_TRANSLATE_NOOP, format_datetime, translate
from ui.i18n import label as value_label

T = TypeVar("T")
Decision = tuple[str, Any]  # (keep word for resolve_conflict, or "value"; the value for "value")
ALIVE = "_alive"
LATER = "later"
CHOICES = ("shown", "other", "both", "keep", "delete", LATER)  # every choice a conflict may offer
#: single-line text: "keep both" joins on one line, and the result must stay a valid name
LINE_FIELDS = {"title": 500, "name": 500}
#: free text: "keep both" puts one after the other
TEXT_FIELDS = dict.fromkeys(("description", "purpose", "persona", "user_need", "touchpoint", "pain_points", "note", "notes", "comment"), 20000)
_OR_LINE, _OR_TEXT = " — or — ", "\n\n— or —\n\n"


# --- values in words ---------------------------------------------------------------------------------

_FIELD_NAMES = {**spreadsheet.LABELS, "name": "Name", "position": "Position", "short_name": "Short name",
                "kind": "Kind", "colour": "Colour", "persona": "Persona", "user_need": "User need", "note": "Note",
                "agreed": "Agreed", "handoff_mode": "Hand-off by", "from_step_id": "From step", "to_step_id": "To step",
                "dependency_ids": "Hand-offs affected", "workshop_id": "Workshop", "comment": "Comment",
                "old_status": "Old status", "new_status": "New status", "author_id": "Author", "email": "Email",
                "role": "Role", "organisation_id": "Organisation", "group_ids": "Sub-groups", "purpose": "Purpose",
                "held_on": "Held on", "facilitator_id": "Facilitator", "notes": "Notes", "attendee_ids": "Attendees",
                "community_id": "Community", "blocker_id": "Blocker", "updated_at": "Last changed"}
_WORDS = ("status", "severity", "category", "kind", "channels", "handoff_mode", "old_status", "new_status", "role",
          "classification")


#: whole sentences for each kind of record (no noun is put into a sentence: Welsh mutates it and its
#: pronouns follow its gender), by section and use
KIND_TEXT: dict[str, dict[str, str]] = {
    "communities": {
        "kind": QT_TRANSLATE_NOOP("ConflictDialog", "Community"),
        "stays": QT_TRANSLATE_NOOP("ConflictDialog", "The community stays"),
        "deleted": QT_TRANSLATE_NOOP("ConflictDialog", "The community is deleted"),
        "keep": QT_TRANSLATE_NOOP("ConflictDialog", "&Keep the community"),
        "delete": QT_TRANSLATE_NOOP("ConflictDialog", "&Delete the community for everyone"),
        "question": QT_TRANSLATE_NOOP("ConflictDialog", "Keep or delete the community?"),
        "later": QT_TRANSLATE_NOOP("ConflictDialog", "Nothing is settled: the community stays on every laptop, and the deletion waits until someone chooses (here under Community > Conflicts…, or on another laptop)."),
        "kept": QT_TRANSLATE_NOOP("ConflictDialog", "Your choice goes to everyone in your next bundle; until then they see the community kept, with the deletion waiting. Then it stays on every laptop, with the changes made to it."),
        "gone": QT_TRANSLATE_NOOP("ConflictDialog", "The community is deleted here now. Your choice goes to everyone in your next bundle; until then they see it kept, and then it is deleted on every laptop, with the changes made to it."),
    },
    "organisations": {
        "kind": QT_TRANSLATE_NOOP("ConflictDialog", "Organisation"),
        "stays": QT_TRANSLATE_NOOP("ConflictDialog", "The organisation stays"),
        "deleted": QT_TRANSLATE_NOOP("ConflictDialog", "The organisation is deleted"),
        "keep": QT_TRANSLATE_NOOP("ConflictDialog", "&Keep the organisation"),
        "delete": QT_TRANSLATE_NOOP("ConflictDialog", "&Delete the organisation for everyone"),
        "question": QT_TRANSLATE_NOOP("ConflictDialog", "Keep or delete the organisation?"),
        "later": QT_TRANSLATE_NOOP("ConflictDialog", "Nothing is settled: the organisation stays on every laptop, and the deletion waits until someone chooses (here under Community > Conflicts…, or on another laptop)."),
        "kept": QT_TRANSLATE_NOOP("ConflictDialog", "Your choice goes to everyone in your next bundle; until then they see the organisation kept, with the deletion waiting. Then it stays on every laptop, with the changes made to it."),
        "gone": QT_TRANSLATE_NOOP("ConflictDialog", "The organisation is deleted here now. Your choice goes to everyone in your next bundle; until then they see it kept, and then it is deleted on every laptop, with the changes made to it."),
    },
    "groups": {
        "kind": QT_TRANSLATE_NOOP("ConflictDialog", "Sub-group"),
        "stays": QT_TRANSLATE_NOOP("ConflictDialog", "The sub-group stays"),
        "deleted": QT_TRANSLATE_NOOP("ConflictDialog", "The sub-group is deleted"),
        "keep": QT_TRANSLATE_NOOP("ConflictDialog", "&Keep the sub-group"),
        "delete": QT_TRANSLATE_NOOP("ConflictDialog", "&Delete the sub-group for everyone"),
        "question": QT_TRANSLATE_NOOP("ConflictDialog", "Keep or delete the sub-group?"),
        "later": QT_TRANSLATE_NOOP("ConflictDialog", "Nothing is settled: the sub-group stays on every laptop, and the deletion waits until someone chooses (here under Community > Conflicts…, or on another laptop)."),
        "kept": QT_TRANSLATE_NOOP("ConflictDialog", "Your choice goes to everyone in your next bundle; until then they see the sub-group kept, with the deletion waiting. Then it stays on every laptop, with the changes made to it."),
        "gone": QT_TRANSLATE_NOOP("ConflictDialog", "The sub-group is deleted here now. Your choice goes to everyone in your next bundle; until then they see it kept, and then it is deleted on every laptop, with the changes made to it."),
    },
    "members": {
        "kind": QT_TRANSLATE_NOOP("ConflictDialog", "Member"),
        "stays": QT_TRANSLATE_NOOP("ConflictDialog", "The member stays"),
        "deleted": QT_TRANSLATE_NOOP("ConflictDialog", "The member is deleted"),
        "keep": QT_TRANSLATE_NOOP("ConflictDialog", "&Keep the member"),
        "delete": QT_TRANSLATE_NOOP("ConflictDialog", "&Delete the member for everyone"),
        "question": QT_TRANSLATE_NOOP("ConflictDialog", "Keep or delete the member?"),
        "later": QT_TRANSLATE_NOOP("ConflictDialog", "Nothing is settled: the member stays on every laptop, and the deletion waits until someone chooses (here under Community > Conflicts…, or on another laptop)."),
        "kept": QT_TRANSLATE_NOOP("ConflictDialog", "Your choice goes to everyone in your next bundle; until then they see the member kept, with the deletion waiting. Then it stays on every laptop, with the changes made to it."),
        "gone": QT_TRANSLATE_NOOP("ConflictDialog", "The member is deleted here now. Your choice goes to everyone in your next bundle; until then they see it kept, and then it is deleted on every laptop, with the changes made to it."),
    },
    "data_items": {
        "kind": QT_TRANSLATE_NOOP("ConflictDialog", "Data item"),
        "stays": QT_TRANSLATE_NOOP("ConflictDialog", "The data item stays"),
        "deleted": QT_TRANSLATE_NOOP("ConflictDialog", "The data item is deleted"),
        "keep": QT_TRANSLATE_NOOP("ConflictDialog", "&Keep the data item"),
        "delete": QT_TRANSLATE_NOOP("ConflictDialog", "&Delete the data item for everyone"),
        "question": QT_TRANSLATE_NOOP("ConflictDialog", "Keep or delete the data item?"),
        "later": QT_TRANSLATE_NOOP("ConflictDialog", "Nothing is settled: the data item stays on every laptop, and the deletion waits until someone chooses (here under Community > Conflicts…, or on another laptop)."),
        "kept": QT_TRANSLATE_NOOP("ConflictDialog", "Your choice goes to everyone in your next bundle; until then they see the data item kept, with the deletion waiting. Then it stays on every laptop, with the changes made to it."),
        "gone": QT_TRANSLATE_NOOP("ConflictDialog", "The data item is deleted here now. Your choice goes to everyone in your next bundle; until then they see it kept, and then it is deleted on every laptop, with the changes made to it."),
    },
    "journeys": {
        "kind": QT_TRANSLATE_NOOP("ConflictDialog", "Journey"),
        "stays": QT_TRANSLATE_NOOP("ConflictDialog", "The journey stays"),
        "deleted": QT_TRANSLATE_NOOP("ConflictDialog", "The journey is deleted"),
        "keep": QT_TRANSLATE_NOOP("ConflictDialog", "&Keep the journey"),
        "delete": QT_TRANSLATE_NOOP("ConflictDialog", "&Delete the journey for everyone"),
        "question": QT_TRANSLATE_NOOP("ConflictDialog", "Keep or delete the journey?"),
        "later": QT_TRANSLATE_NOOP("ConflictDialog", "Nothing is settled: the journey stays on every laptop, and the deletion waits until someone chooses (here under Community > Conflicts…, or on another laptop)."),
        "kept": QT_TRANSLATE_NOOP("ConflictDialog", "Your choice goes to everyone in your next bundle; until then they see the journey kept, with the deletion waiting. Then it stays on every laptop, with the changes made to it."),
        "gone": QT_TRANSLATE_NOOP("ConflictDialog", "The journey is deleted here now. Your choice goes to everyone in your next bundle; until then they see it kept, and then it is deleted on every laptop, with the changes made to it."),
    },
    "stages": {
        "kind": QT_TRANSLATE_NOOP("ConflictDialog", "Stage"),
        "stays": QT_TRANSLATE_NOOP("ConflictDialog", "The stage stays"),
        "deleted": QT_TRANSLATE_NOOP("ConflictDialog", "The stage is deleted"),
        "keep": QT_TRANSLATE_NOOP("ConflictDialog", "&Keep the stage"),
        "delete": QT_TRANSLATE_NOOP("ConflictDialog", "&Delete the stage for everyone"),
        "question": QT_TRANSLATE_NOOP("ConflictDialog", "Keep or delete the stage?"),
        "later": QT_TRANSLATE_NOOP("ConflictDialog", "Nothing is settled: the stage stays on every laptop, and the deletion waits until someone chooses (here under Community > Conflicts…, or on another laptop)."),
        "kept": QT_TRANSLATE_NOOP("ConflictDialog", "Your choice goes to everyone in your next bundle; until then they see the stage kept, with the deletion waiting. Then it stays on every laptop, with the changes made to it."),
        "gone": QT_TRANSLATE_NOOP("ConflictDialog", "The stage is deleted here now. Your choice goes to everyone in your next bundle; until then they see it kept, and then it is deleted on every laptop, with the changes made to it."),
    },
    "steps": {
        "kind": QT_TRANSLATE_NOOP("ConflictDialog", "Step"),
        "stays": QT_TRANSLATE_NOOP("ConflictDialog", "The step stays"),
        "deleted": QT_TRANSLATE_NOOP("ConflictDialog", "The step is deleted"),
        "keep": QT_TRANSLATE_NOOP("ConflictDialog", "&Keep the step"),
        "delete": QT_TRANSLATE_NOOP("ConflictDialog", "&Delete the step for everyone"),
        "question": QT_TRANSLATE_NOOP("ConflictDialog", "Keep or delete the step?"),
        "later": QT_TRANSLATE_NOOP("ConflictDialog", "Nothing is settled: the step stays on every laptop, and the deletion waits until someone chooses (here under Community > Conflicts…, or on another laptop)."),
        "kept": QT_TRANSLATE_NOOP("ConflictDialog", "Your choice goes to everyone in your next bundle; until then they see the step kept, with the deletion waiting. Then it stays on every laptop, with the changes made to it."),
        "gone": QT_TRANSLATE_NOOP("ConflictDialog", "The step is deleted here now. Your choice goes to everyone in your next bundle; until then they see it kept, and then it is deleted on every laptop, with the changes made to it."),
    },
    "dependencies": {
        "kind": QT_TRANSLATE_NOOP("ConflictDialog", "Hand-off"),
        "stays": QT_TRANSLATE_NOOP("ConflictDialog", "The hand-off stays"),
        "deleted": QT_TRANSLATE_NOOP("ConflictDialog", "The hand-off is deleted"),
        "keep": QT_TRANSLATE_NOOP("ConflictDialog", "&Keep the hand-off"),
        "delete": QT_TRANSLATE_NOOP("ConflictDialog", "&Delete the hand-off for everyone"),
        "question": QT_TRANSLATE_NOOP("ConflictDialog", "Keep or delete the hand-off?"),
        "later": QT_TRANSLATE_NOOP("ConflictDialog", "Nothing is settled: the hand-off stays on every laptop, and the deletion waits until someone chooses (here under Community > Conflicts…, or on another laptop)."),
        "kept": QT_TRANSLATE_NOOP("ConflictDialog", "Your choice goes to everyone in your next bundle; until then they see the hand-off kept, with the deletion waiting. Then it stays on every laptop, with the changes made to it."),
        "gone": QT_TRANSLATE_NOOP("ConflictDialog", "The hand-off is deleted here now. Your choice goes to everyone in your next bundle; until then they see it kept, and then it is deleted on every laptop, with the changes made to it."),
    },
    "workshops": {
        "kind": QT_TRANSLATE_NOOP("ConflictDialog", "Workshop"),
        "stays": QT_TRANSLATE_NOOP("ConflictDialog", "The workshop stays"),
        "deleted": QT_TRANSLATE_NOOP("ConflictDialog", "The workshop is deleted"),
        "keep": QT_TRANSLATE_NOOP("ConflictDialog", "&Keep the workshop"),
        "delete": QT_TRANSLATE_NOOP("ConflictDialog", "&Delete the workshop for everyone"),
        "question": QT_TRANSLATE_NOOP("ConflictDialog", "Keep or delete the workshop?"),
        "later": QT_TRANSLATE_NOOP("ConflictDialog", "Nothing is settled: the workshop stays on every laptop, and the deletion waits until someone chooses (here under Community > Conflicts…, or on another laptop)."),
        "kept": QT_TRANSLATE_NOOP("ConflictDialog", "Your choice goes to everyone in your next bundle; until then they see the workshop kept, with the deletion waiting. Then it stays on every laptop, with the changes made to it."),
        "gone": QT_TRANSLATE_NOOP("ConflictDialog", "The workshop is deleted here now. Your choice goes to everyone in your next bundle; until then they see it kept, and then it is deleted on every laptop, with the changes made to it."),
    },
    "blockers": {
        "kind": QT_TRANSLATE_NOOP("ConflictDialog", "Blocker"),
        "stays": QT_TRANSLATE_NOOP("ConflictDialog", "The blocker stays"),
        "deleted": QT_TRANSLATE_NOOP("ConflictDialog", "The blocker is deleted"),
        "keep": QT_TRANSLATE_NOOP("ConflictDialog", "&Keep the blocker"),
        "delete": QT_TRANSLATE_NOOP("ConflictDialog", "&Delete the blocker for everyone"),
        "question": QT_TRANSLATE_NOOP("ConflictDialog", "Keep or delete the blocker?"),
        "later": QT_TRANSLATE_NOOP("ConflictDialog", "Nothing is settled: the blocker stays on every laptop, and the deletion waits until someone chooses (here under Community > Conflicts…, or on another laptop)."),
        "kept": QT_TRANSLATE_NOOP("ConflictDialog", "Your choice goes to everyone in your next bundle; until then they see the blocker kept, with the deletion waiting. Then it stays on every laptop, with the changes made to it."),
        "gone": QT_TRANSLATE_NOOP("ConflictDialog", "The blocker is deleted here now. Your choice goes to everyone in your next bundle; until then they see it kept, and then it is deleted on every laptop, with the changes made to it."),
    },
    "blocker_updates": {
        "kind": QT_TRANSLATE_NOOP("ConflictDialog", "Blocker update"),
        "stays": QT_TRANSLATE_NOOP("ConflictDialog", "The blocker update stays"),
        "deleted": QT_TRANSLATE_NOOP("ConflictDialog", "The blocker update is deleted"),
        "keep": QT_TRANSLATE_NOOP("ConflictDialog", "&Keep the blocker update"),
        "delete": QT_TRANSLATE_NOOP("ConflictDialog", "&Delete the blocker update for everyone"),
        "question": QT_TRANSLATE_NOOP("ConflictDialog", "Keep or delete the blocker update?"),
        "later": QT_TRANSLATE_NOOP("ConflictDialog", "Nothing is settled: the blocker update stays on every laptop, and the deletion waits until someone chooses (here under Community > Conflicts…, or on another laptop)."),
        "kept": QT_TRANSLATE_NOOP("ConflictDialog", "Your choice goes to everyone in your next bundle; until then they see the blocker update kept, with the deletion waiting. Then it stays on every laptop, with the changes made to it."),
        "gone": QT_TRANSLATE_NOOP("ConflictDialog", "The blocker update is deleted here now. Your choice goes to everyone in your next bundle; until then they see it kept, and then it is deleted on every laptop, with the changes made to it."),
    },
    "notes": {
        "kind": QT_TRANSLATE_NOOP("ConflictDialog", "Note"),
        "stays": QT_TRANSLATE_NOOP("ConflictDialog", "The note stays"),
        "deleted": QT_TRANSLATE_NOOP("ConflictDialog", "The note is deleted"),
        "keep": QT_TRANSLATE_NOOP("ConflictDialog", "&Keep the note"),
        "delete": QT_TRANSLATE_NOOP("ConflictDialog", "&Delete the note for everyone"),
        "question": QT_TRANSLATE_NOOP("ConflictDialog", "Keep or delete the note?"),
        "later": QT_TRANSLATE_NOOP("ConflictDialog", "Nothing is settled: the note stays on every laptop, and the deletion waits until someone chooses (here under Community > Conflicts…, or on another laptop)."),
        "kept": QT_TRANSLATE_NOOP("ConflictDialog", "Your choice goes to everyone in your next bundle; until then they see the note kept, with the deletion waiting. Then it stays on every laptop, with the changes made to it."),
        "gone": QT_TRANSLATE_NOOP("ConflictDialog", "The note is deleted here now. Your choice goes to everyone in your next bundle; until then they see it kept, and then it is deleted on every laptop, with the changes made to it."),
    },
}


def kind_text(conflict: Conflict, use: str) -> str:
    """One of :data:`KIND_TEXT`'s sentences for the conflict's kind of record, translated."""
    return translate("ConflictDialog", KIND_TEXT[conflict.section][use])


def field_name(key: str) -> str:
    return _FIELD_NAMES.get(key) or key.replace("_", " ").capitalize()


def show_value(key: str, value: Any, labels: Mapping[str, str]) -> str:
    """A field's value as a person reads it: names for ids, words for vocabularies."""
    if value is None or value in ("", []):
        return "—"
    if isinstance(value, bool):
        return translate("ConflictDialog", "Yes") if value else translate("ConflictDialog", "No")
    if isinstance(value, list):
        return "; ".join(show_value(key, v, labels) for v in value)
    if isinstance(value, str) and key.endswith(("_id", "_ids")):
        return labels.get(value, value)
    if key == "updated_at" and isinstance(value, str):
        return value[:16].replace("T", " ")
    if isinstance(value, str) and key in _WORDS:
        return value_label(value)
    return str(value)


def when(at: str) -> str:
    """``2 Dec 2026, 17:56`` in this laptop's time zone, from a write's stamp; "time unknown" without one."""
    moment = _moment(at)
    if moment is None:
        return translate("ConflictDialog", "time unknown")
    return format_datetime(moment)


def who(side: merge.Side) -> str:
    """Who wrote a value: the core calls this laptop "this laptop" when it has no member's name."""
    return translate("ConflictDialog", "this laptop") if side.ours and side.who == "this laptop" else side.who


def reason_text(conflict: Conflict) -> str:
    """Why it is a conflict, in a sentence (the core's reason is English)."""
    if conflict.field == ALIVE:
        deleter = conflict.shown if not conflict.shown.value else conflict.other
        return translate("ConflictDialog", "deleted by {0} while it was changed elsewhere").format(who(deleter))
    return translate("ConflictDialog", "changed on two laptops, neither having seen the other's change")


def _moment(at: str) -> datetime | None:
    if not at:
        return None
    try:
        return datetime.fromisoformat(at.replace("Z", "+00:00"))
    except ValueError:
        return None


def kind_and_title(conflict: Conflict) -> str:
    return translate("ConflictDialog", "{0}: {1}").format(kind_text(conflict, "kind"), conflict.title)


def what(conflict: Conflict, labels: Mapping[str, str]) -> str:
    """The field as the inspector calls it; for an element of a set, which element."""
    # the core's English label, in the app's language where the app has the same words elsewhere
    label = translate("ConflictDialog", conflict.label[:1].upper() + conflict.label[1:])
    if conflict.field == ALIVE:
        return translate("ConflictDialog", "Deleted or kept")
    if "/" in conflict.field:
        child = conflict.field.split("/", 1)[1]
        return f"{label}: {labels.get(child, child)}"
    return label


def value_text(conflict: Conflict, value: Any, labels: Mapping[str, str]) -> str:
    if conflict.field == ALIVE:
        return kind_text(conflict, "stays") if value else kind_text(conflict, "deleted")
    if "/" in conflict.field:
        return translate("ConflictDialog", "Included") if value else translate("ConflictDialog", "Not included")
    text = show_value(conflict.field, value, labels)
    return translate("ConflictDialog", "(empty)") if text == "—" else text


def _quoted(conflict: Conflict, value: Any, labels: Mapping[str, str], limit: int = 80) -> str:
    text = value_text(conflict, value, labels).replace("\n", " ")
    if len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return f"“{text}”"


# --- choices -----------------------------------------------------------------------------------------


def mine_first(conflict: Conflict) -> bool:
    """Whether one of the two values is this laptop's (then it is called "yours")."""
    return conflict.shown.ours or conflict.other.ours


def sides(conflict: Conflict) -> list[tuple[str, merge.Side]]:
    """The two values in the order shown, left to right: yours first when one is yours."""
    if conflict.other.ours and not conflict.shown.ours:
        return [("other", conflict.other), ("shown", conflict.shown)]
    return [("shown", conflict.shown), ("other", conflict.other)]


def can_keep_both(conflict: Conflict) -> bool:
    """Text fields (not names of things, vocabularies or numbers) whose joined text still fits."""
    limit = LINE_FIELDS.get(conflict.field) or TEXT_FIELDS.get(conflict.field)
    a, b = conflict.shown.value, conflict.other.value
    if not limit or not isinstance(a, str) or not isinstance(b, str) or not a.strip() or not b.strip():
        return False
    return len(both_text(conflict)) <= limit


def both_text(conflict: Conflict) -> str:
    """Both texts as one, yours (or the shown one) first: ``A\\n\\n— or —\\n\\nB``."""
    first, second = (str(side.value).strip() for _, side in sides(conflict))
    return first + (_OR_LINE if conflict.field in LINE_FIELDS else _OR_TEXT) + second


def options(conflict: Conflict) -> list[str]:
    """The choices offered: "shown"/"other" (in the order shown), "both" for text, or keep/delete; "later"."""
    if conflict.field == ALIVE:
        return ["keep", "delete", LATER]
    found = [key for key, _ in sides(conflict)]
    if can_keep_both(conflict):
        found.append("both")
    return [*found, LATER]


def recommended(conflict: Conflict) -> tuple[str, str]:
    """The choice suggested first, and why in a few words.

    The later change by the writers' clocks (a suggestion only: a laptop's clock can be wrong, which is
    why the merge itself never decides by time); at the same minute or unknown, the value everyone sees
    now. For a record deleted while someone changed it: keep it, which loses nothing.
    """
    if conflict.field == ALIVE:
        return "keep", translate("ConflictDialog", "keeping it loses nothing: it can still be deleted afterwards")
    shown, other = _moment(conflict.shown.at), _moment(conflict.other.at)
    if shown is not None and other is not None and abs((other - shown).total_seconds()) >= 60:
        return ("other" if other > shown else "shown"), translate("ConflictDialog", "the later change (by the laptops' clocks)")
    return "shown", translate("ConflictDialog", "the one every laptop shows now (both were changed within a minute)")


def decision(conflict: Conflict, choice: str) -> Decision | None:
    """What :func:`settle` does for a choice; None for "decide later"."""
    if choice == LATER:
        return None
    if choice == "both":
        return ("value", both_text(conflict))
    return (choice, None)


def choice_text(conflict: Conflict, choice: str) -> str:
    """A choice as its button says it, with its mnemonic (``&``)."""
    if choice in ("keep", "delete"):
        return kind_text(conflict, choice)
    if choice == LATER:
        return translate("ConflictDialog", "Decide &later")
    if choice == "both":
        return translate("ConflictDialog", "Keep &both, one after the other")
    side = conflict.shown if choice == "shown" else conflict.other
    if mine_first(conflict):
        return translate("ConflictDialog", "Keep &yours") if side.ours else translate("ConflictDialog", "Keep &theirs, from {0}").format(who(side))
    if choice == "shown":
        return translate("ConflictDialog", "Keep the &value shown now, from {0}").format(who(side))
    return translate("ConflictDialog", "Keep the &other value, from {0}").format(who(side))


def side_caption(conflict: Conflict, key: str) -> str:
    """Whose value it is: ``Yours — Aisha Rahman``, ``Theirs — Bethan Hughes``."""
    side = conflict.shown if key == "shown" else conflict.other
    if conflict.field == ALIVE:
        return translate("ConflictDialog", "Kept for now") if side.value else translate("ConflictDialog", "Deleted by {0}").format(who(side))
    if mine_first(conflict):
        return (translate("ConflictDialog", "Yours — {0}") if side.ours else translate("ConflictDialog", "Theirs — {0}")).format(who(side))
    return (translate("ConflictDialog", "Shown now — {0}") if key == "shown" else translate("ConflictDialog", "Also kept — {0}")).format(who(side))


def side_stamp(conflict: Conflict, key: str) -> str:
    """When it was written (by the writer's clock), and whether every laptop shows it now."""
    side = conflict.shown if key == "shown" else conflict.other
    if conflict.field == ALIVE:
        return translate("ConflictDialog", "Changed while it was deleted elsewhere") if side.value else translate("ConflictDialog", "Deleted {0}").format(when(side.at))
    text = translate("ConflictDialog", "Changed {0}").format(when(side.at)) if side.at else translate("ConflictDialog", "Changed at a time unknown")
    return text + "\n" + (translate("ConflictDialog", "Shown now on every laptop") if key == "shown" else translate("ConflictDialog", "Kept beside it, not shown"))


def short_choice(conflict: Conflict, choice: str) -> str:
    """A choice in a few words, for the list of conflicts."""
    if choice in ("shown", "other"):
        side = conflict.shown if choice == "shown" else conflict.other
        if mine_first(conflict):
            return translate("ConflictDialog", "Yours") if side.ours else translate("ConflictDialog", "Theirs")
        return translate("ConflictDialog", "The one shown") if choice == "shown" else translate("ConflictDialog", "The other")
    return {"both": translate("ConflictDialog", "Both"), "keep": translate("ConflictDialog", "Keep it"), "delete": translate("ConflictDialog", "Delete it"), LATER: translate("ConflictDialog", "Later")}[choice]


def consequence(conflict: Conflict, choice: str, labels: Mapping[str, str]) -> str:
    """One sentence on what the choice does here and for the other members."""
    shown = _quoted(conflict, conflict.shown.value, labels)
    if choice == LATER:
        if conflict.field == ALIVE:
            return kind_text(conflict, "later")
        return translate("ConflictDialog", "Nothing is settled: everyone who has both changes sees {0}, and both values "
                         "are kept until someone chooses (here under Community > Conflicts…, or on another laptop).").format(shown)
    if choice == "keep":
        return kind_text(conflict, "kept")
    if choice == "delete":
        return kind_text(conflict, "gone")
    if choice == "both":
        return translate("ConflictDialog", "Your choice goes to everyone in your next bundle; until then they see {0}. Then "
                         "everyone sees both texts as one: {1}.").format(shown, _quoted(conflict, both_text(conflict), labels, 120))
    kept = conflict.shown if choice == "shown" else conflict.other
    lost = conflict.other if choice == "shown" else conflict.shown
    if choice == "shown":
        if lost.ours:
            text = translate("ConflictDialog", "Your choice goes to everyone in your next bundle; until then they see {0}, as "
                             "now. Then it is settled everywhere, and your {1} is no longer kept.")
        else:
            text = translate("ConflictDialog", "Your choice goes to everyone in your next bundle; until then they see {0}, as "
                             "now. Then it is settled everywhere, and {1}, from {2}, is no longer kept.")
        return text.format(shown, _quoted(conflict, lost.value, labels), who(lost))
    if lost.ours:
        text = translate("ConflictDialog", "Your choice goes to everyone in your next bundle; until then they see {0}. Then "
                         "everyone sees {1}, in place of your {0}.")
    else:
        text = translate("ConflictDialog", "Your choice goes to everyone in your next bundle; until then they see {0}. Then "
                         "everyone sees {1}, in place of {0}, from {2}.")
    return text.format(shown, _quoted(conflict, kept.value, labels), who(lost))


# --- the dialog --------------------------------------------------------------------------------------


class ConflictDialog(QDialog):
    """Each pending conflict with both values side by side and a choice (the recommended one first).

    :meth:`ask` returns ``{conflict key: decision}`` for every conflict not left for later (see the
    module docstring), or None if the person closes it (everything stays pending).
    """

    def __init__(self, conflicts: Sequence[Conflict], labels: Mapping[str, str], parent: QWidget | None = None,
                 *, intro: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("ConflictDialog", "Conflicts: choose what to keep"))
        dialogs.fit_to_screen(self, (1060, 620))
        self.conflicts = list(conflicts)
        self.labels = labels
        self.choices: dict[str, str] = {c.key: recommended(c)[0] for c in self.conflicts}

        n = len(self.conflicts)
        head = QLabel(
            translate("ConflictDialog", "<b>%n change(s) (clashes|clash)</b>: two members changed the same thing without seeing each "
                      "other's change. Both values are kept, and every laptop shows the same one until someone "
                      "chooses.", "", n) + " " + intro
        )
        head.setWordWrap(True)

        self.list = QTableWidget(n, 2)
        self.list.setHorizontalHeaderLabels([translate("ConflictDialog", "Conflict"), translate("ConflictDialog", "Your choice")])
        self.list.setAccessibleName(translate("ConflictDialog", "Conflicts to settle"))
        self.list.setAccessibleDescription(translate("ConflictDialog", "Up and down arrows move between conflicts; Tab goes to the choices"))
        self.list.verticalHeader().setVisible(False)
        self.list.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.setTabKeyNavigation(False)  # Tab leaves the table for the choices
        self.list.setWordWrap(True)
        for row, conflict in enumerate(self.conflicts):
            # two lines: the record's title (what people recognise), then its kind and the field
            text = translate("ConflictDialog", "{0}\n{1} · {2}").format(conflict.title, kind_text(conflict, "kind"), what(conflict, labels))
            record = QTableWidgetItem(text)
            record.setToolTip(f"{kind_and_title(conflict)}\n{what(conflict, labels)}")
            self.list.setItem(row, 0, record)
            self.list.setItem(row, 1, QTableWidgetItem())
            self._show_choice(row)
        header = self.list.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.list.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.list.currentCellChanged.connect(lambda row, *_: self._show(row))

        # the conflict in front: its record, both values, the choice and what it does
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        font = self.title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.title.setFont(font)
        self.field = QLabel()
        self.field.setWordWrap(True)
        self.frames: list[QFrame] = []
        self.captions: list[QLabel] = []
        self.times: list[QLabel] = []
        self.values: list[QLabel] = []
        self.scrolls: list[QScrollArea] = []
        pair = QHBoxLayout()
        for _ in range(2):
            frame = QFrame()
            frame.setObjectName("ConflictSide")
            frame.setFrameShape(QFrame.Shape.StyledPanel)
            box = QVBoxLayout(frame)
            caption = QLabel()
            caption.setWordWrap(True)
            caption_font = caption.font()
            caption_font.setBold(True)
            caption.setFont(caption_font)
            stamp = QLabel()
            stamp.setWordWrap(True)
            value = QLabel()
            value.setWordWrap(True)
            value.setTextFormat(Qt.TextFormat.PlainText)
            value.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value_font = value.font()
            value_font.setPointSizeF(value_font.pointSizeF() * 1.1)
            value.setFont(value_font)
            scroll = QScrollArea()
            scroll.setWidgetResizable(True)
            scroll.setFrameShape(QFrame.Shape.NoFrame)
            scroll.setWidget(value)
            scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            self.scrolls.append(scroll)
            box.addWidget(caption)
            box.addWidget(stamp)
            box.addWidget(scroll, 1)
            pair.addWidget(frame, 1)
            self.frames.append(frame)
            self.captions.append(caption)
            self.times.append(stamp)
            self.values.append(value)

        # one button per place, made once so Tab and the arrow keys meet them in the order shown
        self.choice_box = QGroupBox(translate("ConflictDialog", "Keep which"))
        choice_layout = QVBoxLayout(self.choice_box)
        self.group = QButtonGroup(self)
        self.group.idClicked.connect(self._clicked)
        self.group.buttonToggled.connect(self._tab_stop)
        self.radios: list[QRadioButton] = []
        ring = self.palette()
        ring.setColor(QPalette.ColorRole.Window, QColor(theme.current().muted))  # Fusion draws the ring from it
        for index in range(len(CHOICES) - 2):  # at most: two values, both, later (or keep, delete, later)
            radio = QRadioButton()
            radio.setPalette(ring)  # the dark theme's own ring is nearly invisible
            radio.setFocusPolicy(Qt.FocusPolicy.ClickFocus)  # until chosen (see _tab_stop)
            self.group.addButton(radio, index)
            choice_layout.addWidget(radio)
            self.radios.append(radio)
        self.offered: list[str] = []
        self.why = QLabel()
        self.why.setWordWrap(True)
        self.effect = QLabel()
        self.effect.setWordWrap(True)
        self.effect.setObjectName("ConflictEffect")

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(8, 0, 0, 0)
        right_layout.addWidget(self.title)
        right_layout.addWidget(self.field)
        right_layout.addLayout(pair)
        right_layout.addWidget(self.choice_box)
        right_layout.addWidget(self.why)
        right_layout.addWidget(self.effect)
        right_layout.addStretch(1)

        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.list)
        split.addWidget(right)
        split.setSizes([380, 680])
        split.setChildrenCollapsible(False)

        self.recommend_all = QPushButton(translate("ConflictDialog", "Use &recommended for all"))
        self.recommend_all.setAccessibleName(translate("ConflictDialog", "Use the recommended choice for every conflict"))
        self.recommend_all.clicked.connect(self.use_recommended)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.apply_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.later_button = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.later_button.setText(translate("ConflictDialog", "&Close: decide all later"))
        self.later_button.setAccessibleName(translate("ConflictDialog", "Close and decide every conflict later"))
        self.later_button.setToolTip(translate("ConflictDialog", "Nothing is settled; Community > Conflicts… brings this back (Esc)"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        actions = QHBoxLayout()
        actions.addWidget(self.recommend_all)
        actions.addStretch(1)
        actions.addWidget(self.buttons)

        layout = QVBoxLayout(self)
        layout.addWidget(head)
        layout.addWidget(split, 1)
        layout.addLayout(actions)
        self._update_apply()
        if n:
            self.list.selectRow(0)
            self._show(0)
        self.list.setFocus()

    # --- what is shown ------------------------------------------------------------------------

    def current(self) -> int:
        return self.list.currentRow() if self.list.currentRow() >= 0 else 0

    def _show(self, row: int) -> None:
        if not 0 <= row < len(self.conflicts):
            return
        conflict = self.conflicts[row]
        self.title.setText(kind_and_title(conflict))
        self.field.setText(translate("ConflictDialog", "{0} — {1}.").format(what(conflict, self.labels), reason_text(conflict)))
        for (key, side), caption, stamp, value in zip(sides(conflict), self.captions, self.times, self.values,
                                                      strict=True):
            caption.setText(side_caption(conflict, key))
            stamp.setText(side_stamp(conflict, key))
            value.setText(value_text(conflict, side.value, self.labels))
            value.setAccessibleName(f"{side_caption(conflict, key)}, {side_stamp(conflict, key)}: "
                                    f"{value_text(conflict, side.value, self.labels)}")
        self._fit_values()
        best, reason = recommended(conflict)
        self.offered = options(conflict)
        for index, radio in enumerate(self.radios):
            choice = self.offered[index] if index < len(self.offered) else None
            radio.setVisible(choice is not None)
            if choice is None:
                continue
            text = translate("ConflictDialog", "{0} (recommended)").format(choice_text(conflict, choice)) if choice == best else choice_text(conflict, choice)
            radio.setText(text)
            radio.setAccessibleName(text.replace("&", ""))
            radio.setAccessibleDescription(consequence(conflict, choice, self.labels))
        self.radios[self.offered.index(self.choices[conflict.key])].setChecked(True)
        self.choice_box.setTitle(translate("ConflictDialog", "Keep which value: {0}?").format(what(conflict, self.labels))
                                 if conflict.field != ALIVE
                                 else kind_text(conflict, "question"))
        self.why.setText(translate("ConflictDialog", "<b>Recommended: {0}</b>, {1}.").format(short_choice(conflict, best).lower(), reason))
        self._show_effect(conflict)

    def _fit_values(self) -> None:
        """Both value boxes as tall as the longer text needs (within reason), so short values leave no hole."""
        width = max(80, self.scrolls[0].viewport().width() - 4)
        needed = max(v.heightForWidth(width) for v in self.values)
        height = min(max(needed + 6, 40), 240)
        for scroll in self.scrolls:
            scroll.setFixedHeight(height)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_values()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._fit_values()

    def _tab_stop(self, radio: QAbstractButton, checked: bool) -> None:
        """Tab enters and leaves the choices at the one chosen; the arrow keys move between them."""
        radio.setFocusPolicy(Qt.FocusPolicy.StrongFocus if checked else Qt.FocusPolicy.ClickFocus)

    def _show_effect(self, conflict: Conflict) -> None:
        choice = self.choices[conflict.key]
        self.effect.setText(consequence(conflict, choice, self.labels))
        colour = theme.current().selection
        for (key, _side), frame in zip(sides(conflict), self.frames, strict=True):
            if conflict.field == ALIVE:
                chosen = (key == "shown") == (choice == "keep")
            else:
                chosen = choice in (key, "both")
            frame.setStyleSheet(f"QFrame#ConflictSide {{ border: 2px solid {colour}; border-radius: 3px; }}"
                                if chosen and choice != LATER else "")

    def _show_choice(self, row: int) -> None:
        conflict = self.conflicts[row]
        choice = self.choices[conflict.key]
        text = short_choice(conflict, choice)
        if choice == recommended(conflict)[0]:
            text = translate("ConflictDialog", "{0} (recommended)").format(text)
        cell = self.list.item(row, 1)
        if cell is not None:
            cell.setText(text)

    def _update_apply(self) -> None:
        n = sum(1 for c in self.choices.values() if c != LATER)
        self.apply_button.setText(translate("ConflictDialog", "&Settle %n as chosen", "", n) if n
                                  else translate("ConflictDialog", "&Settle none now"))

    # --- choosing -----------------------------------------------------------------------------

    def _clicked(self, index: int) -> None:
        if self.conflicts and index < len(self.offered):
            self.choose(self.conflicts[self.current()].key, self.offered[index])

    def choose(self, key: str, choice: str) -> None:
        """Choose for one conflict (``shown``, ``other``, ``both``, ``keep``, ``delete`` or ``later``)."""
        row = next(i for i, c in enumerate(self.conflicts) if c.key == key)
        conflict = self.conflicts[row]
        if choice not in options(conflict):
            raise ValueError(f"{choice!r} is not a choice for {key}")
        self.choices[key] = choice
        self._show_choice(row)
        self._update_apply()
        if row == self.current():
            self.radios[self.offered.index(choice)].setChecked(True)
            self._show_effect(conflict)

    def use_recommended(self) -> None:
        for conflict in self.conflicts:
            self.choose(conflict.key, recommended(conflict)[0])

    def decisions(self) -> dict[str, Decision]:
        by_key = {c.key: c for c in self.conflicts}
        out: dict[str, Decision] = {}
        for key, choice in self.choices.items():
            made = decision(by_key[key], choice)
            if made is not None:
                out[key] = made
        return out

    @classmethod
    def ask(cls, parent: QWidget | None, conflicts: Sequence[Conflict], labels: Mapping[str, str] | None = None,
            *, intro: str = "") -> dict[str, Decision] | None:
        dialog = cls(conflicts, labels or {}, parent, intro=intro)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            return dialog.decisions()
        finally:
            dialog.deleteLater()


def choice_label(conflict: Conflict, choice: str) -> str:
    """A choice in a table cell: the button's words without the mnemonic."""
    return choice_text(conflict, choice).replace("&", "")


# --- settling ------------------------------------------------------------------------------------------


def settle(ctx: AppContext, conflicts: Sequence[Conflict], decisions: Mapping[str, Decision]) -> tuple[int, list[str]]:
    """Apply the choices, one transaction each; (how many were settled, a sentence per one that failed).

    Announces what changed, so the map and the panels refresh. A conflict someone settled meanwhile
    (on another laptop, through a bundle merged since) is reported, not forced.
    """
    by_key = {c.key: c for c in conflicts}
    done: list[Conflict] = []
    problems: list[str] = []
    with ctx.store.session() as session:
        for key, (keep, value) in decisions.items():
            conflict = by_key[key]
            try:
                if keep == "value":
                    merge.resolve_conflict(session, conflict.id, conflict.field, value=value, actor_id=ctx.member_id)
                else:
                    merge.resolve_conflict(session, conflict.id, conflict.field, keep=keep, actor_id=ctx.member_id)
            except ServiceCommunityError as exc:
                problems.append(f"{kind_and_title(conflict)}, {conflict.label}: {exc}")
                continue
            done.append(conflict)
    if any(decisions[c.key][0] == "delete" for c in done):
        ctx.undo_stack.clear()  # its commands may name the records just deleted
        ctx.announce(Changes.everything())
    elif done:
        ctx.announce(Changes(frozenset(c.section for c in done), frozenset(c.id for c in done)))
    return len(done), problems


def settled_text(settled: int, left: int, problems: Sequence[str]) -> str:
    """What the review did, in a sentence or two."""
    parts = []
    if settled:
        parts.append(translate("ConflictDialog", "%n conflict(s) settled: your next bundle takes (it|them) to the others.",
                               "", settled))
    if left:
        parts.append(translate("ConflictDialog", "%n left for later, both values kept (Community > Conflicts… when you are "
                               "ready).", "", left))
    parts += problems
    return " ".join(parts)


def pending(ctx: AppContext) -> tuple[list[Conflict], dict[str, str]]:
    """The pending conflicts and the names their values mention."""
    def read(session: Any) -> tuple[list[Conflict], dict[str, str]]:
        found = merge.pending_conflicts(session)
        return found, (record_labels(session) if found else {})

    found: tuple[list[Conflict], dict[str, str]] = ctx.read(read)
    return found


def pending_count(ctx: AppContext) -> int:
    return len(ctx.read(merge.pending_conflicts))


def review(parent: QWidget | None, ctx: AppContext, conflicts: Sequence[Conflict], labels: Mapping[str, str],
           *, intro: str = "") -> tuple[int, int, list[str]]:
    """Ask about ``conflicts`` and settle what was chosen: (settled, left for later, problems)."""
    asked = ConflictDialog.ask(parent, conflicts, labels, intro=intro)
    if not asked:
        return 0, len(conflicts), []
    settled, problems = settle(ctx, conflicts, asked)
    return settled, len(conflicts) - settled, problems


def review_pending(parent: QWidget | None, ctx: AppContext) -> bool:
    """Community > Conflicts…: the review over what is pending now; True if anything was settled."""
    try:
        conflicts, labels = pending(ctx)
        if not conflicts:
            QMessageBox.information(parent, translate("dialogs.conflicts", "Conflicts"), "No conflicts are waiting: every merge so far agreed.")
            return False
        settled, left, problems = review(parent, ctx, conflicts, labels)
    except ServiceCommunityError as exc:
        QMessageBox.warning(parent, translate("dialogs.conflicts", "Conflicts"), str(exc))
        return False
    if problems:
        QMessageBox.warning(parent, translate("dialogs.conflicts", "Conflicts"), settled_text(settled, left, problems))
    return settled > 0
