"""Check that a normal install works: build the wheel, install it in a fresh virtual environment,
and run the command line from a folder outside the checkout.

1. a new virtual environment's pip builds ``servicecommunity-*.whl`` from a copy of this
   checkout (no editable install);
2. the wheel must hold the app's data files (bundle schema, demo, icons, styles) and the
   migrations, and nothing from ``tests/``;
3. the environment gets the wheel and its dependencies from PyPI;
4. from an empty temporary folder, with every data folder moved there: ``servicecommunity
   --help``, ``demo``, ``summary --json`` (which must name the demo community), and two exports
   (an Excel workbook and a PDF poster), each of which must write a file of that kind.

Needs only Python 3.11+ and the network to PyPI. Exit code 0 when all passed. Usage::

    python3 scripts/wheel_check.py [--keep]     (or ``make wheel-check``)
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import venv
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEMO = "Starting a Business"
#: Files the wheel must carry, as paths inside it.
REQUIRED = (
    "servicecommunity/resources/bundle.schema.json",
    "servicecommunity/resources/demo/starting-a-business.json",
    "servicecommunity/resources/icons/servicecommunity.svg",
    "servicecommunity/resources/styles/light.qss",
    "servicecommunity/resources/styles/dark.qss",
    "servicecommunity/store/migrations/env.py",
    "servicecommunity/store/migrations/script.py.mako",
    "servicecommunity/py.typed",
    "servicecommunity/resources/locale/cy/LC_MESSAGES/servicecommunity.po",  # the Welsh exports' text
    "servicecommunity/resources/locale-qt/servicecommunity_cy.ts",  # the Welsh app's text (read if no .qm)
    "ui/app.py",
)
#: (file name, the bytes it must start with): one export through openpyxl, one through reportlab.
EXPORTS = (("map.xlsx", b"PK\x03\x04"), ("poster.pdf", b"%PDF-"))
TIMEOUT = 1800  # installing PySide6 from PyPI on a slow line


class CheckError(Exception):
    pass


def run(args: list[str | Path], *, cwd: Path, env: dict[str, str] | None = None) -> str:
    """Run a command; its standard output, or CheckError with what it printed."""
    shown = " ".join(str(a) for a in args)
    print(f"$ {shown}", flush=True)
    done = subprocess.run(
        [str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=TIMEOUT, check=False
    )
    if done.returncode != 0:
        raise CheckError(f"`{shown}` exited {done.returncode}:\n{done.stdout}{done.stderr}")
    return done.stdout


#: Left out of the copy the wheel is built from when the checkout is not a git clone.
NOT_SOURCE = shutil.ignore_patterns(
    ".git", ".venv", "build", "dist", "*.egg-info", "__pycache__", "node_modules", ".mypy_cache"
)


def build_wheel(python: Path, out: Path) -> Path:
    """Build the wheel from a copy of the checkout's files (not ignored by git), so a stale
    ``build/`` or egg-info folder cannot leak into it."""
    source = out / "source"
    try:
        listed = subprocess.run(
            ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
            cwd=ROOT, capture_output=True, text=True, check=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        shutil.copytree(ROOT, source, ignore=NOT_SOURCE)
    else:
        for name in filter(None, listed.split("\0")):
            path = ROOT / name
            if path.is_file():
                (source / name).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(path, source / name)
    run([python, "-m", "pip", "wheel", "--no-deps", "--quiet", "--wheel-dir", out / "dist", source], cwd=out)
    (wheel,) = (out / "dist").glob("servicecommunity-*.whl")
    return wheel


def check_contents(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    missing = [name for name in REQUIRED if name not in names]
    if missing:
        raise CheckError(f"{wheel.name} lacks {', '.join(missing)}")
    if any(name.startswith("tests/") for name in names):
        raise CheckError(f"{wheel.name} carries the tests")
    versions = [n for n in names if n.startswith("servicecommunity/store/migrations/versions/") and n.endswith(".py")]
    if not versions:
        raise CheckError(f"{wheel.name} has no migration scripts")
    print(f"{wheel.name}: {len(names)} files, the data files and {len(versions)} migrations among them")


def environment(home: Path) -> dict[str, str]:
    """The user's environment with every data folder under ``home`` and no way back to the checkout."""
    env = {
        k: v for k, v in os.environ.items()
        if not k.startswith(("SERVICECOMMUNITY_", "PYTHON", "VIRTUAL_ENV"))
    }  # fmt: skip
    env.update(
        HOME=str(home),
        XDG_DATA_HOME=str(home / "data"),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_CACHE_HOME=str(home / "cache"),
        XDG_STATE_HOME=str(home / "state"),
        SERVICECOMMUNITY_DB=str(home / "default.sqlite"),
        QT_QPA_PLATFORM="offscreen",
    )
    return env


def new_environment(env_dir: Path) -> Path:
    """A fresh virtual environment with pip; its Python."""
    venv.create(env_dir, with_pip=True, clear=True)
    return env_dir / ("Scripts/python.exe" if sys.platform == "win32" else "bin/python")


def check_installed(python: Path, wheel: Path, out: Path) -> None:
    env_dir = python.parent.parent
    command = python.parent / ("servicecommunity.exe" if sys.platform == "win32" else "servicecommunity")
    work = out / "elsewhere"  # outside the checkout: nothing can be imported from it
    work.mkdir()
    run([python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", wheel], cwd=work)

    env = environment(work)
    where = run([python, "-c", "import servicecommunity; print(servicecommunity.__file__)"], cwd=work, env=env)
    if not Path(where.strip()).resolve().is_relative_to(env_dir.resolve()):
        raise CheckError(f"servicecommunity was imported from {where.strip()}, not from the new environment")

    if "summary" not in run([command, "--help"], cwd=work, env=env):
        raise CheckError("servicecommunity --help does not list the commands")
    db = work / "workspace.sqlite"
    run([command, "demo", "--db", db], cwd=work, env=env)
    summary = json.loads(run([command, "summary", "--json", "--db", db], cwd=work, env=env))
    if DEMO not in summary["communities"] or not summary["counts"].get("steps"):
        raise CheckError(f"summary of the demo shows {summary['communities']} and {summary['counts']}")
    print(f"summary: {summary['communities']}, {summary['counts']['steps']} steps")
    for name, magic in EXPORTS:
        target = work / name
        print(run([command, "export", "--db", db, "-o", target], cwd=work, env=env).strip())
        if not target.is_file() or not target.read_bytes().startswith(magic):
            raise CheckError(f"export to {name} did not write a {target.suffix} file")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder and say where")
    args = parser.parse_args(argv)
    out = Path(tempfile.mkdtemp(prefix="servicecommunity-wheel-"))
    try:
        python = new_environment(out / "venv")
        wheel = build_wheel(python, out)
        check_contents(wheel)
        check_installed(python, wheel, out)
    except (CheckError, subprocess.TimeoutExpired, ValueError) as exc:
        print(f"wheel check FAILED: {exc}", file=sys.stderr)
        return 1
    finally:
        if args.keep:
            print(f"kept {out}")
        else:
            shutil.rmtree(out, ignore_errors=True)
    print("wheel check passed: the installed wheel runs demo, summary and two exports")
    return 0


if __name__ == "__main__":
    sys.exit(main())
