"""The snapshot store named by `crawl.snapshots`: a folder or an fsspec URL (file://, and
memory:// standing in for an object store: its appends land only when a file is closed),
crawled into, resumed and read back `--offline` through the same code as a plain folder;
and a store that cannot be used is one clear error (exit 2) that never shows credentials.
The cluster's run through a file:// store is in test_cluster.py."""

from __future__ import annotations

import json
import uuid
from pathlib import Path
from typing import Any

import pytest
import yaml
from tests.webserver import Site

from msglint.app.check import CheckOptions, check
from msglint.config import load, resolve
from msglint.report import ReportOptions
from msglint.report.json import render
from msglint.sources import Content
from msglint.sources.web import WebOptions, read_web

FAST = {"delay": 0, "timeout": 1, "retries": 2, "backoff": 0.05, "max_body": 1_000_000}


@pytest.fixture
def site():
    server = Site().start()
    yield server
    server.stop()


def project(tmp: Path, urls: list[str], store: str | None, **crawl: Any) -> Path:
    config = {
        "sources": [{"name": "a", "role": "reference", "urls": urls}],
        "crawl": {**FAST, **({"snapshots": store} if store else {}), **crawl},
        "packs": ["general"],
    }
    (tmp / "msglint.yaml").write_text(yaml.safe_dump(config))
    return tmp / "msglint.yaml"


def items(path: Path, **options: Any) -> list[Any]:
    loaded = load(path)
    return list(read_web(loaded.config.sources[0], loaded, WebOptions(**options)))


def report(root: Path, **options: Any) -> str:
    loaded = resolve(None, root, None)
    done = check(loaded, CheckOptions(history=False, **options), root)
    return render(done.result, ReportOptions(fail_on="never"))


def pages(found: list[Any]) -> list[tuple[str, str]]:
    return sorted((i.path, i.text) for i in found if isinstance(i, Content))
