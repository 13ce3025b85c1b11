"""The copy-by-hand guide: the card at true size, set the size a hand writes, on ruled lines.

CLI.md, "sized for a hand": a person writes larger than a handwriting font set to fit, so the
guide lays the message out with a hand's measures: ruled lines at the hand's pitch (8 mm for
a medium hand) and the font scaled so its average advance per character is the hand's (about
2.7 mm). The fit check uses those measures; the guide's line breaks are the ones to copy, and
they differ from ``card.pdf``'s. Text in a light ink; the panel's edge and the fold drawn.
"""

from __future__ import annotations

from dataclasses import dataclass

from followup import fit, handwriting
from followup.errors import UsageError
from followup.geometry import mm
from followup.render.base import Common, Item
from followup.render.card import CardOptions, CardRenderer, Draft, PreparedCard, Spacing, unit_width

GUIDE_INK = 0.4  # the guide's text, as a tint of the ink: light enough to copy over, dark enough to read
GUIDE_RULE = (0.62, 0.66, 0.72)  # ruled lines, a pale blue-grey like a notebook's
GUIDE_EDGE = (0.55, 0.55, 0.55)
# measures of a hand (CLI.md): ruled-line pitch and average advance per character, spaces included
HANDS = {"small": (7.1, 2.3), "medium": (8.0, 2.7), "large": (8.7, 3.1)}  # millimetres
# a few sentences of ordinary English, to measure a font's average advance per character
REFERENCE_TEXT = (
    "Thank you so much for meeting with me on Tuesday. I really enjoyed our conversation about the "
    "team's plans for next year, and I would be glad to continue it. Warmly, Alex"
)

# the guide writes every line on a rule: an empty rule between paragraphs when the panel has room,
# else only before the sign-off, else none (the last is the one the fit check uses)
GUIDE_SPACING = (
    Spacing(date=0.0, paragraph=1.0, sign_off=1.0),
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

    def prepare(self, item: Item) -> PreparedCard:
        draft = self.draft(item)
        if not self.fits(draft, self.size):
            raise self.too_long(
                item, draft, self.size,
                f"to copy by hand on the {self.layout.name} card ({self.hand.description})",
            )
        for spacing in GUIDE_SPACING:
            setting, _, _, _ = self.set_at(draft, self.size, spacing=spacing)
            if setting.height <= self.safe.height:
                break
        first = self.safe.top - draft.ascent * self.size
        count = int((first - draft.descent * self.size - self.safe.y) // self.hand.line_pitch) + 1
        return PreparedCard(
            person=item.person.name,
            author=item.interview.candidate.name,
            setting=setting,
            left=self.safe.x,
            top=self.safe.top,
            seed=None,
            signature=draft.signature,
            rules=tuple(first - number * self.hand.line_pitch for number in range(count)),
        )

    def draw(self, canvas, card: PreparedCard) -> None:
        """The panel's edge and the fold, ruled baselines across the panel, the message in light ink."""
        canvas.saveState()
        canvas.setLineWidth(0.5)
        canvas.setStrokeColorRGB(*GUIDE_EDGE)
        panel = self.layout.message_panel
        canvas.rect(panel.x, panel.y, panel.width, panel.height, stroke=1, fill=0)
        if self.layout.fold_line:
            canvas.setDash(4, 3)
            canvas.line(*self.layout.fold_line)
            canvas.setDash()
        canvas.setStrokeColorRGB(*GUIDE_RULE)
        canvas.setLineWidth(0.4)
        for y in card.rules:
            canvas.line(self.safe.x, y, self.safe.right, y)
        canvas.restoreState()
        self.draw_lines(canvas, card, handwriting.tint(self.colour, GUIDE_INK), None)


def renderer(common: Common, **options) -> GuideRenderer:
    """The copy-by-hand guide renderer with ``CardOptions`` (all optional)."""
    return GuideRenderer(common, CardOptions(**options))
