"""`--fix` and `--diff`: cases in tests/fixtures/fix_cases/*.yml (input and expected output,
byte for byte), idempotence, and a property test that no byte outside prose ever changes."""

from __future__ import annotations

import json
import re
import subprocess
from bisect import bisect_right
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from conftest import docs_project
from msglint.fix import edits_for
from msglint.packs import load_file
from msglint.parse import parse

CASES = sorted((Path(__file__).parent / "fixtures" / "fix_cases").glob("*.yml"))
SUFFIX = {"markdown": "md", "html": "html", "text": "txt"}
RULES = """\
rules:
  - {id: t.sign-in, kind: terminology, swap: {log in: sign in}}
  - {id: t.wifi, kind: capitalization, names: [Wi-Fi]}
"""


def _project(tmp_path: Path, name: str, data: bytes) -> Path:
    return docs_project(tmp_path, RULES, name, data)


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_fix_case_and_idempotence(case: Path, tmp_path: Path, run_cli) -> None:
    spec = yaml.safe_load(case.read_text(encoding="utf-8"))
    path = _project(tmp_path, f"page.{SUFFIX[spec['format']]}", spec["input"].encode("utf-8"))
    diff = run_cli(["check", "--diff"], tmp_path)
    assert path.read_bytes() == spec["input"].encode("utf-8")  # --diff writes nothing
    assert diff.exit_code == 1 and diff.stdout.startswith("--- a/docs/page.")
    first = run_cli(["check", "--fix", "--fail-on", "never"], tmp_path)
    assert first.exit_code == 0, first.output
    assert path.read_bytes() == spec["output"].encode("utf-8"), spec["description"]
    second = run_cli(["check", "--fix", "--fail-on", "never"], tmp_path)
    assert path.read_bytes() == spec["output"].encode("utf-8")
    assert "fixed 0 finding(s) in 0 file(s)" in second.stderr
    again = run_cli(["check", "--diff"], tmp_path)
    assert (again.exit_code, again.stdout) == (0, "")


def test_diff_applies_with_git_apply(tmp_path: Path, run_cli) -> None:
    path = _project(tmp_path, "a.md", b"Log in over wifi.\n\nNo newline: log in")
    diff = run_cli(["check", "--diff"], tmp_path).stdout
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    subprocess.run(["git", "apply", "-"], cwd=tmp_path, input=diff, text=True, check=True)
    assert path.read_bytes() == b"Sign in over Wi-Fi.\n\nNo newline: sign in"


def test_remaining_findings_are_reported_after_fix(tmp_path: Path, run_cli) -> None:
    path = _project(tmp_path, "a.md", b"Log in. It is TBD.\n")
    (tmp_path / "rules" / "t.yaml").write_text(
        RULES + "  - {id: t.tbd, kind: banned, terms: [TBD]}\n"
    )
    result = run_cli(["check", "--fix", "-f", "json", "--fail-on", "never"], tmp_path)
    assert path.read_bytes() == b"Sign in. It is TBD.\n"
    assert _rules_found(result.stdout) == {"t.tbd"}


# --- property: nothing outside prose changes ---------------------------------------------

_PACK: list = []


def _rules() -> list:
    if not _PACK:
        import tempfile

        with tempfile.TemporaryDirectory() as d:
            p = Path(d) / "t.yaml"
            p.write_text(RULES)
            _PACK.extend(load_file(p).rules)
    return _PACK


WORDS = ["log in", "Log in", "logged in", "wifi", "WiFi", "wi fi", "Wi-Fi", "sign in", "the", "x"]
MARKUP = {
    "markdown": ["\n\n", "\n", "`log in`", "**", "_", "[log in](http://x/log-in)", "<!-- wifi -->",
                 "\n```\nlog in\n```\n", "# ", "- ", "> ", "&amp;", "\\*", "\r\n"],
    "html": ["<p>", "</p>", "<b>", "</b>", "<br>", '<a href="/log-in">', "</a>", "&amp;",
             "&nbsp;", "<!-- log in -->", "<script>log in</script>", '<img alt="wifi">', "\n"],
    "text": ["\n", "\n\n", "  ", "\r\n", "*"],
}  # fmt: skip


def prose_spans(text: str, fmt: str) -> list[tuple[int, int]]:
    """Source spans the parser copied verbatim into prose segments."""
    doc = parse(text, fmt, source="t", role="docs", path=f"a.{SUFFIX[fmt]}")
    spans = []
    for seg in doc.segments:
        for i, (t0, s0) in enumerate(seg.runs):
            t1 = seg.runs[i + 1][0] if i + 1 < len(seg.runs) else len(seg.text)
            spans.append((s0, s0 + (t1 - t0)))
    return spans


@st.composite
def documents(draw):
    fmt = draw(st.sampled_from(["markdown", "html", "text"]))
    parts = draw(st.lists(st.sampled_from(WORDS + MARKUP[fmt]), min_size=1, max_size=25))
    seps = draw(
        st.lists(st.sampled_from([" ", "", "\n"]), min_size=len(parts), max_size=len(parts))
    )
    return fmt, "".join(p + s for p, s in zip(parts, seps, strict=True))


def _starts(text: str) -> list[int]:
    return [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", text)]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_fix_never_changes_a_byte_outside_prose(sample) -> None:
    fmt, raw = sample  # raw may have CRLF; the checker sees LF, as when reading a file
    text = raw.replace("\r\n", "\n")
    doc = parse(text, fmt, source="t", role="docs", path=f"a.{SUFFIX[fmt]}")
    findings = [f for rule in _rules() for f in rule.check(doc)]
    after, fixed = edits_for(raw, findings, fmt)
    event(f"{fmt}: {'some' if fixed else 'no'} fixes")
    # Prose spans of the checked text, moved onto the raw text by line and column.
    starts, raw_starts = _starts(text), _starts(raw)

    def to_raw(offset: int) -> int:
        line = bisect_right(starts, offset)
        return raw_starts[line - 1] + offset - starts[line - 1]

    spans = [(to_raw(a), to_raw(b)) for a, b in prose_spans(text, fmt)]
    rebuilt, pos = [], 0
    for f in sorted(fixed, key=lambda f: (f.location.line, f.location.column)):
        loc = f.location
        a = raw_starts[loc.line - 1] + loc.column - 1
        b = raw_starts[loc.end_line - 1] + loc.end_column - 1
        assert any(s <= a and b <= e for s, e in spans), (raw, f.actual)
        rebuilt += [raw[pos:a], f.fix or ""]
        pos = b
    rebuilt.append(raw[pos:])
    # The result is the raw text with only those prose stretches replaced: every other byte
    # is the same, in the same place.
    assert "".join(rebuilt) == after


def test_vale_rules_with_an_action_are_fixed_and_without_one_are_not(
    tmp_path: Path, run_cli
) -> None:
    """A Vale rule's `action` is Vale's own fixer: `--fix` writes its replacement; a rule
    without an action only reports."""
    style = tmp_path / "styles" / "House"
    style.mkdir(parents=True)
    (style / "Utilize.yml").write_text(
        "extends: substitution\nmessage: \"Use '%s' instead of '%s'.\"\nlevel: warning\n"
        "action:\n  name: replace\nswap:\n  utilize: use\n"
    )
    (style / "Simply.yml").write_text(
        "extends: existence\nmessage: \"Avoid '%s'.\"\nlevel: warning\n"
        "ignorecase: true\ntokens: [simply]\n"
    )
    path = _project(tmp_path, "a.md", b"# Setup\n\nSimply utilize the app.\n")
    config = tmp_path / "msglint.yaml"
    config.write_text(config.read_text() + "vale:\n  styles: [styles/House]\n")
    result = run_cli(["check", "--fix", "-f", "json", "--fail-on", "never"], tmp_path)
    assert result.exit_code == 0, result.output
    assert path.read_bytes() == b"# Setup\n\nSimply use the app.\n"
    assert _rules_found(result.stdout) == {"House.Simply"}


def _rules_found(report: str) -> set[str]:
    return {f["rule"] for f in json.loads(report)["findings"]}


# --- property: nothing inside a non-prose token changes -----------------------------------

TOKEN_RULES = """\
rules:
  - {id: t.brand, kind: capitalization, names: [QuillStack, Wi-Fi, VT]}
  - {id: t.sign-in, kind: terminology, swap: {log in: sign in, login: sign-in}}
"""
#: Addresses, links, host names, paths, code, part numbers, versions, tags: each spells a
#: flagged word, so a rule that looked inside would rewrite it.
TOKENS = [
    "support@quillstack.com", "Login@Quillstack.io", "app.quillstack.com", "quillstack.co.uk",
    "https://quillstack.com/login", "www.quillstack.com/wifi", "docs/quillstack/login.md",
    "./login.sh", "`log in`", "vt-cp200", "QUILLSTACK-X200", "v2.3-quillstack", "@quillstack",
    "#wifi", "login.exe",
]  # fmt: skip
PROSE = ["quillstack", "Quillstack", "log in", "wifi", "the", "and", ".", ",", "(", ")"]
_TOKEN_PACK: list = []


@st.composite
def token_documents(draw):
    fmt = draw(st.sampled_from(["markdown", "text"]))
    parts = draw(st.lists(st.sampled_from(PROSE + TOKENS), min_size=1, max_size=20))
    return fmt, parts


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(token_documents())
def test_fix_never_changes_a_byte_inside_a_nonprose_token(sample) -> None:
    fmt, parts = sample
    if not _TOKEN_PACK:
        import tempfile

        with tempfile.TemporaryDirectory() as d:
            p = Path(d) / "t.yaml"
            p.write_text(TOKEN_RULES)
            _TOKEN_PACK.extend(load_file(p).rules)
    text, spans = "", []
    for part in parts:
        if part in TOKENS:
            spans.append((len(text), len(text) + len(part)))
        text += part + " "
    doc = parse(text, fmt, source="t", role="docs", path=f"a.{SUFFIX[fmt]}")
    findings = [f for rule in _TOKEN_PACK for f in rule.check(doc)]
    after, fixed = edits_for(text, findings, fmt)
    event(f"{fmt}: {'some' if fixed else 'no'} fixes")
    # Re-locate each token in the result: the text before it may have changed length.
    shift = 0
    edits = sorted((f.location.column - 1, f.location.end_column - 1, f.fix) for f in fixed)
    for a, b in spans:
        shift = sum(len(fix or "") - (e - s) for s, e, fix in edits if e <= a)
        assert not any(s < b and e > a for s, e, _ in edits), (text, a, b)
        assert after[a + shift : b + shift] == text[a:b]
