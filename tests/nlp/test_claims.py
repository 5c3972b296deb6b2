"""Claims and forecasts (``geobrief_claims``): ICD 203 bands, hedges, negation, comparison, kinds,
horizons, scenarios and actors, on sentences written here; seed-article tests on
../shared/corpus/seeds (skipped where absent).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import geobrief.nlp.claims  # noqa: F401  (registers the factory)
from geobrief.nlp.claims import Claim, blocks, claims_to_dicts, load_lexicon
from geobrief.nlp.pipeline import get_pipeline

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "seeds"


@pytest.fixture(scope="module")
def nlp() -> Any:
    nlp = get_pipeline()
    if "geobrief_claims" not in nlp.pipe_names:
        nlp.add_pipe("geobrief_claims", last=True)
    return nlp


@pytest.fixture(scope="module")
def claims(nlp: Any):
    def run(text: str) -> list[Claim]:
        doc = nlp(text)
        for c in doc._.claims:  # the offsets invariant holds for every claim
            assert doc.text[c.start : c.end] == c.text
            if c.estimative_start is not None:
                assert doc.text[c.estimative_start : c.estimative_end] == c.estimative
        return doc._.claims

    return run


def _one(found: list[Claim]) -> Claim:
    assert len(found) == 1, found
    return found[0]


def _band(c: Claim) -> tuple[float | None, float | None]:
    return (c.probability_low, c.probability_high)


def test_lexicon_is_versioned_data() -> None:
    lex = load_lexicon()
    assert lex.version >= 1
    assert lex.bands["likely"] == (0.55, 0.80)
    assert lex.bands["almost_no_chance"] == (0.01, 0.05)


@pytest.mark.parametrize(
    ("sentence", "phrase", "band"),
    [
        ("There is almost no chance that the junta hands over power.", "almost no chance", (0.01, 0.05)),
        ("A ceasefire before the summit is remote.", "remote", (0.01, 0.05)),
        ("A coup in Hungary is very unlikely.", "very unlikely", (0.05, 0.20)),
        ("A naval clash is highly improbable.", "highly improbable", (0.05, 0.20)),
        ("A deal with the rebels is unlikely.", "unlikely", (0.20, 0.45)),
        ("Snap elections are improbable.", "improbable", (0.20, 0.45)),
        ("Renewed fighting is a roughly even chance.", "roughly even chance", (0.45, 0.55)),
        ("The talks face roughly even odds.", "roughly even odds", (0.45, 0.55)),
        ("Sanctions are likely to tighten.", "likely", (0.55, 0.80)),
        ("A compromise is probable.", "probable", (0.55, 0.80)),
        ("Germany probably cuts its gas imports.", "probably", (0.55, 0.80)),
        ("Turkey will very likely veto the bid.", "will very likely", (0.80, 0.95)),
        ("A rate rise is highly probable.", "highly probable", (0.80, 0.95)),
        ("Brazil will almost certainly join.", "will almost certainly", (0.95, 0.99)),
        ("The vote is nearly certain to pass.", "nearly certain", (0.95, 0.99)),
    ],
)
def test_icd203_terms(claims: Any, sentence: str, phrase: str, band: tuple[float, float]) -> None:
    c = _one(claims(sentence))
    assert c.estimative == phrase
    assert _band(c) == band


@pytest.mark.parametrize(
    ("sentence", "phrase", "band", "kind"),
    [
        ("Tehran may well retaliate against Israel.", "may well", (0.40, 0.70), "forecast"),
        ("Israel could strike the reactor.", "could", (0.20, 0.55), "forecast"),
        ("Iran might close the strait.", "might", (0.20, 0.55), "forecast"),
        ("Egypt may mediate.", "may", (0.20, 0.55), "forecast"),
        ("India is expected to raise tariffs.", "is expected to", (0.55, 0.80), "forecast"),
        ("Japan is set to expand its navy.", "is set to", (0.80, 0.95), "forecast"),
        ("Pakistan will hold elections.", "will", (0.80, 0.95), "forecast"),
        ("Pakistan won't hold elections.", "won't", (0.05, 0.20), "forecast"),
        ("Pakistan will not hold elections.", "will not", (0.05, 0.20), "forecast"),
        ("The embargo is bound to fail.", "is bound to", (0.95, 0.99), "forecast"),
        ("The ceasefire seems fragile.", "seems", (0.55, 0.80), "judgment"),
        ("Moscow appears to be losing patience.", "appears to", (0.55, 0.80), "judgment"),
    ],
)
def test_hedges(claims: Any, sentence: str, phrase: str, band: tuple[float, float], kind: str) -> None:
    c = _one(claims(sentence))
    assert (c.estimative, _band(c), c.kind) == (phrase, band, kind)


def test_negation_takes_the_complement(claims: Any) -> None:
    c = _one(claims("The alliance is not likely to survive the election."))
    assert (c.estimative, _band(c), c.negated) == ("not likely", (0.20, 0.45), True)
    c = _one(claims("Nor is it likely that the army intervenes."))
    assert _band(c) == (0.20, 0.45) and c.negated
    c = _one(claims("The reform isn't expected to pass."))
    assert _band(c) == (0.20, 0.45)


def test_unlikely_stays_unlikely_and_adverb_scopes_over_negation(claims: Any) -> None:
    c = _one(claims("A full-scale invasion of Taiwan is unlikely."))
    assert (_band(c), c.negated) == ((0.20, 0.45), False)
    c = _one(claims("Beijing probably does not want a war."))  # probably(not X): the band stays
    assert (_band(c), c.negated, c.kind) == ((0.55, 0.80), False, "judgment")


def test_comparison(claims: Any) -> None:
    c = _one(claims("A managed stalemate is the most likely scenario."))
    assert (c.estimative, _band(c)) == ("most likely", (0.55, 0.80))
    c = _one(claims("A coup is less likely than a negotiated exit."))
    assert _band(c) == (0.20, 0.45)


def test_modal_joins_the_term(claims: Any) -> None:
    c = _one(claims("The partnership will likely remain transactional."))
    assert (c.estimative, _band(c), c.kind) == ("will likely", (0.55, 0.80), "forecast")
    c = _one(claims("The tariffs would also probably hurt Mexico."))
    assert c.estimative == "would also probably"


def test_kinds(claims: Any) -> None:
    assert _one(claims("The threat from the militia is probably exaggerated.")).kind == "judgment"
    assert _one(claims("The rumours seem unfounded.")).kind == "judgment"
    assert _one(claims("Caracas is likely to default on its bonds.")).kind == "forecast"
    assert _one(claims("The junta may have miscalculated.")).kind == "judgment"


def test_no_estimative_phrase_no_claim_and_questions_skipped(claims: Any) -> None:
    assert claims("Russia invaded Ukraine in February 2022.") == []
    assert claims("Will China invade Taiwan?") == []
    assert claims("Is a deal likely?") == []


def test_quoted_claims_are_kept_and_marked(claims: Any) -> None:
    found = claims("“Sanctions will fail,” the minister said.")
    assert len(found) == 1 and found[0].quoted
    assert not _one(claims("Sanctions will fail.")).quoted


@pytest.mark.parametrize(
    ("sentence", "horizon"),
    [
        ("Oil prices will likely rise in the short term.", "in the short term"),
        ("The army is likely to withdraw by 2026.", "by 2026"),
        ("Clashes will probably continue in the coming months.", "in the coming months"),
        ("The ice cap will likely shrink over the next decade.", "over the next decade"),
    ],
)
def test_horizons(claims: Any, sentence: str, horizon: str) -> None:
    c = _one(claims(sentence))
    assert c.horizon is not None and c.horizon.text == horizon
    assert c.kind == "forecast"


def test_horizon_interval_from_timex(claims: Any) -> None:
    c = _one(claims("The army is likely to withdraw by 2026."))
    assert c.horizon is not None and c.horizon.value_end is not None
    assert c.horizon.value_end.isoformat() == "2026-12-31"


def test_no_horizon(claims: Any) -> None:
    assert _one(claims("The regime will probably survive.")).horizon is None


def test_actors_states_first(claims: Any) -> None:
    c = _one(claims("Vladimir Putin and North Korea will likely deepen military ties."))
    assert c.actors[:2] == ["RUS", "PRK"]
    assert any(a.startswith("putin") or "putin" in a for a in c.actors[2:])


def test_scenarios(claims: Any) -> None:
    text = (
        "Outlook\n\n"
        "Worst case: war in the strait\n\n"
        "China blockades Taiwan and the United States responds.\n\n"
        "More likely: a long standoff\n\n"
        "Beijing keeps up pressure without firing.\n\n"
        "Less likely: a grand bargain\n\n"
        "Washington and Beijing settle their differences."
    )
    found = [c for c in claims(text) if c.kind == "scenario"]
    assert [c.text.split("\n")[0] for c in found] == [
        "Worst case: war in the strait",
        "More likely: a long standoff",
        "Less likely: a grand bargain",
    ]
    worst, more, less = found
    assert worst.text == "Worst case: war in the strait\n\nChina blockades Taiwan and the United States responds."
    assert _band(worst) == (None, None) and worst.estimative is None
    assert {"CHN", "TWN", "USA"} <= set(worst.actors)
    assert (more.estimative, _band(more)) == ("More likely", (0.55, 0.80))
    assert _band(less) == (0.20, 0.45)


def test_scenario_numbered(claims: Any) -> None:
    found = claims("Scenario 2: Partial withdrawal\n\nThe force leaves the north but keeps its bases.")
    c = _one([c for c in found if c.kind == "scenario"])
    assert c.text.startswith("Scenario 2: Partial withdrawal\n\nThe force")


def test_blocks_find_headings() -> None:
    text = "Scenarios\n\nOne paragraph here. Two sentences.\n\nBest case: peace"
    assert [b.heading for b in blocks(text)] == [True, False, True]


def test_claims_to_dicts(claims: Any) -> None:
    d = claims_to_dicts(claims("The army is likely to withdraw by 2026."))[0]
    assert d["horizon"]["text"] == "by 2026" and d["kind"] == "forecast"


# -- seed articles ---------------------------------------------------------------------------------


def _seed(prefix: str) -> str:
    if not SEEDS.is_dir():
        pytest.skip(f"seed corpus absent at {SEEDS}")
    from geobrief.ingest.clean import clean_text

    path = next(SEEDS.glob(f"{prefix}_*.txt"), None)
    if path is None:
        pytest.skip(f"seed {prefix} absent")
    return clean_text(path.read_text(encoding="utf-8")).text


def _with(found: list[Claim], needle: str) -> list[Claim]:
    return [c for c in found if needle in c.text]


def test_seed_002_partnership_forecast(claims: Any) -> None:
    found = claims(_seed("002"))
    c = _one(_with(found, "the partnership will likely remain transactional and businesslike"))
    assert (c.kind, c.estimative, _band(c)) == ("forecast", "will likely", (0.55, 0.80))
    assert {"RUS", "PRK"} <= set(c.actors)


def test_seed_002_scenarios(claims: Any) -> None:
    found = [c for c in claims(_seed("002")) if c.kind == "scenario"]
    heads = {c.text.split("\n")[0]: c for c in found}
    less = heads["Less likely: A permanent alliance"]
    more = heads["More likely: Temporary transactional relationship"]
    assert _band(less) == (0.20, 0.45) and _band(more) == (0.55, 0.80)
    assert "The embrace between the two states is not likely to become very tight" in less.text
    assert more.text.endswith("due to concerns about international blowback.")


def test_seed_003_bands(claims: Any) -> None:
    found = claims(_seed("003"))
    c = _one(_with(found, "concerns over the nature of their partnership will also probably prove exaggerated"))
    assert c.kind in {"judgment", "forecast"} and _band(c) == (0.55, 0.80)
    arms = _with(found, "North Korea’s arms won’t prove decisive")
    assert any(x.estimative == "won’t" and _band(x) == (0.05, 0.20) for x in arms)
    assert any(x.estimative.startswith("nor is it likely") and _band(x) == (0.20, 0.45) for x in arms)


def test_seed_000_may_well(claims: Any) -> None:
    c = _one(_with(claims(_seed("000")), "Putin may well oblige"))
    assert (c.estimative, _band(c), c.kind) == ("may well", (0.40, 0.70), "forecast")


# -- scope: where a hedge is no estimate (precision) ------------------------------------------------


def _phrases(found: list[Claim]) -> list[str | None]:
    return [c.estimative for c in found]


@pytest.mark.parametrize(
    "sentence",
    [
        # restrictive relative clauses describe their noun: a disposition, an ability, a refusal
        "Moscow wants a supplier that will not ask questions.",
        "That was never a condition a Greek prime minister could accept.",
        "The drills test defences that the navy could never stage at home.",
        # free relatives and indirect questions
        "Pyongyang plays one patron against the other to acquire what the other will not provide.",
        "Analysts are consumed with how the two states might alter the balance.",
        "The question is whether the truce will hold.",
        # past narrative: a backshifted modal, a past "seemed"
        "Instead, Pyongyang would build a reactor to make sure that it could resist pressure.",
        "In 1991 the regime seemed destined for the garbage bin of history.",
        # the protasis of a conditional
        "If the talks could resume, the border would stay quiet.",
        # decisions and commitments are intent, not forecasts
        "The president has decided that he will not sign the treaty.",
        "The minister vowed that Manila will defend its reefs.",
        # questions, also inside a quotation with its attribution
        '"Will Seoul blink?" he asked.',
        '"Is a deal likely?" she asked.',
        # "bound to" before a noun; "remote" as a place
        "For most of the Cold War, Moscow was bound to Pyongyang by a treaty.",
        "The army patrols a remote border region.",
    ],
)
def test_no_estimate_in_scope(claims: Any, sentence: str) -> None:
    assert claims(sentence) == []


@pytest.mark.parametrize(
    ("sentence", "phrases"),
    [
        # a subject relative may forecast; a non-restrictive relative asserts; "the reasons it could break"
        ("A thaw that could take years is now under way.", ["could"]),
        ("The vote, which will probably take place in June, could change the balance.", ["will probably", "could"]),
        ("The reasons it has held are also the reasons it could break.", ["could"]),
        # a pseudo-cleft states what someone will do
        ("What Tehran will accept is a partial deal.", ["will"]),
        # reported estimates stay, past tense and all; a coordinated clause is read on its own
        ("She said in March that the talks could resume.", ["could"]),
        ("An analyst said a collision was likely within two years.", ["likely"]),
        (
            "He said an attack would almost certainly bring retaliation, and that the next round might go further.",
            ["would almost certainly", "might"],
        ),
        # the apodosis of a conditional is a forecast
        ("If Iran fires again, the next target list will be economic.", ["will"]),
        ("Sanctions are expected to further tighten.", ["are expected to"]),
        ("The chances of a deal are remote.", ["remote"]),
    ],
)
def test_estimates_kept_in_scope(claims: Any, sentence: str, phrases: list[str]) -> None:
    assert _phrases(claims(sentence)) == phrases


def test_officials_resolve_intent_and_threats_are_not_forecasts(claims: Any) -> None:
    # an official of their own side, a threat, resolve
    assert claims("S. Jaishankar, India's external affairs minister, has said that India will not hold talks.") == []
    assert claims("“Iran made a big mistake tonight, and it will pay for it,” Benjamin Netanyahu said.") == []
    assert claims("Kim Jong Un has said that his country will never give up its nuclear weapons.") == []
    # an official forecasting what others will do, and an analyst, are forecasters
    c = _one(claims("“Russia will invade Ukraine,” Joe Biden said."))
    assert (c.estimative, c.kind) == ("will", "forecast")
    c = _one(claims("“No Ethiopian government will sign that,” said Tekle Mariam, an analyst in Addis Ababa."))
    assert (c.estimative, _band(c), c.negated) == ("will", (0.05, 0.20), True)


@pytest.mark.parametrize(
    ("sentence", "phrase", "band"),
    [
        ("No government in Addis Ababa will sign that.", "will", (0.05, 0.20)),  # a negated subject
        ("Nobody could stop the dam now.", "could", (0.05, 0.20)),
        ("The truce will never survive the winter.", "will never", (0.05, 0.20)),
        ("The truce could never survive a change of government.", "could never", (0.05, 0.20)),  # impossible
        ("The truce could not survive a change of government.", "could not", (0.05, 0.20)),
        ("The treaty might never be signed.", "might never", (0.45, 0.80)),  # possibly never: complement
    ],
)
def test_negation_bands(claims: Any, sentence: str, phrase: str, band: tuple[float, float]) -> None:
    c = _one(claims(sentence))
    assert (c.estimative, _band(c), c.negated) == (phrase, band, True)
