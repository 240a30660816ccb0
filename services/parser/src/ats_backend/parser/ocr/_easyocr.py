"""EasyOCR tuned for resume pages on a few CPU cores.

EasyOCR runs two networks: CRAFT finds text regions, a CRNN reads each region. With its
defaults a letter page at 150 DPI takes many seconds on two cores, almost all of it in CRAFT
on the full-resolution page. What we change, each measured by ``make bench``
(``scripts/bench_ocr.py``), which prints defaults and tuned side by side:

- **Detect small, read sharp.** CRAFT runs on the page scaled to ``detect_dpi`` (its cost grows
  with pixels; resume text is large enough to find at 75 DPI), cropped to the inked area (specks
  filtered out first); the boxes are scaled back and each region is read from the ``render_dpi``
  image, so recognition keeps its accuracy. ``min_size`` is scaled down with the image, and
  neighbouring boxes on a line are merged more eagerly (``width_ths``), so short words ("a",
  "7") are not dropped and lines are read whole.
- **bfloat16 where the CPU has it.** Both networks' convolutions run under CPU autocast in
  bfloat16, channels-last, when the CPU supports bfloat16 natively (AVX512-BF16/AMX): about
  2.5 times faster, the same text.
- **A float LSTM.** EasyOCR quantises the recogniser's LSTM to int8 on the CPU; its kernel
  runs step by step and took over half the page's time. The float LSTM (oneDNN) is faster
  and reads the same (a bfloat16 LSTM was slower again).
- **Wider margins** around detected boxes (0.2 of the height, not 0.1): the recogniser scales
  each crop to 64 pixels high, so a taller crop is a narrower, cheaper one.
- **Batch recognition by width.** On the CPU EasyOCR reads regions one by one; we read them
  in batches of similar width (little padding wasted).
- **Straighten first.** A page scanned a degree or two askew is rotated straight (angle from
  the projection profile of the inked pixels) before detection, so lines stay horizontal
  boxes instead of slanted polygons.
- **Skip blank pages** (almost no ink) without running either network.

One engine per process, loaded at start (the models take a few seconds to load); not
thread-safe, as one parse runs per process.
"""

from __future__ import annotations

import importlib
import math
import os
from dataclasses import dataclass
from typing import Any

from ats_backend.parser.extract import GrayImage, OcrText

__all__ = ["EasyOcrEngine", "EasyOcrOptions"]


_MIN_BOX_INCHES = 1 / 20
"""Detected boxes smaller than this on both sides are specks, not text (the x-height of 10 pt
text is about 1/14 inch). EasyOCR's default, 20 pixels, is meant for full-resolution pages and
would drop one-letter words at detection resolution."""
_MODEL_HEIGHT = 64
"""Height EasyOCR's recogniser scales every region to (its ``imgH``)."""
_BATCH = 16
_BATCH_WIDTH_RATIO = 1.3
"""Regions are batched with others at most this much wider (padding is wasted work)."""
_INK_LEVEL = 160
_BLANK_SHARE = 0.0005
_CROP_PAD = 8
_SKEW_DPI = 75
_SKEW_INK_LEVEL = 180
_SKEW_MIN_BLOB = 30
_SKEW_FLATNESS = 4
_SKEW_MIN_LINES = 3
_SKEW_MAX_DEGREES = 5.0
_SKEW_MIN_DEGREES = 0.25
"""Skew is measured on line blobs at least 30 px long and 4 times longer than tall, at 75 DPI;
corrected up to 5 degrees; less than a quarter degree is left alone."""


@dataclass(frozen=True, slots=True)
class EasyOcrOptions:
    """What the engine is tuned with; ``defaults()`` is EasyOCR's own configuration."""

    render_dpi: float = 200.0
    detect_dpi: float = 75.0
    threads: int = 2
    bfloat16: bool | None = None
    """None: use bfloat16 when the CPU supports it natively."""
    width_ths: float = 1.0
    text_threshold: float = 0.5
    low_text: float = 0.3
    add_margin: float = 0.2
    """Margin around each detected box, as a share of its height (EasyOCR's default is 0.1):
    a taller crop is narrower once scaled to the recogniser's 64 pixels, so cheaper to read."""
    quantize: bool = False
    """EasyOCR's int8 LSTM: measured 1.4 times slower here than the float one, same text."""
    deskew: bool = True
    tuned: bool = True
    """False runs ``Reader.readtext`` with EasyOCR's defaults (the benchmark's baseline)."""

    @classmethod
    def defaults(cls, threads: int = 2) -> EasyOcrOptions:
        return cls(
            render_dpi=150.0,
            detect_dpi=150.0,
            threads=threads,
            bfloat16=False,
            width_ths=0.5,
            text_threshold=0.7,
            low_text=0.4,
            deskew=False,
            tuned=False,
        )


class EasyOcrEngine:
    """Implements ``extract.OcrEngine`` with EasyOCR's English models, fully offline."""

    def __init__(self, options: EasyOcrOptions | None = None) -> None:
        self._options = options or EasyOcrOptions()
        # PyTorch's OpenMP threads spin while waiting for work by default. The OCR process
        # shares its cores with the text lane's parse processes, and spinning threads there
        # slow both sides several times over; sleeping threads cost a little latency instead.
        # (Read when libgomp loads: effective when this process imports torch here first.)
        os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
        self._np = importlib.import_module("numpy")
        self._cv2 = importlib.import_module("cv2")
        torch = importlib.import_module("torch")
        easyocr = importlib.import_module("easyocr")
        models = importlib.import_module("easyocr_en_models")
        self._get_text = importlib.import_module("easyocr.recognition").get_text
        self._get_image_list = importlib.import_module("easyocr.utils").get_image_list
        torch.set_num_threads(self._options.threads)
        self._reader = easyocr.Reader(
            ["en"],
            gpu=False,
            model_storage_directory=models.model_dir(),
            download_enabled=False,
            verbose=False,
            quantize=self._options.quantize,
        )
        bf16 = self._options.bfloat16
        if bf16 is None:
            bf16 = bool(torch.cpu._is_avx512_bf16_supported())
        self._bfloat16 = bool(bf16) and self._options.tuned
        if self._bfloat16:
            self._reader.detector = _wrap_bfloat16(torch, self._reader.detector, detector=True)
            recognizer = self._reader.recognizer
            recognizer.FeatureExtraction = _wrap_bfloat16(
                torch, recognizer.FeatureExtraction, detector=False
            )
        version = getattr(easyocr, "__version__", "?")
        mode = "tuned" if self._options.tuned else "defaults"
        precision = "bf16" if self._bfloat16 else "fp32"
        self._name = f"easyocr {version} english_g2 ({mode}, {precision})"

    @property
    def name(self) -> str:
        return self._name

    @property
    def render_dpi(self) -> float:
        return self._options.render_dpi

    def read(self, image: GrayImage) -> list[OcrText]:
        np = self._np
        gray = np.frombuffer(image.pixels, dtype=np.uint8).reshape(image.height, image.width)
        if not self._options.tuned:
            return _texts(self._reader.readtext(gray))
        ink = gray < _INK_LEVEL
        if ink.mean() < _BLANK_SHARE:
            return []
        if self._options.deskew:
            gray = self._deskew(gray, image.dpi)
        return self._read_tuned(gray, image.dpi)

    def _deskew(self, gray: Any, dpi: float) -> Any:
        angle = _skew_angle(self._np, self._cv2, gray, dpi)
        if abs(angle) < _SKEW_MIN_DEGREES:
            return gray
        cv2 = self._cv2
        height, width = gray.shape
        matrix = cv2.getRotationMatrix2D((width / 2, height / 2), angle, 1.0)
        return cv2.warpAffine(
            gray, matrix, (width, height), flags=cv2.INTER_LINEAR, borderValue=255
        )

    def _read_tuned(self, gray: Any, dpi: float) -> list[OcrText]:
        np, cv2, options = self._np, self._cv2, self._options
        scale = min(1.0, options.detect_dpi / dpi) if dpi > 0 else 1.0
        small = (
            cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
            if scale < 1.0
            else gray
        )
        # The inked area, specks removed first (a fax's salt and pepper would stretch it to
        # the whole page): detection runs on that crop only.
        inked = cv2.medianBlur(small, 3) < _INK_LEVEL
        rows = np.flatnonzero(inked.any(axis=1))
        cols = np.flatnonzero(inked.any(axis=0))
        if rows.size == 0:
            return []
        top, bottom = max(0, rows[0] - _CROP_PAD), min(small.shape[0], rows[-1] + _CROP_PAD)
        left, right = max(0, cols[0] - _CROP_PAD), min(small.shape[1], cols[-1] + _CROP_PAD)
        horizontal, free = self._reader.detect(
            small[top:bottom, left:right],
            min_size=max(1, round(options.detect_dpi * _MIN_BOX_INCHES)),
            text_threshold=options.text_threshold,
            low_text=options.low_text,
            width_ths=options.width_ths,
            add_margin=options.add_margin,
            canvas_size=max(small.shape) + 2 * _CROP_PAD,
            mag_ratio=1.0,
        )
        boxes = [
            [
                round((x0 + left) / scale),
                round((x1 + left) / scale),
                round((y0 + top) / scale),
                round((y1 + top) / scale),
            ]
            for x0, x1, y0, y1 in horizontal[0]
        ]
        polygons = [
            [[(x + left) / scale, (y + top) / scale] for x, y in polygon] for polygon in free[0]
        ]
        crops, _ = self._get_image_list(boxes, polygons, gray, model_height=_MODEL_HEIGHT)
        return _texts(self._recognise(crops))

    def _recognise(self, crops: list[Any]) -> list[Any]:
        reader = self._reader
        crops = sorted(crops, key=lambda crop: crop[1].shape[1])
        results: list[Any] = []
        start = 0
        while start < len(crops):
            narrowest = crops[start][1].shape[1]
            end = start + 1
            while (
                end < len(crops)
                and end - start < _BATCH
                and crops[end][1].shape[1] <= narrowest * _BATCH_WIDTH_RATIO
            ):
                end += 1
            batch = crops[start:end]
            widest = max(crop[1].shape[1] for crop in batch)
            results += self._get_text(
                reader.character,
                _MODEL_HEIGHT,
                int(widest),
                reader.recognizer,
                reader.converter,
                batch,
                "",  # no characters ignored
                "greedy",
                5,
                len(batch),
                0.1,  # contrast_ths, adjust_contrast, filter_ths: EasyOCR's defaults
                0.5,
                0.003,
                0,
                "cpu",
            )
            start = end
        return results


def _wrap_bfloat16(torch: Any, module: Any, *, detector: bool) -> Any:
    """``module`` run under bfloat16 autocast, its outputs back in float32."""

    class BFloat16(torch.nn.Module):  # type: ignore[misc]
        def __init__(self) -> None:
            super().__init__()
            # Channels-last is the layout oneDNN's convolutions are fastest in.
            self.inner = module.to(memory_format=torch.channels_last)

        def forward(self, x: Any, *args: Any) -> Any:
            with torch.autocast("cpu", dtype=torch.bfloat16):
                x = x.contiguous(memory_format=torch.channels_last)
                if detector:
                    y, feature = self.inner(x)
                    return y.float(), feature.float()
                return self.inner(x, *args).float().contiguous()

    return BFloat16().eval()


def _skew_angle(np: Any, cv2: Any, gray: Any, dpi: float) -> float:
    """Degrees to rotate the page by (counter-clockwise) to level its lines.

    Words are smeared into line blobs on a coarse copy of the page; each long, flat blob's
    slope is fitted through its pixels, and the median angle, weighted by blob width, wins.
    (A projection-profile search was tried first: the pixel grid biases it towards 0 degrees.)
    """
    scale = min(1.0, _SKEW_DPI / dpi) if dpi > 0 else 1.0
    small = cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    ink = (small < _SKEW_INK_LEVEL).astype(np.uint8)
    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (9, 1))
    blobs = cv2.morphologyEx(ink, cv2.MORPH_CLOSE, kernel)
    count, labels, stats, _ = cv2.connectedComponentsWithStats(blobs, connectivity=8)
    angles: list[float] = []
    weights: list[float] = []
    for label in range(1, count):
        x, y, width, height = (int(v) for v in stats[label][:4])
        if width < _SKEW_MIN_BLOB or width < _SKEW_FLATNESS * height:
            continue
        ys, xs = np.nonzero(labels[y : y + height, x : x + width] == label)
        slope = float(np.polyfit(xs, ys, 1)[0])
        angles.append(math.degrees(math.atan(slope)))
        weights.append(float(width))
    if len(angles) < _SKEW_MIN_LINES:
        return 0.0
    order = np.argsort(angles)
    cumulative = np.cumsum(np.asarray(weights)[order])
    median = float(np.asarray(angles)[order][np.searchsorted(cumulative, cumulative[-1] / 2)])
    return max(-_SKEW_MAX_DEGREES, min(_SKEW_MAX_DEGREES, median))


def _texts(found: list[Any]) -> list[OcrText]:
    texts: list[OcrText] = []
    for box, text, confidence in found:
        xs = [float(point[0]) for point in box]
        ys = [float(point[1]) for point in box]
        if str(text).strip():
            texts.append(OcrText(str(text), min(xs), min(ys), max(xs), max(ys), float(confidence)))
    return texts
