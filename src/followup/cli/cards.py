"""``followup cards``: thank-you cards in handwriting, and guides for copying them by hand."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from followup.cli import app
from followup.cli.options import (
    Date, Debug, Files, Force, Interviewer, Locale, Out, OverwriteEdited, PanelFile, Quiet, Seed, Template, parse_date,
)
from followup.cli.products import run_command


@app.command("cards")
def cards(
    files: Files,
    out: Out = Path("out"),
    interviewer: Interviewer = None,
    interviewers: PanelFile = None,
    size: Annotated[str, typer.Option("--size", help="Card stock: a layout name (see `followup layouts`) or a .toml file.")] = "a2-folded",
    sheet: Annotated[
        Optional[str], typer.Option("--sheet", help="Impose the cards n-up on a letter or a4 sheet, with crop marks.", show_default=False)
    ] = None,
    marks: Annotated[bool, typer.Option("--marks", help="Crop and fold marks outside the trim (pages grow to hold them).")] = False,
    guide: Annotated[bool, typer.Option("--guide", help="Also write card-guide.pdf: the card the size a hand writes, to copy.")] = False,
    hand: Annotated[str, typer.Option("--hand", help="Size of the hand the guide is set for: small, medium or large.")] = "medium",
    line_pitch: Annotated[
        Optional[float], typer.Option("--line-pitch", metavar="MM", help="Guide: millimetres between ruled lines.", show_default=False)
    ] = None,
    char_width: Annotated[
        Optional[float], typer.Option("--char-width", metavar="MM", help="Guide: millimetres per character you write.", show_default=False)
    ] = None,
    font: Annotated[
        str, typer.Option("--font", help="Handwriting: caveat, kalam, indie-flower, dancing-script, or a .ttf file.")
    ] = "caveat",
    ink: Annotated[str, typer.Option("--ink", help="Ink: blue-black, black, blue, or #RRGGBB.")] = "blue-black",
    natural: Annotated[
        bool, typer.Option("--natural/--no-natural", help="Vary each glyph a little, as a hand does (seeded: re-prints are identical).")
    ] = True,
    template: Template = None,
    locale: Locale = "en_US",
    date: Date = None,
    seed: Seed = 0,
    force: Force = False,
    overwrite_edited: OverwriteEdited = False,
    quiet: Quiet = False,
    debug: Debug = False,
) -> None:
    """Write a thank-you card (card.pdf) for each interviewer, in handwriting, fitted to the card stock."""
    from followup.render import card, card_guide
    from followup.render.base import Common

    common = Common(template=template, locale=locale, today=parse_date(date), seed=seed)
    options = dict(
        size=size, sheet=sheet, marks=marks, font=font, ink=ink, natural=natural,
        hand=hand, line_pitch=line_pitch, char_width=char_width,
    )

    def make():
        renderers = [card.renderer(common, **options)]
        if guide:
            renderers.append(card_guide.renderer(common, **options))
        return renderers

    run_command(files, out, interviewer, interviewers, quiet, make, force=force, overwrite_edited=overwrite_edited)
