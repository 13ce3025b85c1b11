"""The copy-by-hand guide: the card at true size, set the size a hand writes, on ruled lines.

CLI.md, "sized for a hand": a person writes larger than a handwriting font set to fit, so the
guide lays the message out with a hand's measures: ruled lines at the hand's pitch (8 mm for
a medium hand) and the font scaled so its average advance per character is the hand's (about
2.7 mm). The fit check uses those measures; the guide's line breaks are the ones to copy, and
they differ from ``card.pdf``'s. Text in a light ink; the panel's edge and the fold drawn.

A message too long for the message panel of a folded card goes on both inside panels, as
people write a long card: it begins on the first in reading order (upper, or left) and
continues on the second, each panel ruled, with a small printed note in each panel's margin
saying where the text goes on (1 of 2, 2 of 2). Only when both panels together cannot hold
it (or a flat card's face cannot) is it a ``FitError``, by how many words.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from followup import fit, fonts, handwriting
from followup.errors import UsageError
from followup.geometry import Box, mm
from followup.layouts import Card
from followup.render.base import Common, Item
from followup.render.card import CardOptions, CardRenderer, Draft, PreparedCard, Spacing, unit_width

GUIDE_INK = 0.4  # the guide's text, as a tint of the ink: light enough to copy over, dark enough to read
GUIDE_RULE = (0.62, 0.66, 0.72)  # ruled lines, a pale blue-grey like a notebook's
GUIDE_EDGE = (0.55, 0.55, 0.55)
LABEL_FONT, LABEL_SIZE = "sans", 7.0  # the printed notes to the writer: small, in the edge's grey
# measures of a hand (CLI.md): ruled-line pitch and average advance per character, spaces included
HANDS = {"small": (7.1, 2.3), "medium": (8.0, 2.7), "large": (8.7, 3.1)}  # millimetres
# a few sentences of ordinary English, to measure a font's average advance per character
REFERENCE_TEXT = (
    "Thank you so much for meeting with me on Tuesday. I really enjoyed our conversation about the "
    "team's plans for next year, and I would be glad to continue it. Warmly, Alex"
)

# the guide writes every line on a rule: an empty rule after the date and between paragraphs when
# the panel has room, else fewer (the last is the one the fit check uses). The date's own rule also
# keeps pdftotext from reading a short salutation before the date (a right-aligned date with no
# rule between it and "Dear Bo," reads as a column of its own)
GUIDE_SPACING = (
    Spacing(date=1.0, paragraph=1.0, sign_off=1.0),
    Spacing(date=1.0, paragraph=0.0, sign_off=1.0),
    Spacing(date=0.0, paragraph=0.0, sign_off=1.0),
    Spacing(date=0.0, paragraph=0.0, sign_off=0.0),
)


@dataclass(frozen=True)
class Hand:
    """How big a person writes: points between ruled lines, and points per character."""

    name: str
    line_pitch: float
    char_width: float

    @property
    def description(self) -> str:
        return f"{self.name} hand: {self.line_pitch / mm(1):g} mm lines, {self.char_width / mm(1):g} mm per character"


def hand_of(options: CardOptions) -> Hand:
    """The hand the guide is sized for: a named hand, with explicit measures taking precedence."""
    if options.hand not in HANDS:
        raise UsageError(f"--hand {options.hand!r}: choose one of {', '.join(HANDS)}")
    pitch, width = HANDS[options.hand]
    name = options.hand
    for value, flag in ((options.line_pitch, "--line-pitch"), (options.char_width, "--char-width")):
        if value is not None and not 1 <= value <= 30:
            raise UsageError(f"{flag} {value:g} is not a handwriting measure: give millimetres between 1 and 30")
    if options.line_pitch is not None or options.char_width is not None:
        name = "your"
    return Hand(name, mm(options.line_pitch or pitch), mm(options.char_width or width))


def panels(layout: Card) -> tuple[Box, ...]:
    """The panels a guide may write on, in reading order: the message panel, and for a folded
    card the other inside panel too (upper before lower, left before right)."""
    panel = layout.message_panel
    if layout.fold == "top":
        other = Box(panel.x, layout.height if panel.y == 0 else 0, panel.width, panel.height)
    elif layout.fold == "side":
        other = Box(layout.width if panel.x == 0 else 0, panel.y, panel.width, panel.height)
    else:
        return (panel,)
    return tuple(sorted((panel, other), key=lambda box: (-box.y, box.x)))


@dataclass(frozen=True)
class Split:
    """A setting cut in two: the lines on the first panel, and the rest moved up to start the second."""

    first: tuple[fit.Line, ...]
    second: tuple[fit.Line, ...]


def split(
    setting: fit.Setting, height: float, ascent: float, descent: float, starts: frozenset[int] = frozenset()
) -> Split | None:
    """Cut ``setting`` for two panels ``height`` tall; None if what the first cannot hold overflows the second.

    The cut goes before the last paragraph (line numbers in ``starts``) that begins in the
    second half of what the first panel holds, so a paragraph is not broken when it need not
    be; else where the first panel is full. A line's bottom is its baseline plus the descent (a
    block's is its baseline); the second panel's first line takes the first rule, whatever
    space stood before it.
    """
    size = setting.size

    def bottom(line: fit.Line) -> float:
        return line.baseline + (0.0 if line.block_height else descent * size)

    def moved(count: int) -> tuple[fit.Line, ...] | None:
        rest = setting.lines[count:]
        if not rest:
            return ()
        head = rest[0]
        top = head.baseline - head.block_height if head.block_height else head.baseline - ascent * size
        lines = tuple(replace(line, baseline=line.baseline - top) for line in rest)
        return lines if max(bottom(line) for line in lines) <= height + 1e-6 else None

    full = 0
    while full < len(setting.lines) and bottom(setting.lines[full]) <= height + 1e-6:
        full += 1
    if full == 0:
        return None
    for count in (*sorted((start for start in starts if full / 2 <= start < full), reverse=True), full):
        second = moved(count)
        if second is not None:
            return Split(setting.lines[:count], second)
    return None


class GuideRenderer(CardRenderer):
    """``card-guide.pdf``: the card at true size, set the size a hand writes, on ruled lines, to copy."""

    name = "card guides"
    item_file = "card-guide.pdf"
    combined_file = "cards-guide.pdf"
    kind = "card guide"

    def __init__(self, common: Common, options: CardOptions | None = None) -> None:
        super().__init__(common, options)
        average = unit_width(REFERENCE_TEXT, self.font) / len(REFERENCE_TEXT)
        self.size = self.hand.char_width / average  # the font's average advance becomes the hand's

    def set_at(self, draft: Draft, size: float, spacing: Spacing = GUIDE_SPACING[-1]) -> tuple[fit.Setting, float, float, float]:
        width = self.safe.width
        paragraphs = draft.paragraphs(spacing, self.sign_off_indent(draft, size, width))
        setting = fit.set_paragraphs(
            paragraphs, width=width, size=size, leading=self.hand.line_pitch, ascent=draft.ascent, descent=draft.descent,
            measure=self.measure,
        )
        return setting, 0.0, 0.0, width

    def layout_of(self, draft: Draft) -> tuple[fit.Setting, Split | None] | None:
        """The message on the message panel alone if it fits there, else cut over both inside
        panels (a folded card); each with as many empty rules between paragraphs as room allows.
        None when it cannot fit."""
        for spacing in GUIDE_SPACING:
            setting, _, _, width = self.set_at(draft, self.size, spacing=spacing)
            if setting.height <= self.safe.height and setting.widest <= width + 1e-6:
                return setting, None
        if len(panels(self.layout)) == 1:
            return None
        for spacing in GUIDE_SPACING:
            setting, _, _, width = self.set_at(draft, self.size, spacing=spacing)
            if setting.widest > width + 1e-6:
                return None
            paragraphs = draft.paragraphs(spacing, self.sign_off_indent(draft, self.size, width))
            starts = frozenset(
                len(fit.set_paragraphs(
                    paragraphs[:count], width=width, size=self.size, leading=self.hand.line_pitch, ascent=draft.ascent,
                    descent=draft.descent, measure=self.measure,
                ).lines)
                for count in range(1, len(paragraphs))
            )
            cut = split(setting, self.safe.height, draft.ascent, draft.descent, starts)
            if cut is not None:
                return setting, cut
        return None

    def fits(self, draft: Draft, size: float) -> bool:
        return self.layout_of(draft) is not None

    def prepare(self, item: Item) -> PreparedCard:
        draft = self.draft(item)
        laid = self.layout_of(draft)
        where = "both inside panels of" if len(panels(self.layout)) > 1 else "the face of"
        if laid is None:
            raise self.too_long(
                item, draft, self.size,
                f"to copy by hand on {where} the {self.layout.name} card ({self.hand.description})",
            )
        setting, cut = laid
        safe = self.layout.safe
        used = [self.safe] if cut is None else [panel.inset(safe) for panel in panels(self.layout)]
        rules = []
        for area in used:
            first = area.top - draft.ascent * self.size
            count = int((first - draft.descent * self.size - area.y) // self.hand.line_pitch) + 1
            rules += [(area.x, area.right, first - number * self.hand.line_pitch) for number in range(count)]
        labels: list[tuple[float, float, str]] = []
        if cut is not None:
            start, rest = used
            # the second panel's lines, placed from the first panel's top-left corner (where the card's lines start)
            moved = tuple(replace(line, x=line.x + rest.x - start.x, baseline=line.baseline + start.top - rest.top) for line in cut.second)
            setting = replace(setting, lines=cut.first + moved)
            side = "lower" if self.layout.fold == "top" else "right"
            first_side = "upper" if self.layout.fold == "top" else "left"
            gap = (safe - LABEL_SIZE) / 2  # the note sits midway in the margin outside the safe area
            labels = [
                (start.x, start.y - gap - LABEL_SIZE * 0.75, f"1 of 2: the message continues on the {side} panel"),
                (rest.x, rest.top + gap, f"2 of 2: continued from the {first_side} panel"),
            ]
            top, left = start.top, start.x
        else:
            top, left = self.safe.top, self.safe.x
        return PreparedCard(
            person=item.person.name,
            author=item.interview.candidate.name,
            setting=setting,
            left=left,
            top=top,
            seed=None,
            signature=draft.signature,
            rules=tuple(rules),
            labels=tuple(labels),
            panels=(self.layout.message_panel,) if cut is None else panels(self.layout),
        )

    def draw(self, canvas, card: PreparedCard) -> None:
        """The panels' edges and the fold, ruled baselines across each, the notes in the margins, the message in light ink."""
        canvas.saveState()
        canvas.setLineWidth(0.5)
        canvas.setStrokeColorRGB(*GUIDE_EDGE)
        for panel in card.panels:
            canvas.rect(panel.x, panel.y, panel.width, panel.height, stroke=1, fill=0)
        if self.layout.fold_line:
            canvas.setDash(4, 3)
            canvas.line(*self.layout.fold_line)
            canvas.setDash()
        canvas.setStrokeColorRGB(*GUIDE_RULE)
        canvas.setLineWidth(0.4)
        for x0, x1, y in card.rules:
            canvas.line(x0, y, x1, y)
        canvas.setFillColorRGB(*GUIDE_EDGE)
        for x, y, text in card.labels:
            fonts.draw(canvas, x, y, text, LABEL_FONT, LABEL_SIZE)
        canvas.restoreState()
        self.draw_lines(canvas, card, handwriting.tint(self.colour, GUIDE_INK), None)


def renderer(common: Common, **options) -> GuideRenderer:
    """The copy-by-hand guide renderer with ``CardOptions`` (all optional)."""
    return GuideRenderer(common, CardOptions(**options))
