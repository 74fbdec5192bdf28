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

from servicecommunity.i18n import format_number, gettext

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
    from servicecommunity.analysis.comparison import difference_text, hours_text

    b, a = c.before, c.after

    def change(x: float | None, y: float | None, *, time: bool = False) -> str:
        return difference_text(x, y, time=time)

    num = format_number
    return [
        (gettext("Steps"), num(b.steps), num(a.steps), change(b.steps, a.steps)),
        (gettext("Hand-offs"), num(b.handoffs), num(a.handoffs), change(b.handoffs, a.handoffs)),
        (gettext("Cross-organisation hand-offs"), num(b.cross_org_handoffs), num(a.cross_org_handoffs),
         change(b.cross_org_handoffs, a.cross_org_handoffs)),
        (gettext("Data items asked again"), num(len(b.data_asked_again)), num(len(a.data_asked_again)),
         change(len(b.data_asked_again), len(a.data_asked_again))),
        (gettext("End-to-end time"), hours_text(b.end_to_end_hours), hours_text(a.end_to_end_hours),
         change(b.end_to_end_hours, a.end_to_end_hours, time=True)),
    ]


def _lists(c: Comparison) -> list[tuple[str, list[str]]]:
    from servicecommunity.analysis.findings.blockers import severity_word
    from servicecommunity.i18n import format_list

    b, a = c.before, c.after
    owned = gettext("{step} ({owner})")
    moved = gettext("{step}: {before} → {after}")
    on_steps = gettext("{blocker} ({severity}): {steps}")
    return [
        (gettext("Steps added"), [owned.format(step=s.title, owner=s.owner) for s in c.added]),
        (gettext("Steps removed"), [owned.format(step=s.title, owner=s.owner) for s in c.removed]),
        (gettext("Steps moved to another owner"),
         [moved.format(step=m.title, before=m.before_owner, after=m.after_owner) for m in c.moved]),
        (gettext("No longer asked again"), [d for d in b.data_asked_again if d not in a.data_asked_again]),
        (gettext("Newly asked again"), [d for d in a.data_asked_again if d not in b.data_asked_again]),
        (gettext("Open blockers on removed steps"),
         [on_steps.format(blocker=x.title, severity=severity_word(x.severity), steps=format_list(x.step_titles))
          for x in c.blockers_on_removed]),
    ]


def markdown_lines(c: Comparison) -> list[str]:
    """The briefing's section for one pair."""
    from servicecommunity.exchange.exports.markdown import md

    head = gettext("As-is and to-be: {before} → {after}").format(before=md(c.before.name), after=md(c.after.name))
    lines = [f"## {head}", "",
             gettext("Steps are matched by title; a matched step with another owner has moved."), "",
             "| " + " | ".join((gettext("Figure"), gettext("As-is"), gettext("To-be"), gettext("Change"))) + " |",
             "| --- | --: | --: | --- |"]
    lines += [f"| {md(f)} | {md(x)} | {md(y)} | {md(z)} |" for f, x, y, z in _figures(c)]
    lines.append("")
    if c.unchanged:
        lines += [gettext("The two journeys have the same steps with the same owners."), ""]
    for heading, rows in _lists(c):
        if rows:
            lines += [f"**{heading}** ({format_number(len(rows))})", "", *(f"- {md(r)}" for r in rows), ""]
    return lines


def html_section(c: Comparison, anchor: str) -> str:
    """The web page's section for one pair (``anchor``: its id)."""
    head = gettext("As-is and to-be: {before} → {after}").format(before=c.before.name, after=c.after.name)
    caption = gettext("What changed from {before} to {after}").format(before=c.before.name, after=c.after.name)
    out = [f'<section id="{anchor}" aria-labelledby="{anchor}-h"><h2 id="{anchor}-h">{escape(head)}</h2>',
           "<p>" + escape(gettext("Steps are matched by title; a matched step with another owner has moved.")) + "</p>",
           f"<table><caption>{escape(caption)}</caption><thead><tr>",
           *(f'<th scope="col">{escape(h)}</th>' for h in (gettext("Figure"), gettext("As-is"), gettext("To-be"),
                                                          gettext("Change"))),
           "</tr></thead><tbody>"]
    out += [f'<tr><th scope="row">{escape(f)}</th><td>{escape(x)}</td><td>{escape(y)}</td><td>{escape(z)}</td></tr>'
            for f, x, y, z in _figures(c)]
    out.append("</tbody></table>")
    if c.unchanged:
        out.append("<p>" + escape(gettext("The two journeys have the same steps with the same owners.")) + "</p>")
    for heading, rows in _lists(c):
        if rows:
            out.append(f"<h3>{escape(heading)} ({format_number(len(rows))})</h3><ul>"
                       + "".join(f"<li>{escape(r)}</li>" for r in rows) + "</ul>")
    out.append("</section>")
    return "".join(out)


__all__ = ["html_section", "job_comparisons", "markdown_lines"]
