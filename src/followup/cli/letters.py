"""``followup letters``: formal thank-you letters, optionally laid out for a window envelope."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from followup.cli import app
from followup.cli.options import (
    Date, Debug, Files, Force, Interviewer, Locale, Out, OverwriteEdited, PanelFile, Quiet, Template, inert, parse_date,
)
from followup.cli.products import run_command

LetterSeed = inert("--seed", int, "Letters are set in type and do not vary, so it changes nothing", "N")


@app.command("letters")
def letters(
    files: Files,
    out: Out = Path("out"),
    interviewer: Interviewer = None,
    interviewers: PanelFile = None,
    template: Template = None,
    style: Annotated[str, typer.Option("--style", help="full-block (every line at the left margin) or modified-block (date and closing from the centre).")] = "full-block",
    paper: Annotated[
        Optional[str], typer.Option("--paper", help="letter or a4 [default: from --locale, or the window's paper].", show_default=False)
    ] = None,
    window: Annotated[
        str, typer.Option("--window", help="Place the address for a window envelope: none, us10, us9, din-a, din-b.")
    ] = "none",
    subject: Annotated[bool, typer.Option("--subject/--no-subject", help="Print the subject line.")] = True,
    locale: Locale = "en_US",
    date: Date = None,
    seed: LetterSeed = None,
    force: Force = False,
    overwrite_edited: OverwriteEdited = False,
    quiet: Quiet = False,
    debug: Debug = False,
) -> None:
    """Write a formal letter (letter.pdf) for each interviewer and letters.pdf to print them all."""
    from followup.render import letter
    from followup.render.base import Common

    common = Common(template=template, locale=locale, today=parse_date(date))
    make = letter.renderer(common, style=style, paper=paper, window=window, subject=subject)
    run_command(files, out, interviewer, interviewers, quiet, lambda: [make], force=force, overwrite_edited=overwrite_edited)
