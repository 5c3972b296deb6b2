"""Interests (``geobrief_interests``): who wants what from whom, on sentences written here, needs
sections under headings, and seed-article tests on ../shared/corpus/seeds (skipped where absent).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import geobrief.nlp.interests  # noqa: F401  (registers the factory)
from geobrief.nlp.interests import Interest, interests_to_dicts, load_lexicon
from geobrief.nlp.pipeline import get_pipeline

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "seeds"


@pytest.fixture(scope="module")
def nlp() -> Any:
    nlp = get_pipeline()
    if "geobrief_interests" not in nlp.pipe_names:
        nlp.add_pipe("geobrief_interests", last=True)
    return nlp


@pytest.fixture(scope="module")
def interests(nlp: Any):
    def run(text: str) -> list[Interest]:
        doc = nlp(text)
        for i in doc._.interests:
            assert doc.text[i.start : i.end] == i.text
            assert doc.text[i.wants_start : i.wants_end] == i.wants
        return doc._.interests

    return run


def _triples(found: list[Interest]) -> list[tuple[str, str, str | None]]:
    return [(i.actor, i.wants, i.from_actor) for i in found]


def test_lexicon_is_versioned_data() -> None:
    lex = load_lexicon()
    assert lex.version >= 1
    assert {"want", "need", "seek", "crave", "covet"} <= lex.want_verbs
    assert "provide" in lex.provide_verbs


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Iran wants sanctions relief from the United States.", ("IRN", "sanctions relief", "USA")),
        ("Pakistan needs a new loan from China.", ("PAK", "new loan", "CHN")),
        ("Venezuela seeks investment from Russia.", ("VEN", "investment", "RUS")),
        ("Mali craves international recognition.", ("MLI", "international recognition", None)),
        ("Russia covets the Arctic shipping lanes.", ("RUS", "Arctic shipping lanes", None)),
        ("India would welcome American jet engines.", ("IND", "American jet engines", None)),
        ("Israel requests more interceptors from the United States.", ("ISR", "more interceptors", "USA")),
        ("Taiwan is asking for faster arms deliveries.", ("TWN", "faster arms deliveries", None)),
        ("Niger hopes to get drones from Turkey.", ("NER", "drones", "TUR")),
        ("Venezuela is interested in Chinese loans.", ("VEN", "Chinese loans", None)),
        ("Kim Jong Un is clearly interested in Russia's satellite technology.", ("PRK", "satellite technology", "RUS")),
    ],
)
def test_want_patterns(interests: Any, sentence: str, expected: tuple[str, str, str | None]) -> None:
    assert _triples(interests(sentence)) == [expected]


def test_provider_patterns(interests: Any) -> None:
    assert _triples(interests("Russia can provide fuel to Venezuela.")) == [("VEN", "fuel", "RUS")]
    assert _triples(interests("Iran could supply Russia with drones.")) == [("RUS", "drones", "IRN")]
    assert _triples(interests("China offers Pakistan cheap credit.")) == [("PAK", "cheap credit", "CHN")]


def test_paying_for(interests: Any) -> None:
    assert _triples(interests("India is paying for Russian oil with rupees.")) == [("IND", "Russian oil", None)]


def test_negated_and_questions_are_not_interests(interests: Any) -> None:
    assert interests("Moscow does not want a war with NATO.") == []
    assert interests("Does Beijing want a war?") == []


def test_pronoun_subject_resolves_to_last_state(interests: Any) -> None:
    found = interests("Iran is isolated. It craves legitimacy.")
    assert _triples(found) == [("IRN", "legitimacy", None)]


def test_needs_section(interests: Any) -> None:
    text = (
        "Venezuelan needs\n\n"
        "The regime would accept loans and refinery parts from China. Russia can provide grain.\n\n"
        "Chinese requests\n\n"
        "Beijing wants oil at a discount.\n\n"
        "Outlook\n\n"
        "Prices would accept no ceiling."
    )
    triples = _triples(interests(text))
    assert ("VEN", "loans and refinery parts", "CHN") in triples
    assert ("VEN", "grain", "RUS") in triples
    assert ("CHN", "oil", None) in triples
    assert len(triples) == 3


def test_to_dicts(interests: Any) -> None:
    d = interests_to_dicts(interests("Iran wants sanctions relief."))[0]
    assert d["actor"] == "IRN" and d["wants"] == "sanctions relief"


# -- seed articles ---------------------------------------------------------------------------------


def _seed(prefix: str) -> tuple[str, str]:
    if not SEEDS.is_dir():
        pytest.skip(f"seed corpus absent at {SEEDS}")
    from geobrief.ingest.clean import clean_text

    path = next(SEEDS.glob(f"{prefix}_*.txt"), None)
    if path is None:
        pytest.skip(f"seed {prefix} absent")
    cleaned = clean_text(path.read_text(encoding="utf-8"))
    return cleaned.text, cleaned.summary or ""


def test_seed_002_nutshell(interests: Any) -> None:
    text, summary = _seed("002")
    source = summary if "Pyongyang seeks" in summary else text
    # the nutshell is a bullet list (one bullet a line): each bullet is its own statement
    found = [i for line in source.splitlines() if "Pyongyang seeks" in line for i in interests(line)]
    assert ("PRK", "military, economic and diplomatic aid", "RUS") in _triples(found)


def test_seed_002_sections(interests: Any) -> None:
    text, _ = _seed("002")
    triples = _triples(interests(text))
    assert ("PRK", "quantities of both", "RUS") in triples  # "Russia can provide quantities of both."
    assert ("PRK", "political legitimacy", None) in triples  # "it craves political legitimacy"
    assert ("RUS", "war materiel", None) in triples  # "Moscow wants war materiel for its conflict"


def test_seed_000_space_technology(interests: Any) -> None:
    text, _ = _seed("000")
    triples = _triples(interests(text))
    assert ("PRK", "space and missile technologies", "RUS") in triples
    assert ("RUS", "military supplies", None) in triples


def test_vague_objects_are_no_interest(interests) -> None:
    found = interests("North Korea needs something from Russia. Iran seeks ways to evade sanctions.")
    assert _triples(found) == []
    assert _triples(interests("North Korea needs hard currency from Russia.")) == [("PRK", "hard currency", "RUS")]
