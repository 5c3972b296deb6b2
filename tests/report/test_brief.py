"""The analyst's brief: sections, citations that resolve to stored spans, escaping, the empty case."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

import geobrief
from geobrief.cli import main
from geobrief.report.brief import to_html, to_markdown

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "corpus"
HOSTILE = (
    "Seoul warns Pyongyang <script>alert('x')</script>\n\n"
    "South Korea's defence minister said on Monday that North Korea will likely launch another satellite "
    "this year. “We will respond <img src=x onerror=alert(1)> firmly,” the minister said.\n"
)


@pytest.fixture(scope="module")
def gb(tmp_path_factory: pytest.TempPathFactory):
    tmp = tmp_path_factory.mktemp("brief")
    (tmp / "hostile.txt").write_text(HOSTILE)
    with geobrief.open(tmp / "b.db") as g:
        g.ingest([str(EXAMPLES), str(tmp / "hostile.txt")])
        yield g


def test_brief_sections_and_citations(gb) -> None:
    brief = gb.brief("Russia", "North Korea")
    assert brief.title == "Russia – North Korea" and not brief.empty
    assert 3 <= len(brief.nutshell) <= 5
    assert brief.timeline and all(line.when for line in brief.timeline)
    assert brief.wants["Russia"] and brief.wants["North Korea"]
    assert brief.forecasts and brief.quotes and brief.sources
    texts = {d["id"]: gb.store.document(d["id"]).text for d in brief.sources}
    lines = [*brief.nutshell, *brief.timeline, *brief.quotes, *brief.disagreements]
    lines += [x for section in (*brief.wants.values(), *brief.forecasts.values()) for x in section]
    for line in lines:
        assert line.cites
        for c in line.cites:
            assert c.doc in texts and 0 <= c.start < c.end <= len(texts[c.doc])
    md = to_markdown(brief)
    for heading in (
        "In a nutshell",
        "Timeline",
        "What each side wants",
        "Scenarios and forecasts",
        "Where sources disagree",
        "Key quotes",
        "Sources",
    ):
        assert f"## {heading}" in md
    assert "%–" in md  # estimative bands as numbers


def test_html_is_self_contained_and_escaped(gb) -> None:
    brief = gb.brief("South Korea", "North Korea")
    texts = {d["id"]: gb.store.document(d["id"]).text for d in brief.sources}
    page = to_html(brief, texts)
    assert "<script" not in page and "<img" not in page
    assert "&lt;script&gt;" in page  # the hostile document is a source, its title shown as text
    assert not re.search(r"(src|href)=[\"']?https?:", page)
    for cite in re.finditer(r'data-doc="(\w+)" data-start="(\d+)" data-end="(\d+)"', page):
        doc, start, end = cite.group(1), int(cite.group(2)), int(cite.group(3))
        assert doc in texts and start < end <= len(texts[doc])
        assert f"id='src-{doc}'" in page


def test_cli_brief_files_and_empty_dyad(gb, tmp_path: Path) -> None:
    db = gb.store.url.removeprefix("sqlite:///")
    out = CliRunner().invoke(main, ["brief", "Russia", "North Korea", "--db", db, "-o", str(tmp_path / "b.html")])
    assert out.exit_code == 0, out.output
    assert "In a nutshell:" in out.output and (tmp_path / "b.html").read_text().startswith("<!doctype html>")
    empty = CliRunner().invoke(main, ["brief", "Brazil", "Iceland", "--db", db, "-o", str(tmp_path / "e.md")])
    assert empty.exit_code == 0 and "were found" in (tmp_path / "e.md").read_text()
    bad = CliRunner().invoke(main, ["brief", "Russia", "--db", db, "-o", str(tmp_path / "b.docx")])
    assert bad.exit_code != 0


def test_seed_brief_is_a_digest_of_the_three_articles(seeds_db) -> None:
    """Issue 7: over the founding articles, a timeline from the 1940s to 2024, what each side wants, each
    source's forecasts with their bands, the quotes with their speakers, the sources' voices."""
    with geobrief.open(seeds_db) as g:
        brief = g.brief("Russia", "North Korea")
        texts = {d["id"]: g.store.document(d["id"]).text for d in brief.sources}
    assert len(brief.sources) == 3
    years = [int(line.when[:4]) for line in brief.timeline]
    assert years == sorted(years) and years[0] < 1950 and years[-1] == 2024
    coded = {line.when[:4] for line in brief.timeline if "→" in line.text or "↔" in line.text}
    assert {"1950", "2000", "2023"} <= coded
    assert brief.wants["Russia"] and brief.wants["North Korea"]
    assert any("ammunition" in line.text for line in brief.wants["Russia"])
    assert len(brief.forecasts) == 3  # every source's forecasts, with bands
    banded = [line.text for lines in brief.forecasts.values() for line in lines]
    assert any("“More likely” (55%–80%)" in t for t in banded) and any("“Less likely” (20%–45%)" in t for t in banded)
    quotes = {line.text for line in brief.quotes}
    assert "Kim Yong Nam: “worn-out shoes”" in quotes and "Joseph Stalin: “god of war”" in quotes
    assert 3 <= len(brief.nutshell) <= 5 and any("read differently" in line.text for line in brief.nutshell)
    voices = [re.findall(r": (alarmed|transactional|dismissive|neutral)\b", line.text)[0] for line in brief.voices]
    assert sorted(voices) == ["alarmed", "dismissive", "transactional"]
    for line in [*brief.nutshell, *brief.timeline, *brief.voices, *brief.quotes]:
        for c in line.cites:
            assert c.doc in texts and 0 <= c.start < c.end <= len(texts[c.doc])
