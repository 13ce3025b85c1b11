"""Formal thank-you letters: one business letter per interviewer, ready to sign, fold and mail.

Data flow for one letter: the interview and the interviewer -> the template's text (subject,
salutation, body, closing) -> the first page's head (letterhead, date, inside address, or the
address in the window of a window envelope) -> the flowing text set in lines and paginated
(continuation header on later pages, the closing never alone) -> pages of marks -> PDF.
Conventions follow print-specs.md section 6; window positions come from ``layouts/windows``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import BinaryIO, Sequence

from followup import templating
from followup.addressing import address_block
from followup.dates import format_date
from followup.errors import MissingAddressError, TemplateError, UsageError
from followup.geometry import inch, mm
from followup.images import candidate_signature
from followup.model import Address, Product
from followup.names import address_name, full_formal_name, german
from followup.render.base import Common, Item
from followup.render.letter_layout import BELOW, QUIET, Flow, Line, Mark, Picture, Rule, Text, keep_together, paginate, paragraph, wrap
from followup.render.letter_conventions import STYLES, WINDOWS, conventions, english_locale, paper_for, territory
from followup.render.letter_head import LetterheadText, fit_window_address, return_line
from followup.resources import templates_dir

BODY_FONT = "serif"
SMALL_SIZE = 9.0
SIGNATURE_WIDTH = inch(2.6)
LETTERHEAD_TOP = inch(0.6)


@dataclass(frozen=True)
class Setting:
    """The type size, leading and the blank lines between date and inside address."""

    size: float
    leading: float
    address_gap: int  # blank lines between the date and the inside address (3 by the book)
    drop: float = 0.0  # extra space above and below the date that sets a short letter lower on its page


# tried in order: a letter that would run a few lines onto a second page is set a little tighter
SETTINGS = (Setting(11.0, 14.5, 3), Setting(11.0, 14.5, 2), Setting(10.5, 13.75, 2))


@dataclass(frozen=True)
class Letter:
    """One interviewer's letter, ready to draw: pages of marks and the PDF's metadata."""

    pages: tuple[tuple[Mark, ...], ...]
    page_size: tuple[float, float]
    title: str
    author: str
    message: str = ""  # salutation, body and closing as merged: what `check` reads (greeting, near-duplicates)


@dataclass(frozen=True)
class Parts:
    """The template's text, taken apart: subject line, salutation, body paragraphs, closing."""

    subject: str | None
    salutation: str
    body: list[str]
    closing: str


def split_letter(text: str, template: templating.Template) -> Parts:
    """The template gives "Subject: ..." (German: "Betreff: ..."), then the salutation, the body paragraphs and the closing."""
    paragraphs = [" ".join(part.split()) for part in re.split(r"\n\s*\n", text) if part.strip()]
    subject = None
    if paragraphs and paragraphs[0].lower().startswith(("subject:", "betreff:")):
        first, _, rest = text.strip().partition("\n")
        subject = first.split(":", 1)[1].strip() or None
        paragraphs = [" ".join(part.split()) for part in re.split(r"\n\s*\n", rest) if part.strip()]
    if len(paragraphs) < 3:
        raise TemplateError(
            "a letter template gives the salutation, at least one body paragraph and the closing, "
            "separated by blank lines (after an optional first line \"Subject: ...\")",
            path=template.path,
        )
    return Parts(subject=subject, salutation=paragraphs[0], body=paragraphs[1:-1], closing=paragraphs[-1])


class LetterRenderer:
    """The ``letters`` product: ``letter.pdf`` per interviewer and ``letters.pdf`` to print them all."""

    name = "letters"
    product = Product.LETTER
    item_file = "letter.pdf"
    combined_file = "letters.pdf"

    def __init__(
        self,
        common: Common,
        *,
        style: str = "full-block",
        paper: str | None = None,
        window: str = "none",
        subject: bool = True,
    ) -> None:
        from followup.layouts import load_layout

        if style not in STYLES:
            raise UsageError(f"no letter style called {style!r}; choose one of: {', '.join(STYLES)}")
        if window not in WINDOWS and not window.endswith(".toml"):
            raise UsageError(f"no window called {window!r}; choose one of: {', '.join(WINDOWS)}")
        self.common = common
        self.style = style
        self.subject = subject
        self.conventions = conventions(common.locale)
        format_date(common.today, common.locale)  # an unknown locale stops the run here
        self.window = None if window == "none" else load_layout(window, kind="window")
        self.paper = load_layout(paper_for(common.locale, window, paper), kind="paper")
        self.template = templating.load("letter", common.template or "formal", common.locale)
        self.tone = self.template.name if self.template.name in templating.TONES else "formal"
        # an English built-in template (no version in the locale's language) writes dates in English;
        # a German one (letter/de/) and a user's own template are written in the locale's language
        builtin = self.template.path.parent == templates_dir() / "letter"
        self.text_locale = english_locale(common.locale) if builtin else common.locale

    # -- the text ---------------------------------------------------------------------------

    def parts(self, item: Item) -> Parts:
        """The template merged for this interviewer, taken apart."""
        context = templating.context(item.interview, item.person, tone=self.tone, locale=self.text_locale, today=self.common.today)
        context["letter"] = {
            "punctuation": "," if self.tone == "warm" else self.conventions.punctuation,
            "closing": self.conventions.closings[self.tone],
        }
        return split_letter(templating.render(self.template, context), self.template)

    def prepare(self, item: Item) -> Letter:
        """Merge, set and paginate one letter; a missing address or a window it cannot fit skips it."""
        interview, person = item.interview, item.person
        address = interview.address_of(person)
        if address is None:
            file, line = item.field("address")
            raise MissingAddressError(
                "no postal address for a letter: add an address to this interviewer or to the interview",
                subject=item.subject, path=file, line=line, field=f"interviewers[{item.index}].address",
            )
        parts = self.parts(item)
        signature = candidate_signature(interview)
        page_width, page_height = self.paper.page_size
        for setting in (*SETTINGS, SETTINGS[0]):  # none fits one page: the book setting, on two
            head, previous = self.head(item, address, setting)
            flow = Flow(first_previous=previous, next_first=page_height - self.paper.margin - 3.5 * setting.leading, bottom=self.paper.margin)
            pages = paginate(self.flow_lines(item, parts, signature, setting), flow)
            if len(pages) == 1:
                break
        spare = pages[-1][-1].y - BELOW * pages[-1][-1].line.size - flow.bottom if pages[-1] else 0.0
        if len(pages) == 1 and self.window is None and spare > 12:
            # a short letter is set lower, not crowded under the letterhead (the date to inside
            # address gap may grow from 3 to about 8 lines: print-specs 6.1)
            setting = replace(setting, drop=min(0.45 * spare, inch(1.25)))
            head, previous = self.head(item, address, setting)
            pages = paginate(self.flow_lines(item, parts, signature, setting), replace(flow, first_previous=previous))
        recipient = full_formal_name(person, self.common.locale)
        date = format_date(self.common.today, self.common.locale)
        title = f"Brief an {recipient}" if german(self.common.locale) else f"Letter to {recipient}"
        drawn: list[tuple[Mark, ...]] = []
        for number, placed in enumerate(pages, start=1):
            marks: list[Mark] = list(head) if number == 1 else self.continuation(recipient, date, number)
            for entry in placed:
                marks.extend(self.line_marks(entry.line, entry.y))
            drawn.append(tuple(marks))
        return Letter(
            pages=tuple(drawn),
            page_size=(page_width, page_height),
            title=title,
            author=interview.candidate.name,
            message="\n\n".join([parts.salutation, *parts.body, parts.closing]),
        )

    # -- page 1: letterhead, date, inside address ---------------------------------------------

    def sender_country(self, item: Item) -> str:
        candidate = item.interview.candidate.address
        return candidate.country if candidate else (territory(self.common.locale) or "US")

    def letterhead(self, item: Item, address: Address) -> LetterheadText:
        """The candidate's name and the line (or two) of address, email and phone under it."""
        candidate = item.interview.candidate
        place = ""
        if candidate.address:
            lines = address_block(name_lines=[], company=None, address=candidate.address, sender_country=address.country)
            if candidate.address.country != address.country:
                lines[-1] = lines[-1].title()  # "United States" in a letterhead, not the envelope's capitals
            place = ", ".join(lines)
        reach = " · ".join(part for part in (candidate.email, candidate.phone) if part)
        return LetterheadText(name=candidate.name, place=place, reach=reach)

    def head(self, item: Item, address: Address, setting: Setting) -> tuple[list[Mark], float]:
        """The marks of page 1 above the flowing text, and the baseline the text continues from."""
        width, height = self.paper.page_size
        margin = self.paper.margin
        text_width = width - 2 * margin
        centre = self.style == "modified-block"
        date_x = width / 2 if centre else margin
        date = self.date_line(item)
        window = self.window
        top = height - min(margin, LETTERHEAD_TOP)  # a letterhead sits in the top margin, as on printed stationery
        letterhead = self.letterhead(item, address)
        marks, letterhead_bottom = letterhead.marks(left=margin, top=top, width=text_width, centred=centre)
        if window is not None and letterhead_bottom < window.address_box.top + mm(4):  # type: ignore[attr-defined]
            # the letterhead must end above the window's zone (DIN form A leaves it 27 mm)
            top += window.address_box.top + mm(4) - letterhead_bottom  # type: ignore[attr-defined]
            marks, letterhead_bottom = letterhead.marks(left=margin, top=top, width=text_width, centred=centre)
        person = item.person
        name_lines = [address_name(person, self.common.locale)]
        if window is None:
            # half an inch below the letterhead (print-specs 6.1), lower for a short letter
            date_y = letterhead_bottom - inch(0.5) - setting.drop / 2
            if german(self.common.locale):  # "Berlin, 25. November 2026" flush right, as German letters set it
                marks.append(Text(width - margin, date_y, date, BODY_FONT, setting.size, align="right", role="date"))
            else:
                marks.append(Text(date_x, date_y, date, BODY_FONT, setting.size, role="date"))
            lines = address_block(
                name_lines=name_lines + ([person.title] if person.title else []),
                company=item.interview.company_of(person),
                address=address,
                sender_country=self.sender_country(item),
            )
            y = date_y - setting.address_gap * setting.leading - setting.drop / 2
            for line in lines:
                # a line too long for the page wraps, its continuation indented
                for number, row in enumerate(wrap(line, BODY_FONT, setting.size, text_width - setting.size)):
                    y -= setting.leading
                    marks.append(Text(margin + (setting.size if number else 0.0), y, row, BODY_FONT, setting.size, role="address"))
            return marks, y
        zone = window.address_box  # type: ignore[attr-defined]
        marks.extend(self.fold_marks())
        returned = window.return_box  # type: ignore[attr-defined]
        if returned is not None:
            marks.extend(return_line(letterhead, window, subject=item.subject))
        marks.extend(
            fit_window_address(
                window,
                name_lines=name_lines,
                title=person.title,
                company=item.interview.company_of(person),
                address=address,
                sender_country=self.sender_country(item),
                subject=item.subject,
            )
        )
        if returned is not None:
            # DIN 5008: the date flush right on the line below the address field
            date_y = zone.y - mm(8.5) - setting.size
            marks.append(Text(width - margin, date_y, date, BODY_FONT, setting.size, align="right", role="date"))
            return marks, date_y - setting.leading
        date_y = min(letterhead_bottom - inch(0.5), zone.top + 2 * setting.leading)
        marks.append(Text(date_x, date_y, date, BODY_FONT, setting.size, role="date"))
        return marks, zone.y

    def date_line(self, item: Item) -> str:
        """The date as the locale writes it; a German letter puts the sender's town first ("Berlin, 25. November 2026")."""
        date = format_date(self.common.today, self.common.locale)
        candidate = item.interview.candidate.address
        if german(self.common.locale) and candidate is not None and candidate.city:
            return f"{candidate.city}, {date}"
        return date

    def fold_marks(self) -> list[Mark]:
        """Short lines in the left margin where the letter folds (and the DIN hole-punch mark)."""
        _, height = self.paper.page_size
        window = self.window
        marks: list[Mark] = [Rule(mm(4), height - fold, mm(9), height - fold, 0.5) for fold in window.folds]  # type: ignore[union-attr]
        if window.punch_mark is not None:  # type: ignore[union-attr]
            y = height - window.punch_mark  # type: ignore[union-attr]
            marks.append(Rule(mm(4), y, mm(12), y, 0.5))
        return marks

    # -- the flowing text ------------------------------------------------------------------

    def flow_lines(self, item: Item, parts: Parts, signature, setting: Setting) -> list[Line]:
        """Subject, salutation, body, and the closing block kept with the last paragraph."""
        width = self.paper.page_size[0] - 2 * self.paper.margin
        size, leading = setting.size, setting.leading
        blank = leading
        lines: list[Line] = []
        if self.subject and parts.subject:
            subject = self.conventions.subject_prefix + parts.subject
            # DIN 5008: two blank lines between the inside address and the subject
            before = 2 * blank if german(self.common.locale) and self.window is None else blank
            lines += keep_together(paragraph(subject, font="serif-semibold", size=size, leading=leading, width=width, space_before=before, role="subject"))
        # DIN 5008: two blank lines between the subject and the salutation
        after_subject = 2 * blank if self.subject and parts.subject and german(self.common.locale) else blank
        lines += keep_together(paragraph(parts.salutation, font=BODY_FONT, size=size, leading=leading, width=width, space_before=after_subject, role="salutation"))
        for number, text in enumerate(parts.body):
            last = number == len(parts.body) - 1
            lines += paragraph(text, font=BODY_FONT, size=size, leading=leading, width=width, space_before=blank, keep_together=last)
        indent = width / 2 if self.style == "modified-block" else 0.0
        candidate = item.interview.candidate
        closing = [
            Line(parts.closing, BODY_FONT, setting.size, setting.leading, indent=indent, space_before=blank, role="closing"),
            # three blank lines to sign in (print-specs 6.1), or the signature image there
            Line(
                candidate.name, BODY_FONT, setting.size, setting.leading, indent=indent, space_before=3 * setting.leading, role="typed-name",
                picture=signature, picture_box=(min(SIGNATURE_WIDTH, width - indent), 3 * setting.leading - 0.4 * size),
            ),
        ]
        reach = " · ".join(part for part in (candidate.email, candidate.phone) if part)
        if reach:
            closing.append(Line(reach, BODY_FONT, SMALL_SIZE, 12.0, indent=indent, role="contact"))
        return lines + keep_together(closing)

    def line_marks(self, line: Line, y: float) -> list[Mark]:
        """The marks of one placed flow line (and the signature above the typed name)."""
        x = self.paper.margin + line.indent
        color = QUIET if line.role == "contact" else (0.0, 0.0, 0.0)
        marks: list[Mark] = [Text(x, y, line.text, line.font, line.size, color=color, role=line.role)]
        if line.picture is not None:
            width, height = line.picture.fit(*line.picture_box)
            bottom = y + 0.95 * line.size  # just above the typed name's capitals
            marks.append(Picture(x, bottom, width, height, line.picture))
        return marks

    # -- later pages -------------------------------------------------------------------------

    def continuation(self, recipient: str, date: str, number: int) -> list[Mark]:
        """The header of pages 2 and on: recipient left, page number centred, date right."""
        width, height = self.paper.page_size
        margin = self.paper.margin
        y = height - margin - SMALL_SIZE
        page = self.conventions.page.format(number=number)
        return [
            Text(margin, y, recipient, BODY_FONT, 9.5, role="continuation"),
            Text(width / 2, y, page, BODY_FONT, 9.5, align="center", role="continuation"),
            Text(width - margin, y, date, BODY_FONT, 9.5, align="right", role="continuation"),
        ]

    # -- output ------------------------------------------------------------------------------

    def render(self, letter: Letter) -> bytes:
        from followup.pdf import render_pdf
        from followup.render.letter_layout import draw

        return render_pdf(lambda canvas: draw(canvas, letter.pages), pagesize=letter.page_size, title=letter.title, author=letter.author)

    def combine(self, letters: Sequence[Letter], target: BinaryIO) -> bool:
        from followup.pdf import render_pdf
        from followup.render.letter_layout import draw

        if not letters:
            return False
        pages = (page for letter in letters for page in letter.pages)  # one letter at a time: a batch is not held in memory
        render_pdf(lambda canvas: draw(canvas, pages), pagesize=letters[0].page_size, title="Thank-you letters", author=letters[0].author, target=target)
        return True


def renderer(common: Common, **options) -> LetterRenderer:
    """The letters product with ``options`` (style, paper, window, subject); defaults when none."""
    return LetterRenderer(common, **options)
