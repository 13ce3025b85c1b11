"""The run: load every file, prepare every item of every product, then write, atomically.

Input errors stop the run before anything is written. An item failure (``ItemError``) skips
that item only and is reported; the others are written. The core returns a ``Report``; the
CLI prints it and chooses the exit status.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Sequence

from followup.errors import ExitStatus, ItemError, UsageError
from followup.loading import load_interview
from followup.model import InterviewFile
from followup.output import Slugs, atomic_write, inside
from followup.render.base import Item, Renderer


@dataclass
class Failure:
    """One item that could not be made, and why."""

    subject: str
    product: str
    message: str


@dataclass
class Report:
    """What a run wrote and what it skipped."""

    written: list[Path] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)

    @property
    def exit_status(self) -> ExitStatus:
        return ExitStatus.ITEMS_FAILED if self.failures else ExitStatus.OK


def load_all(paths: Iterable[str | Path], interviewers: str | Path | None = None) -> list[InterviewFile]:
    """Load and validate every interview file; the first bad one stops everything."""
    return [load_interview(path, interviewers) for path in paths]


def _key(name: str) -> str:
    return unicodedata.normalize("NFC", name).casefold().strip()


def items(files: Sequence[InterviewFile], out_dir: Path, only: Sequence[str] = ()) -> list[Item]:
    """Every interviewer of every file (or those named in ``only``) with a unique output folder."""
    wanted = {_key(name) for name in only}
    companies, people = Slugs(), {}
    company_slugs: dict[str, str] = {}
    result = []
    for interview in files:
        for index, person in enumerate(interview.interviewers):
            if wanted and _key(person.name) not in wanted:
                continue
            company = interview.company_of(person)
            if company not in company_slugs:
                company_slugs[company] = companies.unique(company, "company")
            company_slug = company_slugs[company]
            slugs = people.setdefault(company_slug, Slugs())
            folder = inside(out_dir, company_slug, slugs.unique(person.name, "interviewer"))
            result.append(Item(interview=interview, person=person, index=index, folder=folder))
    missing = wanted - {_key(item.person.name) for item in result}
    if missing:
        names = sorted({person.name for interview in files for person in interview.interviewers})
        raise UsageError(f"no interviewer called {sorted(missing)[0]!r}; the panel is: {', '.join(names)}")
    return result


def wants(item: Item, renderer: Renderer) -> bool:
    """Does this interviewer's ``send:`` list (if any) include the product?"""
    return item.person.send is None or renderer.product in item.person.send


def run(renderers: Sequence[Renderer], selected: Sequence[Item], out_dir: Path) -> Report:
    """Prepare everything, then write each item's file and each product's combined file."""
    report = Report()
    prepared: list[tuple[Renderer, list[tuple[Item, object]]]] = []
    for renderer in renderers:
        done = []
        for item in selected:
            if not wants(item, renderer):
                continue
            try:
                done.append((item, renderer.prepare(item)))
            except ItemError as error:
                report.failures.append(Failure(error.subject or item.subject, renderer.name, str(error)))
        prepared.append((renderer, done))
    for renderer, done in prepared:
        for item, ready in (done if renderer.item_file else ()):  # labels have only a combined file
            path = inside(out_dir, *item.folder.relative_to(out_dir.resolve()).parts, renderer.item_file)
            atomic_write(path, renderer.render(ready))
            report.written.append(path)
        if renderer.combined_file and done:
            combined = renderer.combine([ready for _, ready in done])
            if combined is not None:
                path = inside(out_dir, renderer.combined_file)
                atomic_write(path, combined)
                report.written.append(path)
    return report
