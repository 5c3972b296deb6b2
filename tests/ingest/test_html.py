"""The HTML extractor: the article's paragraphs, none of the page around them, and its metadata."""

from __future__ import annotations

import re

import pytest

from geobrief.ingest.html import densest_block, extract_html

P1 = (
    "China and Russia held joint naval drills in the Sea of Japan on Monday, the first such exercise since "
    "Moscow and Pyongyang signed their defence pact, officials in Beijing said."
)
P2 = (
    "Eleven warships and two submarines took part in the five-day exercise, which the Chinese defence ministry "
    "said was not aimed at any third party and was part of an annual cooperation plan."
)
P3 = (
    "Japan's defence ministry said it was monitoring the drills closely and had scrambled aircraft after two "
    "Russian bombers flew over international waters near Hokkaido on Sunday evening."
)
P4 = (
    "The exercises come as Washington, Seoul and Tokyo prepare their own trilateral drills later this month, "
    "which Pyongyang has denounced as rehearsals for an invasion of the North."
)

PAGE = f"""<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8">
<title>China and Russia hold naval drills in Sea of Japan | The Pacific Courier</title>
<meta property="og:title" content="China and Russia hold naval drills in Sea of Japan">
<meta property="og:site_name" content="The Pacific Courier">
<meta name="author" content="Mei Lin Tanaka">
<meta property="article:published_time" content="2024-07-15T08:30:00Z">
<link rel="canonical" href="https://pacific-courier.example/2024/07/15/naval-drills">
<script>window.ads = [];</script>
</head><body>
<header><div class="logo">The Pacific Courier</div>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/asia">Asia</a></li>
<li><a href="/opinion">Opinion</a></li></ul></nav></header>
<div class="ad-slot">Advertisement</div>
<main><article>
<h1>China and Russia hold naval drills in Sea of Japan</h1>
<p class="byline">By <a href="/authors/tanaka">Mei Lin Tanaka</a></p>
<time datetime="2024-07-15">15 July 2024</time>
<div class="share"><a>Share this article</a> <a>Facebook</a> <a>X</a> <a>Email</a></div>
<figure><img src="drills.jpg" alt=""><figcaption>Chinese and Russian warships in the Sea of Japan.
Photo: Reuters</figcaption></figure>
<p>{P1}</p>
<p>{P2}</p>
<div class="ad">300x250 Ad</div>
<h2>Tokyo watches</h2>
<p>{P3}</p>
<p>{P4}</p>
<p>Sign up for our Asia newsletter, delivered to your inbox every morning.</p>
<p class="bio">Mei Lin Tanaka is a correspondent for The Pacific Courier in Tokyo.</p>
</article>
<aside><h3>Related reports</h3><ul><li><a>The panel of experts that cannot agree</a></li>
<li><a>How the Soviet alliance ended</a></li></ul></aside>
</main>
<footer><p>© 2024 The Pacific Courier. All rights reserved.</p><a>Privacy policy</a><a>Contact us</a></footer>
</body></html>"""


@pytest.fixture(scope="module")
def page():
    return extract_html(PAGE)


def test_article_paragraphs_are_kept_in_order(page) -> None:
    paras = page.text.split("\n\n")
    assert [p for p in paras if p in (P1, P2, P3, P4)] == [P1, P2, P3, P4]
    assert "Tokyo watches" in paras


@pytest.mark.parametrize(
    "junk",
    [
        "Home",
        "Advertisement",
        "300x250",
        "Share this article",
        "Photo: Reuters",
        "newsletter",
        "Related reports",
        "panel of experts",
        "All rights reserved",
        "Privacy",
        "window.ads",
        "China and Russia hold naval drills in Sea of Japan",
    ],
)
def test_page_furniture_is_gone(page, junk: str) -> None:
    assert junk not in page.text


def test_metadata_from_the_page(page) -> None:
    assert page.title == "China and Russia hold naval drills in Sea of Japan"
    assert page.author == "Mei Lin Tanaka"
    assert page.publisher == "The Pacific Courier"
    assert (page.published, page.published_inferred) == ("2024-07-15", False)
    assert page.url == "https://pacific-courier.example/2024/07/15/naval-drills"


def test_bytes_and_url_argument() -> None:
    no_canonical = re.sub(r"<link rel=\"canonical\"[^>]*>", "", PAGE)
    out = extract_html(no_canonical.encode("utf-8"), url="https://example.org/a")
    assert P1 in out.text and out.url == "https://example.org/a"


@pytest.mark.parametrize(
    "html",
    [
        "",
        "   ",
        b"",
        "<html",
        "<<<>>>",
        "<p>unclosed <b>tags <i>everywhere",
        b"\x00\xff\xfe garbage \x89PNG",
        "<html><body></body></html>",
        "<html><body><script>var x = 1;</script></body></html>",
        "not html at all",
    ],
)
def test_malformed_input_never_raises(html: str | bytes) -> None:
    out = extract_html(html)
    assert isinstance(out.text, str)


def test_fallback_takes_the_densest_block_of_paragraphs() -> None:
    html = (
        "<html><body><div id='menu'><p>Home</p><p>World</p></div>"
        f"<div id='story'><p>{P1}</p><p>{P2}</p><p>{P3}</p></div>"
        "<div id='foot'><p>Contact</p></div></body></html>"
    )
    assert densest_block(html).split("\n") == [P1, P2, P3]
    assert densest_block("") == ""


def test_headline_repeated_after_breadcrumb_is_dropped() -> None:
    html = (
        "<html><head><title>Drills in the Sea of Japan</title></head><body><article>"
        "<p>World / Asia</p><h1>Drills in the Sea of Japan</h1>"
        f"<p>{P1}</p><p>{P2}</p><p>{P3}</p></article></body></html>"
    )
    out = extract_html(html)
    assert out.title == "Drills in the Sea of Japan"
    assert out.text.split("\n\n")[0] == P1


def test_page_without_an_article_still_gives_its_metadata() -> None:
    html = (
        "<html><head><title>Short note | Harbour Dispatch</title>"
        '<meta property="og:site_name" content="Harbour Dispatch"></head><body><p>Back soon.</p></body></html>'
    )
    out = extract_html(html)
    assert (out.title, out.publisher) == ("Short note", "Harbour Dispatch")
    assert out.text == "Back soon."
