"""Small date helpers shared by readers: metadata values to ISO dates."""

from __future__ import annotations

import datetime as dt
import re

_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")


def to_iso_date(value: object) -> str | None:
    """A metadata date (date, datetime, ISO string, or free text) as ``YYYY-MM-DD``, else None."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value).strip()
    m = _ISO.search(text)
    if m:
        try:
            return dt.date(int(m[1]), int(m[2]), int(m[3])).isoformat()
        except ValueError:
            return None
    try:
        from dateutil import parser

        parsed = parser.parse(text, default=dt.datetime(1, 1, 1))
    except (ValueError, OverflowError):
        return None
    if parsed.year == 1:
        return None
    return parsed.date().isoformat()
