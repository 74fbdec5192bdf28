"""Compile the core's catalogues: every ``servicecommunity/resources/locale/*/LC_MESSAGES/*.po``
to the ``.mo`` beside it (fuzzy entries left out, as msgfmt does).

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
    return 0


if __name__ == "__main__":
    sys.exit(main())
