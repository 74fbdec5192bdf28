"""Tell us once: data a user is asked for again by another organisation, on one route."""

from __future__ import annotations

from collections import defaultdict

from servicecommunity.analysis.findings.context import Run, bit_positions
from servicecommunity.analysis.words import names, organisations_text, steps_text
from servicecommunity.i18n import gettext

ROUTES_MAX = 16  # routes kept per data item when alternatives split its asks (the ones with most asks)


def _routes(run: Run, mask: int) -> list[int]:
    """The steps of ``mask`` split by alternatives: each set can all be met by one user."""
    routes = [mask]
    for _step, regions, union in run.options:
        if (mask & union).bit_count() < 2:
            continue  # at most one ask beyond this choice: it splits nothing
        split: list[int] = []
        for route in routes:
            inside = route & union
            if inside.bit_count() < 2:
                split.append(route)
                continue
            hits = [route & r for r in regions if inside & r]
            if len(hits) < 2:
                split.append(route)
                continue
            common = route & ~union
            split.extend(common | h for h in hits)
        routes = list(dict.fromkeys(split))
        if len(routes) > ROUTES_MAX:
            routes = sorted(routes, key=lambda r: -r.bit_count())[:ROUTES_MAX]
    return routes


def tell_us_once(run: Run) -> None:
    """Data asked for at steps of different organisations, counted on the route that asks most."""
    asked: dict[str, list[int]] = defaultdict(list)
    for i, step in enumerate(run.steps):
        for item in step.data_item_ids:
            asked[item].append(i)
    repeats = []
    for item, all_indices in asked.items():
        indices = all_indices
        orgs = list(dict.fromkeys(o for o in (run.owner[i] for i in indices) if o is not None))
        if len(orgs) < 2:
            continue
        routes = 1
        if run.options:
            mask = 0
            for i in indices:
                mask |= 1 << i
            split = _routes(run, mask)
            if len(split) > 1:
                routes = len(split)
                by_org: dict[str, int] = defaultdict(int)  # each organisation's asks, as a bitset
                for i in indices:
                    o = run.owner[i]
                    if o is not None:
                        by_org[o] |= 1 << i
                masks = list(by_org.values())

                def weight(route: int, masks: list[int] = masks) -> tuple[int, int]:
                    return (sum(1 for m in masks if route & m), route.bit_count())

                best = max(split, key=weight)
                indices = sorted(bit_positions(best))
                orgs = list(dict.fromkeys(o for o in (run.owner[i] for i in indices) if o is not None))
                if len(orgs) < 2:
                    continue
        repeats.append((item, indices, orgs, routes))
    repeats.sort(key=lambda r: (-len(r[2]), -len(r[1]), r[1][0], r[0]))  # most organisations first
    at = gettext("{step} ({organisation})")
    for item, indices, orgs, routes in repeats:
        first = indices[0]
        name = run.data.data_items.get(item)
        if name is None:
            name = gettext("the same information")
        later = [at.format(step=run.title(i), organisation=run.org(run.owner[i])) for i in indices[1:]]
        sentence = (gettext("The user is asked for {data} at {steps} by {organisations} along one route.") if routes > 1
                    else gettext("The user is asked for {data} at {steps} by {organisations}."))
        text = sentence.format(data=name, steps=steps_text(len(indices)), organisations=organisations_text(len(orgs)))
        text += " " + gettext("{step} already collects it, so {steps} could reuse it.").format(
            step=run.where(first), steps=names(later))
        first_owner = run.owner[first]
        run.add(
            "tell_us_once.repeated_data", "high" if len(orgs) >= 3 else "medium", text,
            item, step_ids=run.step_ids(indices), organisation_ids=tuple(orgs),
            data={"data_item_id": item, "data_item": name, "first_step_id": run.index.ids[first], "routes": routes},
            action=(gettext("Agree that {organisation} shares {data} with the others instead of them asking again.")
                    .format(organisation=run.org(first_owner), data=name)
                    if first_owner else gettext("Agree who collects {data} once and shares it.").format(data=name)),
            actor_ids=tuple(orgs),
        )
