"""Diagnostics: a log file in the user's log folder, a record of crashes, set up once at start-up.

:func:`setup_logging` is called by the command line's ``main()`` and by the desktop app before
anything else happens. It sends Python's :mod:`logging` to a rotating file
(``servicecommunity.log``, three old ones kept) in ``platformdirs.user_log_dir("ServiceCommunity")``
or in ``$SERVICECOMMUNITY_LOG_DIR``; never to the terminal, where the command line prints only its
own output and its one-sentence errors. It also

- logs any exception nobody caught, on the main thread (``sys.excepthook``) and on other threads
  (``threading.excepthook``), before Python's own handler runs;
- turns on :mod:`faulthandler` into ``faults.log`` beside it, so a hard crash (a segfault in a
  library) leaves the Python stack of every thread behind (unless it is on already, sent
  elsewhere by ``python -X faulthandler`` or a test runner).

Calling it again with the same folder changes nothing; with another folder, it moves there. A
folder that cannot be written leaves logging off and the program running. :func:`diagnostics`
writes what a bug report needs (the traceback, versions, where the log is).
"""

from __future__ import annotations

import faulthandler
import logging
import logging.handlers
import os
import platform
import sys
import threading
import traceback
from collections.abc import Mapping
from pathlib import Path
from types import TracebackType
from typing import IO, Any

APP_NAME = "ServiceCommunity"
LOG_DIR_ENV = "SERVICECOMMUNITY_LOG_DIR"
LOG_FILE = "servicecommunity.log"
FAULT_FILE = "faults.log"
MAX_BYTES = 1_000_000
BACKUPS = 3
FORMAT = "%(asctime)s %(levelname)s [%(threadName)s] %(name)s: %(message)s"

log = logging.getLogger("servicecommunity")

ExcInfo = tuple[type[BaseException], BaseException, TracebackType | None]


class _LogFile(logging.handlers.RotatingFileHandler):
    """The log file; a write that fails (a full disk) is dropped, never shown or raised."""

    def handleError(self, record: logging.LogRecord) -> None:
        pass


class _State:
    handler: _LogFile | None = None
    fault_file: IO[str] | None = None


_state = _State()


def log_dir() -> Path:
    """The folder of the log files: ``$SERVICECOMMUNITY_LOG_DIR``, or the user's log folder."""
    configured = os.environ.get(LOG_DIR_ENV)
    if configured:
        return Path(configured)
    import platformdirs

    return Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))


def log_path() -> Path | None:
    """The log file being written, or None before :func:`setup_logging` (or if it failed)."""
    return Path(_state.handler.baseFilename) if _state.handler is not None else None


def setup_logging(level: int = logging.INFO) -> Path | None:
    """Log to the rotating file, record uncaught exceptions and hard crashes; the log file's path.

    None when the log folder cannot be written (the program goes on without a log).
    """
    folder = log_dir()
    target = folder / LOG_FILE
    root = logging.getLogger()
    root.setLevel(min(root.getEffectiveLevel(), level))
    logging.getLogger("alembic").setLevel(logging.WARNING)  # ten lines of set-up on every open otherwise
    if _state.handler is None or Path(_state.handler.baseFilename) != target.absolute():
        handler = None
        try:
            folder.mkdir(parents=True, exist_ok=True)
            handler = _LogFile(target, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8")
            fault_file = (folder / FAULT_FILE).open("a", encoding="utf-8")
        except OSError:
            if handler is not None:
                handler.close()
            return None
        handler.setFormatter(logging.Formatter(FORMAT))
        _drop_handler(root)
        root.addHandler(handler)
        _state.handler = handler
        # Left alone when someone else turned it on (python -X faulthandler, a test runner).
        if _state.fault_file is not None or not faulthandler.is_enabled():
            faulthandler.enable(file=fault_file, all_threads=True)
            if _state.fault_file is not None:
                _state.fault_file.close()
            _state.fault_file = fault_file
        else:
            fault_file.close()
        from servicecommunity import __version__

        log.info("Service Community %s started: Python %s on %s; %s",
                 __version__, platform.python_version(), platform.platform(), " ".join(sys.argv))
    logging.captureWarnings(True)
    _install_hooks()
    return target


def teardown_logging() -> None:
    """Stop writing the log and the crash record (tests; the end of a program that embeds us)."""
    _drop_handler(logging.getLogger())
    if _state.fault_file is not None:
        faulthandler.disable()
        _state.fault_file.close()
        _state.fault_file = None


def _drop_handler(root: logging.Logger) -> None:
    if _state.handler is not None:
        root.removeHandler(_state.handler)
        _state.handler.close()
        _state.handler = None


def _install_hooks() -> None:
    """Log uncaught exceptions, then let whatever handled them before run (once; again if replaced)."""
    if sys.excepthook is not _excepthook:
        _previous_hooks["sys"] = sys.excepthook
        sys.excepthook = _excepthook
    if threading.excepthook is not _thread_excepthook:
        _previous_hooks["threading"] = threading.excepthook
        threading.excepthook = _thread_excepthook


_previous_hooks: dict[str, Any] = {"sys": sys.__excepthook__, "threading": threading.__excepthook__}


def _excepthook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    if not issubclass(exc_type, KeyboardInterrupt):
        log.critical("Uncaught exception", exc_info=(exc_type, exc, tb))
    _previous_hooks["sys"](exc_type, exc, tb)


def _thread_excepthook(args: Any) -> None:
    if args.exc_type is not SystemExit and args.exc_value is not None:
        name = args.thread.name if args.thread is not None else "a thread"
        log.critical("Uncaught exception in %s", name, exc_info=(args.exc_type, args.exc_value, args.exc_traceback))
    _previous_hooks["threading"](args)


def diagnostics(exc_info: ExcInfo | None = None, versions: Mapping[str, str] | None = None) -> str:
    """What a bug report needs, as plain text: versions, the log's place, then the traceback."""
    from servicecommunity import __version__

    lines = [
        f"Service Community {__version__}",
        f"Python {platform.python_version()} ({platform.python_implementation()})",
        f"System {platform.platform()}",
    ]
    lines += [f"{name} {value}" for name, value in (versions or {}).items()]
    where = log_path()
    lines.append(f"Log file {where}" if where is not None else "Log file: none (logging is off)")
    if exc_info is not None:
        lines += ["", "".join(traceback.format_exception(*exc_info)).rstrip()]
    return "\n".join(lines)


__all__ = ["diagnostics", "log_dir", "log_path", "setup_logging", "teardown_logging"]
