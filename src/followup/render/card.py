"""Thank-you cards in handwriting, fitted to the card stock.

Data flow for one card: interview -> template (warm, formal, brief or the user's) -> message
(salutation, body, sign-off) -> the largest size between the layout's ``font_min`` and
``font_max`` at which it all fits the message panel's safe area, leaving room for the natural
variation (else ``FitError``: how many words too long) -> drawn glyph by glyph on the flat
blank (``handwriting``) -> pages at the blank's own size or n-up on a sheet (``imposition``).

The copy-by-hand guide builds on this module (``followup.render.card_guide``).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import BinaryIO, Sequence

from followup import fit, fonts, handwriting, imposition, templating
from followup.errors import FitError
from followup.images import Signature, candidate_signature
from followup.layouts import Card, load_layout
from followup.model import Product
from followup.render.base import Common, Item

DEFAULT_SIZE = "a2-folded"
LEADING = 1.3  # baseline to baseline, in sizes: handwriting needs air between its loops
PARAGRAPH_GAP = 0.45  # extra space before a paragraph, in lines
SIGN_OFF_GAP = 0.9  # the sign-off stands apart from the message
DATE_GAP = 0.35  # between the date and the salutation
SIGN_OFF_INDENT = 0.5  # the sign-off starts halfway across the panel (less when it is long)
SIGNATURE_LINES = 2.2  # the height of a signature image, in lines
OPTICAL_CENTRE = 0.4  # a short message sits a little above the middle: 40 % of the free space above it


@dataclass(frozen=True)
class CardOptions:
    """What ``followup cards`` lets a user choose beyond the common options."""

    size: str = DEFAULT_SIZE
    sheet: str | None = None
    marks: bool = False
    font: str = fonts.DEFAULT_HANDWRITING
    ink: str = "blue-black"
    natural: bool = True
    hand: str = "medium"
    line_pitch: float | None = None  # mm, overrides the hand's
    char_width: float | None = None  # mm, overrides the hand's


@dataclass(frozen=True)
class Message:
    """A merged message in its three parts: the salutation, the body paragraphs, the sign-off lines."""

    salutation: str | None
    body: tuple[str, ...]
    sign_off: tuple[str, ...]


def split_message(text: str) -> Message:
    """Paragraphs (split at blank lines): the first is the salutation and the last the sign-off.

    With two paragraphs there is no salutation; with one, it is all body. Lines inside a body
    paragraph run together (the card wraps them); the sign-off keeps its lines.
    """
    paragraphs = [part.strip() for part in text.split("\n\n") if part.strip()]
    salutation = paragraphs.pop(0) if len(paragraphs) >= 3 else None
    sign_off = tuple(paragraphs.pop().splitlines()) if len(paragraphs) >= 2 else ()
    body = tuple(" ".join(paragraph.split()) for paragraph in paragraphs)
    if salutation is not None:
        salutation = " ".join(salutation.split())
    return Message(salutation, body, sign_off)


@dataclass(frozen=True)
class PreparedCard:
    """One interviewer's card, fitted: the set lines and where their block starts on the blank."""

    person: str
    author: str
    setting: fit.Setting
    left: float  # x of the block's left edge on the blank
    top: float  # y of the block's top on the blank
    seed: int | None  # natural variation, or None for plain text
    signature: Signature | None  # cleaned: trimmed to the ink, paper transparent
    rules: tuple[tuple[float, float, float], ...] = ()  # the guide's ruled baselines: (x0, x1, y) on the blank
    labels: tuple[tuple[float, float, str], ...] = ()  # the guide's notes to the writer: (x, baseline, text)
    panels: tuple = ()  # the guide's panels (Box on the blank) the message is written on
    message: str = ""  # salutation, body and sign-off as merged: what `check` reads (greeting, near-duplicates)


@lru_cache(maxsize=1 << 13)  # bounded: a run over thousands of interviewers measures millions of strings
def unit_width(text: str, font: str) -> float:
    """The width of ``text`` at 1 pt in ``font`` and its fallbacks (cached: fitting asks many times)."""
    return handwriting.width(text, font, 1.0)


def measure_with(font: str):
    """``measure(text, size)`` in ``font`` and its fallbacks (widths are linear in the size)."""
    return lambda text, size: unit_width(text, font) * size


def extents(texts: Sequence[str], font: str) -> tuple[float, float]:
    """(ascent, descent) as fractions of the size, over every font the texts are drawn in.

    Taken as the larger of the font's own ascent and the box a PDF reader gives a character
    (descent + one size), so both the ink and the extracted glyph boxes stay inside the panel.
    """
    names = {name for text in texts for name, _ in handwriting.runs(text, font)} or {fonts.register(font)}
    ascent, descent = 0.0, 0.0
    for name in names:
        up, down = handwriting.extents(name)
        ascent, descent = max(ascent, up), max(descent, down)
    return ascent, descent


def largest_scale(texts: Sequence[str], font: str) -> float:
    """How many sizes the largest glyphs of the texts are: 1, or more for a stand-in drawn larger (NanumPen)."""
    return max([1.0, *(handwriting.scale(name) for text in texts for name, _ in handwriting.runs(text, font))])


@dataclass(frozen=True)
class Spacing:
    """Extra space before paragraphs, in lines."""

    date: float
    paragraph: float
    sign_off: float


CARD_SPACING = Spacing(date=DATE_GAP, paragraph=PARAGRAPH_GAP, sign_off=SIGN_OFF_GAP)


@dataclass(frozen=True)
class Draft:
    """One interviewer's merged message, before it is set: the text and what setting it needs to know."""

    message: Message
    date: str
    signature: Signature | None  # cleaned: trimmed to the ink, paper transparent
    ascent: float
    descent: float
    note: str | None = None  # the interviewer's note, as it appears in the body
    scale: float = 1.0  # the largest glyphs drawn, in sizes (a stand-in drawn larger than the text)

    def shortened(self, count: int) -> "Draft":
        """The draft with ``count`` words fewer: from the end of the note first (what the user
        writes and can cut), then from the end of the body."""
        body = list(self.message.body)
        note = self.note.split() if self.note else []
        for index, text in enumerate(body):
            if count and note and self.note in text:
                cut = min(count, len(note))
                before, _, after = text.partition(self.note)
                body[index] = " ".join(f"{before} {' '.join(note[: len(note) - cut])} {after}".split())
                count -= cut
                break
        if count:
            numbered = [(number, word) for number, text in enumerate(body) for word in text.split()]
            kept = numbered[: max(0, len(numbered) - count)]
            body = [" ".join(word for owner, word in kept if owner == number) for number in range(len(body))]
        return replace(self, message=replace(self.message, body=tuple(text for text in body if text)))

    def paragraphs(self, spacing: Spacing, sign_off_indent: float) -> list[fit.Paragraph]:
        """Date, salutation on its own line, body paragraphs, and the sign-off set apart (or a signature block)."""
        message = self.message
        result = [fit.Paragraph(self.date, align="right", tag="date")]
        gap = spacing.date
        if message.salutation:
            result.append(fit.Paragraph(message.salutation, space_before=gap, tag="salutation"))
            gap = spacing.paragraph
        for text in message.body:
            result.append(fit.Paragraph(text, space_before=gap, tag="body"))
            gap = spacing.paragraph
        lines = list(message.sign_off)
        if self.signature is not None and lines:
            lines.pop()  # the name: the signature takes its place
        gap = spacing.sign_off
        for text in lines:
            result.append(fit.Paragraph(text, space_before=gap, indent=sign_off_indent, tag="sign-off"))
            gap = 0.0
        if self.signature is not None:
            result.append(
                fit.Paragraph("", space_before=gap, indent=sign_off_indent, block_lines=SIGNATURE_LINES, tag="signature")
            )
        return result

    @property
    def words(self) -> int:
        """Words in the body: what the user can shorten."""
        return sum(len(text.split()) for text in self.message.body)


class CardRenderer:
    """The ``cards`` product: ``card.pdf`` per interviewer and ``cards.pdf`` with all of them."""

    name = "cards"
    product = Product.CARD
    item_file = "card.pdf"
    combined_file = "cards.pdf"
    kind = "card"

    def __init__(self, common: Common, options: CardOptions | None = None) -> None:
        self.common = common
        self.options = options or CardOptions()
        self.layout: Card = load_layout(self.options.size, "card")  # type: ignore[assignment]
        self.template = templating.load("card", common.template or "warm", common.locale)
        self.tone = self.template.name if self.template.name in templating.TONES else "formal"
        self.font = self.options.font
        fonts.font_spec(self.font, "handwriting")  # an unknown name or a missing file is a usage error now
        fonts.register(self.font)
        self.colour = handwriting.ink(self.options.ink)
        from followup.render.card_guide import hand_of  # (the guide module builds on this one)

        self.hand = hand_of(self.options)  # checked even without --guide: a typo is an error, not ignored
        self.variation = handwriting.NATURAL
        fold = self.layout.fold_line
        self.blank = imposition.Blank(*self.layout.page_size, bleed=self.layout.bleed, folds=(fold,) if fold else ())
        if self.options.sheet is None:
            self.plan = imposition.single(self.blank, marks=self.options.marks)
        else:
            paper = load_layout(self.options.sheet, "paper")
            self.plan = imposition.sheet(self.blank, paper.page_size, paper.name)
        self.safe = self.layout.message_panel.inset(self.layout.safe)
        self.measure = measure_with(self.font)

    # -- the message ---------------------------------------------------------------------------

    def draft(self, item: Item) -> Draft:
        """Merge the template for this interviewer and check the signature image."""
        context = templating.context(
            item.interview, item.person, tone=self.tone, locale=self.common.locale, today=self.common.today
        )
        message = split_message(templating.render(self.template, context))
        signature = candidate_signature(item.interview)
        texts = [context["date"], message.salutation or "", *message.body, *message.sign_off]
        ascent, descent = extents(texts, self.font)
        note = " ".join(item.person.note.split()) if item.person.note else None
        return Draft(message, context["date"], signature, ascent, descent, note, largest_scale(texts, self.font))

    def sign_off_indent(self, draft: Draft, size: float, width: float) -> float:
        """Half the panel, or less so the longest sign-off line still fits on one line."""
        widest = max((self.measure(line, size) for line in draft.message.sign_off), default=0.0)
        return max(0.0, min(SIGN_OFF_INDENT, (width - widest) / width - 0.02))

    # -- fitting -------------------------------------------------------------------------------

    def set_at(self, draft: Draft, size: float) -> tuple[fit.Setting, float, float, float]:
        """The message set at ``size``: (setting, left reach, vertical reach, column width).

        The column is the safe area less the reach of the natural variation, so no glyph can
        stray out of the safe area however the dice fall.
        """
        # a glyph drawn larger than the size strays further: the reach of the largest
        left, right, vertical = self.variation.reach(size * draft.scale, self.safe.width)
        width = self.safe.width - left - right
        paragraphs = draft.paragraphs(CARD_SPACING, self.sign_off_indent(draft, size, width))
        setting = fit.set_paragraphs(
            paragraphs, width=width, size=size, leading=LEADING * size, ascent=draft.ascent, descent=draft.descent,
            measure=self.measure,
        )
        return setting, left, vertical, width

    def fits(self, draft: Draft, size: float) -> bool:
        setting, _, vertical, width = self.set_at(draft, size)
        return setting.height + 2 * vertical <= self.safe.height and setting.widest <= width + 1e-6

    def prepare(self, item: Item) -> PreparedCard:
        draft = self.draft(item)
        layout = self.layout
        size = fit.largest(lambda size: self.fits(draft, size), layout.font_min, layout.font_max)
        if size is None:
            raise self.too_long(
                item, draft, layout.font_min,
                f"for the {layout.name} card even at the smallest size ({layout.font_min:g} pt)",
            )
        setting, left, vertical, _ = self.set_at(draft, size)
        free = self.safe.height - 2 * vertical - setting.height
        return PreparedCard(
            person=item.person.name,
            author=item.interview.candidate.name,
            setting=setting,
            left=self.safe.x + left,
            top=self.safe.top - vertical - free * OPTICAL_CENTRE,
            seed=handwriting.seed_for(self.common.seed, item.person.name) if self.options.natural else None,
            signature=draft.signature,
            message="\n\n".join(
                part for part in (draft.message.salutation, *draft.message.body, "\n".join(draft.message.sign_off)) if part
            ),
        )

    def too_long(self, item: Item, draft: Draft, size: float, where: str) -> FitError:
        """The error for a message that cannot fit at ``size``: by how many words, for whom, and what to do."""
        over = fit.words_over(lambda kept: self.fits(draft.shortened(draft.words - kept), size), draft.words)
        if over > draft.words:
            amount = "too long even without its message"
        else:
            amount = f"{over} word{'s' if over != 1 else ''} too long"
        parts = ("note",) if item.person.note else ()
        file, line = item.field(*parts)
        return FitError(
            f"{item.person.name}'s card is {amount} {where}: shorten the note or topics, or choose a larger --size",
            subject=item.subject,
            path=file or None,
            line=line or None,
            field=f"interviewers[{item.index}]" + (".note" if parts else ""),
        )

    # -- drawing -------------------------------------------------------------------------------

    def draw(self, canvas, card: PreparedCard) -> None:
        """One card on its flat blank (origin at the trim's lower-left corner)."""
        rng = random.Random(card.seed) if card.seed is not None else None
        self.draw_lines(canvas, card, self.colour, rng)

    def draw_lines(self, canvas, card: PreparedCard, colour, rng) -> None:
        size = card.setting.size
        for line in card.setting.lines:
            x, y = card.left + line.x, card.top - line.baseline
            if line.block_height:
                from reportlab.lib.utils import ImageReader

                canvas.drawImage(
                    ImageReader(card.signature.pil()), x, y, width=line.width, height=line.block_height,
                    mask="auto", preserveAspectRatio=True, anchor="sw",
                )
            else:
                handwriting.draw_line(canvas, x, y, line.text, self.font, size, colour, rng, self.variation)

    def render(self, card: PreparedCard) -> bytes:
        return self._pdf([card], f"Thank-you {self.kind} for {card.person}", card.author)

    def combine(self, cards: Sequence[PreparedCard], target: BinaryIO) -> bool:
        authors = ", ".join(dict.fromkeys(card.author for card in cards))
        self._pdf(cards, f"Thank-you {self.kind}s", authors, target)
        return True

    def _pdf(self, cards: Sequence[PreparedCard], title: str, author: str, target: BinaryIO | None = None) -> bytes:
        from followup.pdf import render_pdf

        return render_pdf(
            lambda canvas: imposition.draw_pages(canvas, self.plan, self.blank, cards, self.draw),
            pagesize=self.plan.page_size,
            title=title,
            author=author,
            subject=self.layout.description,
            target=target,
        )  # type: ignore[return-value]


def renderer(common: Common, **options) -> CardRenderer:
    """The card renderer with ``CardOptions`` (all optional)."""
    return CardRenderer(common, CardOptions(**options))
