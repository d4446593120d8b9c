"""Worker processes (msglint/workers.py) must not change a single byte of the report."""

from __future__ import annotations

import importlib.util
import json
import multiprocessing
import sys
from pathlib import Path
from typing import Any

import pytest

from conftest import EXAMPLE, REPO
from msglint import workers
from msglint.config import resolve
from msglint.engine import RunOptions, run
from msglint.report import ReportOptions
from msglint.report.json import dumps, render

VENDORED_STYLE = REPO / "tests" / "fixtures" / "vale" / "styles" / "write-good"


def _prose_benchmark() -> Any:
    spec = importlib.util.spec_from_file_location("prose", REPO / "benchmarks" / "prose.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("prose", module)  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def _report(root: Path, jobs: int) -> str:
    loaded = resolve(None, root, None)
    return render(run(loaded, options=RunOptions(jobs=jobs)), ReportOptions(fail_on="never"))


@pytest.fixture
def pool_always(monkeypatch: pytest.MonkeyPatch) -> None:
    """Use the pool however few files there are, so the example goes through it too."""
    monkeypatch.setattr(workers, "MIN_ITEMS", 1)
    monkeypatch.setattr(workers, "CHUNK", 2)


def test_example_report_is_the_same_with_two_workers(pool_always: None) -> None:
    one = _report(EXAMPLE, 1)
    two = _report(EXAMPLE, 2)
    assert json.loads(one)["summary"]["findings"] > 20
    assert two == one


def test_generated_corpus_with_vale_is_the_same_with_two_workers(tmp_path: Path) -> None:
    prose = _prose_benchmark()
    prose.write_workdir(tmp_path, files=150, seed=7, plant=True, vale_styles=[VENDORED_STYLE])
    one = _report(tmp_path, 1)
    two = _report(tmp_path, 2)
    report = json.loads(one)
    assert report["summary"]["documents"]["corpus"] == 150
    assert any(rule.startswith("write-good.") for rule in report["summary"]["by_rule"])
    assert two == one


def test_workers_are_gone_after_the_run(pool_always: None) -> None:
    _report(EXAMPLE, 2)
    assert multiprocessing.active_children() == []


def test_few_files_stay_in_one_process(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_pool(*_args: Any) -> Any:
        raise AssertionError("a pool for fewer than MIN_ITEMS files")

    monkeypatch.setattr(workers, "_pooled", no_pool)
    items = list(range(workers.MIN_ITEMS - 1))
    assert [o for _i, o in workers.outcomes(items, lambda item: item * 2, 2)] == [
        i * 2 for i in items
    ]


@pytest.mark.parametrize(
    "value",
    [
        {},
        [],
        {"a": [], "b": {}, "c": [{}], "d": [[1, 2.5, None, True, False, "x"]]},
        {3: "int key", 2.5: "float key", None: 0, True: 1, False: -1},
        {"big": 10**30, "small": -(2**63), "scores": [0.1, 62.5, 87.5, 100.0, 99.95, -0.0]},
        {"text": 'é "quoted" \\ back\nslash\t\x00\x1f\u2028 ✓'},
        ("tuple", ["nested", ("tuple",)]),
        "plain",
        None,
    ],
)
def test_report_json_is_the_standard_library_byte_for_byte(value: Any) -> None:
    assert dumps(value) == json.dumps(value, indent=2, ensure_ascii=False)


def test_report_json_leaves_what_it_does_not_know_to_the_standard_library() -> None:
    with pytest.raises(TypeError, match="not JSON serializable"):
        dumps({"a": {1, 2}})
