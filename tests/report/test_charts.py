"""The dyad chart: valid standalone SVG, escaped text, nothing external, byte-stable output."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from geobrief.analysis.series import dyad_series
from geobrief.report.charts import series_svg

SVG = "{http://www.w3.org/2000/svg}"


def rows(n: int = 3, by: str = "year") -> list[dict]:
    events = []
    for i in range(n):
        period = f"{2000 + i}-01-15" if by == "year" else f"{2000 + i // 12}-{i % 12 + 1:02d}-15"
        events += [
            {
                "source": "RUS",
                "target": "PRK",
                "quad_class": 1 + i % 4,
                "intensity": 3.0 - i,
                "modality": "asserted",
                "when": {"start": period, "precision": "day"},
            },
            {
                "source": "PRK",
                "target": "RUS",
                "quad_class": 4,
                "intensity": -10.0,
                "modality": "asserted",
                "when": {"start": period, "precision": "day"},
            },
        ]
    return dyad_series(events, ["RUS"], ["PRK"], by=by)


def test_svg_is_valid_xml_with_bars_line_axes_and_legend() -> None:
    svg = series_svg(rows(), "Russia – North Korea, by year")
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg"
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert "Russia – North Korea, by year" in texts
    assert {"2000", "2001", "2002"} <= set(texts)
    assert {"verbal cooperation", "material cooperation", "verbal conflict", "material conflict"} <= set(texts)
    assert "cooperation" in texts and "conflict" in texts and "intensity" in texts
    assert len(list(root.iter(f"{SVG}rect"))) >= 6
    assert len(list(root.iter(f"{SVG}polyline"))) == 1


def test_hostile_title_is_escaped_and_nothing_external() -> None:
    hostile = '</title><script>alert("x")</script> & <a href="http://evil">'
    svg = series_svg(rows(), hostile)
    root = ET.fromstring(svg)
    assert not list(root.iter(f"{SVG}script")) and not list(root.iter(f"{SVG}a"))
    assert root.find(f"{SVG}title").text == hostile
    assert "<script" not in svg and "<a " not in svg
    plain = series_svg(rows(), "plain")
    assert "href" not in plain and "@import" not in plain and "url(" not in plain
    assert "http://" not in plain.replace('xmlns="http://www.w3.org/2000/svg"', "")


def test_deterministic_and_labels_thinned_for_long_monthly_series() -> None:
    data = rows(60, by="month")
    assert series_svg(data, "t") == series_svg([dict(r) for r in data], "t")
    root = ET.fromstring(series_svg(data, "t"))
    labels = [t.text for t in root.iter(f"{SVG}text") if t.text and t.text[:2] == "20" and "-" in t.text]
    assert 2 < len(labels) < 60 and labels[-1] == "2004-12"


def test_empty_series_still_renders() -> None:
    root = ET.fromstring(series_svg([], "Nothing"))
    assert "No events" in [t.text for t in root.iter(f"{SVG}text")]
