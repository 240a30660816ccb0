"""Scanned resumes whose fields are known: the synthetic corpus's PDFs rendered to pixels and
degraded the way scanners, fax machines and phone cameras degrade a page, for the OCR tests and
``make bench``.

    samples = scanned_samples(8, seed=1, style="phone", fmt="jpeg")
    samples[0].content      # the JPEG bytes an upload would carry
    samples[0].truth        # the corpus truth (basics.name / email / phone are on page 1)
    samples[0].page_texts   # the source text of each scanned page, for character_error_rate

Everything is deterministic given the seed: :func:`degrade` draws all its randomness from the
``random.Random`` it is handed (numpy noise is seeded from it), and each sample's generator is
seeded from ``(seed, index, style)``.

Also here: the encoders (PNG, JPEG, WebP, multi-page TIFF, image-only and mixed PDFs), a
reading-order helper shared by the truth and the OCR side, the character error rate, and
hostile inputs for tests (a decompression bomb, a very wide image, a truncated JPEG, a blank
page, a 300-page scan).
"""

from __future__ import annotations

import functools
import io
import math
import random
import re
import statistics
import struct
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any, Literal

import cv2
import numpy as np
import numpy.typing as npt
from PIL import Image, ImageDraw, ImageFont

from .corpus._fitz import fitz
from .corpus.generate import make_sample
from .corpus.layouts import LAYOUTS

Format = Literal["png", "jpeg", "pdf", "tiff", "webp"]
Pixels = npt.NDArray[np.uint8]

# Text as OCR should read it: ligatures expanded (MuPDF keeps "ﬁ" unless told otherwise).
_TEXT_FLAGS = 2 | 64  # TEXT_PRESERVE_WHITESPACE | TEXT_MEDIABOX_CLIP
_WHITE = 255
_GAUSS_LEVELS = 4096

#: Extension and content type per output format.
FORMATS: dict[str, tuple[str, str]] = {
    "png": (".png", "image/png"),
    "jpeg": (".jpg", "image/jpeg"),
    "webp": (".webp", "image/webp"),
    "tiff": (".tiff", "image/tiff"),
    "pdf": (".pdf", "application/pdf"),
}
# The corpus layouts rendered as PDF: the only ones with pages to scan.
PDF_LAYOUTS: tuple[str, ...] = tuple(
    name for name, layout in LAYOUTS.items() if layout.content_type == "application/pdf"
)


@dataclass(frozen=True, slots=True)
class ScanStyle:
    """How a page is degraded (every effect off by default: the page as rendered).

    ``rotate_degrees`` and ``perspective`` are maxima: a scan is turned by between half the
    maximum and the maximum, either way, and each page corner moves inwards by up to
    ``perspective`` of the page's width/height. ``lighting`` is the darkening at the darkest
    point of a brightness gradient plus vignette (0.2 = 20 % darker). ``paper`` is the paper
    colour the white becomes (and the fill around a turned page), ``ink`` the grey level
    black becomes. ``threshold`` makes the page bi-level (fax); ``salt_pepper`` is the fraction
    of pixels flipped to black or white afterwards. ``blur_radius`` is a Gaussian sigma in
    pixels, ``noise_sigma`` the Gaussian noise's in grey levels.
    """

    dpi: int = 200
    gray: bool = True
    rotate_degrees: float = 0.0
    noise_sigma: float = 0.0
    salt_pepper: float = 0.0
    blur_radius: float = 0.0
    jpeg_quality: int | None = None
    perspective: float = 0.0
    lighting: float = 0.0
    paper: tuple[int, int, int] = (255, 255, 255)
    ink: int = 0
    threshold: int | None = None


STYLES: dict[str, ScanStyle] = {
    # The page as a lossless 200 dpi render: what OCR gets at best.
    "clean": ScanStyle(dpi=200),
    # A flatbed or office multifunction scanner: slightly crooked, a little soft and noisy,
    # saved as JPEG.
    "office": ScanStyle(
        dpi=200,
        rotate_degrees=1.0,
        noise_sigma=3.0,
        blur_radius=0.6,
        jpeg_quality=85,
        paper=(250, 249, 245),
        ink=20,
        lighting=0.03,
    ),
    # A fax: 150 dpi, black and white with ragged strokes, specks.
    "fax": ScanStyle(
        dpi=150,
        rotate_degrees=0.7,
        noise_sigma=14.0,
        blur_radius=0.7,
        threshold=140,
        salt_pepper=0.002,
    ),
    # A phone photo of a printed page: colour, tilted and keystoned, lit unevenly, warm paper,
    # greyish ink, soft, JPEG 70.
    "phone": ScanStyle(
        dpi=150,
        gray=False,
        rotate_degrees=2.0,
        perspective=0.03,
        lighting=0.25,
        noise_sigma=4.0,
        blur_radius=0.8,
        jpeg_quality=70,
        paper=(238, 232, 218),
        ink=45,
    ),
}


@dataclass(frozen=True, slots=True)
class ScanSample:
    """A scanned corpus document: ``content`` is what an upload carries, ``source_pdf`` the
    text PDF it was scanned from, ``page_texts[i]`` the source text of scanned page ``i`` (one
    line per text line, in :func:`reading_order`)."""

    id: str
    style: str
    filename: str
    content_type: str
    content: bytes
    truth: dict[str, Any]
    source_pdf: bytes
    page_texts: list[str]


# -- rendering and degrading ------------------------------------------------------------------


def render_page(pdf: bytes, page: int, dpi: int, *, gray: bool = True) -> Image.Image:
    """Page ``page`` (0-based) of ``pdf`` rendered at ``dpi``: mode ``L`` or ``RGB``, no alpha,
    ``info["dpi"]`` set."""
    document = fitz().open("pdf", pdf)
    try:
        colorspace = fitz().csGRAY if gray else fitz().csRGB
        pixmap = document[page].get_pixmap(dpi=dpi, colorspace=colorspace, alpha=False)
        mode = "L" if pixmap.n == 1 else "RGB"
        image = Image.frombytes(
            mode, (pixmap.width, pixmap.height), pixmap.samples, "raw", mode, pixmap.stride
        )
    finally:
        document.close()
    image.info["dpi"] = (dpi, dpi)
    return image


def degrade(image: Image.Image, rng: random.Random, style: ScanStyle) -> Image.Image:
    """``image`` as ``style`` scans it (mode ``L`` if ``style.gray`` else ``RGB``; same size).

    In order: turn and keystone (one warp, the uncovered border filled with white that then
    becomes paper), blur, paper/ink tint and uneven lighting, Gaussian noise, threshold, salt
    and pepper, JPEG round trip. The clean style returns the pixels unchanged.
    """
    # Every random draw first, in a fixed order, whatever the style turns on.
    angle = rng.uniform(0.5, 1.0) * style.rotate_degrees * rng.choice((-1.0, 1.0))
    corners = [rng.uniform(0.0, style.perspective) for _ in range(8)]
    light_direction = rng.uniform(0.0, 2.0 * math.pi)
    light_centre = (rng.uniform(0.2, 0.8), rng.uniform(0.2, 0.8))
    threshold_jitter = rng.randint(-10, 10)
    numbers = np.random.default_rng(rng.getrandbits(64))

    mode = "L" if style.gray else "RGB"
    pixels: Pixels = np.asarray(image.convert(mode))
    if angle or style.perspective:
        pixels = _warp(pixels, angle, corners)
    if style.blur_radius > 0:
        pixels = np.asarray(cv2.GaussianBlur(pixels, (0, 0), style.blur_radius), dtype=np.uint8)
    if style.paper != (_WHITE, _WHITE, _WHITE) or style.ink or style.lighting or style.noise_sigma:
        pixels = _tone(pixels, style, light_direction, light_centre, numbers)
    if style.threshold is not None:
        cut = style.threshold + threshold_jitter
        pixels = np.where(pixels >= cut, np.uint8(_WHITE), np.uint8(0))
    if style.salt_pepper > 0:
        pixels = _salt_and_pepper(pixels, style.salt_pepper, numbers)
    out = Image.fromarray(pixels)
    if style.jpeg_quality is not None:
        out = Image.open(io.BytesIO(to_jpeg(out, style.jpeg_quality)))
        out.load()
    out.info["dpi"] = image.info.get("dpi", (style.dpi, style.dpi))
    return out


def _warp(pixels: Pixels, angle: float, corners: Sequence[float]) -> Pixels:
    """Turn ``pixels`` by ``angle`` degrees about the centre and move each corner inwards by
    the given fractions (x, y per corner), in one perspective warp; white where uncovered."""
    height, width = pixels.shape[:2]
    source = np.array([[0, 0], [width, 0], [width, height], [0, height]], dtype=np.float64)
    centre = np.array([width / 2.0, height / 2.0])
    radians = math.radians(angle)
    cos, sin = math.cos(radians), math.sin(radians)
    turned = (source - centre) @ np.array([[cos, sin], [-sin, cos]]) + centre
    inwards = np.array([[1, 1], [-1, 1], [-1, -1], [1, -1]], dtype=np.float64)
    offsets = np.array(corners, dtype=np.float64).reshape(4, 2) * [width, height]
    target = turned + inwards * offsets
    matrix = cv2.getPerspectiveTransform(source.astype(np.float32), target.astype(np.float32))
    fill = (_WHITE,) * (1 if pixels.ndim == 2 else pixels.shape[2])
    warped = cv2.warpPerspective(
        pixels,
        matrix,
        (width, height),
        flags=cv2.INTER_LINEAR,
        borderMode=cv2.BORDER_CONSTANT,
        borderValue=fill,
    )
    return np.asarray(warped, dtype=np.uint8)


@functools.cache
def _noise_table(sigma: float) -> npt.NDArray[np.int16]:
    """Gaussian noise levels (sigma ``sigma``, rounded to whole grey levels) at evenly spaced
    quantiles: indexing it with uniform integers draws the noise several times faster than
    numpy's normal sampler, which matters at 4 megapixels a page."""
    normal = statistics.NormalDist(0.0, sigma)
    levels = [normal.inv_cdf((i + 0.5) / _GAUSS_LEVELS) for i in range(_GAUSS_LEVELS)]
    return np.array([round(level) for level in levels], dtype=np.int16)


def _channels(plane: npt.NDArray[Any], channels: int) -> npt.NDArray[Any]:
    """``plane`` repeated to ``channels`` channels (as is for one)."""
    return plane if channels == 1 else np.asarray(cv2.merge([plane] * channels))


def _tone(
    pixels: Pixels,
    style: ScanStyle,
    light_direction: float,
    light_centre: tuple[float, float],
    numbers: np.random.Generator,
) -> Pixels:
    """Paper and ink colour (a lookup table), lighting (a multiplied field) and noise (added),
    in OpenCV's saturating uint8 arithmetic: twice as fast as numpy floats on a colour page."""
    height, width = pixels.shape[:2]
    channels = 1 if pixels.ndim == 2 else pixels.shape[2]
    paper = np.array(style.paper, dtype=np.float64)
    if channels == 1:  # the paper's luma
        paper = np.array([paper @ np.array([0.299, 0.587, 0.114])])
    levels = np.arange(256, dtype=np.float64)[:, None] / _WHITE
    table = np.clip(np.rint(style.ink + levels * (paper - style.ink)), 0, _WHITE)
    out = cv2.LUT(pixels, table.astype(np.uint8).reshape(1, 256, channels))
    if style.lighting:
        light = _lighting(width, height, style.lighting, light_direction, light_centre)
        out = cv2.multiply(out, _channels(light, channels), dtype=cv2.CV_8U)
    if style.noise_sigma:
        draws = numbers.integers(0, _GAUSS_LEVELS, (height, width), dtype=np.uint16)
        noise = _noise_table(float(style.noise_sigma))[draws]
        out = cv2.add(out, _channels(noise, channels), dtype=cv2.CV_8U)
    return np.asarray(out, dtype=np.uint8)


def _lighting(
    width: int, height: int, strength: float, direction: float, centre: tuple[float, float]
) -> npt.NDArray[np.float32]:
    """A brightness field in (1 - strength, 1]: a linear gradient across the page in
    ``direction`` plus a vignette about ``centre``, computed coarse and scaled up."""
    rows, cols = 48, max(2, round(48 * width / height))
    y, x = np.mgrid[0:rows, 0:cols].astype(np.float32)
    y /= rows - 1
    x /= cols - 1
    gradient = x * math.cos(direction) + y * math.sin(direction)
    gradient -= gradient.min()
    gradient /= max(float(gradient.max()), 1e-6)
    vignette = (x - centre[0]) ** 2 + (y - centre[1]) ** 2
    vignette /= float(vignette.max())
    shade = 0.6 * gradient + 0.4 * vignette
    coarse = (1.0 - strength * shade).astype(np.float32)
    return np.asarray(
        cv2.resize(coarse, (width, height), interpolation=cv2.INTER_LINEAR), dtype=np.float32
    )


def _salt_and_pepper(pixels: Pixels, amount: float, numbers: np.random.Generator) -> Pixels:
    height, width = pixels.shape[:2]
    out = np.array(pixels, dtype=np.uint8)  # a writable copy
    flat = out.reshape(height * width, -1)
    count = round(amount * height * width)
    where = numbers.integers(0, height * width, count)
    flat[where] = (numbers.integers(0, 2, count, dtype=np.uint8) * _WHITE)[:, None]
    return out


# -- encoders ---------------------------------------------------------------------------------


def _dpi(image: Image.Image) -> tuple[float, float] | None:
    dpi = image.info.get("dpi")
    return (float(dpi[0]), float(dpi[1])) if dpi else None


def to_png(image: Image.Image) -> bytes:
    """PNG bytes (the dpi recorded if the image has one). Run-length deflate: a noisy scan
    hardly compresses whatever the effort, and this takes half the default's time."""
    buffer = io.BytesIO()
    options: dict[str, Any] = {"compress_level": 6, "compress_type": zlib.Z_RLE}
    if (dpi := _dpi(image)) is not None:
        options["dpi"] = dpi
    image.save(buffer, "PNG", **options)
    return buffer.getvalue()


def to_jpeg(image: Image.Image, quality: int) -> bytes:
    """Baseline JPEG bytes at ``quality`` (the dpi recorded if the image has one)."""
    buffer = io.BytesIO()
    options: dict[str, Any] = {"quality": quality}
    if (dpi := _dpi(image)) is not None:
        options["dpi"] = (round(dpi[0]), round(dpi[1]))
    image.convert("L" if image.mode in ("1", "L") else "RGB").save(buffer, "JPEG", **options)
    return buffer.getvalue()


def to_webp(image: Image.Image, quality: int = 80) -> bytes:
    """Lossy WebP bytes (fastest method: the default effort takes three times longer)."""
    buffer = io.BytesIO()
    image.save(buffer, "WEBP", quality=quality, method=0)
    return buffer.getvalue()


def to_tiff(images: Sequence[Image.Image], compression: str = "tiff_lzw") -> bytes:
    """A multi-page TIFF, one frame per image: ``compression`` (LZW by default), or CCITT
    Group 4 when every frame is bi-level (a fax)."""
    if not images:
        raise ValueError("a TIFF needs at least one page")
    frames = [image.convert("1") if _bilevel(image) else image for image in images]
    buffer = io.BytesIO()
    options: dict[str, Any] = {
        "save_all": True,
        "append_images": frames[1:],
        "compression": "group4" if all(f.mode == "1" for f in frames) else compression,
    }
    if (dpi := _dpi(images[0])) is not None:
        options["dpi"] = dpi
    frames[0].save(buffer, "TIFF", **options)
    return buffer.getvalue()


def _bilevel(image: Image.Image) -> bool:
    if image.mode == "1":
        return True
    if image.mode != "L":
        return False
    colours = image.getcolors(2)
    return colours is not None and {value for _, value in colours} <= {0, _WHITE}


def _pdf_image(image: Image.Image, quality: int | None) -> bytes:
    """The stream a scanner would embed: 1-bit for bi-level pages, JPEG (DCT, stored as is)
    at ``quality``, or lossless (PNG, stored as Flate) when ``quality`` is None."""
    if _bilevel(image):
        return to_png(image.convert("1"))
    if quality is None:
        return to_png(image)
    return to_jpeg(image, quality)


def scanned_pdf(images: Sequence[Image.Image], dpi: int, *, quality: int | None = 85) -> bytes:
    """A PDF of image-only pages (no text layer), each page the image's size at ``dpi``
    (a 200 dpi A4 render gives a 595 x 842 pt page). See :func:`_pdf_image` for the
    encoding."""
    document = fitz().open()
    for image in images:
        page = document.new_page(width=image.width * 72 / dpi, height=image.height * 72 / dpi)
        page.insert_image(page.rect, stream=_pdf_image(image, quality))
    return _pdf_bytes(document)


def mixed_pdf(
    text_pdf: bytes, scans: dict[int, Image.Image], dpi: int, *, quality: int | None = 85
) -> bytes:
    """A copy of ``text_pdf`` whose pages ``scans`` names (0-based) are image-only pages of
    the given images (sized at ``dpi``, text layer gone); the other pages keep their text."""
    source = fitz().open("pdf", text_pdf)
    unknown = set(scans) - set(range(source.page_count))
    if unknown:
        raise ValueError(f"no such pages: {sorted(unknown)} of {source.page_count}")
    document = fitz().open()
    for number in range(source.page_count):
        if number in scans:
            image = scans[number]
            page = document.new_page(width=image.width * 72 / dpi, height=image.height * 72 / dpi)
            page.insert_image(page.rect, stream=_pdf_image(image, quality))
        else:
            document.insert_pdf(source, from_page=number, to_page=number)
    document.set_metadata(source.metadata or {})
    source.close()
    return _pdf_bytes(document)


def _pdf_bytes(document: Any) -> bytes:
    try:
        return bytes(document.tobytes(garbage=3, deflate=True, no_new_id=True))
    finally:
        document.close()


# -- ground truth -----------------------------------------------------------------------------


def reading_order(boxes: Iterable[tuple[float, float, float, float, str]]) -> list[str]:
    """Text boxes ``(x0, y0, x1, y1, text)`` (top-left origin) as lines top to bottom, left
    to right: boxes whose vertical centres are within half the smaller box's height of a row's
    first box share the row, and a row's boxes come in x order, one line each. Whitespace is
    normalised; empty boxes are dropped.

    Used for the truth (PyMuPDF's lines) and meant for the OCR side too (EasyOCR's boxes), so
    the two texts are in the same order whatever each tool's segmentation within a row; with
    :func:`character_error_rate` collapsing newlines, row-mates on one line or several score
    the same.
    """
    items = sorted(
        ((y0 + y1) / 2.0, max(y1 - y0, 1e-6), x0, " ".join(text.split()))
        for x0, y0, x1, y1, text in boxes
        if text.strip()
    )
    rows: list[list[tuple[float, str]]] = []
    row_centre = row_height = 0.0
    for centre, height, x0, text in items:
        if rows and abs(centre - row_centre) <= 0.5 * min(height, row_height):
            rows[-1].append((x0, text))
        else:
            rows.append([(x0, text)])
            row_centre, row_height = centre, height
    return [text for row in rows for _, text in sorted(row)]


def page_lines(page: Any) -> list[str]:
    """A PyMuPDF page's text lines in :func:`reading_order` (ligatures expanded)."""
    lines: dict[tuple[int, int], list[tuple[int, float, float, float, float, str]]] = {}
    for x0, y0, x1, y1, word, block, line, number in page.get_text("words", flags=_TEXT_FLAGS):
        lines.setdefault((block, line), []).append((number, x0, y0, x1, y1, word))
    boxes = []
    for words in lines.values():
        words.sort()
        boxes.append(
            (
                min(w[1] for w in words),
                min(w[2] for w in words),
                max(w[3] for w in words),
                max(w[4] for w in words),
                " ".join(w[5] for w in words),
            )
        )
    return reading_order(boxes)


def pdf_page_texts(pdf: bytes) -> list[str]:
    """Each page's :func:`page_lines`, joined by newlines."""
    document = fitz().open("pdf", pdf)
    try:
        return ["\n".join(page_lines(page)) for page in document]
    finally:
        document.close()


def _first_page_text(pdf: bytes) -> str:
    """Page 1's text in PyMuPDF's own (block) order, which keeps a name wrapped in a sidebar
    together where :func:`reading_order` interleaves it with the main column."""
    document = fitz().open("pdf", pdf)
    try:
        return str(document[0].get_text("text", flags=_TEXT_FLAGS))
    finally:
        document.close()


def _shows_contacts(text: str, basics: dict[str, Any]) -> bool:
    """Whether ``text`` shows the name, email and phone of ``basics`` (case and line breaks
    aside, also after a hyphen; the phone as its national digits, in whatever format)."""
    flat = re.sub(r"-\s+", "-", " ".join(text.split())).casefold()  # "Al-\nFarsi" wraps
    name = " ".join(str(basics.get("name", "")).split()).casefold()
    email = str(basics.get("email", "")).casefold()
    if not name or name not in flat or (email and email not in flat):
        return False
    phone = re.sub(r"\D", "", str(basics.get("phone", "")))
    if not phone:
        return True
    digits = re.sub(r"\D", "", text)
    # The national number: the E.164 digits less a 1-3 digit country code.
    return any(phone[cut:] in digits for cut in (1, 2, 3))


# -- samples ----------------------------------------------------------------------------------


def scanned_samples(
    count: int, seed: int, style: str, *, fmt: Format = "png", pages: int | None = 1
) -> list[ScanSample]:
    """``count`` scans in ``style`` of the corpus's PDF documents, as ``fmt``.

    ``pages`` is how many leading pages to scan (None: all); PNG, JPEG and WebP hold one page
    only. Documents come in corpus order (``generate(seed=seed)``), PDF layouts only, skipping
    any whose first page does not show the name, email and phone of the truth (none does in
    practice), so ``basics.name/email/phone`` can always be read off page 1. For JPEG and PDF
    output the style's JPEG round trip is the final encoding (no double compression).
    """
    if style not in STYLES:
        raise ValueError(f"unknown style {style!r}; one of {sorted(STYLES)}")
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; one of {sorted(FORMATS)}")
    if pages is not None and pages < 1:
        raise ValueError("pages must be at least 1 (or None for all)")
    if fmt in ("png", "jpeg", "webp") and pages != 1:
        raise ValueError(f"{fmt} holds one page: pages must be 1")
    spec = STYLES[style]
    encode_jpeg = fmt in ("jpeg", "pdf")
    page_style = replace(spec, jpeg_quality=None) if encode_jpeg else spec
    extension, content_type = FORMATS[fmt]
    samples: list[ScanSample] = []
    index = 0
    limit = 10 * (count + 1) * len(LAYOUTS)
    while len(samples) < count:
        if index > limit:
            raise RuntimeError(f"only {len(samples)} usable PDF documents in {index}")
        sample = make_sample(index, seed)
        index += 1
        if sample.layout not in PDF_LAYOUTS:
            continue
        if not _shows_contacts(_first_page_text(sample.content), sample.truth["basics"]):
            continue
        texts = pdf_page_texts(sample.content)
        texts = texts if pages is None else texts[:pages]
        rng = random.Random(f"scan/{seed}/{index - 1}/{style}")
        images = [
            degrade(render_page(sample.content, number, spec.dpi, gray=spec.gray), rng, page_style)
            for number in range(len(texts))
        ]
        samples.append(
            ScanSample(
                id=f"{sample.id}-{style}",
                style=style,
                filename=sample.filename.removesuffix(".pdf") + extension,
                content_type=content_type,
                content=_encode(images, fmt, spec),
                truth=sample.truth,
                source_pdf=sample.content,
                page_texts=texts,
            )
        )
    return samples


def _encode(images: list[Image.Image], fmt: str, style: ScanStyle) -> bytes:
    if fmt == "png":
        return to_png(images[0])
    if fmt == "jpeg":
        return to_jpeg(images[0], style.jpeg_quality or 90)
    if fmt == "webp":
        return to_webp(images[0])
    if fmt == "tiff":
        return to_tiff(images)
    return scanned_pdf(images, style.dpi, quality=style.jpeg_quality)


# -- character error rate ---------------------------------------------------------------------


def character_error_rate(truth: str, predicted: str) -> float:
    """Levenshtein distance over the truth's length, both texts with whitespace runs (newlines
    included) collapsed to one space and stripped. An empty truth scores 0 against an empty
    prediction and 1 against anything else."""
    truth = " ".join(truth.split())
    predicted = " ".join(predicted.split())
    if not truth:
        return 0.0 if not predicted else 1.0
    return _levenshtein(truth, predicted) / len(truth)


def _levenshtein(a: str, b: str) -> int:
    try:
        from rapidfuzz.distance import Levenshtein
    except ImportError:  # pragma: no cover - rapidfuzz is pinned; the fallback is tested
        return _bit_parallel_levenshtein(a, b)
    return int(Levenshtein.distance(a, b))


def _bit_parallel_levenshtein(a: str, b: str) -> int:
    """Levenshtein distance by Myers/Hyyrö's bit-vector algorithm with Python integers as the
    bit vectors: O(len(b)) big-integer steps, milliseconds for pages of text."""
    if len(a) < len(b):
        a, b = b, a
    if not b:
        return len(a)
    # Columns of the DP table are bit vectors over b (the shorter string).
    mask = (1 << len(b)) - 1
    high = 1 << (len(b) - 1)
    match: dict[str, int] = {}
    for i, char in enumerate(b):
        match[char] = match.get(char, 0) | (1 << i)
    plus, minus, score = mask, 0, len(b)
    for char in a:
        equal = match.get(char, 0)
        xv = equal | minus
        xh = ((((equal & plus) + plus) ^ plus) | equal) & mask
        ph = (minus | ~(xh | plus)) & mask
        mh = plus & xh
        if ph & high:
            score += 1
        elif mh & high:
            score -= 1
        ph = ((ph << 1) | 1) & mask
        mh = (mh << 1) & mask
        plus = (mh | ~(xv | ph)) & mask
        minus = ph & xv
    return score


# -- hostile and edge-case inputs -------------------------------------------------------------


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def decompression_bomb_png(width: int = 50_000, height: int = 50_000) -> bytes:
    """A valid 1-bit greyscale PNG of ``width`` x ``height`` black pixels (2.5 gigapixels by
    default) in about 300 KB, built in milliseconds.

    The image data is all zero bytes, so it is deflated once per 4 MiB block with a full flush
    after each (which makes every later block's bytes identical: the compressor forgets its
    history) and the block repeated; the Adler-32 of n zero bytes is ``(n mod 65521) << 16 | 1``.
    """
    row = 1 + (width + 7) // 8  # filter byte + packed bits
    total = row * height
    block = 1 << 22
    compressor = zlib.compressobj(9)
    first = compressor.compress(bytes(min(block, total))) + compressor.flush(zlib.Z_FULL_FLUSH)
    parts = [first]
    left = total - min(block, total)
    if left >= block:
        repeat = compressor.compress(bytes(block)) + compressor.flush(zlib.Z_FULL_FLUSH)
        parts.append(repeat * (left // block))
        left %= block
    if left:
        parts.append(compressor.compress(bytes(left)) + compressor.flush(zlib.Z_FULL_FLUSH))
    parts.append(compressor.flush(zlib.Z_FINISH)[:-4])  # the final empty block, less Adler-32
    parts.append(struct.pack(">I", ((total % 65521) << 16) | 1))
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", header)
        + _png_chunk(b"IDAT", b"".join(parts))
        + _png_chunk(b"IEND", b"")
    )


def _text_strip(width: int, height: int, text: str) -> Image.Image:
    """Black text on white repeated along a ``width`` x ``height`` strip."""
    image = Image.new("L", (width, height), _WHITE)
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=max(8, height * 3 // 5))
    step = max(1, int(draw.textlength(text + "  ", font=font)))
    for x in range(height // 4, width, step):
        draw.text((x, height // 5), text, fill=0, font=font)
    return image


def wide_image_png(width: int = 30_000, height: int = 40) -> bytes:
    """A ``width`` x ``height`` strip of repeated resume-like text (a banner, or an extreme
    aspect ratio for the OCR side to refuse or tile)."""
    return to_png(_text_strip(width, height, "Senior Software Engineer - Python, PostgreSQL"))


def truncated_jpeg() -> bytes:
    """The first half of a valid JPEG of a line of text: the header parses, the pixels do
    not (Pillow's ``load()`` raises ``OSError``)."""
    data = to_jpeg(_text_strip(800, 60, "Jane Doe jane.doe@example.com"), 85)
    return data[: len(data) // 2]


def blank_image_png(width: int = 1240, height: int = 1754, seed: int = 0) -> bytes:
    """An A4 page at 150 dpi with no text: office-scanner paper tint, lighting and noise."""
    style = replace(STYLES["office"], dpi=150, rotate_degrees=0.0, jpeg_quality=None)
    page = Image.new("L", (width, height), _WHITE)
    return to_png(degrade(page, random.Random(f"blank/{seed}"), style))


def scanned_pdf_pages(n: int = 300) -> bytes:
    """An ``n``-page image-only A4 PDF, every page showing the same tiny image (stored once),
    so the file stays a few KB: a long scan for page limits."""
    image = _text_strip(180, 24, "Page of a long scanned document")
    stream = to_png(image)
    document = fitz().open()
    xref = 0
    for _ in range(n):
        page = document.new_page(width=595, height=842)
        rect = fitz().Rect(36, 36, 36 + 180 * 2, 36 + 24 * 2)
        if xref:
            page.insert_image(rect, xref=xref)
        else:
            xref = page.insert_image(rect, stream=stream)
    return _pdf_bytes(document)
