"""Structure: steps no route reaches, dead ends, rework loops, stages with no steps."""

from __future__ import annotations

from servicecommunity.analysis.findings.context import Run
from servicecommunity.analysis.words import names, quote, steps_text
from servicecommunity.i18n import gettext


def structure(run: Run) -> None:
    data, index, cond = run.data, run.index, run.cond
    entries = run.entries
    reached = run.reached
    entry_name = run.stage_name.get(data.entry_stage_id or "")
    for i, step in enumerate(run.steps):
        if reached >> i & 1:
            continue
        if not entries:
            text = (gettext("No route from the start of the journey reaches {step}: the first stage, {stage}, "
                            "has no steps left.").format(step=run.where(i), stage=quote(entry_name))
                    if entry_name is not None else
                    gettext("No route from the start of the journey reaches {step}: the first stage has no steps left.")
                    .format(step=run.where(i)))
        elif not index.pred[i]:
            text = gettext("No route from the start of the journey reaches {step}: no dependency leads to it.").format(
                step=run.where(i))
        else:
            text = gettext("No route from the start of the journey reaches {step}: the steps that lead to it "
                           "cannot be reached either.").format(step=run.where(i))
        owner = (step.owner_id,) if step.owner_id else ()
        run.add(
            "structure.unreachable", "high", text,
            step.id, step_ids=(step.id,), organisation_ids=owner,
            action=gettext("Draw the dependency that leads the user to this step, or take the step out of the journey."),
            actor_ids=owner,
        )
    for i, step in enumerate(run.steps):
        if not index.succ[i] and step.stage_id != data.last_stage_id:
            owner = (step.owner_id,) if step.owner_id else ()
            run.add(
                "structure.dead_end", "high",
                gettext("The journey stops at {step}: nothing follows it, yet it is not in the last stage.").format(
                    step=run.where(i)),
                step.id, step_ids=(step.id,), organisation_ids=owner,
                action=gettext("Say where the user goes next: draw the dependency from this step."),
                actor_ids=owner,
            )
    for c in cond.loops:
        members = cond.members[c]
        orgs = sorted({o for o in (run.owner[i] for i in members) if o is not None}, key=run.org)
        if len(members) == 1:
            text = gettext("Rework loop: {step} leads back to itself, so a user can be sent round it again.").format(
                step=run.where(members[0]))
        elif len(orgs) > 1:
            text = gettext("Rework loop: {steps} ({titles}) each lead back to the others, across {organisations}, "
                           "so a user can be sent round them again.").format(
                steps=steps_text(len(members)), titles=names([run.title(i) for i in members]),
                organisations=names([run.org(o) for o in orgs]))
        else:
            text = gettext("Rework loop: {steps} ({titles}) each lead back to the others, "
                           "so a user can be sent round them again.").format(
                steps=steps_text(len(members)), titles=names([run.title(i) for i in members]))
        run.add(
            "structure.cycle", "medium", text,
            index.ids[members[0]], step_ids=run.step_ids(members),
            dependency_ids=run.dep_ids(cond.inner_deps.get(c, ())),
            organisation_ids=tuple(orgs), data={"steps": len(members)},
            action=gettext("Find out why users are sent round again and what would get it right first time."),
            actor_ids=tuple(orgs),
        )
    used = {s.stage_id for s in run.steps}
    for stage in data.stages:
        if stage.id not in used:
            run.add("structure.empty_stage", "low",
                    gettext("The stage {stage} has no steps.").format(stage=quote(stage.name)), stage.id,
                    data={"stage_id": stage.id}, action=gettext("Add the stage's steps, or remove the stage."))
