"""Ownership: steps nobody owns, owners with nobody in the community, organisations that own nothing here."""

from __future__ import annotations

from collections import defaultdict

from servicecommunity.analysis.findings.context import Run
from servicecommunity.analysis.words import names, plural


def ownership(run: Run) -> None:
    data = run.data
    owned: dict[str, list[int]] = defaultdict(list)
    supported: dict[str, int] = defaultdict(int)
    for i, step in enumerate(run.steps):
        for org_id in step.supporter_ids:
            supported[org_id] += 1
        if step.owner_id is None:
            near = run.neighbours_owners(i)
            run.add(
                "ownership.no_owner", "high",
                f"No organisation owns {run.title(i)} ({run.stage_name.get(step.stage_id, 'no stage')}): "
                "nobody is answerable for it.",
                step.id, step_ids=(step.id,),
                action="Agree an owner for this step"
                + (f" with {names([run.org(o) for o in near])}, who own the steps around it." if near else "."),
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
            f"Nobody from {who} is in the community, yet it owns {plural(len(indices), 'step')} here: "
            f"{names([run.title(i) for i in indices])}.",
            org_id, step_ids=run.step_ids(indices), organisation_ids=(org_id,), data={"steps": len(indices)},
            action=f"Invite {org.name if org else who} to the community.",
        )
    for org in data.organisations.values():
        if org.id in owned:
            continue
        n = supported.get(org.id, 0)
        helps = f" It supports {plural(n, 'step')}." if n else ""
        run.add(
            "ownership.isolated_org", "low",
            f"{org.label} is in the community but owns no step in this journey.{helps}",
            org.id, organisation_ids=(org.id,), data={"supports": n},
            action=f"Check with {org.label} whether it has a step of its own in this journey.",
            actor_ids=(org.id,),
        )
