"""Document identity: content-hash ids and near-duplicate detection.

The id is a hash of the normalised text, so re-ingesting the same article is a
no-op whatever its file name. Near-duplicates (the same story re-published with
small edits, or a truncated copy) are found with MinHash over word 5-grams and
stored with ``duplicate_of`` pointing at the first copy seen.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass

import numpy as np
from datasketch import MinHash

NUM_PERM = 128
SHINGLE = 5
JACCARD_MIN = 0.8
CONTAINMENT_MIN = 0.9
MIN_SHINGLES_FOR_CONTAINMENT = 30

_WS = re.compile(r"\s+")
_WORD = re.compile(r"\w+")


def normalise(text: str) -> str:
    """Unicode-normalised, case-folded, whitespace-collapsed text: what identity is computed on."""
    text = unicodedata.normalize("NFKC", text)
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    return _WS.sub(" ", text).strip().casefold()


def doc_id(text: str) -> str:
    return hashlib.sha256(normalise(text).encode("utf-8")).hexdigest()[:20]


def shingles(text: str) -> set[bytes]:
    words = _WORD.findall(normalise(text))
    if len(words) < SHINGLE:
        return {" ".join(words).encode()} if words else set()
    return {" ".join(words[i : i + SHINGLE]).encode() for i in range(len(words) - SHINGLE + 1)}


@dataclass
class Signature:
    values: np.ndarray  # uint64[NUM_PERM]
    size: int  # number of distinct shingles

    def to_bytes(self) -> bytes:
        return self.values.astype("<u8").tobytes()

    @classmethod
    def from_bytes(cls, data: bytes, size: int) -> Signature:
        return cls(np.frombuffer(data, dtype="<u8").copy(), size)


def signature(text: str) -> Signature:
    sh = shingles(text)
    mh = MinHash(num_perm=NUM_PERM, seed=1)
    if sh:
        mh.update_batch(list(sh))
    return Signature(mh.hashvalues.astype(np.uint64), len(sh))


class NearDuplicateIndex:
    """All known signatures in one matrix: a vectorised comparison beats LSH at this scale."""

    def __init__(self) -> None:
        self._ids: list[str] = []
        self._sizes: list[int] = []
        self._rows: list[np.ndarray] = []
        self._matrix: np.ndarray | None = None

    def __len__(self) -> int:
        return len(self._ids)

    def add(self, doc: str, sig: Signature) -> None:
        self._ids.append(doc)
        self._sizes.append(sig.size)
        self._rows.append(sig.values)
        self._matrix = None

    def find(self, sig: Signature) -> tuple[str, float] | None:
        """The best earlier document this one near-duplicates, with its estimated Jaccard."""
        if not self._ids or sig.size == 0:
            return None
        if self._matrix is None:
            self._matrix = np.vstack(self._rows)
        jac = (self._matrix == sig.values).mean(axis=1)
        sizes = np.asarray(self._sizes, dtype=float)
        inter = jac * (sizes + sig.size) / (1.0 + jac)
        smaller = np.minimum(sizes, sig.size)
        containment = np.where(smaller >= MIN_SHINGLES_FOR_CONTAINMENT, inter / np.maximum(smaller, 1), 0.0)
        ok = (jac >= JACCARD_MIN) | (containment >= CONTAINMENT_MIN)
        if not ok.any():
            return None
        best = int(np.argmax(np.where(ok, jac + containment, -1)))
        return self._ids[best], float(jac[best])
