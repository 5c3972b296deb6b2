"""The spaCy component that puts the temporal tagger on a `Doc`.

``geobrief_timex`` runs after the parser (it needs sentences) and before the actor linker, which reads
each sentence's narrative date to know who held which office then.
"""

from __future__ import annotations

import datetime as dt

from spacy.language import Language
from spacy.tokens import Doc

from geobrief.nlp.timex import Timex, is_narrative, narrative_times, tag

if not Doc.has_extension("timexes"):
    Doc.set_extension("timexes", default=None)
if not Doc.has_extension("sentence_times"):
    Doc.set_extension("sentence_times", default=None)


def _published(doc: Doc) -> dt.date | None:
    value = doc.user_data.get("published")
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


class TimexTagger:
    """Tags dates anchored on the document's publication date (``doc.user_data["published"]``)."""

    def __init__(self, name: str = "geobrief_timex") -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        published = _published(doc)
        sentences = [(s.start_char, s.end_char) for s in doc.sents]
        timexes: list[Timex] = tag(doc.text, published, sentences=sentences)
        times = narrative_times(doc.text, published, sentences, timexes)
        doc._.timexes = timexes
        doc._.sentence_times = times
        # The actor linker reads roles at these dates: each sentence's, and within a sentence the date
        # told just before a name ("In 1960 Eisenhower …, and in 1962 Kennedy …").
        doc.user_data["sentence_dates"] = [t[0] if t else published for t in times]
        doc.user_data["date_points"] = [(t.start, t.value_start) for t in timexes if is_narrative(doc.text, t)]
        return doc


@Language.factory("geobrief_timex", assigns=["doc._.timexes", "doc._.sentence_times"], requires=["doc.sents"])
def make_timex_tagger(nlp: Language, name: str) -> TimexTagger:
    return TimexTagger(name)
