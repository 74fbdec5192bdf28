"""The analysis's findings, for the exports that show them (spreadsheets, web page, briefing).

The analysis (:mod:`servicecommunity.analysis`) runs on the workspace, which may hold blockers the
export leaves out; a finding that names one (by id, or by title in its message) is dropped and
counted, so that an OFFICIAL-SENSITIVE blocker never reaches an export through a finding.
"""

from __future__ import annotations

import importlib
import re
from typing import Any

from sqlmodel import Session

from servicecommunity.exports.snapshot import Finding, Snapshot


def _analysis() -> Any:
    try:
        return importlib.import_module("servicecommunity.analysis")
    except ModuleNotFoundError as exc:
        if exc.name == "servicecommunity.analysis":
            return None
        raise


def available() -> bool:
    return _analysis() is not None


def attach_findings(session: Session, snap: Snapshot) -> None:
    """Run the analysis on each journey of the export and keep the findings it may show."""
    analysis = _analysis()
    if analysis is None:
        return
    # One search of each message for any left-out blocker's title (longest first, so that the
    # alternation is plain): a loop over titles for each finding took a second on 30,000 findings.
    titles = sorted({t for t in snap.omitted_titles if t}, key=len, reverse=True)
    mentions = re.compile("|".join(map(re.escape, titles))).search if titles else None
    found: list[Finding] = []
    dropped = 0
    for journey in snap.journeys:
        report = analysis.analyse(session, journey.id, today=snap.today)
        for f in getattr(report, "findings", ()):
            finding = _finding(f)
            if set(finding.ids) & snap.omitted_ids or (mentions is not None and mentions(finding.message)):
                dropped += 1
                continue
            if len(snap.journeys) > 1:
                finding.message = f"{journey.name}: {finding.message}"
            found.append(finding)
    snap.findings = found
    snap.omitted_findings = dropped


def _finding(f: Any) -> Finding:
    ids = getattr(f, "ids", None)
    if ids is None:
        ids = [*getattr(f, "step_ids", ()), *getattr(f, "dependency_ids", ()), *getattr(f, "blocker_ids", ()),
               *getattr(f, "organisation_ids", ())]
    return Finding(
        kind=str(getattr(f, "kind", "") or ""),
        severity=str(getattr(f, "severity", "") or ""),
        message=str(getattr(f, "message", "") or ""),
        ids=tuple(str(i) for i in ids),
    )
