"""The hostile-input suite's frame: a project with a canary, a CLI run, a scaling check.

Every hostile case is a small project: the brand's reference page, a canary partner whose
copy of it has a wrong price (`msglint.price-mismatch`) and a canary docs page with a
placeholder (`msglint.placeholder-text`), plus the hostile input in a source of its own. A
case passes only when msglint exits with the expected code, says what it should, and still
reports both canary findings: one bad file, page, link or rule must never cost the others.

msglint runs in a child process with a timeout, so a hang fails the test instead of the
suite, and output goes through real pipes, as in CI (an unencodable file name once crashed
only there).

Speed is checked by scaling, not by wall-clock limits (the machine is shared and noisy):
`assert_scales_linearly` times a function on inputs of size n and 4n and requires the ratio
of CPU times to stay well under the 16 a quadratic cost gives.
"""

from __future__ import annotations

import itertools
import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

REFERENCE_PAGE = (
    "<html><body><h1>Acme Widget</h1><p class='price'>$99.00</p><p>SKU: ACM-1</p></body></html>"
)
CANARY_PAGE = REFERENCE_PAGE.replace("$99.00", "$79.00")
CANARY_DOC = "# Canary\n\nRelease date: TBD.\n"
#: The canary's findings: (rule, path) pairs every hostile case must still report.
CANARY_FINDINGS = {
    ("msglint.price-mismatch", "canary/widget.html"),
    ("msglint.placeholder-text", "docs/canary.md"),
}


def project(
    root: Path,
    *,
    role: str = "partner",
    files: dict[str, str | bytes] | None = None,
    packs: str = "[general, consistency]",
    extra: str = "",
    source: str = "",
) -> Path:
    """A project under `root`: the reference, the canaries, and a source `hostile` (with
    role `role`) holding `files` (paths relative to hostile/). `source` adds lines to the
    hostile source's entry (urls:, say); `extra` adds top-level config lines."""
    for folder in ("site", "canary", "docs", "hostile"):
        (root / folder).mkdir(parents=True, exist_ok=True)
    (root / "site" / "widget.html").write_text(REFERENCE_PAGE)
    (root / "canary" / "widget.html").write_text(CANARY_PAGE)
    (root / "docs" / "canary.md").write_text(CANARY_DOC)
    for name, data in (files or {}).items():
        path = root / "hostile" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(data, encoding="utf-8")
    paths = '    paths: ["hostile/"]\n' if files else ""
    hostile = f"  - name: hostile\n    role: {role}\n{paths}{source}" if paths or source else ""
    (root / "msglint.yaml").write_text(
        "sources:\n"
        '  - name: acme\n    role: reference\n    paths: ["site/"]\n'
        '  - name: canary\n    role: partner\n    paths: ["canary/"]\n'
        '  - name: docs\n    role: docs\n    paths: ["docs/"]\n'
        f"{hostile}"
        f"packs: {packs}\njobs: 1\n{extra}"
    )
    return root


@dataclass
class Run:
    code: int
    stdout: str
    stderr: str
    findings: list[dict[str, Any]]
    seconds: float

    def rules(self, path_part: str = "") -> list[str]:
        """Rule ids of the findings whose path or URL contains `path_part`."""
        return [
            f["rule"]
            for f in self.findings
            if path_part in (f["location"].get("url") or f["location"]["path"])
        ]

    def messages(self) -> str:
        return "\n".join(f["message"] for f in self.findings)


def run(root: Path, *args: str, timeout: float = 180) -> Run:
    """`msglint check ARGS` in `root` in a child process; the JSON report is read back.

    The console report is what the child prints (wide enough not to wrap); the JSON report
    is written to a file as well, from the same run, by a second invocation only when the
    console run succeeded, so each case costs two processes at most.
    """
    env = {**os.environ, "MSGLINT_NO_HISTORY": "1", "COLUMNS": "400"}
    env.pop("PYTHONIOENCODING", None)  # the child's stdout is strict UTF-8, as in CI
    cmd = [sys.executable, "-m", "msglint", "check", *args]
    started = time.perf_counter()
    console = subprocess.run(
        cmd, cwd=root, capture_output=True, timeout=timeout, env=env, check=False
    )
    seconds = time.perf_counter() - started
    stdout = console.stdout.decode("utf-8", "backslashreplace")
    stderr = console.stderr.decode("utf-8", "backslashreplace")
    assert "Traceback" not in stderr, stderr
    assert "internal error" not in stdout + stderr, stdout + stderr
    findings: list[dict[str, Any]] = []
    if console.returncode in (0, 1):
        report = root / "report.json"
        done = subprocess.run(
            [*cmd, "--format", "json", "--output", str(report)],
            cwd=root,
            capture_output=True,
            timeout=timeout,
            env=env,
            check=False,
        )
        assert done.returncode == console.returncode, done.stderr.decode("utf-8", "replace")
        findings = json.loads(report.read_text(encoding="utf-8"))["findings"]
    return Run(console.returncode, stdout, stderr, findings, seconds)


def assert_canary(result: Run) -> None:
    """The canary partner's and the canary docs page's findings are still reported."""
    found = {(f["rule"], f["location"]["path"]) for f in result.findings}
    missing = CANARY_FINDINGS - found
    assert not missing, f"canary findings lost: {missing}\n{result.stdout}\n{result.stderr}"
    assert "canary/widget.html" in result.stdout
    assert "docs/canary.md" in result.stdout


def cpu_seconds(work: Callable[[Any], Any], make: Callable[[], Any], repeat: int = 3) -> float:
    """The least CPU time of `repeat` calls `work(make())`, each on a fresh input (spaCy's
    tokenizer, for one, caches what it has seen). CPU time: other processes on a shared
    machine barely move it."""
    best = float("inf")
    for _ in range(repeat):
        data = make()
        started = time.process_time()
        work(data)
        best = min(best, time.process_time() - started)
    return best


def assert_scales_linearly(
    work: Callable[[Any], Any],
    make: Callable[[int], Any],
    n: int,
    *,
    limit: float = 8.0,
    grow: bool = True,
) -> None:
    """`work(make(4 * n))` costs at most `limit` times `work(make(n))` (linear: about 4;
    quadratic: 16). The small input must take long enough to measure (20 ms), so `n` is
    doubled until it does, unless `grow` is off (where a cap on the input, a window size
    say, would make a quadratic cost look linear beyond it). `make` should vary its output
    from call to call where a cache could hide the cost (see `fresh`)."""

    def timed(size: int, repeat: int = 3) -> float:
        return cpu_seconds(work, lambda: make(size), repeat)

    base = timed(n)
    while grow and base < 0.02:
        n *= 2
        base = timed(n)
    big = timed(4 * n, repeat=2)
    assert big <= limit * base, (
        f"4x the input took {big / base:.1f}x the time ({base:.3f}s -> {big:.3f}s at n={n})"
    )


_counter = itertools.count()


def fresh() -> str:
    """A short string no earlier call returned (to defeat caches keyed by text)."""
    return format(next(_counter), "x")


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        pages: dict[str, tuple[int, dict[str, str], bytes]] = self.server.pages  # type: ignore[attr-defined]
        status, headers, body = pages.get(self.path, (404, {}, b"not here"))
        self.send_response(status)
        headers = {"Content-Type": "text/html; charset=utf-8", **headers}
        for key, value in headers.items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@contextmanager
def serve(pages: dict[str, tuple[int, dict[str, str], bytes]]) -> Iterator[str]:
    """A real HTTP server on 127.0.0.1 serving `pages` (path -> status, headers, body) in a
    thread; yields its base URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.pages = pages  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
