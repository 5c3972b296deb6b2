"""Headless Chromium for the report stage: an HTML brief to PDF, a screenshot, or the rendered DOM.

A real browser engine lays the brief out, so the PDF looks like the HTML page. Chromium comes from the
system (Debian's ``chromium``; `make test` installs it where it can); nothing is downloaded.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "chrome")
# No network: the brief is self-contained, and the flags keep Chromium from phoning home.
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
]


class BrowserError(RuntimeError):
    """Chromium is missing or failed; the message says which."""


def find_chromium() -> str | None:
    explicit = os.environ.get("GEOBRIEF_CHROMIUM")
    if explicit:
        return explicit if Path(explicit).exists() else None
    return next((p for name in CANDIDATES if (p := shutil.which(name))), None)


def _run(page: Path, *args: str, timeout: int = 120) -> subprocess.CompletedProcess[str]:
    exe = find_chromium()
    if exe is None:
        raise BrowserError("Chromium not found (install Debian's 'chromium' or set GEOBRIEF_CHROMIUM)")
    with tempfile.TemporaryDirectory(prefix="geobrief-chromium-") as profile:
        cmd = [exe, *FLAGS, f"--user-data-dir={profile}", *args, page.resolve().as_uri()]
        try:
            done = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=False)
        except subprocess.TimeoutExpired as exc:
            raise BrowserError(f"Chromium timed out after {timeout}s") from exc
    if done.returncode != 0:
        raise BrowserError(f"Chromium failed ({done.returncode}): {done.stderr.strip().splitlines()[-1:]}")
    return done


def html_to_pdf(page: Path, pdf: Path) -> Path:
    pdf.parent.mkdir(parents=True, exist_ok=True)
    _run(page, f"--print-to-pdf={pdf.resolve()}", "--no-pdf-header-footer")
    if not pdf.is_file() or pdf.stat().st_size == 0:
        raise BrowserError(f"Chromium wrote no PDF to {pdf}")
    return pdf


def screenshot(page: Path, png: Path, width: int = 1200, height: int = 2400) -> Path:
    png.parent.mkdir(parents=True, exist_ok=True)
    _run(page, f"--screenshot={png.resolve()}", f"--window-size={width},{height}")
    if not png.is_file():
        raise BrowserError(f"Chromium wrote no screenshot to {png}")
    return png


def rendered_dom(page: Path) -> str:
    """The DOM as Chromium built it from the page (what a reader's browser shows)."""
    return _run(page, "--dump-dom").stdout
