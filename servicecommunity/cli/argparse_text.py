"""argparse's own words (``usage:``, ``options``, its refusals) in the run's language.

argparse looks its text up through the standard library's ``gettext`` with its module-level ``_``
and ``ngettext``; :func:`argparse_in_language` points them at the core's catalogue for the length of
a command, so ``servicecommunity --lang cy ... --help`` is Welsh throughout. In English the catalogue
gives the source text back, so argparse's English is unchanged.

The messages below are argparse's (Python 3.11), verbatim, marked here so that ``make translations``
extracts them into the catalogue.
"""

from __future__ import annotations

import argparse
import contextlib
from collections.abc import Iterator

from servicecommunity import i18n
from servicecommunity.i18n import N_

#: the text argparse translates with ``_``, as it writes it
MESSAGES = (
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("show program's version number and exit"),
    N_("subcommands"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("unknown parser %(parser_name)r (choices: %(choices)s)"),
    N_("argument \"-\" with mode %r"),
    N_("can't open '%(filename)s': %(error)s"),
    N_("cannot have multiple subparser arguments"),
    N_("unrecognized arguments: %s"),
    N_("not allowed with argument %s"),
    N_("ignored explicit argument %r"),
    N_("the following arguments are required: %s"),
    N_("one of the arguments %s is required"),
    N_("expected one argument"),
    N_("expected at most one argument"),
    N_("expected at least one argument"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("unexpected option string: %s"),
    N_("invalid %(type)s value: %(value)r"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("%(prog)s: error: %(message)s\n"),
)


def plural_messages(n: int) -> tuple[str, ...]:
    """argparse's counted text (through ``ngettext``) for ``n``, in the current language."""
    return (
        i18n.ngettext("expected %s argument", "expected %s arguments", n),
        i18n.ngettext("conflicting option string: %s", "conflicting option strings: %s", n),
    )


def _gettext(message: str) -> str:
    # argparse also passes a title it was given (or None): the core's catalogue gives anything it
    # does not hold back as it was
    return i18n.gettext(message) if message else message


@contextlib.contextmanager
def argparse_in_language() -> Iterator[None]:
    """argparse's text in the core's current language inside the block; the standard library's after."""
    names = vars(argparse)  # the module's globals, where its functions look ``_`` and ``ngettext`` up
    saved = names["_"], names["ngettext"]
    names["_"], names["ngettext"] = _gettext, i18n.ngettext
    try:
        yield
    finally:
        names["_"], names["ngettext"] = saved
