"""Putting flat blanks on pages: one per page with its trim and bleed boxes, or n-up on a home-printer sheet.

A *blank* is the flat piece of card that goes through the printer (a folded card's blank is
twice the card). On its own page the MediaBox is the bleed box, or larger when crop and fold
marks are asked for; TrimBox and BleedBox say where to cut. On a Letter or A4 sheet the blanks
are laid out in a grid (turned a quarter when that fits more), and crop and fold marks are drawn
in the sheet's margin, in line with every cut and fold, so no mark ever touches a card.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterator, Sequence, TypeVar

from followup.errors import UsageError
from followup.geometry import Box, inch, to_mm

MARK_LENGTH = 12.0  # points: a crop mark's length
MARK_GAP = 3.0  # points between the bleed (or the grid of cards) and the start of a mark
MARK_WIDTH = 0.3  # points: hairline marks
# home inkjet and laser printers cannot print the outer ~1/4 in of a sheet; cards and marks stay inside it
PRINTER_MARGIN = inch(0.25)

T = TypeVar("T")


@dataclass(frozen=True)
class Blank:
    """A flat blank: its size, bleed, and the folds across it (segments in its own coordinates)."""

    width: float
    height: float
    bleed: float
    folds: tuple[tuple[float, float, float, float], ...] = ()


@dataclass(frozen=True)
class Slot:
    """Where one blank sits on a page: the lower-left corner of its trim, and whether it is turned."""

    x: float
    y: float
    turned: bool = False  # a quarter turn anticlockwise

    def trim(self, blank: Blank) -> Box:
        """The blank's trim on the page."""
        if self.turned:
            return Box(self.x, self.y, blank.height, blank.width)
        return Box(self.x, self.y, blank.width, blank.height)

    def place(self, blank: Blank, x: float, y: float) -> tuple[float, float]:
        """A point of the blank (its own coordinates) on the page."""
        if self.turned:
            return (self.x + blank.height - y, self.y + x)
        return (self.x + x, self.y + y)


@dataclass(frozen=True)
class Plan:
    """How pages are laid out: their size, the slots on each page, boxes and marks."""

    page_size: tuple[float, float]
    slots: tuple[Slot, ...]
    boxes: bool  # one blank per page: write TrimBox and BleedBox
    marks: bool
    mark_gap: float  # from the trims (or the grid) to the start of each mark


def single(blank: Blank, *, marks: bool) -> Plan:
    """One blank per page: the page is its bleed box, grown to hold crop and fold marks when asked."""
    room = blank.bleed + (MARK_GAP + MARK_LENGTH + MARK_GAP if marks else 0.0)
    return Plan(
        page_size=(blank.width + 2 * room, blank.height + 2 * room),
        slots=(Slot(room, room),),
        boxes=True,
        marks=marks,
        mark_gap=blank.bleed + MARK_GAP,
    )


def sheet(blank: Blank, paper_size: tuple[float, float], paper_name: str) -> Plan:
    """As many blanks as fit on a portrait sheet, with room for crop marks in its printable margin.

    Blanks are spaced by twice the bleed when that costs no card, else they share their cuts.
    """
    sheet_width, sheet_height = paper_size
    band = PRINTER_MARGIN + MARK_GAP + MARK_LENGTH
    room_x, room_y = sheet_width - 2 * band, sheet_height - 2 * band
    best: tuple[int, float, bool, int, int] | None = None
    for gap in (2 * blank.bleed, 0.0):
        for turned in (False, True):
            width, height = (blank.height, blank.width) if turned else (blank.width, blank.height)
            columns = int((room_x + gap) // (width + gap)) if width <= room_x else 0
            rows = int((room_y + gap) // (height + gap)) if height <= room_y else 0
            # ties keep the earlier choice: spaced before shared cuts, upright before turned
            if columns * rows and (best is None or columns * rows > best[0]):
                best = (columns * rows, gap, turned, columns, rows)
    if best is None:
        raise UsageError(
            f"the card's flat blank ({to_mm(blank.width):.0f} x {to_mm(blank.height):.0f} mm) does not fit on a "
            f"sheet of {paper_name} paper with room for crop marks: print it without --sheet, on card stock of its own size"
        )
    _, gap, turned, columns, rows = best
    width, height = (blank.height, blank.width) if turned else (blank.width, blank.height)
    left = (sheet_width - (columns * width + (columns - 1) * gap)) / 2
    top = (sheet_height + (rows * height + (rows - 1) * gap)) / 2
    slots = tuple(
        Slot(left + column * (width + gap), top - (row + 1) * height - row * gap, turned)
        for row in range(rows)
        for column in range(columns)
    )
    return Plan(page_size=paper_size, slots=slots, boxes=False, marks=True, mark_gap=MARK_GAP)


def chunks(items: Sequence[T], size: int) -> Iterator[Sequence[T]]:
    """``items`` in groups of ``size`` (the last may be shorter)."""
    for start in range(0, len(items), size):
        yield items[start : start + size]


def draw_pages(canvas, plan: Plan, blank: Blank, items: Sequence[T], draw: Callable[[object, T], None]) -> None:
    """Lay ``items`` out page by page: ``draw(canvas, item)`` draws one blank in its own coordinates."""
    canvas.setPageSize(plan.page_size)
    for group in chunks(items, len(plan.slots)):
        used = plan.slots[: len(group)]
        if plan.boxes:
            trim = used[0].trim(blank)
            canvas.setTrimBox(trim.as_tuple())
            canvas.setBleedBox(trim.grow(blank.bleed).as_tuple())
        for slot, item in zip(used, group):
            canvas.saveState()
            if slot.turned:
                canvas.translate(slot.x + blank.height, slot.y)
                canvas.rotate(90)
            else:
                canvas.translate(slot.x, slot.y)
            draw(canvas, item)
            canvas.restoreState()
        if plan.marks:
            draw_marks(canvas, plan, blank, used)
        canvas.showPage()


def draw_marks(canvas, plan: Plan, blank: Blank, slots: Sequence[Slot]) -> None:
    """Crop marks in line with every trim edge, fold marks (dashed) with every fold, outside all cards."""
    trims = [slot.trim(blank) for slot in slots]
    grid = Box(
        min(box.x for box in trims),
        min(box.y for box in trims),
        max(box.right for box in trims) - min(box.x for box in trims),
        max(box.top for box in trims) - min(box.y for box in trims),
    )
    cuts_x = sorted({round(value, 3) for box in trims for value in (box.x, box.right)})
    cuts_y = sorted({round(value, 3) for box in trims for value in (box.y, box.top)})
    folds_x: set[float] = set()
    folds_y: set[float] = set()
    for slot in slots:
        for x0, y0, x1, y1 in blank.folds:
            (px0, py0), (px1, _) = slot.place(blank, x0, y0), slot.place(blank, x1, y1)
            if abs(px0 - px1) < 0.01:
                folds_x.add(round(px0, 3))
            else:
                folds_y.add(round(py0, 3))
    canvas.saveState()
    canvas.setLineWidth(MARK_WIDTH)
    canvas.setStrokeColorRGB(0, 0, 0)
    _marks(canvas, grid, plan.mark_gap, cuts_x, cuts_y)
    if folds_x or folds_y:
        canvas.setDash(2, 1.5)
        canvas.setStrokeColorRGB(0.45, 0.45, 0.45)
        _marks(canvas, grid, plan.mark_gap, sorted(folds_x), sorted(folds_y))
    canvas.restoreState()


def _marks(canvas, grid: Box, gap: float, xs: Sequence[float], ys: Sequence[float]) -> None:
    """Short strokes beyond the grid's edges: above and below it at each x, left and right of it at each y."""
    path = canvas.beginPath()
    for x in xs:
        for start, end in ((grid.top + gap, grid.top + gap + MARK_LENGTH), (grid.y - gap, grid.y - gap - MARK_LENGTH)):
            path.moveTo(x, start)
            path.lineTo(x, end)
    for y in ys:
        for start, end in ((grid.x - gap, grid.x - gap - MARK_LENGTH), (grid.right + gap, grid.right + gap + MARK_LENGTH)):
            path.moveTo(start, y)
            path.lineTo(end, y)
    canvas.drawPath(path, stroke=1, fill=0)
