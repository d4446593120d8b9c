"""Notifications end to end: `msglint check --notify` against a real HTTP server on
127.0.0.1 (generic webhook with HMAC, Slack, Teams, a partner's own webhook) and a real
SMTP server (aiosmtpd, STARTTLS with a test-made certificate, a login)."""

from __future__ import annotations

import hashlib
import hmac
import json
from datetime import timedelta
from pathlib import Path

import pytest

from mailserver import MailServer, Receiver
from msglint import history
from msglint.model import Finding, Location, Role, Severity
from msglint.notify import messages
from msglint.notify.digest import Before, build
from msglint.notify.transport import Policy, post_json, sign

SECRET = "whsec-5f2b9c-do-not-print"
PASSWORD = "smtp-pa55-do-not-print"
SHOP_PAGE = "Release date: TBD.\n\nLorem ipsum dolor.\n"


@pytest.fixture
def receiver():
    server = Receiver().start()
    yield server
    server.stop()


@pytest.fixture
def mail(tmp_path: Path):
    server = MailServer(tmp_path, "alerts@acme.example", PASSWORD).start()
    yield server
    server.stop()


def _project(root: Path, receiver: Receiver, mail: MailServer, extra: str = "") -> Path:
    for name, text in (
        ("site", "# Acme\n\nAll good here.\n"),
        ("shop", SHOP_PAGE),
        ("berlin", "Price: TBD.\n"),
    ):
        (root / name).mkdir()
        (root / name / "a.md").write_text(text)
    (root / "msglint.yaml").write_text(
        f"""\
sources:
  - {{name: site, role: reference, paths: [site/]}}
  - {{name: shop, role: partner, paths: [shop/]}}
  - {{name: berlin, role: partner, paths: [berlin/]}}
packs: [general]
notify:
  report_url: https://ci.acme.example/msglint/report.html
  retries: 2
  backoff: 0.01
  timeout: 2
  smtp:
    host: 127.0.0.1
    port: {mail.port}
    from: msglint@acme.example
    username_env: SMTP_USER
    password_env: SMTP_PASSWORD
    ca_file: {mail.ca_file.name}
  targets:
    - {{type: webhook, url: "{receiver.base}/hook", secret_env: HOOK_SECRET}}
    - {{type: slack, url_env: SLACK_URL}}
    - {{type: teams, url: "{receiver.base}/teams"}}
  partners:
    shop:
      - {{type: email, to: [contact@shop.example]}}
    berlin:
      - {{type: webhook, url: "{receiver.base}/berlin"}}
{extra}"""
    )
    (root / mail.ca_file.name).write_bytes(mail.ca_file.read_bytes())
    return root


@pytest.fixture
def env(monkeypatch: pytest.MonkeyPatch, receiver: Receiver) -> None:
    monkeypatch.delenv("MSGLINT_NO_HISTORY", raising=False)
    monkeypatch.setenv("HOOK_SECRET", SECRET)
    monkeypatch.setenv("SLACK_URL", f"{receiver.base}/slack/T000/B000/XXXX")
    monkeypatch.setenv("SMTP_USER", "alerts@acme.example")
    monkeypatch.setenv("SMTP_PASSWORD", PASSWORD)


def _check(run_cli, root: Path):
    result = run_cli(["check", "--notify", "-v", "-f", "json", "--fail-on", "never"], root)
    assert result.exit_code == 0, result.output
    assert SECRET not in result.output and PASSWORD not in result.output
    return result


def test_digests_are_signed_routed_per_partner_and_sent_only_on_change(
    tmp_path: Path, receiver: Receiver, mail: MailServer, env: None, run_cli
) -> None:
    root = _project(tmp_path, receiver, mail)
    _check(run_cli, root)
    # The brand's webhook: the documented schema, signed over the exact body.
    [(_, headers, body)] = [p for p in receiver.posts if p[0] == "/hook"]
    stamp = headers["X-Msglint-Timestamp"]
    expected = hmac.new(SECRET.encode(), stamp.encode() + b"." + body, hashlib.sha256)
    assert headers["X-Msglint-Signature"] == "sha256=" + expected.hexdigest()
    assert headers["X-Msglint-Signature"] == sign(SECRET, stamp, body)
    digest = json.loads(body)
    assert digest["schema"] == "msglint.digest/1" and digest["run"]["previous"] is None
    assert digest["report"] == "https://ci.acme.example/msglint/report.html"
    assert digest["totals"] == {
        "new": 3, "reopened": 0, "fixed": 0, "newly_overdue": 0, "open": 3, "overdue": 0
    }  # fmt: skip
    by_source = {s["source"]: s for s in digest["sources"]}
    assert by_source["shop"]["counts"]["new"] == 2 and by_source["berlin"]["counts"]["new"] == 1
    assert {i["change"] for i in by_source["shop"]["findings"]} == {"new"}
    # Slack and Teams got their own shapes; the Slack URL (a secret) came from the env.
    [slack] = [json.loads(b) for p, _, b in receiver.posts if p.startswith("/slack/")]
    assert slack["text"].startswith("msglint: 2 sources: 3 new") and slack["blocks"]
    [teams] = [json.loads(b) for b in receiver.bodies("/teams")]
    card = teams["attachments"][0]["content"]
    assert card["type"] == "AdaptiveCard" and card["actions"][0]["type"] == "Action.OpenUrl"
    # Berlin's own webhook: berlin only, nothing of shop.
    [berlin] = receiver.bodies("/berlin")
    assert b"shop" not in berlin
    assert [s["source"] for s in json.loads(berlin)["sources"]] == ["berlin"]
    # Shop's contact: one e-mail over STARTTLS after a login, about shop only.
    [msg] = mail.box.messages
    assert mail.box.tls == [True] and mail.box.logins == [("alerts@acme.example", True)]
    assert msg["To"] == "contact@shop.example" and msg["Subject"].startswith("msglint: shop:")
    text = msg.get_payload(decode=True).decode()
    assert "Lorem ipsum" in text and "berlin" not in text and "Price: TBD" not in text

    # Second run: shop fixed one finding and added another; berlin did not change.
    (root / "shop" / "a.md").write_text("Release date: TBD.\n\nStock: XXX units.\n")
    receiver.posts.clear()
    _check(run_cli, root)
    digest = json.loads(receiver.bodies("/hook")[0])
    shop = {s["source"]: s for s in digest["sources"]}["shop"]
    assert (shop["counts"]["new"], shop["counts"]["fixed"], shop["counts"]["open"]) == (1, 1, 2)
    assert [i["change"] for i in shop["fixed"]] == ["fixed"]
    assert "Lorem ipsum" in shop["fixed"][0]["message"]
    assert digest["run"]["previous"] is not None
    assert receiver.bodies("/berlin") == []  # nothing changed for berlin
    assert len(mail.box.messages) == 2

    # Third run: nothing changed, nothing sent.
    receiver.posts.clear()
    quiet = _check(run_cli, root)
    assert receiver.posts == [] and len(mail.box.messages) == 2
    assert "nothing changed since the previous run; nothing sent" in quiet.stderr


def test_a_failing_webhook_is_retried_then_reported_and_the_run_is_unaffected(
    tmp_path: Path, receiver: Receiver, mail: MailServer, env: None, run_cli
) -> None:
    root = _project(tmp_path, receiver, mail)
    baseline = run_cli(["check", "--no-history", "-f", "json", "--fail-on", "error"], root)
    receiver.plans["/hook"] = [500, 500, 500]
    receiver.plans["/teams"] = ["stall", "stall", "stall"]
    receiver.stall = 3.0
    result = run_cli(["check", "--notify", "-f", "json", "--fail-on", "error"], root)
    assert result.exit_code == baseline.exit_code == 1
    got = [{**f, "first_seen": None} for f in json.loads(result.stdout)["findings"]]
    assert got == [{**f, "first_seen": None} for f in json.loads(baseline.stdout)["findings"]]
    assert len(receiver.bodies("/hook")) == 3  # the first try and 2 retries
    err = " ".join(result.stderr.split())
    assert f"notify: webhook {receiver.base} failed after 3 attempts: HTTP 500" in err
    assert f"notify: teams {receiver.base} failed after 3 attempts: no answer within 2 s" in err
    assert "/hook" not in result.stderr and "XXXX" not in result.stderr  # no paths, no tokens
    assert len(mail.box.messages) == 1  # the other targets still got theirs


def test_a_webhook_that_recovers_is_delivered_with_one_delivery_id(receiver: Receiver) -> None:
    receiver.plans["/hook"] = [503, 429]
    waits: list[float] = []
    done = post_json(
        "webhook", f"{receiver.base}/hook", b"{}", Policy(2, 3, 0.5, waits.append), "k"
    )
    assert (done.ok, done.attempts, waits) == (True, 3, [0.5, 1.0])
    ids = {h["X-Msglint-Delivery"] for _, h, _ in receiver.posts}
    assert len(ids) == 1
    refused = post_json("webhook", f"{receiver.base}/x", b"{}", Policy(2, 3, 0, waits.append))
    assert refused.ok  # the default plan answers 200
    receiver.plans["/gone"] = [404]
    gone = post_json("webhook", f"{receiver.base}/gone", b"{}", Policy(2, 3, 0, waits.append))
    assert (gone.ok, gone.attempts, gone.error) == (False, 1, "HTTP 404 Not Found")


def test_smtp_refusing_the_login_is_a_clear_message_without_the_password(
    tmp_path: Path, receiver: Receiver, mail: MailServer, env: None, run_cli, monkeypatch
) -> None:
    root = _project(tmp_path, receiver, mail)
    monkeypatch.setenv("SMTP_PASSWORD", "wrong-" + PASSWORD)
    result = run_cli(["check", "--notify", "-f", "json", "--fail-on", "never"], root)
    assert result.exit_code == 0
    err = " ".join(result.stderr.split())
    assert (
        "notify: email to contact@shop.example via 127.0.0.1:"
        f"{mail.port} failed after 1 attempt: SMTP server 127.0.0.1:{mail.port} refused the "
        "login of user 'alerts@acme.example': 535" in err
    )
    assert "check $SMTP_USER and $SMTP_PASSWORD" in err
    assert PASSWORD not in result.output and mail.box.messages == []
    # smtplib tries each mechanism the server offers (PLAIN, LOGIN): all refused.
    assert mail.box.logins and set(mail.box.logins) == {("alerts@acme.example", False)}


def test_an_untrusted_smtp_certificate_is_named(
    tmp_path: Path, receiver: Receiver, mail: MailServer, env: None, run_cli
) -> None:
    root = _project(tmp_path, receiver, mail)
    text = (root / "msglint.yaml").read_text()
    (root / "msglint.yaml").write_text(text.replace(f"    ca_file: {mail.ca_file.name}\n", ""))
    result = run_cli(["check", "--notify", "--fail-on", "never"], root)
    assert result.exit_code == 0
    assert "its certificate is not trusted" in " ".join(result.stderr.split())
    assert mail.box.messages == [] and mail.box.logins == []  # no password sent


def test_notify_mistakes_are_usage_errors_before_the_run(tmp_path: Path, run_cli) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.md").write_text("Hello.\n")
    config = "sources:\n  - {name: docs, role: docs, paths: [docs/]}\n"
    (tmp_path / "msglint.yaml").write_text(config)
    result = run_cli(["check", "--notify"], tmp_path)
    assert result.exit_code == 2 and "--notify needs a 'notify:' block" in result.stderr
    (tmp_path / "msglint.yaml").write_text(
        config + "notify:\n  partners:\n    shopp: [{type: slack, url_env: S}]\n"
    )
    result = run_cli(["check"], tmp_path)
    assert result.exit_code == 2
    assert "notify.partners.shopp: no source is named 'shopp'; sources: docs" in result.stderr
    (tmp_path / "msglint.yaml").write_text(
        config + "notify:\n  targets: [{type: email, to: [a@b.example]}]\n"
    )
    result = run_cli(["check"], tmp_path)
    assert result.exit_code == 2 and "needs the 'smtp' server settings" in result.stderr


def _f(fp: str, message: str, first_seen: str | None = None, overdue: str | None = None):
    return Finding(
        rule="r",
        severity=Severity.ERROR,
        message=message,
        source="shop",
        role=Role.PARTNER,
        location=Location(path="p.html", url="https://shop.example/p"),
        fingerprint=fp,
        first_seen=first_seen,
        overdue=overdue,
    )


def test_digest_names_reopened_and_newly_overdue_findings() -> None:
    from msglint.notify.digest import OldLife

    now = history.parse_iso("2025-03-10T09:00:00Z")
    before = Before(
        open={
            "late": OldLife("shop", "r", "error", "m"),
            "old": OldLife("shop", "r", "error", "m"),
            "gone": OldLife("shop", "r", "error", "fixed one"),
        },
        ever_fixed={"back"},
        previous_time=now - timedelta(days=1),
    )
    findings = [
        _f("late", "late", "2025-03-02T12:00:00Z", "open 7d; SLA 7d"),  # crossed since then
        _f("old", "old", "2025-02-01T09:00:00Z", "open 37d; SLA 7d"),  # overdue before too
        _f("back", "back"),
        _f("fresh", "fresh"),
    ]
    slas = {"shop": {"error": (7 * 24, "7d")}}
    d = build(
        before, findings, roles={"shop": "partner"}, slas=slas, now=now,
        config_digest="x", partial=False, report=None, top=10,
    )  # fmt: skip
    (shop,) = d.sources
    assert shop.counts() == {
        "new": 1, "reopened": 1, "fixed": 1, "newly_overdue": 1, "open": 4, "overdue": 2
    }  # fmt: skip
    assert [i.change for i in shop.items] == ["newly-overdue", "reopened", "new", "open"]
    partial = build(
        before, findings[:1], roles={}, slas=slas, now=now,
        config_digest="x", partial=True, report=None, top=1,
    )  # fmt: skip
    assert partial.sources[0].fixed == 0  # a partial run fixes nothing
    assert not build(
        Before(open={"a": OldLife("shop", "r", "error", "m")}), [_f("a", "m")], roles={},
        slas={}, now=now, config_digest="x", partial=False, report=None, top=5,
    ).changed  # fmt: skip


def test_hostile_page_text_cannot_ping_or_hide_links_in_slack_and_teams() -> None:
    hostile = "<!channel> <https://evil.example|click> [Pay here](https://evil.example) & co"
    d = build(
        Before(), [_f("x", hostile)], roles={"shop": "partner"}, slas={},
        now=history.now_utc(), config_digest="x", partial=False, report=None, top=5,
    )  # fmt: skip
    slack = json.dumps(messages.slack(d))
    assert "<!channel>" not in slack and "<https://evil" not in slack
    assert "&lt;!channel&gt;" in slack and "&amp; co" in slack
    teams = json.dumps(messages.teams(d))
    assert "](https://evil" not in teams and "<!channel>" not in teams


def test_a_broken_history_turns_notifications_off_but_not_the_check(
    tmp_path: Path, receiver: Receiver, mail: MailServer, env: None, run_cli
) -> None:
    root = _project(tmp_path, receiver, mail)
    (root / ".msglint").mkdir()
    (root / ".msglint" / "history.db").write_text("not a database\n" * 100)
    result = run_cli(["check", "--notify", "-f", "json", "--fail-on", "never"], root)
    assert result.exit_code == 0 and len(json.loads(result.stdout)["findings"]) == 3
    err = " ".join(result.stderr.split())
    assert "notify: nothing sent: history" in err and "not a usable msglint history" in err
    assert receiver.posts == [] and mail.box.messages == []
