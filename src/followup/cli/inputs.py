"""Starting and checking interview files: ``init`` and ``check``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal, Optional

import typer

from followup.cli import app
from followup.cli.options import Debug, Files, Locale, PanelFile, Quiet, Template


@app.command("check")
def check(
    files: Files,
    interviewers: PanelFile = None,
    out: Annotated[Path, typer.Option("--out", "-o", help="Output folder, to see whether anything was rendered yet.")] = Path("out"),
    product: Annotated[
        Optional[list[str]],
        typer.Option(
            "--product", "-p", help="Check only for this product, e.g. emails (repeat for several) [default: all].",
            show_default=False,
        ),
    ] = None,
    template: Template = None,
    locale: Locale = "en_US",
    date: Annotated[
        Optional[str], typer.Option("--date", help="Today, YYYY-MM-DD, for the 24-hour rule [default: today].", show_default=False)
    ] = None,
    output_format: Annotated[
        Literal["text", "json"], typer.Option("--format", help="text (one line per finding) or json (version, summary, findings).")
    ] = "text",
    strict: Annotated[bool, typer.Option("--strict", help="Exit 1 when there are warnings.")] = False,
    quiet: Quiet = False,
    debug: Debug = False,
) -> None:
    """Proofread interview files: errors stop printing (exit 2), warnings are worth a look (exit 0, 1 with --strict).

    Errors: what cannot render (a missing field, an unknown template field, a character no font
    has, a note that cannot fit its card, a missing address, an unreadable signature image).
    Warnings: spelling, names spelt two ways, honorifics, near-duplicate or generic messages,
    lateness, a future date, a card near its fit limit, a letter over one page.
    """
    from followup.check import proofread
    from followup.cli.options import parse_date
    from followup.render.base import Common

    today = parse_date(date)
    common = Common(template=template, locale=locale, today=today)
    findings = proofread(files, today=today, interviewers=interviewers, common=common, products=product or None, out_dir=out)
    errors = sum(finding.is_error for finding in findings)
    if output_format == "json":
        import json

        from followup.findings import report

        typer.echo(json.dumps(report(findings), ensure_ascii=False, indent=2))
    else:
        print_findings(findings, files, quiet)
    if errors:
        raise typer.Exit(2)
    raise typer.Exit(1 if strict and findings else 0)


def print_findings(findings, files, quiet: bool) -> None:
    """One line per finding, grouped by file (a bold heading and colours on a terminal)."""
    from rich.console import Console
    from rich.markup import escape

    console = Console(highlight=False, soft_wrap=True)
    colours = {"error": "bold red", "warning": "yellow"}
    current = None
    for finding in findings:
        if quiet and not finding.is_error:
            continue
        if console.is_terminal and finding.file != current:
            current = finding.file
            console.print(f"[bold]{escape(current or '(no file)')}[/bold]")
        tags = ", ".join(part for part in (finding.code, finding.interviewer, finding.product) if part)
        console.print(
            f"[{colours[finding.severity]}]{finding.severity}[/]: {escape(str(finding))} [dim]\\[{escape(tags)}][/dim]"
        )
    if quiet:
        return
    errors = sum(finding.is_error for finding in findings)
    warnings = len(findings) - errors
    if not findings:
        count = len(files)
        console.print(f"ok: {count} file{'s' if count != 1 else ''} checked, nothing to report")
    else:
        console.print(f"{errors} error{'s' if errors != 1 else ''}, {warnings} warning{'s' if warnings != 1 else ''}")
