"""Reading envelopes and label sheets back from the PDF: characters, lines and boxes, in points."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pdfplumber

MM = 72 / 25.4


@dataclass(frozen=True)
class Rect:
    """A box in PDF coordinates (origin bottom left)."""

    x0: float
    y0: float
    x1: float
    y1: float

    def contains(self, other: "Rect", tolerance: float = 0.05) -> bool:
        return (
            other.x0 >= self.x0 - tolerance
            and other.y0 >= self.y0 - tolerance
            and other.x1 <= self.x1 + tolerance
            and other.y1 <= self.y1 + tolerance
        )

    def overlaps(self, other: "Rect") -> bool:
        return other.x0 < self.x1 and other.x1 > self.x0 and other.y0 < self.y1 and other.y1 > self.y0

    def holds_point(self, x: float, y: float) -> bool:
        return self.x0 <= x <= self.x1 and self.y0 <= y <= self.y1


def char_rect(char: dict) -> Rect:
    return Rect(char["x0"], char["y0"], char["x1"], char["y1"])


def pages(path: Path) -> list[dict]:
    """Each page's size and visible characters (spaces dropped for geometry, kept for text)."""
    with pdfplumber.open(path) as pdf:
        return [{"size": (page.width, page.height), "chars": list(page.chars)} for page in pdf.pages]


def lines(chars: list[dict]) -> list[str]:
    """Upright text lines top to bottom, left to right: characters grouped by baseline and size."""
    rows: dict[tuple[float, float], list[dict]] = {}
    for char in chars:
        key = (round(char["matrix"][5], 1), round(char["size"], 2))
        rows.setdefault(key, []).append(char)
    ordered = sorted(rows.items(), key=lambda item: (-item[0][0], item[0][1]))
    return [unicodedata.normalize("NFC", "".join(c["text"] for c in sorted(row, key=lambda c: c["x0"]))) for _, row in ordered]


def ink(chars: list[dict]) -> list[dict]:
    """Characters that leave ink (not spaces)."""
    return [char for char in chars if char["text"].strip()]
