"""Quote extraction (``geobrief_quotes``): direct, reported and scare-quoted speech, with speakers.

Most tests run the extractor on the bare spaCy model's parse (no actor linker: speakers come from
``doc.ents``); one runs the full pipeline to check the actor id. Sentences are written here; the
seed-article tests check three quotes found in ../shared/corpus/seeds (skipped where absent).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from geobrief.nlp.quotes import Quote, extract_quotes, load_lexicon


@pytest.fixture(scope="module")
def quotes(spacy_nlp: Any):
    def run(text: str) -> list[Quote]:
        doc = spacy_nlp(text)
        found = extract_quotes(doc)
        for q in found:  # the offsets invariant holds for every quote and speaker
            assert doc.text[q.start : q.end] == q.text
            if q.speaker_start is not None:
                assert doc.text[q.speaker_start : q.speaker_end] == q.speaker_text
        return found

    return run


def _one(found: list[Quote], kind: str) -> Quote:
    picked = [q for q in found if q.kind == kind]
    assert len(picked) == 1, found
    return picked[0]


def test_lexicon_is_versioned_data() -> None:
    lex = load_lexicon()
    assert lex.version >= 1
    assert {"say", "tell", "add", "warn", "grumble", "insist"} <= lex.verbs
    assert ("according", "to") in lex.source_phrases


def test_direct_quote_speaker_before_verb(quotes) -> None:
    text = "“The border will stay closed until spring,” Pedro Sanchez said on Tuesday."
    q = _one(quotes(text), "direct")
    assert q.text == "The border will stay closed until spring"
    assert q.start == 1 and q.speaker_text == "Pedro Sanchez" and q.verb == "said"


def test_direct_quote_verb_before_speaker_straight_marks(quotes) -> None:
    text = 'Talks resumed in Geneva. "Nobody here wants another winter of war," said Olaf Scholz.'
    q = _one(quotes(text), "direct")
    assert q.text == "Nobody here wants another winter of war"
    assert q.speaker_text == "Olaf Scholz" and q.sentence == 1


def test_direct_quote_introduced_by_colon(quotes) -> None:
    text = "Boris Johnson said: “We shall not give in to threats from anyone.”"
    q = _one(quotes(text), "direct")
    assert q.text == "We shall not give in to threats from anyone."
    assert q.speaker_text == "Boris Johnson"


def test_interrupted_quote_gives_two_pieces_with_one_speaker(quotes) -> None:
    text = "Angela Merkel arrived late. “We will win,” she said, “whatever it costs us in the end.”"
    found = [q for q in quotes(text) if q.kind == "direct"]
    assert [q.text for q in found] == ["We will win", "whatever it costs us in the end."]
    assert {q.speaker_text for q in found} == {"Angela Merkel"}


def test_quote_spanning_sentences_and_continued_paragraphs(quotes) -> None:
    text = (
        "Justin Trudeau spoke for an hour.\n\n"
        "“First, we will rebuild the ports. Then the railways.\n\n"
        "“Second, we will pay for it ourselves,” he said."
    )
    found = [q for q in quotes(text) if q.kind == "direct"]
    assert [q.text for q in found] == [
        "First, we will rebuild the ports. Then the railways.",
        "Second, we will pay for it ourselves",
    ]
    assert all(q.speaker_text == "Justin Trudeau" for q in found)


def test_attribution_with_time_and_circumstance_then_floating_continuation(quotes) -> None:
    text = (
        "“It was a grave mistake,” Nikita Khrushchev grumbled in 1956, in a conversation with a diplomat "
        "from Warsaw. “They never listened to us. They never will.”"
    )
    found = [q for q in quotes(text) if q.kind == "direct"]
    assert [q.text for q in found] == ["It was a grave mistake", "They never listened to us. They never will."]
    assert all(q.speaker_text == "Nikita Khrushchev" for q in found)
    assert found[0].verb == "grumbled" and found[1].verb is None


def test_indirect_said_that(quotes) -> None:
    text = "Foreign Minister Sergei Lavrov said that the talks had failed because the West refused to listen."
    q = _one(quotes(text), "indirect")
    assert q.text == "that the talks had failed because the West refused to listen"
    assert q.speaker_text == "Sergei Lavrov" and q.verb == "said"


def test_indirect_without_that_and_told_reporters(quotes) -> None:
    q = _one(quotes("Emmanuel Macron told reporters the summit had been a success for Europe."), "indirect")
    assert q.text == "the summit had been a success for Europe"
    assert q.speaker_text == "Emmanuel Macron" and q.verb == "told"


@pytest.mark.parametrize(
    ("text", "clause"),
    [
        (
            "According to Jens Stoltenberg, the alliance will send more troops to the east.",
            "the alliance will send more troops to the east",
        ),
        (
            "The alliance will send more troops to the east, according to Jens Stoltenberg.",
            "The alliance will send more troops to the east",
        ),
    ],
)
def test_according_to(quotes, text: str, clause: str) -> None:
    q = _one(quotes(text), "indirect")
    assert q.text == clause
    assert q.speaker_text == "Jens Stoltenberg" and q.verb == "according to"


def test_pronoun_resolves_to_last_named_speaker(quotes) -> None:
    text = (
        "Kamala Harris arrived in Manila on Monday. She said the United States would defend its allies.\n\n"
        "“We are not going anywhere,” she added."
    )
    found = quotes(text)
    assert _one(found, "indirect").speaker_text == "Kamala Harris"
    direct = _one(found, "direct")
    assert direct.speaker_text == "Kamala Harris" and direct.verb == "added"


def test_role_noun_resolves_to_named_person(quotes) -> None:
    text = "Joe Biden met Xi Jinping in Bali. The president said the meeting had been candid and useful."
    q = _one(quotes(text), "indirect")
    assert q.speaker_text == "Joe Biden"


def test_unresolvable_source_keeps_its_own_words(quotes) -> None:
    q = _one(quotes('"The sanctions are working," said the spokesman for the ministry.'), "direct")
    assert q.speaker_text == "the spokesman"


@pytest.mark.parametrize(
    ("text", "term"),
    [
        ("Beijing calls Moscow its “no-limits” partner in every forum.", "no-limits"),
        ("The blossoming “love affair” between the two capitals worries Washington.", "love affair"),
    ],
)
def test_scare_quoted_terms(quotes, text: str, term: str) -> None:
    found = quotes(text)
    assert [(q.kind, q.text) for q in found] == [("term", term)]


def test_term_named_by_the_sentence_subject(quotes) -> None:
    text = "He defended the “special military operation,” as Vladimir Putin now calls it, in a long speech."
    q = _one(quotes(text), "term")
    assert q.text == "special military operation" and q.speaker_text == "Vladimir Putin"


def test_term_inside_reported_speech_takes_its_speaker(quotes) -> None:
    text = "Jacinda Ardern said the new rules were “simply unworkable” for small farms across the country."
    found = quotes(text)
    assert _one(found, "term").text == "simply unworkable"
    assert _one(found, "term").speaker_text == "Jacinda Ardern"
    assert _one(found, "indirect").speaker_text == "Jacinda Ardern"


def test_component_sets_doc_extension_and_links_actor() -> None:
    import geobrief.nlp.quotes  # noqa: F401
    from geobrief.config import Settings
    from geobrief.nlp.pipeline import get_pipeline

    nlp = get_pipeline(Settings(components=["geobrief_quotes"]))
    assert nlp.pipe_names.index("geobrief_quotes") > nlp.pipe_names.index("geobrief_actor_linker")
    doc = nlp("“Russia will never give up Crimea,” Vladimir Putin said on Friday.")
    q = _one(doc._.quotes, "direct")
    assert q.speaker_text == "Vladimir Putin"
    assert q.speaker_actor_id is not None and "putin" in q.speaker_actor_id


# -- the seed articles ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seeds(shared: Path, spacy_nlp: Any) -> list[list[Quote]]:
    folder = shared / "corpus" / "seeds"
    files = sorted(folder.glob("*.txt"))
    if not files:
        pytest.skip(f"no seed articles in {folder}")
    out = []
    for f in files:
        doc = spacy_nlp(f.read_text(encoding="utf-8"))
        out.append(extract_quotes(doc))
    return out


def _find(seeds: list[list[Quote]], needle: str) -> Quote:
    hits = [q for qs in seeds for q in qs if needle in q.text]
    assert hits, f"no quote containing {needle!r}"
    return min(hits, key=lambda q: len(q.text))


def test_seed_worn_out_shoes(seeds) -> None:
    hits = [q for qs in seeds for q in qs if q.text == "worn-out shoes"]
    assert hits, "the term “worn-out shoes” was not found"
    for q in hits:  # both mentions: "he charged" (he = Kim Yong Nam) and "Kim Yong Nam accused …"
        assert q.kind == "term"
        assert q.speaker_text is not None and q.speaker_text.endswith("Kim Yong Nam")


def test_seed_seedling_and_its_continuation(seeds) -> None:
    first = _find(seeds, "He is like a seedling")
    assert first.kind == "direct" and first.speaker_text == "Mao Zedong" and first.verb == "grumbled"
    cont = _find(seeds, "You planted him")
    assert cont.kind == "direct" and cont.speaker_text == "Mao Zedong"


def test_seed_god_of_war(seeds) -> None:
    q = _find(seeds, "god of war")
    assert q.kind == "term" and q.speaker_text == "Stalin"


# ---- speaker rules: gender agreement, documents, roles, "according to" after a quote, partial quotes


def test_lexicon_holds_gender_cues_and_document_nouns() -> None:
    lex = load_lexicon()
    assert {"mr.", "mrs.", "ms."} <= lex.male_titles | lex.female_titles
    assert "sarah" in lex.female_names and "david" in lex.male_names
    assert not lex.male_names & lex.female_names
    assert {"release", "statement"} <= lex.document_nouns


def test_she_skips_a_more_recent_man(quotes) -> None:
    text = (
        "Margaret Olsen runs the shelter on Bay Street. She opened it in 2009.\n\n"
        "Richard Holm, a volunteer, said the beds fill up by nine every night.\n\n"
        "“We turn people away every single evening,” she said."
    )
    q = next(q for q in quotes(text) if q.kind == "direct")
    assert q.speaker_text == "Margaret Olsen"


def test_gender_from_courtesy_title(quotes) -> None:
    text = (
        "Mrs. Okafor chaired the meeting. Peter Lund said the vote was delayed by a week.\n\n"
        "“Nobody wanted to wait this long for an answer,” she said."
    )
    q = next(q for q in quotes(text) if q.kind == "direct")
    assert q.speaker_text == "Okafor"


def test_document_subject_gives_its_source(quotes) -> None:
    text = "A statement from Greenpeace said the drilling permits had been issued without any consultation."
    q = _one(quotes(text), "indirect")
    assert q.speaker_text == "Greenpeace"


def test_according_to_after_a_quote_names_the_speaker(quotes) -> None:
    text = (
        "Peter Lund spoke first.\n\n"
        "“The waiting lists have doubled in two years and nobody is listening,” according to Dr. Amal Haddad, "
        "a family doctor in Halifax."
    )
    q = next(q for q in quotes(text) if q.kind == "direct")
    assert q.speaker_text == "Amal Haddad"


def test_according_to_skips_a_date(quotes) -> None:
    text = "The union will represent all cooks and servers at both locations, according to the union's Friday release."
    q = _one(quotes(text), "indirect")
    assert q.speaker_text != "Friday"


def test_role_noun_resolves_to_the_person_named_with_that_role(quotes) -> None:
    text = (
        "Mayor Linda Carver opened the session. Councillor Tom Beck asked about the budget.\n\n"
        "The mayor said that the new arena would be finished before the end of next year."
    )
    q = _one(quotes(text), "indirect")
    assert q.speaker_text == "Linda Carver"


def test_partial_quote_inside_reported_speech(quotes) -> None:
    text = (
        "Daniel Roy arrived first.\n\n"
        "Sarah Buckley, who taught at the school for a decade, said the team has “a culture of silence "
        "that nobody wanted to challenge.”"
    )
    q = next(q for q in quotes(text) if q.kind == "direct")
    assert q.speaker_text == "Sarah Buckley"


def test_coordinated_speakers_are_not_a_later_he(quotes) -> None:
    text = (
        "Omar Haddad said the plant would reopen in March.\n\n"
        "Owners Tore Lindqvist and Ana Brito said they respected the outcome of the vote.\n\n"
        "“It's a good day for the workers,” he said."
    )
    q = next(q for q in quotes(text) if q.kind == "direct")
    assert q.speaker_text == "Omar Haddad"


def test_photo_credit_is_not_a_speaker(quotes) -> None:
    text = (
        "Grace Lee spoke to reporters on Monday.\n\n"
        "Jamie Wood / The Canadian Press A crowd at the rally.\n\n"
        "“I feel lucky every single day of my life,” she said."
    )
    q = next(q for q in quotes(text) if q.kind == "direct")
    assert q.speaker_text == "Grace Lee"


def test_paragraph_initial_person_is_the_topic_for_he(quotes) -> None:
    text = (
        "“We are not moving anywhere,” said Roy Garner.\n\n"
        "READ MORE: Truck convoy heads east\n\n"
        "Jerome Tallis hopes the government takes steps to get the pipeline built.\n\n"
        "“This is the only way to get people back to work,” he said."
    )
    found = [q for q in quotes(text) if q.kind == "direct"]
    assert found[-1].speaker_text == "Jerome Tallis"


def test_colon_after_a_named_subject_gives_the_speaker(quotes) -> None:
    text = (
        "Dr. Alan Pryce says the rules are clear.\n\n"
        "Okafor, the clinic's director, is more blunt: “We have been warning about this for ten years now.”"
    )
    q = next(q for q in quotes(text) if q.kind == "direct")
    assert q.speaker_text == "Okafor"


def test_partial_quote_after_an_earlier_term_in_the_sentence(quotes) -> None:
    text = (
        "Chris Dale praised the school.\n\n"
        "John Schickel, a state senator, called it “completely unfair” for the students “to be dragged "
        "through the mud like this.”"
    )
    found = [q for q in quotes(text) if q.kind == "direct"]
    assert found[-1].speaker_text == "John Schickel"
