"""The non-prose token pass (values/tokens.py): what is marked, what is not, and that Vale
rules skip the marked spans as msglint's own rules do."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from conftest import docs_project
from msglint.values.tokens import is_host, nonprose


def _marked(text: str) -> list[tuple[str, str]]:
    return [(text[a:b], kind) for a, b, kind in nonprose(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mail support@quillstack.com today.", [("support@quillstack.com", "email")]),
        ("Open app.quillstack.com.", [("app.quillstack.com", "host")]),
        ("See vantor-industrial.de/pumpen, or bbc.co.uk", [
            ("vantor-industrial.de/pumpen", "host"), ("bbc.co.uk", "host")]),
        ("(https://example.com/a_(b)) next", [("https://example.com/a_(b)", "url")]),
        ("Visit www.example.org/x?y=1.", [("www.example.org/x?y=1", "url")]),
        ("Run ./install.sh, edit ~/notes.txt or docs/setup.md", [
            ("./install.sh", "path"), ("~/notes.txt", "path"), ("docs/setup.md", "path")]),
        ("Download Setup_v2.exe now", [("Setup_v2.exe", "path")]),
        ("Type `acme login` first", [("`acme login`", "code")]),
        ("Part VT-CP200, model AX5400 or 010-00715-20.", [
            ("VT-CP200", "identifier"), ("AX5400", "identifier"), ("010-00715-20", "identifier")]),
        ("Firmware v2.3 and 3.7.1-beta", [("v2.3", "version"), ("3.7.1-beta", "version")]),
        ("Follow @acme and #AcmeDays", [("@acme", "tag"), ("#AcmeDays", "tag")]),
    ],
)  # fmt: skip
def test_marked_spans(text: str, expected: list[tuple[str, str]]) -> None:
    assert _marked(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The end.It was ready, e.g. today, i.e. now.",  # no space after a full stop
        "Weight 2.5 kg, price 1.299,00 €, 1.299.000 units on 12.03.2024 and 6/12/2017.",
        "128GB, 5400mAh, USB2, Wi-Fi 6E, 1080p, 24x7 support at 10PM, 48h delivery.",
        "Now only {{price}}!",  # a placeholder is prose: the pattern rules must see it
        "Größe: 42, Farbe: Schwarz. Poids : 2,5 kg. 30 días para devoluciones.",
        "#1 in sales; C# and F# developers.",
    ],
)
def test_prose_is_not_marked(text: str) -> None:
    assert _marked(text) == []


def test_host_names_come_from_the_bundled_suffix_list() -> None:
    assert is_host("shop.example.com") and is_host("example.co.uk")
    assert not is_host("example.notasuffix") and not is_host("end.It")


@pytest.mark.parametrize(
    "text",
    ["a" * 100_000 + "@", "x." * 50_000, "/" * 100_000, "`" * 100_000, "A1-" * 30_000,
     "\u05e9\u05dc\u05d5\u05dd support@example.com \u0645\u0631\u062d\u0628\u0627"],
)  # fmt: skip
def test_hostile_text_is_linear(text: str) -> None:
    started = time.perf_counter()
    nonprose(text)
    assert time.perf_counter() - started < 2.0


def test_vale_rules_skip_nonprose_tokens(tmp_path: Path, run_cli) -> None:
    style = tmp_path / "styles" / "House"
    style.mkdir(parents=True)
    (style / "Brand.yml").write_text(
        "extends: existence\nmessage: \"Write 'QuillStack', not '%s'.\"\nlevel: warning\n"
        "tokens: [quillstack]\n"
    )
    docs_project(
        tmp_path,
        "rules: []\n",
        "a.md",
        "# Help\n\nAsk quillstack support at help@quillstack.com or app.quillstack.com.\n",
    )
    config = tmp_path / "msglint.yaml"
    config.write_text(config.read_text() + "vale:\n  styles: [styles/House]\n")
    result = run_cli(["check", "-f", "json", "--fail-on", "never"], tmp_path)
    found = json.loads(result.stdout)["findings"]
    assert [(f["rule"], f["location"]["column"]) for f in found] == [("House.Brand", 5)]


def test_markup_like_text_is_prose() -> None:
    assert _marked("a [bold]x[/bold] b, and/or 24/7") == []
    assert _marked("see /etc/hosts") == [("/etc/hosts", "path")]
