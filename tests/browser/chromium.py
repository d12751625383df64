"""Which Chromium the browser tests drive: Debian's, else Playwright's own, downloaded if it can be."""

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

DEBIAN = Path("/usr/bin/chromium")


class NoChromium(Exception):
    """Neither Debian's Chromium nor Playwright's could be had."""


def install_playwrights() -> str:
    """Run `playwright install chromium` (with its system libraries, as root); what it said if it failed."""
    deps = ["--with-deps"] if os.geteuid() == 0 else []  # they come from apt-get, so only as root
    try:
        result = subprocess.run(  # noqa: S603 - this interpreter, a fixed command
            [sys.executable, "-m", "playwright", "install", *deps, "chromium"],
            capture_output=True,
            text=True,
            timeout=600,
        )
    except subprocess.TimeoutExpired:
        return "the download took over 10 minutes"
    return "" if result.returncode == 0 else (result.stderr or result.stdout).strip()[-500:]


def find_chromium(
    bundled: Path, debian: Path = DEBIAN, install: Callable[[], str] = install_playwrights
) -> Path:
    """Debian's Chromium if installed; else Playwright's, installing it first if it is missing."""
    if debian.exists():
        return debian
    if bundled.exists():
        return bundled
    problem = install()
    if bundled.exists():
        return bundled
    raise NoChromium(
        f"The browser tests need Chromium. Debian's is not at {debian} (`apt-get install chromium`), and "
        "Playwright's own could not be installed with `playwright install chromium`: "
        f"{problem or 'it left no browser'}."
    )
