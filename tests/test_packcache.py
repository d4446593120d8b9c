"""Prepared rule packs kept between runs (msglint/packcache.py) and the terminology rule's
pre-test: a check of a small file with an unchanged pack loads no spaCy (issue 20)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from msglint import packcache
from msglint.model import Document, Role, Segment
from msglint.packs import load_file

PACK = """\
pack: words
rules:
  - id: login
    kind: terminology
    level: warning
    swap:
      log in: sign in
      e-mail: email
"""


def _doc(text: str) -> Document:
    return Document(
        source="s",
        role=Role.DOCS,
        path="a.md",
        format="markdown",
        content=text,
        segments=[Segment(kind="paragraph", text=text, runs=[(0, 0)])],
    )


def _findings(pack_path: Path, cache: Path | None, text: str) -> list[str]:
    rule = load_file(pack_path, cache).rules[0]
    return [f.message for f in rule.check(_doc(text))]


def test_a_kept_pack_gives_the_same_findings(tmp_path: Path) -> None:
    pack = tmp_path / "words.yaml"
    pack.write_text(PACK, encoding="utf-8")
    cache = tmp_path / "prepared"
    text = "Logged in users get e-mail. Please log in."
    fresh = _findings(pack, None, text)
    assert len(fresh) == 3
    assert _findings(pack, cache, text) == fresh  # prepared, and kept
    assert len(list(cache.glob("*.json"))) == 1
    assert _findings(pack, cache, text) == fresh  # read back from the cache


def test_any_change_to_the_pack_is_another_entry(tmp_path: Path) -> None:
    pack = tmp_path / "words.yaml"
    pack.write_text(PACK, encoding="utf-8")
    cache = tmp_path / "prepared"
    load_file(pack, cache)
    pack.write_text(PACK.replace("sign in", "sign on"), encoding="utf-8")
    assert _findings(pack, cache, "Please log in.") == ["Use 'sign on' instead of 'log in'."]
    assert len(list(cache.glob("*.json"))) == 2


def test_a_damaged_or_foreign_cache_file_is_ignored(tmp_path: Path) -> None:
    pack = tmp_path / "words.yaml"
    pack.write_text(PACK, encoding="utf-8")
    cache = tmp_path / "prepared"
    cache.mkdir()
    entry = cache / f"{packcache.key(PACK)}.json"
    for junk in (
        "{not json",
        json.dumps({"key": "other", "rules": {}}),
        json.dumps({"key": packcache.key(PACK), "rules": {"words.login": [["x", 1]]}}),
        json.dumps({"key": packcache.key(PACK), "rules": {"words.login": "nonsense"}}),
    ):
        entry.write_text(junk, encoding="utf-8")
        assert _findings(pack, cache, "Please log in.") == ["Use 'sign in' instead of 'log in'."]


def test_a_cached_pack_and_a_document_without_its_terms_load_no_spacy(tmp_path: Path) -> None:
    pack = tmp_path / "words.yaml"
    pack.write_text(PACK, encoding="utf-8")
    cache = tmp_path / "prepared"
    load_file(pack, cache)
    code = (
        "import sys\nfrom pathlib import Path\nfrom msglint.packs import load_file\n"
        "from msglint.model import Document, Role, Segment\n"
        f"rule = load_file(Path({str(pack)!r}), Path({str(cache)!r})).rules[0]\n"
        "text = 'Sign in with your email address.'\n"
        "doc = Document(source='s', role=Role.DOCS, path='a.md', format='markdown', "
        "content=text, segments=[Segment(kind='paragraph', text=text, runs=[(0, 0)])])\n"
        "assert list(rule.check(doc)) == []\n"
        "print('spacy' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "False"


def test_a_cached_pack_finds_terms_without_spacy(tmp_path: Path) -> None:
    """Issue 20: with the pack prepared and spaCy's tokenizer rules kept (both in earlier
    runs), a document that holds a term is checked with no spaCy imported, and the
    finding, its place and its inflected suggestion are those of spaCy's own tokens."""
    pack = tmp_path / "words.yaml"
    pack.write_text(PACK, encoding="utf-8")
    cache = tmp_path / "prepared"
    text = "Yesterday they Logged in twice (log in), then sent an e-mail."
    expected = [(f.message, f.location.column) for f in load_file(pack).rules[0].check(_doc(text))]
    assert [m for m, _ in expected] == [
        "Use 'Signed in' instead of 'Logged in'.",
        "Use 'sign in' instead of 'log in'.",
        "Use 'email' instead of 'e-mail'.",
    ]
    code = (
        "import sys\nfrom pathlib import Path\nfrom msglint.packs import load_file\n"
        "from msglint.model import Document, Role, Segment\n"
        f"rule = load_file(Path({str(pack)!r}), Path({str(cache)!r})).rules[0]\n"
        f"text = {text!r}\n"
        "doc = Document(source='s', role=Role.DOCS, path='a.md', format='markdown', "
        "content=text, segments=[Segment(kind='paragraph', text=text, runs=[(0, 0)])])\n"
        "print([(f.message, f.location.column) for f in rule.check(doc)])\n"
        "print('spacy' in sys.modules)\n"
    )
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "user-cache")}
    runs = [
        subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
        for _ in range(2)
    ]
    for out in runs:
        assert out.returncode == 0, out.stderr
        assert out.stdout.splitlines()[0] == repr(expected)
    assert runs[0].stdout.splitlines()[1] == "True"  # the first run prepares, with spaCy
    assert runs[1].stdout.splitlines()[1] == "False"


def test_the_pretest_never_hides_a_match(tmp_path: Path, monkeypatch) -> None:
    """Whatever spaCy's matcher finds (white space, capitals, inflections) passes the
    pre-test: the findings are the same with it and without it."""
    from msglint.checks.terminology import Terminology

    pack = tmp_path / "words.yaml"
    pack.write_text(PACK, encoding="utf-8")
    rule = load_file(pack).rules[0]
    texts = (
        "LOGGING\u00a0IN is easy.",
        "Logs  in daily.",
        "Send an E - mail.",
        "He LOGGED IN, then logged\nin again.",
        "E-Mails and e-mailing.",
        "Nothing to see: login, email, sign in.",
    )
    with_pretest = [[f.message for f in rule.check(_doc(t))] for t in texts]
    monkeypatch.setattr(
        Terminology, "_candidates", lambda self, doc: list(range(len(doc.segments)))
    )
    assert with_pretest == [[f.message for f in rule.check(_doc(t))] for t in texts]
    assert sum(map(len, with_pretest)) >= 4


def test_the_cache_lives_beside_the_history_or_in_the_user_cache(tmp_path: Path) -> None:
    history = tmp_path / ".msglint" / "history.db"
    assert packcache.folder_for(history) == tmp_path / ".msglint" / "prepared"
    assert packcache.folder_for(None).parts[-2:] == ("msglint", "prepared")
