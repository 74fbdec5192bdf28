"""The analysis's findings, for the exports that show them (spreadsheets, web page, briefing).

The analysis (:mod:`servicecommunity.analysis`) runs on the workspace, which may hold blockers the
export leaves out. When it does, the analysis runs with sensitive titles withheld, and a finding
about a left-out blocker (one of its ``blocker_ids``) is dropped and counted; every other finding
stays, including the blocker-impact and stale findings about OFFICIAL blockers (matching titles
instead dropped those whose title happened to equal a sensitive one's). A message still marked
OFFICIAL-SENSITIVE is dropped too, as a last guard. One the export includes is marked, as the
analysis marks it. The findings to act on first lead; each says what to do next.
"""

from __future__ import annotations

import importlib
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
    omitted = snap.omitted_ids
    withhold = bool(omitted)  # titles of sensitive blockers withheld by the analysis itself
    kinds: dict[str, str] = dict(getattr(analysis, "KINDS", {}))
    weight = {kind: n for n, kind in enumerate(getattr(analysis, "PRIORITY", ()))}
    found: list[Finding] = []
    dropped = 0
    for journey in snap.journeys:
        report = analysis.analyse(session, journey.id, today=snap.today, include_sensitive=not withhold)
        for f in _leading(analysis, report):
            finding = _finding(f, kinds, weight)
            if omitted and (not omitted.isdisjoint(finding.blocker_ids) or not omitted.isdisjoint(finding.ids)
                            or _MARK in finding.message):
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


_MARK = "[OFFICIAL-SENSITIVE]"


def _next(message: str, action: str) -> str:
    from servicecommunity.i18n import gettext

    return gettext("{finding} Next: {action}").format(finding=message, action=action)


def _gettext(message: str) -> str:
    from servicecommunity.i18n import gettext

    return gettext(message)


def _finding(f: Any, kinds: dict[str, str] | None = None, weight: dict[str, int] | None = None) -> Finding:
    def strs(name: str) -> tuple[str, ...]:
        return tuple(str(i) for i in getattr(f, name, ()) or ())

    steps, deps, blockers, orgs = strs("step_ids"), strs("dependency_ids"), strs("blocker_ids"), strs("organisation_ids")
    ids = getattr(f, "ids", None)
    if ids is None:
        ids = [*steps, *deps, *blockers, *orgs]
    message = str(getattr(f, "message", "") or "")
    action = str(getattr(f, "action", "") or "")
    kind = str(getattr(f, "kind", "") or "")
    kinds, weight = kinds or {}, weight or {}
    return Finding(
        kind=kind,
        severity=str(getattr(f, "severity", "") or ""),
        message=_next(message, action) if action else message,
        ids=tuple(str(i) for i in ids),
        kind_title=_gettext(kinds[kind]) if kind in kinds else "",
        step_ids=steps, dependency_ids=deps, blocker_ids=blockers, organisation_ids=orgs,
        priority=weight.get(kind, len(weight)),
    )
