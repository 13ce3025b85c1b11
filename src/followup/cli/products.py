"""The product commands: each loads the files, prepares every item, writes, and reports."""

from __future__ import annotations

from pathlib import Path
from typing import Callable, Sequence

import typer

from followup.cli import app
from followup.cli.options import Date, Debug, Files, Interviewer, Locale, Out, PanelFile, Quiet, Seed, Template, parse_date


def run_command(
    files: Sequence[Path],
    out: Path,
    interviewer: Sequence[str] | None,
    panel: Path | None,
    quiet: bool,
    make: Callable[[], Sequence[object]],
) -> None:
    """Load, select, prepare and write; print the summary; exit 0, 1 (some items failed) or 2."""
    from followup import run

    loaded = run.load_all(files, panel)
    renderers = make()
    selected = run.items(loaded, out, interviewer or ())
    report = run.run(renderers, selected, out)  # type: ignore[arg-type]
    print_report(report, out, quiet)
    raise typer.Exit(int(report.exit_status))


def print_report(report, out: Path, quiet: bool) -> None:
    """What was written, and what failed (always shown: it needs the user's attention)."""
    for failure in report.failures:
        typer.echo(f"failed: {failure.product}: {failure.subject}: {failure.message}", err=True)
    if quiet:
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title=None, show_edge=False, box=None, pad_edge=False)
    table.add_column("written", overflow="fold")
    base = out.resolve()
    for path in report.written:
        table.add_row(str(Path(out, path.relative_to(base))))
    console = Console(highlight=False, soft_wrap=True)
    console.print(table)
    failed = f", {len(report.failures)} failed" if report.failures else ""
    console.print(f"{len(report.written)} file(s) written to {out}{failed}")


@app.command("emails")
def emails(
    files: Files,
    out: Out = Path("out"),
    interviewer: Interviewer = None,
    interviewers: PanelFile = None,
    template: Template = None,
    locale: Locale = "en_US",
    date: Date = None,
    quiet: Quiet = False,
    debug: Debug = False,
) -> None:
    """Write an email draft (email.eml) for each interviewer, to review and send from your mail client."""
    from followup.render import email
    from followup.render.base import Common

    common = Common(template=template, locale=locale, today=parse_date(date))
    run_command(files, out, interviewer, interviewers, quiet, lambda: [email.renderer(common)])


@app.command("render")
def render(
    files: Files,
    out: Out = Path("out"),
    interviewer: Interviewer = None,
    interviewers: PanelFile = None,
    template: Template = None,
    locale: Locale = "en_US",
    date: Date = None,
    seed: Seed = 0,
    quiet: Quiet = False,
    debug: Debug = False,
) -> None:
    """Render everything for every interviewer: email drafts first, then the print products."""
    from followup.render import PRODUCTS, renderer_module
    from followup.render.base import Common

    common = Common(template=template, locale=locale, today=parse_date(date), seed=seed)
    run_command(files, out, interviewer, interviewers, quiet, lambda: [renderer_module(name).renderer(common) for name in PRODUCTS])
