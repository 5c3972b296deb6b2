"""geobrief: a sourced, dated knowledge graph of international relations, from articles."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from geobrief.api import Geobrief, open
    from geobrief.config import Settings

__all__ = ["Geobrief", "Settings", "open"]
__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    # Imported lazily: the API pulls in spaCy (seconds), which readers and the cleaner don't need.
    if name in ("Geobrief", "open"):
        from geobrief import api

        return getattr(api, name)
    if name == "Settings":
        from geobrief.config import Settings

        return Settings
    raise AttributeError(f"module 'geobrief' has no attribute {name!r}")
