"""The words refusals are made of, each a whole sentence in the catalogue: what each field is called,
a sentence per kind of record where Welsh needs the noun mutated or its pronoun's gender
(*y daith … ei darllen*, *y cam … ei ddarllen*), a sentence per stored value where one would be
inserted (*The blocker is already in progress.*), and pydantic's refusals said in our own words.

Text here is marked with ``N_`` and translated where it is shown (``gettext(...)``), so the
language is the one of the moment it is said, not of the moment this module was imported.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from servicecommunity.i18n import N_, format_list, gettext, ngettext

ALIVE = "_alive"  # a record's being there, as the merge's clocks name it (servicecommunity.exchange.sync.ALIVE)

#: what the inspector and the forms call each field (and each column of a bundle)
FIELD_LABELS: dict[str, str] = {
    "name": N_("name"), "title": N_("title"), "description": N_("description"), "short_name": N_("short name"),
    "kind": N_("kind"), "colour": N_("colour"), "purpose": N_("purpose"), "email": N_("email"), "role": N_("role"),
    "organisation_id": N_("organisation"), "persona": N_("persona"), "user_need": N_("user need"), "status": N_("status"),
    "position": N_("position"), "stage_id": N_("stage"), "owner_id": N_("owner"), "channels": N_("channels"),
    "touchpoint": N_("touchpoint"), "touchpoint_url": N_("touchpoint link"), "duration_hours": N_("time taken (hours)"),
    "emotion": N_("feeling"), "pain_points": N_("pain points"), "monthly_volume": N_("users a month"),
    "cost_per_transaction": N_("cost per transaction"), "user_satisfaction": N_("user satisfaction"),
    "completion_rate": N_("completion rate"), "digital_take_up": N_("digital take-up"), "from_step_id": N_("from step"),
    "to_step_id": N_("to step"), "handoff_mode": N_("hand-off by"), "agreed": N_("agreed"), "note": N_("note"),
    "journey_id": N_("journey"), "held_on": N_("held on"), "facilitator_id": N_("facilitator"), "notes": N_("notes"),
    "category": N_("category"), "severity": N_("severity"), "classification": N_("classification"),
    "raised_by_id": N_("raised by"), "workshop_id": N_("workshop"), "raised_on": N_("raised on"), "due_on": N_("due on"),
    "resolved_on": N_("resolved on"), "standard_points": N_("Service Standard points"), "comment": N_("comment"),
    "author_id": N_("author"), "old_status": N_("old status"), "new_status": N_("new status"), "community_id": N_("community"),
    "supporter_ids": N_("supporting organisations"), "data_item_ids": N_("data asked for"), "group_ids": N_("sub-groups"),
    "attendee_ids": N_("attendees"), "blocking_organisation_ids": N_("organisations causing it"),
    "step_ids": N_("steps affected"), "dependency_ids": N_("hand-offs affected"), ALIVE: N_("deleted or kept"),
    "body": N_("words"), "step_id": N_("step"), "dependency_id": N_("hand-off"),
    "as_is_id": N_("the journey as it is"), "blocker_id": N_("blocker"), "wait_hours": N_("wait (hours)"),
    "created_at": N_("time created"), "updated_at": N_("last updated"), "deleted_at": N_("time deleted"),
    "as_of": N_("as of"), "order": N_("order"),
}


def field_label(name: str) -> str:
    """A field's label, still in English (``gettext`` it where it is shown); ``channels/phone``: the channels."""
    base = name.split("/", 1)[0]
    return FIELD_LABELS.get(base, base.replace("_", " "))


def label(name: str) -> str:
    """A field's label in the current language."""
    base = name.split("/", 1)[0]
    return gettext(FIELD_LABELS[base]) if base in FIELD_LABELS else base


#: a hand-off that would repeat one between the same steps, per kind
DEPENDENCY_CLASH: dict[str, str] = {
    "sequence": N_("Those steps already have a sequence dependency."),
    "needs": N_("Those steps already have a needs dependency."),
    "data_handoff": N_("Those steps already have a data hand-off dependency."),
    "alternative": N_("Those steps already have an alternative dependency."),
}

#: a status change to the status a blocker already has
BLOCKER_ALREADY: dict[str, str] = {
    "open": N_("The blocker is already open."),
    "in_progress": N_("The blocker is already in progress."),
    "escalated": N_("The blocker is already escalated."),
    "resolved": N_("The blocker is already resolved."),
    "wont_fix": N_("The blocker is already marked won't fix."),
}

# --- one sentence per kind of record ------------------------------------------------------------
# (a merge's conflicts, an edit or deletion refused because someone else changed the record, a
# reference to another community's record, a restore of a record that exists)

CONFLICT_DELETED: dict[str, str] = {
    'communities': N_("The community {title}: {reason}. It is kept for now. Keep it, or delete it for everyone ('resolve {id} --keep mine|theirs')."),
    'organisations': N_("The organisation {title}: {reason}. It is kept for now. Keep it, or delete it for everyone ('resolve {id} --keep mine|theirs')."),
    'groups': N_("The sub-group {title}: {reason}. It is kept for now. Keep it, or delete it for everyone ('resolve {id} --keep mine|theirs')."),
    'members': N_("The member {title}: {reason}. It is kept for now. Keep it, or delete it for everyone ('resolve {id} --keep mine|theirs')."),
    'data_items': N_("The data item {title}: {reason}. It is kept for now. Keep it, or delete it for everyone ('resolve {id} --keep mine|theirs')."),
    'journeys': N_("The journey {title}: {reason}. It is kept for now. Keep it, or delete it for everyone ('resolve {id} --keep mine|theirs')."),
    'stages': N_("The stage {title}: {reason}. It is kept for now. Keep it, or delete it for everyone ('resolve {id} --keep mine|theirs')."),
    'steps': N_("The step {title}: {reason}. It is kept for now. Keep it, or delete it for everyone ('resolve {id} --keep mine|theirs')."),
    'dependencies': N_("The dependency {title}: {reason}. It is kept for now. Keep it, or delete it for everyone ('resolve {id} --keep mine|theirs')."),
    'workshops': N_("The workshop {title}: {reason}. It is kept for now. Keep it, or delete it for everyone ('resolve {id} --keep mine|theirs')."),
    'blockers': N_("The blocker {title}: {reason}. It is kept for now. Keep it, or delete it for everyone ('resolve {id} --keep mine|theirs')."),
    'blocker_updates': N_("The blocker update {title}: {reason}. It is kept for now. Keep it, or delete it for everyone ('resolve {id} --keep mine|theirs')."),
    'notes': N_("The note {title}: {reason}. It is kept for now. Keep it, or delete it for everyone ('resolve {id} --keep mine|theirs')."),
}
CONFLICT_VALUES: dict[str, str] = {
    'communities': N_("The community {title}, {field}: {shown} ({shown_who}, {shown_at}) against {other} ({other_who}, {other_at}). The first is shown for now; the other is kept until one is chosen, and the choice reaches everyone who gets your next bundle."),
    'organisations': N_("The organisation {title}, {field}: {shown} ({shown_who}, {shown_at}) against {other} ({other_who}, {other_at}). The first is shown for now; the other is kept until one is chosen, and the choice reaches everyone who gets your next bundle."),
    'groups': N_("The sub-group {title}, {field}: {shown} ({shown_who}, {shown_at}) against {other} ({other_who}, {other_at}). The first is shown for now; the other is kept until one is chosen, and the choice reaches everyone who gets your next bundle."),
    'members': N_("The member {title}, {field}: {shown} ({shown_who}, {shown_at}) against {other} ({other_who}, {other_at}). The first is shown for now; the other is kept until one is chosen, and the choice reaches everyone who gets your next bundle."),
    'data_items': N_("The data item {title}, {field}: {shown} ({shown_who}, {shown_at}) against {other} ({other_who}, {other_at}). The first is shown for now; the other is kept until one is chosen, and the choice reaches everyone who gets your next bundle."),
    'journeys': N_("The journey {title}, {field}: {shown} ({shown_who}, {shown_at}) against {other} ({other_who}, {other_at}). The first is shown for now; the other is kept until one is chosen, and the choice reaches everyone who gets your next bundle."),
    'stages': N_("The stage {title}, {field}: {shown} ({shown_who}, {shown_at}) against {other} ({other_who}, {other_at}). The first is shown for now; the other is kept until one is chosen, and the choice reaches everyone who gets your next bundle."),
    'steps': N_("The step {title}, {field}: {shown} ({shown_who}, {shown_at}) against {other} ({other_who}, {other_at}). The first is shown for now; the other is kept until one is chosen, and the choice reaches everyone who gets your next bundle."),
    'dependencies': N_("The dependency {title}, {field}: {shown} ({shown_who}, {shown_at}) against {other} ({other_who}, {other_at}). The first is shown for now; the other is kept until one is chosen, and the choice reaches everyone who gets your next bundle."),
    'workshops': N_("The workshop {title}, {field}: {shown} ({shown_who}, {shown_at}) against {other} ({other_who}, {other_at}). The first is shown for now; the other is kept until one is chosen, and the choice reaches everyone who gets your next bundle."),
    'blockers': N_("The blocker {title}, {field}: {shown} ({shown_who}, {shown_at}) against {other} ({other_who}, {other_at}). The first is shown for now; the other is kept until one is chosen, and the choice reaches everyone who gets your next bundle."),
    'blocker_updates': N_("The blocker update {title}, {field}: {shown} ({shown_who}, {shown_at}) against {other} ({other_who}, {other_at}). The first is shown for now; the other is kept until one is chosen, and the choice reaches everyone who gets your next bundle."),
    'notes': N_("The note {title}, {field}: {shown} ({shown_who}, {shown_at}) against {other} ({other_who}, {other_at}). The first is shown for now; the other is kept until one is chosen, and the choice reaches everyone who gets your next bundle."),
}
CHANGED_SINCE: dict[str, str] = {
    'communities': N_("Someone else changed the community “{name}” since you read it, so your change was not saved: {values}. Look at the fresh values and make your change again."),
    'organisations': N_("Someone else changed the organisation “{name}” since you read it, so your change was not saved: {values}. Look at the fresh values and make your change again."),
    'groups': N_("Someone else changed the sub-group “{name}” since you read it, so your change was not saved: {values}. Look at the fresh values and make your change again."),
    'members': N_("Someone else changed the member “{name}” since you read it, so your change was not saved: {values}. Look at the fresh values and make your change again."),
    'data_items': N_("Someone else changed the data item “{name}” since you read it, so your change was not saved: {values}. Look at the fresh values and make your change again."),
    'journeys': N_("Someone else changed the journey “{name}” since you read it, so your change was not saved: {values}. Look at the fresh values and make your change again."),
    'stages': N_("Someone else changed the stage “{name}” since you read it, so your change was not saved: {values}. Look at the fresh values and make your change again."),
    'steps': N_("Someone else changed the step “{name}” since you read it, so your change was not saved: {values}. Look at the fresh values and make your change again."),
    'dependencies': N_("Someone else changed the dependency “{name}” since you read it, so your change was not saved: {values}. Look at the fresh values and make your change again."),
    'workshops': N_("Someone else changed the workshop “{name}” since you read it, so your change was not saved: {values}. Look at the fresh values and make your change again."),
    'blockers': N_("Someone else changed the blocker “{name}” since you read it, so your change was not saved: {values}. Look at the fresh values and make your change again."),
    'blocker_updates': N_("Someone else changed the blocker update “{name}” since you read it, so your change was not saved: {values}. Look at the fresh values and make your change again."),
    'notes': N_("Someone else changed the note “{name}” since you read it, so your change was not saved: {values}. Look at the fresh values and make your change again."),
}
KEEPS_CHANGING: dict[str, str] = {
    'communities': N_("Someone else keeps changing the community “{name}”; your change was not saved; try again in a moment."),
    'organisations': N_("Someone else keeps changing the organisation “{name}”; your change was not saved; try again in a moment."),
    'groups': N_("Someone else keeps changing the sub-group “{name}”; your change was not saved; try again in a moment."),
    'members': N_("Someone else keeps changing the member “{name}”; your change was not saved; try again in a moment."),
    'data_items': N_("Someone else keeps changing the data item “{name}”; your change was not saved; try again in a moment."),
    'journeys': N_("Someone else keeps changing the journey “{name}”; your change was not saved; try again in a moment."),
    'stages': N_("Someone else keeps changing the stage “{name}”; your change was not saved; try again in a moment."),
    'steps': N_("Someone else keeps changing the step “{name}”; your change was not saved; try again in a moment."),
    'dependencies': N_("Someone else keeps changing the dependency “{name}”; your change was not saved; try again in a moment."),
    'workshops': N_("Someone else keeps changing the workshop “{name}”; your change was not saved; try again in a moment."),
    'blockers': N_("Someone else keeps changing the blocker “{name}”; your change was not saved; try again in a moment."),
    'blocker_updates': N_("Someone else keeps changing the blocker update “{name}”; your change was not saved; try again in a moment."),
    'notes': N_("Someone else keeps changing the note “{name}”; your change was not saved; try again in a moment."),
}
BELONGS_ELSEWHERE: dict[str, str] = {
    'communities': N_("That community belongs to another community."),
    'organisations': N_("That organisation belongs to another community."),
    'groups': N_("That sub-group belongs to another community."),
    'members': N_("That member belongs to another community."),
    'data_items': N_("That data item belongs to another community."),
    'journeys': N_("That journey belongs to another community."),
    'stages': N_("That stage belongs to another community."),
    'steps': N_("That step belongs to another community."),
    'dependencies': N_("That dependency belongs to another community."),
    'workshops': N_("That workshop belongs to another community."),
    'blockers': N_("That blocker belongs to another community."),
    'blocker_updates': N_("That blocker update belongs to another community."),
    'notes': N_("That note belongs to another community."),
}
EXISTS_ALREADY: dict[str, str] = {
    'communities': N_("That community exists already; nothing to restore."),
    'organisations': N_("That organisation exists already; nothing to restore."),
    'groups': N_("That sub-group exists already; nothing to restore."),
    'members': N_("That member exists already; nothing to restore."),
    'data_items': N_("That data item exists already; nothing to restore."),
    'journeys': N_("That journey exists already; nothing to restore."),
    'stages': N_("That stage exists already; nothing to restore."),
    'steps': N_("That step exists already; nothing to restore."),
    'dependencies': N_("That dependency exists already; nothing to restore."),
    'workshops': N_("That workshop exists already; nothing to restore."),
    'blockers': N_("That blocker exists already; nothing to restore."),
    'blocker_updates': N_("That blocker update exists already; nothing to restore."),
    'notes': N_("That note exists already; nothing to restore."),
}

DELETE_CHANGED: dict[str, str] = {
    'communities': N_("Someone else changed the community “{name}” since you read it, so it was not deleted: {values}. Look at it again and delete it if you still mean to."),
    'organisations': N_("Someone else changed the organisation “{name}” since you read it, so it was not deleted: {values}. Look at it again and delete it if you still mean to."),
    'groups': N_("Someone else changed the sub-group “{name}” since you read it, so it was not deleted: {values}. Look at it again and delete it if you still mean to."),
    'members': N_("Someone else changed the member “{name}” since you read it, so it was not deleted: {values}. Look at it again and delete it if you still mean to."),
    'data_items': N_("Someone else changed the data item “{name}” since you read it, so it was not deleted: {values}. Look at it again and delete it if you still mean to."),
    'journeys': N_("Someone else changed the journey “{name}” since you read it, so it was not deleted: {values}. Look at it again and delete it if you still mean to."),
    'stages': N_("Someone else changed the stage “{name}” since you read it, so it was not deleted: {values}. Look at it again and delete it if you still mean to."),
    'steps': N_("Someone else changed the step “{name}” since you read it, so it was not deleted: {values}. Look at it again and delete it if you still mean to."),
    'dependencies': N_("Someone else changed the dependency “{name}” since you read it, so it was not deleted: {values}. Look at it again and delete it if you still mean to."),
    'workshops': N_("Someone else changed the workshop “{name}” since you read it, so it was not deleted: {values}. Look at it again and delete it if you still mean to."),
    'blockers': N_("Someone else changed the blocker “{name}” since you read it, so it was not deleted: {values}. Look at it again and delete it if you still mean to."),
    'blocker_updates': N_("Someone else changed the blocker update “{name}” since you read it, so it was not deleted: {values}. Look at it again and delete it if you still mean to."),
    'notes': N_("Someone else changed the note “{name}” since you read it, so it was not deleted: {values}. Look at it again and delete it if you still mean to."),
}
DELETE_CHANGED_BARE: dict[str, str] = {
    'communities': N_("Someone else changed the community “{name}” since you read it, so it was not deleted. Look at it again and delete it if you still mean to."),
    'organisations': N_("Someone else changed the organisation “{name}” since you read it, so it was not deleted. Look at it again and delete it if you still mean to."),
    'groups': N_("Someone else changed the sub-group “{name}” since you read it, so it was not deleted. Look at it again and delete it if you still mean to."),
    'members': N_("Someone else changed the member “{name}” since you read it, so it was not deleted. Look at it again and delete it if you still mean to."),
    'data_items': N_("Someone else changed the data item “{name}” since you read it, so it was not deleted. Look at it again and delete it if you still mean to."),
    'journeys': N_("Someone else changed the journey “{name}” since you read it, so it was not deleted. Look at it again and delete it if you still mean to."),
    'stages': N_("Someone else changed the stage “{name}” since you read it, so it was not deleted. Look at it again and delete it if you still mean to."),
    'steps': N_("Someone else changed the step “{name}” since you read it, so it was not deleted. Look at it again and delete it if you still mean to."),
    'dependencies': N_("Someone else changed the dependency “{name}” since you read it, so it was not deleted. Look at it again and delete it if you still mean to."),
    'workshops': N_("Someone else changed the workshop “{name}” since you read it, so it was not deleted. Look at it again and delete it if you still mean to."),
    'blockers': N_("Someone else changed the blocker “{name}” since you read it, so it was not deleted. Look at it again and delete it if you still mean to."),
    'blocker_updates': N_("Someone else changed the blocker update “{name}” since you read it, so it was not deleted. Look at it again and delete it if you still mean to."),
    'notes': N_("Someone else changed the note “{name}” since you read it, so it was not deleted. Look at it again and delete it if you still mean to."),
}


def per_noun(table: Mapping[str, str], section: str) -> str:
    """``table``'s sentence for ``section``, in the current language."""
    return gettext(table[section])


# --- pydantic's refusals, in our words ----------------------------------------------------------


def shown(value: Any, limit: int = 60) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _choices(expected: str) -> str:
    """pydantic's ``'a', 'b' or 'c'`` (English) as a list in the current language."""
    return format_list([f"'{c}'" for c in re.findall(r"'([^']*)'", expected)]) or expected


def refusal(noun: str, err: Mapping[str, Any]) -> str:
    """The first thing pydantic found wrong, one whole sentence naming the record's kind (``noun``, already
    translated) and the field by its label: never pydantic's English ``msg``."""
    loc = [p for p in err.get("loc", ()) if isinstance(p, str)]
    field = label(loc[0]) if loc else gettext("value")
    kind = str(err.get("type", ""))
    ctx = err.get("ctx") or {}
    value = shown(err.get("input"))
    if kind == "missing":
        return gettext("A {noun} needs its {field}.").format(noun=noun, field=field)
    if kind == "extra_forbidden":
        return gettext("A {noun} has no field {field}.").format(noun=noun, field=repr(loc[0]) if loc else field)
    if kind == "string_too_short" or (kind == "too_short" and not err.get("input")):
        return gettext("The {noun}'s {field} cannot be empty.").format(noun=noun, field=field)
    if kind == "string_too_long":
        limit = int(ctx.get("max_length", 0))
        return ngettext("The {noun}'s {field} is too long: it can be at most {limit} character.",
                        "The {noun}'s {field} is too long: it can be at most {limit} characters.", limit).format(
                            noun=noun, field=field, limit=limit)
    if kind == "too_long":
        limit = int(ctx.get("max_length", 0))
        return ngettext("The {noun}'s {field} has too many entries: it can have at most {limit}.",
                        "The {noun}'s {field} has too many entries: it can have at most {limit}.", limit).format(
                            noun=noun, field=field, limit=limit)
    if kind in ("enum", "literal_error"):
        return gettext("The {noun}'s {field} cannot be {value}: choose one of {choices}.").format(
            noun=noun, field=field, value=value, choices=_choices(str(ctx.get("expected", ""))))
    sentence = _SENTENCES.get(kind) or next((s for prefix, s in _PREFIXES if kind.startswith(prefix)), None)
    if sentence is None:
        return gettext("The {noun}'s {field} cannot be {value}.").format(noun=noun, field=field, value=value)
    bound: Any = next((ctx[k] for k in ("ge", "gt", "le", "lt") if k in ctx), "")
    return gettext(sentence).format(noun=noun, field=field, value=value, limit=bound)


_SENTENCES: dict[str, str] = {
    "string_pattern_mismatch": N_("The {noun}'s {field} cannot be {value}: it is not in the form it needs."),
    "greater_than_equal": N_("The {noun}'s {field} cannot be {value}: the least it can be is {limit}."),
    "greater_than": N_("The {noun}'s {field} cannot be {value}: it must be more than {limit}."),
    "less_than_equal": N_("The {noun}'s {field} cannot be {value}: the most it can be is {limit}."),
    "less_than": N_("The {noun}'s {field} cannot be {value}: it must be less than {limit}."),
    "finite_number": N_("The {noun}'s {field} cannot be {value}: it must be a number the workspace can hold."),
}
#: (a family of pydantic's types, its sentence)
_PREFIXES: tuple[tuple[str, str], ...] = (
    ("int_", N_("The {noun}'s {field} cannot be {value}: it must be a whole number.")),
    ("float_", N_("The {noun}'s {field} cannot be {value}: it must be a number.")),
    ("decimal_", N_("The {noun}'s {field} cannot be {value}: it must be a number.")),
    ("string_", N_("The {noun}'s {field} cannot be {value}: it must be text.")),
    ("bool_", N_("The {noun}'s {field} cannot be {value}: it must be true or false.")),
    ("date", N_("The {noun}'s {field} cannot be {value}: it must be a real date, as YYYY-MM-DD.")),
    ("time", N_("The {noun}'s {field} cannot be {value}: it must be a real date, as YYYY-MM-DD.")),
    ("list_", N_("The {noun}'s {field} cannot be {value}: it must be a list.")),
    ("set_", N_("The {noun}'s {field} cannot be {value}: it must be a list.")),
    ("tuple_", N_("The {noun}'s {field} cannot be {value}: it must be a list.")),
    ("url", N_("The {noun}'s {field} cannot be {value}: it must be a web address.")),
)


def value_problem(err: Mapping[str, Any]) -> str:
    """What is wrong with one value pydantic refused, as a whole sentence without the field's name (for
    a line that names it already: ``Completion rate: 140 is too large: the most it can be is 100.``)."""
    kind = str(err.get("type", ""))
    ctx = err.get("ctx") or {}
    value = shown(err.get("input"))
    if kind == "missing":
        return gettext("It is needed.")
    if kind == "extra_forbidden":
        return gettext("There is no such field.")
    if kind == "string_too_short" or (kind == "too_short" and not err.get("input")):
        return gettext("It cannot be empty.")
    if kind in ("string_too_long", "too_long"):
        limit = int(ctx.get("max_length", 0))
        return ngettext("It is too long: at most {limit}.", "It is too long: at most {limit}.", limit).format(limit=limit)
    if kind in ("enum", "literal_error"):
        return gettext("{value} is not one of the choices ({choices}).").format(
            value=value, choices=_choices(str(ctx.get("expected", ""))))
    sentence = _VALUE_SENTENCES.get(kind) or next((s for prefix, s in _VALUE_PREFIXES if kind.startswith(prefix)), None)
    bound: Any = next((ctx[k] for k in ("ge", "gt", "le", "lt") if k in ctx), "")
    return gettext(sentence or N_("{value} is not allowed here.")).format(value=value, limit=bound)


_VALUE_SENTENCES: dict[str, str] = {
    "string_pattern_mismatch": N_("{value} is not in the form it needs."),
    "greater_than_equal": N_("{value} is too small: the least it can be is {limit}."),
    "greater_than": N_("{value} is too small: it must be more than {limit}."),
    "less_than_equal": N_("{value} is too large: the most it can be is {limit}."),
    "less_than": N_("{value} is too large: it must be less than {limit}."),
    "finite_number": N_("{value} is not a number the workspace can hold."),
}
_VALUE_PREFIXES: tuple[tuple[str, str], ...] = (
    ("int_", N_("{value} is not a whole number.")),
    ("float_", N_("{value} is not a number.")),
    ("decimal_", N_("{value} is not a number.")),
    ("string_", N_("{value} is not text.")),
    ("bool_", N_("{value} is not true or false.")),
    ("date", N_("{value} is not a real date (YYYY-MM-DD).")),
    ("time", N_("{value} is not a real date (YYYY-MM-DD).")),
    ("list_", N_("{value} is not a list.")),
    ("set_", N_("{value} is not a list.")),
    ("url", N_("{value} is not a web address.")),
)
