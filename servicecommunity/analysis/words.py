"""Words for findings: quoted titles, lists of names, counted nouns, durations, in the current language.

Every sentence of the analysis is a whole sentence marked for translation with named placeholders
(:mod:`servicecommunity.i18n`); what goes into a placeholder is data (a quoted title, a name), a list
(:func:`names`, Babel's list patterns), or a counted noun from here (``3 steps``, Welsh *3 cham*),
whose plural form and mutation the catalogue gives for each of Welsh's six forms.
"""

from __future__ import annotations

from collections.abc import Sequence

from servicecommunity.analysis.report import SENSITIVE
from servicecommunity.i18n import capital, format_list, format_number, gettext, ngettext

OPEN_QUOTE, CLOSE_QUOTE = "\u2018", "\u2019"  # typographic single quotes, as GOV.UK writes them (and Welsh)


def quote(text: str) -> str:
    return f"{OPEN_QUOTE}{text}{CLOSE_QUOTE}"


def names(items: Sequence[str], limit: int = 3) -> str:
    """``a``, ``a and b``, ``a, b and c``, ``a, b, c and 4 more`` (as the current language joins them)."""
    items = list(items)
    if len(items) > limit + 1:
        return format_list(items[:limit], more=len(items) - limit)
    return format_list(items)


def number(n: float) -> str:
    """A count as the current language writes it: ``1,234``."""
    return format_number(n)


# --- counted nouns: each a whole noun phrase, its number inside ------------------------------------------


def steps_text(n: int) -> str:
    return ngettext("{n} step", "{n} steps", n).format(n=number(n))


def more_steps_text(n: int) -> str:
    return ngettext("{n} more step", "{n} more steps", n).format(n=number(n))


def organisations_text(n: int) -> str:
    return ngettext("{n} organisation", "{n} organisations", n).format(n=number(n))


def dependencies_text(n: int) -> str:
    return ngettext("{n} dependency", "{n} dependencies", n).format(n=number(n))


def handoffs_text(n: int) -> str:
    return ngettext("{n} hand-off", "{n} hand-offs", n).format(n=number(n))


def pairs_text(n: int) -> str:
    return ngettext("{n} pair", "{n} pairs", n).format(n=number(n))


def times_text(n: int) -> str:
    """``1 time``, ``3 times`` (how often something happens)."""
    return ngettext("{n} time", "{n} times", n).format(n=number(n))


def days_text(n: int) -> str:
    return ngettext("{n} day", "{n} days", n).format(n=number(n))


def open_blockers_text(n: int) -> str:
    return ngettext("{n} open blocker", "{n} open blockers", n).format(n=number(n))


def findings_text(n: int) -> str:
    return ngettext("{n} finding", "{n} findings", n).format(n=number(n))


_IRREGULAR = {"dependency": "dependencies", "policy": "policies", "is": "are", "has": "have", "needs": "need"}


def plural(n: int, word: str, many: str | None = None) -> str:
    """English only: ``1 step``, ``2 steps``, ``1,234 dependencies`` (the desktop app's older text).

    The analysis's own words go through the catalogue instead (:func:`steps_text` and the others),
    so that they follow the language. The last word of ``word`` takes the plural; ``many`` overrides it.
    """
    if n == 1:
        return f"{n:,} {word}"
    if many is None:
        head, _, last = word.rpartition(" ")
        if last in _IRREGULAR:
            last = _IRREGULAR[last]
        elif last.endswith("y") and last[-2:-1] not in "aeiou":
            last = last[:-1] + "ies"
        else:
            last += "s"
        many = f"{head} {last}" if head else last
    return f"{n:,} {many}"


#: a count that takes the "other" plural form in English and Welsh alike, for a fraction (``2.5 hours``)
_FRACTION = 100


def duration_text(hours: float) -> str:
    """A typical duration as a person says it: 45 minutes, 3.5 hours, 2 days, 3 weeks."""
    if hours < 1:
        minutes = round(hours * 60)
        return ngettext("{n} minute", "{n} minutes", minutes).format(n=number(minutes))
    if hours < 48:
        value, text = hours, _round(hours)
        return ngettext("{n} hour", "{n} hours", _form(value, text)).format(n=text)
    days = hours / 24
    if days < 14:
        text = _round(days)
        return ngettext("{n} day", "{n} days", _form(days, text)).format(n=text)
    text = _round(days / 7)
    return ngettext("{n} week", "{n} weeks", _form(days / 7, text)).format(n=text)


def hours_text(hours: float) -> str:
    """Hours however many: ``50 hours`` (the user's own effort is not "2.1 days")."""
    n = round(hours)
    return ngettext("{n} hour", "{n} hours", n).format(n=number(n))


def _form(value: float, text: str) -> int:
    """The count that chooses the plural form of a rounded value written as ``text``."""
    try:
        whole = int(text.replace(",", ""))
    except ValueError:
        return _FRACTION
    return whole if whole >= 0 else round(value)


def _round(value: float) -> str:
    """Two significant figures below 10, whole numbers above: 3.5, 12, 1,040."""
    return f"{value:.2g}" if value < 10 else number(round(value))


def withheld() -> str:
    """The words for a blocker whose OFFICIAL-SENSITIVE title must not be shown."""
    return gettext("an {marking} blocker (title withheld)").format(marking=SENSITIVE)


def blocker_title(title: str, sensitive: bool, include_sensitive: bool) -> str:
    """A blocker's title in quotes; an OFFICIAL-SENSITIVE one marked, or :func:`withheld` when it must be.

    The one place a blocker's title goes into the analysis's words (findings and what-ifs alike).
    """
    if not sensitive:
        return quote(title)
    if include_sensitive:
        return f"[{SENSITIVE}] {quote(title)}"
    return withheld()


def is_withheld(text: str) -> bool:
    return text == withheld()


__all__ = [
    "CLOSE_QUOTE", "OPEN_QUOTE", "blocker_title", "capital", "days_text", "dependencies_text", "duration_text",
    "findings_text", "handoffs_text", "hours_text", "is_withheld", "more_steps_text", "names", "number",
    "open_blockers_text", "organisations_text", "pairs_text", "plural", "quote", "steps_text", "times_text",
    "withheld",
]
