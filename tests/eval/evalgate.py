"""Shared by the CI gates: load an evaluation script from eval/ and read the pinned floors."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parents[2]


def load_eval(name: str) -> ModuleType:
    """eval/<name>.py as a module (the scripts are not a package: they are run by `make eval`)."""
    key = f"eval_{name}"
    if key in sys.modules:
        return sys.modules[key]
    spec = importlib.util.spec_from_file_location(key, ROOT / "eval" / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[key] = module
    spec.loader.exec_module(module)
    return module


def floors() -> dict[str, Any]:
    return json.loads((ROOT / "eval" / "floors.json").read_text())
