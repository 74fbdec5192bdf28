"""Extract the app's text (``self.tr`` / ``QCoreApplication.translate`` in ``ui/``) into the Qt
translation ``servicecommunity/resources/locale-qt/servicecommunity_cy.ts`` with
``pyside6-lupdate``: new text is added unfinished (to translate, with Qt Linguist or a text editor,
keeping to ``docs/glossary-cy.md``), text no longer in the code is dropped. Qt's own text (the standard
buttons of message boxes and button boxes: Qt ships no Welsh catalogue) is kept too: see :data:`QT_OWN`. ``make translations``
runs it; ``scripts/compile_translations.py`` then compiles the ``.ts`` to ``.qm``.

    python scripts/update_ui_translations.py [--ts PATH]    (--ts: write another file, e.g. to compare)
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
UI = ROOT / "ui"
TS = ROOT / "servicecommunity" / "resources" / "locale-qt" / "servicecommunity_cy.ts"


#: Qt's own text that the app shows, by the context Qt asks for it in (PySide6 6.x: a logging
#: QTranslator and a QMessageBox / QDialogButtonBox with every standard button). lupdate never finds
#: it in our code, so :func:`tidy` adds it, keeping the translation it had.
QT_OWN: dict[str, tuple[str, ...]] = {
    "QPlatformTheme": ("OK", "Cancel", "&Yes", "&No", "Close", "Save", "Apply", "Help", "Reset", "Discard",
                       "Restore Defaults", "Open", "Abort", "Retry", "Ignore", "Save All", "Yes to &All",
                       "N&o to All"),
    "QMessageBox": ("Show Details...", "Hide Details..."),
}


def sources() -> list[Path]:
    """The app's Python files (lupdate does not look into .py files when given a folder)."""
    return sorted(p for p in UI.rglob("*.py") if "__pycache__" not in p.parts)


def lupdate() -> str:
    import PySide6

    folder = Path(PySide6.__file__).parent
    for name in ("lupdate", "lupdate.exe", "Qt/libexec/lupdate"):
        if (folder / name).exists():
            return str(folder / name)
    return shutil.which("pyside6-lupdate") or "pyside6-lupdate"


def update(ts: Path = TS) -> subprocess.CompletedProcess[str]:
    """Run lupdate over the app's files into ``ts`` (made if missing), then :func:`tidy` it."""
    kept = kept_translations(ts) if ts.exists() else {}
    files = [str(p.relative_to(ROOT)) for p in sources()]
    command = [lupdate(), "-silent", "-locations", "none", "-no-obsolete", "-target-language", "cy",
               *files, "-ts", str(ts)]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    if done.returncode == 0 and ts.exists():
        tidy(ts, kept)
    return done


Key = tuple[str, str, str]


def _key(context: ET.Element, message: ET.Element) -> Key:
    return (context.findtext("name") or "", message.findtext("source") or "", message.findtext("comment") or "")


def kept_translations(ts: Path) -> dict[Key, ET.Element]:
    """The translation of every plural message in ``ts`` and of Qt's own text (lupdate forgets both:
    see :func:`tidy`)."""
    root = ET.parse(ts).getroot()
    return {_key(c, m): m.find("translation") for c in root.iter("context") for m in c.iter("message")
            if (m.get("numerus") == "yes" or (c.findtext("name") or "") in QT_OWN)
            and m.find("translation") is not None}  # type: ignore[misc]


def tidy(ts: Path, kept: dict[Key, ET.Element]) -> None:
    """What lupdate's Python reader misses or adds, put right:

    - a text with ``%n`` is a plural (Qt's five Welsh forms): lupdate sees one only in
      ``self.tr(text, "", n)``, not in ``QCoreApplication.translate(context, text, "", n)``, and
      then forgets the forms already translated, so they are carried over from before;
    - lupdate takes a ``#:`` comment for a note to the translator; here ``#:`` documents an attribute;
    - Qt's own text (:data:`QT_OWN`) is not in our code: it is added, with its translation from before.
    """
    tree = ET.parse(ts)
    root = tree.getroot()
    for name, texts in QT_OWN.items():
        context = next((c for c in root.iter("context") if c.findtext("name") == name), None)
        if context is None:
            context = ET.SubElement(root, "context")
            ET.SubElement(context, "name").text = name
        present = {m.findtext("source") for m in context.iter("message")}
        for text in texts:
            if text in present:
                continue
            message = ET.SubElement(context, "message")
            ET.SubElement(message, "source").text = text
            old = kept.get((name, text, ""))
            if old is not None:
                message.append(old)
            else:
                ET.SubElement(message, "translation", type="unfinished")
    for context in tree.getroot().iter("context"):
        for message in context.iter("message"):
            for note in message.findall("extracomment"):
                message.remove(note)
            source = message.findtext("source") or ""
            if "%n" not in source or message.get("numerus") == "yes":
                continue
            message.set("numerus", "yes")
            old = message.find("translation")
            if old is not None:
                message.remove(old)
            translation = kept.get(_key(context, message))
            if translation is None:
                translation = ET.Element("translation", type="unfinished")
                for _ in range(5):
                    ET.SubElement(translation, "numerusform")
            message.append(translation)
    ET.indent(tree, "    ")
    text = ET.tostring(tree.getroot(), encoding="unicode")
    ts.write_text(f'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n{text}\n', encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ts", type=Path, default=TS, help="the .ts to write (default: the Welsh one)")
    args = parser.parse_args(argv)
    done = update(args.ts)
    if done.returncode != 0:
        print(f"error: lupdate failed: {(done.stderr or done.stdout).strip()}", file=sys.stderr)
        return 1
    print(f"{args.ts}: updated from {len(sources())} files")
    return 0


if __name__ == "__main__":
    sys.exit(main())
