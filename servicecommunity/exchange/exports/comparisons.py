"""As-is against to-be, for the briefing (Markdown) and the web page (HTML).

A journey of the export that has a partner (its as-is, or a to-be copied from it:
:func:`servicecommunity.analysis.comparison.partner`) gets a section saying what changed between
the two, read in the export's own read transaction. Blockers the export leaves out (OFFICIAL-SENSITIVE
ones without ``include_sensitive``) are left out of it too. Without the analysis, there is none.
"""

from __future__ import annotations

import importlib
from dataclasses import replace
from html import escape
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from servicecommunity.analysis.comparison import Comparison
    from servicecommunity.exchange.exports import Job


def _comparison_module() -> Any:
    try:
        return importlib.import_module("servicecommunity.analysis.comparison")
    except ModuleNotFoundError as exc:
        if exc.name in ("servicecommunity.analysis", "servicecommunity.analysis.comparison"):
            return None
        raise


def job_comparisons(job: Job) -> list[Comparison]:
    """The as-is/to-be pairs among the export's journeys and their partners, each compared once."""
    module = _comparison_module()
    if module is None:
        return []
    snap = job.snapshot
    pairs = dict.fromkeys(p for j in snap.journeys if (p := module.partner(job.session, j.id)) is not None)
    out = []
    for before, after in pairs:
        c = module.load_comparison(job.session, before, after, today=snap.today,
                                   include_sensitive=job.include_sensitive)
        if snap.omitted_ids:
            c = replace(c, blockers_on_removed=tuple(b for b in c.blockers_on_removed
                                                     if b.blocker_id not in snap.omitted_ids))
        out.append(c)
    return out


def _figures(c: Comparison) -> list[tuple[str, str, str, str]]:
    """(figure, as-is, to-be, change) rows."""
    from servicecommunity.analysis.comparison import change_text, hours_text

    b, a = c.before, c.after

    def change(x: float | None, y: float | None, *, time: bool = False) -> str:
        text = change_text(x, y, time=time)
        return text[text.index("(") + 1:-1] if "(" in text else ""

    return [
        ("Steps", f"{b.steps:,}", f"{a.steps:,}", change(b.steps, a.steps)),
        ("Hand-offs", f"{b.handoffs:,}", f"{a.handoffs:,}", change(b.handoffs, a.handoffs)),
        ("Cross-organisation hand-offs", f"{b.cross_org_handoffs:,}", f"{a.cross_org_handoffs:,}",
         change(b.cross_org_handoffs, a.cross_org_handoffs)),
        ("Data items asked again", f"{len(b.data_asked_again):,}", f"{len(a.data_asked_again):,}",
         change(len(b.data_asked_again), len(a.data_asked_again))),
        ("End-to-end time", hours_text(b.end_to_end_hours), hours_text(a.end_to_end_hours),
         change(b.end_to_end_hours, a.end_to_end_hours, time=True)),
    ]


def _lists(c: Comparison) -> list[tuple[str, list[str]]]:
    b, a = c.before, c.after
    return [
        ("Steps added", [f"{s.title} ({s.owner})" for s in c.added]),
        ("Steps removed", [f"{s.title} ({s.owner})" for s in c.removed]),
        ("Steps moved to another owner", [f"{m.title}: {m.before_owner} → {m.after_owner}" for m in c.moved]),
        ("No longer asked again", [d for d in b.data_asked_again if d not in a.data_asked_again]),
        ("Newly asked again", [d for d in a.data_asked_again if d not in b.data_asked_again]),
        ("Open blockers on removed steps",
         [f"{x.title} ({x.severity}): {', '.join(x.step_titles)}" for x in c.blockers_on_removed]),
    ]


def markdown_lines(c: Comparison) -> list[str]:
    """The briefing's section for one pair."""
    from servicecommunity.exchange.exports.markdown import md

    lines = [f"## As-is and to-be: {md(c.before.name)} → {md(c.after.name)}", "",
             "Steps are matched by title; a matched step with another owner has moved.", "",
             "| Figure | As-is | To-be | Change |", "| --- | --: | --: | --- |"]
    lines += [f"| {md(f)} | {md(x)} | {md(y)} | {md(z)} |" for f, x, y, z in _figures(c)]
    lines.append("")
    if c.unchanged:
        lines += ["The two journeys have the same steps with the same owners.", ""]
    for heading, rows in _lists(c):
        if rows:
            lines += [f"**{heading}** ({len(rows):,})", "", *(f"- {md(r)}" for r in rows), ""]
    return lines


def html_section(c: Comparison, anchor: str) -> str:
    """The web page's section for one pair (``anchor``: its id)."""
    head = f"As-is and to-be: {c.before.name} → {c.after.name}"
    out = [f'<section id="{anchor}" aria-labelledby="{anchor}-h"><h2 id="{anchor}-h">{escape(head)}</h2>',
           "<p>Steps are matched by title; a matched step with another owner has moved.</p>",
           f"<table><caption>What changed from {escape(c.before.name)} to {escape(c.after.name)}</caption>",
           '<thead><tr><th scope="col">Figure</th><th scope="col">As-is</th><th scope="col">To-be</th>'
           '<th scope="col">Change</th></tr></thead><tbody>']
    out += [f'<tr><th scope="row">{escape(f)}</th><td>{escape(x)}</td><td>{escape(y)}</td><td>{escape(z)}</td></tr>'
            for f, x, y, z in _figures(c)]
    out.append("</tbody></table>")
    if c.unchanged:
        out.append("<p>The two journeys have the same steps with the same owners.</p>")
    for heading, rows in _lists(c):
        if rows:
            out.append(f"<h3>{escape(heading)} ({len(rows):,})</h3><ul>"
                       + "".join(f"<li>{escape(r)}</li>" for r in rows) + "</ul>")
    out.append("</section>")
    return "".join(out)


__all__ = ["html_section", "job_comparisons", "markdown_lines"]
