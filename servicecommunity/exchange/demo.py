"""The demo community, and what a new workspace starts with.

The demo (*Starting a Business*) ships as a bundle in ``servicecommunity/resources/demo/``; a new
workspace gets it on the very first start, or else one community named after its file with a
"New journey" and :data:`DEFAULT_STAGES`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from servicecommunity.resources import resource_path

if TYPE_CHECKING:
    from servicecommunity.exchange import bundle
    from servicecommunity.store.workspace import Store

#: The demo bundle, as parts of a path under the package's resources.
DEMO_FILE = ("demo", "starting-a-business.json")

#: The stages a new journey starts with (a person renames or removes them as they map).
DEFAULT_STAGES = ("Find out", "Do it", "Follow up")


def load_demo(store: Store) -> bundle.ImportReport:
    """Put the Starting a Business demo community into an open workspace."""
    from servicecommunity.exchange import bundle

    data = bundle.read_bundle(resource_path(*DEMO_FILE))
    with store.session() as session:
        return bundle.import_new(session, data)


def seed(store: Store, *, demo: bool) -> None:
    """Fill an empty workspace (one that holds no records); a workspace with records is left alone.

    With ``demo``, the demo community; without it, or if this install lacks the demo file, a
    community named after the file with a "New journey" and :data:`DEFAULT_STAGES`.
    """
    from servicecommunity import services
    from servicecommunity.services import queries

    with store.session() as session:
        if any(queries.counts(session).values()):
            return
    if demo:
        try:
            load_demo(store)
            return
        except FileNotFoundError:
            pass  # an install without the demo file: start empty instead
    name = store.path.stem.replace("-", " ").replace("_", " ").strip().capitalize() if store.path else "My community"
    with store.session() as session:
        community = services.create(session, "communities", data={"name": name or "My community"}).value
        journey = services.create(session, "journeys", data={"community_id": community.id, "name": "New journey"}).value
        for stage in DEFAULT_STAGES:
            services.create(session, "stages", data={"journey_id": journey.id, "name": stage})
