"""YAML built to explode: rule packs, configs and front matter are loaded bounded."""

from __future__ import annotations

from pathlib import Path

import pytest
from canary import assert_canary, assert_scales_linearly, project, run

from msglint.errors import ConfigError
from msglint.model import Role
from msglint.parse import parse
from msglint.parse.markdown import front_matter
from msglint.yamlsource import MAX_NODES, load_yaml


def _laughs(levels: int = 9, indent: str = "") -> str:
    lines = [f'{indent}a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, levels):
        lines.append(f"{indent}a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]")
    return "\n".join(lines) + "\n"


def test_billion_laughs_is_refused_with_its_place() -> None:
    text = "pack: t\n" + _laughs() + "rules:\n  - {id: t.x, kind: banned, terms: *a8}\n"
    with pytest.raises(ConfigError) as caught:
        load_yaml(text, "bomb.yaml")
    message = str(caught.value)
    assert message.startswith("bomb.yaml:8:10: aliases expand to more than 1,000,000 values")


def test_aliases_within_the_bound_still_load() -> None:
    data, _ = load_yaml("a: &x [1, 2]\nb: *x\nc: {d: *x}\n", "ok.yaml")
    assert data == {"a": [1, 2], "b": [1, 2], "c": {"d": [1, 2]}}
    assert MAX_NODES >= 100_000


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("a: " + "[" * 5_000 + "]" * 5_000, "deep.yaml: nested more than 100 levels deep"),
        ("a:\n" + "".join("  " * i + "- \n" for i in range(150)), "nested more than 100"),
        ("a: b\x1b\n", "deep.yaml: not valid YAML: unacceptable character #x001b"),
    ],
)
def test_deep_or_binary_yaml_is_a_config_error(text: str, message: str) -> None:
    with pytest.raises(ConfigError) as caught:
        load_yaml(text, "deep.yaml")
    assert message in str(caught.value)


def test_checking_the_alias_bound_is_linear() -> None:
    def make(n: int) -> str:
        return "items:\n" + "".join(f"  - &a{i} {{k: v{i}}}\n  - *a{i}\n" for i in range(n))

    assert_scales_linearly(lambda text: load_yaml(text, "x.yaml"), make, 500)


def test_front_matter_bomb_is_ignored() -> None:
    text = "---\n" + _laughs() + "msglint: {disable: [*a8]}\n---\n# Doc\n\nRelease date: TBD.\n"
    doc = parse(text, "markdown", source="s", role=Role.DOCS, path="d.md")
    assert front_matter(doc) == {}


def test_cli_rule_pack_billion_laughs(tmp_path: Path) -> None:
    """Issue 14: a 'billion laughs' rule pack took 6.8 GB and 61 s."""
    root = project(tmp_path, packs="[general, consistency, rules/]")
    (root / "rules").mkdir()
    (root / "rules" / "bomb.yaml").write_text(
        "pack: t\n" + _laughs() + "rules:\n  - {id: t.x, kind: banned, terms: *a8}\n"
    )
    result = run(root)
    assert result.code == 2
    assert "rules/bomb.yaml:8:10: aliases expand to more than 1,000,000 values" in result.stderr


def test_cli_front_matter_billion_laughs(tmp_path: Path) -> None:
    text = "---\n" + _laughs() + "msglint: {disable: [*a8]}\n---\n# Doc\n\nRelease date: TBD.\n"
    root = project(tmp_path, role="docs", files={"bomb.md": text})
    result = run(root)
    assert result.code == 1
    assert "msglint.placeholder-text" in result.rules("hostile/bomb.md")
    assert_canary(result)


@pytest.mark.parametrize("message", ["Use '{suggestion: }'.", "'{match!x}' is wrong."])
def test_a_message_template_text_cannot_take_is_a_config_error(
    tmp_path: Path, message: str
) -> None:
    """fuzz.py: `{suggestion: }` passed the placeholder check and raised ValueError ("Space
    not allowed in string format specifier") at the first finding: the run was lost."""
    from msglint.errors import ConfigError
    from msglint.packs import load_file

    pack = tmp_path / "p.yaml"
    pack.write_text(
        "pack: t\nrules:\n  - id: t.x\n    kind: banned\n    terms: [TBD]\n"
        f'    message: "{message}"\n'
    )
    with pytest.raises(ConfigError) as raised:
        load_file(pack)
    assert "p.yaml" in str(raised.value) and "message is not a valid template" in str(raised.value)
