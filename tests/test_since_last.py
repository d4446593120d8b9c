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
    (root / ".msglint" / "cache" / "outcomes.pickle").write_bytes(b"\x80\x05not a pickle")
    again, err = _run(run_cli, root)
    assert again == first and "0 unchanged page(s) and file(s) reused, 10 checked" in err
    assert "not a cache msglint wrote; ignored" in err


class _Planted:
    """Unpickling this runs code: what a hostile cache file would carry."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return (Path.write_text, (self.marker, "ran"))


def test_a_cache_not_signed_with_the_users_key_is_never_unpickled(
    tmp_path: Path, server: Server, run_cli
) -> None:
    import pickle

    from msglint import incremental, usercache

    root = _project(tmp_path, server.base)
    first, _ = _run(run_cli, root)
    cache = root / ".msglint" / "cache" / "outcomes.pickle"
    marker = tmp_path / "pwned"
    payload = pickle.dumps({"digest": "x", "items": {}, "planted": _Planted(marker)})
    forged_key = b"k" * usercache.KEY_BYTES  # anyone's key but this user's
    cache.write_bytes(incremental.MAGIC + usercache.sign(forged_key, payload) + payload)
    again, err = _run(run_cli, root)
    assert not marker.exists()
    assert "not signed with this user's key; ignored" in err
    assert again == first and "0 unchanged page(s) and file(s) reused, 10 checked" in err
    third, err = _run(run_cli, root)  # the run re-signed its own cache: reused again
    assert third == first and "10 unchanged page(s) and file(s) reused" in err


def test_the_signing_key_is_private_to_the_user(tmp_path: Path, monkeypatch) -> None:
    from msglint import usercache

    monkeypatch.setenv("MSGLINT_CACHE", str(tmp_path / "cache"))
    key = usercache.signing_key()
    assert key is not None and len(key) == usercache.KEY_BYTES
    path = tmp_path / "cache" / usercache.KEY_FILE
    assert path.stat().st_mode & 0o777 == 0o600
    assert usercache.signing_key() == key  # made once, then read
    monkeypatch.setenv("MSGLINT_CACHE", "")
    assert usercache.signing_key() is None
