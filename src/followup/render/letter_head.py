"""The head of a letter's first page: the letterhead, and the address set to show through a window.

A window envelope shows only a small zone of the folded letter (print-specs.md 2.4, 2.5). The
address is set in sans serif, as postal readers prefer, at the largest size from 10 pt down
to 8 pt that fits the zone; if it has too many lines, the job title goes first, then the
street lines share a line, then the town and postcode do. An address that still does not fit
is a ``FitError`` for that letter only.
"""

from __future__ import annotations

from dataclasses import dataclass

from followup import fonts
from followup.addressing import address_block
from followup.errors import FitError
from followup.geometry import to_mm
from followup.model import Address
from followup.render.letter_layout import ABOVE, BELOW, QUIET, Mark, Rule, Text, wrap

ADDRESS_FONT = "sans"
SIZES = [10.0 - step * 0.25 for step in range(9)]  # 10 pt down to 8 pt
FLOORS = (10.0, 9.0, 8.0)  # rather drop detail (the job title...) than go below 10 pt, then 9, then 8
ADDRESS_LEADING = 1.08
RETURN_SIZES = [7.5 - step * 0.25 for step in range(7)]  # 7.5 pt down to 6 pt (DIN 5008 minimum)


@dataclass(frozen=True)
class LetterheadText:
    """The candidate's name and details as the letterhead prints them."""

    name: str
    place: str  # the postal address on one line
    reach: str  # email and phone

    def marks(self, *, left: float, top: float, width: float, centred: bool) -> tuple[list[Mark], float]:
        """The letterhead from ``top`` down: name, details (one line if they fit, else two), a rule.

        Returns the marks and the rule's height on the page.
        """
        x, align = (left + width / 2, "center") if centred else (left, "left")
        y = top - 13.5
        marks: list[Mark] = [Text(x, y, self.name, "serif-semibold", 18.0, align=align, role="letterhead")]
        details = " · ".join(part for part in (self.place, self.reach) if part)
        size = next((size for size in (9.0, 8.5, 8.0) if fonts.width(details, "serif", size) <= width), None)
        # else the address on one row, email and phone on the next (wrapped if even that is too long)
        rows = [details] if size else [row for part in (self.place, self.reach) if part for row in wrap(part, "serif", 9.0, width)]
        y -= 3.0
        for row in rows:
            if row:
                y -= 12.0
                marks.append(Text(x, y, row, "serif", size or 9.0, color=QUIET, align=align, role="letterhead"))
        y -= 8.0
        marks.append(Rule(left, y, left + width, y, 0.5))
        return marks, y


def _merge_locality(lines: list[str], fixed: set[str]) -> list[str]:
    """Join neighbouring lines that are neither name, company, street nor country ("London" "EC2A 1AF")."""
    merged: list[str] = []
    previous_joinable = False
    for line in lines:
        joinable = line not in fixed
        if joinable and previous_joinable:
            merged[-1] = f"{merged[-1]} {line}"
        else:
            merged.append(line)
        previous_joinable = joinable
    return merged


def address_variants(
    *, name_lines: list[str], title: str | None, company: str, address: Address, sender_country: str
) -> list[list[str]]:
    """The address from the fullest form to the most compact, each line still in the user's spelling."""
    full = address_block(name_lines=[*name_lines, *([title] if title else [])], company=company, address=address, sender_country=sender_country)
    plain = address_block(name_lines=name_lines, company=company, address=address, sender_country=sender_country)
    street = ", ".join(address.lines)
    joined = address_block(
        name_lines=name_lines, company=company, address=address.model_copy(update={"lines": [street]}), sender_country=sender_country
    )
    country = joined[-1:] if address.country != sender_country else []
    compact = _merge_locality(joined, {*name_lines, company, street, *country})
    variants: list[list[str]] = []
    for variant in (full, plain, joined, compact):
        if variant not in variants:
            variants.append(variant)
    return variants


def fit_window_address(window, *, name_lines, title, company, address, sender_country, subject) -> list[Mark]:
    """The recipient's address set inside the window's zone, as large as fits."""
    box = window.recipient_box
    left = box.x + window.address_indent
    room = box.right - window.address_indent - left
    variants = address_variants(name_lines=name_lines, title=title, company=company, address=address, sender_country=sender_country)
    for floor in FLOORS:
        for lines in variants:
            for size in SIZES:
                if size < floor:
                    break
                leading = size * ADDRESS_LEADING
                height = (len(lines) - 1) * leading + (ABOVE + BELOW) * size
                if height > box.height or any(fonts.width(line, ADDRESS_FONT, size) > room for line in lines):
                    continue
                y = box.top - ABOVE * size
                marks: list[Mark] = []
                for line in lines:
                    marks.append(Text(left, y, line, ADDRESS_FONT, size, role="window-address"))
                    y -= leading
                return marks
    shortest = variants[-1]
    unit = "mm" if window.metric else "in"
    tall = f"{to_mm(box.height):.0f} mm" if unit == "mm" else f"{box.height / 72:.2f} in"
    raise FitError(
        f"the address ({len(shortest)} lines: {' / '.join(shortest)}) does not fit the {window.name} window "
        f"({tall} tall) even at 8 pt: shorten its lines, or use --window none and a separate envelope",
        subject=subject,
    )


def return_line(letterhead: LetterheadText, window, *, subject: str) -> list[Mark]:
    """The sender's return line in the strip at the top of a DIN address field, as large as fits."""
    box = window.return_box
    left = box.x + window.address_indent
    room = box.right - window.address_indent - left
    text = " · ".join(part for part in (letterhead.name, letterhead.place) if part)
    for size in RETURN_SIZES:
        if fonts.width(text, ADDRESS_FONT, size) <= room and (ABOVE + BELOW) * size <= box.height:
            y = box.y + BELOW * size + 1.0
            return [
                Text(left, y, text, ADDRESS_FONT, size, color=QUIET, role="return-line"),
                Rule(left, y - BELOW * size, left + fonts.width(text, ADDRESS_FONT, size), y - BELOW * size, 0.3),
            ]
    raise FitError(
        f"the return line ({text}) is too long for the {window.name} address field even at 6 pt: shorten the candidate's address",
        subject=subject,
    )
