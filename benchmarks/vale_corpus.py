"""msglint and a Vale binary on a folder of Markdown files nobody here wrote.

    python benchmarks/vale_corpus.py /usr/share/doc/nodejs/api --vale-bin ../shared/tools/vale/vale

The files are copied into `--workdir`/corpus (64 Node.js API docs, 3.5 MB: about 6
minutes of Vale's CPU here), both tools read the same `.vale.ini` (Microsoft, Google and
write-good, every level; vale_side.py), and their alerts are compared
(msglint.vale.conformance): exact, wrong column, missed and extra, in total and per rule.
Standard library only, apart from msglint.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from prose import DEFAULT_VALE_STYLES, vale_style_folders
from vale_side import run


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="folder of .md files (searched recursively)")
    parser.add_argument("--vale-bin", type=Path, required=True, help="the Vale binary")
    parser.add_argument("--vale-styles", type=Path, default=DEFAULT_VALE_STYLES)
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/msglint-vale-corpus"))
    args = parser.parse_args(argv)
    files = sorted(args.folder.rglob("*.md"))
    if not files:
        parser.error(f"no .md files in {args.folder}")
    workdir = args.workdir.resolve()
    corpus = workdir / "corpus"
    if corpus.exists():
        shutil.rmtree(corpus)
    for path in files:
        target = corpus / path.relative_to(args.folder)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
    styles = vale_style_folders(args.vale_styles)
    side = run(workdir, styles, args.vale_bin.resolve(), "styles", 1)
    print("\n".join(side.lines()))
    print("  alerts by rule (exact / wrong column / missed / extra / message):")
    print("    " + side.conformance.replace("\n", "\n    "))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
