"""Starting and checking interview files: ``init`` and ``check``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from followup.cli import app
from followup.cli.options import Debug, Files, PanelFile, Quiet


@app.command("init")
def init(
    path: Annotated[Path, typer.Argument(help="Where to write the starter file.")] = Path("interview.yaml"),
    debug: Debug = False,
) -> None:
    """Write a commented starter interview file to fill in (never overwrites a file)."""
    import datetime as dt
    from importlib import resources

    from followup.errors import UsageError
    from followup.output import atomic_create

    text = resources.files("followup").joinpath("starter.yaml").read_text(encoding="utf-8")
    text = text.replace("{date}", dt.date.today().isoformat()).replace("{file}", path.name)
    try:
        atomic_create(path, text.encode("utf-8"))
    except FileExistsError:
        raise UsageError(f"{path} already exists: choose another name, e.g. followup init interview-2.yaml") from None
    typer.echo(f"wrote {path}: fill it in, then run `followup check {path}`")


@app.command("check")
def check(
    files: Files,
    interviewers: PanelFile = None,
    quiet: Quiet = False,
    debug: Debug = False,
) -> None:
    """Validate interview files and check that every character of every name can be drawn."""
    from followup.check import check_drawable
    from followup.run import load_all

    for interview in load_all(files, interviewers):
        check_drawable(interview)
        if not quiet:
            count = len(interview.interviewers)
            typer.echo(f"ok: {interview.path}: {count} interviewer{'s' if count != 1 else ''}")
