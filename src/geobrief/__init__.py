"""geobrief: a sourced, dated knowledge graph of international relations, from articles."""

from geobrief.api import Geobrief, open
from geobrief.config import Settings

__all__ = ["Geobrief", "Settings", "open"]
__version__ = "0.1.0"
