"""Adding interviewers to an interview file someone wrote: their comments, order and quoting stay.

People come from a business card (vCard), a contacts CSV (the loader's own parsers) or the command line.
Each new person is validated where they came from; the edited file is validated as a whole before it
replaces the original, so a failure leaves the original untouched.
"""

from __future__ import annotations

import os
import tempfile
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from followup.errors import FollowupError, InputError, UsageError

Where = tuple[str | None, int | None]  # (file, line) a person came from


@dataclass(frozen=True)
class Addition:
    """What ``add_interviewers`` did."""

    added: tuple[str, ...]
    skipped: tuple[str, ...]  # already in the file
    faithful: bool  # True: every other byte of the file is as it was


def people_from_file(path: Path) -> list[tuple[dict[str, Any], Where]]:
    """Interviewers from a CSV or vCard file, each with the file and line it came from."""
    from followup.loading import load_panel

    lines: dict = {}
    people = load_panel(path, lines)
    return [(person, lines.get(("interviewers", index), (str(path), None))) for index, person in enumerate(people)]


def _key(name: str) -> str:
    return " ".join(unicodedata.normalize("NFC", name).casefold().split())


def _validated(person: Mapping[str, Any], where: Where) -> dict[str, Any]:
    from pydantic import ValidationError

    from followup.loading import field_path
    from followup.model import Interviewer

    try:
        model = Interviewer.model_validate(dict(person))
    except ValidationError as error:
        first = error.errors(include_url=False)[0]
        message = str(first["msg"]).removeprefix("Value error, ")
        if first["type"] == "missing":
            message = "required"
        field = field_path(first["loc"]) or None
        if where[0] is None and field:  # typed on the command line: name the option
            field = "--" + field.split(".")[0].split("[")[0].removesuffix("s").replace("_", "-")
        raise InputError(message, path=where[0], line=where[1], field=field) from None
    return model.model_dump(mode="json", exclude_none=True)


def add_interviewers(
    path: Path, people: Sequence[tuple[Mapping[str, Any], Where]], *, skip_duplicates: bool
) -> Addition:
    """Append ``people`` to the interview file at ``path`` (YAML), atomically, after validating the result.

    A name already in the file is skipped when ``skip_duplicates`` (a contacts file may hold the whole
    panel), else refused with a ``UsageError``.
    """
    from followup.check import check_drawable
    from followup.interview_yaml import append_people, dump, load_for_edit
    from followup.loading import load_interview
    from followup.output import atomic_write

    if path.suffix.lower() not in (".yaml", ".yml"):
        raise UsageError(
            f"{path}: add edits YAML interview files only (they keep their comments); "
            "convert it to .yaml, or add the people by hand"
        )
    current = load_interview(path)  # a broken file is reported as it is, before anything is added
    raw = path.read_bytes()
    bom = raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("utf-8-sig")
    crlf = "\r\n" in text  # written on Windows: edited with \n, written back with \r\n
    text = text.replace("\r\n", "\n")
    if not text.endswith("\n"):
        text += "\n"  # the new entries start on a line of their own
    yaml, document, faithful = load_for_edit(text, path)
    if not isinstance(document.get("interviewers"), list):
        source = document.get("interviewers")
        raise UsageError(f"{path}: the interviewers come from {source!r}: add the new ones to that file instead")

    taken = {_key(person.name): index for index, person in enumerate(current.interviewers)}
    new: list[dict[str, Any]] = []
    skipped: list[str] = []
    for person, where in people:
        checked = _validated(person, where)
        if _key(checked.get("company", "")) == _key(current.interview.company):
            del checked["company"]  # a card's ORG that says what the file already says
        key = _key(checked["name"])
        if key in taken:
            if not skip_duplicates:
                index = taken[key]
                file, line = current.locate("interviewers", index)
                raise UsageError(
                    f"{current.interviewers[index].name} is already in {file}" + (f" (line {line})" if line else "")
                    + ": edit that entry instead"
                )
            skipped.append(checked["name"])
            continue
        taken[key] = len(current.interviewers) + len(new)
        new.append(checked)
    if not new:
        return Addition(added=(), skipped=tuple(skipped), faithful=faithful)

    append_people(document, new, text)
    edited = dump(yaml, document)
    result = (edited.replace("\n", "\r\n") if crlf else edited).encode("utf-8")
    if bom:
        result = b"\xef\xbb\xbf" + result
    _validate_before_replacing(path, result, check_drawable)
    atomic_write(path, result)
    return Addition(added=tuple(person["name"] for person in new), skipped=tuple(skipped), faithful=faithful)


def _validate_before_replacing(path: Path, data: bytes, check_drawable) -> None:
    """Load the edited text as the file it will become (same folder, so relative paths resolve alike)."""
    from followup.loading import load_interview

    handle, temporary = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=path.suffix, dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        try:
            check_drawable(load_interview(Path(temporary)))
        except FollowupError as error:
            raise InputError(
                f"{error.message} (after adding; {path.name} was left as it was)",
                path=path,  # its line would point into text that was never written
                field=error.field,
            ) from None
    finally:
        Path(temporary).unlink(missing_ok=True)
