"""The run manifest: what followup wrote in an output folder, from which input, so re-runs are safe and cheap.

``DIR/.followup-manifest.json`` maps each file followup wrote (relative path) to the hash of
its input and the hash of the bytes written. A re-run skips a file whose input is unchanged
and whose bytes on disk are still the ones written. A file whose bytes differ from what was
written was edited by a person, and a file the manifest does not know was put there by a
person: neither is ever overwritten (``overwrite_edited`` is the explicit exception), and
nothing is ever deleted.

A killed run must not lose track of what it wrote, so each write is first announced in
``DIR/.followup-manifest.journal`` before the file takes its name: the bytes go to a temporary
file, one JSON line (path, input hash, hash of those bytes) goes to the journal and is flushed to
disk, so that a power cut is covered as well as a kill, then the file is renamed into place. The
next run folds the journal in, keeping only entries whose bytes are on disk, and removes the
temporary files a kill left.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import os
import re
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any, BinaryIO, Callable, Mapping

from followup import __version__
from followup.errors import FollowupError
from followup.output import atomic_stream, atomic_write, inside

MANIFEST = ".followup-manifest.json"
JOURNAL = ".followup-manifest.journal"
# the temporary files of output.atomic_write: ".<name>.<8 random characters>.part"
_TEMPORARY = re.compile(r"^\.(?P<name>.+)\.[a-z0-9_]{8}\.part$")


def digest(data: bytes) -> str:
    """The content hash the manifest records."""
    return hashlib.sha256(data).hexdigest()


def _is_file(path: Path) -> bool:
    """``path.is_file()``, False for texts that cannot be a path (too long a name, a NUL)."""
    try:
        return path.is_file()
    except (OSError, ValueError):
        return False


def _canonical(value: Any, depth: int = 0, *, options: bool = True) -> Any:
    """A JSON-able, deterministic picture of ``value``; files it names contribute their bytes.

    A ``Path`` is always a file. A plain text is taken for a file only in options (``--template
    mine.j2``, ``--size my-card.toml``), never inside the interview's own data, where a note is
    just text (``options=False`` below a model).
    """
    from pydantic import BaseModel

    def inner(item: Any) -> Any:
        return _canonical(item, depth + 1, options=options)

    if depth > 12:
        return type(value).__qualname__
    if value is None or isinstance(value, (bool, int, float)):
        return value
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, str):
        if options and ("/" in value or "." in value) and len(value) < 1024 and _is_file(Path(value)):
            return {"text": value, "bytes": digest(Path(value).read_bytes())}
        return value
    if isinstance(value, Path):
        return {"path": str(value), "bytes": digest(value.read_bytes()) if value.is_file() else None}
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, BaseModel):
        return _canonical(value.model_dump(), depth + 1, options=False)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: inner(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Mapping):
        return {str(key): inner(item) for key, item in sorted(value.items(), key=lambda kv: str(kv[0]))}
    if isinstance(value, (list, tuple)):
        return [inner(item) for item in value]
    if isinstance(value, (set, frozenset)):
        return sorted((inner(item) for item in value), key=repr)
    return type(value).__qualname__  # a compiled template, a font object: its identity is in the version


def content_hash(value: Any) -> str:
    """The hash of ``value``'s canonical JSON picture."""
    text = json.dumps(_canonical(value), sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class State(str, Enum):
    """What is on disk at a path, from the manifest's point of view."""

    ABSENT = "absent"  # nothing there: write it
    CURRENT = "current"  # written by followup from this same input, unchanged since: skip it
    STALE = "stale"  # written by followup from another input, unchanged since: replace it
    EDITED = "edited"  # written by followup, then changed by a person: keep it
    FOREIGN = "foreign"  # not written by followup: keep it


@dataclass
class Entry:
    input: str
    output: str
    size: int
    mtime_ns: int


class Manifest:
    """The record of one output folder; ``write`` is the only way the run puts a file there."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder.resolve()
        self.entries: dict[str, Entry] = {}
        self._journal: int | None = None
        self._load()

    # ---- reading ------------------------------------------------------------------------------

    def _load(self) -> None:
        path = self.folder / MANIFEST
        if path.is_file():
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
                for name, entry in data.get("files", {}).items():
                    self.entries[name] = Entry(**entry)
            except (ValueError, TypeError, AttributeError):
                # a manifest we cannot read protects nothing: every file becomes "not ours" and is kept
                self.entries = {}
        journal = self.folder / JOURNAL
        if journal.is_file():
            for line in journal.read_text(encoding="utf-8", errors="replace").splitlines():
                try:
                    record = json.loads(line)
                    name, input_hash, output_hash = record["path"], record["input"], record["output"]
                except (ValueError, KeyError, TypeError):
                    continue  # the last line of a killed run may be cut short
                on_disk = self._disk(name)
                if on_disk is not None and on_disk[0] == output_hash:
                    self.entries[name] = Entry(input_hash, output_hash, on_disk[1], on_disk[2])

    def _disk(self, name: str) -> tuple[str, int, int] | None:
        """(hash, size, mtime) of the file at ``name``, or None when there is none."""
        path = self.folder / name
        try:
            stat = path.stat()
            if not path.is_file():
                return ("", 0, 0)  # a folder or something else a person put there
            return digest(path.read_bytes()), stat.st_size, stat.st_mtime_ns
        except (FileNotFoundError, NotADirectoryError):  # a file where a folder should be: absent
            return None

    def state(self, name: str, input_hash: str) -> State:
        """Is the file at ``name`` absent, current, stale, edited by a person, or not ours?"""
        path = self.folder / name
        entry = self.entries.get(name)
        try:
            stat = path.stat()
        except (FileNotFoundError, NotADirectoryError):
            return State.ABSENT
        if entry is None:
            return State.FOREIGN
        if not (stat.st_size == entry.size and stat.st_mtime_ns == entry.mtime_ns):
            on_disk = self._disk(name)
            if on_disk is None:
                return State.ABSENT
            if on_disk[0] != entry.output:
                return State.EDITED
        return State.CURRENT if entry.input == input_hash else State.STALE

    # ---- writing ------------------------------------------------------------------------------

    def clean_temporary(self, names: set[str]) -> list[Path]:
        """Remove the temporary files a killed run left beside the files named ``names``."""
        removed = []
        if not self.folder.is_dir():
            return removed
        for path in self.folder.rglob(".*.part"):
            match = _TEMPORARY.match(path.name)
            if match and match.group("name") in names and path.is_file():
                path.unlink(missing_ok=True)
                removed.append(path)
        return removed

    def write(self, name: str, input_hash: str, data: bytes) -> Path:
        """Write ``data`` atomically to ``folder/name``, journalled (see ``write_stream``)."""
        path = self.write_stream(name, input_hash, lambda stream: stream.write(data))
        assert path is not None
        return path

    def write_stream(self, name: str, input_hash: str, fill: Callable[[BinaryIO], object]) -> Path | None:
        """Write to ``folder/name`` atomically what ``fill(stream)`` writes (None if it returned False: nothing).

        The bytes go to a temporary file, then their hash is announced in the journal and the
        journal flushed to disk, then the file takes its name: whatever happens, the next run knows
        every file that has a name is ours.
        """
        path = inside(self.folder, *Path(name).parts)
        if self._journal is None:
            try:
                self.folder.mkdir(parents=True, exist_ok=True)
                self._journal = os.open(self.folder / JOURNAL, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
            except OSError as error:
                raise FollowupError(f"cannot write in the output folder: {error.strerror or error}", path=self.folder) from error

        def announce(output_hash: str) -> None:
            record = json.dumps({"path": name, "input": input_hash, "output": output_hash}, ensure_ascii=False)
            os.write(self._journal, (record + "\n").encode("utf-8"))  # type: ignore[arg-type]
            os.fsync(self._journal)  # type: ignore[arg-type]

        try:
            output_hash = atomic_stream(path, fill, announce)
            if output_hash is None:
                return None
            stat = path.stat()
        except OSError as error:
            raise FollowupError(f"cannot write: {error.strerror or error}", path=path) from error
        self.entries[name] = Entry(input_hash, output_hash, stat.st_size, stat.st_mtime_ns)
        return path

    def save(self) -> None:
        """Write the manifest atomically, then drop the journal it now contains."""
        if self._journal is None and not (self.folder / JOURNAL).exists():
            return
        data = {
            "followup": __version__,
            "files": {name: vars(entry) for name, entry in sorted(self.entries.items())},
        }
        text = json.dumps(data, indent=1, ensure_ascii=False, sort_keys=True) + "\n"
        atomic_write(self.folder / MANIFEST, text.encode("utf-8"))
        if self._journal is not None:
            os.close(self._journal)
            self._journal = None
        (self.folder / JOURNAL).unlink(missing_ok=True)
