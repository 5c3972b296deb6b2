"""The temporal tagger: each date form resolved to the right interval, precision and anchor; look-alikes
left alone; never raising. No spaCy needed (sentences come from the tagger's own splitter)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from geobrief.nlp.timex import Timex, durations, infer_publication_date, narrative_times, tag, tag_all

PUB = dt.date(2024, 6, 19)  # a Wednesday
D = dt.date
SEEDS = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "seeds"


def one(text: str, published: dt.date | None = PUB) -> Timex:
    found = tag(text, published)
    assert len(found) == 1, [t.text for t in found]
    return found[0]


def find(timexes: list[Timex], text: str) -> Timex:
    hits = [t for t in timexes if t.text == text]
    assert hits, f"{text!r} not among {[t.text for t in timexes]}"
    return hits[0]


@pytest.mark.parametrize(
    ("text", "span", "lo", "hi", "precision", "anchor"),
    [
        ("It happened on June 19, 2024.", "June 19, 2024", D(2024, 6, 19), D(2024, 6, 19), "day", "absolute"),
        ("It happened on 19 June 2024.", "19 June 2024", D(2024, 6, 19), D(2024, 6, 19), "day", "absolute"),
        ("Filed 2024-06-19 in Seoul.", "2024-06-19", D(2024, 6, 19), D(2024, 6, 19), "day", "absolute"),
        (
            "The summit on Wednesday, June 12, 2024 ended.",
            "Wednesday, June 12, 2024",
            D(2024, 6, 12),
            D(2024, 6, 12),
            "day",
            "absolute",
        ),
        ("They met on June 3.", "June 3", D(2024, 6, 3), D(2024, 6, 3), "day", "publication"),
        ("Talks resume Sept. 13 in Geneva.", "Sept. 13", D(2024, 9, 13), D(2024, 9, 13), "day", "publication"),
        ("He signed it in January 1950.", "January 1950", D(1950, 1, 1), D(1950, 1, 31), "month", "absolute"),
        ("It fell in late November 1989.", "late November 1989", D(1989, 11, 20), D(1989, 11, 30), "month", "absolute"),
        ("Troops left in March.", "March", D(2024, 3, 1), D(2024, 3, 31), "month", "publication"),
        (
            "It was built in the spring of 2023.",
            "the spring of 2023",
            D(2023, 3, 1),
            D(2023, 5, 31),
            "season",
            "absolute",
        ),
        ("Fighting stopped last summer.", "last summer", D(2023, 6, 1), D(2023, 8, 31), "season", "publication"),
        ("The winter of 2022 was harsh.", "The winter of 2022", D(2022, 12, 1), D(2023, 2, 28), "season", "absolute"),
        ("The treaty was signed in 1995.", "1995", D(1995, 1, 1), D(1995, 12, 31), "year", "absolute"),
        ("Trade reached its peak by 2014.", "2014", D(2014, 1, 1), D(2014, 12, 31), "year", "absolute"),
        ("Unrest spread in the 1960s.", "the 1960s", D(1960, 1, 1), D(1969, 12, 31), "decade", "absolute"),
        ("In the early 2000s ties warmed.", "the early 2000s", D(2000, 1, 1), D(2003, 12, 31), "decade", "absolute"),
        ("By the late 1980s it was over.", "the late 1980s", D(1987, 1, 1), D(1989, 12, 31), "decade", "absolute"),
        ("Back in the mid-1990s it was.", "the mid-1990s", D(1993, 1, 1), D(1996, 12, 31), "decade", "absolute"),
        ("As in the ’70s, they fought.", "the ’70s", D(1970, 1, 1), D(1979, 12, 31), "decade", "absolute"),
        ("As in the '70s, they fought.", "the '70s", D(1970, 1, 1), D(1979, 12, 31), "decade", "absolute"),
        ("Wars of the 20th century.", "the 20th century", D(1900, 1, 1), D(1999, 12, 31), "century", "absolute"),
        (
            "Borders drawn in the early 19th century.",
            "the early 19th century",
            D(1800, 1, 1),
            D(1833, 12, 31),
            "century",
            "absolute",
        ),
        ("The 1904–1905 war.", "1904–1905", D(1904, 1, 1), D(1905, 12, 31), "year", "absolute"),
        ("The 1904-1905 war with Japan.", "1904-1905", D(1904, 1, 1), D(1905, 12, 31), "year", "absolute"),
        ("He ruled from 1948 to 1994.", "from 1948 to 1994", D(1948, 1, 1), D(1994, 12, 31), "year", "absolute"),
        (
            "It raged between 1950 and 1953.",
            "between 1950 and 1953",
            D(1950, 1, 1),
            D(1953, 12, 31),
            "year",
            "absolute",
        ),
        ("Kim Il-sung (1948-1994) ruled.", "1948-1994", D(1948, 1, 1), D(1994, 12, 31), "year", "absolute"),
        (
            "from June 1950 to July 1953",
            "from June 1950 to July 1953",
            D(1950, 6, 1),
            D(1953, 7, 31),
            "month",
            "absolute",
        ),
        ("The minister spoke today.", "today", PUB, PUB, "day", "publication"),
        ("The minister spoke yesterday.", "yesterday", D(2024, 6, 18), D(2024, 6, 18), "day", "publication"),
        ("Putin is in Pyongyang this week.", "this week", D(2024, 6, 17), D(2024, 6, 23), "week", "publication"),
        ("He was in Hanoi last week.", "last week", D(2024, 6, 10), D(2024, 6, 16), "week", "publication"),
        ("The envoy arrived on Monday.", "Monday", D(2024, 6, 17), D(2024, 6, 17), "day", "publication"),
        ("The envoy arrived on Wednesday.", "Wednesday", PUB, PUB, "day", "publication"),
        ("Exports fell last year.", "last year", D(2023, 1, 1), D(2023, 12, 31), "year", "publication"),
        ("Talks open next month.", "next month", D(2024, 7, 1), D(2024, 7, 31), "month", "publication"),
        ("It was agreed earlier this month.", "earlier this month", D(2024, 6, 1), PUB, "month", "publication"),
        ("It was agreed earlier this year.", "earlier this year", D(2024, 1, 1), PUB, "year", "publication"),
        ("It started three decades ago.", "three decades ago", D(1990, 1, 1), D(1999, 12, 31), "decade", "publication"),
        ("It started two years ago.", "two years ago", D(2022, 1, 1), D(2022, 12, 31), "year", "publication"),
        (
            "It started more than three decades ago.",
            "more than three decades ago",
            D(1990, 1, 1),
            D(1999, 12, 31),
            "decade",
            "publication",
        ),
        (
            "The deal was signed in July last year.",
            "July last year",
            D(2023, 7, 1),
            D(2023, 7, 31),
            "month",
            "publication",
        ),
    ],
)
def test_forms(text: str, span: str, lo: dt.date, hi: dt.date, precision: str, anchor: str) -> None:
    t = one(text)
    assert (t.text, t.value_start, t.value_end, t.precision, t.anchor) == (span, lo, hi, precision, anchor)
    assert text[t.start : t.end] == t.text


@pytest.mark.parametrize(
    "text",
    [
        "Trade surged to over $28 billion.",
        "Troops massed along the 38th parallel.",
        "Some 1,000 troops crossed; 1500 soldiers stayed.",
        "The TK-208 missile and flight 2014 crashed.",
        "Under Article 4 and Article 1945 of the charter.",
        "See page 1987 of the report.",
        "The rebels held the city for two years.",
        "It has lasted three decades.",
        "Screen Shot at 12.00.02 PM",
        "They may march on the capital.",
        "The fall of the Berlin Wall shocked Moscow.",
        "Russia has recently and now openly backed them.",
        "A 1000-page report and 2,024 votes.",
        "",
    ],
)
def test_look_alikes_are_not_dates(text: str) -> None:
    assert tag(text, PUB) == []


def test_durations_are_kept_apart() -> None:
    text = "The rebels held the city for two years and then three decades passed."
    assert tag(text, PUB) == []
    assert [(t.text, t.value) for t in durations(text)] == [("two years", "P2Y"), ("three decades", "P30Y")]


def test_narrative_month_takes_the_year_of_the_story_so_far() -> None:
    text = "As late as 2021, there were few signs of change. That February, the border closed."
    t = find(tag(text, PUB), "That February")
    assert (t.value_start, t.value_end, t.precision, t.anchor) == (D(2021, 2, 1), D(2021, 2, 28), "month", "narrative")


@pytest.mark.parametrize(
    ("phrase", "lo", "hi", "precision"),
    [
        ("the following year", D(1951, 1, 1), D(1951, 12, 31), "year"),
        ("A month later", D(1950, 7, 1), D(1950, 7, 31), "month"),
        ("That same year", D(1950, 1, 1), D(1950, 12, 31), "year"),
        ("The next day", D(1950, 6, 26), D(1950, 6, 26), "day"),
    ],
)
def test_times_relative_to_the_narrative(phrase: str, lo: dt.date, hi: dt.date, precision: str) -> None:
    text = f"The North invaded on June 25, 1950. {phrase}, the Security Council met."
    t = find(tag(text, PUB), phrase)
    assert (t.value_start, t.value_end, t.precision, t.anchor) == (lo, hi, precision, "narrative")


def test_narrative_times_carry_over_sentences() -> None:
    text = "Nothing changed. As late as 2021, few signs. Talks stalled. That February, the border closed."
    sentences = [(0, 16), (17, 44), (45, 59), (60, len(text))]
    times = narrative_times(text, PUB, sentences, tag(text, PUB, sentences=sentences))
    assert times[0] is None
    assert times[1] == (D(2021, 1, 1), D(2021, 12, 31), "year")
    assert times[2] == times[1]
    assert times[3] == (D(2021, 2, 1), D(2021, 2, 28), "month")


def test_without_publication_date_relative_expressions_are_skipped() -> None:
    found = tag("Yesterday, talks resumed after the 1953 armistice.", None)
    assert [t.text for t in found] == ["1953"]


def test_infer_publication_date_from_the_latest_mention() -> None:
    text = "In 1950 war broke out. Talks in March 2024 failed; on June 12, 2024 envoys met. A 2030 target remains."
    assert infer_publication_date(text.replace("A 2030", "By 2030 a")) == D(2024, 6, 12)
    assert infer_publication_date("No dates at all here.") is None


def test_eval_mode_adds_timeml_values() -> None:
    found = {t.text: t.value for t in tag_all("Now, 3 p.m. daily for two years, the 1990s and 2009-2010.", PUB)}
    assert found["Now"] == "PRESENT_REF"
    assert found["3 p.m."] == "2024-06-19T15:00"
    assert found["daily"] == "P1D"
    assert found["two years"] == "P2Y"
    assert found["the 1990s"] == "199"
    assert found["2009"] == "2009" and found["2010"] == "2010"  # TimeML splits ranges


@settings(max_examples=300, deadline=None)
@given(st.text(), st.one_of(st.none(), st.dates()))
def test_never_raises_and_spans_are_sound(text: str, published: dt.date | None) -> None:
    for t in tag_all(text, published) + tag(text, published):
        assert 0 <= t.start <= t.end <= len(text)
        assert text[t.start : t.end] == t.text
        assert t.value_start <= t.value_end


_DATEY = st.lists(
    st.sampled_from(
        [
            "in",
            "June",
            "19",
            ",",
            "2024",
            "the",
            "early",
            "1960s",
            "last",
            "week",
            "that",
            "February",
            "ago",
            "two",
            "years",
            "’70s",
            "-",
            "1905",
            "Sept.",
            "spring",
            "of",
            "between",
            "and",
            "Wednesday",
            "next",
            "day",
            "$28",
            "century",
            "20th",
            "9999",
            "0000",
            "31",
            "February 30",
            "Q4",
            "quarter",
            "third",
        ]
    ),
    max_size=12,
).map(" ".join)


@settings(max_examples=400, deadline=None)
@given(_DATEY, st.one_of(st.none(), st.dates(min_value=D(1, 1, 1), max_value=D(9999, 12, 31))))
def test_date_like_text_never_raises(text: str, published: dt.date | None) -> None:
    for t in tag(text, published):
        assert text[t.start : t.end] == t.text and t.value_start <= t.value_end
        assert t.precision in ("day", "week", "month", "quarter", "season", "year", "decade", "century")
        assert t.anchor in ("absolute", "publication", "narrative")


# --- acceptance checks on the seed articles (rules are general; these only confirm them) ---


def _seed(prefix: str) -> str:
    files = sorted(SEEDS.glob(f"{prefix}_*.txt")) if SEEDS.is_dir() else []
    if not files:
        pytest.skip(f"seed article {prefix} absent under {SEEDS}")
    return files[0].read_text(encoding="utf-8")


def test_seed_000() -> None:
    found = tag(_seed("000"), D(2024, 6, 18))
    checks = {
        "September 1990": (D(1990, 9, 1), D(1990, 9, 30), "month"),
        "January 1950": (D(1950, 1, 1), D(1950, 1, 31), "month"),
        "1953": (D(1953, 1, 1), D(1953, 12, 31), "year"),
        "the early 1960s": (D(1960, 1, 1), D(1963, 12, 31), "decade"),
        "the late 1980s": (D(1987, 1, 1), D(1989, 12, 31), "decade"),
        "July 2000": (D(2000, 7, 1), D(2000, 7, 31), "month"),
        "this week": (D(2024, 6, 17), D(2024, 6, 23), "week"),
        "That February": (D(2021, 2, 1), D(2021, 2, 28), "month"),
        "more than three decades ago": (D(1990, 1, 1), D(1999, 12, 31), "decade"),
    }
    for text, expected in checks.items():
        t = find(found, text)
        assert (t.value_start, t.value_end, t.precision) == expected, text
    texts = [t.text for t in found]
    assert not any("28" in x for x in texts)  # "$28 billion"


def test_seed_002() -> None:
    found = tag(_seed("002"), D(2024, 6, 18))
    assert (find(found, "1904-1905").value_start, find(found, "1904-1905").value_end) == (
        D(1904, 1, 1),
        D(1905, 12, 31),
    )
    assert (find(found, "1948-1994").value_start, find(found, "1948-1994").value_end) == (
        D(1948, 1, 1),
        D(1994, 12, 31),
    )
    assert find(found, "the 1970s").value_start == D(1970, 1, 1)
    t = find(found, "September 13, 2023")
    assert (t.value_start, t.precision, t.anchor) == (D(2023, 9, 13), "day", "absolute")
    assert not any("38" in t.text for t in found)  # "the 38th parallel"


def test_seed_003() -> None:
    found = tag(_seed("003"), D(2024, 6, 21))
    assert find(found, "2019").value_start == D(2019, 1, 1)
    t = find(found, "earlier this year")
    assert (t.value_start, t.value_end, t.anchor) == (D(2024, 1, 1), D(2024, 6, 21), "publication")
    assert find(found, "the 1960s").value_end == D(1969, 12, 31)
    assert (find(found, "’70s").value_start, find(found, "’70s").value_end) == (D(1970, 1, 1), D(1979, 12, 31))
    assert not any(t.text.startswith("12") for t in found)  # "12.00.02 PM" is a clock time


# Every date expression of each seed article, read off the text by hand: nothing missing, nothing extra.
SEED_TIMELINES = {
    ("000", D(2024, 6, 18)): [
        ("May", "2024-05-01", "2024-05-31"),
        ("September 1990", "1990-09-01", "1990-09-30"),
        ("2024", "2024-01-01", "2024-12-31"),
        ("this week", "2024-06-17", "2024-06-23"),
        ("January 1950", "1950-01-01", "1950-01-31"),
        ("1953", "1953-01-01", "1953-12-31"),
        ("1956", "1956-01-01", "1956-12-31"),
        ("1956", "1956-01-01", "1956-12-31"),
        ("the early 1960s", "1960-01-01", "1963-12-31"),
        ("1969", "1969-01-01", "1969-12-31"),
        ("1968", "1968-01-01", "1968-12-31"),
        ("1969", "1969-01-01", "1969-12-31"),
        ("the late 1980s", "1987-01-01", "1989-12-31"),
        ("July 2000", "2000-07-01", "2000-07-31"),
        ("2014", "2014-01-01", "2014-12-31"),
        ("2021", "2021-01-01", "2021-12-31"),
        ("That February", "2021-02-01", "2021-02-28"),
        ("February 2022", "2022-02-01", "2022-02-28"),
        ("July 2023", "2023-07-01", "2023-07-31"),
        ("September 2023", "2023-09-01", "2023-09-30"),
        ("more than three decades ago", "1990-01-01", "1999-12-31"),
    ],
    ("002", D(2024, 6, 18)): [
        ("September 13, 2023", "2023-09-13", "2023-09-13"),
        ("World War II", "1939-09-01", "1945-09-02"),
        ("1945", "1945-01-01", "1945-12-31"),
        ("1904-1905", "1904-01-01", "1905-12-31"),
        ("Russo-Japanese War", "1904-02-08", "1905-09-05"),
        ("1948", "1948-01-01", "1948-12-31"),
        ("That same year", "1948-01-01", "1948-12-31"),
        ("1948-1994", "1948-01-01", "1994-12-31"),
        ("1948-1960", "1948-01-01", "1960-12-31"),
        ("June 1950", "1950-06-01", "1950-06-30"),
        ("Korean War", "1950-06-25", "1953-07-27"),
        ("1953", "1953-01-01", "1953-12-31"),
        ("Korean War", "1950-06-25", "1953-07-27"),
        ("the 1960s", "1960-01-01", "1969-12-31"),
        ("the 1970s", "1970-01-01", "1979-12-31"),
        ("1961", "1961-01-01", "1961-12-31"),
        ("1995", "1995-01-01", "1995-12-31"),
        ("the 1990s", "1990-01-01", "1999-12-31"),
        ("the early 2000s", "2000-01-01", "2003-12-31"),
        ("2019", "2019-01-01", "2019-12-31"),
        ("February 2022", "2022-02-01", "2022-02-28"),
        ("September 2023", "2023-09-01", "2023-09-30"),
        ("2017", "2017-01-01", "2017-12-31"),
    ],
    ("003", D(2024, 6, 20)): [
        ("2024-06-20", "2024-06-20", "2024-06-20"),
        ("2023", "2023-01-01", "2023-12-31"),
        ("2024", "2024-01-01", "2024-12-31"),
        ("1950", "1950-01-01", "1950-12-31"),
        ("2024", "2024-01-01", "2024-12-31"),
        ("2019", "2019-01-01", "2019-12-31"),
        ("last year", "2023-01-01", "2023-12-31"),
        ("the 1960s", "1960-01-01", "1969-12-31"),
        ("’70s", "1970-01-01", "1979-12-31"),
        ("earlier this year", "2024-01-01", "2024-06-20"),
    ],
}


@pytest.mark.parametrize(("seed", "published"), list(SEED_TIMELINES))
def test_seed_timelines_complete(seed: str, published: dt.date) -> None:
    got = [(t.text, t.value_start.isoformat(), t.value_end.isoformat()) for t in tag(_seed(seed), published)]
    assert got == SEED_TIMELINES[(seed, published)]


@pytest.mark.parametrize(
    ("text", "name", "lo", "hi"),
    [
        ("Moscow armed Pyongyang during the Korean War.", "Korean War", D(1950, 6, 25), D(1953, 7, 27)),
        ("After the Second World War the country was divided.", "Second World War", D(1939, 9, 1), D(1945, 9, 2)),
        ("Veterans of the Six-Day War met.", "Six-Day War", D(1967, 6, 5), D(1967, 6, 10)),
    ],
)
def test_named_periods(text: str, name: str, lo: dt.date, hi: dt.date) -> None:
    [t] = tag(text, D(2024, 1, 1))
    assert (t.text, t.value_start, t.value_end, t.anchor) == (name, lo, hi, "absolute")


def test_named_periods_need_their_capitals_and_stay_out_of_the_evaluation() -> None:
    assert tag("a korean war of words; the great war of attrition", D(2024, 1, 1)) == []
    assert [t.text for t in tag_all("During the Korean War in 1951.", D(2024, 1, 1))] == ["1951"]


def test_a_bound_sets_no_narrative_time() -> None:
    text = "In March 2016 Obama became the first president to visit Cuba since 1928. He met Castro."
    sentences = [(0, 73), (74, len(text))]
    times = narrative_times(text, PUB, sentences, tag(text, PUB, sentences=sentences))
    assert times[0] == times[1] == (D(2016, 3, 1), D(2016, 3, 31), "month")


def test_a_past_date_later_in_the_year_than_publication_takes_the_narrative_year() -> None:
    text = "Sixteen years ago tonight, the war began.\n\nA ceasefire was negotiated in Moscow on 12 August."
    found = tag(text, D(2024, 8, 7))
    assert find(found, "12 August").value_start == D(2008, 8, 12)


def test_a_new_paragraph_leaves_an_old_year_behind() -> None:
    text = "Israel completed its withdrawal on 25 April 1982.\nOn 27 May an Egyptian soldier was killed."
    assert find(tag(text, D(2024, 9, 10)), "27 May").value_start == D(2024, 5, 27)


def test_a_year_naming_a_thing_sets_no_narrative_year() -> None:
    text = "Seoul suspended the 2018 military agreement on 4 June. On 11 October Pyongyang accused the South."
    found = {t.text: t.value_start for t in tag(text, dt.date(2024, 10, 18))}
    assert found["4 June"] == dt.date(2024, 6, 4)
    assert found["11 October"] == dt.date(2024, 10, 11)
    told = {
        t.text: t.value_start
        for t in tag("In May 2018 the two leaders met. On 4 June they talked.", dt.date(2024, 10, 18))
    }
    assert told["4 June"].year == 2018  # a year that dates the story still carries
