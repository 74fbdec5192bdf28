"""A Markdown briefing: what the journey is, where it breaks, what stands in the way.

Short enough to paste into an email or a wiki: the journey stage by stage, the hand-offs between
organisations, the open blockers worst first, the findings by priority (worst first, then the
kinds the analysis says to act on first), who is involved. User text is escaped
(CommonMark backslash escapes), so a step title cannot become a link, a table cell or raw HTML.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import TYPE_CHECKING

from servicecommunity.domain import enums
from servicecommunity.exchange.exports.snapshot import Finding, Snapshot, blockers_by_step, handoffs
from servicecommunity.exchange.exports.tables import kind_words

if TYPE_CHECKING:
    from collections.abc import Sequence

    from servicecommunity.analysis.comparison import Comparison
    from servicecommunity.exchange.exports import Job

SEVERITY_RANK = {s.value: s.rank for s in enums.Severity}
_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")


def md(text: str | None) -> str:
    """User text safe inside Markdown (one line, no markup)."""
    if not text:
        return ""
    return _SPECIAL.sub(r"\\\1", " ".join(text.split()))


def _plural(n: int, word: str, many: str | None = None) -> str:
    return f"{n:,} {word if n == 1 else (many or word + 's')}"


def _row(*cells: str) -> str:
    return "| " + " | ".join(cells) + " |"


def briefing(snap: Snapshot, comparisons: Sequence[Comparison] = ()) -> str:
    """The briefing; ``comparisons`` (as-is against to-be) each get a section after the journeys."""
    from servicecommunity.exchange.exports import long_date
    from servicecommunity.exchange.exports.comparisons import markdown_lines

    lines: list[str] = [f"**{snap.classification}**", ""]
    lines.append(f"# {md(snap.title)}: briefing")
    lines.append("")
    lines.append(f"Exported {long_date(snap.today)} from Service Community ({md(snap.community_name)}).")
    lines.append("")
    if snap.classification != "OFFICIAL":
        lines += ["> **Includes OFFICIAL-SENSITIVE blockers**: share it only with people who need to know.", ""]
    for note in snap.left_out():
        lines += [f"> {md(note)}", ""]
    on_step = blockers_by_step(snap)
    open_blockers = [b for b in snap.blockers if b.is_open]
    crossing = handoffs(snap)
    owners = {s.owner_id for s in snap.steps if s.owner_id}
    by_sev = Counter(b.severity for b in open_blockers)
    lines += ["## At a glance", ""]
    lines.append(f"- {_plural(len(snap.journeys), 'journey')}, {_plural(len(snap.stages), 'stage')}, {_plural(len(snap.steps), 'step')}")
    lines.append(f"- {_plural(len(owners), 'organisation')} own steps; {_plural(sum(1 for s in snap.steps if not s.owner_id), 'step')} with no owner")
    unagreed = sum(1 for d in crossing if not d.agreed)
    lines.append(f"- {_plural(len(crossing), 'hand-off')} between organisations, {unagreed:,} not agreed")
    sev = ", ".join(f"{by_sev[s.value]:,} {s.value}" for s in reversed(enums.Severity) if by_sev[s.value])
    lines.append(f"- {_plural(len(open_blockers), 'open blocker')}" + (f" ({sev})" if sev else ""))
    if snap.findings is not None:
        lines.append(f"- {_plural(len(snap.findings), 'finding')} from the analysis")
    lines.append("")

    for journey in snap.journeys:
        lines.append(f"## The journey: {md(journey.name)}" if len(snap.journeys) > 1 else "## The journey")
        lines.append("")
        if journey.persona:
            lines.append(f"**For:** {md(journey.persona)}  ")
        if journey.user_need:
            lines.append(f"**User need:** {md(journey.user_need)}")
        lines.append("")
        steps = snap.journey_steps(journey.id)
        by_stage: dict[str, list[str]] = {}
        for s in steps:
            bits = [snap.org_label(s.owner_id) or "no owner"]
            if s.channels:
                bits.append(", ".join(enums.label(c).lower() for c in s.channels))
            n = len(on_step.get(s.id, ()))
            flag = f" — {_plural(n, 'open blocker')}" if n else ""
            by_stage.setdefault(s.stage_id, []).append(f"1. **{md(s.title)}** ({md('; '.join(bits))}){flag}")
        for stage in (st for st in snap.stages if st.journey_id == journey.id):
            lines.append(f"### {md(stage.name)}")
            lines.append("")
            lines += by_stage.get(stage.id, ["No steps yet."])
            lines.append("")

    for comparison in comparisons:
        lines += markdown_lines(comparison)
    lines += ["## Hand-offs between organisations", ""]
    if crossing:
        lines.append(_row("From", "To", "Kind", "Agreed"))
        lines.append(_row("---", "---", "---", "---"))
        for d in crossing:
            a, z = snap.step_by_id[d.from_step_id], snap.step_by_id[d.to_step_id]
            kind = enums.label(d.kind) + (f" by {enums.label(d.handoff_mode).lower()}" if d.handoff_mode else "")
            lines.append(_row(
                f"{md(a.title)} ({md(snap.org_label(a.owner_id) or 'no owner')})",
                f"{md(z.title)} ({md(snap.org_label(z.owner_id) or 'no owner')})",
                md(kind), "Yes" if d.agreed else "**No**",
            ))
    else:
        lines.append("None.")
    lines.append("")

    lines += ["## Open blockers, worst first", ""]
    if open_blockers:
        lines.append(_row("Blocker", "Severity", "Status", "Owner", "Due", "Steps"))
        lines.append(_row("---", "---", "---", "---", "---", "---"))
        for b in open_blockers:
            due = b.due_on.isoformat() if b.due_on else ""
            if b.due_on and b.due_on < snap.today:
                due += " (overdue)"
            steps_text = "; ".join(md(snap.step_by_id[i].title) for i in b.step_ids[:5])
            if len(b.step_ids) > 5:
                steps_text += f"; and {len(b.step_ids) - 5:,} more"
            lines.append(_row(
                md(b.title) + (" *(OFFICIAL-SENSITIVE)*" if b.sensitive else ""), enums.label(b.severity),
                enums.label(b.status), md(snap.org_label(b.owner_id) or "no owner"), due, steps_text,
            ))
    else:
        lines.append("None.")
    lines.append("")

    lines += ["## Findings", ""]
    if snap.findings is None:
        lines.append("The analysis was not run for this export.")
    elif not snap.findings:
        lines.append("None.")
    else:
        lines += ["Worst first; within a severity, the kinds the analysis says to act on first lead.", ""]
        for f in by_priority(snap.findings):
            kind = f" ({md(kind_words(f.kind, f.kind_title))})" if f.kind else ""
            lines.append(f"- **{md(enums.label(f.severity) if f.severity else '')}**{kind} {md(f.message)}")
    lines.append("")

    lines += ["## Organisations", ""]
    owned = Counter(s.owner_id for s in snap.steps)
    people = Counter(m.organisation_id for m in snap.members)
    resolve = Counter(b.owner_id for b in open_blockers)
    lines.append(_row("Organisation", "Steps owned", "Members", "Open blockers to resolve"))
    lines.append(_row("---", "--:", "--:", "--:"))
    for o in snap.organisations.values():
        lines.append(_row(md(o.name), f"{owned[o.id]:,}", f"{people[o.id]:,}", f"{resolve[o.id]:,}"))
    lines += ["", "---", "", f"**{snap.classification}**", ""]
    return "\n".join(lines)


def by_priority(findings: list[Finding]) -> list[Finding]:
    """Findings worst first, then by their kind's priority (the analysis's order of what to act on),
    keeping the analysis's own order within a kind (blockers by how much they hold up)."""
    return sorted(findings, key=lambda f: (-SEVERITY_RANK.get(f.severity, 0), f.priority))


def export_markdown(job: Job) -> bytes:
    from servicecommunity.exchange.exports.comparisons import job_comparisons

    return briefing(job.snapshot, job_comparisons(job)).encode("utf-8")
