"""Starting and checking interview files: ``init`` and ``check``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from followup.cli import app
from followup.cli.options import Debug, Files, PanelFile, Quiet


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
