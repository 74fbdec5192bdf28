"""Smoke test of the frozen app that ``build.spec`` makes: does it run without Python?

Runs the built executable (``dist/servicecommunity/servicecommunity``, or the one inside
``dist/ServiceCommunity.app`` on macOS) with a temporary data folder and Qt's offscreen platform:

1. with no subcommand and ``--quit-after``: the window opens, the default workspace is created
   with the Starting a Business demo, and the app quits by itself with exit code 0;
2. ``servicecommunity summary`` from the bundle reads that workspace;
3. ``servicecommunity demo`` / ``summary --json`` on a second file (the migrations and the demo
   bundle are found inside the bundle), an export to every format, and the JSON and the workbook read back;
4. every file of ``servicecommunity/resources/`` (icons, styles, the demo, the bundle schema) is in the
   bundle where ``importlib.resources`` finds it, so no icon goes missing without a word;
5. start-up time to the first window, median of ``--runs`` starts on the existing workspace:
   from starting the executable to the line ``packaging/launcher.py`` writes on stderr once the
   window is shown and the event loop runs (with ``SERVICECOMMUNITY_REPORT_STARTUP=1``).

Exit code 0 when everything passed. Usage::

    .venv/bin/python scripts/smoke_frozen.py [--dist dist] [--runs 3]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NAME = "servicecommunity"
DATA = ROOT / NAME / "resources"
DEMO = "Starting a Business"
#: What the app writes on stderr when its first window is shown and the env var below is set.
STARTUP_MARKER = "window shown"
STARTUP_ENV = "SERVICECOMMUNITY_REPORT_STARTUP"
TIMEOUT = 120
EXPORT_FORMATS = (
    "json", "csv", "xlsx", "html", "pdf", "svg", "png", "bpmn", "graphml", "mermaid", "markdown",
)  # fmt: skip


class SmokeError(Exception):
    pass


def executable(dist: Path) -> Path:
    if sys.platform == "darwin":
        path = dist / "ServiceCommunity.app" / "Contents" / "MacOS" / NAME
    elif sys.platform == "win32":
        path = dist / NAME / f"{NAME}.exe"
    else:
        path = dist / NAME / NAME
    if not path.is_file():
        raise SmokeError(f"{path} is missing: build it first with `make package`")
    return path


def environment(home: Path) -> dict[str, str]:
    """The user's environment with every data and settings folder moved under ``home``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SERVICECOMMUNITY_", "PYTHON"))}
    env.update(
        QT_QPA_PLATFORM="offscreen",
        HOME=str(home),
        XDG_DATA_HOME=str(home / "data"),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_CACHE_HOME=str(home / "cache"),
        XDG_STATE_HOME=str(home / "state"),
    )
    if not sys.platform.startswith("linux"):
        # platformdirs asks Windows and macOS for their folders rather than reading XDG_*.
        env["SERVICECOMMUNITY_DB"] = str(home / "data" / "community.sqlite")
    return env


def run(exe: Path, args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [str(exe), *args], env=env, capture_output=True, text=True, timeout=TIMEOUT, check=False
    )
    if result.returncode != 0:
        raise SmokeError(
            f"`{NAME} {' '.join(args)}` exited {result.returncode}\n"
            f"--- stdout\n{result.stdout}\n--- stderr\n{result.stderr}"
        )
    return result


def start_window(
    exe: Path, env: dict[str, str], quit_after: float
) -> tuple[float | None, float, str]:
    """Start the app with no subcommand; (seconds to the first window or None, seconds to exit, stderr)."""
    env = {**env, STARTUP_ENV: "1"}
    shown: list[float] = []
    err_lines: list[str] = []
    with tempfile.TemporaryFile("w+", encoding="utf-8") as out:
        started = time.perf_counter()
        proc = subprocess.Popen(
            [str(exe), "--quit-after", str(quit_after)],
            env=env,
            stdout=out,
            stderr=subprocess.PIPE,
            text=True,
        )
        watchdog = threading.Timer(TIMEOUT, proc.kill)
        watchdog.start()
        try:
            assert proc.stderr is not None
            for line in proc.stderr:  # read as it comes, to time the marker line
                if STARTUP_MARKER in line and not shown:
                    shown.append(time.perf_counter() - started)
                err_lines.append(line)
            proc.wait()
        finally:
            timed_out = not watchdog.is_alive()
            watchdog.cancel()
        elapsed = time.perf_counter() - started
        out.seek(0)
        stdout = out.read()
    stderr = "".join(err_lines)
    if timed_out:
        raise SmokeError(f"the window did not quit by itself within {TIMEOUT} s")
    if proc.returncode != 0:
        raise SmokeError(
            f"the window exited {proc.returncode}\n--- stdout\n{stdout}\n--- stderr\n{stderr}"
        )
    return (shown[0] if shown else None), elapsed, stderr


def check(exe: Path, runs: int, quit_after: float) -> dict[str, object]:
    report: dict[str, object] = {"executable": str(exe)}
    with tempfile.TemporaryDirectory(prefix="sc-smoke-") as tmp:
        home = Path(tmp)
        env = environment(home)

        # 1. First start: the window, the default workspace with the demo, a clean exit.
        first_shown, first_exit, stderr = start_window(exe, env, quit_after)
        report["first_start_s"] = round(first_exit, 2)
        if "Traceback" in stderr:
            raise SmokeError(f"the window wrote a traceback:\n{stderr}")
        if first_shown is None:
            raise SmokeError(f"no {STARTUP_MARKER!r} line: the window never showed\n{stderr}")
        report["first_start_window_s"] = round(first_shown, 2)

        # 2. The command line finds the workspace the window created.
        summary = json.loads(run(exe, ["summary", "--json"], env).stdout)
        if DEMO not in summary.get("communities", []):
            raise SmokeError(f"the first start did not create the demo; summary said:\n{summary}")
        workspace = Path(summary["workspace"])
        if not workspace.is_file() or not workspace.is_relative_to(home):
            raise SmokeError(f"the default workspace {workspace} is not under {home}")
        report["workspace"] = str(workspace)
        text = run(exe, ["summary"], env).stdout
        if DEMO not in text:
            raise SmokeError(f"`{NAME} summary` printed:\n{text}")

        # 3. The command line on its own: migrations and demo bundle come from inside the bundle.
        other = home / "other.sqlite"
        run(exe, ["demo", "--db", str(other)], env)
        counts = json.loads(run(exe, ["summary", "--db", str(other), "--json"], env).stdout)
        report["demo_counts"] = counts.get("counts", counts)
        # Exports reach optional parts of our libraries (reportlab's fonts, Pillow, the XML
        # writers) that only run when asked for: each format once, and the bundle back in.
        for fmt in EXPORT_FORMATS:
            out = home / f"export.{fmt}"
            run(exe, ["export", "--db", str(other), "--format", fmt, "-o", str(out)], env)
            if not out.is_file() or out.stat().st_size == 0:
                raise SmokeError(f"`{NAME} export --format {fmt}` wrote nothing")
        run(exe, ["import", "--db", str(home / "imported.sqlite"), str(home / "export.json")], env)
        xlsx = [
            "import",
            "--db",
            str(other),
            "--kind",
            "steps",
            "--dry-run",
            str(home / "export.xlsx"),
        ]
        if "unchanged" not in run(exe, xlsx, env).stdout:
            raise SmokeError("the exported workbook did not read back")
        report["exports"] = ", ".join(EXPORT_FORMATS)
        version = run(exe, ["--version"], env).stdout.strip()
        report["version"] = version

        # 4. Start-up time to the first window, on an existing workspace (the usual case).
        shown_times: list[float] = []
        exit_times: list[float] = []
        for _ in range(runs):
            shown, elapsed, stderr = start_window(exe, env, quit_after)
            if shown is None:
                raise SmokeError(f"no {STARTUP_MARKER!r} line: the window never showed\n{stderr}")
            shown_times.append(shown)
            exit_times.append(elapsed)
        report["startup_to_window_s"] = [round(t, 2) for t in shown_times]
        report["startup_to_window_median_s"] = round(statistics.median(shown_times), 2)
        report["run_with_quit_after_s"] = [round(t, 2) for t in exit_times]
    return report


def check_data_files(folder: Path) -> int:
    """Every data file of the checkout is in the bundle's ``servicecommunity/resources``; how many."""
    wanted = sorted(
        p.relative_to(DATA).as_posix() for p in DATA.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".py" and not p.name.startswith(".")
    )
    found = [
        p.parent for p in folder.rglob("bundle.schema.json")
        if p.parent.name == "resources" and p.parent.parent.name == NAME
    ]  # fmt: skip
    if len(found) != 1:
        raise SmokeError(f"expected one {NAME}/resources folder in {folder}, found {found or 'none'}")
    missing = [name for name in wanted if not (found[0] / name).is_file()]
    if missing:
        raise SmokeError(f"the bundle's {found[0]} lacks {', '.join(missing)}")
    return len(wanted)


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--dist", type=Path, default=ROOT / "dist", help="PyInstaller's dist folder"
    )
    parser.add_argument("--runs", type=int, default=3, help="starts to time (default 3)")
    parser.add_argument(
        "--quit-after", type=float, default=2, help="seconds the window stays open (default 2)"
    )
    args = parser.parse_args(argv)
    try:
        exe = executable(args.dist)
        report = check(exe, args.runs, args.quit_after)
    except SmokeError as exc:
        print(f"FAILED: {exc}", file=sys.stderr)
        return 1
    folder = exe.parent if sys.platform != "darwin" else exe.parents[2]
    try:
        report["data_files"] = check_data_files(folder)
    except SmokeError as exc:
        print(f"FAILED: {exc}", file=sys.stderr)
        return 1
    report["folder_mb"] = round(folder_size(folder) / 1e6, 1)
    for key, value in report.items():
        print(f"{key}: {value}")
    print("OK: the frozen app starts, makes its workspace with the demo, and runs the command line")
    return 0


if __name__ == "__main__":
    sys.exit(main())
