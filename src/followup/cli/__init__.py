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
