"""Address labels: every interviewer's address on a sheet of Avery labels, one combined labels.pdf.

Each address shrinks (down to 7 pt) to fit inside its label's safe area, centred, lines flush
left; if it still does not fit, the job title line goes (the post office does not need it). ``skip`` starts after labels already used on a partly used sheet, ``copies`` repeats each
address, ``return_labels`` puts the candidate's return address after each interviewer's
labels (so each pair is side by side). More labels than a sheet holds continue on new sheets.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import BinaryIO, Sequence

from followup.errors import FitError, InputError, UsageError
from followup.layouts import LabelSheet, load_layout
from followup.model import Product
from followup.printers import Offsets, shifted
from followup.render.base import Common, Item
from followup.render.mailing import Block, delivery_lines, fit, paper_for, return_lines

LARGEST, SMALLEST = 11.0, 7.0  # 7 pt is as small as an address stays readable at arm's length
SPACING = 1.15
DEFAULT_SHEETS = {"letter": "avery-5160", "a4": "avery-l7160"}
MAX_COPIES = 100


@dataclass(frozen=True)
class LabelSet:
    """One interviewer's labels, fitted: their address (copies times), then any return labels."""

    subject: str
    author: str
    blocks: tuple[Block, ...]


class LabelRenderer:
    """The ``labels`` product: only a combined ``labels.pdf`` (no file per interviewer)."""

    name = "labels"
    product = Product.LABEL
    item_file = None
    combined_file = "labels.pdf"

    def __init__(
        self,
        common: Common,
        *,
        sheet: str | None = None,
        paper: str | None = None,
        skip: int = 0,
        copies: int = 1,
        return_labels: bool = False,
        postal_style: bool = False,
        attention: bool = False,
        offsets: Offsets = Offsets(),
    ) -> None:
        chosen_paper = paper or paper_for(common.locale)
        self.sheet: LabelSheet = load_layout(sheet or DEFAULT_SHEETS.get(chosen_paper, "avery-5160"), kind="label-sheet")  # type: ignore[assignment]
        if paper and self.sheet.paper != paper:
            raise UsageError(f"--sheet {self.sheet.name} is printed on {self.sheet.paper} paper, not {paper}: drop --paper or choose another sheet")
        if not 0 <= skip < self.sheet.per_sheet:
            raise UsageError(f"--skip {skip}: {self.sheet.name} has {self.sheet.per_sheet} labels a sheet; skip 0 to {self.sheet.per_sheet - 1}")
        if not 1 <= copies <= MAX_COPIES:
            raise UsageError(f"--copies {copies}: give 1 to {MAX_COPIES}")
        self.common = common
        self.skip = skip
        self.copies = copies
        self.return_labels = return_labels
        self.postal_style = postal_style
        self.attention = attention
        self.offsets = offsets
        label = self.sheet.label_box(0)
        # text stays `safe` inside the label edge, and at least 1/8 in from the sides for the eye
        self.inset_x = max(self.sheet.safe, min(9.0, label.width * 0.06))
        self.inset_y = self.sheet.safe
        self.area = (label.width - 2 * self.inset_x, label.height - 2 * self.inset_y)

    def _fit(self, lines: list[str], whose: str, item: Item, shorter: list[str] | None = None) -> Block:
        """The block at the largest size that fits; else ``shorter`` (the lines without the job title)."""
        tries = [lines] + ([shorter] if shorter and shorter != lines else [])
        for attempt in tries:
            block = fit(attempt, "sans", largest=LARGEST, smallest=SMALLEST, width=self.area[0], height=self.area[1], spacing=SPACING)
            if block is not None:
                return block
        untitled = ", even without the job title" if len(tries) > 1 else ""
        raise FitError(
            f"{whose} ({len(lines)} lines) does not fit a label of {self.sheet.name} at {SMALLEST:g} pt{untitled}: "
            "choose a larger --sheet (avery-5162, avery-5163, avery-l7163) or shorten its lines",
            subject=item.subject,
        )

    def prepare(self, item: Item) -> LabelSet:
        address, lines = delivery_lines(item, self.common.locale, self.postal_style, attention=self.attention)
        candidate = item.interview.candidate
        _, untitled = delivery_lines(item, self.common.locale, self.postal_style, title=False, attention=self.attention)
        blocks = [self._fit(lines, f"the address of {item.person.name}", item, untitled)] * self.copies
        if self.return_labels:
            if candidate.address is None:
                file, line = item.interview.locate("candidate")
                raise InputError("--return needs the candidate's address: add candidate.address", path=file, line=line, field="candidate")
            sender = return_lines(item, address.country)
            blocks += [self._fit(sender, f"the return address of {candidate.name}", item)] * self.copies
        return LabelSet(subject=item.subject, author=candidate.name, blocks=tuple(blocks))

    def _placed(self, index: int, block: Block) -> Block:
        """``block`` centred in label ``index`` (counting from the sheet's first label)."""
        box = self.sheet.label_box(index)
        x = box.x + (box.width - block.width) / 2
        top = box.top - self.inset_y - (self.area[1] - block.height) / 2
        return block.at(x, top)

    def _pdf(self, sets: Sequence[LabelSet], title: str, target: BinaryIO | None = None) -> bytes:
        from followup.pdf import render_pdf

        blocks = [block for label_set in sets for block in label_set.blocks]
        # one size for the whole print run, the smallest any label needed: a sheet reads evenly
        size = min((block.size for block in blocks), default=LARGEST)
        blocks = [Block(block.lines, block.font, size, round(size * SPACING, 3)) for block in blocks]
        per_sheet = self.sheet.per_sheet

        def draw(canvas) -> None:
            slots = range(self.skip, self.skip + len(blocks))
            for page_start in range(0, self.skip + len(blocks), per_sheet):
                on_page = [(slot, blocks[slot - self.skip]) for slot in slots if page_start <= slot < page_start + per_sheet]

                def page(c, on_page=on_page) -> None:
                    c.setFillGray(0)
                    for slot, block in on_page:
                        self._placed(slot, block).draw(c)

                shifted(page, self.offsets)(canvas)
                canvas.showPage()

        return render_pdf(draw, pagesize=self.sheet.page_size, title=title, author=sets[0].author if sets else "", target=target)  # type: ignore[return-value]

    def render(self, label_set: LabelSet) -> bytes:
        """One interviewer's labels on their own sheet(s)."""
        return self._pdf([label_set], f"Labels for {label_set.subject}")

    def combine(self, sets: Sequence[LabelSet], target: BinaryIO) -> bool:
        if not sets:
            return False
        self._pdf(sets, f"Address labels ({self.sheet.name})", target)
        return True


def renderer(common: Common, **options) -> LabelRenderer:
    return LabelRenderer(common, **options)
