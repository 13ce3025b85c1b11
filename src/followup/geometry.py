"""Lengths and boxes: the one place where millimetres and inches become points.

Layout data is written with explicit units (``"5.5in"``, ``"105mm"``, ``"12pt"``);
code works in PDF points (1/72 in) with the origin at the bottom left.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

POINTS_PER_UNIT = {"pt": 1.0, "in": 72.0, "mm": 72.0 / 25.4, "cm": 720.0 / 25.4}
_LENGTH = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*(pt|in|mm|cm)\s*$")


def length(text: str | int | float) -> float:
    """Parse ``"5.5in"``/``"105mm"``/``"12pt"`` into points. Bare numbers are refused: units matter."""
    if isinstance(text, (int, float)) and not isinstance(text, bool):
        if text == 0:
            return 0.0
        raise ValueError(f"{text!r} has no unit: write it as e.g. \"{text}mm\" or \"{text}in\"")
    match = _LENGTH.match(str(text))
    if not match:
        raise ValueError(f"{text!r} is not a length: write a number and a unit (pt, in, mm, cm), e.g. \"5.5in\"")
    value, unit = match.groups()
    return float(value) * POINTS_PER_UNIT[unit]


def mm(value: float) -> float:
    """Millimetres to points."""
    return value * POINTS_PER_UNIT["mm"]


def inch(value: float) -> float:
    """Inches to points."""
    return value * 72.0


def to_mm(points: float) -> float:
    """Points to millimetres."""
    return points / POINTS_PER_UNIT["mm"]


@dataclass(frozen=True)
class Box:
    """A rectangle in points, origin at the bottom left of the page."""

    x: float
    y: float
    width: float
    height: float

    @property
    def right(self) -> float:
        return self.x + self.width

    @property
    def top(self) -> float:
        return self.y + self.height

    def inset(self, dx: float, dy: float | None = None) -> "Box":
        """The box shrunk by ``dx`` left and right and ``dy`` (default ``dx``) top and bottom."""
        dy = dx if dy is None else dy
        return Box(self.x + dx, self.y + dy, self.width - 2 * dx, self.height - 2 * dy)

    def grow(self, d: float) -> "Box":
        """The box grown by ``d`` on every side."""
        return self.inset(-d)

    def contains(self, other: "Box", tolerance: float = 0.01) -> bool:
        """True when ``other`` lies inside this box (within ``tolerance`` points)."""
        return (
            other.x >= self.x - tolerance
            and other.y >= self.y - tolerance
            and other.right <= self.right + tolerance
            and other.top <= self.top + tolerance
        )

    def as_tuple(self) -> tuple[float, float, float, float]:
        """(x0, y0, x1, y1), the form PDF boxes take."""
        return (self.x, self.y, self.right, self.top)
