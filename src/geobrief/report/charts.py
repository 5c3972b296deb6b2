"""Charts as self-contained SVG: no fonts, scripts or links to fetch, every text escaped, same input → same bytes."""

from __future__ import annotations

import math
from html import escape
from typing import Any

WIDTH, HEIGHT = 720, 340
LEFT, RIGHT, TOP, BOTTOM = 56, 64, 40, 78
COLORS = {
    "q1": "#9ed99e",  # verbal cooperation
    "q2": "#2e8b57",  # material cooperation
    "q3": "#f4a6a0",  # verbal conflict
    "q4": "#c0392b",  # material conflict
    "line": "#1f4e8c",
}
LEGEND = [
    ("q1", "verbal cooperation"),
    ("q2", "material cooperation"),
    ("q3", "verbal conflict"),
    ("q4", "material conflict"),
    ("line", "intensity (Goldstein sum)"),
]
CHAR_W = 6.5  # a generous width per character at font-size 11, for thinning labels


def _n(x: float) -> str:
    """A coordinate, fixed to one decimal so output is byte-stable."""
    return f"{x:.1f}"


def _text(x: float, y: float, s: str, anchor: str = "middle", size: int = 11, extra: str = "") -> str:
    return f'<text x="{_n(x)}" y="{_n(y)}" font-size="{size}" text-anchor="{anchor}"{extra}>{escape(str(s))}</text>'


def _fmt(v: float) -> str:
    return f"{v:g}" if abs(v - round(v)) > 1e-9 else str(int(round(v)))


def series_svg(rows: list[dict[str, Any]], title: str) -> str:
    """Stacked bars of cooperation (q1, q2; above the axis) and conflict (q3, q4; below) per period, with a
    line of summed intensity on its own scale (right axis). `rows` as from `dyad_series`."""
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    mid = TOP + plot_h / 2
    half = plot_h / 2
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" font-family="sans-serif" role="img">',
        f"<title>{escape(str(title))}</title>",
        f'<rect x="0" y="0" width="{WIDTH}" height="{HEIGHT}" fill="#ffffff"/>',
        _text(WIDTH / 2, 22, title, size=14, extra=' font-weight="bold"'),
    ]
    if not rows:
        out.append(_text(WIDTH / 2, mid, "No events"))
        out.append("</svg>")
        return "\n".join(out)

    count_max = max(1, *(max(r["cooperation"], r["conflict"]) for r in rows))
    inten_max = max(1.0, *(abs(float(r["intensity"])) for r in rows))
    slot = plot_w / len(rows)
    bar_w = max(1.0, slot * 0.7)

    def y_count(v: float) -> float:  # v > 0 above the axis, v < 0 below
        return mid - v / count_max * half

    def y_inten(v: float) -> float:
        return mid - v / inten_max * half

    # Axes and gridlines.
    out.append(f'<line x1="{LEFT}" y1="{_n(mid)}" x2="{LEFT + plot_w}" y2="{_n(mid)}" stroke="#333" stroke-width="1"/>')
    out.append(f'<line x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{TOP + plot_h}" stroke="#333" stroke-width="1"/>')
    out.append(
        f'<line x1="{LEFT + plot_w}" y1="{TOP}" x2="{LEFT + plot_w}" y2="{TOP + plot_h}" '
        f'stroke="{COLORS["line"]}" stroke-width="1"/>'
    )
    for v in (count_max, count_max / 2, -count_max / 2, -count_max):
        y = y_count(v)
        out.append(
            f'<line x1="{LEFT}" y1="{_n(y)}" x2="{LEFT + plot_w}" y2="{_n(y)}" stroke="#e5e5e5" stroke-width="1"/>'
        )
    for v in (count_max, 0, -count_max):
        out.append(_text(LEFT - 6, y_count(v) + 4, _fmt(abs(v)), anchor="end", size=10))
    for v in (inten_max, 0, -inten_max):
        out.append(
            _text(
                LEFT + plot_w + 6,
                y_inten(v) + 4,
                _fmt(round(v, 1)),
                anchor="start",
                size=10,
                extra=f' fill="{COLORS["line"]}"',
            )
        )
    out.append(
        _text(14, TOP + half / 2, "cooperation", size=10, extra=f' transform="rotate(-90 14 {_n(TOP + half / 2)})"')
    )
    out.append(
        _text(14, mid + half / 2, "conflict", size=10, extra=f' transform="rotate(-90 14 {_n(mid + half / 2)})"')
    )
    rx = WIDTH - 12
    out.append(
        _text(rx, mid, "intensity", size=10, extra=f' fill="{COLORS["line"]}" transform="rotate(90 {rx} {_n(mid)})"')
    )

    # Bars: cooperation stacks up from the axis (q1 then q2), conflict down (q3 then q4).
    for i, r in enumerate(rows):
        x = LEFT + i * slot + (slot - bar_w) / 2
        for keys, sign in ((("q1", "q2"), 1), (("q3", "q4"), -1)):
            base = 0
            for k in keys:
                n = int(r.get(k) or 0)
                if not n:
                    continue
                y0, y1 = y_count(sign * base), y_count(sign * (base + n))
                top, h = min(y0, y1), abs(y1 - y0)
                out.append(
                    f'<rect x="{_n(x)}" y="{_n(top)}" width="{_n(bar_w)}" height="{_n(h)}" fill="{COLORS[k]}">'
                    f"<title>{escape(str(r['period']))}: {n} {escape(dict(LEGEND)[k])}</title></rect>"
                )
                base += n

    # The intensity line, one point per period at the bar's centre.
    points = [(LEFT + (i + 0.5) * slot, y_inten(float(r["intensity"]))) for i, r in enumerate(rows)]
    if len(points) > 1:
        path = " ".join(f"{_n(x)},{_n(y)}" for x, y in points)
        out.append(f'<polyline points="{path}" fill="none" stroke="{COLORS["line"]}" stroke-width="2"/>')
    for (x, y), r in zip(points, rows, strict=True):
        out.append(
            f'<circle cx="{_n(x)}" cy="{_n(y)}" r="2.5" fill="{COLORS["line"]}">'
            f"<title>{escape(str(r['period']))}: intensity {escape(_fmt(float(r['intensity'])))}</title></circle>"
        )

    # Period labels, thinned so they do not overlap.
    longest = max(len(str(r["period"])) for r in rows)
    step = max(1, math.ceil(len(rows) / max(1, int(plot_w // (longest * CHAR_W + 8)))))
    for i, r in enumerate(rows):
        if (len(rows) - 1 - i) % step == 0:  # counted back from the latest period, which is always labelled
            out.append(_text(LEFT + (i + 0.5) * slot, TOP + plot_h + 16, str(r["period"]), size=10))

    # Legend, one row under the period labels.
    lx, ly = 12, HEIGHT - 20
    for key, label in LEGEND:
        if key == "line":
            out.append(
                f'<line x1="{lx}" y1="{ly - 4}" x2="{lx + 12}" y2="{ly - 4}" stroke="{COLORS[key]}" stroke-width="2"/>'
            )
        else:
            out.append(f'<rect x="{lx}" y="{ly - 10}" width="12" height="10" fill="{COLORS[key]}"/>')
        out.append(_text(lx + 16, ly, label, anchor="start", size=10))
        lx += 16 + int(len(label) * 5.5) + 12
    out.append("</svg>")
    return "\n".join(out)
