"""Ownership: steps nobody owns, owners with nobody in the community, organisations that own nothing here."""

from __future__ import annotations

from collections import defaultdict

from servicecommunity.analysis.findings.context import Run
from servicecommunity.analysis.words import names, steps_text
from servicecommunity.i18n import gettext


def ownership(run: Run) -> None:
    data = run.data
    owned: dict[str, list[int]] = defaultdict(list)
    supported: dict[str, int] = defaultdict(int)
    for i, step in enumerate(run.steps):
        for org_id in step.supporter_ids:
            supported[org_id] += 1
        if step.owner_id is None:
            near = run.neighbours_owners(i)
            stage = run.stage_name.get(step.stage_id)
            run.add(
                "ownership.no_owner", "high",
                gettext("No organisation owns {step} ({stage}): nobody is answerable for it.").format(
                    step=run.title(i), stage=gettext("no stage") if stage is None else stage),
                step.id, step_ids=(step.id,),
                action=gettext("Agree an owner for this step with {organisations}, who own the steps around it.").format(
                    organisations=names([run.org(o) for o in near])) if near else gettext("Agree an owner for this step."),
                actor_ids=near,
            )
        else:
            owned[step.owner_id].append(i)
    for org_id, indices in sorted(owned.items(), key=lambda kv: (-len(kv[1]), kv[1][0])):
        org = data.organisations.get(org_id)
        if org is not None and org.members > 0:
            continue
        who = org.label if org else run.org(org_id)
        run.add(
            "ownership.nobody_at_table", "high",
            gettext("Nobody from {organisation} is in the community, yet it owns {steps} here: {titles}.").format(
                organisation=who, steps=steps_text(len(indices)), titles=names([run.title(i) for i in indices])),
            org_id, step_ids=run.step_ids(indices), organisation_ids=(org_id,), data={"steps": len(indices)},
            action=gettext("Invite {organisation} to the community.").format(organisation=org.name if org else who),
        )
    for org in data.organisations.values():
        if org.id in owned:
            continue
        n = supported.get(org.id, 0)
        text = gettext("{organisation} is in the community but owns no step in this journey.").format(organisation=org.label)
        if n:
            text += " " + gettext("It supports {steps}.").format(steps=steps_text(n))
        run.add(
            "ownership.isolated_org", "low", text,
            org.id, organisation_ids=(org.id,), data={"supports": n},
            action=gettext("Check with {organisation} whether it has a step of its own in this journey.").format(
                organisation=org.label),
            actor_ids=(org.id,),
        )
