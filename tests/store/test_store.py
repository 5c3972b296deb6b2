"""The store: migrations, atomic writes, safe search whatever the user types."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy.exc import IntegrityError

from geobrief.store.fts import fts5_query
from geobrief.store.store import ActorRecord, DocumentRecord, MentionRecord, Store, resolve_url


def _doc(i: int, text: str) -> DocumentRecord:
    return DocumentRecord(
        id=f"d{i}",
        path=f"p{i}.txt",
        text=text,
        words=len(text.split()),
        title=f"Title {i}",
        ingested_at=f"2024-01-0{i}",
    )


def test_resolve_url(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.delenv("GEOBRIEF_DB", raising=False)
    assert resolve_url(None).endswith("/geobrief.db") and resolve_url(None).startswith("sqlite:///")
    monkeypatch.setenv("GEOBRIEF_DB", str(tmp_path / "env.db"))
    assert resolve_url(None) == f"sqlite:///{tmp_path / 'env.db'}"
    assert resolve_url("postgresql://u@h/db") == "postgresql://u@h/db"


def test_schema_wal_and_idempotent_save(tmp_path: Path) -> None:
    store = Store(tmp_path / "s.db")
    actor = ActorRecord("RUS", "Russia", "state", "RUS", ["Russian Federation"])
    mention = MentionRecord("d1", "RUS", "Moscow", 0, 6, 0)
    assert store.save_document(_doc(1, "Moscow said the talks failed."), [(0, 29)], [actor], [mention])
    assert not store.save_document(_doc(1, "Moscow said the talks failed."), [(0, 29)], [actor], [mention])
    Store(tmp_path / "s.db")  # re-opening migrates nothing and loses nothing
    assert store.count_documents() == 1
    [(a, n)] = store.actors()
    assert (a.id, n, a.aliases) == ("RUS", 1, ["Moscow", "Russian Federation"])
    con = sqlite3.connect(tmp_path / "s.db")
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert con.execute("SELECT version_num FROM alembic_version").fetchone()[0] == "0004"


def test_failed_write_rolls_back(tmp_path: Path) -> None:
    store = Store(tmp_path / "s.db")
    bad = MentionRecord("d1", "NOT_AN_ACTOR", "x", 0, 1, 0)  # violates the actors foreign key
    with pytest.raises(IntegrityError):
        store.save_document(_doc(1, "text"), [(0, 4)], [], [bad])
    assert store.count_documents() == 0
    assert store.search("text") == []


def test_search_snippets_and_operators(tmp_path: Path) -> None:
    store = Store(tmp_path / "s.db")
    store.save_document(_doc(1, "North Korea supplied artillery shells to Russia in 2023."))
    store.save_document(_doc(2, "South Korea joined sanctions against Russia."))
    assert [r["id"] for r in store.search("shells")] == ["d1"]
    assert "[shells]" in store.search("shells")[0]["snippet"]
    assert {r["id"] for r in store.search("russia")} == {"d1", "d2"}
    assert [r["id"] for r in store.search("russia -sanctions")] == ["d1"]
    assert {r["id"] for r in store.search("artillery OR sanctions")} == {"d1", "d2"}
    assert [r["id"] for r in store.search('"South Korea"')] == ["d2"]
    assert [r["id"] for r in store.search("sanct*")] == ["d2"]
    assert store.search('"unbalanced (') == []
    assert store.search("") == [] and store.search("AND OR NOT") == []


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.text(alphabet=st.characters(codec="utf-8"), max_size=40)
    | st.lists(
        st.sampled_from(['"', "(", ")", "OR", "AND", "NOT", "NEAR", "*", "-", ":", "^", "korea", "title:"]), max_size=8
    ).map(" ".join)
)
def test_any_query_is_safe(tmp_path: Path, query: str) -> None:
    store = _store_cache(tmp_path)
    store.search(query)  # must never raise
    q = fts5_query(query)
    assert q is None or q.count('"') % 2 == 0


_STORES: dict[Path, Store] = {}


def _store_cache(tmp_path: Path) -> Store:
    if tmp_path not in _STORES:
        s = Store(tmp_path / "q.db")
        s.save_document(_doc(1, "Korea talks"))
        _STORES[tmp_path] = s
    return _STORES[tmp_path]


def test_upgrade_from_first_revision_keeps_data(tmp_path: Path) -> None:
    from alembic import command
    from alembic.config import Config
    from sqlalchemy import create_engine

    import geobrief.store.store as store_mod

    url = f"sqlite:///{tmp_path / 'old.db'}"
    cfg = Config()
    cfg.set_main_option("script_location", str(Path(store_mod.__file__).parent / "migrations"))
    engine = create_engine(url)
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0001")
        conn.exec_driver_sql(
            "INSERT INTO documents (id, path, text, words, published_inferred, ingested_at) "
            "VALUES ('old', 'old.txt', 'An old article.', 3, 0, '2024')"
        )
    engine.dispose()
    store = Store(tmp_path / "old.db")
    assert store.document("old").text == "An old article."
    assert store.sentences("old") == [] and list(store.timexes()) == []
