"""The product commands: each loads the files, renders every item, writes, and reports.

``render`` makes every product (email drafts first); ``emails`` and ``call-sheets`` make
one; ``preview`` turns PDFs into PNGs. The work is ``followup.run``'s; this module parses
options, shows progress on a terminal, prints the summary and chooses the exit status.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Callable, Iterable, Iterator, Optional, Sequence

import typer

from followup.cli import app
from followup.cli.options import (
    Date, Debug, Files, Force, Interviewer, Locale, Out, OverwriteEdited, PanelFile, Quiet, Seed, Template, date_option, inert, parse_date,
)

if TYPE_CHECKING:
    from followup.render.base import Common, Item

RenderFiles = Annotated[
    list[Path],
    typer.Argument(
        help="Interview files (.yaml, .toml or .json), or batch CSVs of many candidates (columns in the README).",
        show_default=False, metavar="FILE...",
    ),
]

EmailDate = date_option("The draft's Date: header (and {{ date }} in your own template)")
CallSheetDate = date_option("Today's date, for your own sheet's {{ date }} (the built-in sheet prints none)")
EmailSeed = inert("--seed", int, "Email drafts are plain text and do not vary, so it changes nothing", "N")
CallSheetSeed = inert("--seed", int, "Call sheets are set in type and do not vary, so it changes nothing", "N")


def run_command(
    files: Sequence[Path],
    out: Path,
    interviewer: Sequence[str] | None,
    panel: Path | None,
    quiet: bool,
    make: Callable[[], Sequence[object]],
    *,
    jobs: int = 1,
    force: bool = False,
    overwrite_edited: bool = False,
    check: bool = True,
    proofread_with: "Common | None" = None,
    preview: bool = False,
    drawing_fonts: Sequence[str] | None = None,
    warn: "Callable[[Sequence[Item]], Iterable[str]] | None" = None,
) -> None:
    """Load, check, select, render and write; print the summary; exit 0, 1 (some items failed) or 2.

    With ``proofread_with`` (the products' shared options: the date the notes carry, the locale
    and tone), the run proofreads first, as ``check`` does
    minus the product checks that rendering repeats: errors stop it, warnings are printed.
    Without it, every text must be drawable in ``drawing_fonts`` (the fonts the product draws
    with; default: every product's), so a bad character is named at its own line and field.
    ``warn(selected)`` gives the command's own warnings about what its output will lack; they
    are printed even with --quiet, as failures are, since the printed result is not what the user
    may expect.
    """
    from followup import run

    loaded = run.load_all(files, panel)
    renderers = make()  # the command's own usage errors come before anything about the files
    if check and proofread_with is not None:
        proofread_first(loaded, proofread_with, out, quiet)
    elif check:
        from followup.check import DRAWING_FONTS, check_drawable

        for interview in loaded:
            check_drawable(interview, drawing_fonts or DRAWING_FONTS)
    selected = run.items(loaded, out, interviewer or ())
    for text in warn(selected) if warn else ():
        typer.echo(f"warning: {text}", err=True)
    with progress_bar(quiet) as progress:
        report = run.run(
            renderers, selected, out, jobs=jobs, force=force, overwrite_edited=overwrite_edited, progress=progress  # type: ignore[arg-type]
        )
    if preview:
        run.write_preview(report, out, force=force, overwrite_edited=overwrite_edited)
    print_report(report, out, quiet)
    raise typer.Exit(int(report.exit_status))


def proofread_first(loaded, common: "Common", out: Path, quiet: bool) -> None:
    """Stop on what cannot render; print the warnings (never blocking). Item failures are left to the run."""
    from followup.check import proofread

    findings = proofread(loaded, today=common.today, common=common, products=[], out_dir=out)
    stop = [finding for finding in findings if finding.is_error and not finding.item_failure]
    if stop:
        raise stop[0].as_error()
    if not quiet:
        for finding in findings:
            typer.echo(f"warning: {finding}", err=True)


@contextlib.contextmanager
def progress_bar(quiet: bool) -> Iterator[Callable[[int, int], None] | None]:
    """A rich progress bar on stderr when it is a terminal (and not --quiet); else nothing."""
    if quiet or not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    with Progress(
        TextColumn("rendering"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
        console=Console(stderr=True), transient=True,
    ) as bar:
        task = bar.add_task("render", total=None)

        def update(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        yield update


def print_report(report, out: Path, quiet: bool) -> None:
    """Failures and kept files always (they need the user's attention); the summary table unless --quiet."""
    base = out.resolve()

    def shown(path: Path) -> str:
        return str(Path(out, path.relative_to(base))) if base in path.parents else str(path)

    for failure in report.failures:
        typer.echo(f"failed: {failure.product}: {failure.subject}: {failure.message}", err=True)
    for kept in getattr(report, "kept", ()):
        why = "you changed it since followup wrote it" if kept.reason == "edited" else "followup did not write it"
        typer.echo(f"kept: {shown(kept.path)} ({why}); not replaced: move it away, or pass --overwrite-edited", err=True)
    if quiet:
        return
    from rich.console import Console
    from rich.table import Table

    outcomes = getattr(report, "outcomes", None) or []
    table = Table(show_edge=False, box=None, pad_edge=False, header_style="bold")
    for column in ("product", "written", "unchanged", "kept", "failed", "where"):
        table.add_column(column, overflow="fold", justify="right" if column in ("written", "unchanged", "kept", "failed") else "left")
    products = list(dict.fromkeys([*getattr(report, "products", []), *(o.product for o in outcomes)]))
    for product in products:
        mine = [o for o in outcomes if o.product == product]
        counts = [sum(1 for o in mine if o.status == status) for status in ("written", "unchanged", "kept")]
        failed = sum(1 for f in report.failures if f.product == product)
        places = []
        for o in mine:
            if o.item is None:
                places.append(shown(o.path))
        item_paths = [o.path for o in mine if o.item is not None]
        if item_paths:
            parts = item_paths[0].relative_to(base).parts
            places.append(str(Path(out, *("*" for _ in parts[:-1]), parts[-1])) if len(item_paths) > 1 else shown(item_paths[0]))
        table.add_row(product, *(str(count) for count in counts), str(failed), "  ".join(dict.fromkeys(places)))
    console = Console(highlight=False, soft_wrap=True)
    if outcomes or report.failures:
        console.print(table)
    elif report.written:  # a report from an older caller: list the files
        for path in report.written:
            console.print(shown(path))
    unchanged = len(getattr(report, "unchanged", []))
    summary = [f"{len(report.written)} written"]
    if unchanged:
        summary.append(f"{unchanged} unchanged (--force renders them again)")
    if getattr(report, "kept", None):
        summary.append(f"{len(report.kept)} kept")
    if report.failures:
        summary.append(f"{len(report.failures)} failed")
    console.print(f"{', '.join(summary)}: {out}")


def parse_only(text: str | None) -> list[str]:
    """``--only cards,letters`` as product command names, in the order ``render`` makes them."""
    from followup.errors import UsageError
    from followup.render import PRODUCTS

    if text is None:
        return list(PRODUCTS)
    aliases = {name: name for name in PRODUCTS} | {name.removesuffix("s"): name for name in PRODUCTS}
    chosen = set()
    for part in (piece.strip().lower() for piece in text.split(",")):
        if not part:
            continue
        if part not in aliases:
            raise UsageError(f"--only: no product called {part!r}; choose from: {', '.join(PRODUCTS)}")
        chosen.add(aliases[part])
    if not chosen:
        raise UsageError(f"--only needs at least one product: {', '.join(PRODUCTS)}")
    return [name for name in PRODUCTS if name in chosen]


@app.command("emails")
def emails(
    files: Files,
    out: Out = Path("out"),
    interviewer: Interviewer = None,
    interviewers: PanelFile = None,
    template: Template = None,
    locale: Locale = "en_US",
    date: EmailDate = None,
    seed: EmailSeed = None,
    force: Force = False,
    overwrite_edited: OverwriteEdited = False,
    quiet: Quiet = False,
    debug: Debug = False,
) -> None:
    """Write an email draft (email.eml) for each interviewer, to review and send from your mail client."""
    from followup.render.base import Common
    from followup.run import Spec

    common = Common(template=template, locale=locale, today=parse_date(date))
    run_command(
        files, out, interviewer, interviewers, quiet, lambda: [Spec("emails", common)],
        force=force, overwrite_edited=overwrite_edited,
    )


@app.command("call-sheets")
def call_sheets(
    files: Files,
    out: Out = Path("out"),
    interviewer: Interviewer = None,
    interviewers: PanelFile = None,
    template: Annotated[
        Optional[str],
        typer.Option(
            "--template",
            help="Tone of the call script (warm, formal, brief), or your own call-sheet .j2 file [default: the built-in sheet, warm].",
            show_default=False, metavar="NAME|FILE.j2",
        ),
    ] = None,
    locale: Locale = "en_US",
    date: CallSheetDate = None,
    seed: CallSheetSeed = None,
    force: Force = False,
    overwrite_edited: OverwriteEdited = False,
    quiet: Quiet = False,
    debug: Debug = False,
) -> None:
    """Write a one-page call sheet (call-sheet.pdf) per interviewer for a follow-up call, and call-sheets.pdf."""
    from followup.errors import UsageError
    from followup.render.base import Common
    from followup.run import Spec
    from followup.templating import TONES, builtin_names

    tone = template in TONES  # a tone, as `render --template` gives it; else the sheet's own template
    sheets = builtin_names("call-sheet")
    if template and not tone and template not in sheets and not (template.endswith(".j2") or "/" in template):
        raise UsageError(
            f"--template {template!r}: choose a tone ({', '.join(TONES)}), the built-in sheet ({', '.join(sheets)}) "
            "or your own call-sheet .j2 file"
        )
    common = Common(template=template if tone else None, locale=locale, today=parse_date(date))
    options = (("template", template),) if template and not tone else ()
    run_command(
        files, out, interviewer, interviewers, quiet, lambda: [Spec("call-sheets", common, options)],
        force=force, overwrite_edited=overwrite_edited,
    )


@app.command("render")
def render(
    files: RenderFiles,
    out: Out = Path("out"),
    only: Annotated[
        Optional[str],
        typer.Option("--only", help="Only these products, e.g. cards,letters (default: all; emails always first).", show_default=False),
    ] = None,
    interviewer: Interviewer = None,
    interviewers: PanelFile = None,
    template: Template = None,
    locale: Locale = "en_US",
    date: Date = None,
    seed: Seed = 0,
    jobs: Annotated[
        Optional[int], typer.Option("--jobs", "-j", min=1, help="Worker processes [default: the number of cores].", show_default=False)
    ] = None,
    force: Force = False,
    overwrite_edited: OverwriteEdited = False,
    preview: Annotated[bool, typer.Option("--preview", help="Also write DIR/preview.png, a contact sheet of every item.")] = False,
    no_check: Annotated[bool, typer.Option("--no-check", help="Skip the checks that run before anything is written.")] = False,
    card_size: Annotated[str, typer.Option("--card-size", help="Card stock for the cards (see `followup layouts`).")] = "a2-folded",
    card_sheet: Annotated[
        Optional[str], typer.Option("--card-sheet", help="Impose cards.pdf n-up on letter or a4 sheets with crop marks.", show_default=False)
    ] = None,
    font: Annotated[str, typer.Option("--font", help="Handwriting font for the cards (see `followup fonts`) or a .ttf file.")] = "caveat",
    ink: Annotated[str, typer.Option("--ink", help="Ink of the cards: blue-black, black, blue or #RRGGBB.")] = "blue-black",
    natural: Annotated[bool, typer.Option("--natural/--no-natural", help="Natural variation of the handwriting.")] = True,
    guide: Annotated[bool, typer.Option("--guide", help="Also write the copy-by-hand guides (card-guide.pdf, cards-guide.pdf).")] = False,
    hand: Annotated[str, typer.Option("--hand", help="Hand the guides are set for: small, medium or large.")] = "medium",
    paper: Annotated[
        Optional[str], typer.Option("--paper", help="letter or a4 for letters and labels [default: from the locale].", show_default=False)
    ] = None,
    window: Annotated[str, typer.Option("--window", help="Window envelope the letters fold into: none, us10, us9, din-a, din-b.")] = "none",
    style: Annotated[str, typer.Option("--style", help="Letter style: full-block or modified-block.")] = "full-block",
    envelope_size: Annotated[
        Optional[str], typer.Option("--envelope-size", help="Envelope size [default: the one the card fits].", show_default=False)
    ] = None,
    label_sheet: Annotated[
        Optional[str], typer.Option("--label-sheet", help="Label sheet [default: avery-5160 on letter, avery-l7160 on a4].", show_default=False)
    ] = None,
    postal_style: Annotated[bool, typer.Option("--postal-style", help="Envelopes and labels in USPS upper case without punctuation.")] = False,
    printer: Annotated[
        Optional[str], typer.Option("--printer", help="Apply this printer's saved offsets to envelopes and labels.", show_default=False)
    ] = None,
    quiet: Quiet = False,
    debug: Debug = False,
) -> None:
    """Render everything for every interviewer of every file: email drafts first, then the print products."""
    from followup import printers
    from followup.render.base import Common
    from followup.run import Spec

    names = parse_only(only)
    common = Common(template=template, locale=locale, today=parse_date(date), seed=seed)
    offsets = printers.printer(printer)
    card = {"size": card_size, "sheet": card_sheet, "font": font, "ink": ink, "natural": natural, "hand": hand}
    options: dict[str, dict] = {
        "cards": card,
        "card-guides": card,
        "letters": {"style": style, "paper": paper, "window": window},
        "envelopes": {"size": envelope_size, "card_size": card_size, "paper": paper, "postal_style": postal_style, "offsets": offsets},
        "labels": {"sheet": label_sheet, "paper": paper, "postal_style": postal_style, "offsets": offsets},
    }
    if guide and "cards" in names:
        names.insert(names.index("cards") + 1, "card-guides")

    def specs() -> list[Spec]:
        made = [Spec(name, common, tuple(options.get(name, {}).items())) for name in names]
        for spec in made:
            spec.build()  # usage errors in the options (a card size that does not exist) stop the run here
        return made

    from followup.cli.mail import no_return_address

    run_command(
        files, out, interviewer, interviewers, quiet, specs,
        jobs=jobs or os.cpu_count() or 1, force=force, overwrite_edited=overwrite_edited, check=not no_check,
        proofread_with=common, preview=preview, warn=no_return_address if "envelopes" in names else None,
    )


@app.command("preview")
def preview(
    pdfs: Annotated[list[Path], typer.Argument(help="PDF files to preview.", show_default=False, metavar="PDF...")],
    dpi: Annotated[float, typer.Option("--dpi", help="Resolution of the images in dots per inch.")] = 100,
    quiet: Quiet = False,
    debug: Debug = False,
) -> None:
    """Write PNG images of each PDF's pages beside it (<name>-<page>.png), trimmed to the card or envelope edge."""
    from followup.errors import InputError
    from followup.output import atomic_write
    from followup.preview import previews

    for pdf in pdfs:
        if not pdf.is_file():
            raise InputError("no such file", path=pdf)
    images = [image for pdf in pdfs for image in previews(pdf, dpi)]  # read everything before writing anything
    for path, data in images:
        atomic_write(path, data)
        if not quiet:
            typer.echo(f"wrote {path}")
