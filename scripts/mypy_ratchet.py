"""A ratchet for the type errors in ``ui/``: their number may go down, never up.

The core (``servicecommunity/``) is checked strictly and must have none; ``ui/`` is checked with
the default settings from pyproject.toml and still has some. This runs mypy on ``ui/``, counts the
errors reported in ``ui/`` files (errors mypy reports in the core while following imports are the
core check's business) and compares the count with the number in ``scripts/mypy-ui-baseline.txt``:

- above the baseline: exit 1, with the count per file, so the change that added one is found;
- below it: exit 0 and ask to lower the baseline (``--update`` writes the new count);
- mypy itself failing to run (a bad configuration, a crash): exit 2.

    python scripts/mypy_ratchet.py            # the check `make test` runs
    python scripts/mypy_ratchet.py --update   # after fixing errors: lower the baseline
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BASELINE = ROOT / "scripts" / "mypy-ui-baseline.txt"
TARGET = "ui"

# "ui/map/view.py:12: error: ..." (a column may follow the line number).
ERROR = re.compile(r"^(?P<path>[^:\s]+\.py):\d+(?::\d+)?: error: ")


def run_mypy() -> tuple[int, str]:
    """mypy's exit status and its output, run on ``ui/`` from the checkout's root."""
    proc = subprocess.run(
        [sys.executable, "-m", "mypy", "--no-pretty", "--no-error-summary", "--show-error-codes", TARGET],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    return proc.returncode, proc.stdout + proc.stderr


def count_errors(output: str) -> Counter[str]:
    """Errors per file, for the files under ``ui/`` only."""
    per_file: Counter[str] = Counter()
    for line in output.splitlines():
        match = ERROR.match(line)
        if match and Path(match["path"]).parts[0] == TARGET:
            per_file[match["path"]] += 1
    return per_file


def _number_line(lines: list[str]) -> int:
    """The index of the baseline's number: the first line that is not blank or a # comment."""
    for i, line in enumerate(lines):
        if line.strip() and not line.strip().startswith("#"):
            return i
    raise ValueError("it holds no number")


def read_baseline(path: Path = BASELINE) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return int(lines[_number_line(lines)])


def write_baseline(count: int, path: Path = BASELINE) -> None:
    """Replace the number in the baseline file, keeping its comments."""
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[_number_line(lines)] = str(count)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--update", action="store_true", help="lower the baseline to the current count")
    args = parser.parse_args(argv)

    status, output = run_mypy()
    if status not in (0, 1):  # 1 means "found errors"; anything else means mypy did not run
        print(output, file=sys.stderr)
        print(f"mypy did not run on {TARGET}/ (exit status {status}); see its output above.", file=sys.stderr)
        return 2
    per_file = count_errors(output)
    count = sum(per_file.values())
    try:
        baseline = read_baseline()
    except (OSError, ValueError) as exc:
        print(f"Cannot read the baseline ({exc}); it should hold one number, the allowed error count.")
        return 2

    if count > baseline:
        print(f"mypy: {count} errors in {TARGET}/, more than the {baseline} allowed by {BASELINE.relative_to(ROOT)}.")
        print("Errors per file (run `.venv/bin/mypy ui` to see them):")
        for path, n in sorted(per_file.items()):
            print(f"  {n:4d}  {path}")
        print("Fix the new ones; the baseline only goes down.")
        return 1
    if count < baseline:
        if args.update:
            write_baseline(count)
            print(f"mypy: {count} errors in {TARGET}/; baseline lowered from {baseline} to {count}.")
        else:
            print(
                f"mypy: {count} errors in {TARGET}/, fewer than the baseline of {baseline}: well done. "
                f"Lower it with `python scripts/mypy_ratchet.py --update` and commit "
                f"{BASELINE.relative_to(ROOT)}."
            )
        return 0
    print(f"mypy: {count} errors in {TARGET}/ (baseline {baseline}).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
