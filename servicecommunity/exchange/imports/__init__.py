"""Importing files made elsewhere into the open workspace.

Four kinds of file come in:

* a JSON **bundle** from another member: merged (:mod:`servicecommunity.exchange.merge`);
* a **spreadsheet** of steps or blockers (CSV, a zip of CSVs as the export makes, or XLSX), as a
  facilitator types it up after a workshop (:mod:`servicecommunity.exchange.imports.spreadsheet`);
* a **GOV.UK step by step** content item, which becomes a journey skeleton
  (:mod:`servicecommunity.exchange.imports.govuk`).

Every importer reads the whole file first, within a size limit, refuses anything that is not a
plain file, checks it and shows what it would do before anything is written; then it writes in one
transaction. A bad file raises a :class:`~servicecommunity.domain.errors.BundleError` (the file) or
:class:`~servicecommunity.domain.errors.ValidationError` (its content against the workspace) with one
sentence a person can act on, and the workspace stays exactly as it was.
"""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path
from typing import Any, Literal

from sqlalchemy import select
from sqlmodel import Session

from servicecommunity.domain.errors import BundleError, NotFoundError
from servicecommunity.domain.models import Community
from servicecommunity.i18n import gettext

Format = Literal["json", "csv", "xlsx", "govuk"]
FORMATS: tuple[str, ...] = ("json", "csv", "xlsx", "govuk")
ZIP_MAGIC = b"PK\x03\x04"


def read_limited(path: str | os.PathLike[str], limit: int, what: str = "an import") -> bytes:
    """The bytes of a plain file no larger than ``limit``; :class:`BundleError` otherwise.

    Devices, pipes and folders are refused before reading (``/dev/zero`` would never end).
    """
    source = Path(path)
    try:
        info = source.stat()
    except FileNotFoundError:
        raise BundleError(gettext("No file at {source}; check the path.").format(source=source)) from None
    except OSError as exc:
        raise BundleError(gettext("Cannot read {source}: {strerror}.").format(source=source, strerror=exc.strerror)) from None
    if stat.S_ISDIR(info.st_mode):
        raise BundleError(gettext("{source} is a folder; give the path of a file.").format(source=source))
    if not stat.S_ISREG(info.st_mode):
        raise BundleError(gettext("{source} is not a plain file; give the path of a file.").format(source=source))
    if info.st_size > limit:
        raise BundleError(
            gettext("{name} is {size:.0f} MB, too large for {what} (the limit is {limit} MB); check the file.").format(
                name=source.name, size=info.st_size / 2**20, what=what, limit=limit // 2**20)
        )
    try:
        with source.open("rb") as fh:
            raw = fh.read(limit + 1)
    except OSError as exc:
        raise BundleError(gettext("Cannot read {source}: {strerror}.").format(source=source, strerror=exc.strerror)) from None
    if len(raw) > limit:
        raise BundleError(gettext("{name} is too large for {what}; check the file.").format(name=source.name, what=what))
    return raw


def read_head(path: str | os.PathLike[str], size: int = 64) -> bytes:
    """The first bytes of a plain file, for :func:`detect_format`; empty for anything else."""
    try:
        if not stat.S_ISREG(Path(path).stat().st_mode):
            return b""
        with Path(path).open("rb") as fh:
            return fh.read(size)
    except OSError:
        return b""  # read_limited says what is wrong with the path


def load_json(raw: bytes, name: str) -> Any:
    """Parse JSON text (UTF-8, a byte order mark allowed); :class:`BundleError` if it is not."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise BundleError(gettext("{name} is not UTF-8 text, so it is not a JSON file.").format(name=name)) from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise BundleError(gettext("{name} is not valid JSON (line {lineno}, column {colno}).").format(name=name, lineno=exc.lineno, colno=exc.colno)) from None
    except ValueError:  # an integer of over 4,300 digits (Python's limit on reading one)
        raise BundleError(gettext("{name} holds a number too long to be a value this app reads; check the file.").format(name=name)) from None
    except RecursionError:
        raise BundleError(gettext("{name} is nested too deeply to be a file this app reads.").format(name=name)) from None
    if not nested_at_most(data, MAX_DEPTH):
        raise BundleError(gettext("{name} is nested too deeply to be a file this app reads.").format(name=name))
    return data


#: Lists and objects inside each other: a bundle goes 8 deep (a clock's field's dots), a GOV.UK step
#: by step about 10. Far deeper, the schema checks recurse into it until Python's stack runs out.
MAX_DEPTH = 64


def nested_at_most(data: Any, limit: int) -> bool:
    """True if ``data`` holds lists and dicts no more than ``limit`` deep (walked without recursion)."""
    level: list[Any] = [data]
    for _ in range(limit + 1):
        deeper: list[Any] = []
        for node in level:
            if type(node) is dict:
                deeper += [v for v in node.values() if type(v) is dict or type(v) is list]
            elif type(node) is list:
                deeper += [v for v in node if type(v) is dict or type(v) is list]
        if not deeper:
            return True
        level = deeper
    return False


def json_kind(data: Any) -> Literal["json", "govuk"] | None:
    """Which JSON format ``data`` is: a bundle, a GOV.UK step by step, or neither (``None``)."""
    if not isinstance(data, dict):
        return None
    from servicecommunity.exchange.bundle import FORMAT

    if data.get("format") == FORMAT:
        return "json"
    details = data.get("details")
    if isinstance(details, dict) and "step_by_step_nav" in details:
        return "govuk"
    return None


def detect_format(path: str | os.PathLike[str], head: bytes) -> Format:
    """The format of a file from its name and its first bytes (the JSON kinds need :func:`json_kind`)."""
    suffix = Path(path).suffix.lower()
    if head.startswith(ZIP_MAGIC) or suffix in (".xlsx", ".xlsm", ".zip"):
        return "csv" if suffix == ".zip" else "xlsx"
    if suffix in (".csv", ".tsv", ".txt"):
        return "csv"
    if suffix == ".json" or head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{"):
        return "json"
    return "csv"


def community_for(session: Session, community_id: str | None = None) -> Community | None:
    """The community named, or the workspace's only one; ``None`` in an empty workspace."""
    if community_id is not None:
        community = session.get(Community, community_id)
        if community is None:
            raise NotFoundError(gettext("Unknown community {community_id}.").format(community_id=repr(community_id)))
        return community
    communities = session.scalars(select(Community).order_by(Community.name)).all()
    if len(communities) > 1:
        names = ", ".join(c.name for c in communities)
        raise NotFoundError(gettext("The workspace holds several communities ({names}); say which one.").format(names=names))
    return communities[0] if communities else None
