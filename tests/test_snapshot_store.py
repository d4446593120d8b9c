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
from tests.webserver import FAST, Site

from conftest import json_report, web_items
from msglint.sources import Content


def project(
    tmp: Path, urls: list[str], store: str | None, partner: list[str] | None = None, **crawl: Any
) -> Path:
    sources = [{"name": "a", "role": "reference", "urls": urls}]
    if partner:
        sources.append({"name": "shopright", "role": "partner", "urls": partner})
    config = {
        "sources": sources,
        "crawl": {**FAST, **({"snapshots": store} if store else {}), **crawl},
        "packs": ["general"],
    }
    (tmp / "msglint.yaml").write_text(yaml.safe_dump(config))
    return tmp / "msglint.yaml"


def pages(found: list[Any]) -> list[tuple[str, str]]:
    return sorted((i.path, i.text) for i in found if isinstance(i, Content))


def _stores(tmp: Path) -> dict[str, str]:
    return {
        "file": f"file://{tmp}/shared/snap",
        # Another process's memory is not reachable: single-process runs only.
        "memory": f"memory://msglint-{uuid.uuid4().hex}/snap",
    }


@pytest.mark.parametrize("kind", ["file", "memory"])
def test_a_url_store_is_crawled_resumed_and_read_offline(
    site: Site, tmp_path: Path, kind: str
) -> None:
    import fsspec

    store = _stores(tmp_path)[kind]
    path = project(tmp_path, [f"{site.base}/site/index.html"], store)
    first = web_items(path)
    assert len(pages(first)) == 12  # index, pricing, support, warranty, 8 products
    fs, root = fsspec.core.url_to_fs(store)
    warc, part, state = (f"{root}/a/{n}" for n in ("pages.warc.gz", "pages.warc.gz.part",
                                                    "state.json"))  # fmt: skip
    assert fs.exists(warc) and json.loads(fs.cat(state))["complete"]
    assert not (tmp_path / ".msglint").exists()  # nothing in the default folder
    if kind == "file":
        assert (tmp_path / "shared" / "snap" / "a" / "pages.warc.gz").is_file()

    # --offline reads the store and never the network
    hits = sum(site.hits.values())
    assert pages(web_items(path, offline=True)) == pages(first)
    assert sum(site.hits.values()) == hits

    # An interrupted crawl: its first records, then a torn one, no 'complete' state.
    data = fs.cat(warc)
    fs.pipe(part, data[: len(data) // 2])
    fs.rm(warc)
    fs.pipe(state, json.dumps({**json.loads(fs.cat(state)), "complete": False}).encode())
    resumed = web_items(path)
    refetched = sum(site.hits.values()) - hits
    assert pages(resumed) == pages(first)
    assert 0 < refetched < 12  # the pages before the tear were read back, not fetched
    assert site.hits["/site/index.html"] == 1
    assert not fs.exists(part) and fs.exists(warc)


def test_a_store_url_reproduces_the_plain_folders_report(site: Site, tmp_path: Path) -> None:
    """The same snapshot read from a file:// store and from a plain folder: the same report
    (a crawl's page order depends on response timing, so the snapshot is crawled once)."""
    import shutil

    urls, partner = [f"{site.base}/site/index.html"], [f"{site.base}/partners/shopright/index.html"]
    plain, url = tmp_path / "plain", tmp_path / "url"
    for root, store in ((plain, None), (url, f"file://{tmp_path}/store")):
        root.mkdir()
        project(root, urls, store, partner)
    live = json_report(url)
    assert json.loads(live)["summary"]["findings"] > 2
    site.stop()
    assert json_report(url, offline=True) == live
    shutil.copytree(tmp_path / "store", plain / ".msglint" / "snapshots")
    # The configs differ in `snapshots` only, and so do their digests in the reports.
    from_folder = json_report(plain, offline=True)
    digests = [json.loads(r)["config"]["digest"] for r in (from_folder, live)]
    assert from_folder.replace(*(d.encode() for d in digests)) == live


def test_on_an_object_store_the_part_is_checkpointed_by_reopening(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Appends to an object store land when the file is closed: the writer closes and
    reopens its .part every CHECKPOINT seconds, so a crash loses little; a local store
    keeps one handle (a flush is enough there)."""
    from msglint.sources.web import store as store_module
    from msglint.sources.web.fetch import Fetched
    from msglint.sources.web.snapshot import SnapshotWriter, read_records
    from msglint.sources.web.store import open_store

    monkeypatch.setattr(store_module, "CHECKPOINT", 0.0)
    opened: list[str] = []
    plain_open = store_module.Entry.open

    def counted(self: Any, mode: str) -> Any:
        opened.append(mode)
        return plain_open(self, mode)

    monkeypatch.setattr(store_module.Entry, "open", counted)

    def page(n: int) -> Fetched:
        url = f"https://example.test/{n}"
        return Fetched(url=url, status=200, reason="OK", headers=[("Content-Type", "text/html")],
                       body=b"<p>page</p>", attempts=1, fetched_at="2026-01-01T00:00:00Z",
                       request_headers=[], requested=url)  # fmt: skip

    for location, appends in ((f"memory://msglint-{uuid.uuid4().hex}", 4),
                              (str(tmp_path / "local"), 1)):  # fmt: skip
        entry = open_store(location, tmp_path).folder("a") / "pages.warc.gz.part"
        opened.clear()
        writer = SnapshotWriter(entry, frozenset())
        for n in range(3):
            writer.response(page(n))
            writer.flush()
            writer.sync()  # the writing thread has put the page's records in the file
            # what another process reading the store sees now
            assert [s.url for _, s in read_records(entry)][-1] == f"https://example.test/{n}"
        writer.close()
        assert opened.count("ab") == appends


def test_both_snapshots_and_snapshot_dir_is_a_config_error(tmp_path: Path, run_cli) -> None:
    project(tmp_path, ["http://127.0.0.1:9/"], "file:///tmp/x", snapshot_dir="snaps")
    result = run_cli(["check"], tmp_path)
    assert result.exit_code == 2
    assert "give snapshots or snapshot_dir, not both" in result.stderr


def _refused(tmp_path: Path, run_cli, store: str, *args: str) -> str:
    project(tmp_path, ["http://127.0.0.1:9/"], store)
    for command in (["check", *args], ["crawl"]):
        result = run_cli(command, tmp_path)
        assert result.exit_code == 2, (command, result.output)
        assert "Traceback" not in result.output + result.stderr
    return " ".join(result.stderr.split())


@pytest.mark.parametrize("offline", [False, True], ids=["crawl", "offline"])
def test_a_protocol_whose_package_is_missing_is_exit_2(
    tmp_path: Path, run_cli, offline: bool
) -> None:
    import fsspec

    fsspec.register_implementation(
        "msglintgone", "msglint_gone_package.GoneFileSystem", clobber=True,
        errtxt="Install msglint-gone-package to access msglintgone://",
    )  # fmt: skip
    args = ["--offline"] if offline else []
    said = _refused(tmp_path, run_cli, "msglintgone://bucket/prefix", *args)
    assert (
        "the snapshot store msglintgone://bucket/prefix needs a package for msglintgone://" in said
    )
    assert "Install msglint-gone-package" in said


def test_s3_without_s3fs_names_it_and_never_the_credentials(tmp_path: Path, run_cli) -> None:
    import importlib.util

    if importlib.util.find_spec("s3fs") is not None:
        pytest.skip("s3fs is installed here")
    said = _refused(
        tmp_path, run_cli, "s3://AKIDEXAMPLE:wJalrXUtnFEMI@bucket/msglint?token=sEcReT9"
    )
    assert "the snapshot store s3://***@bucket/msglint?token=*** needs a package for s3://" in said
    assert "s3fs" in said
    for secret in ("AKIDEXAMPLE", "wJalrXUtnFEMI", "sEcReT9"):
        assert secret not in said


@pytest.mark.parametrize(
    ("store", "said"),
    [
        ("nosuchproto://x/y", "the snapshot store nosuchproto://x/y: fsspec knows no protocol"),
        ("file://relative/snap", "a file:// URL needs an absolute path"),
    ],
)
def test_a_bad_store_url_is_exit_2_naming_it(tmp_path: Path, run_cli, store: str, said: str):
    assert said in _refused(tmp_path, run_cli, store)


@pytest.mark.parametrize("as_url", [True, False], ids=["url", "folder"])
def test_an_unwritable_store_is_exit_2_before_any_crawl(
    tmp_path: Path, run_cli, as_url: bool
) -> None:
    (tmp_path / "afile").write_text("a file where the store's folder should be")
    store = f"file://{tmp_path}/afile/snap" if as_url else "afile/snap"
    said = _refused(tmp_path, run_cli, store)
    assert f"the snapshot store {store} cannot be written to" in said
    assert "Not a directory" in said


def test_a_source_folder_that_cannot_be_written_is_a_source_error(
    site: Site, tmp_path: Path
) -> None:
    """The store takes files, one source's folder in it does not: a source error naming
    the folder (the same message as on a cluster worker), not an internal error."""
    (tmp_path / "shared").mkdir()
    (tmp_path / "shared" / "a").write_text("a file where the source's folder should be")
    project(tmp_path, [f"{site.base}/site/index.html"], f"file://{tmp_path}/shared")
    found = json.loads(json_report(tmp_path))
    errors = [f for f in found["findings"] if f["rule"] == "msglint.source-error"]
    assert len(errors) == 1
    assert f"could not store its snapshot in file://{tmp_path}/shared/a" in errors[0]["message"]


def test_an_s3_store_on_a_local_s3_server(
    site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """s3:// through s3fs against moto's S3 server on 127.0.0.1 (runs where both are
    installed; neither is a dependency): crawl, --offline, resume of a torn .part (an
    object store cannot truncate: the good part is copied back), the same report."""
    pytest.importorskip("s3fs")
    server_module = pytest.importorskip("moto.server")
    import socket

    import fsspec
    import s3fs

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = server_module.ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    for key, value in (("AWS_ACCESS_KEY_ID", "testing"), ("AWS_SECRET_ACCESS_KEY", "testing"),
                       ("AWS_DEFAULT_REGION", "us-east-1"),
                       ("AWS_ENDPOINT_URL", f"http://127.0.0.1:{port}")):  # fmt: skip
        monkeypatch.setenv(key, value)
    s3fs.S3FileSystem.clear_instance_cache()
    try:
        store = "s3://msglint-test/snapshots"
        fs, root = fsspec.core.url_to_fs(store)
        fs.mkdir("msglint-test")
        path = project(tmp_path, [f"{site.base}/site/index.html"], store)
        live = json_report(tmp_path)
        first = web_items(path, offline=True)
        assert len(pages(first)) == 12
        assert fs.exists(f"{root}/a/pages.warc.gz")
        assert not (tmp_path / ".msglint" / "snapshots").exists()
        assert json_report(tmp_path, offline=True) == live

        warc, part, state = (f"{root}/a/{n}" for n in ("pages.warc.gz", "pages.warc.gz.part",
                                                        "state.json"))  # fmt: skip
        data = fs.cat(warc)
        fs.pipe(part, data[: len(data) // 2])
        fs.rm(warc)
        fs.pipe(state, json.dumps({**json.loads(fs.cat(state)), "complete": False}).encode())
        hits = sum(site.hits.values())
        assert pages(web_items(path)) == pages(first)
        assert 0 < sum(site.hits.values()) - hits < 12
    finally:
        s3fs.S3FileSystem.clear_instance_cache()
        server.stop()
