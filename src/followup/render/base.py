"""What every product shares: the item it renders, and the interface the runner calls.

Data flow for one item: interview file -> model -> ``prepare`` (merge the text, fit the
layout; raises ``ItemError`` to skip just this item) -> ``render`` (bytes of the item's own
file) -> written atomically by the runner. ``combine`` makes the combined print file.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO, Protocol, Sequence

from followup.model import InterviewFile, Interviewer, Product


@dataclass(frozen=True)
class Item:
    """One interviewer of one interview file, with the folder their files go to."""

    interview: InterviewFile
    person: Interviewer
    index: int  # position in the file's panel, for error locations
    folder: Path  # DIR/<company-slug>/<interviewer-slug>

    @property
    def subject(self) -> str:
        """How summaries and errors name this item."""
        return f"{self.person.name} ({self.interview.company_of(self.person)})"

    def field(self, *parts: str | int) -> tuple[str, int]:
        """(file, line) of one of this interviewer's fields, for error messages."""
        file, line = self.interview.locate("interviewers", self.index, *parts)
        return file or "", line or 0


@dataclass(frozen=True)
class Common:
    """Options every product shares (CLI.md): template/tone, locale, the date printed, the seed."""

    template: str | None = None
    locale: str = "en_US"
    today: dt.date = field(default_factory=dt.date.today)
    seed: int = 0


class Renderer(Protocol):
    """A product: what the runner needs to know and call.

    With ``render --jobs N`` each worker process builds its own renderer with
    ``renderer(common, **options)`` and sends back the bytes of ``render`` and, for the
    combined file, the value of ``prepare``: keep that value picklable (plain dataclasses,
    strings, numbers). One that is not is prepared again in the parent, which is slower.
    The output must depend only on the item, ``common`` and the options (the manifest
    skips an item whose item, options and followup version are unchanged).
    """

    name: str  # the command: "cards"
    product: Product  # what `send:` in the interview file names: Product.CARD
    item_file: str | None  # "card.pdf", written in each item's folder, or None (labels: only a combined file)
    combined_file: str | None  # "cards.pdf" in the output folder, or None

    def prepare(self, item: Item) -> Any:
        """Merge and fit; raise ItemError to skip this item, FollowupError to stop the run."""

    def render(self, prepared: Any) -> bytes:
        """The bytes of this item's own file."""

    def combine(self, prepared: Sequence[Any], target: BinaryIO) -> bool:
        """Write the combined print file of all prepared items to ``target``; False when there is none.

        ``prepared`` is read from the run's spool one item at a time: go through it in order and
        keep nothing, so a batch of any size is drawn in the same memory.
        """
