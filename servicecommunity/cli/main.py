"""The ``servicecommunity`` command line.

Subcommands come from the modules in :data:`COMMAND_MODULES`; each has
``register(subparsers, common)`` that adds its parsers with ``parents=[common]`` (which gives
``--db`` and ``--json``; a command that prints no data takes :func:`workspace_options`, ``--db``
alone) and ``set_defaults(func=handler)``; a handler takes the parsed arguments and returns the
exit code. Every command has a ``description``: plain text, since ``--help`` prints it as written
(wrapped to the terminal by :class:`Formatter`).

Exit codes: 0 success, 1 a user error (one line on stderr, no traceback; the same sentence goes to
the log file as a warning), 2 bad usage: an option the command does not take, a bad value, or
(:class:`UsageError`, raised by a handler before it reads or writes anything) options that make
no sense together or a file ending no format uses; one line on stderr that says what to do.

Start-up stays fast because each command imports only what it uses: the command modules import
nothing heavy at the top (their handlers import the store, the analysis or the formats when they
run), and a command whose options need such a module for their vocabulary (the export formats,
say) passes ``arguments=`` to ``add_parser``: a function that adds them, called only when that
command is the one being run or its help is shown (:class:`LazySubcommands`).
"""

from __future__ import annotations

import argparse
import importlib
import json
import logging
import sys
import textwrap
from collections.abc import Callable, Sequence
from typing import Any, NoReturn

from servicecommunity import __version__
from servicecommunity.cli.argparse_text import argparse_in_language
from servicecommunity.domain.errors import ServiceCommunityError, ValidationError
from servicecommunity.i18n import N_, gettext, pgettext

COMMAND_MODULES = (
    "servicecommunity.cli.core",
    "servicecommunity.cli.analyse",
    "servicecommunity.cli.compare",
    "servicecommunity.cli.export",
    "servicecommunity.cli.importing",
    "servicecommunity.cli.store",
    "servicecommunity.cli.sync",
)
#: Other packages add commands through this entry-point group (the desktop app adds ``gui``),
#: so the core never imports them.
PLUGIN_GROUP = "servicecommunity.commands"

DESCRIPTION = N_("""\
Service Community: journey maps, the organisations that own each step, and blockers,
kept offline in one workspace file.

  Start with:  servicecommunity demo      (creates the Starting a Business demo)
  then:        servicecommunity summary   (what is in it)

'servicecommunity COMMAND --help' explains a command and its options.
""")


class UsageError(ValidationError):
    """A command line that cannot mean what it says (an option the format has no use for, a file
    ending no format uses): refused with exit 2, before anything is read or written."""


class Formatter(argparse.HelpFormatter):
    """Help that reads well in a terminal: each paragraph of a description wrapped to its width,
    a paragraph of indented lines (a list, commands to type) kept as written, and words never
    broken at their hyphens."""

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        paragraphs = []
        for paragraph in textwrap.dedent(text).strip("\n").split("\n\n"):
            lines = paragraph.splitlines()
            if any(line.startswith(" ") for line in lines):
                paragraphs.append("\n".join(indent + line for line in lines))
            else:
                paragraphs.append(textwrap.fill(" ".join(paragraph.split()), width, initial_indent=indent,
                                                subsequent_indent=indent, break_on_hyphens=False))
        return "\n\n".join(paragraphs)

    def _split_lines(self, text: str, width: int) -> list[str]:
        return textwrap.wrap(" ".join(text.split()), width, break_on_hyphens=False)


class Parser(argparse.ArgumentParser):
    """An argument parser whose refusals are one line that points at the command's help."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", Formatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> NoReturn:
        if any(isinstance(a, LazySubcommands) for a in self._actions):
            text = gettext("error: {message}; '{prog} --help' lists the commands.")
        else:
            text = gettext("error: {message}; '{prog} --help' explains the options.")
        self.exit(2, text.format(message=message, prog=self.prog) + "\n")


AddArguments = Callable[[argparse.ArgumentParser], None]


class LazySubcommands(argparse._SubParsersAction):  # type: ignore[type-arg]
    """Subcommands whose options may be added late: ``add_parser(name, arguments=add, ...)``.

    ``add(parser)`` runs just before the command's own arguments are parsed, so ``--help`` and
    the other commands never import what it imports.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        #: id(parser) -> (parser, the function that adds its options), until they are added
        self._late: dict[int, tuple[argparse.ArgumentParser, AddArguments]] = {}

    def add_parser(
        self, name: str, *, arguments: AddArguments | None = None, **kwargs: Any
    ) -> argparse.ArgumentParser:
        parser = super().add_parser(name, **kwargs)
        add_language_option(parser, default=argparse.SUPPRESS)  # every command: after its name too
        if arguments is not None:
            self._late[id(parser)] = (parser, arguments)
        return parser

    def complete(self, parser: argparse.ArgumentParser) -> None:
        """Add the late options of this command's parser, once."""
        late = self._late.pop(id(parser), None)
        if late is not None:
            late[1](parser)

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: str | Sequence[Any] | None,
        option_string: str | None = None,
    ) -> None:
        if isinstance(values, list) and values:
            chosen = self._name_parser_map.get(str(values[0]))
            if chosen is not None:
                self.complete(chosen)
        super().__call__(parser, namespace, values, option_string)


def add_language_option(parser: argparse.ArgumentParser, *, default: Any = None) -> None:
    """``--lang cy|en``: the language of the command's messages and exports. A command's own copy
    adds nothing to the namespace unless given, so ``servicecommunity --lang cy export ...`` holds."""
    parser.add_argument(
        "--lang", choices=("cy", "en"), default=default,
        help=gettext("cy (Cymraeg) or en (English) for messages and exports "
                     "(default: $SERVICECOMMUNITY_LANG, else the system's language, else English)"),
    )


def workspace_options() -> argparse.ArgumentParser:
    """The parent of a command that opens the workspace but prints no data: ``--db``."""
    parent = argparse.ArgumentParser(add_help=False)
    parent.add_argument(
        "--db",
        metavar=pgettext("metavar", "PATH"),
        help=gettext("the workspace file (default: $SERVICECOMMUNITY_DB or the one in your user data folder)"),
    )
    return parent


def common_options() -> argparse.ArgumentParser:
    """The parent of the commands that print data: ``--db`` and ``--json``."""
    common = argparse.ArgumentParser(add_help=False, parents=[workspace_options()])
    common.add_argument("--json", action="store_true", help=gettext("print data as JSON instead of text"))
    return common


def _plugins() -> list[Any]:
    from importlib.metadata import entry_points

    found = []
    for ep in entry_points(group=PLUGIN_GROUP):
        try:
            found.append(ep.load())
        except ImportError:  # the desktop app's libraries are not installed: its commands are absent
            continue
    return found


def build_parser(plugins: Sequence[Any] | None = None) -> argparse.ArgumentParser:
    parser = Parser(prog="servicecommunity", description=gettext(DESCRIPTION))
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    add_language_option(parser)
    sub = parser.add_subparsers(dest="command", metavar=pgettext("metavar", "COMMAND"), action=LazySubcommands)
    common = common_options()
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name == name:  # that family of commands is not in this build
                continue
            raise
        module.register(sub, common)
    for register in _plugins() if plugins is None else plugins:
        register(sub, common)
    return parser


def print_json(data: Any) -> None:
    print(json.dumps(data, indent=2, ensure_ascii=False, default=str))


def main(argv: Sequence[str] | None = None, *, plugins: Sequence[Any] | None = None) -> int:
    """Run the command line; ``plugins`` are ``register`` functions (default: the entry points)."""
    _early_language(sys.argv[1:] if argv is None else argv)
    with argparse_in_language():  # argparse's own words ("usage:", its refusals) in the same language
        return _run(argv, plugins)


def _run(argv: Sequence[str] | None, plugins: Sequence[Any] | None) -> int:
    parser = build_parser(plugins)
    args, extra = parser.parse_known_args(argv)
    if extra:
        _refuse(parser, args, extra)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    from servicecommunity.logs import setup_logging  # after parsing: --help and --version skip it

    setup_logging()  # to the log file only, never to the terminal
    from servicecommunity import i18n

    try:
        i18n.set_language(getattr(args, "lang", None))
    except ServiceCommunityError as exc:  # SERVICECOMMUNITY_LANG names a language the core does not speak
        print(gettext("error: {message}").format(message=exc), file=sys.stderr)
        return 2
    try:
        return int(args.func(args) or 0)
    except UsageError as exc:  # bad usage a handler found before touching anything: not logged, as argparse's
        print(gettext("error: {message}").format(message=exc), file=sys.stderr)
        return 2
    except ServiceCommunityError as exc:
        print(gettext("error: {message}").format(message=exc), file=sys.stderr)
        # the same sentence in the log, so a report of what went wrong shows it (a user's error: no traceback)
        logging.getLogger("servicecommunity.cli").warning("%s: %s", args.command, exc)
        return 1
    except KeyboardInterrupt:
        print(gettext("interrupted"), file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


def _refuse(parser: argparse.ArgumentParser, args: argparse.Namespace, extra: list[str]) -> NoReturn:
    """Refuse arguments the command does not take, in one line naming the command and its help."""
    command = getattr(args, "command", None)
    where = f"{parser.prog} {command}" if command else parser.prog
    sub = _subparser(parser, command)
    known = {s for action in sub._actions for s in action.option_strings} if sub is not None else set()
    misplaced = [e for e in extra if e.split("=")[0] in known]
    if misplaced:  # an option of the command given before its name
        parser.exit(2, gettext("error: {option} goes after the command: '{where} {option}'.").format(
            option=misplaced[0], where=where) + "\n")
    parser.exit(2, gettext("error: '{where}' does not take {arguments}; '{where} --help' lists what it takes.").format(
        where=where, arguments=" ".join(extra)) + "\n")


def _early_language(argv: Sequence[str]) -> None:
    """The language of the help and of argparse's refusals: ``--lang`` wherever it is, else the
    environment's. A language the core does not speak is refused later, after parsing, in one line."""
    from servicecommunity import i18n

    wanted = None
    for n, arg in enumerate(argv):
        if arg == "--":
            break
        if arg == "--lang" and n + 1 < len(argv):
            wanted = argv[n + 1]
        elif arg.startswith("--lang="):
            wanted = arg.split("=", 1)[1]
    try:
        i18n.set_language(wanted if wanted in i18n.LANGUAGES else None)
    except ServiceCommunityError:
        i18n.set_language("en")  # SERVICECOMMUNITY_LANG is refused with its own sentence once parsed


def _subparser(parser: argparse.ArgumentParser, command: str | None) -> argparse.ArgumentParser | None:
    for action in parser._actions:
        if isinstance(action, LazySubcommands) and command is not None:
            found = action.choices.get(command)
            return found if isinstance(found, argparse.ArgumentParser) else None
    return None


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
