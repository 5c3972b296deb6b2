"""The plain-text cleaner: article paragraphs survive verbatim, page furniture goes, metadata is found."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from geobrief.ingest.clean import clean_text, patterns

P1 = (
    "Russia and North Korea signed a treaty on Wednesday that obliges each side to come to the other's aid "
    "if it is attacked, the most far-reaching agreement between the two countries since the Cold War."
)
P2 = (
    "The pact, signed in Pyongyang during Vladimir Putin's first visit in 24 years, was described by Kim Jong Un "
    "as an alliance, a word the Kremlin was careful to avoid in its own statements."
)
P3 = (
    "Officials in Seoul said they were studying the text and would respond calmly, while Tokyo called the "
    "agreement a matter of grave concern for the security of the whole region."
)
P4 = (
    "Analysts noted that the treaty revives a mutual-assistance clause that lapsed in 1996, when Moscow "
    "replaced the Soviet-era alliance with a looser friendship agreement."
)
P5 = (
    "Whether Russia would actually fight for North Korea remains doubtful, but the symbolism matters: "
    "Pyongyang has a great power's signature under its security guarantee for the first time in decades."
)

SCRAPED = f"""The Harbour Ledger
Home | World | Asia | Opinion | Podcasts | Newsletters
Politics  Economy  Security  Culture  Events
Subscribe
Sign in

Putin and Kim sign a mutual-defence pact in Pyongyang

The treaty is the closest the two countries have been since the Soviet era.

By Jane Morrow
Published 19 June 2024
Share this article
Facebook | X | LinkedIn | Email

Vladimir Putin and Kim Jong Un at the signing ceremony
Vladimir Putin and Kim Jong Un shake hands after signing the treaty in Pyongyang. © Getty Images
×

Key takeaways
• Each side must help the other if it is attacked
• The clause revives a Soviet-era commitment
• Seoul and Tokyo are alarmed

{P1}

{P2}

Advertisement
300x250 Ad

A treaty with teeth

300x250 Ad{P3}

{P4}

Photo: Reuters

Read more:
Kim's armoured train: a history of slow diplomacy
Why Russia is running short of shells

{P5}

Jane Morrow is a senior fellow at the Institute for Pacific Studies in Honolulu.

Related reports
How the Soviet alliance ended
The panel of experts that cannot agree
Tags: Russia, North Korea, treaties
Scroll to top
Subscribe to our newsletter for the week's best analysis, delivered to your inbox.
This website uses cookies to improve your experience.
© 2024 The Harbour Ledger. All rights reserved.
"""


@pytest.fixture(scope="module")
def cleaned():
    return clean_text(SCRAPED, filename="treaty.txt")


def test_body_paragraphs_are_kept_verbatim_and_in_order(cleaned) -> None:
    paras = cleaned.text.split("\n\n")
    body = [p for p in paras if p in (P1, P2, P3, P4, P5)]
    assert body == [P1, P2, P3, P4, P5]


def test_article_heading_and_dek_are_kept(cleaned) -> None:
    paras = cleaned.text.split("\n\n")
    assert "A treaty with teeth" in paras
    assert "The treaty is the closest the two countries have been since the Soviet era." in paras


@pytest.mark.parametrize(
    "junk",
    [
        "Home | World",
        "Politics  Economy",
        "Subscribe",
        "Sign in",
        "Share this article",
        "Facebook | X",
        "© Getty Images",
        "signing ceremony",
        "×",
        "Advertisement",
        "300x250 Ad",
        "Photo: Reuters",
        "Read more",
        "armoured train",
        "Related reports",
        "Soviet alliance ended",
        "Tags:",
        "Scroll to top",
        "newsletter",
        "cookies",
        "All rights reserved",
        "senior fellow",
        "By Jane Morrow",
        "Key takeaways",
    ],
)
def test_boilerplate_is_gone(cleaned, junk: str) -> None:
    assert junk not in cleaned.text


def test_metadata(cleaned) -> None:
    assert cleaned.title == "Putin and Kim sign a mutual-defence pact in Pyongyang"
    assert cleaned.author == "Jane Morrow"
    assert cleaned.publisher == "The Harbour Ledger"
    assert (cleaned.published, cleaned.published_inferred) == ("2024-06-19", False)
    assert cleaned.summary == (
        "Each side must help the other if it is attacked\n"
        "The clause revives a Soviet-era commitment\n"
        "Seoul and Tokyo are alarmed"
    )


def test_removed_lists_dropped_lines_and_glued_ad_marker(cleaned) -> None:
    assert "Scroll to top" in cleaned.removed
    assert "300x250 Ad" in cleaned.removed
    assert any("© Getty Images" in r for r in cleaned.removed)
    assert P3 in cleaned.text.split("\n\n")  # "300x250 Ad" glued to it was cut off, the paragraph kept


def test_bio_at_start_gives_author_and_leaves_text() -> None:
    bio = "Anna Kowalski is a professor of international relations at the University of Warsaw."
    out = clean_text(f"{bio}\n{P1}\n{P2}\n{P3}")
    assert out.author == "Anna Kowalski"
    assert bio not in out.text and out.text.split("\n\n") == [P1, P2, P3]


def test_more_from_names_the_author_and_is_dropped() -> None:
    out = clean_text(f"Title of the piece goes here\n\n{P1}\n\nMore from Peter Novak\n\n{P2}\n\n{P3}")
    assert out.author == "Peter Novak"
    assert "More from" not in out.text and P2 in out.text


def test_dates_from_file_name_screenshot_and_text_are_inferred() -> None:
    assert clean_text(f"{P1}\n{P2}", filename="2024-06-19_treaty.txt").published == "2024-06-19"
    shot = clean_text(f"Screenshot 2023-11-02 at 10.15.00.png\n{P1}\n{P2}")
    assert (shot.published, shot.published_inferred) == ("2023-11-02", True)
    assert "Screenshot" not in shot.text
    text = clean_text(f"{P1}\nThe talks began on 3 March 2023 and ended in May 2024.\n{P2}")
    assert (text.published, text.published_inferred) == ("2024-05-01", True)
    lead = clean_text(f"June 19, 2024 — {P1}\n{P2}")
    assert (lead.published, lead.published_inferred) == ("2024-06-19", False)
    assert lead.text.startswith("June 19, 2024 — ")  # a dateline paragraph stays whole


def test_byline_names_stop_before_roles_and_dates() -> None:
    out = clean_text(f"By Meg James Staff Writer\nUpdated Nov 3, 2019 10:07 AM\n{P1}\n{P2}\n{P3}")
    assert (out.author, out.published, out.published_inferred) == ("Meg James", "2019-11-03", False)
    assert "Staff Writer" not in out.text


def test_site_tail_is_split_only_when_it_is_a_site() -> None:
    page = clean_text(f"Seoul and Tokyo agree to resume talks | Pacific News\n\n{P1}\n\n{P2}\n\n{P3}")
    assert (page.title, page.publisher) == ("Seoul and Tokyo agree to resume talks", "Pacific News")
    quote = clean_text(f"Abortion not a poll issue - Blair\n\n{P1}\n\n{P2}\n\n{P3}")
    assert (quote.title, quote.publisher) == ("Abortion not a poll issue - Blair", None)


def test_hex_file_names_are_not_dates() -> None:
    assert clean_text(P1, filename="000_67b2659f66719304.txt").published is None


def test_caption_credits_and_screenshot_names() -> None:
    text = "\n".join(
        [
            P1,
            "Protesters in Seoul (AFP)",
            "IMG_1234.jpg",
            "Screen Shot 2024-06-20 at 12.00.02 PM",
            P2,
            "A tanker off Nampo. Photo: Maxar Technologies / Reuters",
            P3,
        ]
    )
    out = clean_text(text)
    assert out.text.split("\n\n") == [P1, P2, P3]


def test_clean_input_is_left_alone() -> None:
    raw = f"Seoul and Tokyo agree to resume talks\n\n{P1}\n\nBackground\n\n{P2}\n\n{P3}\n\nIt did not really matter."
    out = clean_text(raw)
    assert out.title == "Seoul and Tokyo agree to resume talks"
    assert out.text.split("\n\n") == [P1, "Background", P2, P3, "It did not really matter."]
    assert out.removed == []


def test_patterns_are_versioned_data() -> None:
    assert isinstance(patterns()["version"], int)
    assert patterns() is patterns()  # loaded once


@pytest.mark.parametrize("raw", ["", "   \n\n", "×", "Advertisement", "Hello."])
def test_degenerate_inputs(raw: str) -> None:
    out = clean_text(raw)
    assert isinstance(out.text, str)


def _assert_subsequence(raw: str) -> None:
    out = clean_text(raw)
    source = [line.strip() for line in raw.splitlines()]
    k = 0
    for para in out.text.split("\n\n") if out.text else []:
        while k < len(source) and para not in source[k]:  # kept lines are input lines, in order
            k += 1
        assert k < len(source), para
        k += 1


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=600))
def test_never_raises_and_never_invents_text(raw: str) -> None:
    _assert_subsequence(raw)


PAGE_LINES = [
    P1,
    P2,
    P3,
    P4,
    P5,
    "",
    "",
    "Advertisement",
    "300x250 Ad",
    "300x250 Ad" + P2,
    "×",
    "Scroll to top",
    "Related reports",
    "A treaty with teeth",
    "By Jane Morrow",
    "Published 19 June 2024",
    "Home | World",
    "Photo: Reuters",
    "Comments",
    "12 Comments",
    "© 2024 The Harbour Ledger",
    "In a nutshell",
    "• A point",
    "Jane Morrow is a senior fellow at the Institute for Pacific Studies.",
    "More from Jane Morrow",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PAGE_LINES), max_size=40))
def test_pages_of_mixed_lines_keep_only_input_lines(lines: list[str]) -> None:
    _assert_subsequence("\n".join(lines))


# ---------------------------------------------------------------------- the three seed articles

SEED_JUNK = [
    "300x250 Ad",
    "×",
    "© Getty Images",
    "Screen Shot",
    "Related reports",
    "Scroll to top",
    "More from",
    "contact us",
    "Politics Foreign Affairs Culture Fellows Program",
]


def _seeds(shared: Path) -> dict[str, object]:
    seeds = sorted((shared / "corpus" / "seeds").glob("*.txt"))
    assert len(seeds) == 3
    return {p.name[:3]: clean_text(p.read_text(encoding="utf-8"), filename=p.name) for p in seeds}


def test_seed_articles(shared: Path) -> None:
    out = _seeds(shared)
    for name, ex in out.items():
        for junk in SEED_JUNK:
            assert junk not in ex.text, (name, junk)
        assert len(ex.text.split()) > 600, name
    assert out["002"].title == "Russia and North Korea: Similar bed, different dreams"
    assert out["003"].title == "North Korea’s Russian Turn Is More Bark Than Bite"
    assert out["002"].author == "Peter Brookes"
    assert out["000"].author == "Sergey Radchenko"
    assert out["002"].summary.splitlines() == [
        "Russia’s invasion of Ukraine made the relationship with North Korea more relevant",
        "Pyongyang seeks military, economic and diplomatic aid from the Kremlin",
        "Both sides have reasons to stop short of a permanent, full-fledged embrace",
    ]
    assert "In a nutshell" not in out["002"].text
    for heading in ("History of ties", "Scenarios", "More likely: Temporary transactional relationship"):
        assert heading in out["002"].text.split("\n\n")
    assert out["003"].published == "2024-06-20" and out["003"].published_inferred


def test_clean_bbc_articles_keep_their_body(shared: Path) -> None:
    """Text without boilerplate must come through: title found, body lines kept."""
    files = sorted((shared / "corpus" / "bbc" / "news").glob("*/*.txt"))[::5]
    kept = total = titles = 0
    for path in files:
        lines = [x.strip() for x in path.read_text(encoding="utf-8", errors="replace").splitlines() if x.strip()]
        out = clean_text("\n".join(lines))
        paras = set(out.text.split("\n\n"))
        titles += out.title == lines[0]
        kept += sum(line in paras for line in lines[1:])
        total += len(lines) - 1
    # what is lost: sports results, line-ups and award lists trailing the prose (short lines)
    assert titles / len(files) >= 0.97 and kept / total >= 0.93, (titles / len(files), kept / total)
