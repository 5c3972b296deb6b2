"""Article text and metadata from an HTML page.

trafilatura does the heavy lifting (it scores best of the open extractors on news pages);
its precision mode is the default because measured on the extraction benchmark it beats
the balanced and recall modes. When it finds nothing or much less than its recall mode,
we take the recall run, and when both fail, the densest block of ``<p>`` under lxml.
The text then goes through the plain-text cleaner without its span search, which drops
the share lines, captions, teasers and bios that survive inside the article body.
"""

from __future__ import annotations

import logging
import re
from typing import Any

import lxml.html
import trafilatura
import trafilatura.metadata
from lxml import etree

from geobrief.ingest.clean import analyse
from geobrief.ingest.model import Extracted

log = logging.getLogger(__name__)

# Options chosen on the dev half of the extraction benchmark (eval/extraction.py).
OPTIONS: dict[str, Any] = {"include_comments": False, "include_tables": True, "with_metadata": True}
# Below this share of the recall run's length, the precision run missed part of the article.
MIN_SHARE_OF_RECALL = 0.3
MIN_CHARS = 200
ENOUGH_CHARS = 1500
DROP_TAGS = ["script", "style", "noscript", "nav", "header", "footer", "aside", "form", "figure", "iframe", "svg"]


def extract_html(html: str | bytes, *, filename: str | None = None, url: str | None = None) -> Extracted:
    """Extract one page; never raises (a page without text gives ``Extracted(text="")``)."""
    try:
        return _extract(html, filename=filename, url=url)
    except Exception as exc:  # malformed input must not stop a batch
        log.warning("HTML extraction failed for %s: %s", filename or url or "<page>", exc)
        return Extracted(text="", url=url)


def _run(html: str | bytes, url: str | None, **mode: bool) -> Any:
    try:
        return trafilatura.bare_extraction(html, url=url, **OPTIONS, **mode)
    except Exception as exc:
        log.debug("trafilatura failed: %s", exc)
        return None


def _extract(html: str | bytes, *, filename: str | None, url: str | None) -> Extracted:
    if not html or not (html.strip() if isinstance(html, str) else html.strip()):
        return Extracted(text="", url=url)
    doc = _run(html, url, favor_precision=True)
    text = (doc.text or "") if doc else ""
    if len(text) < ENOUGH_CHARS:  # a short result may be part of the article: check against recall mode
        recall = _run(html, url, favor_recall=True)
        if recall is not None and len(text) < max(MIN_CHARS, MIN_SHARE_OF_RECALL * len(recall.text or "")):
            doc, text = recall, recall.text or ""
    if len(text) < MIN_CHARS:
        dense = densest_block(html)
        if len(dense) > len(text):
            text = dense
    if doc is None:  # no article found, but the page may still say what it is
        doc = _metadata_only(html, url)

    title = _clean(getattr(doc, "title", None))
    lines = text.splitlines()
    head: list[str] = []
    for k, line in enumerate(lines[:3]):
        if title and _same(line, title):  # the headline repeated (after a breadcrumb) as the first lines
            head, lines = lines[: k + 1], lines[k + 1 :]
            break
        if len(line.split()) > 8:
            break
    cleaned, _ = analyse("\n".join(lines), filename=filename, locate=False)
    cleaned.removed[:0] = [h for h in head if h.strip()]
    return Extracted(
        text=cleaned.text,
        title=title or cleaned.title,
        author=_clean(getattr(doc, "author", None)) or cleaned.author,
        publisher=_clean(getattr(doc, "sitename", None)) or cleaned.publisher,
        published=getattr(doc, "date", None) or cleaned.published,
        published_inferred=False if getattr(doc, "date", None) else cleaned.published_inferred,
        summary=cleaned.summary,
        url=getattr(doc, "url", None) or url,
        removed=cleaned.removed,
    )


def _metadata_only(html: str | bytes, url: str | None) -> Any:
    try:
        page = html.decode("utf-8", errors="replace") if isinstance(html, bytes) else html
        return trafilatura.metadata.extract_metadata(page, default_url=url)
    except Exception as exc:
        log.debug("trafilatura metadata failed: %s", exc)
        return None


def _clean(value: str | None) -> str | None:
    value = re.sub(r"\s+", " ", value or "").strip()
    return value or None


def _same(a: str, b: str) -> bool:
    norm = re.compile(r"\W+")
    return norm.sub(" ", a).strip().lower() == norm.sub(" ", b).strip().lower()


def densest_block(html: str | bytes) -> str:
    """Fallback extractor: the element whose direct <p> children hold the most text."""
    if isinstance(html, str):  # lxml refuses str input that declares its own encoding
        html = re.sub(r"^\s*<\?xml[^>]*>", "", html)
    try:
        root = lxml.html.fromstring(html)
    except (etree.ParserError, ValueError):
        return ""
    etree.strip_elements(root, *DROP_TAGS, with_tail=False)
    best, best_len = None, 0
    for el in root.iter("article", "main", "div", "section", "td", "body"):
        paras = [p.text_content().strip() for p in el.findall("p")]
        size = sum(len(p) for p in paras if len(p) > 40)
        if el.tag == "article":
            size = int(size * 1.2)
        if size > best_len:
            best, best_len = el, size
    if best is None:
        return ""
    paras = (re.sub(r"\s+", " ", p.text_content()).strip() for p in best.findall("p"))
    return "\n".join(p for p in paras if p)
