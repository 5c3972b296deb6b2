"""Event coding (``geobrief_events``): who did what to whom, when, in PLOVER and CAMEO.

The sentences are written here, one or more per construction (verbal, passive, nominal, adjectival actor,
light verb, coordination, apposition, modality, time, place). The seed-article tests check four events in
../shared/corpus/seeds/000 (skipped where absent). The pipeline is loaded once per module.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from geobrief.nlp.events import PLOVER_TYPES, Event, load_cameo, load_lexicon

PUBLISHED = dt.date(2024, 3, 15)


@pytest.fixture(scope="module")
def nlp() -> Any:
    import geobrief.nlp.events  # noqa: F401  (registers the factory)
    from geobrief.nlp.pipeline import get_pipeline

    pipeline = get_pipeline()
    if "geobrief_events" not in pipeline.pipe_names:
        pipeline.add_pipe("geobrief_events", last=True)
    return pipeline


@pytest.fixture(scope="module")
def events(nlp: Any):
    def run(text: str, published: dt.date | None = PUBLISHED) -> list[Event]:
        doc = nlp.make_doc(text)
        doc.user_data["published"] = published
        found = nlp(doc)._.events
        for e in found:  # invariants for every event
            assert e.type in PLOVER_TYPES
            assert e.cameo.startswith(e.cameo_root)
            assert 0 <= e.start < e.end <= len(text)
            assert e.trigger in text[e.start : e.end]
        return found

    return run


def _find(found: list[Event], type_: str, source: str | None, target: str | None) -> Event:
    hit = [e for e in found if e.type == type_ and e.source == source and e.target == target]
    assert hit, [(e.type, e.source, e.target, e.trigger) for e in found]
    return hit[0]


# -- data ------------------------------------------------------------------------------------------


def test_lexicon_codes_exist_in_cameo_table() -> None:
    lex, cameo = load_lexicon(), load_cameo()
    assert lex.version >= 1
    for pats in (*lex.verbs.values(), *lex.nouns.values()):
        for p in pats:
            if not p.cameo:  # a use of the word that is no event ("meet the needs of")
                continue
            assert p.cameo in cameo, p
            assert (p.plover or cameo[p.cameo].plover_type) in PLOVER_TYPES, p


def test_cameo_table_facts() -> None:
    cameo = load_cameo()
    assert cameo["042"].plover_type == "CONSULT" and cameo["042"].plover_mode == "visit"
    assert cameo["190"].plover_type == "ASSAULT" and cameo["190"].quad_class == 4
    assert cameo["057"].goldstein == 8.0 and cameo["057"].quad_class == 1
    assert cameo["072"].plover_type == "AID" and cameo["072"].quad_class == 2
    assert cameo["112"].quad_class == 3


# -- constructions ---------------------------------------------------------------------------------


def test_verbal_subject_object(events) -> None:
    e = _find(events("Russia attacked Georgia in August 2008."), "ASSAULT", "RUS", "GEO")
    assert e.cameo_root == "18" and e.quad_class == 4 and e.intensity is not None and e.intensity < 0
    assert e.when["basis"] == "expression" and e.when["start"] == dt.date(2008, 8, 1)
    assert e.when["precision"] == "month" and e.modality == "asserted"


def test_person_acts_for_state(events) -> None:
    e = _find(events("Kim Jong Un visited Moscow."), "CONSULT", "PRK", "RUS")
    assert e.source_actor == "kim-jong-un" and e.cameo == "042" and e.mode == "visit"


def test_prepositional_target(events) -> None:
    e = _find(events("Vladimir Putin met with Xi Jinping on Tuesday."), "CONSULT", "RUS", "CHN")
    assert e.cameo_root == "04" and e.when["basis"] == "expression"


def test_passive_agent(events) -> None:
    e = _find(events("Ukraine was invaded by Russia in 2022."), "ASSAULT", "RUS", "UKR")
    assert e.cameo_root == "19" and e.when["start"].year == 2022


def test_nominal_possessor(events) -> None:
    e = _find(events("Russia's invasion of Ukraine shocked Europe."), "ASSAULT", "RUS", "UKR")
    assert e.trigger == "invasion"


def test_nominal_adjectival_actor(events) -> None:
    _find(events("The North Korean invasion of South Korea began in 1950."), "ASSAULT", "PRK", "KOR")


def test_nominal_by_agent(events) -> None:
    found = events("The attack by Iran on Israel drew condemnation.")
    _find(found, "ASSAULT", "IRN", "ISR")


def test_nominal_visit_takes_light_verb_subject(events) -> None:
    e = _find(events("Narendra Modi paid a visit to Moscow in July 2024."), "CONSULT", "IND", "RUS")
    assert e.when["start"] == dt.date(2024, 7, 1)


def test_light_verb_sanctions(events) -> None:
    e = _find(events("The United States imposed sanctions on Iran."), "SANCTION", "USA", "IRN")
    assert e.cameo == "163" and e.quad_class == 4


def test_light_verb_treaty_coordination_is_symmetric(events) -> None:
    found = events("Russia and North Korea signed a treaty in Pyongyang.")
    a = _find(found, "SUPPORT", "RUS", "PRK")
    _find(found, "SUPPORT", "PRK", "RUS")
    assert a.cameo == "057" and a.where == "PRK"


def test_coordinated_sources_with_target_give_one_event_each(events) -> None:
    found = events("France and Germany condemned Iran.")
    _find(found, "ACCUSE", "FRA", "IRN")
    _find(found, "ACCUSE", "DEU", "IRN")


def test_coordinated_adjectives(events) -> None:
    found = events("Senior Hungarian and Romanian officials agreed on cooperation.")
    _find(found, "AGREE", "HUN", "ROU")
    _find(found, "AGREE", "ROU", "HUN")


def test_apposition(events) -> None:
    found = events("Antony Blinken, the U.S. Secretary of State, criticized China.")
    _find(found, "ACCUSE", "USA", "CHN")


def test_aid_dative_and_transparent_verb(events) -> None:
    _find(events("Japan gave Indonesia emergency aid."), "AID", "JPN", "IDN")
    _find(events("Iran began supplying Russia with drones."), "AID", "IRN", "RUS")


def test_target_required_for_aid(events) -> None:
    assert not [e for e in events("Germany provided aid.") if e.type == "AID"]


# -- modality --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "modality"),
    [
        ("Iran did not attack Israel.", "negated"),
        ("Russia would attack Poland if NATO intervened.", "hypothetical"),
        ("China reportedly sold drones to Iran.", "hedged"),
        ("Moscow denied that it had attacked Georgia.", "denied"),
        ("Turkey attacked Syria on Monday.", "asserted"),
    ],
)
def test_modality(events, text: str, modality: str) -> None:
    found = [e for e in events(text) if e.type in ("ASSAULT", "AID")]
    assert found and found[0].modality == modality, found


def test_reported_keeps_who_reports(events) -> None:
    e = _find(events("U.S. officials claim that North Korea sent troops to Russia."), "AID", "PRK", "RUS")
    assert e.modality == "reported" and e.reported_by == "U.S. officials"


# -- time ------------------------------------------------------------------------------------------


def test_time_falls_back_to_narrative_then_publication(events) -> None:
    found = events("In May 2023 talks stalled. Egypt criticized Israel.")
    e = _find(found, "ACCUSE", "EGY", "ISR")
    assert e.when["basis"] == "narrative" and e.when["start"] == dt.date(2023, 5, 1)
    e = _find(events("Egypt criticized Israel."), "ACCUSE", "EGY", "ISR")
    assert e.when["basis"] == "publication" and e.when["start"] == PUBLISHED


# -- the seed articles -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed000(shared: Path, nlp: Any) -> list[Event]:
    path = next((shared / "corpus" / "seeds").glob("000_*.txt"), None)
    if path is None:
        pytest.skip("seed 000 is absent")
    doc = nlp.make_doc(path.read_text(encoding="utf-8"))
    doc.user_data["published"] = dt.date(2024, 6, 18)
    return nlp(doc)._.events


def test_seed_kim_visit(seed000: list[Event]) -> None:
    hit = [e for e in seed000 if e.type == "CONSULT" and e.source == "PRK" and e.target == "RUS"]
    assert any(e.when["start"] == dt.date(2023, 9, 1) and e.when["precision"] == "month" for e in hit), hit


def test_seed_invasion(seed000: list[Event]) -> None:
    hit = [e for e in seed000 if e.type == "ASSAULT" and e.source == "RUS" and e.target == "UKR"]
    assert any(e.when["start"] == dt.date(2022, 2, 1) and e.when["basis"] == "expression" for e in hit), hit


def test_seed_sanctions(seed000: list[Event]) -> None:
    assert any(e.type == "SANCTION" and e.source == "KOR" and e.target == "RUS" for e in seed000)


def test_seed_ammunition(seed000: list[Event]) -> None:
    assert any(e.type == "AID" and e.source == "PRK" and e.target == "RUS" for e in seed000)


# -- complements: intent, threat, refusal, demand ---------------------------------------------------


def test_offer_to_act_is_intent_with_the_acts_target(events) -> None:
    e = _find(events("Iran offered to release the prisoners to France."), "AGREE", "IRN", "FRA")
    assert e.cameo == "0353"  # express intent to release persons
    assert not [x for x in events("Iran offered to release the prisoners to France.") if x.type == "RETREAT"]


def test_threat_to_act_takes_the_acts_code_and_target(events) -> None:
    found = events("China threatened to impose sanctions on Lithuania.")
    e = _find(found, "THREATEN", "CHN", "LTU")
    assert e.cameo == "1312" and not [x for x in found if x.type == "SANCTION"]


def test_future_conflict_is_a_threat_and_future_cooperation_intent(events) -> None:
    assert _find(events("Turkey will attack Syria."), "THREATEN", "TUR", "SYR").cameo_root == "13"
    assert _find(events("Japan is ready to send aid to Nepal."), "AGREE", "JPN", "NPL").cameo_root == "03"
    e = _find(events("Greece said it would close its border with Turkey."), "THREATEN", "GRC", "TUR")
    assert e.modality == "reported"


def test_refusal(events) -> None:
    e = _find(events("Hungary will not accept refugees."), "REJECT", "HUN", None)
    assert e.cameo == "124" and e.modality == "asserted"


def test_must_in_reported_speech_is_a_demand(events) -> None:
    e = _find(events("Germany said that Russia must withdraw its troops from Georgia."), "REQUEST", "DEU", "RUS")
    assert e.cameo.startswith("105") and e.cameo_root == "10"


def test_demand_that_targets_the_clause_subject(events) -> None:
    _find(events("Poland demanded that Belarus release the journalists."), "REQUEST", "POL", "BLR")


def test_dissent_called_off_is_a_concession_and_a_hunger_strike_a_protest(events) -> None:
    assert any(e.cameo == "082" for e in events("The Kenyan opposition called off the protest against Kenya."))
    assert any(e.cameo == "142" for e in events("Iranian activists began a hunger strike against Iran."))


def test_a_date_is_not_a_target_preposition(events) -> None:
    found = events("Colombian workers staged a strike on Monday against Colombia.")
    assert found and all(e.cameo != "195" for e in found)


def test_demonym_people_and_led_forces(events) -> None:
    _find(events("Serb forces attacked Croatia."), "ASSAULT", "SRB", "HRV")
    _find(events("Vietnamese-led forces attacked Thailand."), "ASSAULT", "VNM", "THA")


def test_state_qualified_body(events) -> None:
    _find(events("Israel's cabinet condemned Iran."), "ACCUSE", "ISR", "IRN")


def test_domestic_coercion_and_place_as_target(events) -> None:
    _find(events("Egyptian police arrested dozens of protesters."), "COERCE", "EGY", "EGY")
    _find(events("Israeli troops remained on alert in Lebanon."), "MOBILIZE", "ISR", "LBN")


def test_the_south_after_south_korea(events) -> None:
    found = events("Stalin let Kim invade South Korea. The North Korean invasion of the South began in 1950.")
    _find(found, "ASSAULT", "PRK", "KOR")


def test_meeting_needs_is_no_meeting(events) -> None:
    assert not [e for e in events("Russia helped North Korea meet the needs of its people.") if e.type == "CONSULT"]


def _year(e: Event) -> int:
    return e.when["start"].year


def test_coordinated_subjects_of_a_war_act_on_each_other(events) -> None:
    found = events("Peru and Ecuador fought a short war over the border in January 1995.")
    assert _year(_find(found, "ASSAULT", "PER", "ECU")) == 1995
    _find(found, "ASSAULT", "ECU", "PER")


def test_the_two_countries_are_the_dyad_named_before(events) -> None:
    found = events("Chile and Argentina nearly went to war in 1978. In 1984 the two countries signed a treaty.")
    _find(found, "SUPPORT", "CHL", "ARG")
    _find(found, "SUPPORT", "ARG", "CHL")


def test_plural_pronoun_takes_the_coordinated_subject(events) -> None:
    found = events("Eritrea and Ethiopia fought from 1998 to 2000. They fought again in May and June 2000.")
    assert any(e.type == "ASSAULT" and {e.source, e.target} == {"ERI", "ETH"} and _year(e) == 2000 for e in found)


def test_passive_with_coordinated_agents_and_ministers_of_x_and_y(events) -> None:
    found = events("The accord, signed by the two governments in March 1994, survived.", PUBLISHED)
    assert not found or all(e.source != "UN" for e in found)  # no invented actors without a dyad before
    found = events("In May 2001 the foreign ministers of Peru and Chile initialled an agreement.")
    _find(found, "SUPPORT", "PER", "CHL")
    _find(found, "SUPPORT", "CHL", "PER")


def test_two_subjects_parsed_apart_and_conjunct_on_an_apposition(events) -> None:
    found = events("Sweden, a neutral state, and Finland met in Stockholm on 4 May 1995.")
    _find(found, "CONSULT", "SWE", "FIN")


def test_between_x_and_y_nominal(events) -> None:
    found = events("Leaders announced the restoration of diplomatic relations between Qatar and Egypt in 2021.")
    _find(found, "SUPPORT", "QAT", "EGY")


def test_recognition_extended_to_and_reciprocal_at_war_with(events) -> None:
    _find(events("Turkey extended diplomatic recognition to Israel."), "SUPPORT", "TUR", "ISR")
    found = events("Iraq, which was at war with Iran in 1984, bought arms.")
    _find(found, "ASSAULT", "IRQ", "IRN")


def test_adjunct_agreement_with_x_has_the_subject_as_party(events) -> None:
    found = events("Under an agreement with France in 1962, Algeria obtained independence.")
    _find(found, "AGREE", "DZA", "FRA")


def test_organisation_led_by_a_state_acts_as_the_state(events) -> None:
    _find(events("NATO, led by France, bombed Libya in March 2011."), "ASSAULT", "FRA", "LBY")


def test_military_strike_is_not_a_labour_strike(events) -> None:
    _find(events("Turkish jets struck bases in Iraq."), "ASSAULT", "TUR", "IRQ")
    assert any(e.cameo == "143" for e in events("Colombian workers struck against Colombia."))
    assert any(e.cameo == "195" for e in events("A limited Israeli strike hit Syria."))


def test_call_on_after_a_date(events) -> None:
    _find(events("On 3 May Germany called on Poland to act."), "REQUEST", "DEU", "POL")


def test_summon_expel_diplomats_tariff_and_relations_broken_off(events) -> None:
    _find(events("Egypt summoned the Turkish ambassador."), "ACCUSE", "EGY", "TUR")
    _find(events("Britain expelled 23 Russian diplomats from London."), "SANCTION", "GBR", "RUS")
    _find(events("Russia imposed a heavy tariff on Ukrainian grain."), "SANCTION", "RUS", "UKR")
    found = events("In 1972 Japan established relations with China and broke them off with Taiwan.")
    _find(found, "SANCTION", "JPN", "TWN")


def test_time_of_the_governing_verb_and_reference_points_left_out(events) -> None:
    e = _find(events("In June 1950 North Korean artillery began shelling South Korea."), "ASSAULT", "PRK", "KOR")
    assert _year(e) == 1950
    found = events("In March 2016 Obama became the first American president to visit Cuba since 1928.")
    assert all(_year(e) != 1928 for e in found if e.target == "CUB")


def test_bare_dates_in_a_history_keep_its_year(events) -> None:
    text = "In the autumn of 1962 the Soviet Union deployed missiles to Cuba. On 22 October Britain condemned Cuba."
    assert _year(_find(events(text), "ACCUSE", "GBR", "CUB")) == 1962
    e = _find(events("Five years ago today, Indian jets crossed into Pakistan.", PUBLISHED), "ASSAULT", "IND", "PAK")
    assert e.when["start"] == dt.date(2019, 3, 15)


# -- the seed articles: their clearly dated interstate events -------------------------------------


def _seed(shared: Path, nlp: Any, prefix: str, published: dt.date) -> list[Event]:
    path = next((shared / "corpus" / "seeds").glob(f"{prefix}_*.txt"), None)
    if path is None:
        pytest.skip(f"seed {prefix} is absent")
    doc = nlp.make_doc(path.read_text(encoding="utf-8"))
    doc.user_data["published"] = published
    return nlp(doc)._.events


@pytest.fixture(scope="module")
def seed002(shared: Path, nlp: Any) -> list[Event]:
    return _seed(shared, nlp, "002", dt.date(2024, 6, 19))


def _dated(found: list[Event], type_: str, source: str, target: str, year: int) -> Event:
    hit = [e for e in found if e.type == type_ and e.source == source and e.target == target]
    assert any(e.when["start"] is not None and e.when["start"].year == year for e in hit), [
        (e.trigger, e.when["start"]) for e in hit
    ]
    return next(e for e in hit if e.when["start"].year == year)


@pytest.mark.parametrize(
    ("type_", "source", "target", "year"),
    [
        ("CONSULT", "SUN", "PRK", 1990),  # Shevardnadze travels to Pyongyang, September 1990
        ("SUPPORT", "SUN", "KOR", 1990),  # the Soviet recognition of South Korea
        ("ASSAULT", "PRK", "KOR", 1950),  # the North Korean invasion of the South
        ("CONSULT", "RUS", "PRK", 2000),  # Putin's visit to Pyongyang, July 2000
        ("ASSAULT", "RUS", "UKR", 2022),  # the invasion of Ukraine, February 2022
        ("SANCTION", "KOR", "RUS", 2022),  # South Korea joins the sanctions
        ("CONSULT", "PRK", "RUS", 2023),  # Kim in the Russian Far East, September 2023
        ("AID", "PRK", "RUS", 2023),  # ammunition for Russia
    ],
)
def test_seed000_dated_events(seed000: list[Event], type_: str, source: str, target: str, year: int) -> None:
    e = _dated(seed000, type_, source, target, year)
    assert e.modality == "asserted"


@pytest.mark.parametrize(
    ("type_", "source", "target", "year"),
    [
        ("ASSAULT", "RUS", "JPN", 1904),  # the 1904-1905 Russo-Japanese War
        ("ASSAULT", "JPN", "RUS", 1904),
        ("AID", "SUN", "PRK", 1950),  # Soviet military support during the Korean War
        ("SUPPORT", "SUN", "PRK", 1961),  # the 1961 treaty, signed by both
        ("SUPPORT", "PRK", "SUN", 1961),
        ("CONSULT", "PRK", "RUS", 2019),  # Kim's trip to the Russian Far East
        ("ASSAULT", "RUS", "UKR", 2022),
        ("CONSULT", "PRK", "RUS", 2023),  # the Putin-Kim summit at the space centre
    ],
)
def test_seed002_dated_events(seed002: list[Event], type_: str, source: str, target: str, year: int) -> None:
    _dated(seed002, type_, source, target, year)


def test_seed002_treaty_is_a_signed_agreement(seed002: list[Event]) -> None:
    e = _dated(seed002, "SUPPORT", "SUN", "PRK", 1961)
    assert e.cameo == "057" and e.when["basis"] == "expression"


# -- targets where none is named -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "source", "target"),
    [
        ("In August 2022 China fired ballistic missiles into the waters around Taiwan.", "CHN", "TWN"),
        ("Israeli aircraft struck air-defence batteries and missile-production sites across Iran.", "ISR", "IRN"),
    ],
)
def test_place_of_force_stands_for_its_target(events: Any, text: str, source: str, target: str) -> None:
    _find(events(text), "ASSAULT", source, target)


def test_protest_and_curfew_without_target_are_domestic(events: Any) -> None:
    _find(
        events("Thousands of Iraqi Kurds demonstrated in the northern city of Kirkuk on Sunday."),
        "PROTEST",
        "IRQ",
        "IRQ",
    )
    _find(events("The Sudanese government imposed martial law on Monday."), "COERCE", "SDN", "SDN")


def test_naming_is_no_phone_call(events: Any) -> None:
    assert not [e for e in events("The navy staged drills that Beijing called Joint Sword.") if e.cameo == "041"]
    _find(events("Biden called Xi on Tuesday."), "CONSULT", "USA", "CHN")


def test_a_named_agreement_is_no_actor(events: Any) -> None:
    found = events("On 19 April 2013 the prime ministers of Serbia and Kosovo initialled the Brussels Agreement.")
    assert {(e.source, e.target) for e in found if e.cameo == "057"} == {("SRB", "XKX"), ("XKX", "SRB")}


def test_implied_target_is_the_other_side_named_just_before(events: Any) -> None:
    text = (
        "Relations between the United States and Cuba have thawed. Cuba freed political prisoners in 2015. "
        "The Biden administration imposed new sanctions in May 2022."
    )
    hit = _find(events(text), "SANCTION", "USA", "CUB")
    assert hit.extras.get("parties") == "implied"
    alone = "The Biden administration imposed new sanctions in May 2022."
    assert all(e.target is None for e in events(alone) if e.source == "USA")


def test_no_implied_target_without_a_clear_other_side(events: Any) -> None:
    text = "China and India met. Japan and Brazil met. The United States imposed new sanctions in May 2022."
    assert all(e.target is None for e in events(text) if e.source == "USA" and e.type == "SANCTION")


def test_force_on_a_named_target_by_unnamed_hands(events: Any) -> None:
    found = events("Three US servicemen were killed by a roadside bomb outside Basra on Sunday.")
    _find(found, "ASSAULT", None, "USA")
    assert not [e for e in events("Three servicemen were thanked.") if e.source is None]


def test_a_name_is_read_at_the_date_told_before_it(events: Any) -> None:
    found = events("In October 1960 Dwight Eisenhower banned exports to Cuba, and in 1962 Castro met Khrushchev.")
    _find(found, "SANCTION", "USA", "CUB")  # Eisenhower in 1960, though the sentence ends in 1962


def test_subject_read_into_a_date_phrase(events: Any) -> None:
    _find(events("On 22 October 1962 Kennedy announced a naval quarantine of Cuba."), "COERCE", "USA", "CUB")


def test_surname_after_a_name_with_a_particle(events: Any) -> None:
    text = "Egypt's president Abdel Fattah al-Sisi spoke. In March 2021 Sisi threatened Ethiopia."
    _find(events(text), "THREATEN", "EGY", "ETH")


def test_unnamed_people_act_for_the_state_they_are_placed_in(events: Any) -> None:
    text = "Tens of thousands of university students throughout Indonesia staged mass demonstrations on Saturday."
    hit = _find(events(text), "PROTEST", "IDN", "IDN")
    assert hit.source_actor == "group:student"
    assert not [e for e in events("Students thanked their teachers on Saturday.") if e.source]


def test_a_region_of_a_state_is_the_state(events: Any) -> None:
    found = events("Vietnamese-led forces have retaken a strategic village in Western Cambodia.")
    _find(found, "ASSAULT", "VNM", "KHM")


def test_unnamed_people_as_target_are_the_source_states_own(events: Any) -> None:
    found = events("Egyptian police used tear gas to disperse Moslem fundamentalist demonstrators on Monday night.")
    hit = [e for e in found if e.source == "EGY" and e.target == "EGY" and e.trigger == "disperse"]
    assert hit and all(e.target_actor.startswith("group:") for e in hit)


@pytest.mark.parametrize(
    ("text", "type_", "pair"),
    [
        ("The Iran-Iraq war lasted from 1980 to 1988.", "ASSAULT", {"IRN", "IRQ"}),
        ("The Sino-Soviet split deepened in 1960.", "SANCTION", {"CHN", "SUN"}),
        ("The US-China trade war escalated in 2018.", "SANCTION", {"USA", "CHN"}),
    ],
)
def test_hyphenated_pairs_are_both_sides(events: Any, text: str, type_: str, pair: set[str]) -> None:
    found = [e for e in events(text) if {e.source, e.target} == pair]
    assert found and {e.type for e in found} <= {type_, "COERCE"} and len(found) == 2, found


def test_a_bare_war_needs_two_sides(events: Any) -> None:
    assert not [e for e in events("The Korean War ended in 1953. The Cold War ended in 1991.") if e.type == "ASSAULT"]


def test_coordinated_subjects_the_parser_cut_off(events: Any) -> None:
    text = (
        "In 1978, after thirteen days of talks hosted by Jimmy Carter at Camp David, Sadat and Menachem Begin "
        "signed the Camp David Accords on 17 September 1978."
    )
    _find(events(text), "SUPPORT", "EGY", "ISR")
    found = events(
        "On 6 October 1973, the Jewish holy day of Yom Kippur, Egypt and Syria launched an attack on Israel."
    )
    assert {e.source for e in found if e.type == "ASSAULT" and e.target == "ISR"} == {"EGY", "SYR"}


def test_only_force_by_unnamed_hands_has_an_unknown_source(events: Any) -> None:
    assert not [e for e in events("The first lorries in seven years crossed into Venezuela.") if e.source is None]


def test_a_foreign_place_outweighs_an_own_side_group(events: Any) -> None:
    found = events("On 1 March 2008 Colombian aircraft bombed a camp of the FARC guerrillas inside Ecuador.")
    _find(found, "ASSAULT", "COL", "ECU")


def test_an_ambiguous_name_is_the_state_the_text_names(events: Any) -> None:
    text = "Rwanda and the Democratic Republic of Congo quarrel. In 2024 Congo accused Rwanda of backing rebels."
    _find(events(text), "ACCUSE", "COD", "RWA")


def test_the_two_ministers_and_a_subject_after_a_date(events: Any) -> None:
    text = (
        "Rwanda and the Democratic Republic of Congo quarrel. On 25 April 2025 the two foreign ministers signed a deal."
    )
    _find(events(text), "SUPPORT", "COD", "RWA")
    found = events("Paul Kagame and Felix Tshisekedi spoke. On 18 March 2025 Tshisekedi and Kagame met in Doha.")
    _find(found, "CONSULT", "COD", "RWA")


def test_own_troops_are_no_target(events: Any) -> None:
    assert not [e for e in events("In 2002 Rwanda pulled its troops out.") if e.target == "RWA" and e.source == "RWA"]


def test_a_warship_acts_for_its_navys_state(events: Any) -> None:
    _find(events("On 4 May 1982 an Argentine missile struck the destroyer HMS Sheffield."), "ASSAULT", "ARG", "GBR")


def test_a_mediator_mediates_between_each_party(events: Any) -> None:
    text = (
        "On 16 September 2018 Ethiopia and Eritrea signed a peace agreement in Jeddah under the auspices of "
        "Saudi Arabia's King Salman."
    )
    found = events(text)
    _find(found, "SUPPORT", "ETH", "ERI")
    assert {e.target for e in found if e.cameo == "045" and e.source == "SAU"} == {"ETH", "ERI"}
    met = events("On 18 March 2025 Rwanda and Congo-Kinshasa met in Doha, at the invitation of Qatar's emir.")
    _find(met, "CONSULT", "RWA", "COD")


def test_an_elided_repeat_adds_its_subjects(events: Any) -> None:
    found = events("On 5 March 2014 Riyadh withdrew its ambassador from Doha, as did Abu Dhabi and Manama.")
    assert {e.source for e in found if e.target == "QAT" and e.type == "SANCTION"} == {"SAU", "ARE", "BHR"}


def test_a_when_clause_takes_the_date_it_qualifies(events: Any) -> None:
    found = events("The crisis ended on 9 March 2001, when Japan lifted its sanctions on China.")
    e = _find(found, "RETREAT", "JPN", "CHN")
    assert (e.when["start"], e.when["basis"]) == (dt.date(2001, 3, 9), "expression")
    found = events("The rupture came on 2 April 2010, when Ankara recalled its ambassador from Tel Aviv, as did Amman.")
    assert {e.source for e in found if e.target == "ISR" and e.type == "SANCTION"} == {"TUR", "JOR"}
    assert {e.when["start"] for e in found if e.target == "ISR"} == {dt.date(2010, 4, 2)}


def test_a_participle_clause_happens_with_its_verb(events: Any) -> None:
    found = events("On 3 June 1985 a Peruvian frigate sank a Chilean trawler, killing nine sailors.")
    assert {(e.trigger, e.when["start"]) for e in found if (e.source, e.target) == ("PER", "CHL")} == {
        ("sank", dt.date(1985, 6, 3)),
        ("killing", dt.date(1985, 6, 3)),
    }


def test_the_two_countries_are_the_states_the_text_keeps_naming(events: Any) -> None:
    text = (
        "Chile and Peru have argued for decades. Lima sued. Santiago objected. Chile and Peru disagreed. "
        "The court ruled. Fishermen waited. Markets shrugged. Analysts wrote. In 2014 the two countries restored ties."
    )
    found = [e for e in events(text) if e.cameo == "050"]
    assert {(e.source, e.target) for e in found} == {("CHL", "PER"), ("PER", "CHL")}


def test_travellers_hold_the_talks_they_came_for(events: Any) -> None:
    found = events("The Indian prime minister flew to Beijing on 3 May 2024 for talks with Xi Jinping.")
    assert [e for e in found if e.cameo == "046" and (e.source, e.target) == ("IND", "CHN")]


def test_an_amount_gives_way_to_what_is_given(events: Any) -> None:
    _find(events("On 2 June 2023 Germany withheld $40 million in aid to Niger."), "SANCTION", "DEU", "NER")


def test_where_a_document_was_signed_is_no_party(events: Any) -> None:
    found = events(
        "Rwanda and Burundi quarrelled. On 25 April 2025 they signed a declaration of principles in Washington."
    )
    assert {(e.source, e.target) for e in found if e.cameo == "057"} == {("RWA", "BDI"), ("BDI", "RWA")}
    found = events(
        "In August 1993, after secret talks hosted by Norway, Yitzhak Rabin and Yasser Arafat signed the Oslo Accords."
    )
    assert {(e.source, e.target) for e in found if e.cameo == "057"} == {("ISR", "PSE"), ("PSE", "ISR")}
    assert {e.target for e in found if e.cameo == "045" and e.source == "NOR"} == {"ISR", "PSE"}


def test_first_words_of_a_long_name_and_no_parsed_subject(events: Any) -> None:
    text = (
        "Hassan Sheikh Mohamud and Abiy Ahmed met in May 2024. "
        "Late on Wednesday, in Ankara, Abiy and Hassan Sheikh agreed to a declaration."
    )
    found = events(text, dt.date(2024, 12, 12))
    e = _find(found, "AGREE", "ETH", "SOM")
    assert e.when["start"] == dt.date(2024, 12, 11)


def test_two_leaders_swallowed_into_one_noun_phrase(events: Any) -> None:
    found = events(
        "On 5 May 2023 the Kenyan president hosted Uganda's Yoweri Museveni and Tanzania's Samia Suluhu Hassan "
        "in Nairobi."
    )
    assert {e.target for e in found if e.source == "KEN" and e.type == "CONSULT"} == {"UGA", "TZA"}


def test_an_event_dated_after_publication_is_not_a_fact(events: Any) -> None:
    found = events("A war between India and China in 2030 is unlikely.")
    assert found and {e.modality for e in found} == {"hypothetical"}


@pytest.mark.parametrize(
    ("text", "type_", "pair"),
    [
        ("In March 1982 Alexander Haig shuttled between London and Buenos Aires.", "CONSULT", ("USA", "ARG")),
        ("In January 2013 the Philippines took China to arbitration.", "ACCUSE", ("PHL", "CHN")),
        ("In July 2008 Kuwait named its first ambassador to Baghdad since 1990.", "SUPPORT", ("KWT", "IRQ")),
        ("In 2021 Iraq finished paying reparations to Kuwait.", "CONCEDE", ("IRQ", "KWT")),
    ],
)
def test_more_lexicon(events: Any, text: str, type_: str, pair: tuple[str, str]) -> None:
    _find(events(text), type_, *pair)


def test_intent_reaches_through_transparent_verbs(events: Any) -> None:
    found = events("In 1999 the Serbian army prepared to resume shelling Albanian villages.")
    assert [e for e in found if e.cameo == "150" and e.source == "SRB"], [(e.cameo, e.source) for e in found]


def test_people_gathering_for_a_rally_hold_it(events: Any) -> None:
    found = events("Thousands of Kenyans were converging on 4 July 2024 for a rally in Nairobi.")
    assert [e for e in found if e.type == "PROTEST" and e.source == "KEN"], [(e.type, e.source) for e in found]


def test_may_in_a_date_is_no_modal(events: Any) -> None:
    text = (
        "In April 1982 the war began. On 2 May the British submarine Conqueror sank the Argentine cruiser General "
        "Belgrano, killing 323 men, and two days later an Argentine missile struck the destroyer HMS Sheffield."
    )
    found = events(text)
    assert {(e.source, e.target, e.modality) for e in found if e.trigger in ("sank", "struck")} == {
        ("GBR", "ARG", "asserted"),
        ("ARG", "GBR", "asserted"),
    }
    assert {e.when["start"].year for e in found} == {1982}


def test_coercion_and_investigation_at_home_target_the_own_state(events: Any) -> None:
    found = events("On 3 May 2001 Turkish police arrested 40 people in Ankara, and prosecutors investigated the riot.")
    assert [e for e in found if e.type == "COERCE" and (e.source, e.target) == ("TUR", "TUR")]


def test_the_of_phrase_of_a_withdrawal_is_its_doer(events: Any) -> None:
    found = events("On 4 June 1992 the European Community demanded the withdrawal of Serbian forces from Bosnia.")
    _find(found, "REQUEST", "EU", "SRB")
    found = events("The withdrawal of Soviet troops from Afghanistan ended in February 1989.")
    _find(found, "RETREAT", "SUN", "AFG")


def test_a_complaint_targets_the_accused_not_the_addressee(events: Any) -> None:
    _find(
        events("Lebanon complained to the United Nations on 3 May 1996 over Israeli air raids."), "ACCUSE", "LBN", "ISR"
    )


def test_a_stateless_people_as_target_belongs_where_it_is_placed(events: Any) -> None:
    found = events("On 2 March 2001 Macedonian police killed two ethnic Albanians in a raid in western Macedonia.")
    hit = _find(found, "ASSAULT", "MKD", "MKD")
    assert hit.target_actor.startswith("group:")


def test_envoys_from_the_two_countries_and_leaders_joined_for_a_summit(events: Any) -> None:
    text = "Chile and Peru quarrel often. On 2 July 2024 senior diplomats from the two countries met in Lima."
    assert {(e.source, e.target) for e in events(text) if e.type == "CONSULT"} == {("CHL", "PER"), ("PER", "CHL")}
    text = "On 11 April 2024 Marcos joined Joe Biden and Japan's Fumio Kishida at the White House for a summit."
    pairs = {(e.source, e.target) for e in events(text) if e.trigger == "summit"}
    assert {("PHL", "USA"), ("PHL", "JPN"), ("USA", "JPN")} <= pairs


def test_who_benefits_from_an_eased_rule_is_the_target(events: Any) -> None:
    text = "In May 2023 the Kremlin lifted the flight ban and scrapped visa requirements for Georgian citizens."
    _find(events(text), "CONCEDE", "RUS", "GEO")


def test_a_date_inside_a_relative_clause_is_not_the_events(events: Any) -> None:
    text = (
        "The Georgian government, which had refused to join Western sanctions after February 2022, "
        "condemned Russia in May 2024."
    )
    e = _find(events(text), "ACCUSE", "GEO", "RUS")
    assert e.when["start"] == dt.date(2024, 5, 1)


def test_a_means_clause_shares_its_verbs_subject_and_date(events: Any) -> None:
    text = (
        "Colombia and Venezuela argue. In August 1987 a Colombian corvette sailed north, "
        "and Caracas answered by mobilising warships."
    )
    e = _find(events(text), "MOBILIZE", "VEN", "COL")
    assert (e.when["start"], e.when["basis"]) == (dt.date(1987, 8, 1), "expression")


def test_an_agentless_passive_relation_act_is_between_the_texts_two_states(events: Any) -> None:
    text = (
        "Argentina and Britain fought in 1982. The two governments then broke off relations. "
        "Diplomatic relations were restored in Madrid on 15 February 1990."
    )
    found = [e for e in events(text) if e.when["start"] == dt.date(1990, 2, 15)]
    assert {(e.source, e.target) for e in found} == {("ARG", "GBR"), ("GBR", "ARG")}
    found = events("Argentina and Britain fought in 1982. An accord signed on 14 July 1999 reopened flights.")
    assert {(e.source, e.target) for e in found if e.cameo == "057"} == {("ARG", "GBR"), ("GBR", "ARG")}


def test_breaking_relations_is_mutual(events: Any) -> None:
    found = events("Argentina and Britain broke off relations in April 1982.")
    assert {(e.source, e.target) for e in found if e.cameo == "161"} == {("ARG", "GBR"), ("GBR", "ARG")}


def test_demands_from_unnamed_rebels_are_the_governments_own_people(events: Any) -> None:
    found = events("On 3 May 1990 the Mozambique government accepted demands from rebels that it initiate reforms.")
    _find(found, "CONCEDE", "MOZ", "MOZ")


@pytest.mark.parametrize(
    ("text", "cameo", "pair"),
    [
        ("In October 2023 Azerbaijan and Armenia held talks in Brussels.", "046", ("AZE", "ARM")),
        ("In 2019 Indian and Pakistani troops exchanged fire along the border.", "190", ("IND", "PAK")),
        ("Ethiopia and Eritrea went to war in May 1998.", "190", ("ETH", "ERI")),
        ("Seoul and Tokyo restored their military intelligence pact in 2023.", "050", ("KOR", "JPN")),
    ],
)
def test_mutual_acts_and_where_talks_were_held(events: Any, text: str, cameo: str, pair: tuple[str, str]) -> None:
    found = {(e.source, e.target) for e in events(text) if e.cameo == cameo}
    assert found == {pair, pair[::-1]}


def test_a_case_against_a_state(events: Any) -> None:
    _find(events("In 2016 the Philippines won its arbitration case against China."), "ACCUSE", "PHL", "CHN")


@pytest.mark.parametrize(
    ("text", "cameo", "pair", "mutual"),
    [
        ("In 2017 India and China ended their standoff at Doklam.", "087", ("IND", "CHN"), True),
        ("Iraq and Kuwait demarcated their border in 1993.", "057", ("IRQ", "KWT"), True),
        (
            "Qatar brokered a prisoner swap between the United States and Iran in September 2023.",
            "045",
            ("QAT", "IRN"),
            False,
        ),
        ("Britain handed Hong Kong back to China in 1997.", "084", ("GBR", "CHN"), False),
        ("North Korea fired a ballistic missile over Japan in October 2022.", "150", ("PRK", "JPN"), False),
        ("In 2017 Beijing imposed an informal boycott on South Korean goods.", "163", ("CHN", "KOR"), False),
        ("A Chinese coast guard vessel rammed a Philippine supply boat in June 2024.", "190", ("CHN", "PHL"), False),
        ("It was the first visit by a Japanese premier to Seoul in years, in May 2023.", "042", ("JPN", "KOR"), False),
    ],
)
def test_probe_constructions(events: Any, text: str, cameo: str, pair: tuple[str, str], mutual: bool) -> None:
    found = {(e.source, e.target) for e in events(text) if e.cameo == cameo}
    assert pair in found and ((pair[::-1] in found) == mutual), found


def test_a_past_act_dated_after_publication_keeps_its_modality(events: Any) -> None:
    found = events("That October, Ankara launched an offensive into north-eastern Syria.", dt.date(2024, 6, 1))
    assert {e.modality for e in found if (e.source, e.target) == ("TUR", "SYR")} == {"asserted"}


def test_a_short_analysis_of_a_dyad_dates_and_pairs_its_events(events: Any) -> None:
    text = (
        "Peru and Ecuador have long quarrelled. Peru and Ecuador fought a short war in January 1981. "
        "Ecuador blamed Peru, and Peru blamed Ecuador. Fourteen years later, in January 1995, their armies "
        "clashed again. The guarantor states, led by the United States, brokered a ceasefire that February. "
        "Talks resumed in Brasília in 1997. The two countries later opened their border to trade."
    )
    found = events(text, dt.date(2024, 3, 12))
    got = {(e.cameo, e.source, e.target, e.when["start"].year) for e in found if e.source and e.target}
    assert {("190", "PER", "ECU", 1995), ("045", "USA", "PER", 1995), ("045", "USA", "ECU", 1995)} <= got
    assert {("046", "PER", "ECU", 1997), ("0872", "PER", "ECU", 1997)} <= got
    assert {e.extras.get("parties") for e in found if e.cameo == "046"} == {"dyad"}


def test_a_planned_or_called_off_event_did_not_happen(events: Any) -> None:
    found = events("The planned visit of the Chinese president to Japan in April 2020 was postponed.")
    assert {e.modality for e in found if e.cameo == "042"} == {"negated"}
    found = events("China and Japan quarrel. The summit was called off in 2012.")
    assert found and {e.modality for e in found if e.cameo == "040"} == {"negated"}
    found = events("A possible invasion of Taiwan worries Tokyo.")
    assert {e.modality for e in found if e.cameo == "190"} == {"hypothetical"}


def test_a_meeting_host_mediates_an_agreement_to_act(events: Any) -> None:
    text = (
        "Kenya and Somalia quarrel. Kenya blamed Somalia. In March 2019 the two governments agreed to normalise "
        "relations, at a meeting hosted by Egypt's president."
    )
    assert {e.target for e in events(text) if e.cameo == "045" and e.source == "EGY"} == {"KEN", "SOM"}


def test_a_state_and_its_predecessor_are_never_two_parties(events: Any) -> None:
    text = (
        "Russia and North Korea are old partners. The Soviet Union backed North Korea. Russia aided North Korea. "
        "A new treaty, signed in February 2000, replaced the old one. Moscow said it would not extend the 1961 treaty."
    )
    found = events(text, dt.date(2024, 7, 1))
    assert not [e for e in found if {e.source, e.target} == {"RUS", "SUN"}]
    signed = {(e.source, e.target, e.when["start"]) for e in found if e.trigger == "signed"}
    assert ("RUS", "PRK", dt.date(2000, 2, 1)) in signed
    assert all(e.when["start"].year != 1961 for e in found if e.trigger == "extend")  # "the 1961 treaty" is a name


def test_a_court_is_the_forum_and_an_organisation_is_no_state(events: Any) -> None:
    text = (
        "Bolivia and Chile quarrel. Chile blamed Bolivia. "
        "Bolivia took the dispute to the International Court of Justice in April 2013."
    )
    _find(events(text), "ACCUSE", "BOL", "CHL")
    found = events("A 1904 treaty between Bolivia and Chile fixed the border.")
    assert {e.when["start"].year for e in found if e.cameo == "057"} == {1904}  # the treaty's own year


def test_a_subject_read_into_a_date_phrase_and_an_unknown_name_on_a_thing(events: Any) -> None:
    found = events(
        "In December 2022 Pakistani troops and Afghan forces exchanged fire at Chaman, killing seven civilians."
    )
    assert {(e.source, e.target) for e in found if e.trigger == "exchanged"} == {("PAK", "AFG"), ("AFG", "PAK")}
    found = events(
        "Pakistan and Afghanistan quarrel. Pakistan blamed Afghanistan. "
        "Pakistan closed the Torkham crossing on 21 February."
    )
    _find(found, "COERCE", "PAK", "AFG")
    _find(events("Kabul summoned Pakistan's chargé d'affaires on 24 February 2025."), "ACCUSE", "AFG", "PAK")


def test_an_unknown_name_as_target_of_force_is_a_place_and_a_withdrawal_leaves_the_other_side(events: Any) -> None:
    text = "Sudan and South Sudan fought in 2012. Three days later Sudanese warplanes bombed a market in Bentiu."
    found = events(text, dt.date(2025, 7, 9))
    assert not [e for e in found if (e.target or "").startswith("organization:")]
    text = "Israel and Lebanon quarrel. Israel occupied Lebanon. On 24 May 2000 Ehud Barak pulled the last troops out."
    found = events(text, dt.date(2025, 2, 20))
    assert {(e.source, e.target) for e in found if e.trigger == "pulled"} == {("ISR", "LBN")}
