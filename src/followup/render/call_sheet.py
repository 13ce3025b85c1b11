"""Call sheets: one page per interviewer to have at hand for a follow-up phone call.

The page says how to open (their full name, the position, when you met), the points to
make, their topics, questions to ask, and leaves ruled space for notes. The text comes from
a template (``templates/call-sheet/default.j2``: "# " starts a section, "- " a point); the
page is set in Source Sans 3, every text drawn run by run (``fonts.draw``) so names in any
script render. ``prepare`` lays the page out and shrinks the text to keep it on one page
with room for notes; ``render`` only draws what was laid out.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import BinaryIO, Sequence

from followup import fit, fonts, templating
from followup.errors import FitError
from followup.geometry import mm
from followup.layouts import Paper, load_layout
from followup.model import Product
from followup.names import full_formal_name
from followup.render.base import Common, Item

BODY, BOLD = "sans", "sans-semibold"
INK, MUTED, RULE = (0.1, 0.1, 0.12), (0.38, 0.38, 0.42), (0.72, 0.72, 0.76)
SIZES = (10.5, 10.0, 9.5, 9.0, 8.5, 8.0)  # body sizes tried, largest first
NOTES_PITCH = mm(8)  # ruled lines a hand writes on
MIN_NOTES_LINES = 4
MARGIN = mm(18)
# paper by the locale's country: Letter where it is the norm, A4 elsewhere
LETTER_COUNTRIES = {"US", "CA", "MX", "PH", "CL", "CO", "VE", "GT", "CR", "PA", "DO", "PR", "SV", "NI", "HN"}


@dataclass(frozen=True)
class Line:
    """One line of text placed on the page: baseline position, font key, size, colour."""

    x: float
    y: float
    text: str
    font: str
    size: float
    color: tuple[float, float, float] = INK


@dataclass(frozen=True)
class Sheet:
    """A laid-out call sheet: its lines, the rules under its sections, the ruled notes area."""

    title: str
    author: str
    page: tuple[float, float]
    lines: tuple[Line, ...]
    rules: tuple[tuple[float, float, float], ...]  # (x0, x1, y): hairlines across the text column
    notes: tuple[float, ...]  # baselines of the ruled notes lines
    notes_x: tuple[float, float]


def paper_for(locale: str) -> Paper:
    """US Letter for locales of countries that use it, else A4."""
    country = locale.replace("-", "_").split("_")[-1].upper() if "_" in locale or "-" in locale else ""
    return load_layout("letter" if country in LETTER_COUNTRIES else "a4", "paper")  # type: ignore[return-value]


@lru_cache(maxsize=1 << 13)  # bounded, so memory stays flat however large the batch
def _width(text: str, font: str) -> float:
    """The width of ``text`` at 1 pt, remembered: a panel's sheets repeat their words."""
    return fonts.width(text, font, 1)


def wrap(text: str, font: str, size: float, width: float) -> list[str]:
    """Break ``text`` into lines no wider than ``width`` (``fit.wrap``, words measured once each)."""
    return fit.wrap(" ".join(text.split()), width, lambda part: _width(part, font) * size, runts=False)


def sections(text: str) -> list[tuple[str, list[tuple[str, str]]]]:
    """The template's output as [(heading, [("point"|"text", text), ...]), ...]."""
    result: list[tuple[str, list[tuple[str, str]]]] = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        if line.startswith("# "):
            result.append((line[2:].strip(), []))
            continue
        if not result:
            result.append(("", []))
        if line.startswith("- "):
            result[-1][1].append(("point", line[2:].strip()))
        else:
            result[-1][1].append(("text", line))
    return [(heading, body) for heading, body in result if body]


class CallSheetRenderer:
    """The ``call-sheets`` product: ``call-sheet.pdf`` per interviewer, ``call-sheets.pdf`` with them all."""

    name = "call-sheets"
    product = Product.CALL_SHEET
    item_file = "call-sheet.pdf"
    combined_file = "call-sheets.pdf"

    def __init__(self, common: Common, template: str | None = None) -> None:
        self.common = common
        self.template = templating.load("call-sheet", template or "default")
        self.tone = common.template if common.template in templating.TONES else "warm"
        self.paper = paper_for(common.locale)

    def prepare(self, item: Item) -> Sheet:
        context = templating.context(item.interview, item.person, tone=self.tone, locale=self.common.locale, today=self.common.today)
        body = sections(templating.render(self.template, context))
        for size in SIZES:
            sheet = self._layout(item, context, body, size)
            if sheet is not None:
                return sheet
        raise FitError(
            f"the call sheet does not fit one page with room for notes, even at {SIZES[-1]:g} pt: "
            "shorten the note, topics or highlights",
            subject=item.subject,
        )

    def _layout(self, item: Item, context: dict, body: list, size: float) -> Sheet | None:
        width, height = self.paper.page_size
        left, right = MARGIN, width - MARGIN
        lines: list[Line] = []
        rules: list[tuple[float, float, float]] = []
        person, interview = item.person, item.interview.interview
        y = height - MARGIN

        def text(value: str, font: str, point: float, *, x: float = left, color=INK, leading: float = 1.3):
            nonlocal y
            for part in wrap(value, font, point, right - x):
                y -= point * leading
                lines.append(Line(x, y, part, font, point, color))

        meeting = context["interview"]
        text(f"Call sheet · {meeting['position']} · {interview.company}", BOLD, 8.5, color=MUTED)
        y -= 6
        text(full_formal_name(person, self.common.locale), BOLD, 22, leading=1.15)
        role = ", ".join(part for part in (person.title, item.interview.company_of(person)) if part)
        text(role, BODY, 12, color=MUTED)
        contact = "   ".join(part for part in (person.phone, person.email) if part)
        if contact:
            text(contact, BODY, 10.5, color=MUTED)
        y -= 8
        when = ", ".join(
            part
            for part in (
                f"{meeting['weekday']}, {meeting['date']}",
                meeting["time"],
                {"phone": "by phone", "video": "by video"}.get(meeting["format"], "in person"),
                f"{meeting['round']} round",
                meeting["location"],
            )
            if part
        )
        facts = (("Position", f"{meeting['position']}, {interview.company}"), ("Met", when), ("Address as", context["salutation"]))
        label_width = max(fonts.width(label, BOLD, size) for label, _ in facts) + 10
        for label, value in facts:
            top = y
            text(value, BODY, size, x=left + label_width)
            lines.append(Line(left, top - size * 1.3, label, BOLD, size, MUTED))
        for heading, entries in body:
            y -= size * 1.1
            if heading:
                text(heading, BOLD, size + 2, leading=1.2)
                y -= 3
                rules.append((left, right, y))
                y -= 2
            for kind, entry in entries:
                if kind == "point":
                    top = y
                    text(entry, BODY, size, x=left + size * 1.2)
                    lines.append(Line(left + size * 0.2, top - size * 1.3, "•", BODY, size, MUTED))
                else:
                    text(entry, BODY, size)
                y -= size * 0.25
        y -= size * 1.1
        text("Notes", BOLD, size + 2, leading=1.2)
        y -= 3
        notes = []
        while y - NOTES_PITCH >= MARGIN:
            y -= NOTES_PITCH
            notes.append(y)
        if len(notes) < MIN_NOTES_LINES:
            return None
        return Sheet(
            title=f"Call sheet: {person.name}",
            author=item.interview.candidate.name,
            page=(width, height),
            lines=tuple(lines),
            rules=tuple(rules),
            notes=tuple(notes),
            notes_x=(left, right),
        )

    def render(self, sheet: Sheet) -> bytes:
        from followup.pdf import render_pdf

        return render_pdf(lambda canvas: draw(canvas, sheet), pagesize=sheet.page, title=sheet.title, author=sheet.author)

    def combine(self, prepared: Sequence[Sheet], target: BinaryIO) -> bool:
        from followup.pdf import render_pdf

        def draw_all(canvas) -> None:
            for number, sheet in enumerate(prepared):
                if number:
                    canvas.showPage()
                canvas.setPageSize(sheet.page)
                draw(canvas, sheet)

        first = prepared[0]
        render_pdf(draw_all, pagesize=first.page, title="Call sheets", author=first.author, target=target)
        return True


def draw(canvas, sheet: Sheet) -> None:
    """Draw one laid-out sheet on the canvas's current page."""
    for line in sheet.lines:
        canvas.setFillColorRGB(*line.color)
        fonts.draw(canvas, line.x, line.y, line.text, line.font, line.size)
    canvas.setLineWidth(0.6)
    canvas.setStrokeColorRGB(*RULE)
    for x0, x1, y in sheet.rules:
        canvas.line(x0, y, x1, y)
    canvas.setLineWidth(0.4)
    for y in sheet.notes:
        canvas.line(sheet.notes_x[0], y, sheet.notes_x[1], y)


def renderer(common: Common, template: str | None = None, **options: object) -> CallSheetRenderer:
    """The ``call-sheets`` product; ``template`` is a .j2 file of your own (default: the built-in sheet)."""
    return CallSheetRenderer(common, template)
