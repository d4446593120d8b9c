"""Reference bundles: the brand's canonical products and brand rules in one signed-off file.

A brand runs `msglint reference export` (app/reference.py) to hand its partners what
`msglint audit` needs, without its config, its site sources or its repositories: the
products read from its reference sources (identifiers, names, prices, specs, claims), the
site-wide policy claims, and the rules that say how partners must write (terminology,
banned and retired names, capitalization) and how they are compared (the consistency
rules, with their tuning).

The file is JSON (or a zip holding one JSON file). Its `digest` is SHA-256 over the
canonical JSON of everything else in the file (keys sorted, no spaces, UTF-8, as
`json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)` writes it),
so a partner can tell that nobody changed a price on the way. Numbers the matcher needs
exactly are strings (prices as decimal strings) and spec quantities are re-read from their
text on load, so the content has no floats whose spelling could differ between JSON tools.

schema.py holds the format (pydantic models, digest), write.py builds and writes a bundle,
read.py loads, verifies and turns one into reference Records.
"""

from msglint.bundle.read import load, reference_records
from msglint.bundle.schema import (
    FORMAT,
    FORMAT_VERSION,
    MAX_BUNDLE_BYTES,
    Bundle,
    LoadedBundle,
    canonical,
    digest_of,
)
from msglint.bundle.write import build, exportable, write

__all__ = [
    "FORMAT",
    "FORMAT_VERSION",
    "MAX_BUNDLE_BYTES",
    "Bundle",
    "LoadedBundle",
    "build",
    "canonical",
    "digest_of",
    "exportable",
    "load",
    "reference_records",
    "write",
]
