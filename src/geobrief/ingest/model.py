"""The record every reader produces, before NLP: text plus what we know about it."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Extracted:
    """Clean article text and its metadata, as one reader/cleaner found them.

    `published` is ISO ``YYYY-MM-DD``; `published_inferred` says it was guessed
    (file name, screenshot name, dates in the text) rather than stated by the
    page (HTML metadata, front matter, a dateline).
    """

    text: str
    title: str | None = None
    author: str | None = None
    publisher: str | None = None
    published: str | None = None
    published_inferred: bool = False
    summary: str | None = None
    url: str | None = None
    removed: list[str] = field(default_factory=list)
