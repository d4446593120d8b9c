"""Debian's Chromium for the tests that need a real browser (HTML report, `render: browser`).

`tests/prereqs.py`, which the README's test command runs before pytest, installs it when it
is missing (`apt-get install chromium`, as root on a Debian machine such as CI), so that one
command is all the set-up a fresh machine needs. Playwright drives it through
`executable_path`; it never downloads a browser. Where it cannot be installed, the browser
tests fail under CI (they must not silently vanish there) and are skipped elsewhere, with
the reason.
"""

from __future__ import annotations

import os
import shutil

import pytest

from msglint.sources.web.render import LAUNCH_FLAGS

CHROMIUM_ARGS = LAUNCH_FLAGS


def chromium_path() -> str:
    """Chromium's executable, or the test fails (in CI) or is skipped (elsewhere)."""
    path = shutil.which("chromium")
    if path is None:
        reason = "Debian's chromium is missing (python tests/prereqs.py installs it, as root)"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    pytest.importorskip("playwright")
    return path
