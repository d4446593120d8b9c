"""Install what the tests need beyond pip, once, and say what was installed.

Run by the README's test command (and so by `.ci/run`) before pytest:

    python -m pip install -e ".[test]" && python tests/prereqs.py && python -m pytest

Idempotent: what is already there is left alone and reported as present. Today that is
Debian's Chromium (`apt-get install chromium`, as root) for the tests that drive a real
browser through Playwright's `executable_path`; Playwright never downloads a browser; and
Debian's en_US Hunspell dictionary (hunspell-en-us) for the Vale spelling tests. Where
a prerequisite cannot be installed (not root, no apt-get) it says so and exits 0: the tests
that need it then fail under CI (they must not silently vanish there) and are skipped
elsewhere, with the reason (tests/browser.py).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

APT_PACKAGES = {"chromium": "chromium"}  # executable -> Debian package
APT_FILES = {"/usr/share/hunspell/en_US.dic": "hunspell-en-us"}  # file -> Debian package


def _apt_install(packages: list[str]) -> None:
    for cmd in (
        ["apt-get", "update", "-qq"],
        ["apt-get", "install", "-y", "-qq", "--no-install-recommends", *packages],
    ):
        print("prereqs: running", " ".join(cmd), flush=True)
        done = subprocess.run(cmd, check=False, capture_output=True, text=True, timeout=1200)
        if done.returncode != 0:
            print(f"prereqs: {cmd[1]} failed: {done.stderr.strip()[-500:]}", flush=True)


def main() -> int:
    missing = [pkg for exe, pkg in APT_PACKAGES.items() if shutil.which(exe) is None]
    missing += [pkg for path, pkg in APT_FILES.items() if not os.path.isfile(path)]
    for exe in APT_PACKAGES:
        if shutil.which(exe):
            print(f"prereqs: {exe} present at {shutil.which(exe)}")
    for path in APT_FILES:
        if os.path.isfile(path):
            print(f"prereqs: {path} present")
    if not missing:
        return 0
    if shutil.which("apt-get") is None or os.geteuid() != 0:
        print(
            f"prereqs: cannot install {', '.join(missing)} (needs apt-get as root); "
            "the tests that need them will say so",
            flush=True,
        )
        return 0
    print(f"prereqs: installing Debian package(s): {', '.join(missing)}", flush=True)
    _apt_install(missing)
    for exe in APT_PACKAGES:
        print(f"prereqs: {exe}: {shutil.which(exe) or 'still missing'}")
    for path in APT_FILES:
        print(f"prereqs: {path}: {'present' if os.path.isfile(path) else 'still missing'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
