"""Signature images: a scan or photo of a signature made to print like ink on the page.

Pillow opens PNG or JPEG only, under its decompression-bomb limit and a size limit of our
own; the paper around the signature is trimmed, and white or near-white paper becomes
transparent (ink keeps its colour, its lightness becomes opacity), so the signature sits on
the letter like ink, not like a pasted white rectangle. Every failure is an ``ImageError``
that says what is wrong with which file and what to do.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from followup.errors import ImageError

FORMATS = ("PNG", "JPEG")
MAX_SIDE = 10_000  # pixels: a signature scanned at 600 dpi is a few thousand at most
MAX_PIXELS = 40_000_000  # far below Pillow's own bomb limit, far above any real signature
MAX_BYTES = 30_000_000
PAPER = 235  # lightness (0-255) at and above which a pixel counts as paper
INK = 120  # lightness at and below which a pixel is fully opaque ink
KEEP_SIDE = 1200  # the trimmed image is reduced to this long side: ~600 dpi at 2 in wide


@dataclass(frozen=True)
class Signature:
    """A trimmed signature with a transparent background: RGBA PNG bytes and its pixel size."""

    png: bytes
    width: int
    height: int

    @property
    def aspect(self) -> float:
        """Width over height."""
        return self.width / self.height

    def fit(self, max_width: float, max_height: float) -> tuple[float, float]:
        """The largest (width, height) in points with this aspect inside the given space."""
        scale = min(max_width / self.width, max_height / self.height)
        return (self.width * scale, self.height * scale)

    def pil(self):
        """The image as a Pillow RGBA image (for drawing)."""
        from PIL import Image

        return Image.open(io.BytesIO(self.png))


def candidate_signature(interview) -> Signature | None:
    """The candidate's signature ready to draw (None without one).

    A bad image is an ``ImageError`` at the interview file's ``candidate.signature`` line; its
    message names the image. ``render`` stops with it and ``check`` reports it, in the same
    words. Each image is read and cleaned once per process.
    """
    path = interview.candidate.signature
    if path is None:
        return None
    try:
        return _cached_signature(Path(path))
    except ImageError as error:
        file, line = interview.locate("candidate", "signature")
        raise ImageError(error.message, path=file, line=line, field="candidate.signature") from None


@cache
def _cached_signature(path: Path) -> Signature:
    return load_signature(path)


def load_signature(path: str | Path) -> Signature:
    """Open, check, trim and clear the background of the signature image at ``path``.

    This is the one check of a signature image: whatever it refuses, ``check`` reports and
    ``render`` stops on; whatever it accepts, the products draw.
    """
    path = Path(path)
    return _as_ink(open_signature(path), path)


def open_signature(path: Path):
    """The image at ``path`` decoded (a Pillow image), or an ``ImageError`` that names it and says what to do."""
    from PIL import Image, UnidentifiedImageError

    name = path.name
    if not path.is_file():
        raise ImageError(f'image not found ("{name}"): give the path of a PNG or JPEG file', path=path)
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise ImageError(
            f'image "{name}" is {size / 1e6:.0f} MB, too large to be a signature: use a PNG or JPEG under {MAX_BYTES // 1_000_000} MB',
            path=path,
        )
    data = path.read_bytes()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data), formats=FORMATS) as image:
                _check_size(image, path)
                image.verify()  # reads the whole file: truncated or corrupt data fails here
            image = Image.open(io.BytesIO(data), formats=FORMATS)  # verify() leaves an image that cannot be used
            image.load()
    except ImageError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ImageError(f'image "{name}" is too large to be a signature: {_LIMIT}', path=path) from None
    except UnidentifiedImageError:
        raise ImageError(_not_png_or_jpeg(data, name), path=path) from None
    except (OSError, SyntaxError, ValueError, EOFError) as error:
        raise ImageError(f'image "{name}" cannot be read ({error}): export it again as PNG or JPEG', path=path) from None
    return image


_LIMIT = f"use a PNG or JPEG under {MAX_SIDE:,} pixels a side and {MAX_PIXELS // 1_000_000} megapixels"


def _not_png_or_jpeg(data: bytes, name: str) -> str:
    """Why Pillow refused the file: an image in another format, or no image at all."""
    from PIL import Image

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            with Image.open(io.BytesIO(data)) as other:  # the header only: nothing is decoded
                kind = other.format
    except (OSError, SyntaxError, ValueError, EOFError, Image.DecompressionBombError):
        kind = None  # not an image Pillow knows
    if kind:
        return f'image "{name}" is a {kind} file: save the signature as PNG or JPEG'
    return f'"{name}" is not an image: use a PNG or JPEG file'


def _check_size(image, path: Path) -> None:
    width, height = image.size
    if width < 1 or height < 1:
        raise ImageError(f'image "{path.name}" is empty (0 pixels): export it again as PNG or JPEG', path=path)
    if max(width, height) > MAX_SIDE or width * height > MAX_PIXELS:
        raise ImageError(f'image "{path.name}" is {width:,} x {height:,} pixels, too large to be a signature: {_LIMIT}', path=path)


def _as_ink(image, path: Path) -> Signature:
    """Trim to the ink and turn the paper transparent; the result is deterministic PNG bytes."""
    from PIL import Image, ImageChops, ImageOps

    image = ImageOps.exif_transpose(image)  # a phone photo stored sideways
    if image.mode in ("I", "I;16", "I;16B", "I;16L", "F"):
        # 16-bit greyscale scans: scale to 8 bits (a plain convert would clip everything to white)
        peak = 65535 if image.mode.startswith("I;16") or image.getextrema()[1] > 255 else 255
        image = image.convert("I").point(lambda value: value * (255 / peak)).convert("L")
    rgba = image.convert("RGBA")
    lightness = rgba.convert("L")
    # opacity from lightness: paper (>= PAPER) clear, ink (<= INK) solid, a soft ramp between
    ramp = [255 if value <= INK else 0 if value >= PAPER else round(255 * (PAPER - value) / (PAPER - INK)) for value in range(256)]
    opacity = ImageChops.multiply(lightness.point(ramp), rgba.getchannel("A"))
    box = opacity.point([0 if value < 32 else 255 for value in range(256)]).getbbox()
    if box is None:
        raise ImageError(
            f'image "{path.name}" has no ink on it (it is blank or all white): scan or photograph the signature again', path=path
        )
    pad = max(2, round(0.02 * max(box[2] - box[0], box[3] - box[1])))
    box = (max(0, box[0] - pad), max(0, box[1] - pad), min(rgba.width, box[2] + pad), min(rgba.height, box[3] + pad))
    alpha = opacity.crop(box)
    # where the paper was, the colour no longer shows: make it black so the PNG compresses well
    ink = Image.composite(rgba.crop(box).convert("RGB"), Image.new("RGB", alpha.size), alpha.point([0 if v == 0 else 255 for v in range(256)]))
    ink.putalpha(alpha)
    if max(ink.size) > KEEP_SIDE:
        scale = KEEP_SIDE / max(ink.size)
        ink = ink.resize((max(1, round(ink.width * scale)), max(1, round(ink.height * scale))), Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    ink.save(buffer, format="PNG", optimize=False)
    return Signature(png=buffer.getvalue(), width=ink.width, height=ink.height)
