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


def _report(root: Path, jobs: int) -> bytes:
    loaded = resolve(None, root, None)
    return render(run(loaded, options=RunOptions(jobs=jobs)), ReportOptions(fail_on="never"))


@pytest.fixture
def pool_always(monkeypatch: pytest.MonkeyPatch) -> None:
    """Use the pool however few files there are, so the example goes through it too."""
    monkeypatch.setattr(workers, "MIN_ITEMS", 1)
    monkeypatch.setattr(workers, "CHUNK", 2)


def test_one_pool_serves_every_source_and_is_prepared_once(
    pool_always: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 20: a pool per source made every worker rebuild spaCy and pint per source."""
    forks: list[int] = []
    prepared: list[tuple[str, list[int]]] = []
    real_start = workers.Pool._start

    def start(self: workers.Pool, key: Any, head: list[Any]) -> None:
        forks.append(1)
        real_start(self, key, head)

    monkeypatch.setattr(workers.Pool, "_start", start)
    works = {"a": lambda i: i + 1, "b": lambda i: i * 10}
    with workers.Pool(2, works, lambda key, head: prepared.append((key, head))) as pool:
        a = [o for _i, o in pool.outcomes("a", range(5))]
        b = [o for _i, o in pool.outcomes("b", range(7))]
    assert (a, b) == ([1, 2, 3, 4, 5], [0, 10, 20, 30, 40, 50, 60])
    assert forks == [1]
    assert prepared == [("a", [0])]
    assert multiprocessing.active_children() == []


def test_one_job_streams_items_without_reading_ahead() -> None:
    """`--jobs 1` checks each item before the next is read, so pages are not kept."""
    read: list[int] = []

    def items() -> Any:
        for i in range(100):
            read.append(i)
            yield i

    stream = workers.outcomes(items(), lambda i: i, 1)
    assert next(stream) == (0, 0)
    assert read == [0]


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

    monkeypatch.setattr(workers.Pool, "_start", no_pool)
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


def test_report_written_a_record_at_a_time_is_the_whole_report_byte_for_byte() -> None:
    """`render` writes each record on its own (peak memory); the bytes are those of the
    report built as one dict, also with a source without records and text beyond ASCII."""
    from msglint.report.json import as_dict

    result = run(resolve(None, EXAMPLE, None), options=RunOptions(jobs=1))
    some = next(name for name, recs in result.records.items() if recs)
    result.records["no-records"] = []
    result.records[some][0].name = 'Näme "quoted" \\ ✓\n'
    whole = (dumps(as_dict(result, "never")) + "\n").encode("utf-8")
    assert render(result, ReportOptions(fail_on="never")) == whole
    assert json.loads(whole)["records"]["no-records"] == []
    result.records.clear()
    assert render(result, ReportOptions(fail_on="never")) == (
        dumps(as_dict(result, "never")) + "\n"
    ).encode("utf-8")


def test_outcomes_survive_pickling_with_every_value_and_location() -> None:
    """Outcomes cross to the parent (and from Dask workers) pickled; the model's frozen
    value classes pickle with `model.state.quick_state`: the same objects come back, and
    a state in the form Python's own dataclass pickling wrote (a list) still loads."""
    import copy
    import pickle
    from decimal import Decimal

    from msglint.model import Location, Record, Role
    from msglint.model.values import Claim, Price, Spec

    at = Location("p.html", 3, 4, selector="h1", segment="heading")
    record = Record(
        source="shop",
        role=Role.PARTNER,
        path="p.html",
        name="Widget",
        prices=[Price(Decimal("19.99"), "USD", None, "list", "$19.99", where=at)],
        specs={"weight": Spec("weight", "Weight", "255 g", 0.255, "kilogram", "[mass]")},
        claims=[Claim("warranty", Decimal("1095"), "days", "3-year warranty", "3-year.", 0, 7)],
        where={"name": at},
        at=at,
    )
    back = pickle.loads(pickle.dumps([record, record.prices[0]], protocol=5))
    assert back == [record, record.prices[0]]
    assert back[0].at == at and back[0].at.segment == "heading"
    assert copy.deepcopy(record) == record
    old = Location.__new__(Location)
    old.__setstate__([getattr(at, name) for name in Location.__dataclass_fields__])
    assert old == at
