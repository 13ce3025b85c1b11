"""Setting a letter's text: lines wrapped in their own fonts, paginated with keeps, drawn mark by mark.

A letter is prepared as pages of marks (text on a baseline, rules, pictures) before anything
is drawn, so fitting errors surface in ``prepare`` and drawing is a plain loop. Every text
mark is drawn through ``fonts.draw``: each character in a font that has it.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Iterable, Sequence, Union

from followup import fit, fonts
from followup.images import Signature

INK = (0.0, 0.0, 0.0)
QUIET = (0.33, 0.33, 0.33)  # letterhead details, continuation header, marks
# a break may come after a space, or on either side of a CJK character (no spaces in those scripts)
# how far ink (and a PDF reader's character box) reaches above and below the baseline, per point of size
ABOVE = 0.92
BELOW = 0.40


@dataclass(frozen=True)
class Text:
    """A line of text drawn from (x, y) on its baseline; ``align`` right means x is its right end."""

    x: float
    y: float
    text: str
    font: str
    size: float
    color: tuple[float, float, float] = INK
    align: str = "left"
    role: str = "body"


@dataclass(frozen=True)
class Rule:
    """A straight line, e.g. under the letterhead or a fold mark."""

    x0: float
    y0: float
    x1: float
    y1: float
    width: float = 0.5
    color: tuple[float, float, float] = QUIET


@dataclass(frozen=True)
class Picture:
    """An image (the signature) drawn into a box."""

    x: float
    y: float
    width: float
    height: float
    signature: Signature


Mark = Union[Text, Rule, Picture]


@dataclass(frozen=True)
class Line:
    """One line of the flowing part of a letter, and how it may break from its neighbours.

    ``space_before`` is extra space above the line (blank lines), dropped at the top of a page;
    ``keep_with_next`` forbids a page break between this line and the next.
    """

    text: str
    font: str
    size: float
    leading: float
    indent: float = 0.0
    space_before: float = 0.0
    keep_with_next: bool = False
    role: str = "body"
    picture: Signature | None = None  # drawn in the space above this line (the signature)
    picture_box: tuple[float, float] = (0.0, 0.0)  # the largest (width, height) it may take


@lru_cache(maxsize=1 << 13)  # bounded, so memory stays flat however large the batch
def _width(text: str, font: str, size: float) -> float:
    """``fonts.width``, remembered: the same words come back in every letter of a panel."""
    return fonts.width(text, font, size)


def wrap(text: str, font: str, size: float, width: float) -> list[str]:
    """Break ``text`` into lines no wider than ``width`` (``fit.wrap``, with cached widths)."""
    return fit.wrap(" ".join(text.split()), width, lambda part: _width(part, font, size), runts=False, break_cjk=True)


def paragraph(
    text: str,
    *,
    font: str,
    size: float,
    leading: float,
    width: float,
    indent: float = 0.0,
    space_before: float = 0.0,
    role: str = "body",
    keep_together: bool = False,
) -> list[Line]:
    """A paragraph as flow lines: never one line alone at the foot or head of a page."""
    texts = wrap(text, font, size, width - indent)
    count = len(texts)
    lines = []
    for number, line in enumerate(texts):
        # no orphan (first line alone at a page foot), no widow (last line alone at a page head)
        keep = keep_together or (number < count - 1 and number in (0, count - 2))
        lines.append(
            Line(
                text=line,
                font=font,
                size=size,
                leading=leading,
                indent=indent,
                space_before=space_before if number == 0 else 0.0,
                keep_with_next=keep,
                role=role,
            )
        )
    return lines


def keep_together(lines: Sequence[Line]) -> list[Line]:
    """The lines, none of them to be parted from the next (a closing block, the last paragraph)."""
    return [replace(line, keep_with_next=True) for line in lines]


@dataclass
class Placed:
    """A flow line with its baseline on its page."""

    line: Line
    y: float


@dataclass
class Flow:
    """Where the flowing text may go: the first baseline's predecessor on page 1, and on later pages."""

    first_previous: float  # page 1: the baseline the first line's advance is measured from
    next_first: float  # later pages: the first baseline
    bottom: float  # no ink below this
    pages: list[list[Placed]] = field(default_factory=list)


def paginate(lines: Sequence[Line], flow: Flow) -> list[list[Placed]]:
    """Place the lines page by page; a break never falls after a line that keeps with the next.

    When a chain of kept lines is longer than a whole page, it breaks where the page ends.
    """
    pages: list[list[Placed]] = []
    start, first_page = 0, True
    while start < len(lines):
        placed: list[Placed] = []
        previous = flow.first_previous if first_page else None
        index = start
        while index < len(lines):
            line = lines[index]
            if previous is None:
                y = flow.next_first
            else:
                y = previous - line.space_before - line.leading
            if y - BELOW * line.size < flow.bottom and (placed or first_page):
                break  # (page 1 may hold no flowing text at all if its head fills it)
            placed.append(Placed(line, y))
            previous = y
            index += 1
        if index < len(lines):
            cut = index
            while cut > start and lines[cut - 1].keep_with_next:
                cut -= 1
            if cut > start or (first_page and _chain_fits_a_page(lines, start, flow)):
                placed = placed[: cut - start]
                index = cut
        pages.append(placed)
        start, first_page = index, False
    return pages


def _chain_fits_a_page(lines: Sequence[Line], start: int, flow: Flow) -> bool:
    """Would the lines kept together from ``start`` fit on an empty later page?"""
    end = start
    while end < len(lines) - 1 and lines[end].keep_with_next:
        end += 1
    height = sum(line.space_before + line.leading for line in lines[start + 1 : end + 1])
    return flow.next_first - height - BELOW * lines[end].size >= flow.bottom


def draw(canvas, pages: Iterable[Sequence[Mark]]) -> None:
    """Draw each page's marks and end the page."""
    from reportlab.lib.utils import ImageReader

    for marks in pages:
        for mark in marks:
            if isinstance(mark, Text):
                canvas.setFillColorRGB(*mark.color)
                x = mark.x - fonts.width(mark.text, mark.font, mark.size) if mark.align == "right" else mark.x
                x = mark.x - fonts.width(mark.text, mark.font, mark.size) / 2 if mark.align == "center" else x
                fonts.draw(canvas, x, mark.y, mark.text, mark.font, mark.size)
            elif isinstance(mark, Rule):
                canvas.setStrokeColorRGB(*mark.color)
                canvas.setLineWidth(mark.width)
                canvas.line(mark.x0, mark.y0, mark.x1, mark.y1)
            else:
                reader = ImageReader(mark.signature.pil())
                canvas.drawImage(reader, mark.x, mark.y, mark.width, mark.height, mask="auto")
        canvas.showPage()
