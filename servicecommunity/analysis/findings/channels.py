"""Channels: steps offered only online, with no assisted digital route."""

from __future__ import annotations

from servicecommunity.analysis.findings.context import Run
from servicecommunity.analysis.words import number
from servicecommunity.i18n import gettext, ngettext

OFFLINE_CHANNELS = frozenset({"phone", "paper", "face_to_face"})


def online_only(run: Run) -> None:
    online_only = [
        i for i, step in enumerate(run.steps)
        if "online" in step.channels and not OFFLINE_CHANNELS.intersection(step.channels)
    ]
    online_only.sort(key=lambda i: -(run.steps[i].monthly_volume or 0))  # busiest first
    for i in online_only:
        step = run.steps[i]
        text = gettext("{step} can only be done online: there is no phone, paper or face-to-face route "
                       "for people who cannot go online.").format(step=run.where(i))
        if step.monthly_volume:
            text += " " + ngettext("About {n} user a month does it.", "About {n} users a month do it.",
                                   step.monthly_volume).format(n=number(step.monthly_volume))
        owner = (step.owner_id,) if step.owner_id else ()
        run.add(
            "assisted_digital.online_only", "medium",
            text,
            step.id, step_ids=(step.id,), organisation_ids=owner,
            data={"monthly_volume": step.monthly_volume},
            action=gettext("Add an assisted route (phone, paper or face to face) for people who cannot go online."),
            actor_ids=owner,
        )
