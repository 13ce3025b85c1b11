"""The one error hierarchy of followup, and the exit statuses the CLI maps it to.

The core raises these and never prints or exits; ``followup.cli`` turns them into
``error: ...`` on stderr and an exit status.
"""

from __future__ import annotations

from enum import IntEnum
from pathlib import Path


class ExitStatus(IntEnum):
    """What the process tells its caller."""

    OK = 0
    ITEMS_FAILED = 1  # some items were skipped, the rest written
    BAD_INPUT = 2  # bad input or usage: nothing written


class FollowupError(Exception):
    """Base of every error the user can fix. Its text names the file, line and field.

    ``str(error)`` gives ``file:line: field: message`` with the parts that are known.
    """

    exit_status = ExitStatus.BAD_INPUT

    def __init__(
        self,
        message: str,
        *,
        path: str | Path | None = None,
        line: int | None = None,
        field: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.path = str(path) if path is not None else None
        self.line = line
        self.field = field

    def __str__(self) -> str:
        where = []
        if self.path:
            where.append(self.path if self.line is None else f"{self.path}:{self.line}")
        if self.field:
            where.append(self.field)
        return ": ".join([*where, self.message])


class InputError(FollowupError):
    """The interview file (or a file it names) cannot be read, parsed or validated."""


class UsageError(FollowupError):
    """Options that contradict each other or name something that does not exist."""


class LayoutError(FollowupError):
    """A layout file in ``layouts/`` (or the user's) is malformed or impossible."""


class TemplateError(FollowupError):
    """A template does not parse, uses an unknown field, or tries to escape its sandbox."""


class GlyphError(FollowupError):
    """A character that no bundled font can draw."""


class ImageError(FollowupError):
    """A signature image that is missing, not an image, or absurdly large."""


class ItemError(FollowupError):
    """One item (one interviewer's card, letter...) cannot be made; the others can.

    ``subject`` names the interviewer, so a summary can say whose item failed.
    """

    exit_status = ExitStatus.ITEMS_FAILED

    def __init__(self, message: str, *, subject: str | None = None, **where) -> None:
        super().__init__(message, **where)
        self.subject = subject


class FitError(ItemError):
    """A message that does not fit its card, label or page even at the smallest size."""


class MissingAddressError(ItemError):
    """A letter, envelope or label for someone without a postal address."""
