"""Exports: a community or one journey to every format people open, headless and Qt-free.

One entry point, :func:`export`, for the command line and the desktop app alike::

    result = export(session, "xlsx", "map.xlsx", journey_id=..., include_sensitive=False)

It reads a :class:`~servicecommunity.exchange.exports.snapshot.Snapshot` once (OFFICIAL-SENSITIVE blockers
and their notes already left out unless ``include_sensitive``), hands it to the format's exporter
from :data:`EXPORTERS`, and writes the bytes atomically (a temporary file beside the target,
renamed over it), so a crash or a full disk never leaves half a file. The
:class:`ExportResult` says what was written, its classification and what was left out.

With ``organisation_id`` the PDF and XLSX formats make an organisation's pack instead: its steps,
hand-offs in and out, and the blockers it owns or causes.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields, replace
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import Any

from sqlmodel import Session

from servicecommunity.domain.errors import ValidationError

Progress = Callable[[float, str], None]

#: Every format, in the order people are offered them.
FORMATS: tuple[str, ...] = (
    "json", "csv", "xlsx", "html", "pdf", "svg", "png", "bpmn", "graphml", "mermaid", "markdown",
)
#: What each format is called, and its usual file name ending.
DESCRIPTIONS: dict[str, tuple[str, str]] = {
    "json": ("Bundle for another member to import (JSON)", ".json"),
    "csv": ("Spreadsheet tables, one CSV file each (ZIP)", ".zip"),
    "xlsx": ("Excel workbook (XLSX)", ".xlsx"),
    "html": ("Web page that opens offline (HTML)", ".html"),
    "pdf": ("Printable poster (PDF)", ".pdf"),
    "svg": ("Poster as a vector image (SVG)", ".svg"),
    "png": ("Poster as a picture (PNG)", ".png"),
    "bpmn": ("BPMN 2.0 process diagram (bpmn.io, Camunda)", ".bpmn"),
    "graphml": ("Graphs for yEd and Gephi (GraphML)", ".graphml"),
    "mermaid": ("Mermaid flowchart", ".mmd"),
    "markdown": ("Briefing (Markdown)", ".md"),
}
#: Formats that draw one journey's map (a community with several journeys needs one chosen).
ONE_JOURNEY: frozenset[str] = frozenset({"svg", "png", "bpmn", "mermaid"})
#: Formats that can make an organisation's pack.
PACK_FORMATS: frozenset[str] = frozenset({"pdf", "xlsx"})
#: Formats that show the analysis's findings.
WITH_FINDINGS: frozenset[str] = frozenset({"csv", "xlsx", "html", "markdown"})
PAPERS = ("auto", "A3", "A2", "A1")  # "auto": the paper, tiling and scale that print step titles at 7.5 pt or more


@dataclass(frozen=True)
class ExportOptions:
    """Choices some formats take. ``today`` fixes the date printed on the export (tests)."""

    paper: str = "auto"  # PDF poster: auto (readable when printed), or A3, A2 or A1, landscape
    tiled: bool = False  # PDF poster on A3/A2/A1: full size over several pages, or fitted to one page
    dpi: int = 150  # PNG
    findings: bool = True  # run the analysis and include its findings where the format shows them
    today: date | None = None
    lang: str | None = None  # "cy" or "en": the export's fixed text and dates (None: the current language)

    @classmethod
    def of(cls, options: ExportOptions | Mapping[str, Any] | None) -> ExportOptions:
        if options is None:
            return cls()
        if isinstance(options, ExportOptions):
            return options
        known = {f.name for f in fields(cls)}
        unknown = set(options) - known
        if unknown:
            raise ValidationError(gettext("Unknown export option {value}; the options are {names}.").format(value=repr(sorted(unknown)[0]), names=', '.join(sorted(known))))
        return replace(cls(), **dict(options))

    def check(self) -> None:
        if self.paper not in PAPERS:
            raise ValidationError(gettext("The paper size must be one of {names}, not {paper}.").format(names=', '.join(PAPERS), paper=repr(self.paper)))
        if not 36 <= self.dpi <= 600:
            raise ValidationError(gettext("The resolution must be between 36 and 600 dpi, not {dpi}.").format(dpi=self.dpi))
        if self.lang is not None:
            from servicecommunity.i18n import resolve_language

            resolve_language(self.lang)  # one sentence for a language the exports do not speak


@dataclass
class ExportResult:
    """What an export wrote."""

    path: Path
    format: str
    classification: str
    omitted: dict[str, int] = field(default_factory=dict)  # e.g. {"sensitive_blockers": 2}
    notes: list[str] = field(default_factory=list)  # what the export left out or changed, in sentences
    size: int = 0  # bytes written
    seconds: float = 0.0
    also: list[Path] = field(default_factory=list)  # files written beside ``path`` (a split diagram's parts)

    def summary(self) -> str:
        lines = [gettext("Wrote {path} ({classification}).").format(path=self.path, classification=self.classification)]
        lines += self.notes
        return "\n".join(lines)

    def to_json(self) -> dict[str, Any]:
        return {
            "output": str(self.path), "format": self.format, "classification": self.classification,
            "omitted": self.omitted, "notes": self.notes, "bytes": self.size, "also": [str(p) for p in self.also],
        }


class Job:
    """One export under way: the session, the scope, the options, and the snapshot (read on first use)."""

    def __init__(self, session: Session, fmt: str, *, journey_id: str | None, organisation_id: str | None,
                 include_sensitive: bool, options: ExportOptions, progress: Progress | None,
                 community_id: str | None = None) -> None:
        self.session = session
        self.format = fmt
        self.community_id = community_id  # None: the workspace's only community (or the journey's)
        self.journey_id = journey_id
        self.organisation_id = organisation_id
        self.include_sensitive = include_sensitive
        self.options = options
        self._progress = progress
        self.notes: list[str] = []
        # files to write beside the export: (what follows its name's stem, e.g. "-2.mmd"; the bytes)
        self.companions: list[tuple[str, bytes]] = []
        self.classification = "OFFICIAL"
        self.omitted: dict[str, int] = {}

    def progress(self, fraction: float, message: str = "") -> None:
        if self._progress is not None:
            self._progress(max(0.0, min(1.0, fraction)), message)

    @cached_property
    def snapshot(self) -> Any:
        from servicecommunity.exchange.exports.findings import attach_findings
        from servicecommunity.exchange.exports.snapshot import read_snapshot

        self.progress(0.02, gettext("Reading the workspace"))
        snap = read_snapshot(self.session, community_id=self.community_id, journey_id=self.journey_id,
                             include_sensitive=self.include_sensitive,
                             today=self.options.today)
        if self.options.findings and (self.format in WITH_FINDINGS or self.organisation_id):
            self.progress(0.1, gettext("Analysing the journey"))
            attach_findings(self.session, snap)
        self.classification = snap.classification
        self.omitted = {"sensitive_blockers": snap.omitted_sensitive}
        if snap.omitted_findings:
            self.omitted["findings"] = snap.omitted_findings
        self.notes.extend(snap.left_out())
        self.progress(0.2, gettext("Read"))
        return snap

    def map_journey_ids(self, *, one: bool) -> list[str]:
        """The journeys whose maps the export draws; with ``one``, exactly one or a clear error."""
        snap = self.snapshot
        ids = [j.id for j in snap.journeys]
        if one and len(ids) != 1:
            if not ids:
                raise ValidationError(gettext("{community_name} has no journey to draw.").format(community_name=snap.community_name))
            names = ", ".join(j.name for j in snap.journeys)
            raise ValidationError(
                gettext("A {format} export shows one journey; choose one of: {names}.").format(
                    format=self.format.upper(), names=names)
            )
        return ids

    def furniture(self, journey_id: str | None) -> Any:
        from servicecommunity.exchange.exports.poster import Furniture

        snap = self.snapshot
        if journey_id is not None:
            journey = snap.journey_by_id[journey_id]
            title = journey.name
            # the community named once: the demo's community and journey share "Starting a Business"
            same = " ".join(snap.community_name.split()).casefold() == " ".join(title.split()).casefold()
            bits = [] if same else [snap.community_name]
            if journey.persona:
                bits.append(gettext("For: {persona}").format(persona=journey.persona))
            subtitle = " · ".join(bits)
        else:
            title, subtitle = snap.community_name, ""
        notes = list(snap.left_out())
        if snap.classification != "OFFICIAL":
            notes.insert(0, gettext("Includes OFFICIAL-SENSITIVE blockers: share it only with people who need to know."))
        return Furniture(title, subtitle, gettext("Exported {date}").format(date=long_date(snap.today)),
                         snap.classification, notes)


def long_date(d: date) -> str:
    """A date as the export's language writes it in full: ``3 December 2026``, ``3 Rhagfyr 2026``."""
    from servicecommunity.i18n import format_date

    return format_date(d, "long")


def gettext(message: str) -> str:
    """``message`` in the export's language (imported late: the command line's parser imports this module)."""
    from servicecommunity import i18n

    return i18n.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """``singular`` or ``plural`` for ``n`` in the export's language (imported late, as :func:`gettext`)."""
    from servicecommunity import i18n

    return i18n.ngettext(singular, plural, n)


Exporter = Callable[[Job], bytes | list[bytes]]  # the file's bytes, whole or in pieces


def _json(job: Job) -> list[bytes]:
    from servicecommunity.exchange import bundle

    job.progress(0.1, gettext("Reading the workspace"))
    exported = bundle.export_bundle_file(job.session, community_id=job.community_id, journey_id=job.journey_id,
                                         include_sensitive=job.include_sensitive)
    job.classification = exported.classification
    job.omitted = dict(exported.omitted)
    n = job.omitted["sensitive_blockers"]
    if n:
        from servicecommunity.exchange.exports.snapshot import sensitive_left_out

        job.notes.append(sensitive_left_out(n))
    job.progress(0.7, gettext("Writing"))
    return exported.chunks


def _lazy(module: str, name: str) -> Exporter:
    def run(job: Job) -> bytes | list[bytes]:
        import importlib

        fn: Exporter = getattr(importlib.import_module(f"servicecommunity.exchange.exports.{module}"), name)
        return fn(job)

    run.__name__ = f"{module}.{name}"
    return run


#: format -> exporter. Each exporter takes a :class:`Job` and returns the file's bytes.
EXPORTERS: dict[str, Exporter] = {
    "json": _json,
    "csv": _lazy("formats", "export_csv"),
    "xlsx": _lazy("formats", "export_xlsx"),
    "html": _lazy("html", "export_html"),
    "pdf": _lazy("formats", "export_pdf"),
    "svg": _lazy("formats", "export_svg"),
    "png": _lazy("formats", "export_png"),
    "bpmn": _lazy("bpmn", "export_bpmn"),
    "graphml": _lazy("graphml", "export_graphml"),
    "mermaid": _lazy("mermaid", "export_mermaid"),
    "markdown": _lazy("markdown", "export_markdown"),
}
#: format -> exporter of an organisation's pack.
PACK_EXPORTERS: dict[str, Exporter] = {
    "pdf": _lazy("orgpack", "export_pack_pdf"),
    "xlsx": _lazy("orgpack", "export_pack_xlsx"),
}


def export(
    session: Session,
    fmt: str,
    path: str | os.PathLike[str],
    *,
    journey_id: str | None = None,
    organisation_id: str | None = None,
    include_sensitive: bool = False,
    options: ExportOptions | Mapping[str, Any] | None = None,
    progress: Progress | None = None,
    community_id: str | None = None,
) -> ExportResult:
    """Export the community (or one journey; or an organisation's pack) to ``path`` in ``fmt``.

    ``community_id`` names the community when the workspace holds several.

    ``progress(fraction, message)`` is called as the work goes on; it may raise to stop the export
    (nothing is written then). Errors a person can act on are :class:`ValidationError`,
    :class:`~servicecommunity.domain.errors.NotFoundError` and, for the file, ``BundleError``.
    """
    from servicecommunity import i18n
    from servicecommunity.exchange.bundle import write_atomic
    from servicecommunity.store.bulk import gc_paused
    from servicecommunity.store.workspace import one_snapshot

    started = time.perf_counter()
    if fmt not in EXPORTERS:
        raise ValidationError(gettext("Unknown export format {fmt}; the formats are {names}.").format(fmt=repr(fmt), names=', '.join(FORMATS)))
    opts = ExportOptions.of(options)
    opts.check()
    if organisation_id is not None and fmt not in PACK_FORMATS:
        raise ValidationError(
            gettext("An organisation's pack is a PDF or an XLSX; choose one of those, or export {format} without an "
                    "organisation.").format(format=fmt.upper())
        )
    job = Job(session, fmt, journey_id=journey_id, organisation_id=organisation_id,
              include_sensitive=include_sensitive, options=opts, progress=progress, community_id=community_id)
    exporter = PACK_EXPORTERS[fmt] if organisation_id is not None else EXPORTERS[fmt]
    # One read transaction for the whole export, so that it is of one moment even while the app
    # goes on editing; and the collector held off: tens of thousands of small acyclic objects.
    for _attempt in range(5):
        if fmt == "json":
            _refresh_clocks(session)  # a bundle carries every change with its dot
        with one_snapshot(session), gc_paused(), i18n.language(opts.lang):
            if fmt == "json" and _changed_since_refresh(session):
                continue  # an edit landed between the refresh and the read: read again
            data = exporter(job)
            # Free the snapshot now, by reference counting: left alive until the collector is back on,
            # its objects would all be young, and the collector's first pass would sweep them (~50 ms).
            job.__dict__.pop("snapshot", None)
            break
    else:
        from servicecommunity.domain.errors import WorkspaceBusyError

        raise WorkspaceBusyError(gettext("The workspace kept changing while the bundle was read; try the export again."))
    job.progress(0.95, gettext("Saving"))
    target = Path(path)
    also = [target.with_name(target.stem + suffix) for suffix, _ in job.companions]
    for extra, (_, extra_data) in zip(also, job.companions, strict=True):  # first: the main file names them
        write_atomic(extra, extra_data)
    write_atomic(target, data)
    if also:
        names = ", ".join(p.name for p in also) if len(also) <= 3 else gettext("{first} to {last}").format(
            first=also[0].name, last=also[-1].name)
        job.notes.append(ngettext("Also wrote {n} more file beside {target}: {names}.",
                                  "Also wrote {n} more files beside {target}: {names}.", len(also)).format(
                                      n=len(also), target=target.name, names=names))
    job.progress(1.0, gettext("Done"))
    return ExportResult(
        path=target, format=fmt, classification=job.classification, omitted=job.omitted,
        notes=job.notes, size=(len(data) if isinstance(data, bytes) else sum(map(len, data)))
        + sum(len(d) for _, d in job.companions),
        seconds=time.perf_counter() - started, also=also,
    )


def _refresh_clocks(session: Session) -> None:
    from servicecommunity.exchange import sync

    try:
        sync.refresh(session)
        session.commit()
    except BaseException:
        session.rollback()
        raise


def _changed_since_refresh(session: Session) -> bool:
    from servicecommunity.exchange import sync

    return sync.has_clocks(session) and sync.has_changes(session)


@dataclass
class Preview:
    """What an export will hold and leave out, cheap to work out (for the Export dialog)."""

    counts: dict[str, int]
    sensitive_blockers: int  # OFFICIAL-SENSITIVE blockers in scope
    include_sensitive: bool
    findings: bool  # the analysis is available

    @property
    def classification(self) -> str:
        return "OFFICIAL-SENSITIVE" if self.include_sensitive and self.sensitive_blockers else "OFFICIAL"

    def lines(self) -> list[str]:
        from servicecommunity.i18n import format_number
        from servicecommunity.services import count_records

        c = self.counts
        counted = ", ".join(count_records(k, n).replace(str(n), format_number(n), 1) for k, n in c.items())
        out = [gettext("Includes: {counts}.").format(counts=counted)]
        n = self.sensitive_blockers
        if n and not self.include_sensitive:
            out.append(ngettext("Leaves out: {n} OFFICIAL-SENSITIVE blocker and its notes.",
                                "Leaves out: {n} OFFICIAL-SENSITIVE blockers and their notes.", n).format(n=n))
        elif n:
            out.append(ngettext("Includes {n} OFFICIAL-SENSITIVE blocker: the export is marked OFFICIAL-SENSITIVE.",
                                "Includes {n} OFFICIAL-SENSITIVE blockers: the export is marked OFFICIAL-SENSITIVE.",
                                n).format(n=n))
        else:
            out.append(gettext("Nothing in scope is OFFICIAL-SENSITIVE."))
        out.append(gettext("Member email addresses are never exported (except in the JSON bundle)."))
        out.append(gettext("Marked: {classification}.").format(classification=self.classification))
        return out


def preview(session: Session, *, journey_id: str | None = None, organisation_id: str | None = None,
            include_sensitive: bool = False) -> Preview:
    """Counts of what an export would hold, from a few COUNT queries."""
    from servicecommunity.exchange.exports.findings import available
    from servicecommunity.exchange.exports.snapshot import count_scope

    counts, sensitive = count_scope(session, journey_id=journey_id, organisation_id=organisation_id,
                                    include_sensitive=include_sensitive)
    return Preview(counts, sensitive, include_sensitive, available())


__all__ = [
    "DESCRIPTIONS", "EXPORTERS", "FORMATS", "ONE_JOURNEY", "PACK_EXPORTERS", "PACK_FORMATS", "ExportOptions",
    "ExportResult", "Job", "Preview", "export", "preview",
]
