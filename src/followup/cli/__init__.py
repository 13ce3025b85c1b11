"""The ``followup`` command line: options in, library calls, output and exit status out.

Only this package prints or exits. Errors from the core (``FollowupError``) become one
``error: ...`` line on stderr and their exit status; anything else is a bug, shown with a
traceback only under ``--debug``. Heavy libraries load inside the commands that need them.
"""

from __future__ import annotations

import typer
from typer.core import TyperGroup

from followup import __version__
from followup.cli.options import Debug


class FollowupGroup(TyperGroup):
    """Translates errors from any command into a message and an exit status."""

    def invoke(self, ctx):  # type: ignore[override]
        from followup.errors import FollowupError

        try:
            return super().invoke(ctx)
        except FollowupError as error:
            if ctx.meta.get("followup.debug"):
                raise
            typer.echo(f"error: {error}", err=True)
            raise typer.Exit(int(error.exit_status)) from None
        except typer.BadParameter as error:
            message = choice_error(error)
            if message is None:
                raise  # click's own usage message, for what is not a choice
            typer.echo(f"error: {message}", err=True)
            raise typer.Exit(2) from None
        except (typer.Exit, typer.Abort, typer.TyperException):
            raise
        except BrokenPipeError:
            # the reader went away (e.g. `followup layouts | head`): not an error of ours
            import os
            import sys

            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            raise typer.Exit(0) from None
        except KeyboardInterrupt:
            typer.echo("interrupted: nothing half-written was left behind", err=True)
            raise typer.Exit(130) from None
        except Exception as error:  # a bug, not the user's fault
            if ctx.meta.get("followup.debug"):
                raise
            typer.echo(
                f"error: internal error ({type(error).__name__}: {error}); "
                "run again with --debug for the traceback, and please report it",
                err=True,
            )
            raise typer.Exit(70) from None


def choice_error(error: typer.BadParameter) -> str | None:
    """A bad value of an option with a fixed set of values (an Enum), in followup's words.

    ``--for 'box': choose one of card, letter`` rather than click's usage block; None when the
    parameter has no fixed values or the value given cannot be told (click's message stays).
    """
    from enum import Enum

    param = error.param
    if param is None:
        return None
    choices = getattr(getattr(param, "type_descriptor", None), "choices", None) or getattr(getattr(param, "type", None), "choices", None)
    given = _given(error)
    if not choices or given is None:
        return None
    names = [str(choice.value) if isinstance(choice, Enum) else str(choice) for choice in choices]
    flags = [flag for flag in getattr(param, "opts", ()) if flag.startswith("--")] or list(getattr(param, "opts", ()))
    shown = flags[0] if flags else param.human_readable_name
    return f"{shown} {given!r}: choose one of {', '.join(names)}"


def _given(error: typer.BadParameter) -> str | None:
    """The value the user typed: Typer checks choices with pydantic, whose error keeps the input."""
    errors = getattr(error.__cause__, "errors", None)
    if not callable(errors):
        return None
    for detail in errors():
        if isinstance(detail.get("input"), str):
            return detail["input"]
    return None


app = typer.Typer(
    cls=FollowupGroup,
    name="followup",
    help="Thank-you cards, letters, envelopes, labels and email drafts for every interviewer, from one interview file.",
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"followup {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    ctx: typer.Context,
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Show the version and exit."),
    debug: Debug = False,
) -> None:
    """Thank-you cards, letters, envelopes, labels and email drafts for every interviewer."""


def main() -> None:
    """The console script."""
    app()


# the commands register themselves on `app` when their module is imported
from followup.cli import capture  # noqa: E402,F401
from followup.cli import cards  # noqa: E402,F401
from followup.cli import info  # noqa: E402,F401
from followup.cli import inputs  # noqa: E402,F401
from followup.cli import letters  # noqa: E402,F401
from followup.cli import mail  # noqa: E402,F401
from followup.cli import products  # noqa: E402,F401
