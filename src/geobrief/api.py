"""The Python API: everything the CLI does, as calls that return records.

import geobrief
gb = geobrief.open("news.db")
gb.ingest(["articles/"])
gb.actors(top=10)            # list of dicts
gb.actors(top=10, frame=True) # a pandas DataFrame, where pandas is installed
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from typing import Any

from geobrief import export as _export
from geobrief.analysis.merge import fold, is_symmetric
from geobrief.config import Settings
from geobrief.pipeline import IngestReport, Progress
from geobrief.pipeline import ingest as _ingest
from geobrief.store.store import Store


def _frame(rows: list[dict[str, Any]], frame: bool) -> Any:
    if not frame:
        return rows
    try:
        import pandas as pd
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise RuntimeError("frame=True needs pandas: pip install pandas") from exc
    return pd.DataFrame(rows)


class Geobrief:
    """A geobrief project: a store plus the settings its pipeline runs with."""

    def __init__(self, db: str | os.PathLike[str] | None = None, settings: Settings | None = None) -> None:
        self.store = Store(db)
        self.settings = settings or Settings()

    @classmethod
    def of(cls, store: Store, settings: Settings | None = None) -> Geobrief:
        """A project over an open store (for code that holds the store, such as exporters)."""
        gb = cls.__new__(cls)
        gb.store, gb.settings = store, settings or Settings()
        return gb

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Geobrief:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def ingest(
        self,
        paths: list[str] | str,
        *,
        on_error: Callable[[str], None] | None = None,
        progress_factory: Callable[[int], Progress] | None = None,
    ) -> IngestReport:
        if isinstance(paths, str | os.PathLike):
            paths = [os.fspath(paths)]
        return _ingest(
            self.store,
            [os.fspath(p) for p in paths],
            self.settings,
            on_error=on_error,
            progress_factory=progress_factory,
        )

    def docs(self, *, limit: int | None = None, text: bool = False, frame: bool = False) -> Any:
        rows = [
            {k: v for k, v in d.__dict__.items() if k not in ("minhash", "shingles") and (text or k != "text")}
            for d in self.store.documents(include_text=text, limit=limit)
        ]
        return _frame(rows, frame)

    def actors(self, *, top: int | None = None, kind: str | None = None, frame: bool = False) -> Any:
        rows = [
            {"id": a.id, "name": a.name, "kind": a.kind, "country": a.country, "aliases": a.aliases, "mentions": n}
            for a, n in self.store.actors(top=top, kind=kind)
        ]
        return _frame(rows, frame)

    def mentions(self, *, doc: str | None = None, actor: str | None = None, frame: bool = False) -> Any:
        rows = [m.__dict__ for m in self.store.mentions(doc=doc, actor=actor)]
        return _frame(rows, frame)

    def quotes(
        self,
        *,
        speaker: str | None = None,
        kind: str | None = None,
        since: str | None = None,
        until: str | None = None,
        frame: bool = False,
    ) -> Any:
        """Quotes with their speakers; `speaker` is an actor id or name, dates bound the document's date."""
        speakers = self.store.find_actor_ids(speaker) if speaker else None
        if speaker and not speakers:
            return _frame([], frame)
        rows = [q.__dict__ for q in self.store.quotes(speaker=speakers, kind=kind, since=since, until=until)]
        return _frame(rows, frame)

    def _ids(self, name: str | None) -> list[str] | None:
        """Actor ids for a user's name or code; an unknown name matches nothing (not everything)."""
        if not name:
            return None
        return self.store.find_actor_ids(name) or [name]

    def events(
        self,
        *,
        actor: str | None = None,
        target: str | None = None,
        type: str | None = None,  # noqa: A002 - the export's field name
        since: str | None = None,
        until: str | None = None,
        include_unreal: bool = False,
        frame: bool = False,
    ) -> Any:
        """Events (state-level source → target), dated; negated/hypothetical ones only on request."""
        sources, targets = self._state_ids(actor), self._state_ids(target)
        query = {"type": type, "since": since, "until": until, "include_unreal": include_unreal}
        rows = self.store.events(actor=sources, target=targets, **query)
        if sources or targets:
            # a meeting stored as B → A is the same event as A → B: let `fold` see both directions
            keep = {e["id"] for e in rows}
            reverse = [e for e in self.store.events(actor=targets, target=sources, **query) if is_symmetric(e)]
            rows = [e for e in fold(list({e["id"]: e for e in rows + reverse}.values())) if e["id"] in keep]
        else:
            rows = fold(rows)
        return _frame([_export.event_record(e) for e in rows], frame)

    def actor_names(self, ids: Iterable[str]) -> dict[str, str]:
        """Display names of these actor ids (ids the store does not know are left out)."""
        return self.store.actor_names(ids)

    def disagreements(self, a: str | None = None, b: str | None = None, *, frame: bool = False) -> Any:
        """Where documents disagree (about `a`, and `b`): see `geobrief.analysis.disagreements`."""
        from geobrief.analysis.disagreements import find

        return _frame([d.record() for d in find(self, a, b)], frame)

    def sources(self, a: str, b: str, *, by: str = "doc", frame: bool = False) -> Any:
        """How each document (or author, `by="author"`) describes the dyad `a`–`b`: events, tone,
        stance cues, forecasts and voice; see `geobrief.analysis.voices`."""
        from geobrief.analysis.voices import compare

        return _frame(compare(self, a, b, by=by), frame)

    def _state_ids(self, name: str | None) -> list[str] | None:
        ids = self._ids(name)
        if ids is None:
            return None
        countries = self.store.countries_of(ids)
        return sorted(set(ids) | countries)

    def claims(
        self,
        *,
        actor: str | None = None,
        kind: str | None = None,
        since: str | None = None,
        until: str | None = None,
        frame: bool = False,
    ) -> Any:
        rows = self.store.claims(actor=self._state_ids(actor), kind=kind, since=since, until=until)
        return _frame([_export.claim_record(c) for c in rows], frame)

    def interests(
        self,
        *,
        actor: str | None = None,
        source: str | None = None,
        since: str | None = None,
        until: str | None = None,
        frame: bool = False,
    ) -> Any:
        rows = self.store.interests(
            actor=self._state_ids(actor), source=self._state_ids(source), since=since, until=until
        )
        return _frame([_export.interest_record(i) for i in rows], frame)

    def brief(self, a: str, b: str | None = None, *, since: str | None = None, until: str | None = None) -> Any:
        """The analyst's brief on `a` (and `b`): a `geobrief.report.brief.Brief`, to render."""
        from geobrief.report.brief import build

        return build(self, a, b, since=since, until=until)

    def search(self, query: str, *, limit: int = 20, frame: bool = False) -> Any:
        return _frame(self.store.search(query, limit=limit), frame)

    def export(self, kind: str, *, frame: bool = False) -> Any:
        return _frame(list(_export.records(self.store, kind)), frame)

    def series(
        self,
        a: str,
        b: str,
        *,
        by: str = "year",
        since: str | None = None,
        until: str | None = None,
        frame: bool = False,
    ) -> Any:
        """The dyad `a`–`b` over time (both directions): per year or month, events by quad class,
        cooperation, conflict and summed intensity; see `geobrief.analysis.series.dyad_series`."""
        from geobrief.analysis.series import dyad_series

        ids_a, ids_b = self._state_ids(a) or [], self._state_ids(b) or []
        if not ids_a or not ids_b:
            return _frame([], frame)
        seen: dict[str, dict[str, Any]] = {}
        for src, tgt in ((ids_a, ids_b), (ids_b, ids_a)):
            for e in self.store.events(actor=src, target=tgt, since=since, until=until):
                seen.setdefault(e["id"], e)
        records = [_export.event_record(e) for e in fold(list(seen.values()))]
        events = sorted(records, key=lambda e: (e["when"]["start"] or "", e["id"]))
        return _frame(dyad_series(events, ids_a, ids_b, by=by, since=since), frame)


def open(db: str | os.PathLike[str] | None = None, settings: Settings | None = None) -> Geobrief:  # noqa: A001
    """Open (creating and migrating if needed) the store at `db`, a path or a database URL."""
    return Geobrief(db, settings)
