"""The receivers' own tools, run on the exports: for the tests and the export benchmark.

Each runner says why it cannot run (``*_missing`` gives a sentence, or None when the tool is there),
so a test skips with that reason and the benchmark prints it:

- LibreOffice headless (``soffice``, ``apt-get install libreoffice-calc-nogui``): :func:`soffice_convert`
  turns a workbook into PDF or CSV files as a colleague's LibreOffice would print or save it;
- poppler (``apt-get install poppler-utils``): :func:`pdffonts`, :func:`pdftotext`, :func:`pdf_pages`;
  :func:`printed_sizes` reads the size of each string as printed (with pypdf);
- mermaid-cli and headless Chromium (``tools/receivers``: ``npm ci`` there with
  ``PUPPETEER_SKIP_DOWNLOAD=1``, and ``apt-get install chromium``): :func:`mermaid_render` draws
  Mermaid files to SVG; :func:`browser_check` opens web pages (axe-core) and BPMN files (bpmn-js);
- SpiffWorkflow (PyPI): :func:`spiff_parse` reads a BPMN file into a workflow spec.
"""

from __future__ import annotations

import json
import math
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

TOOLS = Path(__file__).resolve().parents[1] / "tools" / "receivers"
CHROMIUMS = ("chromium", "chromium-browser", "google-chrome")


def _which(*names: str) -> str | None:
    return next((p for p in map(shutil.which, names) if p), None)


# --- LibreOffice ------------------------------------------------------------------------------------


def soffice_missing() -> str | None:
    if _which("soffice", "libreoffice") is None:
        return "LibreOffice is not installed (apt-get install libreoffice-calc-nogui)"
    return None


def carlito_missing() -> str | None:
    """Why LibreOffice would not lay the workbook out as Excel does: the workbook's font is Calibri,
    and LibreOffice without Carlito (its metric twin, installed with LibreOffice's recommended
    packages) measures columns in a wider font and prints them smaller."""
    fc_match = _which("fc-match")
    found = subprocess.run([fc_match, "Calibri"], capture_output=True, text=True, check=False).stdout if fc_match else ""
    if "carlito" not in found.lower() and "calibri" not in found.lower():
        return "no Calibri or Carlito font for LibreOffice to measure columns with (apt-get install fonts-crosextra-carlito)"
    return None


def soffice_convert(path: Path, to: str, out_dir: Path, *, timeout: float = 1800) -> list[Path]:
    """``path`` converted by LibreOffice headless to ``to`` ("pdf" or "csv": every sheet, one file
    each, UTF-8) in ``out_dir``; the files written. Raises RuntimeError when LibreOffice fails or
    writes nothing, with what it said."""
    soffice = _which("soffice", "libreoffice")
    assert soffice is not None, soffice_missing()
    out_dir.mkdir(parents=True, exist_ok=True)
    # every sheet (-1), comma, double quote, UTF-8 (76), from the first line
    target = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1" if to == "csv" else to
    before = set(out_dir.iterdir())
    with tempfile.TemporaryDirectory() as profile:  # a profile of its own: runs do not share a lock
        done = subprocess.run(
            [soffice, "--headless", "--norestore", "--nologo", f"-env:UserInstallation={Path(profile).as_uri()}",
             "--convert-to", target, "--outdir", str(out_dir), str(path)],
            capture_output=True, text=True, timeout=timeout, check=False,
        )
    written = sorted(set(out_dir.iterdir()) - before)
    if done.returncode != 0 or not written or "Error" in done.stderr:
        raise RuntimeError(f"LibreOffice could not convert {path.name} to {to}: "
                           f"{(done.stderr or done.stdout).strip()[:500]}")
    return written


# --- poppler and pypdf ------------------------------------------------------------------------------


def poppler_missing() -> str | None:
    if _which("pdffonts") is None or _which("pdftotext") is None:
        return "poppler's pdffonts and pdftotext are not installed (apt-get install poppler-utils)"
    return None


@dataclass(frozen=True)
class PdfFont:
    name: str
    type: str
    embedded: bool
    subset: bool
    unicode: bool


def pdffonts(path: Path) -> list[PdfFont]:
    """The fonts of a PDF as poppler's pdffonts lists them."""
    done = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True, timeout=600)
    lines = done.stdout.splitlines()
    dashes = lines[1]
    # columns are fixed-width, set by the dashes under the header
    spans, start = [], 0
    for part in dashes.split(" "):
        spans.append((start, start + len(part)))
        start += len(part) + 1
    fonts = []
    for line in lines[2:]:
        cols = [line[a:b].strip() for a, b in spans]
        # name, type, encoding, emb, sub, uni, object, id
        fonts.append(PdfFont(cols[0], cols[1], cols[3] == "yes", cols[4] == "yes", cols[5] == "yes"))
    return fonts


def pdftotext(path: Path, *, first: int | None = None, last: int | None = None, layout: bool = False) -> str:
    args = ["pdftotext", "-enc", "UTF-8"]
    if first:
        args += ["-f", str(first)]
    if last:
        args += ["-l", str(last)]
    if layout:
        args.append("-layout")
    done = subprocess.run([*args, str(path), "-"], capture_output=True, check=True, timeout=600)
    return done.stdout.decode("utf-8")


def pdf_pages(path: Path) -> int:
    done = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True, timeout=600)
    return next(int(line.split()[-1]) for line in done.stdout.splitlines() if line.startswith("Pages:"))


def printed_sizes(path: Path, pages: int | None = None) -> list[list[tuple[int, float]]]:
    """Per page of the PDF's first ``pages``, (words, size in pt on paper) of each string, read from
    the PDF's own text operators (font size times the text and page matrices) with pypdf."""
    from pypdf import PdfReader

    out: list[list[tuple[int, float]]] = []
    for page in PdfReader(path).pages[:pages]:
        sizes: list[tuple[int, float]] = []

        def visit(text: str, cm: list[float], tm: list[float], font: object, size: float,
                  sizes: list[tuple[int, float]] = sizes) -> None:
            if text.strip():
                a, b, c, d = (tm[0] * cm[0] + tm[1] * cm[2], tm[0] * cm[1] + tm[1] * cm[3],
                              tm[2] * cm[0] + tm[3] * cm[2], tm[2] * cm[1] + tm[3] * cm[3])
                sizes.append((len(text.split()), size * math.sqrt(abs(a * d - b * c))))

        page.extract_text(visitor_text=visit)
        out.append(sizes)
    return out


# --- mermaid-cli, axe-core and bpmn-js in headless Chromium -----------------------------------------


def chromium() -> str | None:
    found = os.environ.get("CHROMIUM") or _which(*CHROMIUMS)
    return found if found and Path(found).exists() else None


def browser_missing() -> str | None:
    if shutil.which("node") is None:
        return "node is not installed"
    if not (TOOLS / "node_modules" / ".installed").exists():
        return "the receivers' npm tools are not installed (make receivers: npm ci in tools/receivers)"
    if chromium() is None:
        return "Chromium is not installed (apt-get install chromium)"
    return None


def _node(script: str, *args: str, timeout: float) -> Any:
    node = shutil.which("node")
    assert node is not None
    env = {**os.environ, "CHROMIUM": chromium() or ""}
    done = subprocess.run([node, str(TOOLS / script), *args], capture_output=True, text=True, timeout=timeout,
                          check=False, env=env)
    if done.returncode != 0:
        raise RuntimeError(f"{script} failed ({done.returncode}): {done.stderr.strip()[-1000:]}")
    return json.loads(done.stdout)


def mermaid_render(out_dir: Path, files: list[Path], *, timeout: float = 3600) -> list[dict[str, Any]]:
    """mermaid-cli's rendering of each file to ``out_dir/NAME.svg``, with Mermaid's default limits:
    per file, its ``error`` (None when drawn), ``nodes``, ``edges``, ``clusters`` and ``seconds``."""
    return list(_node("mermaid.mjs", str(out_dir), *map(str, files), timeout=timeout))


def browser_check(files: list[Path], *, timeout: float = 3600) -> list[dict[str, Any]]:
    """Each web page opened in Chromium (load time, errors, axe-core's violations) and each BPMN file
    imported into bpmn-js (warnings, error, shapes and connections drawn): see tools/receivers/browser.mjs."""
    return list(_node("browser.mjs", *map(str, files), timeout=timeout))


# --- SpiffWorkflow ----------------------------------------------------------------------------------


def spiff_missing() -> str | None:
    try:
        import SpiffWorkflow  # noqa: F401
    except ImportError:
        return "SpiffWorkflow is not installed (pip install SpiffWorkflow)"
    return None


@dataclass(frozen=True)
class SpiffResult:
    process_ids: list[str]
    start_events: int
    end_events: int
    tasks: int  # task specs in the workflow spec (every flow node, gateways and events included)
    ready: list[str]  # the names of the tasks ready once the workflow starts


def spiff_parse(path: Path) -> SpiffResult:
    """SpiffWorkflow's BPMN parser on the file: the processes it finds, the workflow spec it builds
    for the first, and the first tasks a run of it reaches (raises what SpiffWorkflow raises)."""
    from SpiffWorkflow.bpmn import BpmnWorkflow
    from SpiffWorkflow.bpmn.parser import BpmnParser
    from SpiffWorkflow.bpmn.specs.mixins import EndEventMixin, StartEventMixin
    from SpiffWorkflow.util.task import TaskState

    parser = BpmnParser()
    parser.add_bpmn_file(str(path))
    # a map of a journey is descriptive (isExecutable="false"): get_process_ids lists executable
    # processes only, so the processes are taken as parsed
    ids = list(parser.process_parsers)
    spec = parser.get_spec(ids[0])
    specs = list(spec.task_specs.values())
    workflow = BpmnWorkflow(spec)
    workflow.do_engine_steps()
    ready = [t.task_spec.bpmn_name or t.task_spec.name for t in workflow.get_tasks(state=TaskState.READY)]
    return SpiffResult(
        process_ids=list(ids),
        start_events=sum(isinstance(s, StartEventMixin) for s in specs),
        end_events=sum(isinstance(s, EndEventMixin) for s in specs),
        tasks=len(specs),
        ready=ready,
    )
