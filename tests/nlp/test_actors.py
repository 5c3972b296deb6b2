"""The actor dictionary (states, organisations, people) and the spaCy actor-linking component.

Component tests use a dictionary built in a temporary folder (the package's states and organisations
plus a few people written here), so they do not depend on the people files other work is changing;
one test checks the real people files on their own.
"""

from __future__ import annotations

import datetime as dt
import shutil
from collections import Counter
from pathlib import Path
from typing import Any

import pycountry
import pytest
import yaml

from geobrief.nlp.actors import ActorLinker
from geobrief.nlp.dictionary import (
    DATA_DIR,
    ROLES,
    Actor,
    ActorDictionary,
    Mention,
    normalize,
    parse_partial_date,
    slugify,
)

D = dt.date

PEOPLE = """
- id: putin-vladimir
  name: Vladimir Putin
  aliases: [Vladimir Vladimirovich Putin]
  roles:
    - {country: RUS, role: head_of_state, title: President, start: 2000-05-07, end: 2008-05-07}
    - {country: RUS, role: head_of_government, title: Prime Minister, start: 2008-05-08, end: 2012-05-07}
    - {country: RUS, role: head_of_state, title: President, start: 2012-05-07, end: null}
- id: lavrov-sergey
  name: Sergey Lavrov
  aliases: [Sergei Lavrov]
  roles:
    - {country: RUS, role: foreign_minister, title: Foreign Minister, start: '2004-03', end: null}
- id: kim-il-sung
  name: Kim Il Sung
  aliases: [Kim Il-sung]
  roles:
    - {country: PRK, role: head_of_state, title: President, start: '1972', end: 1994-07-08}
- id: kim-jong-un
  name: Kim Jong Un
  aliases: [Kim Jong-un]
  roles:
    - {country: PRK, role: head_of_state, title: Supreme Leader, start: 2011-12-17}
- id: test-diplomat
  name: Ingrid Halvorsen
  roles:
    - {country: NOR, role: foreign_minister, start: 1990, end: 1995}
    - {country: UN, role: other, title: Special Envoy, start: 1996}
"""


@pytest.fixture(scope="module")
def dict_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The package's state and organisation files plus the test people above."""
    root = tmp_path_factory.mktemp("actors")
    for name in ("states.yaml", "states_extra.yaml", "organizations.yaml", "places.yaml"):
        shutil.copy(DATA_DIR / name, root / name)
    (root / "people").mkdir()
    (root / "people" / "TEST.yaml").write_text(PEOPLE, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def actors(dict_dir: Path) -> ActorDictionary:
    return ActorDictionary.load(dict_dir)


@pytest.fixture(scope="module")
def nlp(spacy_nlp: Any, dict_dir: Path, actors: ActorDictionary) -> Any:
    """The shared model with the linker added under a test-only name (removed afterwards)."""
    import geobrief.nlp.actors  # noqa: F401  (registers the factory)

    name = "test_actor_linker"
    if name not in spacy_nlp.pipe_names:
        spacy_nlp.add_pipe("geobrief_actor_linker", name=name, after="ner", config={"directory": str(dict_dir)})
    yield spacy_nlp
    spacy_nlp.remove_pipe(name)


def run(nlp: Any, text: str, published: Any = None, sentence_dates: list[Any] | None = None) -> Any:
    doc = nlp.make_doc(text)
    doc.user_data["published"] = published
    if sentence_dates is not None:
        doc.user_data["sentence_dates"] = sentence_dates
    return nlp(doc)


def linked(doc: Any) -> list[tuple[str, str]]:
    return [(m.text, m.actor.id) for m in doc._.actor_mentions]


# --------------------------------------------------------------------------------------------------
# Data files


def test_states_cover_un_members_observers_and_history() -> None:
    states = yaml.safe_load((DATA_DIR / "states.yaml").read_text(encoding="utf-8"))
    by_id = {s["id"]: s for s in states}
    assert len(by_id) == len(states), "duplicate state ids"
    current = [s for s in states if not s["historical"]]
    assert len(current) == 193 + 4  # UN members + Holy See, Palestine, Taiwan, Kosovo
    for code in ("VAT", "PSE", "TWN", "XKX", "PRK", "USA"):
        assert code in by_id
    for code, until in {
        "SUN": 1991,
        "DDR": 1990,
        "YUG": 2003,
        "CSK": 1992,
        "SCG": 2006,
        "VDR": 1976,
        "RVN": 1975,
        "YMD": 1990,
        "ZAR": 1997,
    }.items():
        assert by_id[code]["historical"] is True and by_id[code]["valid_until"] == until, code
    extra = yaml.safe_load((DATA_DIR / "states_extra.yaml").read_text(encoding="utf-8"))
    assert {e["id"] for e in extra} == set(by_id), "every state has hand data, and nothing else"
    assert all(e.get("capital") for e in extra), "every state has a capital"


def test_generated_states_file_is_up_to_date() -> None:
    import importlib.util

    script = DATA_DIR.parents[3] / "scripts" / "build_states.py"
    spec = importlib.util.spec_from_file_location("build_states", script)
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    assert mod.render(mod.build()) == (DATA_DIR / "states.yaml").read_text(encoding="utf-8")


def test_organisation_ids_are_unique_and_never_iso_codes() -> None:
    orgs = yaml.safe_load((DATA_DIR / "organizations.yaml").read_text(encoding="utf-8"))
    ids = [o["id"] for o in orgs]
    assert len(ids) == len(set(ids))
    iso3 = {c.alpha_3 for c in pycountry.countries} | {c.alpha_3 for c in pycountry.historic_countries}
    assert not set(ids) & iso3
    assert {"UN", "UNSC", "NATO", "EU", "IAEA", "ASEAN", "WARSAW_PACT", "COMECON"} <= set(ids)
    assert all(o["kind"] == "organization" and o["country"] is None for o in orgs)


def test_real_dictionary_parses_with_consistent_ids_and_known_role_countries() -> None:
    people_dir = DATA_DIR / "people"
    names: dict[str, set[str]] = {}
    for path in sorted(people_dir.glob("*.yaml")):
        for entry in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            names.setdefault(entry["id"], set()).add(entry["name"])
    clashes = {pid: n for pid, n in names.items() if len(n) > 1}
    assert not clashes, f"an id shared by several files must name one person: {clashes}"
    d = ActorDictionary.load()
    assert not d.warnings, d.warnings
    # Shevardnadze served the Soviet Union and Georgia: one person, both roles.
    assert {r.country for r in d.record("shevardnadze-eduard").roles} >= {"SUN", "GEO"}
    known = set(d.ids("state")) | set(d.ids("organization"))
    bad = [(pid, r.country) for pid in d.ids("person") for r in d.record(pid).roles if r.country not in known]
    assert not bad, f"role countries that are no state or organisation id: {bad[:20]}"
    assert not set(d.ids("person")) & known


# --------------------------------------------------------------------------------------------------
# Normalisation and lookup


def test_normalize_folds_case_except_acronyms() -> None:
    assert normalize("the U.S.") == "US"
    assert normalize("Russia's") == "russia"
    assert normalize("Élysée") == "elysee"
    assert normalize("Kim Il-sung") == normalize("Kim Il Sung") == "kim il sung"
    assert slugify("Aidan Foster-Carter") == "aidan-foster-carter"


def test_acronyms_match_upper_case_only(actors: ActorDictionary) -> None:
    assert actors.lookup("US").id == "USA"
    assert actors.lookup("the U.S.").id == "USA"
    assert actors.lookup("us") is None and actors.lookup("Us") is None
    assert actors.lookup("WHO").id == "WHO" and actors.lookup("Who") is None
    assert actors.lookup("Nato").id == actors.lookup("NATO").id == "NATO"
    assert actors.lookup("the States").id == "USA"
    assert actors.lookup("States") is None  # "the States" needs its article


def test_names_aliases_demonyms_and_metonyms(actors: ActorDictionary) -> None:
    cases = {
        "Democratic People's Republic of Korea": "PRK",
        "DPRK": "PRK",
        "North Korean": "PRK",
        "North Koreans": "PRK",
        "Pyongyang": "PRK",
        "the Kremlin": "RUS",
        "Russian Federation": "RUS",
        "the White House": "USA",
        "Foggy Bottom": "USA",
        "Downing Street": "GBR",
        "Britain": "GBR",
        "the Elysee": "FRA",
        "Élysée": "FRA",
        "Zhongnanhai": "CHN",
        "Kiev": "UKR",
        "Bankova": "UKR",
        "Taipei": "TWN",
        "Brussels": "EU",
        "Bonn": "DEU",
        "UN Security Council": "UNSC",
        "U.N. Security Council": "UNSC",
        "Côte d’Ivoire": "CIV",
        "Guinea Bissau": "GNB",
        "Philippines'": "PHL",
    }
    got = {s: (a.id if (a := actors.lookup(s)) else None) for s in cases}
    assert got == cases
    assert actors.lookup("Pyongyang").kind == "state"
    assert actors.lookup("Brussels").kind == "organization"
    assert actors.lookup("the North") is None and actors.lookup("the South") is None
    assert actors.lookup("Congolese") is None  # shared by two states: not guessed


def test_historical_states_chosen_by_date(actors: ActorDictionary) -> None:
    assert actors.lookup("the Soviets").id == "SUN"
    assert actors.lookup("USSR").id == "SUN"
    assert actors.lookup("Soviet").id == "SUN"
    assert actors.lookup("the Kremlin", D(1985, 3, 1)).id == "SUN"
    assert actors.lookup("the Kremlin", D(2005, 3, 1)).id == "RUS"
    assert actors.lookup("Moscow").id == "RUS"  # no date: the current state
    assert actors.lookup("Russia", D(1950, 1, 1)).id == "RUS"  # a name, not a metonym: kept simple
    assert [actors.lookup("Belgrade", D(y, 6, 1)).id for y in (1980, 2004, 2010)] == ["YUG", "SCG", "SRB"]
    assert actors.lookup("Hanoi", D(1970, 1, 1)).id == "VDR"
    assert actors.lookup("East Germany").id == "DDR"
    assert actors.state("sun").name == "Soviet Union"


def test_fuzzy_only_for_long_multiword_names(actors: ActorDictionary) -> None:
    assert actors.lookup("Democratic Peoples Republic of Korea").id == "PRK"
    assert actors.lookup("Vladmir Putin", D(2020, 1, 1)).id == "putin-vladimir"  # a typo in the first name
    assert actors.lookup("Americas") is None  # one word: no fuzzy match to "Americans"
    assert actors.lookup("Irak") is None
    assert actors.lookup("Sergey Lavrova") is None  # a person's surname must match exactly


def test_titles_are_stripped_and_used(actors: ActorDictionary) -> None:
    assert actors.lookup("President Putin", D(2010, 1, 1)).id == "putin-vladimir"
    assert actors.lookup("Russian President Vladimir Putin").id == "putin-vladimir"
    assert actors.lookup("Foreign Minister Lavrov", D(2015, 1, 1)).id == "lavrov-sergey"
    assert actors.lookup("Lavrov", D(2015, 1, 1)).id == "lavrov-sergey"
    # a bare surname: only someone in office at the date; without a date only with a title
    assert actors.lookup("Kim", D(2024, 1, 1)).id == "kim-jong-un"
    assert actors.lookup("Kim", D(1990, 1, 1)).id == "kim-il-sung"
    assert actors.lookup("Kim", D(2000, 1, 1)) is None
    assert actors.lookup("Kim") is None
    assert actors.lookup("Mr. Kim", D(2020, 1, 1)).id == "kim-jong-un"
    assert actors.lookup("President") is None


def test_hyphen_and_space_variants_of_names(actors: ActorDictionary) -> None:
    for surface in ("Kim Il Sung", "Kim Il-sung", "Kim Il-Sung", "Kim Ilsung", "KIM IL SUNG"):
        assert actors.lookup(surface).id == "kim-il-sung", surface


def test_roles_and_country_at_a_date(actors: ActorDictionary) -> None:
    assert [r.role for r in actors.roles_at("putin-vladimir", D(2010, 1, 1))] == ["head_of_government"]
    assert [r.role for r in actors.roles_at("putin-vladimir", D(2020, 1, 1))] == ["head_of_state"]
    assert [r.role for r in actors.roles_at("putin-vladimir", None)] == ["head_of_state"]  # current
    assert actors.roles_at("putin-vladimir", D(1995, 1, 1)) == []
    # partial dates widen: 'YYYY-MM' start is the 1st; a bare year ends on 31 December
    assert actors.roles_at("lavrov-sergey", D(2004, 3, 1))[0].start == D(2004, 3, 1)
    assert actors.roles_at("test-diplomat", D(1995, 12, 31))[0].country == "NOR"
    # a person acts for the country of their role at the date, else of their latest role
    assert actors.lookup("Ingrid Halvorsen", D(1992, 1, 1)).country == "NOR"
    assert actors.lookup("Ingrid Halvorsen", D(2001, 1, 1)).country == "UN"
    assert actors.lookup("Ingrid Halvorsen").country == "UN"
    assert actors.get("kim-il-sung").country == "PRK"
    assert all(r.role in ROLES for pid in actors.ids("person") for r in actors.record(pid).roles)


def test_parse_partial_date() -> None:
    assert parse_partial_date("1994") == D(1994, 1, 1)
    assert parse_partial_date(1994, end=True) == D(1994, 12, 31)
    assert parse_partial_date("2024-02", end=True) == D(2024, 2, 29)
    assert parse_partial_date("2024-12", end=True) == D(2024, 12, 31)
    assert parse_partial_date(D(2000, 5, 7)) == D(2000, 5, 7)
    assert parse_partial_date(None) is None
    with pytest.raises(ValueError):
        parse_partial_date("May 2000")


def test_extra_files_merge_over_the_dictionary(dict_dir: Path, tmp_path: Path) -> None:
    extra = tmp_path / "mine.yaml"
    extra.write_text(
        "- {id: RUS, aliases: [Rossiya]}\n"
        "- {id: WAGNER, name: Wagner Group, kind: group, country: RUS, aliases: [PMC Wagner]}\n"
        "- id: lavrov-sergey\n  name: Sergey Lavrov\n  roles: [{country: RUS, role: ambassador, start: 1994}]\n"
        "- {id: bad-entry}\n",
        encoding="utf-8",
    )
    d = ActorDictionary.load(dict_dir, [extra])
    assert d.lookup("Rossiya").id == "RUS"
    assert d.lookup("Russia").id == "RUS"  # the built-in names stay
    wagner = d.lookup("PMC Wagner")
    assert (wagner.kind, wagner.country) == ("group", "RUS")
    assert len(d.record("lavrov-sergey").roles) == 2  # lists are merged
    assert any("bad-entry" in w for w in d.warnings)
    assert any("unknown role 'ambassador'" in w for w in d.warnings)
    assert ActorDictionary.load(dict_dir, [extra]) is d  # cached


def test_shared_person_ids_merge_and_clashes_are_reported(tmp_path: Path) -> None:
    (tmp_path / "people").mkdir()
    (tmp_path / "people" / "AAA.yaml").write_text(
        "- {id: x-y, name: X Y, roles: [{country: AAA, role: foreign_minister, start: 2001}]}\n"
        "- {id: p-q, name: P Q, roles: []}\n",
        encoding="utf-8",
    )
    (tmp_path / "people" / "BBB.yaml").write_text(
        "- {id: x-y, name: X Y, roles: [{country: BBB, role: other, title: Envoy, start: 2010}]}\n"
        "- {id: p-q, name: Somebody Else, roles: []}\n",
        encoding="utf-8",
    )
    d = ActorDictionary.from_paths([tmp_path])
    assert {r.country for r in d.record("x-y").roles} == {"AAA", "BBB"}
    assert [w for w in d.warnings if "x-y" in w] == []
    assert any("p-q" in w and "Somebody Else" in w for w in d.warnings)


# --------------------------------------------------------------------------------------------------
# The spaCy component


def test_offsets_sentences_and_extensions(nlp: Any) -> None:
    doc = run(nlp, "Officials in Pyongyang traded threats with the White House.\n\nThe Kremlin said nothing.")
    assert all(isinstance(m, Mention) for m in doc._.actor_mentions)
    for m in doc._.actor_mentions:
        assert doc.text[m.start : m.end] == m.text
    assert [(m.text, m.actor.id, m.sentence) for m in doc._.actor_mentions] == [
        ("Pyongyang", "PRK", 0),
        ("White House", "USA", 0),
        ("Kremlin", "RUS", 1),
    ]
    assert set(doc._.actors) == {"PRK", "USA", "RUS"}
    assert all(isinstance(a, Actor) and a.kind == "state" for a in doc._.actors.values())
    assert nlp.make_doc("x")._.actor_mentions is None  # the extension defaults to None


def test_demonyms_link_to_the_state(nlp: Any) -> None:
    doc = run(nlp, "The Soviet Foreign Minister flew to Havana after the North Korean invasion.", "1951-01-01")
    assert linked(doc) == [("Soviet", "SUN"), ("Havana", "CUB"), ("North Korean", "PRK")]
    doc = run(nlp, "Chinese and Ukrainian diplomats met American and Russian officials.")
    assert [a for _, a in linked(doc)] == ["CHN", "UKR", "USA", "RUS"]


def test_metonyms_follow_the_date(nlp: Any) -> None:
    text = "Moscow rejected the plan, and the Kremlin said so twice."
    assert {a for _, a in linked(run(nlp, text, "1983-09-01"))} == {"SUN"}
    assert {a for _, a in linked(run(nlp, text, dt.date(2019, 9, 1)))} == {"RUS"}
    # per-sentence dates beat the publication date
    doc = run(nlp, "Moscow objected. Moscow objected again.", "2019-01-01", [D(1983, 1, 1), None])
    assert [a for _, a in linked(doc)] == ["SUN", "RUS"]


def test_bare_kim_is_the_kim_named_last(nlp: Any) -> None:
    doc = run(
        nlp, "Kim Il Sung ruled for decades. His grandson Kim Jong Un now leads. Kim inspected a plant.", "2024-05-01"
    )
    assert linked(doc) == [("Kim Il Sung", "kim-il-sung"), ("Kim Jong Un", "kim-jong-un"), ("Kim", "kim-jong-un")]
    doc = run(
        nlp, "Kim Jong Un met officials. Later, Kim Il Sung was commemorated. Kim was called eternal.", "2024-05-01"
    )
    assert linked(doc)[-1] == ("Kim", "kim-il-sung")
    doc = run(nlp, "Kim Jong Un spoke. Kim Il Sung was praised. Then Mr. Kim left.", "2024-05-01")
    assert linked(doc)[-1] == ("Kim", "kim-il-sung")


def test_president_putin_role_at_two_dates(nlp: Any) -> None:
    text = "President Putin met Foreign Minister Lavrov in the Kremlin."
    early = {m.actor.id: m for m in run(nlp, text, "2010-06-01")._.actor_mentions}
    late = {m.actor.id: m for m in run(nlp, text, "2021-06-01")._.actor_mentions}
    assert early["putin-vladimir"].text == "Putin"  # the title is not part of the mention
    assert early["putin-vladimir"].role.role == "head_of_government"
    assert late["putin-vladimir"].role.role == "head_of_state"
    assert early["putin-vladimir"].actor.country == late["putin-vladimir"].actor.country == "RUS"
    assert late["lavrov-sergey"].role.role == "foreign_minister"
    assert run(nlp, text)._.actor_mentions[0].role is None  # no date, no role


def test_organisations(nlp: Any) -> None:
    doc = run(nlp, "NATO and the UN Security Council met, while the European Union and Nato allies waited.")
    assert [a for _, a in linked(doc)] == ["NATO", "UNSC", "EU", "NATO"]
    assert all(m.actor.kind == "organization" and m.actor.country is None for m in doc._.actor_mentions)


def test_unknown_people_get_stable_ids_and_bare_surnames(nlp: Any) -> None:
    text = "Analyst Daniel Whitfield-Moore told reporters the deal was fragile. Whitfield-Moore added more."
    doc = run(nlp, text)
    assert linked(doc) == [
        ("Daniel Whitfield-Moore", "person:dnlvhtfldmra"),
        ("Whitfield-Moore", "person:dnlvhtfldmra"),
    ]
    person = doc._.actors["person:dnlvhtfldmra"]
    assert (person.kind, person.country, person.name) == ("person", None, "Daniel Whitfield-Moore")
    again = run(nlp, "Daniel Whitfield-Moore wrote again.")
    assert linked(again) == [("Daniel Whitfield-Moore", "person:dnlvhtfldmra")]


def test_headline_surname_before_the_full_name(nlp: Any) -> None:
    doc = run(nlp, "Marchetti warns of delay\n\nProfessor Helena Marchetti said the vote was close.")
    assert {a for _, a in linked(doc)} == {"person:hlnmrkti"}


def test_hyphen_variants_in_text(nlp: Any) -> None:
    doc = run(
        nlp, "Kim Il-sung met Chinese envoys; the same Kim Il Sung (or Kim Ilsung) later visited Moscow.", "1985-01-01"
    )
    assert linked(doc) == [
        ("Kim Il-sung", "kim-il-sung"),
        ("Chinese", "CHN"),
        ("Kim Il Sung", "kim-il-sung"),
        ("Kim Ilsung", "kim-il-sung"),
        ("Moscow", "SUN"),
    ]


def test_dictionary_matcher_finds_what_ner_misses(nlp: Any) -> None:
    linker = nlp.get_pipe("test_actor_linker")
    assert isinstance(linker, ActorLinker)
    doc = nlp.make_doc("officials in the Kremlin, Zhongnanhai and Foggy Bottom disagreed with the U.S. and us.")
    doc.ents = []  # no entities at all: everything below comes from the phrase matcher
    doc = linker(doc)
    assert linked(doc) == [("Kremlin", "RUS"), ("Zhongnanhai", "CHN"), ("Foggy Bottom", "USA"), ("U.S.", "USA")]
    doc = nlp.make_doc("Latin America, New Mexico and Northern Ireland; the states of Europe and the States.")
    doc.ents = []
    assert linked(linker(doc)) == [("the States", "USA")]


def test_junk_and_possessives(nlp: Any) -> None:
    doc = run(nlp, "North Korea's leader said 2024 would be decisive, and Russia's envoy agreed.")
    assert linked(doc) == [("North Korea", "PRK"), ("Russia", "RUS")]
    for m in doc._.actor_mentions:
        assert not m.text.endswith("'s")


def test_user_dictionary_through_the_factory_config(spacy_nlp: Any, dict_dir: Path, tmp_path: Path) -> None:
    extra = tmp_path / "extra"
    extra.mkdir()
    (extra / "groups.yaml").write_text(
        "- {id: ACME_FRONT, name: Acme Liberation Front, kind: group, country: PRK, aliases: [ALF]}\n",
        encoding="utf-8",
    )
    name = "test_actor_linker_extra"
    spacy_nlp.add_pipe(
        "geobrief_actor_linker", name=name, config={"directory": str(dict_dir), "extra_paths": [str(extra)]}
    )
    try:
        doc = spacy_nlp("The Acme Liberation Front, or ALF, met Russian officials.")
    finally:
        spacy_nlp.remove_pipe(name)
    got = Counter(a for _, a in linked(doc))
    assert got == Counter({"ACME_FRONT": 2, "RUS": 1})


def test_built_dictionary_is_cached_on_disk_by_content(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from geobrief.nlp import dictionary as d

    monkeypatch.setenv("GEOBRIEF_CACHE", str(tmp_path / "cache"))
    extra = tmp_path / "extra.yaml"
    extra.write_text("- {id: person:test-envoy, name: Test Envoy, kind: person}\n")
    d._load_cached.cache_clear()
    first = ActorDictionary.load(extra_paths=[extra])
    [pickled] = (tmp_path / "cache").glob("actors-*.pickle")
    d._load_cached.cache_clear()
    again = ActorDictionary.load(extra_paths=[extra])
    assert again is not first and again.records.keys() == first.records.keys()
    extra.write_text("- {id: person:test-envoy, name: Test Envoy Two, kind: person}\n")
    d._load_cached.cache_clear()
    changed = ActorDictionary.load(extra_paths=[extra])
    assert changed.records["person:test-envoy"].name == "Test Envoy Two"
    assert len(list((tmp_path / "cache").glob("actors-*.pickle"))) == 2 and pickled.exists()
    d._load_cached.cache_clear()


def test_a_state_name_is_the_state_even_after_a_person_of_that_surname(nlp: Any) -> None:
    doc = run(nlp, "Prime Minister Madhav Kumar Nepal met officials. Nepal and India signed a trade deal.")
    assert linked(doc) == [("Madhav Kumar Nepal", "person:mdvkmrnpl"), ("Nepal", "NPL"), ("India", "IND")]


# --------------------------------------------------------------------------------------------------
# Linking gaps: leaders' governments, coordinated names, bodies, places, state anaphora


def _linker(nlp: Any) -> ActorLinker:
    return nlp.get_pipe("test_actor_linker")


def _with_ents(nlp: Any, text: str, ents: list[tuple[int, int, str]], published: Any = None) -> Any:
    """A doc parsed by the model, with spaCy's entities replaced by ``ents``, then linked."""
    from spacy.tokens import Span

    doc = nlp.make_doc(text)
    doc.user_data["published"] = published
    for name, proc in nlp.pipeline:
        if name != "test_actor_linker":
            doc = proc(doc)
    doc.ents = [Span(doc, s, e, label=lab) for s, e, lab in ents]
    return _linker(nlp)(doc)


def test_leader_body_is_the_leaders_state(nlp: Any, actors: ActorDictionary) -> None:
    doc = _with_ents(nlp, "The Putin government expelled the envoys.", [(1, 2, "ORG")], D(2015, 1, 1))
    assert ("Putin government", "RUS") in linked(doc)
    doc = _with_ents(nlp, "The Putin administration protested.", [(1, 3, "ORG")], D(2015, 1, 1))
    assert ("Putin administration", "RUS") in linked(doc)
    # a foreign minister heads no government: no state from "the Lavrov camp"
    assert actors.leader_state("Lavrov", D(2015, 1, 1)) is None
    assert actors.leader_state("Putin", D(2015, 1, 1)) == "RUS"
    assert actors.leader_state("Kim Il Sung", D(2015, 1, 1)) == "PRK"  # the one state he ever led


def test_coordinated_names_in_one_entity_are_split(nlp: Any) -> None:
    text = "Vladimir Putin arrived. Later Putin and Lavrov met the delegation."
    doc = _with_ents(nlp, text, [(0, 2, "PERSON"), (5, 8, "ORG")], D(2015, 1, 1))
    got = linked(doc)
    assert ("Putin", "putin-vladimir") in got and ("Lavrov", "lavrov-sergey") in got
    assert not any(" and " in t for t, _ in got)
    # a name with "and" in it is not split
    doc = _with_ents(nlp, "Bosnia and Herzegovina protested.", [(0, 3, "GPE")])
    assert linked(doc) == [("Bosnia and Herzegovina", "BIH")]


def test_bodies_named_after_a_state(nlp: Any) -> None:
    doc = run(nlp, "On 21 May the Taiwan Affairs Office condemned the speech.", D(2024, 6, 1))
    assert ("Taiwan Affairs Office", "CHN") in linked(doc)
    linker = _linker(nlp)
    assert linker._state_after_of(["Ministry", "of", "Defence", "of", "Ukraine"]) == "UKR"
    assert linker._state_after_of(["Institute", "of", "Korean", "Studies"]) is None


def test_places_stand_for_their_holder_at_the_date(actors: ActorDictionary) -> None:
    crimea = actors.lookup("Crimea", D(2010, 1, 1))
    assert crimea is not None and crimea.kind == "place" and crimea.country == "UKR"
    assert actors.lookup("the Crimean Peninsula", D(2020, 1, 1)).country == "RUS"  # type: ignore[union-attr]
    assert actors.lookup("Crimea", D(2014, 3, 18)).country == "UKR"  # type: ignore[union-attr]  # the seizure
    assert actors.lookup("Gaza Strip", D(2023, 10, 7)).country == "PSE"  # type: ignore[union-attr]
    assert actors.lookup("Quemoy", D(1958, 8, 23)).country == "TWN"  # type: ignore[union-attr]
    assert actors.lookup("Line of Control", D(2016, 9, 1)).country is None  # type: ignore[union-attr]


def test_gazetteer_is_broad_and_well_formed() -> None:
    places = yaml.safe_load((DATA_DIR / "places.yaml").read_text(encoding="utf-8"))
    assert len(places) >= 100
    states = {s["id"] for s in yaml.safe_load((DATA_DIR / "states.yaml").read_text(encoding="utf-8"))}
    for p in places:
        assert p["id"] == f"place:{slugify(p['name'])}"
        assert bool(p.get("held_by")) != bool(p.get("sides")), p["id"]  # a holder or sides, never both
        for code in [h["country"] for h in p.get("held_by") or []] + list(p.get("sides") or []):
            assert code in states, (p["id"], code)


def test_a_line_stands_for_the_side_not_yet_named(nlp: Any) -> None:
    doc = run(nlp, "Indian troops fired across the Line of Control in May 2016.", D(2016, 6, 1))
    m = next(m for m in doc._.actor_mentions if m.actor.id == "place:line-of-control")
    assert m.actor.country == "PAK"
    doc = run(nlp, "Shelling along the Line of Control continued in May 2016.", D(2016, 6, 1))
    m = next(m for m in doc._.actor_mentions if m.actor.id == "place:line-of-control")
    assert m.actor.country is None


def test_state_anaphora(nlp: Any) -> None:
    doc = run(nlp, "Chinese warships sailed toward Taiwan on Monday. The drills encircled the island.", D(2024, 6, 1))
    assert ("the island", "TWN") in linked(doc)  # China is no island
    doc = run(nlp, "Japan and Taiwan held talks on Monday. Warships later circled the island.", D(2024, 6, 1))
    assert not any(t == "the island" for t, _ in linked(doc))  # two islands fit: none chosen
    text = "Kosovo declared independence from Serbia in 2008. Soon France recognised the new state."
    doc = run(nlp, text, D(2008, 3, 1), sentence_dates=[D(2008, 2, 17), D(2008, 2, 18)])
    assert ("the new state", "XKX") in linked(doc)
    doc = run(nlp, "Norway sent aid on Monday. The country director resigned.", D(2024, 6, 1))
    assert not any(t.lower().startswith("the country") for t, _ in linked(doc))


def test_ethnic_demonym_is_a_people_not_the_state(nlp: Any) -> None:
    ids = linked(
        run(nlp, "Serb forces killed three ethnic Albanians in southeastern Serbia. Albanians voted in Tirana.")
    )
    assert ("Albanians", "group:ethnic-albanians") in ids and ("Albanians", "ALB") in ids


def test_a_state_named_before_its_independence_is_its_holders_territory(nlp: Any) -> None:
    text = "In 1962 the emperor annexed Eritrea. In 1993 Eritrea became independent."
    doc = run(nlp, text, D(2024, 6, 1), [D(1962, 1, 1), D(1993, 1, 1)])
    eritrea = [m for m in doc._.actor_mentions if m.text == "Eritrea"]
    assert [(m.actor.kind, m.actor.country) for m in eritrea] == [("place", "ETH"), ("state", "ERI")]
    text = "In 1990 Sudanese rebels shelled Juba. In 2013 Juba accused Khartoum."
    doc = run(nlp, text, D(2024, 6, 1), [D(1990, 1, 1), D(2013, 1, 1)])
    assert [m.actor.country for m in doc._.actor_mentions if m.text == "Juba"] == ["SDN", "SSD"]
