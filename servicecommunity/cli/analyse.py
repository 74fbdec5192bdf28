"""The ``analyse`` command: gaps, hand-offs, single points of failure and blockers, and what-ifs.

``servicecommunity analyse`` analyses every journey (or the one ``--journey`` names) and prints the
findings grouped by kind, counts first. ``--without-step``, ``--without-org`` and ``--resolve``
compare the journey as it is with a what-if (they may be combined). ``--json`` prints a list with
one report (or one what-if) per journey, on one line: see
:func:`servicecommunity.analysis.report.report_json` (format 2: ids written once and referred to by
place; the sentences of the findings the text would show, ``--limit 0`` for every one).

The analysis (networkx), SQLAlchemy and the model are imported where they are used, so the other
commands and ``--help`` never load them.
"""

from __future__ import annotations

import argparse
import json
from datetime import date
from typing import TYPE_CHECKING, Any

from servicecommunity.cli.core import open_workspace
from servicecommunity.domain.enums import OPEN_STATUSES
from servicecommunity.domain.errors import NotFoundError, ValidationError
from servicecommunity.i18n import gettext, ngettext, pgettext

if TYPE_CHECKING:
    from sqlmodel import Session

    from servicecommunity import analysis
    from servicecommunity.analysis.graphs import JourneyData

DEFAULT_LIMIT = 5
RULE = "─" * 78


def _cols(model: Any) -> Any:
    return model.__table__.c


def _journeys(session: Session, args: argparse.Namespace) -> list[tuple[str, str]]:
    """``(id, name)`` of the journeys to analyse, in name order."""
    from sqlalchemy import select

    from servicecommunity.domain.models import Journey
    from servicecommunity.exchange import bundle

    if args.journey:
        journey = bundle.journey_by_name(session, args.journey)
        return [(journey.id, journey.name)]
    j = _cols(Journey)
    rows = session.connection().execute(select(j.id, j.name).order_by(j.name, j.id)).all()
    if not rows:
        raise NotFoundError(gettext("The workspace has no journeys yet; create one or run 'servicecommunity demo'."))
    return [(r[0], r[1]) for r in rows]


def _find_step(session: Session, name: str, journey_ids: list[str]) -> tuple[str, str]:
    """``(step id, journey id)`` of the step with this id or title (case-insensitive)."""
    from sqlalchemy import func, or_, select

    from servicecommunity.domain.models import Step

    st = _cols(Step)
    rows = session.connection().execute(
        select(st.id, st.title, st.journey_id).where(
            st.journey_id.in_(journey_ids), or_(st.id == name, func.lower(st.title) == name.casefold())
        )
    ).all()
    exact = [r for r in rows if r[0] == name]
    rows = exact or rows
    if not rows:
        raise NotFoundError(gettext("No step called {name!r} in the journeys analysed; give its title or id.").format(
            name=name))
    if len(rows) > 1:
        raise ValidationError(
            ngettext("{n} step is called {name!r}; give one of their ids: {ids}.",
                     "{n} steps are called {name!r}; give one of their ids: {ids}.", len(rows)).format(
                n=len(rows), name=name, ids=", ".join(r[0] for r in rows))
        )
    return rows[0][0], rows[0][2]


def _find_blocker(session: Session, name: str) -> tuple[str, str]:
    """``(id, status)`` of a blocker by id, id prefix (6 characters or more) or title (case-insensitive)."""
    from sqlalchemy import func, or_, select

    from servicecommunity.domain.models import Blocker

    bk = _cols(Blocker)
    by_id = bk.id.startswith(name) if len(name) >= 6 else bk.id == name
    rows = session.connection().execute(
        select(bk.id, bk.status).where(or_(by_id, func.lower(bk.title) == name.casefold()))
    ).all()
    exact = [r for r in rows if r[0] == name]
    rows = exact or rows
    if not rows:
        raise NotFoundError(gettext("No blocker called {name!r}; give its title or id ('servicecommunity blockers' "
                                    "lists them).").format(name=name))
    if len(rows) > 1:
        raise ValidationError(
            ngettext("{n} blocker matches {name!r}; give one of their ids: {ids}.",
                     "{n} blockers match {name!r}; give one of their ids: {ids}.", len(rows)).format(
                n=len(rows), name=name, ids=", ".join(r[0] for r in rows[:10]))
        )
    return rows[0][0], rows[0][1]


def _blocker_journeys(session: Session, blocker_id: str) -> set[str]:
    from sqlalchemy import select

    from servicecommunity.domain.models import BlockerDependency, BlockerStep, Dependency, Step

    st, dp, bs, bd = _cols(Step), _cols(Dependency), _cols(BlockerStep), _cols(BlockerDependency)
    conn = session.connection()
    on_steps = conn.execute(
        select(st.journey_id).join(BlockerStep.__table__, bs.step_id == st.id).where(bs.blocker_id == blocker_id)  # type: ignore[attr-defined]
    ).scalars()
    on_deps = conn.execute(
        select(dp.journey_id)
        .join(BlockerDependency.__table__, bd.dependency_id == dp.id)  # type: ignore[attr-defined]
        .where(bd.blocker_id == blocker_id)
    ).scalars()
    return set(on_steps) | set(on_deps)


def cmd_analyse(args: argparse.Namespace) -> int:
    from servicecommunity import analysis
    from servicecommunity.analysis.graphs import load_journey
    from servicecommunity.services import queries

    today = args.today or date.today()
    what_if = bool(args.without_step or args.without_org or args.resolve)
    results: list[tuple[JourneyData, analysis.Report | analysis.WhatIf]] = []
    with open_workspace(args) as store, store.session() as session:
        journeys = _journeys(session, args)
        ids = [j for j, _ in journeys]
        step_id = org_id = blocker_id = None
        if args.without_step:
            step_id, journey_id = _find_step(session, args.without_step, ids)
            journeys = [j for j in journeys if j[0] == journey_id]
        if args.without_org:
            org_id = queries.find_organisation(session, args.without_org).id
        if args.resolve:
            blocker_id, status = _find_blocker(session, args.resolve)
            touched = _blocker_journeys(session, blocker_id)
            journeys = [j for j in journeys if j[0] in touched]
            if not journeys:
                raise NotFoundError(gettext("The blocker {name!r} is on none of the journeys analysed.").format(
                    name=args.resolve))
            if status not in OPEN_STATUSES:
                raise ValidationError(gettext("The blocker {name!r} is already {status}; pick an open one.").format(
                    name=args.resolve, status=_value(status)))
        for journey_id, _name in journeys:
            data = load_journey(session, journey_id)
            result: analysis.Report | analysis.WhatIf
            if what_if:
                result = analysis.what_if_data(
                    data, today=today, without_step=step_id, without_org=org_id, resolve_blocker=blocker_id,
                    include_sensitive=args.include_sensitive,
                )
            else:
                result = analysis.analyse_data(data, today=today, include_sensitive=args.include_sensitive)
            results.append((data, result))
    if args.json:
        # One line, no spaces: a 5,000-step journey's report is several megabytes (jq or
        # "python -m json.tool" indent it). --limit says whose sentences are written, as in the text.
        messages = args.limit or None
        print(json.dumps([r.to_json(messages) for _, r in results], ensure_ascii=False, separators=(",", ":")))
        return 0
    for n, (data, result) in enumerate(results):
        if n:
            print()
        if isinstance(result, analysis.WhatIf):
            _print_what_if(data, result, args.limit)
        else:
            _print_report(data, result, args.limit)
    if not args.include_sensitive and any(b.sensitive for data, _ in results for b in data.blockers):
        print()
        print(gettext("The titles of OFFICIAL-SENSITIVE blockers are withheld; --include-sensitive shows them, marked."))
    return 0


# --- text output -------------------------------------------------------------------------------------


def _value(value: str) -> str:
    """A stored value (a severity, a status) in the current language, lower case: ``high``, ``uchel``."""
    from servicecommunity.domain.enums import label

    return gettext(label(value)).lower()


def _tag(severity: str) -> str:
    return f"[{_value(severity).upper():<8}]"


def _more(n: int) -> str:
    from servicecommunity.i18n import format_number

    return ngettext("... and {n} more (--limit 0 shows them all, --json gives ids)",
                    "... and {n} more (--limit 0 shows them all, --json gives ids)", n).format(n=format_number(n))


def _print_findings(findings: list[analysis.Finding], limit: int, indent: str = "  ") -> None:
    shown = findings if limit <= 0 else findings[:limit]
    for f in shown:
        print(f"{indent}{_tag(f.severity)} {f.message}")
    if len(shown) < len(findings):
        print(f"{indent}{_more(len(findings) - len(shown))}")


def _counts(s: dict[str, int]) -> str:
    from servicecommunity.analysis import words

    return gettext("{steps}, {dependencies}, {organisations}, {open_blockers}").format(
        steps=words.steps_text(s["steps"]), dependencies=words.dependencies_text(s["dependencies"]),
        organisations=words.organisations_text(s["organisations"]),
        open_blockers=words.open_blockers_text(s["open_blockers"]))


def _heading(data: JourneyData, report: analysis.Report) -> str:
    from servicecommunity.i18n import format_date

    return gettext("{journey}: {counts} (as of {date})").format(
        journey=data.journey_name, counts=_counts(report.stats), date=format_date(report.today))


def _kind(kind: str) -> str:
    """A kind of finding in the table: its title in the current language, or its code in English."""
    from servicecommunity.analysis import kind_title
    from servicecommunity.i18n import get_language

    return kind if get_language() == "en" else kind_title(kind)


def _print_report(data: JourneyData, report: analysis.Report, limit: int) -> None:
    from servicecommunity import analysis
    from servicecommunity.i18n import format_number as num

    print(_heading(data, report))
    print(RULE)
    width = max(len(_kind(k)) for k in analysis.KINDS)
    heads = gettext("Findings by kind"), gettext("count"), gettext("worst")
    print(f"  {heads[0]:<{width}}  {heads[1]:>7}  {heads[2]}")
    for kind in analysis.KINDS:
        n = report.counts[kind]
        worst = report.worst(kind)
        print(f"  {_kind(kind):<{width}}  {num(n) if n else '-':>7}  {_value(worst) if worst else ''}")
    print("  " + ngettext("{n} finding in all.", "{n} findings in all.", report.stats["findings"]).format(
        n=num(report.stats["findings"])))
    first = analysis.act_first(report)
    if first:
        print()
        print(gettext("Act on these first:"))
        for n, f in enumerate(first, 1):
            print(f"  {n:>2}. {_tag(f.severity)} {f.message}")
            if f.action:
                print("      " + gettext("Next: {action}").format(action=f.action))
    for group in report.groups():  # the most urgent kind first
        kind = group["kind"]
        found = report.by_kind(kind)
        print()
        if _kind(kind) == kind:  # English: the kind's code too, as --json names it
            print(gettext("{title} ({kind}): {n}").format(title=group["title"], kind=kind, n=num(len(found))))
        else:
            print(gettext("{title}: {n}").format(title=group["title"], n=num(len(found))))
        _print_findings(found, limit)
    if report.handoffs_by_pair:
        print()
        print(ngettext("Hand-offs between organisations: {n} dependency crosses organisations",
                       "Hand-offs between organisations: {n} dependencies cross organisations",
                       report.handoff_count).format(n=num(report.handoff_count)))
        pairs = report.handoffs_by_pair if limit <= 0 else report.handoffs_by_pair[: max(limit, 10)]
        for p in pairs:
            pair = f"{data.org_label(p.from_organisation_id)} → {data.org_label(p.to_organisation_id)}"
            extra = "  " + gettext("({n} not agreed)").format(n=num(p.unagreed)) if p.unagreed else ""
            print(f"  {pair:<40} {num(p.count):>6}{extra}")
        if len(pairs) < len(report.handoffs_by_pair):
            rest = len(report.handoffs_by_pair) - len(pairs)
            print("  " + ngettext("... and {n} more pair", "... and {n} more pairs", rest).format(n=num(rest)))
    if report.blocker_ranking:
        print()
        print(gettext("Open blockers ranked by the steps they hold up (then severity, then the oldest first);"))
        print(gettext("users/month: the users at the blocked steps"))
        cols = (gettext("rank"), gettext("steps"), gettext("severity"), gettext("orgs"), gettext("users/month"),
                gettext("blocker"))
        w = [max(width, len(col)) for width, col in zip((5, 6, 8, 4, 11), cols, strict=False)]
        print(f"  {cols[0]:>{w[0]}}  {cols[1]:>{w[1]}}  {cols[2]:<{w[2]}}  {cols[3]:>{w[3]}}  {cols[4]:>{w[4]}}  {cols[5]}")
        ranking = report.blocker_ranking if limit <= 0 else report.blocker_ranking[: max(limit, 10)]
        stale_word = "  " + gettext("(stale)")
        for n, b in enumerate(ranking, 1):
            users = num(b.monthly_users) if b.monthly_users is not None else "-"
            stale = stale_word if b.stale else ""
            print(f"  {num(n):>{w[0]}}  {num(b.steps_reached):>{w[1]}}  {_value(b.severity):<{w[2]}}  "
                  f"{len(b.organisation_ids):>{w[3]}}  {users:>{w[4]}}  {b.title}{stale}")
        if len(ranking) < len(report.blocker_ranking):
            rest = len(report.blocker_ranking) - len(ranking)
            print("  " + ngettext("... and {n} more", "... and {n} more", rest).format(n=num(rest)))
    total = report.timings.get("total", 0.0)
    print()
    print(gettext("Analysed in {ms} ms.").format(ms=num(round(total * 1000))))


def _print_what_if(data: JourneyData, result: analysis.WhatIf, limit: int) -> None:
    from servicecommunity import analysis
    from servicecommunity.i18n import format_number as num

    base, scenario = result.base, result.scenario
    print(gettext("What if: {scenario}").format(scenario="; ".join(scenario.scenario)))
    print(_heading(data, base))
    s = scenario.stats
    print(gettext("In the what-if: {counts}").format(counts=_counts(s)))
    print(RULE)
    width = max(len(_kind(k)) for k in analysis.KINDS)
    changes = result.count_changes
    heads = gettext("Findings by kind"), gettext("today"), gettext("what if"), gettext("change")
    print(f"  {heads[0]:<{width}}  {heads[1]:>7}  {heads[2]:>7}  {heads[3]}")
    for kind in analysis.KINDS:
        a, b = base.counts[kind], scenario.counts[kind]
        delta = ("+" if b > a else "-" if b < a else "") + num(abs(b - a)) if kind in changes else ""
        print(f"  {_kind(kind):<{width}}  {num(a) if a else '-':>7}  {num(b) if b else '-':>7}  {delta}")
    if not (result.added or result.removed or result.changed):
        print()
        print(gettext("No finding changes."))
    for heading, found in ((gettext("New findings: {n}"), result.added),
                           (gettext("Findings that go away: {n}"), result.removed)):
        if found:
            print()
            print(heading.format(n=num(len(found))))
            _print_findings(found, limit if limit <= 0 else max(limit, 10))
    if result.changed:
        print()
        print(gettext("Findings that change: {n}").format(n=num(len(result.changed))))
        shown = result.changed if limit <= 0 else result.changed[: max(limit, 10)]
        before_word, after_word = gettext("before"), gettext("after")
        width = max(len(before_word), len(after_word))
        for before, after in shown:
            print(f"  {before_word:<{width}} {_tag(before.severity)} {before.message}")
            print(f"  {after_word:<{width}} {_tag(after.severity)} {after.message}")
        if len(shown) < len(result.changed):
            rest = len(result.changed) - len(shown)
            print("  " + ngettext("... and {n} more", "... and {n} more", rest).format(n=num(rest)))
    a_path, b_path = base.critical_path, scenario.critical_path
    if a_path or b_path:
        print()
        if a_path and b_path:
            text = gettext("Critical path: about {today} today; about {then} in the what-if.")
        elif a_path:
            text = gettext("Critical path: about {today} today; none in the what-if.")
        else:
            text = gettext("Critical path: none today; about {then} in the what-if.")
        print(text.format(today=analysis.duration_text(a_path.total_hours) if a_path else "",
                          then=analysis.duration_text(b_path.total_hours) if b_path else ""))


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(gettext("{text!r} is not a date like 2025-07-01").format(text=text)) from None


def _limit(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(gettext("{text!r} is not a whole number").format(text=text)) from None
    if value < 0:
        raise argparse.ArgumentTypeError(gettext("the limit cannot be negative"))
    return value


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "analyse",
        aliases=["analyze"],
        parents=[common],
        help=gettext("find gaps, hand-offs, single points of failure and blocker impact in the journeys"),
        description=gettext("Analyse the journeys (or one): ownership and assisted digital gaps, structure, hand-offs "
            "between organisations, tell us once, single points of failure, the critical path and the "
            "reach of open blockers. --without-step, --without-org and --resolve show what would change."),
    )
    p.add_argument("--journey", metavar=pgettext("metavar", "NAME"), help=gettext("only this journey (name or id); default every journey"))
    p.add_argument("--without-step", metavar=pgettext("metavar", "STEP"), help=gettext("what if this step (title or id) were gone"))
    p.add_argument("--without-org", metavar=pgettext("metavar", "ORG"), help=gettext("what if this organisation (short name, name or id) and its steps were gone"))
    p.add_argument("--resolve", metavar=pgettext("metavar", "BLOCKER"), help=gettext("what if this open blocker (title or id) were resolved"))
    p.add_argument("--today", type=_date, metavar="YYYY-MM-DD", help=gettext("the day to judge due dates and staleness by (default today)"))
    p.add_argument("--include-sensitive", action="store_true",
                   help=gettext("show the titles of OFFICIAL-SENSITIVE blockers, marked (default: withheld)"))
    p.add_argument("--limit", type=_limit, default=DEFAULT_LIMIT, metavar=pgettext("metavar", "N"),
                   help=gettext("findings shown per kind (default {n}; 0 shows all); with --json, the findings "
                                "whose sentences are written (every finding is there with its figures and ids)").format(
                       n=DEFAULT_LIMIT))
    p.set_defaults(func=cmd_analyse)
