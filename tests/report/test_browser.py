"""The HTML brief in real headless Chromium: every section renders, every citation resolves to a span of
a stored document, a screenshot is saved, and the PDF is made from the same page."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

import geobrief
from geobrief.report.brief import to_html
from geobrief.report.browser import find_chromium, html_to_pdf, rendered_dom, screenshot

ROOT = Path(__file__).resolve().parents[2]
SECTIONS = ("nutshell", "timeline", "wants", "forecasts", "disagreements", "quotes", "sources")

pytestmark = pytest.mark.skipif(find_chromium() is None, reason="Chromium is not installed (make test installs it)")


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    tmp = tmp_path_factory.mktemp("browser")
    with geobrief.open(tmp / "b.db") as gb:
        gb.ingest([str(ROOT / "examples" / "corpus")])
        brief = gb.brief("Russia", "North Korea")
        texts = {d["id"]: gb.store.document(d["id"]).text for d in gb.docs()}
    path = tmp / "brief.html"
    path.write_text(to_html(brief, texts), encoding="utf-8")
    return path, texts


def test_rendered_brief_sections_and_citations(page: tuple[Path, dict[str, str]]) -> None:
    path, texts = page
    dom = rendered_dom(path)
    for section in SECTIONS:
        assert re.search(rf'<section id="?{section}"?>\s*<h2>', dom), section
    cites = re.findall(r'<a class="cite" href="#src-(\w+)" data-doc="\w+" data-start="(\d+)" data-end="(\d+)"', dom)
    assert len(cites) > 20
    for doc, start, end in cites:
        assert doc in texts, doc
        assert 0 <= int(start) < int(end) <= len(texts[doc])
        assert f'id="src-{doc}"' in dom  # the link lands on the source list


def test_screenshot_and_pdf(page: tuple[Path, dict[str, str]], tmp_path: Path) -> None:
    path, _ = page
    png = screenshot(path, ROOT / "build" / "screenshots" / "brief.png")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 20_000
    pdf = html_to_pdf(path, tmp_path / "brief.pdf")
    assert pdf.read_bytes()[:5] == b"%PDF-" and pdf.stat().st_size > 10_000
    shutil.copy(pdf, ROOT / "build" / "screenshots" / "brief.pdf")


def test_cli_writes_pdf(page: tuple[Path, dict[str, str]], tmp_path: Path) -> None:
    from click.testing import CliRunner

    from geobrief.cli import main

    db = page[0].parent / "b.db"
    out = CliRunner().invoke(main, ["brief", "Russia", "North Korea", "--db", str(db), "-o", str(tmp_path / "b.pdf")])
    assert out.exit_code == 0, out.output
    assert (tmp_path / "b.pdf").read_bytes()[:5] == b"%PDF-"
