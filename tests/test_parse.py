"""Parsing keeps evidence: only prose, each segment traced to line, column and CSS path."""

from __future__ import annotations

from conftest import make_doc
from msglint.model import match_location
from msglint.parse.markdown import front_matter

PAGE = """\
<!doctype html>
<html lang="en"><head><title>Acme AirRouter &amp; more</title>
<meta name="description" content="Fast router">
<style>p { color: red } /* Lorem ipsum */</style>
<script>var x = "Lorem ipsum";</script>
<script type="application/ld+json">{"name": "TBD"}</script>
</head>
<body>
<!-- TBD: a comment is not prose -->
<nav><a href="/cloudbox">Home</a></nav>
<main id="content">
<h1>Acme AirRouter AX3000</h1>
<p>The   AirRouter lets you
   sign in with <b>email</b> &amp; password. <code>TBD</code> done.</p>
<pre>Lorem ipsum</pre>
<template><p>TBD</p></template>
<noscript>Enable TBD</noscript>
<ul><li>Wi-Fi 6</li></ul>
<table><tr><th>Weight</th><td>0.9 kg</td></tr></table>
<img src="x.png" alt="Router on a desk">
</main>
</body></html>
"""


def kinds_and_texts(doc):
    return [(s.kind, s.text) for s in doc.segments]


def test_html_visible_prose_only_with_kinds() -> None:
    doc = make_doc(PAGE, "html", path="p.html")
    assert kinds_and_texts(doc) == [
        ("title", "Acme AirRouter & more"),
        ("meta-description", "Fast router"),
        ("text", "Home"),
        ("heading", "Acme AirRouter AX3000"),
        ("paragraph", "The AirRouter lets you sign in with email & password. done."),
        ("list-item", "Wi-Fi 6"),
        ("table-cell", "Weight"),
        ("table-cell", "0.9 kg"),
        ("alt-text", "Router on a desk"),
    ]
    assert doc.lang == "en"


def test_html_positions_and_css_paths() -> None:
    doc = make_doc(PAGE, "html", path="p.html")
    para = doc.segments[4]

    def loc(word: str):
        i = para.text.index(word)
        return match_location(doc, para, i, i + len(word))

    assert (loc("sign").line, loc("sign").column) == (14, 4)
    assert (loc("email").line, loc("email").column) == (14, 20)
    # after a character reference the column is still exact
    assert (loc("password").line, loc("password").column) == (14, 36)
    assert loc("sign").selector == "main#content > p"
    title = doc.segments[0]
    where = match_location(doc, title, 17, 21)  # "more", after "&amp;"
    assert (where.line, where.column, where.selector) == (2, 51, "head > title")
    cell = doc.segments[7]
    assert match_location(doc, cell, 0, 6).selector == "main#content > table > tbody > tr > td"
    alt = doc.segments[8]
    assert (match_location(doc, alt, 0, 6).line, match_location(doc, alt, 0, 6).column) == (20, 23)


def test_html_repeated_text_is_located_in_order() -> None:
    doc = make_doc('<p>Price</p>\n<p class="Price">Price</p>\n<p>Price</p>\n', "html")
    cols = [
        (match_location(doc, s, 0, 5).line, match_location(doc, s, 0, 5).column)
        for s in doc.segments
    ]
    assert cols == [(1, 4), (2, 18), (3, 4)]


def test_html_positions_after_inline_code_on_a_long_page() -> None:
    """Skipping a `<code>` element moves the locator past its text, near the cursor: on a
    page over 64 KB the next copy of "false" far ahead was taken and every position after
    it was wrong (Node.js's fs.html placed a paragraph of its section 4 on a line of 5)."""
    filler = "".join(f"<p>Paragraph {i} says false things.</p>\n" for i in range(3000))
    page = f"<p>Set it to <code>false</code> to stop.</p>\n<p>Next one.</p>\n{filler}"
    assert len(page) > 70_000
    doc = make_doc(page, "html")
    first, second = doc.segments[0], doc.segments[1]
    i = first.text.index("stop")
    where = match_location(doc, first, i, i + 4)
    assert (where.line, where.column) == (1, 36)
    assert (match_location(doc, second, 0, 4).line, match_location(doc, second, 0, 4).column) == (
        2,
        4,
    )
    last = doc.segments[-1]
    assert match_location(doc, last, 0, 9).line == 3002


MARKDOWN = """\
---
title: Getting started with e-mail
---
# Getting started — café

You can sign in with your **email** address. See [the CloudBox archive](https://x/cloudbox) and
the `TBD` flag.

- Wi-Fi setup
- Signed in users

> Quoted: prices exclude VAT.

![A router on a desk](r.png)

```
TBD e-mail
```

    indented code TBD

| Plan | Price |
|------|-------|
| Basic | $4.99 |

<div class="note">Prices in <b>USD</b></div>
"""


def test_markdown_prose_only_with_kinds() -> None:
    doc = make_doc(MARKDOWN)
    assert kinds_and_texts(doc) == [
        ("heading", "Getting started — café"),
        (
            "paragraph",
            "You can sign in with your email address. See the CloudBox archive and the flag.",
        ),
        ("list-item", "Wi-Fi setup"),
        ("list-item", "Signed in users"),
        ("blockquote", "Quoted: prices exclude VAT."),
        ("alt-text", "A router on a desk"),
        ("table-cell", "Plan"),
        ("table-cell", "Price"),
        ("table-cell", "Basic"),
        ("table-cell", "$4.99"),
        ("text", "Prices in USD"),
    ]
    assert front_matter(doc) == {"title": "Getting started with e-mail"}


def test_markdown_positions_after_non_ascii() -> None:
    doc = make_doc("# Café — naïve\n\nÜber **Wifi** here\n")
    para = doc.segments[1]
    i = para.text.index("Wifi")
    where = match_location(doc, para, i, i + 4)
    assert (where.line, where.column, where.end_column) == (3, 8, 12)
    head = doc.segments[0]
    j = head.text.index("naïve")
    assert match_location(doc, head, j, j + 5).column == 10


def test_markdown_html_block_positions() -> None:
    doc = make_doc(MARKDOWN)
    html_seg = doc.segments[-1]
    where = match_location(doc, html_seg, 10, 13)  # "USD"
    assert (where.line, where.column) == (26, 32)


def test_plain_text_paragraphs() -> None:
    doc = make_doc("First line\ncontinues.\n\n\nSecond   para.\n", "text", path="a.txt")
    assert kinds_and_texts(doc) == [
        ("paragraph", "First line continues."),
        ("paragraph", "Second para."),
    ]
    second = doc.segments[1]
    where = match_location(doc, second, 7, 12)
    assert (where.line, where.column) == (5, 10)


def test_hostile_html_does_not_break_parsing() -> None:
    nasty = "<p>" + "<b>" * 3000 + "deep" + "</b>" * 3000 + "</p><p>&#xZZ; &bogus; <<>>x</p>"
    doc = make_doc(nasty, "html")
    assert doc.segments[0].text == "deep"
