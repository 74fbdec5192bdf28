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
from servicecommunity.exchange.exports.snapshot import (
    Finding,
    Snapshot,
    XNote,
    blockers_by_step,
    handoffs,
    notes_on,
)
from servicecommunity.exchange.exports.tables import kind_words
from servicecommunity.i18n import format_number, gettext, ngettext

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from servicecommunity.analysis.comparison import Comparison
    from servicecommunity.exchange.exports import Job

SEVERITY_RANK = {s.value: s.rank for s in enums.Severity}
_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")


def md(text: str | None) -> str:
    """User text safe inside Markdown (one line, no markup)."""
    if not text:
        return ""
    return _SPECIAL.sub(r"\\\1", " ".join(text.split()))


def _count(n: int, phrase: Callable[[int], str]) -> str:
    """A counted phrase in the export's language: ``phrase(n)`` is ngettext's form, with ``{n}``."""
    return phrase(n).format(n=format_number(n))


def label(value: str | None) -> str:
    """A stored value (severity, status, channel...) as the export's language reads it."""
    return gettext(enums.label(value)) if value else ""


def _row(*cells: str) -> str:
    return "| " + " | ".join(cells) + " |"


def briefing(snap: Snapshot, comparisons: Sequence[Comparison] = ()) -> str:
    """The briefing; ``comparisons`` (as-is against to-be) each get a section after the journeys."""
    from servicecommunity.exchange.exports import long_date
    from servicecommunity.exchange.exports.comparisons import markdown_lines

    lines: list[str] = [f"**{snap.classification}**", ""]
    lines.append("# " + gettext("{title}: briefing").format(title=md(snap.title)))
    lines.append("")
    lines.append(gettext("Exported {date} from Service Community ({community}).").format(
        date=long_date(snap.today), community=md(snap.community_name)))
    # translators: the export's own language, named in that language
    lines.append(gettext("Language: English."))
    lines.append("")
    if snap.classification != "OFFICIAL":
        lines += ["> " + gettext("**Includes OFFICIAL-SENSITIVE blockers**: share it only with people who need to know."), ""]
    for note in snap.left_out():
        lines += [f"> {md(note)}", ""]
    on_step = blockers_by_step(snap)
    step_notes, dep_notes = notes_on(snap)
    open_blockers = [b for b in snap.blockers if b.is_open]
    crossing = handoffs(snap)
    owners = {s.owner_id for s in snap.steps if s.owner_id}
    by_sev = Counter(b.severity for b in open_blockers)
    lines += ["## " + gettext("At a glance"), ""]
    unowned = sum(1 for s in snap.steps if not s.owner_id)
    unagreed = sum(1 for d in crossing if not d.agreed)
    glance = [
        _count(len(snap.journeys), lambda k: ngettext("{n} journey", "{n} journeys", k)),
        _count(len(snap.stages), lambda k: ngettext("{n} stage", "{n} stages", k)),
        _count(len(snap.steps), lambda k: ngettext("{n} step", "{n} steps", k)),
        _count(len(owners), lambda k: ngettext("{n} organisation owns steps", "{n} organisations own steps", k)),
        _count(unowned, lambda k: ngettext("{n} step with no owner", "{n} steps with no owner", k)),
        _count(len(crossing), lambda k: ngettext("{n} hand-off between organisations", "{n} hand-offs between organisations", k)),
        _count(unagreed, lambda k: ngettext("{n} hand-off not agreed", "{n} hand-offs not agreed", k)),
        _count(len(open_blockers), lambda k: ngettext("{n} open blocker", "{n} open blockers", k)),
    ]
    glance += [gettext("{severity}: {n}").format(severity=label(s.value), n=format_number(by_sev[s.value]))
               for s in reversed(enums.Severity) if by_sev[s.value]]
    if snap.findings is not None:
        glance.append(_count(len(snap.findings), lambda k: ngettext("{n} finding from the analysis", "{n} findings from the analysis", k)))
    lines += [f"- {g}" for g in glance]
    lines.append("")

    for journey in snap.journeys:
        lines.append("## " + (gettext("The journey: {name}").format(name=md(journey.name)) if len(snap.journeys) > 1
                              else gettext("The journey")))
        lines.append("")
        if journey.persona:
            lines.append(gettext("**For:** {persona}").format(persona=md(journey.persona)) + "  ")
        if journey.user_need:
            lines.append(gettext("**User need:** {need}").format(need=md(journey.user_need)))
        lines.append("")
        steps = snap.journey_steps(journey.id)
        by_stage: dict[str, list[str]] = {}
        for s in steps:
            bits = [snap.org_label(s.owner_id) or gettext("no owner")]
            if s.channels:
                bits.append(", ".join(label(c).lower() for c in s.channels))
            n = len(on_step.get(s.id, ()))
            flag = " — " + _count(n, lambda k: ngettext("{n} open blocker", "{n} open blockers", k)) if n else ""
            by_stage.setdefault(s.stage_id, []).append(f"1. **{md(s.title)}** ({md('; '.join(bits))}){flag}")
            by_stage[s.stage_id] += [f"   - {note_line(n)}" for n in step_notes.get(s.id, ())]
        for stage in (st for st in snap.stages if st.journey_id == journey.id):
            lines.append(f"### {md(stage.name)}")
            lines.append("")
            lines += by_stage.get(stage.id, [gettext("No steps yet.")])
            lines.append("")

    for comparison in comparisons:
        lines += markdown_lines(comparison)
    lines += ["## " + gettext("Hand-offs between organisations"), ""]
    if crossing:
        lines.append(_row(gettext("From"), gettext("To"), gettext("Kind"), gettext("Agreed")))
        lines.append(_row("---", "---", "---", "---"))
        no_owner = gettext("no owner")
        for d in crossing:
            a, z = snap.step_by_id[d.from_step_id], snap.step_by_id[d.to_step_id]
            kind = (gettext("{kind} by {mode}").format(kind=label(d.kind), mode=label(d.handoff_mode).lower())
                    if d.handoff_mode else label(d.kind))
            lines.append(_row(
                f"{md(a.title)} ({md(snap.org_label(a.owner_id) or no_owner)})",
                f"{md(z.title)} ({md(snap.org_label(z.owner_id) or no_owner)})",
                md(kind), gettext("Yes") if d.agreed else "**" + gettext("No") + "**",
            ))
    else:
        lines.append(gettext("None."))
    lines.append("")

    if dep_notes:
        lines += ["## " + gettext("Notes on hand-offs"), ""]
        for d in snap.dependencies:
            if d.id not in dep_notes:
                continue
            a, z = snap.step_by_id[d.from_step_id], snap.step_by_id[d.to_step_id]
            lines.append("- " + gettext("{source} to {target}").format(source=f"**{md(a.title)}**", target=f"**{md(z.title)}**"))
            lines += [f"  - {note_line(n)}" for n in dep_notes[d.id]]
        lines.append("")

    lines += ["## " + gettext("Open blockers, worst first"), ""]
    if open_blockers:
        lines.append(_row(gettext("Blocker"), gettext("Severity"), gettext("Status"), gettext("Owner"), gettext("Due"),
                          gettext("Steps")))
        lines.append(_row("---", "---", "---", "---", "---", "---"))
        for b in open_blockers:
            due = b.due_on.isoformat() if b.due_on else ""
            if b.due_on and b.due_on < snap.today:
                due = gettext("{date} (overdue)").format(date=due)
            steps_text = "; ".join(md(snap.step_by_id[i].title) for i in b.step_ids[:5])
            if len(b.step_ids) > 5:
                more = len(b.step_ids) - 5
                steps_text = ngettext("{names}; and {n} more", "{names}; and {n} more", more).format(
                    names=steps_text, n=format_number(more))
            lines.append(_row(
                md(b.title) + (" *(OFFICIAL-SENSITIVE)*" if b.sensitive else ""), label(b.severity),
                label(b.status), md(snap.org_label(b.owner_id) or gettext("no owner")), due, steps_text,
            ))
    else:
        lines.append(gettext("None."))
    lines.append("")

    lines += ["## " + gettext("Findings"), ""]
    if snap.findings is None:
        lines.append(gettext("The analysis was not run for this export."))
    elif not snap.findings:
        lines.append(gettext("None."))
    else:
        lines += [gettext("Worst first; within a severity, the kinds the analysis says to act on first lead."), ""]
        for f in by_priority(snap.findings):
            kind = f" ({md(kind_words(f.kind, f.kind_title))})" if f.kind else ""
            lines.append(f"- **{md(label(f.severity))}**{kind} {md(f.message)}")
    lines.append("")

    lines += ["## " + gettext("Organisations"), ""]
    owned = Counter(s.owner_id for s in snap.steps)
    people = Counter(m.organisation_id for m in snap.members)
    resolve = Counter(b.owner_id for b in open_blockers)
    lines.append(_row(gettext("Organisation"), gettext("Steps owned"), gettext("Members"), gettext("Open blockers to resolve")))
    lines.append(_row("---", "--:", "--:", "--:"))
    for o in snap.organisations.values():
        lines.append(_row(md(o.name), format_number(owned[o.id]), format_number(people[o.id]), format_number(resolve[o.id])))
    lines += ["", "---", "", f"**{snap.classification}**", ""]
    return "\n".join(lines)


def note_line(note: XNote) -> str:
    """A note as the briefing shows it: who, when, then the words on one line."""
    from servicecommunity.exchange.exports import long_date

    return gettext("*{author}, {date}:* {note}").format(
        author=md(note.author) or gettext("someone"), date=long_date(note.created_at.date()), note=md(note.body))


def by_priority(findings: list[Finding]) -> list[Finding]:
    """Findings worst first, then by their kind's priority (the analysis's order of what to act on),
    keeping the analysis's own order within a kind (blockers by how much they hold up)."""
    return sorted(findings, key=lambda f: (-SEVERITY_RANK.get(f.severity, 0), f.priority))


def export_markdown(job: Job) -> bytes:
    from servicecommunity.exchange.exports.comparisons import job_comparisons

    return briefing(job.snapshot, job_comparisons(job)).encode("utf-8")
