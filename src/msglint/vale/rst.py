"""reStructuredText as Vale reads it: converted to HTML by docutils, then walked.

Vale 3.7 runs `rst2html` (docutils' HTML writer) with these settings and walks the HTML
between `<body>` and `</body>`; docutils is a library, so the same conversion runs here
in-process. Sphinx's `.. glossary::` becomes a code directive and `.. code-block:: lang`
(and `raw`, `code`) a literal block first, as Vale rewrites them, so their content is
not prose. Conversion problems are reported nowhere (Vale's `--report=5 --halt=5`).
"""

from __future__ import annotations

import re

from msglint.vale.tokens import Token, tokenize_html

_CODE_BLOCK = re.compile(r".. (?:raw|code(?:-block)?):: (\w+)")
_SPHINX = re.compile(r".. glossary::")
#: Vale's rst2html arguments, as docutils settings.
SETTINGS = {
    "report_level": 5,
    "halt_level": 5,
    "embed_stylesheet": False,
    "file_insertion_enabled": False,
    "raw_enabled": True,
    "toc_backlinks": "none",
    "footnote_backlinks": False,
    "sectnum_xform": False,
    "output_encoding": "unicode",
    "warning_stream": False,
    "traceback": True,
}


def rst_html(src: str) -> str:
    """The HTML body docutils writes for `src`, as Vale takes it from rst2html."""
    from docutils.core import publish_string
    from docutils.writers import html4css1

    src = _SPHINX.sub(".. code::", src)
    src = _CODE_BLOCK.sub("::", src)
    html = publish_string(src, writer=html4css1.Writer(), settings_overrides=dict(SETTINGS))
    if isinstance(html, bytes):  # pragma: no cover - output_encoding is unicode
        html = html.decode("utf-8")
    html = html.replace("\r", "")
    start = html.find("<body>\n")
    start = start + 7 if start >= 0 else 0
    end = html.find("\n</body>")
    if end < 0:
        end = max(len(html) - 1, 0)
    return html[start:end]


def rst_tokens(src: str) -> tuple[list[Token], str | None]:
    """The HTML tokens of a reStructuredText file, or the reason it cannot be read."""
    try:
        import docutils  # noqa: F401
    except ImportError:
        return [], "reading .rst files needs docutils (pip install docutils)"
    try:
        body = rst_html(src)
    except Exception as exc:  # docutils gives up on some hostile input: that file only
        return [], f"docutils could not convert this file: {exc}"
    return list(tokenize_html(body)), None
