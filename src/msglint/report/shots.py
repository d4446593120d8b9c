"""Screenshot evidence in the HTML report: each captured PNG embedded once, as a `data:` URI.

The report is one file a partner manager forwards; a link to an image beside it would break
in the first e-mail, so the images travel inside it, each once however many findings point
at it. Everything about the files is hostile until checked: a saved JSON report may name any
path, so an image is embedded only when it lies inside the project folder (symbolic links
resolved), starts with the PNG signature and fits its bounds; the report as a whole holds at
most `BUDGET` bytes of images, and what is left out says why and where the file is.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass, field
from pathlib import Path

from msglint.model import Finding

#: Bytes of one image at most (the capture's own bound, `crawl.screenshots.max_bytes`, is
#: 1.5 MB by default; a saved report may point at anything).
MAX_IMAGE = 5_000_000
#: Bytes of images in one report at most: 50 screenshots (the default per run) of a
#: typical 100-400 KB fit; base64 adds a third on top.
BUDGET = 25_000_000
PNG = b"\x89PNG\r\n\x1a\n"


@dataclass
class Embedded:
    """The images (key -> `data:` URI) and, per finding index, its image's key or why none."""

    images: dict[str, str] = field(default_factory=dict)
    keys: dict[int, str] = field(default_factory=dict)
    notes: dict[int, str] = field(default_factory=dict)


def embed(findings: list[Finding], root: Path | None) -> Embedded:
    """The screenshots of `findings` (paths relative to `root`, the project folder; None: the
    current folder, where `msglint report` is run), read and checked once per file."""
    out = Embedded()
    base = (root or Path.cwd()).resolve()
    read: dict[str, str | None] = {}  # path -> key, or None when left out
    why: dict[str, str] = {}
    used = 0
    for i, f in enumerate(findings):
        if not f.screenshot:
            if f.screenshot_note:
                out.notes[i] = f.screenshot_note
            continue
        if f.screenshot not in read:
            data, problem = _png(base, f.screenshot)
            if data is not None and used + len(data) > BUDGET:
                data, problem = None, f"the report's {BUDGET // 1_000_000} MB for images is used"
            if data is None:
                read[f.screenshot] = None
                why[f.screenshot] = f"screenshot not shown: {problem} ({f.screenshot})"
            else:
                used += len(data)
                key = f"s{len(out.images)}"
                out.images[key] = "data:image/png;base64," + base64.b64encode(data).decode()
                read[f.screenshot] = key
        key = read[f.screenshot]
        if key is None:
            out.notes[i] = why[f.screenshot]
        else:
            out.keys[i] = key
            if f.screenshot_note:
                out.notes[i] = f.screenshot_note
    return out


def _png(base: Path, relative: str) -> tuple[bytes | None, str]:
    """The file's bytes when it is a PNG inside `base` within the size bound, else why not."""
    if any(c in relative for c in "\r\n\0"):
        return None, "not a file name"
    try:
        path = (base / relative).resolve()
        if not path.is_relative_to(base):
            return None, "outside the project folder"
        if not path.is_file():
            return None, "no such file"
        if path.stat().st_size > MAX_IMAGE:
            return None, f"larger than {MAX_IMAGE // 1_000_000} MB"
        data = path.read_bytes()
    except (OSError, ValueError, RuntimeError) as exc:  # RuntimeError: a symlink loop
        return None, f"cannot read it ({type(exc).__name__})"
    if not data.startswith(PNG):
        return None, "not a PNG image"
    return data, ""
