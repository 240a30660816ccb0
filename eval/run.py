"""``make eval``: generate the labelled corpus, parse every document, print the scores.

    .venv/bin/python eval/run.py [--count N] [--seed S] [--layout L ...] [--write DIR]
                                 [--json OUT] [--check]

Prints precision/recall/F1 per field with the goals, F1 per layout, the slowest documents and
parse-time percentiles, then the same table for the hand-labelled resumes. Exit status 0 (it is
a report) unless ``--check``: then 1 when the synthetic corpus misses a goal.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from eval.corpus.generate import Sample

ROOT = Path(__file__).resolve().parents[1]


def _setup_path() -> None:
    # Run as a script from anywhere: the repository root makes ``eval`` importable, and the
    # source trees stand in for the editable installs if the venv lacks them.
    for path in (ROOT, ROOT / "libs/common/src", ROOT / "services/parser/src"):
        if str(path) not in sys.path:
            sys.path.insert(0 if path == ROOT else len(sys.path), str(path))


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    from eval.corpus.generate import DEFAULT_COUNT, DEFAULT_SEED
    from eval.corpus.layouts import LAYOUTS

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--count",
        type=int,
        default=DEFAULT_COUNT,
        help=f"documents to generate (default {DEFAULT_COUNT})",
    )
    parser.add_argument(
        "--seed", type=int, default=DEFAULT_SEED, help=f"corpus seed (default {DEFAULT_SEED})"
    )
    parser.add_argument(
        "--layout", action="append", choices=sorted(LAYOUTS), help="only this layout (repeatable)"
    )
    parser.add_argument(
        "--write",
        type=Path,
        metavar="DIR",
        help="also write every document and its truth JSON to DIR",
    )
    parser.add_argument("--json", type=Path, metavar="OUT", help="write the results as JSON")
    parser.add_argument("--check", action="store_true", help="exit 1 when a goal is missed")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    _setup_path()
    from eval import handlabelled, report
    from eval.corpus.generate import generate
    from eval.evaluate import evaluate
    from eval.score import goals_missed, total

    args = _arguments(argv)
    started = time.perf_counter()
    samples = generate(args.count, args.seed, frozenset(args.layout) if args.layout else None)
    generated = time.perf_counter() - started
    hand = handlabelled.load()
    if args.write:
        _write(args.write, samples, "")
        _write(args.write, hand, "handlabelled")
    results = evaluate(samples)
    hand_results = evaluate(hand)

    out = [
        f"Synthetic corpus: {len(samples)} documents, seed {args.seed}, "
        f"{len({s.layout for s in samples})} layouts (generated in {generated:.1f} s)",
        "",
        *report.field_table(results),
        *report.errors(results),
        "",
        "F1 by layout (main fields):",
        *report.layout_table(results),
        "",
        *report.timing(results),
        "",
        f"Hand-labelled resumes: {len(hand)} documents "
        f"({', '.join(sample.layout for sample in hand)})",
        "",
        *report.field_table(hand_results),
        *report.errors(hand_results),
        *report.timing(hand_results, slowest=len(hand_results)),
    ]
    print("\n".join(out))
    if args.json:
        args.json.write_text(
            json.dumps(
                {
                    "corpus": report.as_json(results),
                    "handlabelled": report.as_json(hand_results),
                    "seed": args.seed,
                },
                indent=2,
            ),
            "utf-8",
        )
    missed = goals_missed(total(result.counts for result in results))
    return 1 if args.check and missed else 0


def _write(directory: Path, samples: Sequence[Sample], sub: str) -> None:
    target = directory / sub if sub else directory
    target.mkdir(parents=True, exist_ok=True)
    for sample in samples:
        path = Path(sample.filename)
        stem = f"{sample.id}-{path.stem}"
        (target / f"{stem}{path.suffix}").write_bytes(sample.content)
        truth = json.dumps(sample.truth, indent=2, ensure_ascii=False)
        (target / f"{stem}.truth.json").write_text(truth + "\n", "utf-8")


if __name__ == "__main__":
    sys.exit(main())
