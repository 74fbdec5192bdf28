"""Members on their own laptops: each a workspace file, editing through the service layer and
swapping bundles, as people do. Shared by the sharing scenarios and the randomised test."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlmodel import Session

from servicecommunity import services
from servicecommunity.domain import models
from servicecommunity.domain.models import ENTITIES
from servicecommunity.exchange import bundle, merge, sync
from servicecommunity.store.workspace import Store, open_store

_REAL_UTCNOW = models.utcnow


class Member:
    """One member's workspace: edit it, send a bundle, receive one.

    ``offset`` is how wrong the laptop's clock is: every time it stamps (``updated_at``, a
    deletion's time) is off by that much while this member edits, sends or receives.
    """

    def __init__(self, path: Path, *, offset: timedelta = timedelta(0)) -> None:
        self.path = path
        self.offset = offset
        self.store: Store = open_store(path, create=True)

    @classmethod
    def copy_of(cls, template: Path, path: Path, *, offset: timedelta = timedelta(0), site: str | None = None) -> Member:
        """A member whose laptop started as a copy of ``template``: the same records, a site of its own."""
        shutil.copyfile(template, path)
        member = cls(path, offset=offset)
        with member.session() as session:
            session.connection().exec_driver_sql("UPDATE sync_state SET site = ? WHERE id = 1", (site or sync.new_site(),))
            session.commit()
        return member

    @contextmanager
    def _clock(self) -> Iterator[None]:
        """This laptop's clock, for the duration of one action."""
        if not self.offset:
            yield
            return

        def wrong() -> datetime:
            return _REAL_UTCNOW() + self.offset

        models.utcnow, services.utcnow = wrong, wrong  # type: ignore[assignment]
        try:
            yield
        finally:
            models.utcnow, services.utcnow = _REAL_UTCNOW, _REAL_UTCNOW  # type: ignore[assignment]

    def close(self) -> None:
        self.store.close()

    @contextmanager
    def session(self) -> Iterator[Session]:
        with self.store.session() as session:
            yield session

    # sharing

    def send(self, *, journey_id: str | None = None) -> bytes:
        with self._clock(), self.session() as session:
            return bundle.export_bundle_file(session, journey_id=journey_id, include_sensitive=True).data

    def receive(self, raw: bytes, **kwargs: Any) -> merge.MergeReport:
        data = bundle.parse_bundle(raw)
        with self._clock(), self.session() as session:
            return merge.import_bundle(session, data, **kwargs)

    # reading

    def get(self, section: str, rid: str) -> dict[str, Any] | None:
        from servicecommunity.store import codec

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

    def kept(self, rid: str, name: str, shown: Any) -> list[Any]:
        """Every value field ``name`` of record ``rid`` holds: the shown one and those of a pending conflict."""
        with self.session() as session:
            found = sync.load_clocks(session, [rid])
        if rid not in found:
            return [shown]
        clock = sync.Clock.from_json(json.loads(found[rid][1]))
        return [v for _, v in clock.register(name, shown).values]

    def resolve(self, rid: str, name: str, **how: Any) -> merge.Conflict:
        with self._clock(), self.session() as session:
            return merge.resolve_conflict(session, rid, name, **how)

    # editing

    def update(self, section: str, rid: str, **data: Any) -> None:
        with self._clock(), self.session() as session:
            services.update(session, section, rid, data=data)

    def create(self, section: str, **data: Any) -> str:
        with self._clock(), self.session() as session:
            return str(services.create(session, section, data=data).value.id)

    def delete(self, section: str, rid: str) -> None:
        with self._clock(), self.session() as session:
            services.delete(session, section, rid)
