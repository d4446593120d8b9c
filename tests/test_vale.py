"""Vale styles: every rule of real styles loads or is listed as unsupported, .vale.ini
reading, vocabularies, config errors, and the CLI end to end."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from conftest import make_doc
from msglint.vale.ini import read_ini
from msglint.vale.regex import compile_vale, translate
from msglint.vale.styles import Loaded, load_style

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data" / "vale-styles"
VENDORED = Path(__file__).parent / "fixtures" / "vale" / "styles"


def _load(*folders: Path) -> Loaded:
    loaded = Loaded()
    for folder in folders:
        load_style(folder, loaded)
    return loaded


@pytest.mark.skipif(not SHARED.is_dir(), reason="../shared/data/vale-styles is not present")
def test_every_rule_of_the_shared_styles_loads() -> None:
    loaded = _load(*(SHARED / n / n for n in ("Microsoft", "Google", "write-good")))
    # Any rule that stops loading shows up here with its reason.
    assert loaded.unsupported == {}
    ids = {r.id for r in loaded.rules}
    assert len(ids) == 79
    assert sum(i.startswith("Microsoft.") for i in ids) == 40
    assert sum(i.startswith("Google.") for i in ids) == 31
    assert "Microsoft.Passive" in ids and "Google.Colons" in ids


def test_vendored_write_good_loads_every_rule() -> None:
    loaded = _load(VENDORED / "write-good")
    assert loaded.unsupported == {}
    assert sorted(r.id for r in loaded.rules) == [
        "write-good.Cliches",
        "write-good.E-Prime",
        "write-good.Illusions",
        "write-good.Passive",
        "write-good.So",
        "write-good.ThereIs",
        "write-good.TooWordy",
        "write-good.Weasel",
    ]
    assert (VENDORED / "write-good" / "LICENSE").read_text().startswith("MIT License")


@pytest.mark.skipif(not SHARED.is_dir(), reason="../shared/data/vale-styles is not present")
def test_a_style_cloned_from_its_repository_loads_as_vale_loads_it(tmp_path: Path) -> None:
    """`git clone` of errata-ai/Google into styles/ gives styles/Google/Google/*.yml. Vale
    walks a style folder and names each rule after the folder holding it, so these are
    Google.*; msglint had loaded no rule at all, silently (Node.js's docs: 0 alerts where
    Vale gave 56,386). Rules in a folder of another name (fixtures.x) are not Google's, and
    `.yaml` files are no rules to Vale."""
    shutil.copytree(SHARED / "Google", tmp_path / "Google")
    fixtures = tmp_path / "Google" / "fixtures"
    fixtures.mkdir()
    rule = "extends: existence\nmessage: x\ntokens: [zzz]\n"
    (fixtures / "Extra.yml").write_text(rule, encoding="utf-8")
    (tmp_path / "Google" / "Google" / "Other.yaml").write_text(rule, encoding="utf-8")
    loaded = _load(tmp_path / "Google")
    ids = {r.id for r in loaded.rules}
    assert len(ids) == 31 and all(i.startswith("Google.") for i in ids)
    assert "Google.Colons" in ids and "Google.Other" not in ids and "fixtures.Extra" not in ids


def _style(tmp: Path, name: str, rules: dict[str, str]) -> Path:
    folder = tmp / name
    folder.mkdir(parents=True)
    for rule, text in rules.items():
        (folder / f"{rule}.yml").write_text(text, encoding="utf-8")
    return folder


def test_rules_msglint_cannot_run_are_listed_with_their_reason(tmp_path: Path) -> None:
    folder = _style(
        tmp_path,
        "Mine",
        {
            "Spell": "extends: spelling\nmessage: x\ndictionaries: [xx_NOWHERE]\n",
            "Seq": "extends: sequence\nmessage: x\ntokens: []\n",
            "Script": "extends: script\nmessage: x\nscript: x\n",
            "Bad": "extends: existence\nmessage: x\ntokens: ['(unclosed']\n",
            "Code": "extends: existence\nmessage: x\nscope: code\ntokens: [x]\n",
            "Nope": "extends: grammar\nmessage: x\n",
            "Child": "extends: Mine.Missing\nmessage: x\n",
            "Good": "extends: existence\nmessage: x\ntokens: [x]\n",
        },
    )
    loaded = _load(folder)
    # `scope: code` loads, as in Vale: it only matches code files, never Markdown prose.
    assert [r.id for r in loaded.rules] == ["Mine.Code", "Mine.Good"]
    assert sorted(loaded.unsupported) == [
        "Mine.Bad",
        "Mine.Child",
        "Mine.Nope",
        "Mine.Script",
        "Mine.Seq",
        "Mine.Spell",
    ]
    assert loaded.skipped_sequence == ["Mine.Seq"]
    assert "Hunspell dictionary 'xx_NOWHERE' not found" in loaded.unsupported["Mine.Spell"]
    assert "Bad.yml:1: pattern does not compile" in loaded.unsupported["Mine.Bad"]
    assert "Tengo" in loaded.unsupported["Mine.Script"]
    assert "tagger" in loaded.unsupported["Mine.Seq"]
    assert "not a Vale rule type" in loaded.unsupported["Mine.Nope"]


def test_extends_another_rule_inherits_its_definition(tmp_path: Path) -> None:
    folder = _style(
        tmp_path,
        "Mine",
        {
            "Base": "extends: existence\nmessage: \"Avoid '%s'.\"\nlevel: error\ntokens: [foo]\n",
            "Child": "extends: Mine.Base\ntokens: [bar]\n",
        },
    )
    rules = {r.id: r for r in _load(folder).rules}
    child = rules["Mine.Child"]
    assert child.kind == "existence" and child.level.value == "error"
    found = list(child.check(make_doc("foo bar")))
    assert [(f.actual_text, f.message) for f in found] == [("bar", "Avoid 'bar'.")]


def test_broken_rule_yaml_is_listed_with_its_position(tmp_path: Path) -> None:
    folder = _style(
        tmp_path,
        "Mine",
        {"Broken": "extends: existence\nmessage: [x\n", "Good": "extends: existence\n"
         "message: x\ntokens: [x]\n"},
    )  # fmt: skip
    loaded = _load(folder)
    assert [r.id for r in loaded.rules] == ["Mine.Good"]
    assert "Broken.yml:3:1" in loaded.unsupported["Mine.Broken"]


def test_translate_scopes_inline_flags_and_named_groups() -> None:
    assert translate("foo|(?i)bar|baz") == ("foo|(?i:bar)|(?i:baz)", 0)
    assert translate(r"(?<word>ab)\z")[0] == r"(?P<word>ab)\Z"
    assert compile_vale(r"\p{Lu}\w+").findall("Éclair and Bob") == ["Éclair", "Bob"]


def _project(tmp_path: Path, ini: str, yaml_extra: str = "") -> Path:
    styles = tmp_path / "styles"
    shutil.copytree(VENDORED / "write-good", styles / "write-good")
    _style(
        styles,
        "Acme",
        {
            "Terms": "extends: substitution\nmessage: \"Use '%s' instead of '%s'.\"\n"
            "level: warning\nignorecase: true\naction: {name: replace}\n"
            "swap: {e-mail: email, 'log in': sign in}\n",
            "Tagged": "extends: sequence\nmessage: x\ntokens: []\n",
        },
    )
    vocab = styles / "config" / "vocabularies" / "Base"
    vocab.mkdir(parents=True)
    (vocab / "accept.txt").write_text("# brand names\nAirRouter\nvery\n", encoding="utf-8")
    (vocab / "reject.txt").write_text("CloudBox\n", encoding="utf-8")
    (tmp_path / ".vale.ini").write_text(ini, encoding="utf-8")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.md").write_text(
        "# Intro\n\nSo the airrouter is very fast. Please e-mail us about the CloudBox.\n"
        "The file was deleted.\n",
        encoding="utf-8",
    )
    (tmp_path / "docs" / "b.txt").write_text("So e-mail us.\n", encoding="utf-8")
    (tmp_path / "msglint.yaml").write_text(
        "sources:\n  - name: docs\n    role: docs\n    paths: [docs/]\npacks: []\n"
        "vale:\n  config: .vale.ini\n" + yaml_extra,
        encoding="utf-8",
    )
    return tmp_path


INI = """\
StylesPath = styles
MinAlertLevel = suggestion
Vocab = Base

[*]
BasedOnStyles = Acme

[*.md]
BasedOnStyles = Vale, write-good
BasedOnStyles = write-good  ; shadowed keys merge, as in Vale
write-good.E-Prime = NO
write-good.Passive = error
"""


def test_vale_ini_end_to_end(tmp_path: Path, run_cli) -> None:
    project = _project(tmp_path, INI)
    result = run_cli(["check", "--format", "json", "--fail-on", "never"], project)
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    got = [
        (f["location"]["path"], f["location"]["line"], f["location"]["column"], f["rule"],
         f["severity"], (f["actual"] or {}).get("text"), (f["expected"] or {}).get("text"))
        for f in report["findings"]
    ]  # fmt: skip
    # What Vale 3.7 reports for this project: the last matching section's BasedOnStyles
    # ([*.md]) replaces the earlier one ([*]), so Acme runs on b.txt only.
    assert got == [
        ("docs/a.md", 3, 1, "write-good.So", "error", "So ", None),
        ("docs/a.md", 3, 8, "Vale.Terms", "error", "airrouter", "AirRouter"),
        ("docs/a.md", 3, 59, "Vale.Avoid", "error", "CloudBox", None),
        ("docs/a.md", 4, 10, "write-good.Passive", "error", "was deleted", None),
        ("docs/b.txt", 1, 4, "Acme.Terms", "warning", "e-mail", "email"),
    ]
    # "very" is a write-good.Weasel word, but the Vocab accepts it; E-Prime is off for *.md.
    assert "warning: skipped Vale sequence rules" in result.stderr
    assert result.stderr.count("Acme.Tagged") == 1


def test_min_level_and_disable(tmp_path: Path, run_cli) -> None:
    project = _project(tmp_path, INI, "  min_level: error\ndisable: [Vale.]\n")
    result = run_cli(["check", "--format", "json", "--fail-on", "never"], project)
    rules = [f["rule"] for f in json.loads(result.stdout)["findings"]]
    assert rules == ["write-good.So", "write-good.Passive"]


def test_rules_list_and_explain(tmp_path: Path, run_cli) -> None:
    project = _project(tmp_path, INI)
    listed = run_cli(["rules", "list"], project)
    assert "write-good.Passive" in listed.stdout and "Vale.Spelling" in listed.stdout
    assert "unsupported" in listed.stdout
    explained = run_cli(["rules", "explain", "write-good.Passive"], project)
    assert explained.exit_code == 0
    assert "may be passive voice" in explained.stdout
    assert "Vale existence" in explained.stdout


def test_bad_vale_ini_value_is_a_warning_with_its_line(tmp_path: Path, run_cli) -> None:
    project = _project(tmp_path, INI + "write-good.So = maybe\nNoSuchKey = 1\n")
    result = run_cli(["check", "--format", "json", "--fail-on", "never"], project)
    assert result.exit_code == 0
    assert ".vale.ini:13: write-good.So = maybe" in result.stderr and "YES, NO" in result.stderr
    rules = [f["rule"] for f in json.loads(result.stdout)["findings"]]
    assert "write-good.So" not in rules and "write-good.Passive" in rules
    assert ".vale.ini:14: unknown key 'NoSuchKey'" in result.stderr


def test_unparsable_vale_ini_is_a_config_error_with_its_line(tmp_path: Path, run_cli) -> None:
    project = _project(tmp_path, INI + "[*.txt\n")
    result = run_cli(["check"], project)
    assert result.exit_code == 2
    assert ".vale.ini:13:" in result.stderr


def test_vale_block_needs_styles_or_config(tmp_path: Path, run_cli) -> None:
    (tmp_path / "msglint.yaml").write_text(
        "sources:\n  - name: d\n    role: docs\n    paths: [x/]\nvale:\n  min_level: error\n",
        encoding="utf-8",
    )
    result = run_cli(["check"], tmp_path)
    assert result.exit_code == 2
    assert "msglint.yaml:6:3: vale: " in result.stderr


def test_read_ini_sections_and_shadowed_keys(tmp_path: Path) -> None:
    path = tmp_path / ".vale.ini"
    path.write_text(INI, encoding="utf-8")
    ini = read_ini(path)
    assert ini.min_level == "suggestion" and ini.vocab == ["Base"]
    assert [(s.glob, s.styles) for s in ini.sections] == [
        ("*", ["Acme"]),
        ("*.md", ["Vale", "write-good"]),
    ]
    assert ini.sections[1].checks == {"write-good.E-Prime": False, "write-good.Passive": True}
    assert ini.levels == {"write-good.Passive": "error"}
    assert ini.sections[1].matches("docs/a.md") and not ini.sections[1].matches("docs/a.txt")


def _all_findings(folders: list[Path], text: str) -> list[tuple]:
    doc = make_doc(text)
    out = []
    for rule in _load(*folders).rules:
        out.extend(
            (f.rule, f.location.line, f.location.column, f.actual_text, f.message, f.expected_text)
            for f in rule.check(doc)
        )
    return out


def _token_text(folders: list[Path]) -> str:
    """Prose made of every rule's own tokens and swap keys, as written and capitalized."""
    import yaml

    paragraphs = []
    for folder in folders:
        for path in sorted(folder.glob("*.yml")):
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
            words = [str(t) for t in data.get("tokens") or []] + [
                str(k) for k in (data.get("swap") or {})
            ]
            if words:
                line = " and ".join(words)
                paragraphs.append(f"So {line}. {line.title()}. {line.upper()} now!")
    return "\n\n".join(paragraphs) + "\n"


@pytest.mark.parametrize("shared", [False, True], ids=["vendored", "shared"])
def test_prefix_trees_and_skipping_change_no_finding(shared: bool, monkeypatch) -> None:
    """The speed-ups (literal tokens as prefix trees, documents skipped when they hold none
    of a rule's first words, blocks skipped by the RE2 pre-test) give exactly the findings
    of the plain alternation."""
    from msglint.vale import alternation

    if shared and not SHARED.is_dir():
        pytest.skip("../shared/data/vale-styles is not present")
    folders = (
        [SHARED / n / n for n in ("Microsoft", "Google", "write-good")]
        if shared
        else [VENDORED / "write-good"]
    )
    text = _token_text(folders)
    fast = _all_findings(folders, text)
    monkeypatch.setattr(alternation, "OPTIMIZE", False)
    plain = _all_findings(folders, text)
    assert len(fast) > 500 if shared else len(fast) > 100
    assert fast == plain
