"""`--cluster`: a check on a Dask LocalCluster (started and stopped here, on 127.0.0.1) must
write the same JSON report, byte for byte, as a single process; a killed worker costs only
its tasks; bad input, a lost task, an unreachable scheduler and another msglint version on
a worker each end as a clear message or a source-error finding, never a lost run."""

from __future__ import annotations

import importlib.util
import itertools
import json
import os
import signal
import socket
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

pytest.importorskip("distributed")

from conftest import EXAMPLE, REPO, json_report
from msglint.cluster import connect
from msglint.cluster.runner import Runner
from msglint.config import resolve
from msglint.errors import UsageError
from msglint.sources import SourceProblem
from msglint.sources.files import file_refs

VENDORED_STYLE = REPO / "tests" / "fixtures" / "vale" / "styles" / "write-good"


def _load(name: str) -> Any:
    spec = importlib.util.spec_from_file_location(name, REPO / "benchmarks" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault(name, module)  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def cluster() -> Any:
    """Two worker processes of one thread on 127.0.0.1, for the whole module."""
    from distributed import LocalCluster

    local = LocalCluster(
        n_workers=2, threads_per_worker=1, host="127.0.0.1", dashboard_address=None
    )
    yield local
    local.close()


@pytest.mark.parametrize("example", [EXAMPLE, REPO / "examples" / "aquaflow"], ids=lambda p: p.name)
def test_example_reports_are_byte_identical_on_the_cluster(cluster: Any, example: Path) -> None:
    plain = json_report(example)  # aquaflow: PDFs and DOCX too (PDFium's helper child on a worker)
    assert json.loads(plain)["summary"]["findings"] > 10
    assert json_report(example, cluster=cluster.scheduler_address) == plain


def test_generated_sets_are_byte_identical_on_the_cluster(cluster: Any, tmp_path: Path) -> None:
    planted = _load("planted")
    opts = planted.Options(products=30, partners=2, seed=5, page_kb=40, rate=0.1, stack_rate=0.5)
    planted.generate(tmp_path / "planted", opts)
    plain = json_report(tmp_path / "planted")
    assert json.loads(plain)["summary"]["findings"] > 5
    assert json_report(tmp_path / "planted", cluster=cluster.scheduler_address) == plain

    prose = _load("prose")  # Vale styles too: their compiled rules travel to the workers
    prose.write_workdir(tmp_path / "prose", files=120, seed=3, plant=True,
                        vale_styles=[VENDORED_STYLE])  # fmt: skip
    plain = json_report(tmp_path / "prose")
    assert any(r.startswith("write-good.") for r in json.loads(plain)["summary"]["by_rule"])
    assert json_report(tmp_path / "prose", cluster=cluster.scheduler_address) == plain


def _break_matching() -> None:
    """On a worker: matching raises (a bug, an out-of-memory) until _mend_matching."""
    from msglint.match import records

    def broken(*_args: Any, **_kwargs: Any) -> Any:
        raise RuntimeError("matching broke on this worker")

    records._plain_match_records = records.match_records  # type: ignore[attr-defined]
    records.match_records = broken


def _mend_matching() -> None:
    from msglint.match import records

    records.match_records = records._plain_match_records  # type: ignore[attr-defined]


def test_each_partner_source_is_matched_in_a_task_of_its_own(cluster: Any, tmp_path: Path) -> None:
    """Matching and the pairs it builds leave the client: one task per partner source,
    the same groups and findings as a single process, byte for byte; a match task that
    fails even after Dask's re-runs is matched on the client instead (same report)."""
    from distributed import Client

    planted = _load("planted")
    opts = planted.Options(products=60, partners=3, seed=11, page_kb=20, rate=0.1,
                           stack_rate=0.5)  # fmt: skip
    planted.generate(tmp_path, opts)
    plain = json_report(tmp_path)
    found = json.loads(plain)
    assert sum(len(g["matches"]) for g in found["groups"]) > 100
    sessions: list[Any] = []
    assert (
        json_report(tmp_path, cluster=cluster.scheduler_address, on_cluster=sessions.append)
        == plain
    )
    partners = [
        s for s in resolve(None, tmp_path, None).config.sources if s.role.value == "partner"
    ]
    tally = sessions[0].runner.tally
    assert tally.matched == len(partners) >= 3
    assert tally.compared == len(partners)  # groups checked where they were formed
    assert any(f["rule"] == "planted.price" for f in found["findings"])

    sessions.clear()
    with Client(cluster.scheduler_address) as client:
        client.run(_break_matching)
        try:
            on_cluster = json_report(tmp_path, cluster=cluster.scheduler_address,
                                on_cluster=sessions.append)  # fmt: skip
        finally:
            client.run(_mend_matching)
    assert on_cluster == plain
    assert sessions[0].runner.tally.matched == 0  # every partner matched here instead
    assert sessions[0].runner.tally.compared == 0


def test_a_worker_killed_with_the_reference_means_matching_here() -> None:
    """The reference goes to one worker as data, which Dask cannot compute again: when that
    worker dies, the match tasks fail and each partner source is matched on the client,
    with the same result (and no error for the run)."""
    from msglint.match import MatchOptions, match_records

    matching = _load("matching")
    reference, partner, _ = matching.synthetic(300, seed=3)
    partners = {"p1": partner, "p2": list(reversed(partner))}
    options = MatchOptions()
    with connect("local:2") as session:
        runner = session.runner
        scatter = runner.client.scatter
        killed: list[int] = []

        def scatter_then_kill(data: Any, **kwargs: Any) -> Any:
            [future] = scatter(data, **kwargs)
            if not killed:  # the reference: kill the worker that holds it
                [holder] = runner.client.who_has(future)[future.key]
                pid = runner.client.run(os.getpid, workers=[holder])[holder]
                os.kill(pid, signal.SIGKILL)
                killed.append(pid)
            return [future]

        runner.client.scatter = scatter_then_kill  # type: ignore[method-assign]
        found = runner.match(reference, partners, options)
        assert killed and runner.tally.matched == 0
    for name, recs in partners.items():
        here = match_records(reference, recs, options)
        assert found[name].pairs == here.pairs and len(here.pairs) > 200
        assert found[name].unmatched_partner == here.unmatched_partner


def test_a_killed_worker_costs_only_its_tasks(tmp_path: Path) -> None:
    prose = _load("prose")
    prose.write_workdir(tmp_path, files=400, seed=9, plant=True)
    plain = json_report(tmp_path)
    killed: list[int] = []

    def kill_one(session: Any) -> None:
        pids = session.client.run(os.getpid)
        victim = sorted(pids.values())[0]

        def progress(tally: Any) -> None:
            if tally.tasks_done == 3 and not killed:  # tasks of both workers in flight
                os.kill(victim, signal.SIGKILL)
                killed.append(victim)

        session.progress = progress
        session._runner = None  # built again with the progress hook

    on_cluster = kill_one
    assert json_report(tmp_path, cluster="local:2", on_cluster=on_cluster) == plain
    assert killed, "no worker was killed: the test proved nothing"


def test_an_unreachable_scheduler_is_exit_2_naming_it(tmp_path: Path, run_cli: Any) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # closed again: nothing listens there
    address = f"tcp://127.0.0.1:{port}"
    (tmp_path / "a.md").write_text("Hello.\n")
    config = {"sources": [{"name": "d", "role": "docs", "paths": ["a.md"]}],
              "cluster": {"address": address, "timeout": 1}}  # fmt: skip
    (tmp_path / "msglint.yaml").write_text(yaml.safe_dump(config))
    result = run_cli(["check"], tmp_path)
    assert result.exit_code == 2
    assert f"cannot reach the Dask scheduler at {address}" in result.stderr
    result = run_cli(["check", "--cluster", "local:x"], tmp_path)
    assert result.exit_code == 2 and "local:N" in result.stderr


def _set_version(value: str) -> None:
    import msglint

    msglint.__version__ = value


def test_another_msglint_version_on_a_worker_is_refused(cluster: Any) -> None:
    from distributed import Client

    import msglint

    mine = msglint.__version__
    with Client(cluster) as client:
        client.run(_set_version, "0.0.1-other")
        try:
            with pytest.raises(UsageError, match=r"must run msglint .*0\.0\.1-other"):
                connect(cluster.scheduler_address)
        finally:
            client.run(_set_version, mine)
    connect(cluster.scheduler_address).close()  # the same versions again: accepted


def _refs(tmp_path: Path, names: list[str]) -> list[Any]:
    from msglint.config import SourceConfig

    for name in names:
        (tmp_path / name).write_text(f"# {name}\n\nSome text.\n")
    source = SourceConfig(name="d", role="docs", paths=["."])
    return list(file_refs(source, tmp_path, 1_000_000))


def _fails_on_bad(item: Any) -> Any:
    if "bad" in item.path:
        raise ValueError("a parser bug")
    return item.path


def test_a_task_failing_on_bad_input_is_a_source_error(cluster: Any, tmp_path: Path) -> None:
    from distributed import Client

    refs = _refs(tmp_path, ["a.md", "bad.md", "c.md"])
    with Client(cluster) as client:
        pairs = list(Runner(client, _version(), "test", batch=2).outcomes(refs, _fails_on_bad))
    assert [type(c).__name__ for c, _ in pairs] == ["Content", "SourceProblem", "Content"]
    assert [o for _c, o in pairs] == ["a.md", None, "c.md"]
    problem = pairs[1][0]
    assert problem.path == "bad.md" and "ValueError: a parser bug" in problem.reason
    assert pairs[0][0].text == "" and pairs[0][0].data is None  # no page text comes back


def _kills_on_killer(item: Any) -> Any:
    if "killer" in item.path:
        os._exit(1)  # what the nanny does to a worker past its memory limit
    return item.path


def test_an_item_that_kills_every_worker_is_a_source_error(tmp_path: Path) -> None:
    import dask
    from distributed import Client, LocalCluster

    refs = _refs(tmp_path, ["a.md", "b.md", "killer.md", "d.md", "e.md"])
    with (
        dask.config.set({"distributed.scheduler.allowed-failures": 1}),
        LocalCluster(
            n_workers=2, threads_per_worker=1, host="127.0.0.1", dashboard_address=None
        ) as local,  # fmt: skip
        Client(local) as client,
    ):
        runner = Runner(client, _version(), local.scheduler_address, batch=5)
        pairs = list(runner.outcomes(refs, _kills_on_killer))
    outcomes = {c.path: o for c, o in pairs}
    assert outcomes == {"a.md": "a.md", "b.md": "b.md", "d.md": "d.md", "e.md": "e.md",
                        "killer.md": None}  # fmt: skip
    (problem,) = [c for c, _o in pairs if c.path == "killer.md"]
    assert isinstance(problem, SourceProblem)
    assert "every cluster worker that checked it stopped" in problem.reason


def _version() -> str:
    import msglint

    return msglint.__version__


def test_web_sources_on_the_cluster(cluster: Any, tmp_path: Path, run_cli: Any) -> None:
    from webserver import Site

    site = Site().start()
    try:
        pages = ("index.html", "pricing.html", "support.html", "warranty.html")
        urls = [f"{site.base}/site/{p}" for p in pages]
        sources = [
            {"name": n, "role": "docs", "urls": urls[i::2], "crawl": {"max_depth": 0}}
            for i, n in enumerate(("a", "b"))
        ]
        config = {"sources": sources, "packs": ["general"],
                  "crawl": {"delay": 0.5, "timeout": 2, "retries": 0}}  # fmt: skip
        (tmp_path / "msglint.yaml").write_text(yaml.safe_dump(config))
        on_cluster = json_report(tmp_path, cluster=cluster.scheduler_address)
        # Two sources on one host crawled on two workers: one at a time, `delay` apart.
        # The times are the server's: a first request's connection set-up under load
        # delays its arrival (0.134 s seen between two with a 0.2 s delay at load 5), so
        # the delay is long enough for that jitter to stay well inside the margin.
        times = sorted(t for p, t in site.times if p.startswith("/site/"))
        assert len(times) == 4
        assert min(b - a for a, b in itertools.pairwise(times)) >= 0.4
        assert json_report(tmp_path, offline=True) == on_cluster
        assert json.loads(on_cluster)["summary"]["documents"] == {"a": 2, "b": 2}
        site.times.clear()
        result = run_cli(["crawl", "-q", "--cluster", cluster.scheduler_address], tmp_path)
        assert result.exit_code == 0, result.output
        assert "a: 2 fetched" in result.stderr and "b: 2 fetched" in result.stderr
        times = sorted(t for p, t in site.times if p.startswith("/site/"))
        assert len(times) == 4
        assert min(b - a for a, b in itertools.pairwise(times)) >= 0.4
        assert json_report(tmp_path, offline=True) == on_cluster
    finally:
        site.shutdown()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_the_compose_recipe_runs_here(tmp_path: Path) -> None:
    """Docker cannot run here: the recipe's scheduler and worker commands run as processes
    on 127.0.0.1 instead (what the containers run), and a check through them is the
    plain check, byte for byte. The Dockerfile's build inputs exist."""
    import subprocess
    import time

    recipe = REPO / "contrib" / "cluster"
    for line in (recipe / "Dockerfile").read_text().splitlines():
        if line.startswith("COPY "):
            for name in line.split()[1:-1]:
                assert (REPO / name).exists(), name
    services = yaml.safe_load((recipe / "compose.yaml").read_text())["services"]
    port, dash = _free_port(), _free_port()
    bin_dir = Path(sys.executable).parent
    scheduler = services["scheduler"]["command"].split()
    scheduler = [*scheduler, "--host", "127.0.0.1"]
    scheduler[scheduler.index("--port") + 1] = str(port)
    scheduler[scheduler.index("--dashboard-address") + 1] = f"127.0.0.1:{dash}"
    worker = services["worker"]["command"].replace("scheduler:8786", f"127.0.0.1:{port}")
    worker_args = [*worker.split(), "--host", "127.0.0.1", "--no-dashboard"]
    procs = []
    try:
        procs.append(subprocess.Popen([str(bin_dir / "dask"), *scheduler[1:]],
                                      stderr=subprocess.DEVNULL))  # fmt: skip
        time.sleep(2)
        procs.append(subprocess.Popen([str(bin_dir / "dask"), *worker_args[1:]],
                                      stderr=subprocess.DEVNULL))  # fmt: skip
        from distributed import Client

        with Client(f"tcp://127.0.0.1:{port}", timeout=30) as client:
            client.wait_for_workers(1, timeout=60)
        plain = json_report(EXAMPLE)
        assert json_report(EXAMPLE, cluster=f"tcp://127.0.0.1:{port}") == plain
    finally:
        for proc in reversed(procs):
            proc.terminate()
            proc.wait(timeout=30)


def test_workers_write_snapshots_through_a_file_url(
    cluster: Any, tmp_path: Path, run_cli: Any
) -> None:
    """`crawl.snapshots: file:///...`: the workers crawl into the store through fsspec, the
    project folder gets nothing, and --offline runs (here and on the cluster) read the
    store back to the same report, byte for byte, without the site."""
    from webserver import Site

    site = Site().start()
    try:
        sources = [
            {"name": "acme", "role": "reference", "urls": [f"{site.base}/site/index.html"]},
            {"name": "shopright", "role": "partner",
             "urls": [f"{site.base}/partners/shopright/index.html"]},
        ]  # fmt: skip
        store = f"file://{tmp_path}/shared/snap"
        crawl = {"delay": 0, "timeout": 2, "retries": 0, "snapshots": store}
        config = {"sources": sources, "packs": ["general"], "crawl": crawl}
        project = tmp_path / "project"
        project.mkdir()
        (project / "msglint.yaml").write_text(yaml.safe_dump(config))
        on_cluster = json_report(project, cluster=cluster.scheduler_address)
        snap = tmp_path / "shared" / "snap"
        written = {n: (snap / n / "pages.warc.gz").read_bytes() for n in ("acme", "shopright")}
        # `msglint crawl --cluster` through the store too: the workers crawl again (conditional
        # requests), and the next --offline runs read what that crawl wrote.
        result = run_cli(["crawl", "-q", "--cluster", cluster.scheduler_address], project)
        assert result.exit_code == 0, result.output
        assert f"->file://{snap}/acme" in "".join(result.stderr.split())  # rich wraps it
        assert all((snap / n / "pages.warc.gz").read_bytes() != b for n, b in written.items())
        on_cluster_again = json_report(project, cluster=cluster.scheduler_address)
    finally:
        site.shutdown()
    found = json.loads(on_cluster)
    assert found["summary"]["findings"] > 2
    assert found["summary"]["documents"]["acme"] > 5
    for name in ("acme", "shopright"):
        folder = tmp_path / "shared" / "snap" / name
        assert (folder / "pages.warc.gz").stat().st_size > 1000
        assert json.loads((folder / "state.json").read_text())["complete"]
        assert not (folder / "pages.warc.gz.part").exists()
    assert not (project / ".msglint" / "snapshots").exists()
    assert json.loads(on_cluster_again)["summary"] == found["summary"]
    assert json_report(project, offline=True) == on_cluster_again
    assert json_report(project, offline=True, cluster=cluster.scheduler_address) == on_cluster_again


def test_an_unwritable_snapshot_folder_is_a_source_error(cluster: Any, tmp_path: Path) -> None:
    """The store takes files, one source's folder in it does not (a file is in the way):
    that source is a source error, the others are checked."""
    from webserver import Site

    site = Site().start()
    try:
        (tmp_path / "snaps").mkdir()
        (tmp_path / "snaps" / "web").write_text("a file where the snapshot folder should be")
        (tmp_path / "a.md").write_text("# A\n\nSome text.\n")
        sources = [
            {"name": "web", "role": "docs", "urls": [f"{site.base}/site/index.html"],
             "crawl": {"max_depth": 0}},
            {"name": "files", "role": "docs", "paths": ["a.md"]},
        ]  # fmt: skip
        config = {"sources": sources, "packs": ["general"],
                  "crawl": {"delay": 0, "snapshot_dir": "snaps"}}  # fmt: skip
        (tmp_path / "msglint.yaml").write_text(yaml.safe_dump(config))
        found = json.loads(json_report(tmp_path, cluster=cluster.scheduler_address))
    finally:
        site.shutdown()
    errors = [f for f in found["findings"] if f["rule"] == "msglint.source-error"]
    assert [f["source"] for f in errors] == ["web"]
    assert "could not store its snapshot in" in errors[0]["message"]
    assert "snaps/web" in errors[0]["message"]
    assert found["summary"]["documents"] == {"web": 0, "files": 1}


def test_batches_are_sized_from_the_times_the_tasks_took() -> None:
    """16 files before any task is back; then about TASK_SECONDS' worth of files, from the
    tasks' times with older tasks (a worker's warm-up) fading; within the bounds; a web
    source's task (its pages are not files) does not count; a fixed `batch` stays."""
    import pickle

    from msglint.cluster import runner as r

    class Web:
        hosts = ("example.com",)

    sized = Runner(None, _version(), "test")
    assert sized._size() == r.FIRST_BATCH
    pairs = [("item", None)]
    assert sized._unpack(["a"] * 16, (pickle.dumps(pairs), 16 * 0.06)) == pairs  # warm-up
    assert sized._size() == round(r.TASK_SECONDS / 0.06)
    for _ in range(40):  # then 5 ms a file
        sized._unpack(["a"] * 100, (pickle.dumps(pairs), 100 * 0.005))
    assert abs(sized._size() - r.TASK_SECONDS / 0.005) <= 2
    before = sized._size()
    sized._unpack([Web()], (pickle.dumps(pairs), 60.0))  # a web source's crawl and pages
    assert sized._size() == before
    for _ in range(80):
        sized._unpack(["a"] * 4, (pickle.dumps(pairs), 4 * 0.00001))  # tiny files
    assert sized._size() == r.MAX_BATCH
    for _ in range(80):
        sized._unpack(["a"] * 4, (pickle.dumps(pairs), 4 * 2.0))  # slow PDFs
    assert sized._size() == r.MIN_BATCH
    fixed = Runner(None, _version(), "test", batch=5)
    fixed._unpack(["a"] * 5, (pickle.dumps(pairs), 50.0))
    assert fixed._size() == 5
