"""Line breaks as sentence boundaries, set before the parser.

spaCy's parser runs a heading, a caption or a "READ MORE" line into the sentence of the next paragraph
("Trade talks\\n\\nRoe said …"), so its subject becomes the heading's noun. A line of scraped text is a
paragraph, so ``geobrief_paragraphs`` (placed before ``parser``, which respects preset boundaries)
starts a sentence at the first token after a line break — unless that token starts in lower case, the
mark of a hard-wrapped line that continues its sentence — and keeps the parser from ending that
sentence after one word, which it otherwise does after a forced start ("Roe | said …").
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


def mark_paragraphs(doc: Doc) -> Doc:
    """Set ``is_sent_start`` after each line break (one pass over the text, not over every token)."""
    text = doc.text
    at = text.find("\n")
    while at >= 0:
        nxt = at + 1
        while nxt < len(text) and text[nxt].isspace():
            nxt += 1
        if nxt >= len(text):
            break
        if not text[nxt].islower():
            span = doc.char_span(nxt, nxt + 1, alignment_mode="expand")
            if span is not None and span.start > 0:
                doc[span.start].is_sent_start = True
                if span.start + 1 < len(doc) and not doc[span.start + 1].is_space:
                    doc[span.start + 1].is_sent_start = False  # no one-word sentence: "Roe | said …"
        at = text.find("\n", nxt)
    return doc


@Language.component("geobrief_paragraphs", assigns=["token.is_sent_start"])
def paragraphs_component(doc: Doc) -> Doc:
    """spaCy component: ``nlp.add_pipe("geobrief_paragraphs", before="parser")``."""
    return mark_paragraphs(doc)


__all__ = ["mark_paragraphs", "paragraphs_component"]
