"""The scheduled-run recipes (contrib/schedule/) stay true: every `msglint check` command
in them and in the README uses options `check` has, the workflow and units parse, and the
schedules are well-formed."""

from __future__ import annotations

import configparser
import re
import shlex

import typer
import yaml

from conftest import REPO
from msglint.cli import app

RECIPES = REPO / "contrib" / "schedule"


def _check_options() -> set[str]:
    command = typer.main.get_command(app).commands["check"]  # type: ignore[attr-defined]
    return {opt for param in command.params for opt in param.opts if opt.startswith("-")}


def _commands(text: str) -> list[list[str]]:
    found = []
    for match in re.finditer(r"msglint check((?: +[-\w./=]+)+)", text.replace(">\n", " ")):
        args = shlex.split(match.group(1))
        found.append(args[: args.index("-")] if "-" in args else args)  # a YAML list item
    return found


def test_every_recipe_command_uses_options_check_has() -> None:
    known = _check_options()
    texts = [p.read_text() for p in sorted(RECIPES.iterdir())]
    texts.append((REPO / "README.md").read_text())
    commands = [c for text in texts for c in _commands(" ".join(text.split()))]
    assert len(commands) >= 6
    for args in commands:
        for arg in args:
            if arg.startswith("-"):
                assert arg.split("=")[0] in known, (arg, args)
    recipes = [
        c
        for p in RECIPES.iterdir()
        if p.suffix != ".md"
        for c in _commands(" ".join(p.read_text().split()))
    ]
    assert all("--since-last" in c and "--notify" in c for c in recipes), recipes


def test_the_github_workflow_is_scheduled_and_keeps_the_history() -> None:
    flow = yaml.safe_load((RECIPES / "msglint-nightly.yml").read_text())
    triggers = flow[True]  # YAML 1.1 reads the key `on` as True
    (cron,) = [s["cron"] for s in triggers["schedule"]]
    _valid_cron(cron.split())
    steps = flow["jobs"]["check"]["steps"]
    cached = [s for s in steps if str(s.get("uses", "")).startswith("actions/cache/")]
    assert {s["with"]["path"] for s in cached} == {".msglint"}
    run = next(s for s in steps if "msglint check" in s.get("run", ""))
    assert "--since-last" in run["run"] and set(run["env"]) >= {"SLACK_WEBHOOK_URL"}


def test_the_cron_line_and_systemd_units_are_well_formed() -> None:
    lines = [
        ln
        for ln in (RECIPES / "msglint.cron").read_text().splitlines()
        if ln.strip() and not ln.startswith("#")
    ]
    (line,) = lines
    _valid_cron(line.split()[:5])
    assert "flock -n" in line
    for name, section, key in (
        ("msglint.timer", "Timer", "OnCalendar"),
        ("msglint.service", "Service", "ExecStart"),
    ):
        unit = configparser.ConfigParser(strict=True, interpolation=None)
        unit.optionxform = str  # type: ignore[assignment,method-assign]
        unit.read_string((RECIPES / name).read_text())
        assert unit[section][key]
    service = configparser.ConfigParser(interpolation=None)
    service.optionxform = str  # type: ignore[assignment,method-assign]
    service.read_string((RECIPES / "msglint.service").read_text())
    assert service["Service"]["Type"] == "oneshot"
    assert service["Service"]["EnvironmentFile"].startswith("/etc/")


def _valid_cron(fields: list[str]) -> None:
    ranges = [(0, 59), (0, 23), (1, 31), (1, 12), (0, 7)]
    assert len(fields) == 5, fields
    for field, (lo, hi) in zip(fields, ranges, strict=True):
        if field == "*":
            continue
        assert field.isdigit() and lo <= int(field) <= hi, fields
