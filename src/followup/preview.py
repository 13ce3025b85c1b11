"""PNG previews of the PDFs: pages trimmed to the card or envelope edge, and a contact sheet of a whole run.

pypdfium2 renders, Pillow writes. A page with a TrimBox (cards and envelopes with bleed)
is cropped to it, so the preview shows the piece as it will be held. Labels under the
contact sheet's tiles are drawn run by run in the bundled fonts, so every name shows.
"""

from __future__ import annotations

import io
import math
from functools import lru_cache
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from followup import fonts
from followup.errors import InputError

MAX_SHEET_WIDTH = 2400  # pixels: the contact sheet stays a picture, not a poster
TILE_WIDTH = (40, 220)  # smallest and largest tile width in pixels
LABEL_SIZE = 13  # pixels, for tiles wide enough; smaller tiles get smaller labels
BACKGROUND, PAPER_EDGE, TEXT = (236, 236, 238), (170, 170, 176), (40, 40, 44)


def _open(path: Path):
    import pypdfium2 as pdfium

    try:
        return pdfium.PdfDocument(str(path))
    except (pdfium.PdfiumError, OSError) as error:
        raise InputError(f"not a PDF that can be read ({error})", path=path) from None


def page_image(page, scale: float):
    """One page as a Pillow image, trimmed to its TrimBox when it has one."""
    crop = (0.0, 0.0, 0.0, 0.0)
    if page.get_rotation() == 0:
        left, bottom, right, top = page.get_cropbox()
        trim_left, trim_bottom, trim_right, trim_top = page.get_trimbox()
        crop = tuple(max(0.0, value) for value in (trim_left - left, trim_bottom - bottom, right - trim_right, top - trim_top))
    return page.render(scale=scale, crop=crop).to_pil().convert("RGB")


def png(image) -> bytes:
    """PNG bytes of a Pillow image (no timestamps: same image, same bytes)."""
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=False)
    return buffer.getvalue()


def previews(pdf: Path, dpi: float = 100) -> list[tuple[Path, bytes]]:
    """(``<pdf-stem>-<page>.png`` beside the PDF, its PNG bytes) for every page of ``pdf``."""
    if not 10 <= dpi <= 1200:
        from followup.errors import UsageError

        raise UsageError(f"--dpi {dpi:g} is out of range: choose between 10 and 1200 (100 is a screen's worth)")
    document = _open(pdf)
    try:
        result = []
        for number in range(len(document)):
            page = document[number]
            result.append((pdf.with_name(f"{pdf.stem}-{number + 1}.png"), png(page_image(page, dpi / 72))))
            page.close()
        return result
    finally:
        document.close()


@dataclass(frozen=True)
class Tile:
    """One item of a run on the contact sheet: its label and its file (a PDF, or an email draft)."""

    label: str
    path: Path


@lru_cache(maxsize=64)
def _font(key: str, size: int):
    from PIL import ImageFont

    return ImageFont.truetype(str(fonts.font_spec(key).path), size)


def draw_text(draw, x: float, y: float, text: str, size: int, key: str = "sans", fill=TEXT, width: float | None = None) -> None:
    """Draw ``text`` with the font fallback chain of ``key`` (so CJK names show), cut to ``width``."""
    end = x + width if width is not None else math.inf
    for font_name, part in fonts.runs(text, key):
        font = _font(font_name, size)
        cut = part
        while cut and x + font.getlength(cut) > end:
            cut = cut[:-1]
        draw.text((x, y), cut, font=font, fill=fill)
        x += font.getlength(cut)
        if cut != part:
            return


def _wrapped(text: str, size: int, width: float, limit: int) -> list[str]:
    """Word-wrap ``text`` to ``width`` pixels (measured in the sans face), at most ``limit`` lines."""
    font, lines, current = _font("sans", size), [], ""
    for word in text.split():
        candidate = f"{current} {word}".strip()
        if current and font.getlength(candidate) > width:
            lines.append(current)
            current = word
        else:
            current = candidate
    if current:
        lines.append(current)
    return lines[:limit]


def _email_tile(path: Path, width: int, height: int):
    """An email draft as a tile: who it is to, its subject and the start of its text."""
    from email import message_from_bytes
    from email.policy import default

    from PIL import Image, ImageDraw

    message = message_from_bytes(path.read_bytes(), policy=default)
    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    size = max(8, width // 17)
    pad, inner = size, width - 2 * size
    to = message["To"]
    names = [address.display_name or address.addr_spec for address in to.addresses] if to is not None else []
    names += [group.display_name for group in to.groups if not group.addresses and group.display_name] if to is not None else []
    y = pad
    draw_text(draw, pad, y, "To: " + ", ".join(names), size, "sans-semibold", width=inner)
    y += size * 1.5
    for line in _wrapped(str(message["Subject"] or ""), size, inner, 2):
        draw_text(draw, pad, y, line, size, width=inner)
        y += size * 1.3
    y += size * 0.5
    draw.line((pad, y, width - pad, y), fill=PAPER_EDGE)
    y += size * 0.6
    body = message.get_body(("plain",))
    small = max(7, size * 4 // 5)
    text = " ".join(body.get_content().split()) if body is not None else ""
    for line in _wrapped(text, small, inner, max(0, int((height - y - pad) // (small * 1.3)))):
        draw_text(draw, pad, y, line, small, width=inner, fill=(90, 90, 96))
        y += small * 1.3
    return image


def contact_sheet(tiles: Sequence[Tile | None], group: int = 1) -> bytes:
    """A PNG of every tile in a grid, each labelled; PDFs show their first page, emails their header.

    Tiles come in groups of ``group`` (one interviewer's items, ``None`` where one is missing);
    a row holds whole groups, so each product keeps its column.
    """
    from PIL import Image, ImageDraw

    if not any(tiles):
        raise ValueError("a contact sheet needs at least one tile")
    columns = max(1, min(len(tiles), math.ceil(math.sqrt(len(tiles) * 1.5))))
    columns = min(len(tiles), group * max(1, round(columns / group)))
    width = int(max(TILE_WIDTH[0], min(TILE_WIDTH[1], (MAX_SHEET_WIDTH - 16) // columns - 16)))
    height = int(width * 1.3)
    label_size = max(6, min(LABEL_SIZE, width // 9))
    gap, label = 16, label_size * 2 + 10
    rows = math.ceil(len(tiles) / columns)
    sheet = Image.new("RGB", (gap + columns * (width + gap), gap + rows * (height + label + gap)), BACKGROUND)
    draw = ImageDraw.Draw(sheet)
    for number, tile in enumerate(tiles):
        if tile is None:
            continue
        x = gap + (number % columns) * (width + gap)
        y = gap + (number // columns) * (height + label + gap)
        if tile.path.suffix.lower() == ".pdf":
            document = _open(tile.path)
            try:
                page = document[0]
                page_width, page_height = page.get_size()
                picture = page_image(page, min(width / page_width, height / page_height))
                page.close()
            finally:
                document.close()
        else:
            picture = _email_tile(tile.path, width, int(width * 0.75))
        left = x + (width - picture.width) // 2
        top = y + (height - picture.height) // 2
        sheet.paste(picture, (left, top))
        draw.rectangle((left - 1, top - 1, left + picture.width, top + picture.height), outline=PAPER_EDGE)
        for line_number, line in enumerate(tile.label.split("\n")[:2]):
            draw_text(draw, x, y + height + 4 + line_number * (label_size + 3), line, label_size, width=width)
    return png(sheet)
