"""Opening ZIP archives (XLSX workbooks, zips of CSVs) from strangers, safely.

Nothing is ever extracted to disk, but an archive is still refused when it carries what a hostile
one would: a member path that climbs out (``../evil``) or is absolute, a symbolic link, an
encrypted member, too many members, or members that decompress to far more than they hold (a zip
bomb). XML members (every part of an XLSX) are parsed with defusedxml with document type
declarations forbidden, so an entity expansion ("billion laughs") or an external entity (XXE) is
refused before openpyxl sees the file. SpreadsheetML never needs a DTD.
"""

from __future__ import annotations

import io
import stat
import zipfile
import zlib
from collections.abc import Callable
from pathlib import PurePosixPath
from xml.etree.ElementTree import Element, ParseError

import defusedxml.ElementTree
from defusedxml import DefusedXmlException

from servicecommunity.domain.errors import BundleError
from servicecommunity.i18n import gettext

try:
    from lzma import LZMAError
except ImportError:  # a Python built without lzma cannot open such members at all (NotImplementedError)
    LZMAError = zlib.error  # type: ignore[assignment,misc]

#: What a corrupt compressed stream raises while a member is read (bzip2 raises OSError).
DECOMPRESSION_ERRORS = (zlib.error, LZMAError)

MAX_MEMBERS = 500
MAX_MEMBER_BYTES = 64 * 2**20  # one decompressed member
MAX_TOTAL_BYTES = 256 * 2**20  # all members, decompressed
MAX_RATIO = 200  # decompressed / compressed, for members over a megabyte
_XML_SUFFIXES = (".xml", ".rels", ".vml")


def open_archive(raw: bytes, name: str) -> zipfile.ZipFile:
    """A ZIP archive whose member list is safe to read; :class:`BundleError` if it is not."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
        members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError, NotImplementedError):
        raise BundleError(gettext("{name} is not a readable ZIP archive (or workbook); check the file.").format(name=name)) from None
    if len(members) > MAX_MEMBERS:
        raise BundleError(gettext("{name} holds {n} files, far more than a spreadsheet has; refused.").format(name=name, n=len(members)))
    total = 0
    for info in members:
        path = info.filename.replace("\\", "/")
        parts = PurePosixPath(path).parts
        if path.startswith("/") or ".." in parts or (parts and ":" in parts[0]):
            raise BundleError(gettext("{name} holds a file with an unsafe path ({filename}); refused.").format(name=name, filename=repr(info.filename)))
        if stat.S_ISLNK(info.external_attr >> 16):
            raise BundleError(gettext("{name} holds a symbolic link ({filename}); refused.").format(name=name, filename=repr(info.filename)))
        if info.flag_bits & 0x1:
            raise BundleError(gettext("{name} is encrypted; save it without a password and try again.").format(name=name))
        if info.file_size > MAX_MEMBER_BYTES or (
            info.file_size > 2**20 and info.file_size > MAX_RATIO * max(info.compress_size, 1)
        ):
            raise BundleError(gettext("{name} holds a file that expands to {value} MB; refused.").format(name=name, value=info.file_size // 2 ** 20))
        total += info.file_size
    if total > MAX_TOTAL_BYTES:
        raise BundleError(gettext("{name} expands to {value} MB, far more than a spreadsheet; refused.").format(name=name, value=total // 2 ** 20))
    return archive


def read_member(archive: zipfile.ZipFile, member: str | zipfile.ZipInfo, name: str) -> bytes:
    """One member's bytes, never more than the limit whatever its header claims."""
    try:
        with archive.open(member) as fh:
            data = fh.read(MAX_MEMBER_BYTES + 1)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError, KeyError, *DECOMPRESSION_ERRORS):
        raise BundleError(gettext("{name} is damaged: a file inside it cannot be read.").format(name=name)) from None
    except RuntimeError:  # zipfile's message for an encrypted member
        raise BundleError(gettext("{name} is encrypted; save it without a password and try again.").format(name=name)) from None
    if len(data) > MAX_MEMBER_BYTES:
        raise BundleError(gettext("{name} holds a file larger than its header says; refused.").format(name=name))
    return data


def check_xml_members(
    archive: zipfile.ZipFile, name: str, inspect: Callable[[str, bytes, Element], None] | None = None
) -> None:
    """Parse every XML member with DTDs, entities and external references forbidden.

    ``inspect(path, data, root)`` is called with each member parsed, so that a caller can read what
    it needs from the parts without parsing them a second time.
    """
    for info in archive.infolist():
        if not info.filename.lower().endswith(_XML_SUFFIXES):
            continue
        data = read_member(archive, info, name)
        try:
            root = defusedxml.ElementTree.fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
        except DefusedXmlException:
            raise BundleError(gettext(
                "{name} contains XML with a document type declaration or entities "
                "({member}); refused, as a spreadsheet never needs them.").format(name=name, member=info.filename)
            ) from None
        except (ParseError, ValueError, UnicodeError):
            raise BundleError(gettext("{name} is damaged: {filename} is not well-formed XML.").format(name=name, filename=info.filename)) from None
        if inspect is not None:
            inspect(info.filename, data, root)
