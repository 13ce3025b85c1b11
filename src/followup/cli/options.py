"""Options shared by the product commands (CLI.md), declared once."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated, Optional

import typer

Files = Annotated[
    list[Path],
    typer.Argument(help="Interview files (.yaml, .toml or .json).", show_default=False, metavar="FILE..."),
]
Out = Annotated[Path, typer.Option("--out", "-o", help="Output folder.", show_default=True)]
Interviewer = Annotated[
    Optional[list[str]],
    typer.Option("--interviewer", "-i", help="Only this interviewer (repeat for several).", show_default=False),
]
PanelFile = Annotated[
    Optional[Path],
    typer.Option("--interviewers", help="Take the panel from this CSV or vCard file.", show_default=False),
]
Template = Annotated[
    Optional[str],
    typer.Option("--template", help="Tone (warm, formal, brief) or your own .j2 file.", show_default=False),
]
Locale = Annotated[str, typer.Option("--locale", help="Language and country for dates and conventions, e.g. en_GB.")]


def date_option(what: str):
    """``--date YYYY-MM-DD`` (read with ``parse_date``); ``what`` says what it sets in this command."""
    return Annotated[Optional[str], typer.Option("--date", help=f"{what} [default: today].", show_default=False, metavar="YYYY-MM-DD")]


Date = date_option("Date printed on letters and cards")
Seed = Annotated[int, typer.Option("--seed", help="Seed for the natural variation of handwriting.")]
Quiet = Annotated[bool, typer.Option("--quiet", "-q", help="Print only errors.")]
Force = Annotated[bool, typer.Option("--force", help="Render again what is unchanged since the last run.")]
OverwriteEdited = Annotated[
    bool,
    typer.Option(
        "--overwrite-edited",
        help="Also replace files in the output folder that you changed, or that followup did not write (never without this).",
    ),
]


def inert(flag: str, kind: type, why: str, metavar: str | None = None):
    """A shared option (CLI.md) that changes nothing in this command's output; ``why`` says so in the help.

    Taken so one script can pass the same options to every product command; its value is still
    checked (a ``--date`` that is not a date, a ``--seed`` that is not a number is an error).
    """
    return Annotated[
        Optional[kind],
        typer.Option(flag, help=f"{why} (taken so one script can pass it to every command).", show_default=False, metavar=metavar),
    ]


def _debug(ctx: typer.Context, value: bool) -> bool:
    if value:
        ctx.meta["followup.debug"] = True  # meta is shared by the whole command chain
    return value


Debug = Annotated[
    bool, typer.Option("--debug", callback=_debug, is_eager=True, help="Show Python tracebacks (for reporting bugs).")
]


def parse_date(text: str | None, today: dt.date | None = None) -> dt.date:
    """``--date`` as a date; today when not given."""
    from followup.errors import UsageError

    if text is None:
        return today or dt.date.today()
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise UsageError(f"--date {text!r} is not a date: write it as YYYY-MM-DD, e.g. 2026-11-25") from None
