"""The core's language: Welsh (``cy``) or English (``en``), through gettext catalogues.

Which language, first found wins:

1. the one a caller gives: ``--lang cy|en`` on the command line (:func:`set_language`), or an
   export's own ``lang`` option (:func:`language`, for that export only);
2. ``SERVICECOMMUNITY_LANG``;
3. the system locale (``LANGUAGE``, ``LC_ALL``, ``LC_MESSAGES``, ``LANG``, then
   :func:`locale.getlocale`), when it is Welsh or English;
4. English.

The source strings are English; the Welsh catalogue is
``resources/locale/cy/LC_MESSAGES/servicecommunity.po``, compiled to ``.mo`` by
``scripts/compile_translations.py`` (``make``, the wheel check, the frozen app). An install
without the ``.mo`` (or with one older than its ``.po``) compiles the ``.po`` in memory with Babel
on first use, so a catalogue is never silently missing or stale.

Mark text with :func:`gettext` (whole sentences with ``{placeholders}``, never pieces glued
together), :func:`ngettext` for anything counted (Welsh has six plural forms: 0, 1, 2, 3, 6 and
the rest), :func:`pgettext` where one English word needs two Welsh ones, and :func:`N_` for a
constant translated later. ``make translations`` extracts them (``babel.cfg``).

Numbers, dates and lists follow the language through Babel (:func:`format_number`, :func:`format_date`,
:func:`format_percent`, :func:`format_list`),
imported only when first used, so the command line's ``--help`` stays fast.
"""

from __future__ import annotations

import contextlib
import contextvars
import gettext as _gettext
import io
import locale
import os
import string
import threading
from collections.abc import Callable, Iterator, Sequence
from datetime import date
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from servicecommunity.domain.errors import ValidationError

if TYPE_CHECKING:
    from babel.messages.catalog import Catalog

DOMAIN = "servicecommunity"
#: The languages the core speaks, with their own names.
LANGUAGES: dict[str, str] = {"en": "English", "cy": "Cymraeg"}
DEFAULT = "en"
ENV = "SERVICECOMMUNITY_LANG"

#: set_language's choice for the process under "lang"; absent: worked out when first needed
_chosen: dict[str, str] = {}
_override: contextvars.ContextVar[str | None] = contextvars.ContextVar("servicecommunity_lang", default=None)
_lock = threading.Lock()


def normalise(value: str | None) -> str | None:
    """``cy``, ``en`` or None for a language tag or locale name (``cy_GB.UTF-8``, ``Welsh_United Kingdom``)."""
    if not value:
        return None
    tag = value.strip().split(".")[0].split("@")[0].replace("-", "_").split("_")[0].casefold()
    if tag in LANGUAGES:
        return tag
    return {"welsh": "cy", "cymraeg": "cy", "english": "en"}.get(tag)


def resolve_language(explicit: str | None = None) -> str:
    """The language to use: ``explicit``, else ``SERVICECOMMUNITY_LANG``, else the system's, else English.

    An explicit choice or ``SERVICECOMMUNITY_LANG`` naming a language the core does not speak is
    refused in one sentence; a system locale in another language gives English.
    """
    for source, value in (("the language", explicit), (ENV, os.environ.get(ENV))):
        if value:
            lang = normalise(value)
            if lang is None:
                raise ValidationError(
                    f"{source} is {value!r}; Service Community speaks cy (Cymraeg, Welsh) and en (English)."
                )
            return lang
    return system_language() or DEFAULT


def system_language() -> str | None:
    """Welsh or English if the system locale says so (as gettext reads it), else None."""
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var)
        if value:
            # LANGUAGE is a list of preferences: the first the core speaks wins
            for part in value.split(":"):
                lang = normalise(part)
                if lang is not None:
                    return lang
            if var != "LANGUAGE" and value not in ("C", "POSIX") and not value.startswith("C."):
                return None  # a locale the core does not speak: English, not a later variable
    try:
        name = locale.getlocale()[0]
    except ValueError:  # an unknown locale name in the environment
        return None
    return normalise(name)


def set_language(lang: str | None) -> str:
    """Choose the process's language (``None``: the environment's and system's); returns it."""
    resolved = resolve_language(lang)
    with _lock:
        _chosen["lang"] = resolved
    return resolved


def get_language() -> str:
    """The language text is written in now (an export's own choice, else the process's)."""
    override = _override.get()
    if override is not None:
        return override
    chosen = _chosen.get("lang")
    if chosen is None:
        with _lock:
            chosen = _chosen.setdefault("lang", resolve_language())
    return chosen


@contextlib.contextmanager
def language(lang: str | None) -> Iterator[str]:
    """Write in ``lang`` inside the block (``None``: the current language), in this thread or task only."""
    resolved = get_language() if lang is None else resolve_language(lang)
    token = _override.set(resolved)
    try:
        yield resolved
    finally:
        _override.reset(token)


def in_language(lang: str, write: Callable[[], str]) -> str:
    """``write()`` in ``lang``, a language already resolved (:func:`language` without its checks, for
    the sentences the analysis writes when first read: thousands of them)."""
    token = _override.set(lang)
    try:
        return write()
    finally:
        _override.reset(token)


def locale_dir() -> Path:
    return Path(__file__).resolve().parent / "resources" / "locale"


def catalogue_paths(lang: str) -> tuple[Path, Path]:
    """The ``.po`` and ``.mo`` of ``lang``."""
    folder = locale_dir() / lang / "LC_MESSAGES"
    return folder / f"{DOMAIN}.po", folder / f"{DOMAIN}.mo"


class CatalogueError(ValidationError):
    """A catalogue that does not compile, or a translation whose placeholders differ from its source."""


def placeholders(text: str) -> set[str]:
    """The ``{fields}`` of a message (ValueError for unbalanced braces)."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def check_catalog(catalog: Catalog, where: Path) -> None:
    """Refuse a translation whose ``{placeholders}`` are not its source's: it would fail when formatted."""
    for message in catalog:
        if not message.id or not message.string or message.fuzzy:
            continue
        ids = [message.id] if isinstance(message.id, str) else [str(i) for i in message.id]
        strings = [message.string] if isinstance(message.string, str) else [str(t) for t in message.string]
        line = f"{where}:{message.lineno}"
        try:
            wanted = set().union(*(placeholders(i) for i in ids))
            for text in strings:
                got = placeholders(text)
                extra = got - wanted
                missing = wanted - got if len(ids) == 1 else set()
                if extra or missing:
                    raise CatalogueError(
                        f"{line}: the translation of {ids[0]!r} has placeholders {sorted(got)}, "
                        f"the source {sorted(wanted)}."
                    )
        except ValueError as exc:
            raise CatalogueError(f"{line}: {ids[0]!r} or its translation has unbalanced braces ({exc}).") from None


def compile_po(po_path: Path, *, strict: bool = False) -> bytes:
    """The ``.mo`` bytes of a ``.po`` file (fuzzy entries left out, as msgfmt does); with ``strict``,
    a syntax error or a placeholder that differs from the source raises :class:`CatalogueError`."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import PoFileError, read_po

    try:
        with po_path.open("rb") as fh:
            catalog = read_po(fh, domain=DOMAIN, abort_invalid=strict)
    except PoFileError as exc:
        raise CatalogueError(f"{po_path}: {exc}") from None
    if strict:
        check_catalog(catalog, po_path)
    out = io.BytesIO()
    write_mo(out, catalog, use_fuzzy=False)
    return out.getvalue()


@cache
def translations(lang: str) -> _gettext.NullTranslations:
    """The catalogue of ``lang``: English is the source text; another language's ``.mo``, or its
    ``.po`` compiled now if the ``.mo`` is missing or older."""
    if lang == DEFAULT:
        return _gettext.NullTranslations()
    po, mo = catalogue_paths(lang)
    if mo.exists() and (not po.exists() or mo.stat().st_mtime >= po.stat().st_mtime):
        with mo.open("rb") as fh:
            return _gettext.GNUTranslations(fh)
    if po.exists():
        return _gettext.GNUTranslations(io.BytesIO(compile_po(po)))
    raise FileNotFoundError(f"The {LANGUAGES.get(lang, lang)} translation ({po}) is missing; reinstall the app.")


def _current() -> _gettext.NullTranslations:
    return translations(get_language())


def gettext(message: str) -> str:
    """``message`` in the current language."""
    return _current().gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form of a counted message for ``n`` (format ``{n}`` into it yourself)."""
    return _current().ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """``message`` in the current language, told apart from the same English by ``context``."""
    return _current().pgettext(context, message)


def npgettext(context: str, singular: str, plural: str, n: int) -> str:
    return _current().npgettext(context, singular, plural, n)


def N_(message: str) -> str:  # the conventional name, which the extractor knows
    """Mark a constant for translation without translating it (translate it where it is used)."""
    return message


def babel_locale() -> str:
    """The current language as Babel's locale name."""
    return {"cy": "cy_GB", "en": "en_GB"}[get_language()]


def format_number(n: float) -> str:
    """A number as the current language writes it (``1,234``; ``1,234.5``)."""
    lang = get_language()
    if isinstance(n, int):  # the common case, in every count of every finding: Babel's grouping, without Babel
        return f"{n:,}".replace(",", _group_symbol(lang))
    from babel.numbers import format_decimal

    return str(format_decimal(n, locale=babel_locale()))


@cache
def _group_symbol(lang: str) -> str:
    from babel.numbers import get_group_symbol

    return str(get_group_symbol({"cy": "cy_GB", "en": "en_GB"}[lang]))


def format_date(d: date, style: str = "long") -> str:
    """A date as the current language writes it (``3 December 2026``; ``3 Rhagfyr 2026``)."""
    return _format_date(d, style, get_language())


@lru_cache(maxsize=4096)
def _format_date(d: date, style: str, lang: str) -> str:  # a journey's 14,000 stale blockers share a few hundred dates
    from babel.dates import format_date as babel_format_date

    return str(babel_format_date(d, format=style, locale={"cy": "cy_GB", "en": "en_GB"}[lang]))


def format_percent(fraction: float) -> str:
    """A fraction as a whole percentage the current language writes (``42%``)."""
    from babel.numbers import format_percent as babel_format_percent

    return str(babel_format_percent(fraction, locale=babel_locale()))


@cache
def _list_patterns(lang: str) -> dict[str, str]:
    from babel import Locale

    patterns = Locale.parse({"cy": "cy_GB", "en": "en_GB"}[lang]).list_patterns["standard"]
    return {key: str(patterns[key]) for key in ("2", "start", "middle", "end")}


#: Welsh writes "ac" before a vowel and "a" before a consonant; CLDR's pattern says "a(c)".
_WELSH_VOWELS = frozenset("aeiouwyâêîôûŵŷáéíóúẃýàèìòùẁỳäëïöüẅÿ")


def _join(pattern: str, first: str, second: str) -> str:
    if "a(c)" in pattern:
        initial = next((ch for ch in second if ch.isalnum()), "")
        pattern = pattern.replace("a(c)", "ac" if initial.casefold() in _WELSH_VOWELS else "a")
    return pattern.format(first, second)


def format_list(items: Sequence[str], more: int = 0) -> str:
    """Items joined as the current language joins them, through Babel's list patterns: ``a``,
    ``a and b``, ``a, b and c`` (``a, b a c``; Welsh's ``ac`` before a vowel). With ``more``, the
    items are the first of a longer list: ``a, b, c and 4 more`` (``a, b, c a 4 arall``)."""
    items = list(items)
    patterns = _list_patterns(get_language())
    if more:
        head = items[0] if items else ""
        for item in items[1:]:
            head = _join(patterns["middle"], head, item)
        return ngettext("{items} and {n} more", "{items} and {n} more", more).format(
            items=head, n=format_number(more))
    if len(items) <= 1:
        return "".join(items)
    if len(items) == 2:
        return _join(patterns["2"], items[0], items[1])
    out = _join(patterns["start"], items[0], items[1])
    for item in items[2:-1]:
        out = _join(patterns["middle"], out, item)
    return _join(patterns["end"], out, items[-1])


def capital(text: str) -> str:
    """``text`` with its first letter a capital, for a phrase that starts a sentence."""
    return text[:1].upper() + text[1:]


__all__ = [
    "LANGUAGES", "N_", "capital", "format_date", "format_list", "format_number", "format_percent", "get_language", "gettext", "language", "ngettext",
    "npgettext", "pgettext", "resolve_language", "set_language", "translations",
]
