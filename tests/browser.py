"""Debian's Chromium for the tests that need a real browser (HTML report, `render: browser`).

The tests install it themselves when it is missing (`apt-get install chromium`, as root on a
Debian machine such as CI), so the README's one test command is all the set-up a fresh
machine needs. Playwright drives it through `executable_path`; it never downloads a browser.
Where it cannot be installed, the browser tests fail under CI (they must not silently vanish
there) and are skipped elsewhere, with the reason.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess

import pytest

from msglint.sources.web.render import LAUNCH_FLAGS

CHROMIUM_ARGS = LAUNCH_FLAGS


@functools.cache
def _install() -> str | None:
    """The path of chromium, installing the Debian package once if it is missing."""
    found = shutil.which("chromium")
    if found or shutil.which("apt-get") is None or os.geteuid() != 0:
        return found
    for cmd in (["apt-get", "update", "-qq"], ["apt-get", "install", "-y", "-qq", "chromium"]):
        subprocess.run(cmd, check=False, capture_output=True, timeout=900)
    return shutil.which("chromium")


def chromium_path() -> str:
    """Chromium's executable, or the test fails (in CI) or is skipped (elsewhere)."""
    path = _install()
    if path is None:
        reason = "Debian's chromium is not installed and could not be (apt-get install chromium)"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    pytest.importorskip("playwright")
    return path
