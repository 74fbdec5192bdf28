"""Words for findings: quoted titles, lists of names, counts through one plural helper, durations."""

from __future__ import annotations

from collections.abc import Sequence

from servicecommunity.analysis.report import SENSITIVE

OPEN_QUOTE, CLOSE_QUOTE = "\u2018", "\u2019"  # typographic single quotes, as GOV.UK writes them


def quote(text: str) -> str:
    return f"{OPEN_QUOTE}{text}{CLOSE_QUOTE}"


def names(items: Sequence[str], limit: int = 3) -> str:
    """``a``, ``a and b``, ``a, b and c``, ``a, b, c and 4 more``."""
    items = list(items)
    if len(items) > limit + 1:
        return ", ".join(items[:limit]) + f" and {len(items) - limit:,} more"
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


_IRREGULAR = {"dependency": "dependencies", "policy": "policies", "is": "are", "has": "have", "needs": "need"}


def plural(n: int, word: str, many: str | None = None) -> str:
    """``1 step``, ``2 steps``, ``1,234 dependencies``: the one helper every count in a message goes through.

    The last word of ``word`` takes the plural (``1 more step``, ``3 more steps``); ``many`` overrides it.
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





def duration_text(hours: float) -> str:
    """A typical duration as a person says it: 45 minutes, 3.5 hours, 2 days, 3 weeks."""
    if hours < 1:
        return plural(round(hours * 60), "minute")
    if hours < 48:
        return "1 hour" if hours == 1 else f"{_round(hours)} hours"
    days = hours / 24
    if days < 14:
        return f"{_round(days)} days"
    return f"{_round(days / 7)} weeks"


def _round(value: float) -> str:
    """Two significant figures below 10, whole numbers above: 3.5, 12, 1,040."""
    return f"{value:.2g}" if value < 10 else f"{round(value):,}"


WITHHELD = f"an {SENSITIVE} blocker (title withheld)"


def blocker_title(title: str, sensitive: bool, include_sensitive: bool) -> str:
    """A blocker's title in quotes; an OFFICIAL-SENSITIVE one marked, or :data:`WITHHELD` when it must be.

    The one place a blocker's title goes into the analysis's words (findings and what-ifs alike).
    """
    if not sensitive:
        return quote(title)
    if include_sensitive:
        return f"[{SENSITIVE}] {quote(title)}"
    return WITHHELD
