"""Spelling skeletons: one key for the transliteration variants of a name ("Qaddafi", "Gaddafi").

Dictionary actors list their variants; people the dictionary does not know get their id from this
skeleton, so the same person spelled two ways in two documents is one actor. The rules are data
(`knowledge/transliteration.yaml`).
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from geobrief.nlp.dictionary import fold

_RULES = Path(__file__).resolve().parents[1] / "knowledge" / "transliteration.yaml"


@lru_cache(maxsize=1)
def _rules() -> dict[str, Any]:
    return yaml.safe_load(_RULES.read_text(encoding="utf-8"))


def name_skeleton(name: str) -> str:
    """The spelling skeleton of a name: "Muammar Gaddafi" and "Moammar Qadhafi" both give "mmrkdfi"."""
    rules = _rules()
    vowels = set(rules["vowels"])
    s = re.sub(r"'s\b", "", fold(name).casefold())
    s = re.sub(r"[^a-z]", "", s)
    for old, new in rules["replacements"]:
        s = s.replace(old, new)
    if not s:
        return ""
    body = s.rstrip("".join(vowels))
    tail = s[len(body) :]
    out = ["a" if s[0] in vowels else s[0]]
    out += [c for c in body[1:] if c not in vowels]
    if tail and len(body) >= 1:
        out.append("i" if set(tail) & {"i", "y"} else "a")
    return re.sub(r"(.)\1+", r"\1", "".join(out))
