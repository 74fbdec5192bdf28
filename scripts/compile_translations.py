"""Compile the core's catalogues: every ``servicecommunity/resources/locale/*/LC_MESSAGES/*.po``
to the ``.mo`` beside it (fuzzy entries left out, as msgfmt does), and the app's Qt translations,
every ``servicecommunity/resources/locale-qt/*.ts`` to the ``.qm`` beside it (``pyside6-lrelease``).

Run by ``make`` (before the tests and the frozen app) and by the wheel check. An install without
the ``.mo`` still works: :mod:`servicecommunity.i18n` compiles the ``.po`` in memory on first use.
Exit code 1, naming the file and line, if a catalogue does not compile (a broken ``.po``, or a
translation whose ``{placeholders}`` differ from the English).

    python scripts/compile_translations.py [--check]    (--check: compile in memory, write nothing)
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "servicecommunity" / "resources" / "locale"
QT_TRANSLATIONS = ROOT / "servicecommunity" / "resources" / "locale-qt"
sys.path.insert(0, str(ROOT))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compile in memory and write nothing")
    args = parser.parse_args(argv)
    from servicecommunity.i18n import CatalogueError, compile_po

    pos = sorted(LOCALE.glob("*/LC_MESSAGES/*.po"))
    if not pos:
        print(f"No catalogues under {LOCALE}.", file=sys.stderr)
        return 1
    for po in pos:
        try:
            data = compile_po(po, strict=True)
        except CatalogueError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 1
        if not args.check:
            mo = po.with_suffix(".mo")
            tmp = mo.with_suffix(".mo.tmp")
            tmp.write_bytes(data)
            tmp.replace(mo)
        print(f"{po.relative_to(ROOT)}: {'compiles' if args.check else 'compiled'} ({len(data):,} bytes)")
    for ts in sorted(QT_TRANSLATIONS.glob("*.ts")):
        if not compile_ts(ts, check=args.check):
            return 1
    return 0


def lrelease() -> str:
    """The path of Qt's lrelease, as the PySide6 wheel ships it."""
    import PySide6

    folder = Path(PySide6.__file__).parent
    for name in ("lrelease", "lrelease.exe", "Qt/libexec/lrelease"):
        if (folder / name).exists():
            return str(folder / name)
    import shutil

    return shutil.which("pyside6-lrelease") or "pyside6-lrelease"


def compile_ts(ts: Path, *, check: bool = False) -> bool:
    """Compile one Qt translation to the ``.qm`` beside it (with ``check``, to a temporary file)."""
    import subprocess
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / ts.with_suffix(".qm").name
        done = subprocess.run([lrelease(), "-silent", str(ts), "-qm", str(out)], capture_output=True, text=True, check=False)
        if done.returncode != 0 or not out.exists():
            print(f"error: {_shown(ts)} does not compile: {(done.stderr or done.stdout).strip()}", file=sys.stderr)
            return False
        size = out.stat().st_size
        if not check:
            qm = ts.with_suffix(".qm")
            tmp_qm = qm.with_suffix(".qm.tmp")
            tmp_qm.write_bytes(out.read_bytes())
            tmp_qm.replace(qm)
    print(f"{_shown(ts)}: {'compiles' if check else 'compiled'} ({size:,} bytes)")
    return True


def _shown(path: Path) -> str:
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


if __name__ == "__main__":
    sys.exit(main())
