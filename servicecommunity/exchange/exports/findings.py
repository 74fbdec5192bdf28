"""The analysis's findings, for the exports that show them (spreadsheets, web page, briefing).

The analysis (:mod:`servicecommunity.analysis`) runs on the workspace, which may hold blockers the
export leaves out; a finding that names one (by id, or by title in its message) is dropped and
counted, so that an OFFICIAL-SENSITIVE blocker never reaches an export through a finding (one the
export includes is marked, as the analysis marks it). The findings to act on first lead; each says
what to do next.
"""

from __future__ import annotations

import importlib
import re
from typing import Any

from sqlmodel import Session

from servicecommunity.exchange.exports.snapshot import Finding, Snapshot


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
        for f in _leading(analysis, report):
            finding = _finding(f)
            if set(finding.ids) & snap.omitted_ids or (mentions is not None and mentions(finding.message)):
                dropped += 1
                continue
            if len(snap.journeys) > 1:
                finding.message = f"{journey.name}: {finding.message}"
            found.append(finding)
    snap.findings = found
    snap.omitted_findings = dropped


def _leading(analysis: Any, report: Any) -> list[Any]:
    """The report's findings with the ones to act on first leading, then the rest in the report's order."""
    findings = list(getattr(report, "findings", ()))
    pick = getattr(analysis, "act_first", None)
    first = pick(report) if pick is not None and isinstance(report, getattr(analysis, "Report", ())) else []
    chosen = {id(f) for f in first}
    return [*first, *(f for f in findings if id(f) not in chosen)]


def _finding(f: Any) -> Finding:
    ids = getattr(f, "ids", None)
    if ids is None:
        ids = [*getattr(f, "step_ids", ()), *getattr(f, "dependency_ids", ()), *getattr(f, "blocker_ids", ()),
               *getattr(f, "organisation_ids", ())]
    message = str(getattr(f, "message", "") or "")
    action = str(getattr(f, "action", "") or "")
    return Finding(
        kind=str(getattr(f, "kind", "") or ""),
        severity=str(getattr(f, "severity", "") or ""),
        message=f"{message} Next: {action}" if action else message,
        ids=tuple(str(i) for i in ids),
    )
