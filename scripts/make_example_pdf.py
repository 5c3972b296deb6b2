"""Build the example PDF in examples/corpus/ from a plain-text source, with no third-party library.

The source file starts with ``Key: value`` lines (Title, Author, Date, Publisher, Subject,
Header, Footer) and a blank line; the rest is the document. In the body, a line starting
with ``# `` is the title (large, bold), ``## `` a section heading (bold), and blank lines
separate paragraphs; each source line starts a new printed line, and long lines wrap.
Every page gets the Header line at the top and the Footer line plus "Page N of M" at the
bottom, the boilerplate a real report carries.

The PDF is hand-written: a catalog, a page tree, two standard Type 1 fonts (Helvetica and
Helvetica-Bold, WinAnsiEncoding, so no font is embedded), one uncompressed content stream
per page drawing each line with BT/Tf/Td/Tj/ET, an Info dictionary and a cross-reference
table with exact byte offsets. Output is deterministic: the same source gives the same bytes.

Usage: python scripts/make_example_pdf.py [SOURCE.txt [OUT.pdf]]
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SOURCE = ROOT / "examples" / "_pdf_source" / "12-moscow-pyongyang-history.txt"
DEFAULT_OUT = ROOT / "examples" / "corpus" / "12-moscow-pyongyang-history.pdf"

PAGE_W, PAGE_H = 595, 842  # A4 in points
MARGIN_X, MARGIN_TOP, MARGIN_BOTTOM = 72, 80, 80
BODY_SIZE, BODY_LEADING = 11, 15
HEAD_SIZE, HEAD_LEADING = 12.5, 19
TITLE_SIZE, TITLE_LEADING = 16, 21
SMALL_SIZE = 8.5

# fmt: off
# Advance widths (1/1000 em) of ASCII 32..126 from the Adobe Helvetica and Helvetica-Bold AFM files.
_HELV = [
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,
    1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,
    333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
    556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
]
_HELV_BOLD = [
    278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278,
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 333, 333, 584, 584, 584, 611,
    975, 722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833, 722, 778,
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 333, 278, 333, 584, 556,
    333, 556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556, 278, 889, 611, 611,
    611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389, 280, 389, 584,
]

# Typographic characters folded to ASCII; everything else must exist in WinAnsi (cp1252).
_FOLD = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u2033": '"',
    "\u2013": "-", "\u2014": "-", "\u2012": "-", "\u2212": "-", "\u2010": "-", "\u2011": "-",
    "\u2026": "...", "\u00a0": " ", "\u2009": " ", "\u202f": " ", "\u200b": "",
})
# fmt: on


def fold(text: str) -> str:
    return text.translate(_FOLD)


def width(text: str, size: float, bold: bool = False) -> float:
    table = _HELV_BOLD if bold else _HELV
    total = 0
    for ch in text:
        o = ord(ch)
        total += table[o - 32] if 32 <= o <= 126 else 556
    return total * size / 1000


def wrap(text: str, size: float, bold: bool, max_w: float) -> list[str]:
    lines: list[str] = []
    cur = ""
    for word in text.split():
        cand = f"{cur} {word}" if cur else word
        if cur and width(cand, size, bold) > max_w:
            lines.append(cur)
            cur = word
        else:
            cur = cand
    if cur:
        lines.append(cur)
    return lines


def pdf_string(text: str) -> bytes:
    """A PDF literal string in WinAnsi: escape \\ ( ), octal-escape bytes outside printable ASCII."""
    raw = fold(text).encode("cp1252", errors="replace")
    out = bytearray(b"(")
    for b in raw:
        if b in (0x5C, 0x28, 0x29):
            out += b"\\" + bytes([b])
        elif 32 <= b <= 126:
            out.append(b)
        else:
            out += f"\\{b:03o}".encode("ascii")
    out += b")"
    return bytes(out)


def parse_source(path: Path) -> tuple[dict[str, str], list[str]]:
    meta: dict[str, str] = {}
    lines = path.read_text(encoding="utf-8").splitlines()
    i = 0
    while i < len(lines) and lines[i].strip():
        key, sep, value = lines[i].partition(":")
        if not sep:
            break
        meta[key.strip().lower()] = value.strip()
        i += 1
    return meta, lines[i:]


def blocks(body: list[str]) -> list[tuple[str, list[str]]]:
    """(kind, lines) for each title, heading or paragraph.

    A paragraph is a run of non-blank lines; each source line starts a new printed line
    (so a byline block stays one item a line), and long lines wrap.
    """
    out: list[tuple[str, list[str]]] = []
    para: list[str] = []

    def flush() -> None:
        if para:
            out.append(("p", [s.strip() for s in para]))
            para.clear()

    for line in body:
        if not line.strip():
            flush()
        elif line.startswith("## "):
            flush()
            out.append(("h", [line[3:].strip()]))
        elif line.startswith("# "):
            flush()
            out.append(("title", [line[2:].strip()]))
        else:
            para.append(line)
    flush()
    return out


def layout(items: list[tuple[str, list[str]]]) -> list[list[tuple[str, float, float, str]]]:
    """Pages of (font, size, y, text) lines."""
    max_w = PAGE_W - 2 * MARGIN_X
    top, bottom = PAGE_H - MARGIN_TOP, MARGIN_BOTTOM
    pages: list[list[tuple[str, float, float, str]]] = [[]]
    y = top
    for kind, source_lines in items:
        if kind == "title":
            font, size, lead, before = "F2", TITLE_SIZE, TITLE_LEADING, 0.0
        elif kind == "h":
            font, size, lead, before = "F2", HEAD_SIZE, HEAD_LEADING, 8.0
        else:
            font, size, lead, before = "F1", BODY_SIZE, BODY_LEADING, 6.0
        lines = [w for text in source_lines for w in wrap(text, size, font == "F2", max_w)]
        y -= before if pages[-1] else 0
        # keep a heading with at least two lines of what follows
        need = lead * (3 if kind == "h" else 1)
        for n, line in enumerate(lines):
            if y - (need if n == 0 else lead) < bottom:
                pages.append([])
                y = top
            pages[-1].append((font, size, y, line))
            y -= lead
    return pages


def content_stream(
    lines: list[tuple[str, float, float, str]], header: str, footer: str, page_no: int, n_pages: int
) -> bytes:
    ops: list[bytes] = []

    def text(font: str, size: float, x: float, y: float, s: str) -> None:
        ops.append(b"BT /%s %g Tf %g %g Td %s Tj ET" % (font.encode(), size, x, y, pdf_string(s)))

    if header:
        text("F1", SMALL_SIZE, MARGIN_X, PAGE_H - 48, header)
        ops.append(b"0.6 G 0.5 w %d %d m %d %d l S" % (MARGIN_X, PAGE_H - 54, PAGE_W - MARGIN_X, PAGE_H - 54))
    for font, size, y, s in lines:
        text(font, size, MARGIN_X, y, s)
    if footer:
        text("F1", SMALL_SIZE, MARGIN_X, 44, footer)
    label = f"Page {page_no} of {n_pages}"
    text("F1", SMALL_SIZE, PAGE_W - MARGIN_X - width(label, SMALL_SIZE), 30, label)
    return b"\n".join(ops) + b"\n"


def pdf_date(iso: str) -> str:
    digits = iso.replace("-", "")[:8]
    return f"D:{digits}090000Z" if len(digits) == 8 and digits.isdigit() else ""


def build(source: Path, out: Path) -> int:
    meta, body = parse_source(source)
    pages = layout(blocks(body))
    n = len(pages)

    # Object numbers: 1 catalog, 2 page tree, 3 F1, 4 F2, 5 info, then (page, content) pairs.
    objects: dict[int, bytes] = {}
    page_ids = [6 + 2 * i for i in range(n)]
    objects[1] = b"<< /Type /Catalog /Pages 2 0 R >>"
    kids = b" ".join(b"%d 0 R" % pid for pid in page_ids)
    objects[2] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, n)
    for num, name in ((3, b"Helvetica"), (4, b"Helvetica-Bold")):
        objects[num] = b"<< /Type /Font /Subtype /Type1 /BaseFont /%s /Encoding /WinAnsiEncoding >>" % name
    info = [b"/Producer (geobrief scripts/make_example_pdf.py)"]
    for key in ("title", "author", "subject"):
        if meta.get(key):
            info.append(b"/%s %s" % (key.capitalize().encode(), pdf_string(meta[key])))
    if meta.get("publisher"):
        info.append(b"/Creator %s" % pdf_string(meta["publisher"]))
    created = pdf_date(meta.get("date", ""))
    if created:
        info.append(b"/CreationDate (%s)" % created.encode())
    objects[5] = b"<< " + b" ".join(info) + b" >>"
    for i, (pid, lines) in enumerate(zip(page_ids, pages, strict=True)):
        stream = content_stream(lines, meta.get("header", ""), meta.get("footer", ""), i + 1, n)
        objects[pid] = (
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] "
            b"/Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents %d 0 R >>" % (PAGE_W, PAGE_H, pid + 1)
        )
        objects[pid + 1] = b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"endstream"

    buf = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets: dict[int, int] = {}
    for num in sorted(objects):
        offsets[num] = len(buf)
        buf += b"%d 0 obj\n" % num + objects[num] + b"\nendobj\n"
    xref_at = len(buf)
    size = max(objects) + 1
    buf += b"xref\n0 %d\n" % size
    buf += b"0000000000 65535 f \n"
    for num in range(1, size):
        buf += b"%010d 00000 n \n" % offsets[num]
    buf += b"trailer\n<< /Size %d /Root 1 0 R /Info 5 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (size, xref_at)
    out.write_bytes(bytes(buf))
    return n


def main(argv: list[str]) -> int:
    source = Path(argv[1]) if len(argv) > 1 else DEFAULT_SOURCE
    out = Path(argv[2]) if len(argv) > 2 else DEFAULT_OUT
    n = build(source, out)
    print(f"wrote {out} ({n} pages)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
