"""Structure: steps no route reaches, dead ends, rework loops, stages with no steps."""

from __future__ import annotations

from servicecommunity.analysis.findings.context import Run
from servicecommunity.analysis.words import names, plural, quote


def structure(run: Run) -> None:
    data, index, cond = run.data, run.index, run.cond
    entries = run.entries
    reached = run.reached
    entry_name = run.stage_name.get(data.entry_stage_id or "", "the first stage")
    for i, step in enumerate(run.steps):
        if reached >> i & 1:
            continue
        if not entries:
            why = f"the first stage, {quote(entry_name)}, has no steps left"
        elif not index.pred[i]:
            why = "no dependency leads to it"
        else:
            why = "the steps that lead to it cannot be reached either"
        owner = (step.owner_id,) if step.owner_id else ()
        run.add(
            "structure.unreachable", "high",
            f"No route from the start of the journey reaches {run.where(i)}: {why}.",
            step.id, step_ids=(step.id,), organisation_ids=owner,
            action="Draw the dependency that leads the user to this step, or take the step out of the journey.",
            actor_ids=owner,
        )
    for i, step in enumerate(run.steps):
        if not index.succ[i] and step.stage_id != data.last_stage_id:
            owner = (step.owner_id,) if step.owner_id else ()
            run.add(
                "structure.dead_end", "high",
                f"The journey stops at {run.where(i)}: nothing follows it, yet it is not in the last stage.",
                step.id, step_ids=(step.id,), organisation_ids=owner,
                action="Say where the user goes next: draw the dependency from this step.",
                actor_ids=owner,
            )
    for c in cond.loops:
        members = cond.members[c]
        orgs = sorted({o for o in (run.owner[i] for i in members) if o is not None}, key=run.org)
        across = f", across {names([run.org(o) for o in orgs])}" if len(orgs) > 1 else ""
        if len(members) == 1:
            text = f"{run.where(members[0])} leads back to itself, so a user can be sent round it again"
        else:
            text = (f"{plural(len(members), 'step')} ({names([run.title(i) for i in members])}) "
                    f"each lead back to the others{across}, so a user can be sent round them again")
        run.add(
            "structure.cycle", "medium",
            f"Rework loop: {text}.",
            index.ids[members[0]], step_ids=run.step_ids(members),
            dependency_ids=run.dep_ids(cond.inner_deps.get(c, ())),
            organisation_ids=tuple(orgs), data={"steps": len(members)},
            action="Find out why users are sent round again and what would get it right first time.",
            actor_ids=tuple(orgs),
        )
    used = {s.stage_id for s in run.steps}
    for stage in data.stages:
        if stage.id not in used:
            run.add("structure.empty_stage", "low", f"The stage {quote(stage.name)} has no steps.", stage.id,
                    data={"stage_id": stage.id}, action="Add the stage's steps, or remove the stage.")
