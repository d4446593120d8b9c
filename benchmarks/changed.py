"""Benchmark `msglint check --changed-since REF` on a 2,000-file git repository, one file changed.

Run from the repository root:

    python benchmarks/changed.py                # 2,000 files, 3 timed runs
    python benchmarks/changed.py --files 5000 --repeat 5

The work folder (default `benchmarks/out/changed`, git-ignored) is a git repository: the Acme
example (reference site, three partners, help center) plus generated help-center Markdown up
to `--files` files, committed, then one generated page edited. Start-up (imports, config,
rule packs, the spaCy pipeline warmed by a first run) is measured apart; the figure that
matters is the run beyond start-up: `git diff` + `git ls-files` + the engine, which still reads
the partner and reference pages for their records (cross-source rules need every record) but
lints only the changed file. The full run over every file is printed for comparison.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from random import Random

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "acme"
DEFAULT_WORKDIR = Path(__file__).resolve().parent / "out" / "changed"
LIMIT_S = 1.0
WORDS = [
    "router", "mesh", "camera", "backup", "photo", "storage", "plan", "account", "order",
    "return", "warranty", "shipping", "firmware", "update", "reset", "password", "battery",
    "charge", "cable", "adapter", "team",
]  # fmt: skip


def _sentence(rng: Random) -> str:
    words = [rng.choice(WORDS)]
    for _ in range(rng.randint(40, 90)):
        words.append(rng.choice([w for w in WORDS if w != words[-1]]))  # no repeated words
    return " ".join(words).capitalize() + "."


def build(workdir: Path, files: int, seed: int) -> Path:
    """The repository: the example plus generated docs, committed, with one page edited."""
    if workdir.exists():
        shutil.rmtree(workdir)
    shutil.copytree(EXAMPLE, workdir)
    existing = sum(1 for p in workdir.rglob("*") if p.is_file())
    rng = Random(seed)
    gen = workdir / "docs" / "gen"
    gen.mkdir(parents=True)
    for n in range(max(0, files - existing)):
        paragraphs = [_sentence(rng) for _ in range(rng.randint(3, 8))]
        text = f"# Help article {n}\n\n" + "\n\n".join(paragraphs) + "\n"
        (gen / f"article-{n:05d}.md").write_text(text, encoding="utf-8")
    git = ["git", "-c", "user.name=bench", "-c", "user.email=bench@example.com"]
    subprocess.run([*git, "init", "-q"], cwd=workdir, check=True)
    subprocess.run([*git, "add", "."], cwd=workdir, check=True)
    subprocess.run([*git, "commit", "-q", "-m", "bench"], cwd=workdir, check=True)
    page = gen / "article-00007.md"
    page.write_text(page.read_text() + "\nLog in over Wifi to see your orders.\n")
    return workdir


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--workdir", type=Path, default=DEFAULT_WORKDIR)
    args = parser.parse_args()

    repo = build(args.workdir, args.files, args.seed)
    total = sum(1 for p in repo.rglob("*") if p.is_file() and ".git" not in p.parts)

    started = time.perf_counter()
    from msglint import engine
    from msglint.config import load
    from msglint.engine import RunOptions
    from msglint.filter.changed import changed_files
    from msglint.packs import load_packs

    loaded = load(repo / "msglint.yaml")
    packs = load_packs(loaded.config.packs, loaded.root, loaded.config.disable)
    warm = RunOptions(changed=changed_files(loaded.root, "HEAD"))
    engine.run(loaded, packs, warm)  # warm-up
    startup = time.perf_counter() - started

    times, findings = [], 0
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        changed = changed_files(loaded.root, "HEAD")
        result = engine.run(loaded, packs, RunOptions(changed=changed))
        times.append(time.perf_counter() - t0)
        findings = len(result.findings)
    t0 = time.perf_counter()
    full = engine.run(loaded, packs)
    full_s = time.perf_counter() - t0

    import msglint

    env = {**os.environ, "PYTHONPATH": str(Path(msglint.__file__).resolve().parents[1])}
    t0 = time.perf_counter()
    cli = subprocess.run(
        [sys.executable, "-m", "msglint", "check", "-q", "-f", "json", "--changed-since", "HEAD"],
        cwd=repo,
        capture_output=True,
        check=False,
        env=env,
    )
    cli_s = time.perf_counter() - t0
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    median = statistics.median(times)
    print(f"repository: {total:,} files, {len(changed)} changed ({', '.join(sorted(changed))})")
    print(f"start-up (imports, config, packs, spaCy warm-up): {startup:.2f} s")
    print(
        f"--changed-since HEAD beyond start-up: median {median:.3f} s over {args.repeat} runs "
        f"(min {min(times):.3f}, max {max(times):.3f}); {findings} finding(s); "
        f"limit {LIMIT_S:.1f} s: {'ok' if median < LIMIT_S else 'OVER'}"
    )
    print(
        f"full run over every file, for comparison: {full_s:.2f} s; {len(full.findings)} finding(s)"
    )
    print(f"whole CLI process with --changed-since HEAD: {cli_s:.2f} s (exit {cli.returncode})")
    print(f"peak memory: {peak_mb:.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
