"""What goes in the post: ``envelopes``, ``labels``, and ``calibrate`` for the printer that prints them."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional, Sequence

import typer

from followup.cli import app
from followup.cli.options import Debug, Files, Force, Interviewer, Locale, Out, OverwriteEdited, PanelFile, Quiet, inert, parse_date
from followup.cli.products import run_command

if TYPE_CHECKING:
    from followup.render.base import Item


class Paper(str, Enum):
    letter = "letter"
    a4 = "a4"


class Carrying(str, Enum):
    card = "card"
    letter = "letter"


class FeedSide(str, Enum):
    center = "center"
    left = "left"
    right = "right"


PaperOption = Annotated[
    Optional[str],
    typer.Option("--paper", help="letter or a4 [default: by --locale: Letter for en_US].", show_default=False, metavar="letter|a4"),
]
PostalStyle = Annotated[bool, typer.Option("--postal-style", help="USPS style: capitals, no punctuation.")]
Attention = Annotated[
    bool, typer.Option("--attn", help="Address the company for the interviewer's attention (an \"Attn:\" line).")
]
# shared options (CLI.md) that nothing on an envelope or label depends on
MailTemplate = inert("--template", str, "Envelopes and labels print no text from a template, so it changes nothing", "NAME|FILE.j2")
MailDate = inert("--date", str, "Envelopes and labels print no date, so it changes nothing", "YYYY-MM-DD")
EnvelopeSeed = inert("--seed", int, "Even a handwritten return address does not vary, so it changes nothing", "N")
LabelSeed = inert("--seed", int, "Labels are set in type and do not vary, so it changes nothing", "N")
Printer = Annotated[
    Optional[str], typer.Option("--printer", help="Apply this printer's saved offsets (see `followup calibrate`).", show_default=False)
]


def _paper(paper: str | None) -> str | None:
    """``--paper`` checked as ``letters`` and ``render`` check it, with the same message."""
    from followup.errors import UsageError
    from followup.render.letter_conventions import PAPERS

    if paper is not None and paper not in PAPERS:
        raise UsageError(f"no paper called {paper!r}; choose one of: {', '.join(PAPERS)}")
    return paper


def no_return_address(selected: Sequence["Item"]) -> list[str]:
    """A warning for each file whose envelopes go out without a return address (``envelopes``, ``render``).

    Only interviewers who get an envelope count: one whose ``send:`` leaves envelopes out gets none.
    """
    from followup.model import Product

    mailed = [item for item in selected if item.person.send is None or Product.ENVELOPE in item.person.send]
    files = list({id(item.interview): item.interview for item in mailed}.values())
    return [
        f"{interview.path}: candidate.address is missing, so the envelopes have no return address "
        "(the post office cannot return them): add it to print one"
        for interview in files
        if interview.candidate.address is None
    ]


@app.command("envelopes")
def envelopes(
    files: Files,
    out: Out = Path("out"),
    interviewer: Interviewer = None,
    interviewers: PanelFile = None,
    size: Annotated[
        Optional[str],
        typer.Option("--size", help="us10, us9, a1, a2, a6, a7, a9, dl, c5, c6 or your .toml [default: fits what it carries].", show_default=False),
    ] = None,
    carrying: Annotated[Carrying, typer.Option("--for", help="What goes inside: a card or a folded letter.")] = Carrying.card,
    card_size: Annotated[
        Optional[str], typer.Option("--card-size", help="The card inside (cards' --size) [default: a2-folded].", show_default=False)
    ] = None,
    paper: PaperOption = None,
    postal_style: PostalStyle = False,
    attention: Attention = False,
    handwritten: Annotated[bool, typer.Option("--handwritten", help="Return address in a handwriting font.")] = False,
    font: Annotated[
        Optional[str], typer.Option("--font", help="Handwriting font for --handwritten [default: caveat].", show_default=False)
    ] = None,
    printer: Printer = None,
    feed: Annotated[
        Optional[FeedSide],
        typer.Option("--feed", help="Print on a sheet for a printer that feeds envelopes centred or against one side.", show_default=False),
    ] = None,
    sheet: Annotated[
        Optional[Paper], typer.Option("--sheet", help="The sheet --feed places the envelope on [default: --paper].", show_default=False)
    ] = None,
    locale: Locale = "en_US",
    template: MailTemplate = None,
    date: MailDate = None,
    seed: EnvelopeSeed = None,
    force: Force = False,
    overwrite_edited: OverwriteEdited = False,
    quiet: Quiet = False,
    debug: Debug = False,
) -> None:
    """Write an envelope (envelope.pdf) for each interviewer and envelopes.pdf to print them all."""
    from followup import fonts, printers
    from followup.errors import UsageError
    from followup.render import envelope
    from followup.render.base import Common

    if sheet and not feed:
        raise UsageError("--sheet places the envelope for --feed: add --feed center, left or right")
    common = Common(locale=locale, today=parse_date(date))  # as `render` makes it
    offsets = printers.printer(printer)
    options = dict(
        size=size, carrying=carrying.value, card_size=card_size, paper=_paper(paper),
        postal_style=postal_style, attention=attention, handwritten=handwritten, font=font, offsets=offsets,
        feed=feed.value if feed else None, sheet=sheet.value if sheet else None,
    )
    return_font = (font or fonts.DEFAULT_HANDWRITING) if handwritten else "sans"
    run_command(
        files, out, interviewer, interviewers, quiet, lambda: [envelope.renderer(common, **options)],
        drawing_fonts=tuple(dict.fromkeys(("sans", return_font))), warn=no_return_address, force=force, overwrite_edited=overwrite_edited,
    )


@app.command("labels")
def labels(
    files: Files,
    out: Out = Path("out"),
    interviewer: Interviewer = None,
    interviewers: PanelFile = None,
    sheet: Annotated[
        Optional[str],
        typer.Option(
            "--sheet",
            help="avery-5160, avery-5162, avery-5163, avery-l7160, avery-l7163 or your .toml [default: 5160 on Letter, L7160 on A4].",
            show_default=False,
        ),
    ] = None,
    paper: PaperOption = None,
    skip: Annotated[int, typer.Option("--skip", help="Labels already used on the first sheet.")] = 0,
    copies: Annotated[int, typer.Option("--copies", help="Labels per address.")] = 1,
    return_labels: Annotated[bool, typer.Option("--return", help="Add the candidate's return-address labels.")] = False,
    postal_style: PostalStyle = False,
    attention: Attention = False,
    printer: Printer = None,
    locale: Locale = "en_US",
    template: MailTemplate = None,
    date: MailDate = None,
    seed: LabelSeed = None,
    force: Force = False,
    overwrite_edited: OverwriteEdited = False,
    quiet: Quiet = False,
    debug: Debug = False,
) -> None:
    """Write labels.pdf: every interviewer's address on a sheet of address labels."""
    from followup import printers
    from followup.render import labels as label_sheets
    from followup.render.base import Common

    common = Common(locale=locale, today=parse_date(date))  # as `render` makes it
    offsets = printers.printer(printer)
    options = dict(
        sheet=sheet, paper=_paper(paper), skip=skip, copies=copies,
        return_labels=return_labels, postal_style=postal_style, attention=attention, offsets=offsets,
    )
    run_command(
        files, out, interviewer, interviewers, quiet, lambda: [label_sheets.renderer(common, **options)],
        drawing_fonts=("sans",), force=force, overwrite_edited=overwrite_edited,
    )


@app.command("calibrate")
def calibrate(
    sheet: Annotated[Paper, typer.Option("--sheet", help="The paper to calibrate with.")] = Paper.letter,
    out: Annotated[Path, typer.Option("--out", "-o", help="Where to write the calibration page.")] = Path("out/calibration.pdf"),
    printer: Printer = None,
    x: Annotated[Optional[float], typer.Option("--x", help="Save this x offset (mm, + moves right) for --printer.", show_default=False)] = None,
    y: Annotated[Optional[float], typer.Option("--y", help="Save this y offset (mm, + moves up) for --printer.", show_default=False)] = None,
    quiet: Quiet = False,
    debug: Debug = False,
) -> None:
    """Print a calibration page to measure a printer's offsets, or save them with --printer NAME --x X --y Y."""
    from followup import printers
    from followup.errors import UsageError
    from followup.output import atomic_write

    if x is not None or y is not None:
        if not printer:
            raise UsageError("--x and --y are saved for a printer: add --printer NAME")
        known = printers.load_printers().get(printer, printers.Offsets())
        offsets = printers.Offsets(known.x if x is None else x, known.y if y is None else y)
        path = printers.save_printer(printer, offsets)
        if not quiet:
            typer.echo(f"saved {printer!r}: x = {offsets.x:g} mm, y = {offsets.y:g} mm in {path}")
        return
    # a printer not saved yet is printed without offsets: this page is how it gets measured
    offsets = printers.load_printers().get(printer, printers.Offsets()) if printer else printers.Offsets()
    atomic_write(out, printers.calibration_page(sheet.value, offsets, printer))
    if not quiet:
        typer.echo(f"wrote {out}: print it at actual size and follow the steps on the page")
