"""What-ifs: the journey with a step or an organisation removed, or a blocker resolved, compared with today."""

from __future__ import annotations

from servicecommunity.analysis.report import Report, WhatIf
from servicecommunity.analysis.snapshot import BlockerInfo, JourneyData
from servicecommunity.analysis.words import blocker_title, quote
from servicecommunity.domain.errors import NotFoundError
from servicecommunity.i18n import gettext


def apply_scenario(
    data: JourneyData,
    *,
    without_step: str | None = None,
    without_org: str | None = None,
    resolve_blocker: str | None = None,
    include_sensitive: bool = True,
) -> JourneyData:
    """The journey with a step removed, an organisation's steps removed, or an open blocker resolved.

    Ids only; :class:`NotFoundError` when the id is not in the journey (or, for a blocker, not an
    open blocker on it). The first and last stages stay those of the journey as it is. The scenario's
    words name a resolved OFFICIAL-SENSITIVE blocker as the report does: marked, or withheld when
    ``include_sensitive`` is false.
    """
    gone: set[str] = set()
    words = list(data.scenario)
    if without_step is not None:
        step = data.steps.get(without_step)
        if step is None:
            raise NotFoundError(gettext("The journey {journey} has no step with id {id!r}.").format(
                journey=quote(data.journey_name), id=without_step))
        gone.add(step.id)
        words.append(gettext("without the step {step}").format(step=quote(step.title)))
    organisations = dict(data.organisations)
    if without_org is not None:
        if without_org not in organisations:
            raise NotFoundError(gettext("No organisation with id {id!r} in this community.").format(id=without_org))
        words.append(gettext("without {organisation} (and the steps it owns)").format(organisation=data.org_label(without_org)))
        gone.update(s.id for s in data.steps.values() if s.owner_id == without_org)
        del organisations[without_org]
    blockers = list(data.blockers)
    if resolve_blocker is not None:
        match = [b for b in blockers if b.id == resolve_blocker]
        if not match:
            raise NotFoundError(gettext("No open blocker with id {id!r} on the journey {journey}.").format(
                id=resolve_blocker, journey=quote(data.journey_name)))
        title = blocker_title(match[0].title, match[0].sensitive, include_sensitive)
        if match[0].sensitive and not include_sensitive:
            words.append(gettext("with {title} resolved").format(title=title))
        else:
            words.append(gettext("with the blocker {title} resolved").format(title=title))
        blockers.remove(match[0])
    steps = {k: s for k, s in data.steps.items() if k not in gone}
    deps = tuple(d for d in data.dependencies if d.from_step_id in steps and d.to_step_id in steps)
    kept_deps = {d.id for d in deps}
    trimmed = []
    for b in blockers:
        step_ids = tuple(s for s in b.step_ids if s in steps)
        dep_ids = tuple(d for d in b.dependency_ids if d in kept_deps)
        if not step_ids and not dep_ids:
            continue  # it no longer touches the journey
        causes = tuple(o for o in b.blocking_organisation_ids if o != without_org)
        trimmed.append(BlockerInfo(
            id=b.id, title=b.title, severity=b.severity, status=b.status, owner_id=b.owner_id,
            raised_on=b.raised_on, due_on=b.due_on, last_activity=b.last_activity,
            step_ids=step_ids, dependency_ids=dep_ids, blocking_organisation_ids=causes, sensitive=b.sensitive,
        ))
    return JourneyData(
        journey_id=data.journey_id,
        journey_name=data.journey_name,
        community_id=data.community_id,
        stages=data.stages,
        steps=steps,
        dependencies=deps,
        organisations=organisations,
        data_items=data.data_items,
        blockers=tuple(trimmed),
        entry_stage_id=data.entry_stage_id,
        last_stage_id=data.last_stage_id,
        scenario=tuple(words),
    )


def compare(base: Report, scenario: Report) -> WhatIf:
    """The findings a scenario adds, removes and alters, matched by kind and subject."""
    before = {f.key: f for f in base.findings}
    after = {f.key: f for f in scenario.findings}
    added = [f for f in scenario.findings if f.key not in before]
    removed = [f for f in base.findings if f.key not in after]
    changed = []
    for f in base.findings:
        g = after.get(f.key)
        if g is not None and (f.message, f.severity, f.step_ids, f.organisation_ids) != (
            g.message, g.severity, g.step_ids, g.organisation_ids
        ):
            changed.append((f, g))
    return WhatIf(base, scenario, added, removed, changed)
