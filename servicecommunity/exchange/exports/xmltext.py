"""Escaping for XML written as text (BPMN, GraphML).

Those files have hundreds of thousands of elements for a 5,000-step journey; building them as
strings takes a fraction of the time an lxml tree does. Every piece of text that is not a number or
an id this package made goes through :func:`text` or :func:`attr`: markup characters escaped,
characters XML cannot hold dropped. The tests parse and validate the results.
"""

from __future__ import annotations

import re

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_TEXT_WORK = re.compile("[&<>\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_ATTR_WORK = re.compile("[&<>\"\t\n\r\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def text(value: str) -> str:
    """Character data."""
    if not _TEXT_WORK.search(value):
        return value
    value = _NOT_XML.sub("", value)
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def attr(value: str) -> str:
    """An attribute value (to go between double quotes); tabs and line breaks kept as references."""
    if not _ATTR_WORK.search(value):
        return value
    value = text(value).replace('"', "&quot;")
    return value.replace("\t", "&#9;").replace("\n", "&#10;").replace("\r", "&#13;")
