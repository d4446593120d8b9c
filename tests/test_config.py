"""Config discovery and validation: every mistake names file, line and column."""

from __future__ import annotations

from pathlib import Path

import pytest

from msglint.config import discover, load, resolve
from msglint.errors import ConfigError
from msglint.packs import load_file, load_packs


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


GOOD = """\
sources:
  - name: site
    role: reference
    paths: ["site/**/*.html"]
"""


def test_discovery_walks_up_and_nearest_wins(tmp_path: Path) -> None:
    outer = write(tmp_path / "msglint.yaml", GOOD)
    inner = write(tmp_path / "a" / "msglint.yaml", GOOD)
    (tmp_path / "a" / "b" / "c").mkdir(parents=True)
    (tmp_path / "x").mkdir()
    assert discover(tmp_path / "a" / "b" / "c") == inner
    assert discover(tmp_path / "x") == outer


def test_pyproject_tool_table(tmp_path: Path) -> None:
    write(
        tmp_path / "pyproject.toml",
        """\
[project]
name = "content"

[tool.msglint]
fail_on = "warning"
[[tool.msglint.sources]]
name = "docs"
role = "docs"
paths = ["docs/"]
""",
    )
    found = discover(tmp_path)
    assert found == tmp_path / "pyproject.toml"
    loaded = load(found)
    assert loaded.config.fail_on == "warning"
    assert loaded.config.sources[0].name == "docs"


def test_yaml_file_beats_pyproject_in_the_same_folder(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", "[tool.msglint]\nfail_on = 'info'\n")
    yaml_path = write(tmp_path / "msglint.yaml", GOOD)
    assert discover(tmp_path) == yaml_path


def test_pyproject_without_table_is_not_a_config(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", "[project]\nname = 'x'\n")
    found = discover(tmp_path)
    assert found != tmp_path / "pyproject.toml"


def test_pyproject_mistake_names_the_table(tmp_path: Path) -> None:
    path = write(tmp_path / "pyproject.toml", "[tool.msglint]\nfail_on = 'often'\nsources = []\n")
    with pytest.raises(ConfigError, match=r"\[tool.msglint\] fail_on: Input should be"):
        load(path)


def test_yaml_syntax_error_has_line_and_column(tmp_path: Path) -> None:
    path = write(tmp_path / "msglint.yaml", "sources:\n  - name: a\n    role: [reference\n")
    with pytest.raises(ConfigError) as err:
        load(path)
    assert str(err.value).startswith(f"{path}:4:1:")


@pytest.mark.parametrize(
    ("text", "where", "words"),
    [
        (GOOD.replace("reference", "referense"), ":3:11:", "'reference', 'partner' or 'docs'"),
        (GOOD + "fail_on: sometimes\n", ":5:10:", "'error', 'warning', 'info' or 'never'"),
        (GOOD + "packz: [general]\n", ":5:1:", "unknown field 'packz'; allowed fields:"),
        (GOOD.replace("    paths", "    pathz"), ":4:5:", "unknown field 'pathz'"),
        (GOOD + "  - name: site\n    role: docs\n    paths: [x]\n", ":1:1:", "two sources"),
        ("sources: []\n", ":1:10:", "at least 1 item"),
        (GOOD + "    language: deutsch\n", ":5:15:", "unknown language 'deutsch': msglint reads"),
        (GOOD + "    language: 7\n", ":5:15:", "language"),
        ("- just\n- a list\n", "", "must be a mapping"),
    ],
)
def test_config_mistakes_are_positioned(tmp_path: Path, text: str, where: str, words: str) -> None:
    path = write(tmp_path / "msglint.yaml", text)
    with pytest.raises(ConfigError) as err:
        load(path)
    message = str(err.value)
    assert where in message, message
    assert words in message, message


def test_duplicate_keys_are_reported(tmp_path: Path) -> None:
    path = write(tmp_path / "msglint.yaml", GOOD + "fail_on: error\nfail_on: warning\n")
    with pytest.raises(ConfigError, match=r":6:1: duplicate key 'fail_on'"):
        load(path)


def test_no_config_and_no_paths_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="msglint init"):
        resolve(None, tmp_path, None)


RULE = """\
pack: brand
rules:
  - id: sign-in
    kind: terminology
    swap: {log in: sign in}
"""


def test_pack_prefixes_bare_ids(tmp_path: Path) -> None:
    pack = load_file(write(tmp_path / "brand.yaml", RULE))
    assert [r.id for r in pack.rules] == ["brand.sign-in"]


@pytest.mark.parametrize(
    ("text", "where", "words"),
    [
        (
            RULE.replace("terminology", "terminologie"),
            ":4:11:",
            "unknown rule kind 'terminologie'; allowed: terminology, banned, capitalization, "
            "required, pattern",
        ),
        (RULE.replace("    kind: terminology\n", ""), ":3:5:", "missing 'kind'"),
        (RULE + "    levle: error\n", ":6:5:", "unknown field 'levle'"),
        (RULE + "    level: fatal\n", ":6:12:", "'error', 'warning' or 'info'"),
        (RULE + "    message: 'Use {sugestion}'\n", ":6:14:", "unknown placeholder '{sugestion}'"),
        (
            RULE.replace(
                "kind: terminology\n    swap: {log in: sign in}",
                "kind: pattern\n    pattern: '(unclosed'",
            ),
            ":5:14:",
            "pattern does not compile",
        ),
        (
            RULE.replace("swap: {log in: sign in}", "swap: [log in]"),
            ":5:11:",
            "needs a replacement",
        ),
        (RULE + "    scope: {segments: [footer]}\n", ":6:23:", "unknown segment kind 'footer'"),
    ],
)
def test_rule_file_mistakes_are_positioned(tmp_path: Path, text: str, where: str, words: str):
    path = write(tmp_path / "brand.yaml", text)
    with pytest.raises(ConfigError) as err:
        load_file(path)
    message = str(err.value)
    assert f"{path}{where}" in message, message
    assert words in message, message


def test_duplicate_rule_ids_across_packs(tmp_path: Path) -> None:
    write(tmp_path / "rules" / "a.yaml", RULE)
    write(tmp_path / "rules" / "b.yaml", RULE)
    with pytest.raises(ConfigError, match="already defined"):
        load_packs(["rules/"], tmp_path)


def test_unknown_pack_lists_shipped_ones(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"shipped packs: consistency, documents, general"):
        load_packs(["genral"], tmp_path)


def test_disable_by_id_and_prefix(tmp_path: Path) -> None:
    packs = load_packs(["general"], tmp_path, ["msglint.placeholder-text"])
    ids = {r.id for p in packs for r in p.rules}
    assert "msglint.placeholder-text" not in ids and "msglint.email-spelling" in ids
    packs = load_packs(["general"], tmp_path, ["msglint."])
    assert not [r for p in packs for r in p.rules]
