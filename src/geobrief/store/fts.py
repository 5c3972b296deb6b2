"""Turning any user string into a safe full-text query.

Users type what they would into a search box: words, "quoted phrases", OR,
a leading ``-`` to exclude, a trailing ``*`` for a prefix. Everything else
(unbalanced quotes, parentheses, colons, NEAR, column filters) is treated as
plain words, so no input can raise an FTS5 syntax error.
"""

from __future__ import annotations

import re

_TOKEN = re.compile(r'(-?)"([^"]*)"|(\S+)')
_WORD = re.compile(r"\w+")


def _quote(words: list[str]) -> str:
    return '"' + " ".join(w.replace('"', '""') for w in words) + '"'


def fts5_query(user: str) -> str | None:
    """An FTS5 MATCH expression for `user`, or None when it has no searchable word."""
    positive: list[str] = []
    negative: list[str] = []
    pending_or = False
    for m in _TOKEN.finditer(user.replace("\x00", " ")):
        neg, phrase, bare = m.group(1), m.group(2), m.group(3)
        if bare is not None and bare == "OR":
            pending_or = bool(positive)
            continue
        if bare is not None and bare.startswith("-") and len(bare) > 1:
            neg, bare = "-", bare[1:]
        prefix = bare is not None and bare.endswith("*")
        words = _WORD.findall(phrase if phrase is not None else bare or "")
        if not words:
            continue
        term = _quote(words) + ("*" if prefix and len(words) == 1 else "")
        if neg:
            negative.append(term)
        elif pending_or and positive:
            positive[-1] = f"({positive[-1]} OR {term})"
        else:
            positive.append(term)
        pending_or = False
    if not positive:
        return None
    query = " AND ".join(positive)
    for term in negative:
        query = f"{query} NOT {term}"
    return query


def plain_words(user: str) -> str:
    """The words of `user` only, for back-ends without FTS5 syntax (PostgreSQL's plainto_tsquery)."""
    return " ".join(_WORD.findall(user))
