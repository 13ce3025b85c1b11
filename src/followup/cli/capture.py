"""Capturing an interview while it is fresh: ``init`` (with ``--interactive``), ``add`` and ``plan``."""

from __future__ import annotations

import datetime as dt
import re
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from followup.cli import app
from followup.cli.options import Debug, Out, Quiet


def clock() -> dt.datetime:
    """Now, as an aware local time; tests replace this."""
    return dt.datetime.now().astimezone()


def free_name(path: Path) -> Path:
    """The first of interview-2.yaml, interview-3.yaml... (beside ``path``) that does not exist yet."""
    match = re.fullmatch(r"(.*?)-(\d+)", path.stem)
    stem, number = (match[1], int(match[2]) + 1) if match else (path.stem, 2)
    while True:
        candidate = path.with_name(f"{stem}-{number}{path.suffix}")
        if not candidate.exists():
            return candidate
        number += 1


@app.command("init")
def init(
    path: Annotated[Path, typer.Argument(help="Where to write the interview file.", metavar="FILE")] = Path("interview.yaml"),
    interactive: Annotated[
        bool, typer.Option("--interactive", "-I", help="Ask the questions now, in the terminal or from piped answers.")
    ] = False,
    debug: Debug = False,
) -> None:
    """Start an interview file: a commented starter to fill in, or (--interactive) one written from your answers.

    With --interactive it asks for the company, the position, the date, each interviewer (reading back
    names with accents letter by letter) and what every note may draw on; answers can be piped in, one
    per line. Your own details are asked once and remembered in your config folder. It never
    overwrites a file, and Ctrl-C writes nothing.
    """
    if interactive:
        _init_interactive(path)
    else:
        _init_starter(path)


def _init_starter(path: Path) -> None:
    from importlib import resources

    from followup.errors import UsageError
    from followup.output import atomic_create

    text = resources.files("followup").joinpath("starter.yaml").read_text(encoding="utf-8")
    text = text.replace("{date}", clock().date().isoformat()).replace("{file}", path.name)
    try:
        atomic_create(path, text.encode("utf-8"))
    except FileExistsError:
        raise UsageError(f"{path} already exists: choose another name, e.g. followup init interview-2.yaml") from None
    typer.echo(f"wrote {path}: fill it in, then run `followup check {path}`")


def _init_interactive(path: Path) -> None:
    from followup.capture import StreamConsole, run_interview
    from followup.errors import InputError, UsageError
    from followup.profile import config_dir, load_profile, profile_path

    if path.suffix.lower() not in (".yaml", ".yml"):
        raise UsageError(f"{path}: init --interactive writes YAML (it keeps comments): name the file .yaml")
    terminal = sys.stdin.isatty()
    console = StreamConsole(sys.stdin, sys.stdout, terminal=terminal)
    folder = config_dir()
    profile = load_profile(folder)
    now = clock()
    try:
        target = _choose_target(path, console, terminal)
        captured = run_interview(console, today=now.date(), profile=profile, profile_place=str(profile_path(folder)))
        written = _write_new(target, captured, console, terminal, now.date())
    except KeyboardInterrupt:
        typer.echo("", err=False)
        typer.echo("interrupted: nothing was written", err=True)
        raise typer.Exit(130) from None
    except EOFError as error:
        where = str(error.args[0]) if error.args else console.last_prompt
        raise InputError(
            f'the answers ended at "{where}", before the interview was complete: nothing was written'
        ) from None
    count = len(captured.data["interviewers"])
    typer.echo(f"wrote {written} ({count} interviewer{'s' if count != 1 else ''})")
    if captured.profile_is_new:
        from followup.profile import save_profile

        typer.echo(f"remembered your details in {save_profile(folder, captured.candidate)}")
    typer.echo(f"next: followup check {written}; followup plan {written}")


def _choose_target(path: Path, console, terminal: bool) -> Path:
    """``path``, or another name when it exists: asked on a terminal, the next free one otherwise."""
    from followup.capture import ask

    while path.exists():
        suggestion = free_name(path)
        if not terminal:
            console.say(f"{path} already exists: writing {suggestion} instead")
            return suggestion
        answer = ask(console, f"{path} already exists. Write to", default=str(suggestion))
        path = Path(answer)
        if path.suffix.lower() not in (".yaml", ".yml"):
            path = path.with_name(path.name + ".yaml")
    return path


def _write_new(target: Path, captured, console, terminal: bool, today: dt.date) -> Path:
    """Write the file without ever replacing one (someone may have made ``target`` meanwhile)."""
    from followup.interview_yaml import new_file_text
    from followup.output import atomic_create

    while True:
        text = new_file_text(captured.data, file_name=target.name, written_on=today.isoformat())
        try:
            atomic_create(target, text.encode("utf-8"))
            return target
        except FileExistsError:
            target = _choose_target(target, console, terminal)


@app.command("add")
def add(
    file: Annotated[Path, typer.Argument(help="The interview file (.yaml) to add interviewers to.", show_default=False, metavar="FILE")],
    vcard: Annotated[
        Optional[Path], typer.Option("--vcard", help="Add the people on this business card (.vcf).", show_default=False, metavar="CARD.vcf")
    ] = None,
    csv: Annotated[
        Optional[Path],
        typer.Option("--csv", help="Add the people in this contacts file (.csv, or a LinkedIn export).", show_default=False, metavar="CONTACTS.csv"),
    ] = None,
    name: Annotated[Optional[str], typer.Option("--name", help="Add one person by name.", show_default=False, metavar="NAME")] = None,
    honorific: Annotated[Optional[str], typer.Option("--honorific", help="With --name: Mr., Ms., Mx., Dr. ...", show_default=False, metavar="TEXT")] = None,
    title: Annotated[Optional[str], typer.Option("--title", help="With --name: their job title.", show_default=False, metavar="TEXT")] = None,
    email: Annotated[Optional[str], typer.Option("--email", help="With --name: their email.", show_default=False, metavar="EMAIL")] = None,
    topic: Annotated[
        Optional[list[str]], typer.Option("--topic", help="With --name: a topic you discussed (repeat for several).", show_default=False, metavar="TEXT")
    ] = None,
    note: Annotated[Optional[str], typer.Option("--note", help="With --name: a personal note for them.", show_default=False, metavar="TEXT")] = None,
    quiet: Quiet = False,
    debug: Debug = False,
) -> None:
    """Append interviewers to an interview file, keeping its comments and order.

    From a business card (--vcard), a contacts file (--csv), or one person (--name with --title, --email,
    --topic...). A name already in the file is refused with --name and skipped from a card or CSV. The
    result is checked before it replaces the file; on error the file stays as it was.
    """
    from followup.adding import add_interviewers, people_from_file
    from followup.errors import UsageError

    sources = [option for option, value in (("--vcard", vcard), ("--csv", csv), ("--name", name)) if value is not None]
    if len(sources) != 1:
        raise UsageError(
            "give exactly one of --vcard FILE, --csv FILE or --name NAME"
            + (f" (got {' and '.join(sources)})" if sources else ", e.g. followup add interview.yaml --name \"Jordan Rivera\"")
        )
    details = {"honorific": honorific, "title": title, "email": email, "topics": topic, "note": note}
    given = [f"--{key.rstrip('s')}" for key, value in details.items() if value]
    if name is None and given:
        raise UsageError(f"{', '.join(given)} go with --name; a card or CSV brings its own details")
    if vcard is not None:
        if vcard.suffix.lower() not in (".vcf", ".vcard"):
            raise UsageError(f"--vcard {vcard}: a business card file ends in .vcf")
        people = people_from_file(vcard)
    elif csv is not None:
        if csv.suffix.lower() != ".csv":
            raise UsageError(f"--csv {csv}: a contacts file ends in .csv")
        people = people_from_file(csv)
    else:
        person = {"name": name, **{key: value for key, value in details.items() if value}}
        people = [(person, (None, None))]
    result = add_interviewers(file, people, skip_duplicates=name is None)
    for skipped in result.skipped:
        typer.echo(f"warning: skipped {skipped}: already in {file}", err=True)
    if not quiet:
        if result.added:
            typer.echo(f"added to {file}: {', '.join(result.added)}")
        else:
            typer.echo(f"nothing added to {file}: everyone is already there")
        if result.added and not result.faithful:
            typer.echo(
                f"note: {file} is laid out in a way the YAML library does not reproduce exactly, "
                "so some lines besides the new ones were re-indented or re-quoted",
                err=True,
            )


@app.command("plan")
def plan(
    file: Annotated[Path, typer.Argument(help="The interview file.", show_default=False, metavar="FILE")],
    out: Out = Path("out"),
    date: Annotated[
        Optional[str],
        typer.Option(
            "--date",
            help="Plan as of this moment, YYYY-MM-DD or YYYY-MM-DDTHH:MM (a date alone means 00:00) [default: now].",
            show_default=False,
            metavar="WHEN",
        ),
    ] = None,
    quiet: Quiet = False,
    debug: Debug = False,
) -> None:
    """Print what to send to whom and by when (24 hours after the interview), and write DIR/plan.ics.

    The calendar holds a reminder to send the notes, ending at the 24-hour mark, and a reminder a week
    later to call for news, with the call sheet's points. With no interview time in the file, 09:00 is
    assumed, so the reminder comes early rather than late. Overdue steps are marked.
    """
    from followup.loading import load_interview
    from followup.output import atomic_write
    from followup.plan import make_plan, summary_lines, to_ical

    now_local, stamp = _moment(date)
    interview = load_interview(file)
    made = make_plan(interview)
    data = to_ical(made, stamp)
    target = out / "plan.ics"
    atomic_write(target, data)
    if not quiet:
        for line in summary_lines(made, now_local):
            typer.echo(line)
        typer.echo(f"wrote {target}")


def _moment(text: str | None) -> tuple[dt.datetime, dt.datetime]:
    """(local wall-clock now, UTC stamp for DTSTAMP) from --date or the clock."""
    from followup.errors import UsageError

    if text is None:
        now = clock()
        return now.replace(tzinfo=None), now.astimezone(dt.timezone.utc)
    try:
        moment = dt.datetime.fromisoformat(text) if "T" in text or " " in text.strip() else dt.datetime.combine(dt.date.fromisoformat(text), dt.time())
    except ValueError:
        raise UsageError(f"--date {text!r} is not a date: write it as YYYY-MM-DD or YYYY-MM-DDTHH:MM, e.g. 2026-11-25T09:30") from None
    moment = moment.replace(tzinfo=None, second=0, microsecond=0)
    return moment, moment.replace(tzinfo=dt.timezone.utc)
