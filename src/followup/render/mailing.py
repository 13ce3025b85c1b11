"""What envelopes and labels share: an address block measured in its real fonts, fitted to a box.

A block is a few lines set flush left in one font chain (fallback fonts for the characters the
first font lacks). Its height runs from the tallest ascent of the first line to the deepest
descent of the last, in every font the lines use, so no accent or descender leaves the box.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Sequence

from followup import fonts
from followup.addressing import address_block, addressee, local_script
from followup.errors import GlyphError, MissingAddressError
from followup.geometry import Box
from followup.model import Address
from followup.render.base import Item

# step between the sizes tried when a block shrinks to fit (fine enough to look continuous)
_STEP = 0.25


@dataclass(frozen=True)
class Block:
    """Lines of text set at ``size`` on ``leading`` in ``font``; ``x, top`` is its upper-left corner."""

    lines: tuple[str, ...]
    font: str
    size: float
    leading: float
    x: float = 0.0
    top: float = 0.0

    @property
    def width(self) -> float:
        return max((_measure(line, self.font)[0] for line in self.lines), default=0.0) * self.size

    def extents(self, line: str) -> tuple[float, float]:
        """(height above the baseline, depth below it) of ``line`` in the fonts that draw it."""
        _, above, below = _measure(line, self.font)
        return above * self.size, below * self.size

    @property
    def first_ascent(self) -> float:
        return self.extents(self.lines[0])[0] if self.lines else 0.0

    @property
    def height(self) -> float:
        if not self.lines:
            return 0.0
        return self.first_ascent + (len(self.lines) - 1) * self.leading + self.extents(self.lines[-1])[1]

    @property
    def box(self) -> Box:
        """The block's ink box on the page."""
        return Box(self.x, self.top - self.height, self.width, self.height)

    def at(self, x: float, top: float) -> "Block":
        """The same block with its upper-left corner at (x, top)."""
        return Block(self.lines, self.font, self.size, self.leading, x, top)

    def draw(self, canvas) -> None:
        """Draw every line, each character in a font that has it."""
        baseline = self.top - self.first_ascent
        for line in self.lines:
            fonts.draw(canvas, self.x, baseline, line, self.font, self.size)
            baseline -= self.leading


@lru_cache(maxsize=1 << 13)  # bounded, so memory stays flat however large the batch
def _measure(line: str, font: str) -> tuple[float, float, float]:
    """(width, ascent, descent) of ``line`` at 1 pt, over the fonts its runs use (measured once: fitting
    tries many sizes, and a panel repeats its company and country lines)."""
    from reportlab.pdfbase import pdfmetrics

    parts = fonts.runs(line, font) or [(fonts.register(font), "")]
    faces = [pdfmetrics.getFont(name).face for name, _ in parts]
    width = sum(pdfmetrics.stringWidth(text, name, 1.0) for name, text in parts)
    above = max(max(face.ascent, 1000 + face.descent) for face in faces) / 1000
    below = max(-face.descent for face in faces) / 1000
    return width, above, below


def fit(lines: Sequence[str], font: str, *, largest: float, smallest: float, width: float, height: float,
        spacing: float) -> Block | None:
    """The block at the largest size (``largest`` down to ``smallest``) that fits ``width`` x ``height``.

    ``spacing`` is the leading as a multiple of the size. None when even ``smallest`` is too big.
    """
    size = largest
    while size >= smallest - 1e-9:
        block = Block(tuple(lines), font, size, round(size * spacing, 3))
        if block.width <= width + 1e-6 and block.height <= height + 1e-6:
            return block
        size = round(size - _STEP, 3)
    return None


def destination(item: Item) -> Address:
    """Where the item's mail goes (the interviewer's address, else the interview's), or MissingAddressError."""
    address = item.interview.address_of(item.person)
    if address is None:
        file, line = item.field("address")
        raise MissingAddressError(
            f"no postal address for {item.person.name}: add interviewers[{item.index}].address "
            "or interview.address to the file",
            subject=item.subject,
            path=file or None,
            line=line or None,
        )
    return address


def delivery_lines(item: Item, locale: str, postal_style: bool, *, title: bool = True,
                   attention: bool = False) -> tuple[Address, list[str]]:
    """The interviewer's address and its lines in the destination's order; the country line only
    when the mail leaves the candidate's country (always, if the candidate's country is unknown).

    ``title=False`` leaves out the job title, which the post office does not need. ``attention``
    addresses the company for the interviewer's attention ("Attn: Ms. Jordan Rivera"); a
    Japanese-script address keeps its own form (the name with 様 closes the block).
    """
    address = destination(item)
    candidate = item.interview.candidate
    person = item.person if title else item.person.model_copy(update={"title": None})
    names = addressee(person, address, locale)
    if attention and not (address.country == "JP" and local_script(address)):
        names = [f"Attn: {names[0]}", *names[1:]]
    lines = address_block(
        name_lines=names,
        company=item.interview.company_of(item.person),
        address=address,
        sender_country=candidate.address.country if candidate.address else None,
        postal_style=postal_style,
    )
    if item.person.address is not None:
        file, line = item.field("address")
        where = f"interviewers[{item.index}].address"
    else:
        file, line = item.interview.locate("interview", "address")
        where = "interview.address"
    _drawable(lines, file, line, where)
    return address, lines


def _drawable(lines: list[str], file: str | None, line: int | None, where: str) -> None:
    """A character no bundled font draws is an input error that names the address it is in."""
    try:
        for text in lines:
            fonts.check(text, "sans")
    except GlyphError as error:
        raise GlyphError(error.message, path=file or None, line=line or None, field=where) from error


def return_lines(item: Item, destination_country: str) -> list[str]:
    """The candidate's return address, with their country when the mail goes abroad."""
    candidate = item.interview.candidate
    if candidate.address is None:
        return []
    lines = address_block(name_lines=[candidate.name], company=None, address=candidate.address, sender_country=destination_country)
    _drawable(lines, *item.interview.locate("candidate", "address"), "candidate.address")
    return lines


def paper_for(locale: str) -> str:
    """The usual paper where the locale's user lives: US Letter in the US, Canada and a few others, else A4."""
    country = locale.replace("-", "_").partition("_")[2].upper()
    return "letter" if country in {"US", "CA", "MX", "PH", "CL", "CO", "VE", "GT", "PR"} else "a4"
