"""Envelopes: one page per interviewer at the envelope's own size (or set on a sheet for the
printer's envelope feed), the delivery address where the post office's reader looks for it.

Delivery address: a clear sans, lines ordered by the destination country (``addressing``), inside
the envelope's read zone (USPS OCR area, or the ISO envelopes' address zone), never in the stamp
corner or the barcode clear zone. US envelopes start it a little left of centre (42 % of the
width); ISO envelopes centre it in the lower right. Return address: the candidate's, small,
upper left (in the handwriting font with ``handwritten``). A candidate without an address gets
envelopes without a return address (the CLI says so).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import BinaryIO, Sequence

from followup import fonts
from followup.errors import FitError, UsageError
from followup.layouts import Card, Envelope, bundled_names, load_layout
from followup.model import Product
from followup.printers import Feed, Offsets, draw_feed_guide, placement, shifted
from followup.render.base import Common, Item
from followup.render.mailing import Block, delivery_lines, fit, paper_for, return_lines

ADDRESS_LARGEST, ADDRESS_SMALLEST = 12.0, 10.0  # USPS advice: 10-12 pt for machine-read addresses
RETURN_LARGEST, RETURN_SMALLEST = 9.0, 8.0  # USPS advice: return address 8 pt or larger
HANDWRITTEN_LARGEST, HANDWRITTEN_SMALLEST = 13.0, 10.0  # handwriting fonts are small for their size
SPACING = 1.2
GAP = 9.0  # 1/8 in between the return address and the delivery address


def envelope_for(*, size: str | None, carrying: str, card_size: str | None, paper: str) -> Envelope:
    """The envelope asked for, or the one that carries the card or letter (``carries`` in its file)."""
    if size:
        return load_layout(size, kind="envelope")  # type: ignore[return-value]
    if carrying == "card":
        card: Card = load_layout(card_size or "a2-folded", kind="card")  # type: ignore[assignment]
        return load_layout(card.envelope, kind="envelope")  # type: ignore[return-value]
    for name in bundled_names("envelope"):
        envelope: Envelope = load_layout(name, kind="envelope")  # type: ignore[assignment]
        if paper in envelope.carries:
            return envelope
    raise UsageError(f"no bundled envelope carries a {paper} letter: choose one with --size")


@dataclass(frozen=True)
class EnvelopePage:
    """One interviewer's envelope, laid out: the blocks and where they go."""

    title: str
    author: str
    delivery: Block
    sender: Block | None


class EnvelopeRenderer:
    """The ``envelopes`` product: ``envelope.pdf`` per interviewer and ``envelopes.pdf`` to print."""

    name = "envelopes"
    product = Product.ENVELOPE
    item_file = "envelope.pdf"
    combined_file = "envelopes.pdf"

    def __init__(
        self,
        common: Common,
        *,
        size: str | None = None,
        carrying: str = "card",
        card_size: str | None = None,
        paper: str | None = None,
        postal_style: bool = False,
        attention: bool = False,
        handwritten: bool = False,
        font: str | None = None,
        offsets: Offsets = Offsets(),
        feed: Feed | None = None,
        sheet: str | None = None,
    ) -> None:
        if carrying not in ("card", "letter"):
            raise UsageError(f"--for {carrying!r}: choose card or letter")
        if font and not handwritten:
            raise UsageError("--font sets the handwriting of the return address: add --handwritten")
        self.common = common
        self.paper = paper or paper_for(common.locale)
        self.envelope = envelope_for(size=size, carrying=carrying, card_size=card_size, paper=self.paper)
        self.postal_style = postal_style
        self.attention = attention
        self.return_font = (font or fonts.DEFAULT_HANDWRITING) if handwritten else "sans"
        fonts.register(self.return_font)  # an unknown font or an unusable .ttf is a usage error now
        self.handwritten = handwritten
        self.offsets = offsets
        self.feed = placement(sheet or self.paper, self.envelope.page_size, feed) if feed else None

    def prepare(self, item: Item) -> EnvelopePage:
        address, lines = delivery_lines(item, self.common.locale, self.postal_style, attention=self.attention)
        candidate = item.interview.candidate
        sender = self._sender(item, address.country)
        delivery = self._delivery(item, lines, sender)
        return EnvelopePage(title=f"Envelope for {item.person.name}", author=candidate.name, delivery=delivery, sender=sender)

    def _sender(self, item: Item, destination_country: str) -> Block | None:
        """The return address, upper left; its country line only when the mail leaves the country."""
        candidate = item.interview.candidate
        if candidate.address is None:
            return None
        env = self.envelope
        lines = return_lines(item, destination_country)
        largest, smallest = (HANDWRITTEN_LARGEST, HANDWRITTEN_SMALLEST) if self.handwritten else (RETURN_LARGEST, RETURN_SMALLEST)
        # the return zone: no further right than half the width, no lower than half the height
        block = fit(lines, self.return_font, largest=largest, smallest=smallest,
                    width=min(env.width / 2, env.width - env.stamp_width - GAP) - env.margin,
                    height=env.height / 2 - env.margin, spacing=1.15 if not self.handwritten else 1.05)
        if block is None:
            raise FitError(
                f"the return address ({candidate.name}) does not fit the upper-left corner of the {env.name} envelope "
                f"even at {smallest:g} pt: shorten its lines or choose a larger --size",
                subject=item.subject,
            )
        return block.at(env.margin, env.height - env.margin)

    def _delivery(self, item: Item, lines: list[str], sender: Block | None) -> Block:
        env = self.envelope
        zone = env.read_zone
        top = zone.top if sender is None else min(zone.top, sender.box.y - GAP)
        block = fit(lines, "sans", largest=ADDRESS_LARGEST, smallest=ADDRESS_SMALLEST,
                    width=zone.width, height=top - zone.y, spacing=SPACING)
        if block is None:
            raise FitError(
                f"the address of {item.person.name} ({len(lines)} lines) does not fit the read area of the {env.name} "
                f"envelope even at {ADDRESS_SMALLEST:g} pt: choose a larger --size",
                subject=item.subject,
            )
        if env.postal == "usps":
            # from about 42 % of the width (a little left of centre, where a hand would start it);
            # further left only if a long line needs the room
            x = min(max(zone.x, env.width * 0.42), zone.right - block.width)
            middle = env.height * 0.42  # a little below the middle, clear of the barcode zone
        else:
            # centred in the lower right: the right half of the zone, below the franking zone
            right_half = max(zone.x, env.width / 2)
            x = max(zone.x, min(right_half + (zone.right - right_half - block.width) / 2, zone.right - block.width))
            middle = zone.y + (top - zone.y) / 2
        block_top = min(top, max(zone.y + block.height, middle + block.height / 2))
        return block.at(x, block_top)

    # ---- drawing ---------------------------------------------------------------------------

    def _draw_envelope(self, canvas, page: EnvelopePage) -> None:
        canvas.setFillGray(0)
        if page.sender:
            page.sender.draw(canvas)
        page.delivery.draw(canvas)

    def _draw_page(self, canvas, page: EnvelopePage) -> None:
        def body(c) -> None:
            if self.feed is None:
                self._draw_envelope(c, page)
                return
            c.saveState()
            self.feed.enter(c)
            self._draw_envelope(c, page)
            c.restoreState()
            draw_feed_guide(c, self.feed)

        shifted(body, self.offsets)(canvas)

    @property
    def pagesize(self) -> tuple[float, float]:
        return self.feed.sheet if self.feed else self.envelope.page_size

    def _pdf(self, pages: Sequence[EnvelopePage], title: str, target: BinaryIO | None = None) -> bytes:
        from followup.pdf import render_pdf

        def draw(canvas) -> None:
            for page in pages:
                self._draw_page(canvas, page)
                canvas.showPage()

        return render_pdf(draw, pagesize=self.pagesize, title=title, author=pages[0].author if pages else "", target=target)  # type: ignore[return-value]

    def render(self, page: EnvelopePage) -> bytes:
        return self._pdf([page], page.title)

    def combine(self, pages: Sequence[EnvelopePage], target: BinaryIO) -> bool:
        if not pages:
            return False
        self._pdf(pages, f"Envelopes ({self.envelope.name})", target)
        return True


def renderer(common: Common, **options) -> EnvelopeRenderer:
    return EnvelopeRenderer(common, **options)
