"""Score the extractor against the hand-annotated gold set: `python -m factcheck.extraction.evaluate`."""

import argparse
import json
import re
import sys
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from factcheck.extraction.confidence import CONFIDENT
from factcheck.extraction.model import ExtractedClaim
from factcheck.extraction.names import normalise_name, split_descriptor
from factcheck.extraction.readers import trim
from factcheck.extraction.words import CUE_CLASSES

GOLD_DIR = Path(__file__).resolve().parent / "gold"  # beside this script, which scores and floors it
METRICS = ("detection", "source", "chain", "cue", "class", "hedge")
MODES = ("exact", "overlap")
HELD_OUT_DIR = GOLD_DIR / "heldout"  # written apart from the rules, and never tuned against
FLOOR = "floor.json"


# Overlapping spans match when they share at least half of the longer one (the outside benchmark's rule).
OVERLAP = 0.5


@dataclass
class Passage:
    id: str
    pattern: str
    text: str
    claims: list[ExtractedClaim] = field(default_factory=list)
    file: str = ""


def _offset(text: str, needle: str, occurrence: int, where: str) -> int:
    start = -1
    for _ in range(occurrence):
        start = text.find(needle, start + 1)
        if start == -1:
            raise ValueError(f"{where}: {needle!r} (occurrence {occurrence}) is not in the text")
    return start


def load_gold(directory: Path = GOLD_DIR) -> list[Passage]:
    """Read every gold file, turning quoted substrings into offsets; raise on any annotation error."""
    passages, seen = [], set()
    for path in sorted(directory.glob("*.json")):
        if path.name == FLOOR:
            continue
        for raw in json.loads(path.read_text(encoding="utf-8")):
            where = f"{path.name}:{raw.get('id')}"
            if raw["id"] in seen:
                raise ValueError(f"{where}: duplicate id")
            seen.add(raw["id"])
            passage = Passage(raw["id"], raw["pattern"], raw["text"], file=path.stem)
            for c in raw["claims"]:
                start = _offset(raw["text"], c["content"], c.get("occurrence", 1), where)
                attributed = c.get("attributed", True)
                chain = list(c.get("chain") or ([c["source"]] if c.get("source") else []))
                for name in chain:
                    if name not in raw["text"] and attributed:
                        raise ValueError(f"{where}: chain name {name!r} is not in the text")
                if attributed and (not c.get("source") or chain[-1] != c["source"]):
                    raise ValueError(f"{where}: an attributed claim needs a source that ends its chain")
                passage.claims.append(
                    ExtractedClaim(
                        text=c["content"],
                        start=start,
                        end=start + len(c["content"]),
                        source=c.get("source"),
                        chain=chain,
                        cue=c.get("cue"),
                        cue_class=c.get("cue_class") if attributed else None,
                        hedge=c.get("hedge"),
                        attributed=attributed,
                    )
                )
            passages.append(passage)
    return passages


def name_key(name: str | None) -> str | None:
    if not name:
        return None
    # The gold annotates a speaker as written ("Coast guard commander Lidia Marsh"); the extractor keeps a
    # role in front of a name as description, so names are compared without it.
    key = normalise_name(split_descriptor(name)[0])
    return re.sub(r"^(a|an)\s+", "", key)


IRREGULAR = {
    "said": "say",
    "says": "say",
    "told": "tell",
    "tells": "tell",
    "wrote": "write",
    "writes": "write",
}


def cue_key(cue: str | None) -> str | None:
    """Compare cues by a crude stem of each word, so "says", "said" and "say" agree."""
    if not cue:
        return None
    if "quot" in cue.casefold():  # "quoted ... as saying", "was quoted by X as having said"
        return "quote"
    # "described ... as" and "described" agree: the preposition is the complement's, not the cue's.
    words = [w for w in re.sub(r"\.\.\.|…", " ", cue.casefold()).split() if w != "as"] or ["as"]
    stems = []
    for word in words:
        word = IRREGULAR.get(word, word)
        for suffix, replacement in (
            ("ies", "y"),
            ("ied", "y"),
            ("ing", ""),
            ("ed", ""),
            ("es", ""),
            ("s", ""),
        ):
            if word.endswith(suffix) and len(word) - len(suffix) >= 3:
                word = word[: -len(suffix)] + replacement
                break
        stems.append(word.rstrip("e"))
    return " ".join(stems)


def hedge_key(hedge: str | None) -> str | None:
    return " ".join(hedge.casefold().split()) if hedge else None


def _match(text: str, gold: list[ExtractedClaim], pred: list[ExtractedClaim], mode: str):
    """Pair gold and predicted claims one-to-one: identical trimmed spans, or the largest overlaps first."""
    spans_g = [trim(text, c.start, c.end) for c in gold]
    spans_p = [trim(text, c.start, c.end) for c in pred]
    candidates = []
    for i, (gs, ge) in enumerate(spans_g):
        for j, (ps, pe) in enumerate(spans_p):
            if mode == "exact":
                if (gs, ge) == (ps, pe):
                    candidates.append((1.0, i, j))
            else:
                inter = min(ge, pe) - max(gs, ps)
                if inter > 0 and inter >= OVERLAP * max(ge - gs, pe - ps):
                    candidates.append((inter / (max(ge, pe) - min(gs, ps)), i, j))
    pairs, used_g, used_p = [], set(), set()
    for _, i, j in sorted(candidates, reverse=True):
        if i not in used_g and j not in used_p:
            used_g.add(i)
            used_p.add(j)
            pairs.append((gold[i], pred[j]))
    return pairs


def _agree(metric: str, g: ExtractedClaim, p: ExtractedClaim) -> bool:
    if metric == "detection":
        return True
    if metric == "source":
        return g.attributed == p.attributed and name_key(g.source) == name_key(p.source)
    if metric == "chain":
        return g.attributed == p.attributed and [name_key(n) for n in g.chain] == [
            name_key(n) for n in p.chain
        ]
    if metric == "cue":
        return cue_key(g.cue) == cue_key(p.cue)
    if metric == "class":
        return g.cue_class == p.cue_class
    return hedge_key(g.hedge) is not None and hedge_key(g.hedge) == hedge_key(p.hedge)


class Tally:
    def __init__(self):
        self.counts = defaultdict(lambda: [0, 0, 0])  # (metric, mode) -> [true positives, predicted, gold]

    def add(self, text: str, gold: list[ExtractedClaim], pred: list[ExtractedClaim]) -> None:
        for mode in MODES:
            pairs = _match(text, gold, pred, mode)
            for metric in METRICS:
                row = self.counts[metric, mode]
                row[0] += sum(_agree(metric, g, p) for g, p in pairs)
                if metric == "hedge":  # only claims with a hedge count: most have none
                    row[1] += sum(1 for c in pred if c.hedge)
                    row[2] += sum(1 for c in gold if c.hedge)
                else:
                    row[1] += len(pred)
                    row[2] += len(gold)

    def scores(self) -> dict[str, dict[str, float]]:
        result = {}
        for (metric, mode), (tp, npred, ngold) in self.counts.items():
            p = tp / npred if npred else (1.0 if not ngold else 0.0)
            r = tp / ngold if ngold else (1.0 if not npred else 0.0)
            f = 2 * p * r / (p + r) if p + r else 0.0
            result[f"{metric}/{mode}"] = {"p": round(p, 4), "r": round(r, 4), "f1": round(f, 4), "n": ngold}
        return result


def evaluate(
    passages: Iterable[Passage], extract: Callable[[str], list[ExtractedClaim]]
) -> dict[str, dict[str, dict[str, float]]]:
    """Scores per pattern, per file ("file:broad"), per cue class ("class:evidence": claims found with the
    right class) and "overall", each a {"metric/mode": {p, r, f1, n}} table."""
    tallies: defaultdict[str, Tally] = defaultdict(Tally)
    for passage in passages:
        predicted = extract(passage.text)
        for name in (passage.pattern, f"file:{passage.file}", "overall"):
            tallies[name].add(passage.text, passage.claims, predicted)
        for cue_class in CUE_CLASSES:
            gold = [c for c in passage.claims if c.cue_class == cue_class]
            found = [c for c in predicted if c.cue_class == cue_class]
            if gold or found:
                tallies[f"class:{cue_class}"].add(passage.text, gold, found)
    return {name: tally.scores() for name, tally in sorted(tallies.items())}


def format_table(results: dict) -> str:
    """F1 per pattern in a compact matrix, then precision, recall and F1 overall."""
    keys = [f"{metric}/{mode}" for metric in METRICS for mode in MODES]
    short = [f"{metric[:6]}/{mode[:2]}" for metric in METRICS for mode in MODES]
    lines = [
        "F1 by pattern (ex = exact spans, ov = overlapping spans)",
        f"{'pattern':24}" + "".join(f"{k:>10}" for k in short),
    ]
    patterns = sorted(n for n in results if n != "overall" and ":" not in n)
    for name in patterns:
        lines.append(f"{name:24}" + "".join(f"{results[name][k]['f1']:10.3f}" for k in keys))
    lines += ["", "F1 by cue class (found with the right class), then by file"]
    lines.append(f"{'class or file':24}" + "".join(f"{k:>10}" for k in short) + f"{'gold':>6}")
    for name in sorted(n for n in results if n.startswith("class:")) + sorted(
        n for n in results if n.startswith("file:")
    ):
        row = results[name]
        n = row["detection/exact"]["n"]
        lines.append(f"{name:24}" + "".join(f"{row[k]['f1']:10.3f}" for k in keys) + f"{n:6d}")
    lines += ["", "Overall", f"{'metric':20} {'P':>6} {'R':>6} {'F1':>6} {'gold':>5}"]
    for key in keys:
        s = results["overall"][key]
        lines.append(f"{key:20} {s['p']:6.3f} {s['r']:6.3f} {s['f1']:6.3f} {s['n']:5d}")
    return "\n".join(lines)


def calibration(
    passages: Iterable[Passage], extract: Callable[[str], list[ExtractedClaim]]
) -> dict[tuple[bool, bool], list[int]]:
    """Per (at or above CONFIDENT, attributed): [suggestions, with the right source] (overlapping spans)."""
    counts: defaultdict[tuple[bool, bool], list[int]] = defaultdict(lambda: [0, 0])
    for passage in passages:
        predicted = extract(passage.text)
        pairs = _match(passage.text, passage.claims, predicted, "overlap")
        right = {id(p) for g, p in pairs if _agree("source", g, p)}
        for p in predicted:
            row = counts[p.confidence >= CONFIDENT, p.attributed]
            row[0] += 1
            row[1] += id(p) in right
    return counts


def format_calibration(counts: dict[tuple[bool, bool], list[int]]) -> str:
    """How many suggestions fall on each side of CONFIDENT, and what share of each had the right source."""
    # An unattributed suggestion is right when gold has it unattributed too: its doubt is whether it is a
    # claim worth checking, not who said it, so attributed ones below the line get a row of their own.
    rows = [
        (f">= {CONFIDENT}", [counts[True, a] for a in (True, False)]),
        (f"< {CONFIDENT}", [counts[False, a] for a in (True, False)]),
        (f"< {CONFIDENT}, attributed", [counts[False, True]]),
    ]
    lines = ["", "Confidence: suggestions, and those with the right source (overlapping spans)"]
    lines.append(f"{'confidence':20} {'n':>6} {'right':>6} {'P':>6}")
    for label, parts in rows:
        n, right = sum(p[0] for p in parts), sum(p[1] for p in parts)
        lines.append(f"{label:20} {n:6d} {right:6d} {right / n if n else 0.0:6.3f}")
    return "\n".join(lines)


def _describe(c: ExtractedClaim) -> str:
    who = " > ".join(c.chain) if c.attributed else "unattributed"
    return f"{c.text[:90]!r} [{who}] cue={c.cue} class={c.cue_class} hedge={c.hedge}"


def show_differences(passage: Passage, predicted: list[ExtractedClaim]) -> None:
    """Print the gold claims the extractor got wrong or missed, and what it found that gold lacks."""
    pairs = _match(passage.text, passage.claims, predicted, "overlap")
    lines = []
    for g, p in pairs:
        wrong = [m for m in METRICS[1:5] if not _agree(m, g, p)]
        if wrong or trim(passage.text, g.start, g.end) != trim(passage.text, p.start, p.end):
            lines.append(f"  ~ gold {_describe(g)}\n         got {_describe(p)}")
    for g in passage.claims:
        if all(g is not pg for pg, _ in pairs):
            lines.append(f"  - missed {_describe(g)}")
    for p in predicted:
        if all(p is not pp for _, pp in pairs):
            lines.append(f"  + extra {_describe(p)}")
    if lines:
        print(f"[{passage.id}]", *lines, sep="\n")


def main(argv: list[str] | None = None) -> int:
    from factcheck.extraction import extract

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--gold", type=Path, action="append", help="a gold folder (default: both sets)")
    parser.add_argument("--show", action="store_true", help="print each passage's missed and extra claims")
    parser.add_argument("--write-floor", action="store_true", help="store the overall F1 figures as floors")
    args = parser.parse_args(argv)
    for directory in args.gold or [GOLD_DIR, HELD_OUT_DIR]:
        passages = load_gold(directory)
        results = evaluate(passages, extract)
        if args.show:
            for passage in passages:
                show_differences(passage, extract(passage.text))
        name = "held-out set" if directory.resolve() == HELD_OUT_DIR else f"gold set {directory}"
        claims = sum(len(p.claims) for p in passages)
        print(f"\n== {name}: {len(passages)} passages, {claims} gold claims ==")
        print(format_table(results))
        print(format_calibration(calibration(passages, extract)))
        if args.write_floor:
            floor = {key: s["f1"] for key, s in results["overall"].items()}
            (directory / FLOOR).write_text(json.dumps(floor, indent=2, sort_keys=True) + "\n")
            print(f"Floor written to {directory / FLOOR}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
