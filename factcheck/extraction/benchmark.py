"""Measure the extractor's speed on one core: `python -m factcheck.extraction.benchmark`.

It reads every gold passage as many times as needed to pass `--sentences` sentences, timing `extract()`
alone (a single process, so one core), and prints sentences per second. With `--write` it records the
figures in docs/benchmark.md.
"""

import argparse
import platform
import statistics
import time
import tracemalloc
from datetime import date
from pathlib import Path

from factcheck.extraction import extract
from factcheck.extraction.evaluate import GOLD_DIR, load_gold
from factcheck.extraction.extractor import sentences

DOC = Path(__file__).resolve().parents[2] / "docs" / "benchmark.md"


def measure(texts: list[str], rounds: int) -> tuple[int, list[float]]:
    """Sentences in `texts`, and the seconds each of `rounds` passes over all of them took."""
    count = sum(len(sentences(t)) for t in texts)
    timings = []
    for _ in range(rounds):
        began = time.perf_counter()
        for text in texts:
            extract(text)
        timings.append(time.perf_counter() - began)
    return count, timings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sentences", type=int, default=5000, help="sentences per pass (default 5000)")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--write", action="store_true", help="write the figures into docs/benchmark.md")
    args = parser.parse_args(argv)

    passages = [p.text for p in load_gold(GOLD_DIR)]
    per_pass = sum(len(sentences(t)) for t in passages)
    texts = passages * max(1, -(-args.sentences // per_pass))
    extract(texts[0])  # warm up regex compilation
    count, timings = measure(texts, args.rounds)
    best, median = min(timings), statistics.median(timings)
    tracemalloc.start()
    for text in texts:
        extract(text)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    longest = max(passages, key=len) * 40  # a long feature, about 40 times the longest passage
    tracemalloc.start()
    extract(longest)
    long_peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    chars = sum(len(t) for t in texts)
    lines = [
        f"Extractor speed on one core ({date.today().isoformat()}, Python {platform.python_version()}, "
        f"{platform.machine()}):",
        f"- {count} sentences ({chars / 1000:.0f} k characters) per pass, {args.rounds} passes",
        f"- best pass: {count / best:,.0f} sentences/s; median pass: {count / median:,.0f} sentences/s",
        f"- {1000 * median / len(texts):.2f} ms per passage on average (median pass)",
        f"- memory: at most {peak / 1e3:.0f} kB allocated at once while extracting passage after passage; "
        f"{long_peak / 1e6:.1f} MB for one {len(longest) / 1000:.0f} k-character article",
    ]
    print("\n".join(lines))
    if args.write:
        DOC.parent.mkdir(exist_ok=True)
        intro = "# Benchmarks\n\nWritten by `make bench`; the target is 2,000 sentences/s on one core.\n\n"
        DOC.write_text(intro + "\n".join(lines) + "\n")
        print(f"Written to {DOC}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
