"""Members on their own laptops: each a workspace file, editing through the service layer and
swapping bundles, as people do. Shared by the sharing scenarios and the randomised test."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlmodel import Session

from servicecommunity import bundle, merge, services
from servicecommunity.models import ENTITIES
from servicecommunity.store import Store, open_store


class Member:
    """One member's workspace: edit it, send a bundle, receive one."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.store: Store = open_store(path, create=True)

    def close(self) -> None:
        self.store.close()

    @contextmanager
    def session(self) -> Iterator[Session]:
        with self.store.session() as session:
            yield session

    # sharing

    def send(self, *, journey_id: str | None = None) -> bytes:
        with self.session() as session:
            return bundle.export_bundle_file(session, journey_id=journey_id, include_sensitive=True).data

    def receive(self, raw: bytes, **kwargs: Any) -> merge.MergeReport:
        data = bundle.parse_bundle(raw)
        with self.session() as session:
            return merge.import_bundle(session, data, **kwargs)

    # reading

    def get(self, section: str, rid: str) -> dict[str, Any] | None:
        from servicecommunity import codec

        with self.session() as session:
            record = session.get(ENTITIES[section], rid)
            return None if record is None else codec.record_to_json(session, record)

    def ids(self, section: str) -> set[str]:
        with self.session() as session:
            return set(session.scalars(select(ENTITIES[section].id)).all())  # type: ignore[attr-defined]

    def state(self) -> str:
        """Everything a member sees (records and pending conflicts), without bookkeeping times."""
        with self.session() as session:
            data = bundle.export_bundle(session, include_sensitive=True)
            conflicts = sorted((c.id, c.field, json.dumps(c.shown.value), json.dumps(c.other.value))
                               for c in merge.pending_conflicts(session))
        for section in bundle.SECTIONS:
            for rec in data[section]:
                rec.pop("updated_at", None)
        return json.dumps({s: data[s] for s in bundle.SECTIONS} | {"conflicts": conflicts}, sort_keys=True)

    def conflicts(self) -> list[merge.Conflict]:
        with self.session() as session:
            return merge.pending_conflicts(session)

    # editing

    def update(self, section: str, rid: str, **data: Any) -> None:
        with self.session() as session:
            services.update(session, section, rid, data=data)

    def create(self, section: str, **data: Any) -> str:
        with self.session() as session:
            return str(services.create(session, section, data=data).value.id)

    def delete(self, section: str, rid: str) -> None:
        with self.session() as session:
            services.delete(session, section, rid)
