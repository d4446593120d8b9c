"""`msglint check --since-last`: conditional re-crawls against a real server on 127.0.0.1
that answers 304 to a matching ETag, and unchanged pages and files reused by content hash
with exactly the findings a full run gives."""

from __future__ import annotations

import hashlib
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

PAGES = 6


def page(i: int, placeholder: str = "TBD") -> bytes:
    return (
        f"<html><head><title>Product {i}</title></head><body><h1>Widget {i}</h1>"
        f"<p>Release date: {placeholder if i % 2 else 'May 2025'}.</p></body></html>"
    ).encode()


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: Server

    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        site = self.server
        name = self.path.split("?")[0]
        body = site.pages.get(name)
        if body is None:
            self.send_response(404)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
        with site.lock:
            site.log.append((name, self.headers.get("If-None-Match")))
        if self.headers.get("If-None-Match") == etag:
            self.send_response(304)
            self.send_header("ETag", etag)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("ETag", etag)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


class Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.lock = threading.Lock()
        self.log: list[tuple[str, str | None]] = []
        links = "".join(f'<a href="/p/{i}.html">{i}</a>' for i in range(PAGES))
        self.pages = {"/": f"<html><body>{links}</body></html>".encode()}
        self.pages |= {f"/p/{i}.html": page(i) for i in range(PAGES)}
        self.base = f"http://127.0.0.1:{self.server_address[1]}"


@pytest.fixture
def server():
    s = Server()
    threading.Thread(target=s.serve_forever, daemon=True).start()
    yield s
    s.shutdown()
    s.server_close()


def _project(root: Path, base: str) -> Path:
    (root / "docs").mkdir()
    for n in range(3):
        (root / "docs" / f"{n}.md").write_text(f"# Page {n}\n\nStatus: {'TBD' if n else 'done'}.\n")
    (root / "msglint.yaml").write_text(
        f"""\
sources:
  - name: docs
    role: docs
    paths: [docs/]
  - name: shop
    role: partner
    urls: ["{base}/"]
    crawl: {{max_depth: 1}}
packs: [general]
crawl: {{delay: 0}}
"""
    )
    return root


def _run(run_cli, root: Path) -> tuple[list[dict], str]:
    result = run_cli(["check", "--since-last", "-v", "-f", "json", "--fail-on", "never"], root)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)["findings"], " ".join(result.stderr.split())


def test_a_second_run_revalidates_and_reuses_everything_unchanged(
    tmp_path: Path, server: Server, run_cli
) -> None:
    root = _project(tmp_path, server.base)
    first, err = _run(run_cli, root)
    assert "0 unchanged page(s) and file(s) reused, 10 checked" in err  # 3 files, 7 pages
    assert len([f for f in first if f["rule"] == "msglint.placeholder-text"]) == 5
    server.log.clear()
    second, err = _run(run_cli, root)
    assert "10 unchanged page(s) and file(s) reused, 0 checked" in err
    assert second == first
    assert len(server.log) == PAGES + 1 and all(etag for _, etag in server.log)  # conditional

    # One page and one file change: only they are checked again.
    server.pages["/p/1.html"] = page(1, placeholder="Lorem ipsum")
    (root / "docs" / "0.md").write_text("# Page 0\n\nStatus: XXX.\n")
    third, err = _run(run_cli, root)
    assert "8 unchanged page(s) and file(s) reused, 2 checked" in err
    full = run_cli(["check", "--offline", "-f", "json", "--fail-on", "never"], root)
    assert third == json.loads(full.stdout)["findings"]  # exactly what a full run finds
    assert any(f["actual"]["text"] == "Lorem ipsum" for f in third)


def test_a_changed_rule_file_or_config_checks_everything_again(
    tmp_path: Path, server: Server, run_cli
) -> None:
    root = _project(tmp_path, server.base)
    (root / "rules").mkdir()
    rule = (
        "rules:\n  - id: acme.status\n    kind: banned\n    level: warning\n    terms: [{term}]\n"
    )
    (root / "rules" / "a.yaml").write_text(rule.format(term="done"))
    config = (root / "msglint.yaml").read_text().replace("[general]", "[general, rules/]")
    (root / "msglint.yaml").write_text(config)
    first, _ = _run(run_cli, root)
    assert [f["actual"]["text"] for f in first if f["rule"] == "acme.status"] == ["done"]
    (root / "rules" / "a.yaml").write_text(rule.format(term="Status"))
    second, err = _run(run_cli, root)
    assert "0 unchanged page(s) and file(s) reused, 10 checked" in err
    assert len([f for f in second if f["rule"] == "acme.status"]) == 3
    (root / "msglint.yaml").write_text(config.replace("delay: 0", "delay: 0, timeout: 20"))
    _, err = _run(run_cli, root)
    assert "0 unchanged page(s) and file(s) reused, 10 checked" in err


def test_a_damaged_cache_is_ignored(tmp_path: Path, server: Server, run_cli) -> None:
    root = _project(tmp_path, server.base)
    first, _ = _run(run_cli, root)
    (root / ".msglint" / "cache" / "outcomes.json").write_bytes(b"\x80\x05not json")
    again, err = _run(run_cli, root)
    assert again == first and "0 unchanged page(s) and file(s) reused, 10 checked" in err


class _Marker:
    """Unpickling this writes a file: proof that a cache file ran code."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def __reduce__(self):
        return (Path.write_text, (self.path, "ran"))


def test_a_hostile_cache_file_runs_nothing_and_is_ignored_with_a_note(
    tmp_path: Path, server: Server, run_cli
) -> None:
    import pickle

    root = _project(tmp_path, server.base)
    first, _ = _run(run_cli, root)
    cache = root / ".msglint" / "cache" / "outcomes.json"
    marker = tmp_path / "pwned"
    # A pickle (what older versions wrote) that would run code when loaded.
    cache.write_bytes(pickle.dumps({"digest": "x", "items": {"k": _Marker(marker)}}))
    again, err = _run(run_cli, root)
    assert not marker.exists()
    assert again == first
    assert "0 unchanged page(s) and file(s) reused, 10 checked" in err
    assert "outcomes.json is unreadable (not valid JSON); ignored" in err

    # Valid JSON with the right settings digest, its entries naming what the outcome does
    # not declare (a class by another name, a wrong type, absurd nesting, a NaN price).
    data = json.loads(cache.read_text())
    keys = sorted(data["items"])
    assert len(keys) == 10
    hostile = [
        {"~c": "Popen", "f": {"args": "touch " + str(marker)}},
        {"~c": "Outcome", "f": {"findings": [{"~c": "Finding", "f": {"rule": 1}}]}},
        {"~c": "Outcome", "f": {"records": "not a list"}},
        {"~c": "Outcome", "f": {"findings": [], "__class__": "x"}},
        {"~c": "Outcome", "f": {"findings": [[[[[[[[[[[[[[]]]]]]]]]]]]]]}},
        {"~d": "NaN"},
        None,
        "os.system",
        {"~c": "Outcome", "f": {"digest": {"~c": "DocDigest", "f": {"source": "s"}}}},
    ]
    for key, entry in zip(keys, hostile, strict=False):
        data["items"][key] = entry
    data["items"][keys[-1]] = json.loads("[" * 500 + "]" * 500)
    cache.write_text(json.dumps(data))
    third, err = _run(run_cli, root)
    assert not marker.exists()
    assert third == first
    assert "0 unchanged page(s) and file(s) reused, 10 checked" in err
    assert "outcomes.json has damaged entries; ignored" in err

    # Nesting deeper than any parser's recursion: refused, not a crash.
    depth = 200_000
    cache.write_text('{"digest":"x","items":{"k":' + "[" * depth + "]" * depth + "}}")
    fourth, err = _run(run_cli, root)
    assert fourth == first
    assert "outcomes.json is unreadable (not valid JSON)" in err


def test_a_hostile_cache_entry_is_rebuilt_and_the_rest_reused(
    tmp_path: Path, server: Server, run_cli
) -> None:
    root = _project(tmp_path, server.base)
    first, _ = _run(run_cli, root)
    cache = root / ".msglint" / "cache" / "outcomes.json"
    data = json.loads(cache.read_text())
    key = sorted(data["items"])[0]
    data["items"][key] = {"~c": "Popen", "f": {"args": "id"}}
    cache.write_text(json.dumps(data))
    again, err = _run(run_cli, root)
    assert again == first
    assert "9 unchanged page(s) and file(s) reused, 1 checked" in err
    assert "outcomes.json has damaged entries; ignored" in err
