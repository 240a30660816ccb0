"""``make bench`` (OCR part): EasyOCR's defaults beside our tuned engine, on the same pages.

Both engines are loaded in this one process and read the same generated scans (the synthetic
corpus's PDF resumes scanned in several styles by ``eval/scans.py``), each page rendered at the
engine's own resolution as the parser renders it (EasyOCR's defaults get 150 DPI); each page is
read by one engine and then the other, so a noisy machine slows both alike. Printed per
configuration: seconds per page (median, max) and the character error rate against the source
PDF's text, both texts put in the same reading order (``eval.scans.reading_order``), and word
F1, which ignores order (a tilted page's lines can come out in another order without a single
character misread).

    python scripts/bench_ocr.py [--pages 6] [--styles clean,office,fax,phone]
"""

from __future__ import annotations

import argparse
import collections
import statistics
import sys
import time
import warnings
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from ats_backend.parser.extract import GrayImage, OcrText, parse_document
from ats_backend.parser.ocr import EasyOcrOptions, load_engine
from eval.corpus.names import ascii_fold
from eval.scans import (
    ScanSample,
    character_error_rate,
    reading_order,
    render_page,
    scanned_samples,
)
from eval.score import match_phone


def _page_image(pdf: bytes, dpi: int) -> GrayImage:
    """Page 1 of a scanned PDF as the engine gets it (gray, at ``dpi``)."""
    page = render_page(pdf, 0, dpi, gray=True)
    return GrayImage(width=page.width, height=page.height, pixels=page.tobytes(), dpi=dpi)


def _text(texts: list[OcrText]) -> str:
    return "\n".join(reading_order((t.x0, t.y0, t.x1, t.y1, t.text) for t in texts))


def word_f1(truth: str, predicted: str) -> float:
    """F1 of the multisets of whitespace-separated words: order plays no part."""
    wanted, found = collections.Counter(truth.split()), collections.Counter(predicted.split())
    matched = sum((wanted & found).values())
    if not matched:
        return 0.0
    precision, recall = matched / sum(found.values()), matched / sum(wanted.values())
    return 2 * precision * recall / (precision + recall)


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--pages", type=int, default=2, help="pages per scan style")
    parser.add_argument("--styles", default="clean,office,fax,phone")
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--threads", type=int, default=2, help="torch threads per engine")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    warnings.filterwarnings("ignore")  # torch's deprecation chatter on every model load
    samples = [
        sample
        for style in args.styles.split(",")
        for sample in scanned_samples(args.pages, args.seed, style, fmt="pdf")
    ]
    scans = [(sample.style, sample.content, sample.page_texts[0]) for sample in samples]
    engines: dict[str, Any] = {}
    for label, options in (
        ("easyocr defaults, 150 DPI", EasyOcrOptions.defaults(threads=args.threads)),
        ("tuned", EasyOcrOptions(threads=args.threads)),
    ):
        started = time.perf_counter()
        engines[label] = load_engine(options)
        print(f"loaded {engines[label].name} in {time.perf_counter() - started:.1f} s")
        # One untimed page first: a worker reads many pages, and the first pays one-off costs
        # (oneDNN building its kernels) that would otherwise land on whichever page is first.
        engines[label].read(_page_image(samples[-1].content, int(engines[label].render_dpi)))
    seconds: dict[str, list[float]] = {label: [] for label in engines}
    errors: dict[str, list[float]] = {label: [] for label in engines}
    f1s: dict[str, list[float]] = {label: [] for label in engines}
    for number, (style, pdf, truth) in enumerate(scans, 1):
        row = [f"page {number:2d} {style:7s}"]
        for label, engine in engines.items():
            image = _page_image(pdf, int(engine.render_dpi))
            started = time.perf_counter()
            texts = engine.read(image)
            elapsed = time.perf_counter() - started
            text = _text(texts)
            error = character_error_rate(truth, text)
            seconds[label].append(elapsed)
            errors[label].append(error)
            f1s[label].append(word_f1(truth, text))
            row.append(f"{label}: {elapsed:6.2f} s CER {error:.3f} F1 {f1s[label][-1]:.3f}")
        print("  ".join(row), flush=True)
    print(f"\nOCR, {len(scans)} letter/A4 pages ({args.styles}), {args.threads} threads:")
    print(
        f"{'configuration':28s} {'s/page p50':>11s} {'max':>7s} {'CER mean':>9s} "
        f"{'CER p50':>8s} {'word F1':>8s}"
    )
    for label in engines:
        print(
            f"{label:28s} {statistics.median(seconds[label]):11.2f} {max(seconds[label]):7.2f}"
            f" {statistics.fmean(errors[label]):9.4f} {statistics.median(errors[label]):8.4f}"
            f" {statistics.fmean(f1s[label]):8.4f}"
        )
    base, tuned = (statistics.median(seconds[label]) for label in engines)
    print(f"speed-up (median s/page, defaults / tuned): {base / tuned:.2f}x")
    _fields(samples, engines["tuned"])
    return 0


def _folded(text: str | None) -> str:
    # The English model has no diacritics: names are compared with accents folded.
    return ascii_fold(text or "").casefold()


def _fields(samples: list[ScanSample], engine: Any) -> None:
    """How often the whole parser gives back the truth's name, email and phone from a scan."""
    found: collections.Counter[str] = collections.Counter()
    for sample in samples:
        basics = parse_document(sample.content, filename=sample.filename, ocr=engine)["basics"]
        truth = sample.truth["basics"]
        found["name"] += _folded(basics.get("name")) == _folded(truth["name"])
        found["email"] += basics.get("email") == truth["email"]
        found["phone"] += match_phone(truth["phone"], basics.get("phone") or "")
    shown = ", ".join(
        f"{field} {found[field]}/{len(samples)}" for field in ("name", "email", "phone")
    )
    print(f"fields read back by parse_document with the tuned engine: {shown}")


if __name__ == "__main__":
    raise SystemExit(main())
