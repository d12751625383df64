"""Measure the extractor's speed on one core: `python -m factcheck.extraction.benchmark`.

It reads every gold passage as many times as needed to pass `--sentences` sentences, timing `extract()`
alone (a single process, so one core), and prints sentences per second. It then reads hostile texts, one
fragment repeated, at a tenth of the article limit and at the limit: linear time shows as the same
characters per second at both sizes. With `--write` it records the figures in docs/benchmark.md.
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
SIZES = (20_000, 200_000)  # a tenth of the article limit (MAX_ARTICLE_CHARS), and the limit
# Hostile fragments: cues, quotations curly, straight and unclosed, chains of clauses, sentences without a
# line break. Repeated, they overflowed the stack or took quadratic time; the tests read them too.
ADVERSARIAL = (
    "officials feared damage, adding that ",
    "“Z,” said ",
    '"Z," said ',
    "” she said, “",
    "“the mayor said ",
    '"the mayor said, ',
    "X said; ",
    "It rained 5 mm on Monday. ",
    "According to X, ",
)


def repeated(fragment: str, size: int) -> str:
    """`fragment` over and over, cut to `size` characters."""
    return (fragment * (size // len(fragment) + 1))[:size]


def chars_per_second(text: str, rounds: int) -> float:
    """Characters of `text` read per second, in the best of `rounds` runs."""
    best = min(timed(text) for _ in range(rounds))
    return len(text) / best


def timed(text: str) -> float:
    """Seconds one `extract(text)` takes."""
    began = time.perf_counter()
    extract(text)
    return time.perf_counter() - began


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
    lines += adversarial_lines()
    print("\n".join(lines))
    if args.write:
        DOC.parent.mkdir(exist_ok=True)
        intro = "# Benchmarks\n\nWritten by `make bench`; the target is 2,000 sentences/s on one core.\n\n"
        DOC.write_text(intro + "\n".join(lines) + "\n")
        print(f"Written to {DOC}")
    return 0


def adversarial_lines() -> list[str]:
    """A table of characters per second on each hostile text at each of SIZES."""
    rounds = {size: max(3, SIZES[-1] // size) for size in SIZES}  # a short text is timed more often
    runs = ", ".join(f"{n} runs at {size // 1000} k" for size, n in rounds.items())
    sizes = " | ".join(f"{size // 1000} k characters" for size in SIZES)
    lines = ["", f"Hostile texts, one fragment repeated (characters per second, the best of {runs}):", ""]
    lines += [f"| repeated fragment | {sizes} |", "|---" + "|---:" * len(SIZES) + "|"]
    for fragment in ADVERSARIAL:
        speeds = [chars_per_second(repeated(fragment, size), rounds[size]) for size in SIZES]
        lines.append(f"| `{fragment}` | " + " | ".join(f"{speed / 1000:,.0f} k/s" for speed in speeds) + " |")
    return lines


if __name__ == "__main__":
    raise SystemExit(main())
