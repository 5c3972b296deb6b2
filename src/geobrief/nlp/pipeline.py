"""The NLP stage: spaCy plus geobrief's components, composed by name.

Each component does one thing on a `Doc` and leaves its result as an annotation
(``doc._.actor_mentions`` …); later issues add components the same way, and users
add theirs through `Settings.components` without touching this module.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, fields, is_dataclass, replace
from functools import lru_cache
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from geobrief.config import MODEL_FALLBACKS, Settings

# geobrief's own components, in pipeline order, each added after the previous (the first after "ner").
GEOBRIEF_COMPONENTS = (
    "geobrief_timex",
    "geobrief_actor_linker",
    "geobrief_quotes",
    "geobrief_events",
    "geobrief_claims",
    "geobrief_interests",
)


def load_model(name: str) -> Language:
    """Load a spaCy model by name, accepting the PyPI package name or spaCy's own."""
    tried = [name] + [n for n in MODEL_FALLBACKS if n != name]
    for candidate in tried:
        try:
            return spacy.load(candidate)
        except OSError:
            continue
    raise RuntimeError(f"spaCy model '{name}' is not installed (tried: {', '.join(tried)})")


def build_pipeline(settings: Settings | None = None) -> Language:
    settings = settings or Settings()
    import geobrief.nlp.actors  # noqa: F401  (registers the factories)
    import geobrief.nlp.claims  # noqa: F401
    import geobrief.nlp.events  # noqa: F401
    import geobrief.nlp.interests  # noqa: F401
    import geobrief.nlp.paragraphs  # noqa: F401
    import geobrief.nlp.quotes  # noqa: F401
    import geobrief.nlp.temporal  # noqa: F401

    nlp = load_model(settings.model)
    config = {"geobrief_actor_linker": {"extra_paths": list(settings.actor_files)}}
    if "parser" in nlp.pipe_names and "geobrief_paragraphs" not in nlp.pipe_names:
        nlp.add_pipe("geobrief_paragraphs", before="parser")  # a line break ends a heading's sentence
    previous = "ner"
    for name in GEOBRIEF_COMPONENTS:
        if name not in nlp.pipe_names:
            nlp.add_pipe(name, after=previous, config=config.get(name, {}))
        previous = name
    for name in settings.components:
        if name not in nlp.pipe_names:
            nlp.add_pipe(name)
    return nlp


@lru_cache(maxsize=4)
def _cached(model: str, components: tuple[str, ...], actor_files: tuple[str, ...]) -> Language:
    return build_pipeline(Settings(model=model, components=list(components), actor_files=list(actor_files)))


def get_pipeline(settings: Settings | None = None) -> Language:
    """The pipeline for these settings, built once per process (loading costs seconds)."""
    s = settings or Settings()
    return _cached(s.model, tuple(s.components), tuple(s.actor_files))


@dataclass
class MentionOut:
    actor: Any  # geobrief.nlp.actors.Actor
    text: str
    start: int
    end: int
    sentence: int


@dataclass
class Analysis:
    """What the NLP stage found in one document, in document offsets."""

    sentences: list[tuple[int, int]]
    mentions: list[MentionOut]
    timexes: list[Any] = field(default_factory=list)  # geobrief.nlp.timex.Timex, shifted to document offsets
    sentence_times: list[tuple[dt.date, dt.date, str] | None] = field(default_factory=list)
    quotes: list[Any] = field(default_factory=list)  # geobrief.nlp.quotes.Quote, in document offsets
    events: list[Any] = field(default_factory=list)  # geobrief.nlp.events.Event
    claims: list[Any] = field(default_factory=list)  # geobrief.nlp.claims.Claim
    interests: list[Any] = field(default_factory=list)  # geobrief.nlp.interests.Interest


def _chunks(text: str, limit: int) -> list[tuple[int, str]]:
    """Split at paragraph breaks so no piece exceeds `limit` characters."""
    if len(text) <= limit:
        return [(0, text)]
    out: list[tuple[int, str]] = []
    start = 0
    while start < len(text):
        end = min(len(text), start + limit)
        if end < len(text):
            cut = text.rfind("\n\n", start, end)
            if cut <= start:
                cut = text.rfind("\n", start, end)
            if cut <= start:
                cut = text.rfind(" ", start, end)
            end = cut + 1 if cut > start else end
        out.append((start, text[start:end]))
        start = end
    return out


def _shifted(obj: Any, offset: int, sentence_base: int) -> Any:
    """A chunk's annotation in document offsets: every ``start``/``end``/``*_start``/``*_end`` int and the
    sentence index move; nested spans (a claim's horizon) too."""
    if not offset and not sentence_base:
        return obj
    changes: dict[str, Any] = {}
    for f in fields(obj):
        value = getattr(obj, f.name)
        if f.name == "sentence" and isinstance(value, int):
            changes[f.name] = value + sentence_base
        elif (f.name in ("start", "end") or f.name.endswith(("_start", "_end"))) and isinstance(value, int):
            changes[f.name] = value + offset if value >= 0 else value
        elif is_dataclass(value) and not isinstance(value, type) and hasattr(value, "start"):
            changes[f.name] = _shifted(value, offset, 0)
    return replace(obj, **changes)


def _date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def analyse_many(
    items: Iterable[tuple[str, str | None, Any]], nlp: Language, settings: Settings | None = None
) -> Iterator[tuple[Any, Analysis]]:
    """Run the pipeline over (text, published, context) items, yielding (context, Analysis) in order."""
    settings = settings or Settings()

    def docs() -> Iterator[tuple[Doc, tuple[int, int, bool, Any]]]:
        for idx, (text, published, ctx) in enumerate(items):
            pieces = _chunks(text, settings.chunk_chars)
            for n, (offset, piece) in enumerate(pieces):
                doc = nlp.make_doc(piece)
                doc.user_data["published"] = _date(published)
                yield doc, (idx, offset, n == len(pieces) - 1, ctx)

    current: Analysis | None = None
    sentence_base = 0
    for doc, (_idx, offset, last, ctx) in nlp.pipe(docs(), as_tuples=True, batch_size=settings.batch_size):
        if current is None:
            current, sentence_base = Analysis([], []), 0
        sents = [(s.start_char + offset, s.end_char + offset) for s in doc.sents]
        for m in doc._.actor_mentions or []:
            current.mentions.append(
                MentionOut(m.actor, m.text, m.start + offset, m.end + offset, m.sentence + sentence_base)
            )
        for x in doc._.timexes or []:
            current.timexes.append(replace(x, start=x.start + offset, end=x.end + offset))
        for name in ("quotes", "events", "claims", "interests"):
            getattr(current, name).extend(_shifted(x, offset, sentence_base) for x in getattr(doc._, name) or [])
        current.sentence_times.extend(doc._.sentence_times or [None] * len(sents))
        current.sentences.extend(sents)
        sentence_base += len(sents)
        if last:
            yield ctx, current
            current = None


def analyse(text: str, published: str | None = None, settings: Settings | None = None) -> Analysis:
    settings = settings or Settings()
    return next(analyse_many([(text, published, None)], get_pipeline(settings), settings))[1]
