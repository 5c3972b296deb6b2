"""Readers: turn whatever the user points at into `Extracted` articles.

Inputs are paths, directories (recursive), globs, gzip files and ``-`` for stdin.
Each reader is chosen by the file's extension (after stripping ``.gz``), or by
sniffing the content where there is none. A bad file raises `ReadError` with a
one-line message; the caller reports it and goes on with the batch.
"""

from __future__ import annotations

import glob
import gzip
import io
import json
import os
import re
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from geobrief.ingest.model import Extracted

DEFAULT_MAX_BYTES = 50 * 1024 * 1024
SUPPORTED = (".txt", ".text", ".md", ".markdown", ".html", ".htm", ".xhtml", ".pdf", ".jsonl", ".ndjson")


class ReadError(Exception):
    """A file could not be read; the message is one line and names the problem."""


@dataclass
class Source:
    """One input file, not yet read: `label` is the path as the user gave it."""

    label: str
    path: Path | None  # None for stdin

    def read_bytes(self, max_bytes: int) -> bytes:
        if self.path is None:
            data = sys.stdin.buffer.read(max_bytes + 1)
        else:
            try:
                size = self.path.stat().st_size
            except FileNotFoundError as exc:
                raise ReadError("file not found (deleted before it was read?)") from exc
            if size > max_bytes:
                raise ReadError(f"file too large ({_mb(size)} > {_mb(max_bytes)} limit; raise it with --max-size)")
            try:
                data = self.path.read_bytes()
            except FileNotFoundError as exc:
                raise ReadError("file not found (deleted before it was read?)") from exc
            except OSError as exc:
                raise ReadError(f"cannot read file: {exc.strerror or exc}") from exc
        if len(data) > max_bytes:
            raise ReadError(f"input too large (> {_mb(max_bytes)} limit; raise it with --max-size)")
        return data


@dataclass
class Article:
    """An article read from a source; `line` is set for JSON-lines records."""

    source: str
    extracted: Extracted
    line: int | None = None


@dataclass
class Failure:
    source: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.source}:{self.line}" if self.line else self.source
        return f"{where}: {self.message}"


def _mb(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB"


def discover(paths: list[str]) -> Iterator[Source | Failure]:
    """Expand paths, directories and globs into sources, in a stable order."""
    for raw in paths:
        if raw == "-":
            yield Source("-", None)
            continue
        p = Path(raw)
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                rel = f.relative_to(p).parts
                if f.is_file() and not any(part.startswith((".", "_")) for part in rel):
                    yield Source(str(f), f)
        elif p.is_file():
            yield Source(raw, p)
        elif any(ch in raw for ch in "*?["):
            matches = sorted(glob.glob(raw, recursive=True))
            if not matches:
                yield Failure(raw, "no file matches this pattern")
            for m in matches:
                if Path(m).is_file():
                    yield Source(m, Path(m))
        else:
            yield Failure(raw, "no such file or directory")


def _kind(label: str, data: bytes) -> str:
    name = label.lower()
    if name.endswith(".gz"):
        name = name[:-3]
    ext = os.path.splitext(name)[1]
    if ext in (".txt", ".text"):
        return "txt"
    if ext in (".md", ".markdown"):
        return "md"
    if ext in (".html", ".htm", ".xhtml"):
        return "html"
    if ext == ".pdf":
        return "pdf"
    if ext in (".jsonl", ".ndjson"):
        return "jsonl"
    if ext and label != "-":
        raise ReadError(f"unsupported file type '{ext}' (supported: {', '.join(SUPPORTED)}, and .gz of these)")
    return _sniff(data)


def _sniff(data: bytes) -> str:
    head = data[:2048].lstrip()
    if head.startswith(b"%PDF"):
        return "pdf"
    low = head[:200].lower()
    if low.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<body" in data[:4096].lower():
        return "html"
    if head.startswith(b"{"):
        return "jsonl"
    if head.startswith(b"---"):
        return "md"
    return "txt"


def _gunzip(data: bytes, max_bytes: int) -> bytes:
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as fh:
            out = fh.read(max_bytes + 1)
    except (OSError, EOFError) as exc:
        raise ReadError(f"corrupt gzip data ({exc})") from exc
    if len(out) > max_bytes:
        raise ReadError(f"decompressed size exceeds the {_mb(max_bytes)} limit")
    return out


def looks_binary(data: bytes) -> bool:
    """NUL bytes or many control characters mean this is not text."""
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    if not sample:
        return False
    ctrl = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return ctrl / len(sample) > 0.05


def decode(data: bytes) -> str:
    """UTF-8 (with or without BOM), else the most plausible legacy encoding."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    if best is None or best.chaos > 0.3:
        raise ReadError("not valid UTF-8 and no plausible text encoding found")
    return str(data.decode(best.encoding, errors="replace"))


def read_source(src: Source, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Article | Failure]:
    """Read one source into articles; failures are yielded, never raised."""
    try:
        data = src.read_bytes(max_bytes)
        if data[:2] == b"\x1f\x8b":
            data = _gunzip(data, max_bytes)
        if not data.strip():
            raise ReadError("empty file")
        kind = _kind(src.label, data)
        if kind == "pdf":
            yield Article(src.label, _read_pdf(data, src.label))
            return
        if looks_binary(data):
            raise ReadError("binary content, not a text, HTML, Markdown, JSON-lines or PDF file")
        text = decode(data)
        if kind == "jsonl":
            yield from _read_jsonl(text, src.label)
            return
        reader: Callable[[str, str], Extracted] = {"txt": _read_txt, "md": _read_md, "html": _read_html}[kind]
        yield Article(src.label, reader(text, src.label))
    except ReadError as exc:
        yield Failure(src.label, str(exc))
    except Exception as exc:  # a reader bug must not stop the batch
        yield Failure(src.label, f"unexpected error: {type(exc).__name__}: {exc}".splitlines()[0])


def _read_txt(text: str, label: str) -> Extracted:
    from geobrief.ingest.clean import clean_text

    return clean_text(text, filename=Path(label).name)


def _read_html(text: str, label: str) -> Extracted:
    from geobrief.ingest.html import extract_html

    return extract_html(text, filename=Path(label).name)


_MD_LINK = re.compile(r"!\[[^\]]*\]\([^)]*\)|\[([^\]]*)\]\([^)]*\)")
_MD_PREFIX = re.compile(r"^\s{0,3}(?:#{1,6}\s+|>\s?|[-*+]\s+(?=\S))")
_MD_EMPH = re.compile(r"(\*\*|__|\*|_|`)(?=\S)(.+?)(?<=\S)\1")


def markdown_to_text(md: str) -> str:
    """Strip Markdown syntax so offsets index readable prose, keeping paragraph breaks."""
    out: list[str] = []
    in_code = False
    for line in md.splitlines():
        if line.strip().startswith("```"):
            in_code = not in_code
            continue
        if in_code or re.fullmatch(r"\s*(?:[-*_]\s*){3,}", line) or re.fullmatch(r"\s*\|?[-:| ]+\|?\s*", line):
            continue
        bullet = re.match(r"^\s{0,3}[-*+]\s+(?=\S)", line)
        line = _MD_PREFIX.sub("", line)
        line = _MD_LINK.sub(lambda m: m.group(1) or "", line)
        line = _MD_EMPH.sub(r"\2", line)
        out.append(("• " + line) if bullet else line)
    return "\n".join(out)


def _read_md(text: str, label: str) -> Extracted:
    import frontmatter
    import yaml

    from geobrief.ingest.clean import clean_text

    try:
        post = frontmatter.loads(text)
        meta, body = dict(post.metadata), post.content
    except (yaml.YAMLError, ValueError) as exc:
        raise ReadError(f"malformed YAML front matter: {str(exc).splitlines()[0]}") from exc
    ex = clean_text(markdown_to_text(body), filename=Path(label).name)
    return _apply_meta(ex, meta)


def _apply_meta(ex: Extracted, meta: dict) -> Extracted:
    """Stated metadata (front matter, JSON fields, PDF info) beats what the cleaner guessed."""
    from geobrief.ingest.dates import to_iso_date

    if meta.get("title"):
        ex.title = str(meta["title"]).strip()
    author = meta.get("author") or meta.get("authors")
    if isinstance(author, list):
        author = ", ".join(str(a) for a in author)
    if author:
        ex.author = str(author).strip()
    for key in ("publisher", "source", "site_name", "sitename"):
        if meta.get(key):
            ex.publisher = str(meta[key]).strip()
            break
    for key in ("published", "date", "published_at", "pubdate"):
        iso = to_iso_date(meta.get(key))
        if iso:
            ex.published, ex.published_inferred = iso, False
            break
    if meta.get("url"):
        ex.url = str(meta["url"]).strip()
    if meta.get("summary") and not ex.summary:
        ex.summary = str(meta["summary"]).strip()
    return ex


def _read_jsonl(text: str, label: str) -> Iterator[Article | Failure]:
    from geobrief.ingest.clean import clean_text
    from geobrief.ingest.html import extract_html

    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Failure(label, f"malformed JSON: {exc.msg} (column {exc.colno})", line=lineno)
            continue
        if not isinstance(rec, dict):
            yield Failure(label, "a JSON-lines record must be an object", line=lineno)
            continue
        body = rec.get("text") or rec.get("content") or rec.get("body")
        html = rec.get("html")
        if not (isinstance(body, str) and body.strip()) and not (isinstance(html, str) and html.strip()):
            yield Failure(label, "record has no 'text' (or 'html') field", line=lineno)
            continue
        if isinstance(body, str) and body.strip():
            ex = clean_text(body, filename=None)
        else:
            ex = extract_html(str(html), url=rec.get("url"))
        yield Article(label, _apply_meta(ex, rec), line=lineno)


def _read_pdf(data: bytes, label: str) -> Extracted:
    import logging

    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    from geobrief.ingest.clean import clean_text

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(data))
        pages = [page.extract_text() or "" for page in reader.pages]
        info = reader.metadata or {}
    except (PyPdfError, ValueError, KeyError, TypeError) as exc:
        raise ReadError(f"malformed PDF ({type(exc).__name__}: {str(exc)[:80]})") from exc
    text = "\n\n".join(unwrap_lines(lines) for lines in drop_running_lines([p.splitlines() for p in pages]))
    if not text.strip():
        raise ReadError("PDF has no extractable text (scanned image?)")
    ex = clean_text(text, filename=Path(label).name)
    ex = _apply_meta(ex, {"title": info.get("/Title"), "author": info.get("/Author")})
    created = info.get("/CreationDate")
    if not ex.published and isinstance(created, str):
        # When the PDF was made is only a hint of when the article was published.
        m = re.match(r"D:(\d{4})(\d{2})(\d{2})", created)
        if m:
            ex.published, ex.published_inferred = "-".join(m.groups()), True
    return ex


_PAGE_NO = re.compile(r"^\s*(page\s+)?\d+(\s*(of|/)\s*\d+)?\s*$", re.I)


def drop_running_lines(pages: list[list[str]]) -> list[list[str]]:
    """Drop page numbers, and headers/footers that repeat at the top or bottom of several pages."""

    def key(line: str) -> str:
        return re.sub(r"\d+", "#", line.strip().lower())

    edges: dict[str, int] = {}
    for lines in pages:
        for line in {key(x) for x in lines[:2] + lines[-2:] if x.strip()}:
            edges[line] = edges.get(line, 0) + 1
    repeated = {k for k, n in edges.items() if n >= 2} if len(pages) >= 2 else set()
    out = []
    for lines in pages:
        keep = []
        for i, line in enumerate(lines):
            at_edge = i < 2 or i >= len(lines) - 2
            if _PAGE_NO.match(line) or (at_edge and key(line) in repeated):
                continue
            keep.append(line)
        out.append(keep)
    return out


def unwrap_lines(lines: list[str]) -> str:
    """Rejoin hard-wrapped PDF lines into paragraphs: a line clearly shorter than the text width ends one."""
    lines = [x.rstrip() for x in lines]
    lengths = sorted(len(x) for x in lines if x.strip())
    if not lengths:
        return ""
    width = lengths[int(len(lengths) * 0.9) - 1 if len(lengths) > 1 else 0]
    paras: list[str] = []
    cur = ""
    for line in lines:
        if not line.strip():
            if cur:
                paras.append(cur)
            cur = ""
            continue
        joiner = "" if cur.endswith("-") or not cur else " "
        cur = (cur + joiner + line.lstrip()) if cur else line.strip()
        if len(line) < 0.8 * width:
            paras.append(cur)
            cur = ""
    if cur:
        paras.append(cur)
    return "\n\n".join(paras)
