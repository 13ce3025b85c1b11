"""Writing files safely: atomic writes, ASCII slugs that stay inside the output folder."""

from __future__ import annotations

import os
import re
import tempfile
import unicodedata
from pathlib import Path
from typing import BinaryIO, Callable

from followup.errors import FollowupError

# letters that NFKD does not decompose into ASCII
_TRANSLITERATE = str.maketrans(
    {"ß": "ss", "æ": "ae", "Æ": "AE", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ł": "l", "Ł": "L",
     "þ": "th", "Þ": "Th", "ð": "d", "Ð": "D", "œ": "oe", "Œ": "OE", "ı": "i", "&": " and "}
)
_MAX_SLUG = 60


def slugify(text: str, fallback: str = "item") -> str:
    """An ASCII file name from any text: "Łukasz Nowak" -> "lukasz-nowak"; never empty, never a path."""
    text = re.sub(r"['’ʼ`]", "", text)  # O'Brien -> obrien, not o-brien
    ascii_text = unicodedata.normalize("NFKD", text.translate(_TRANSLITERATE)).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:_MAX_SLUG].strip("-")
    if not slug:
        # a name in a script without ASCII letters: keep it distinct by its code points
        codes = "-".join(f"{ord(char):x}" for char in text if char.isalnum())[:_MAX_SLUG].strip("-")
        slug = f"{fallback}-{codes}" if codes else fallback
    return slug


class Slugs:
    """Hands out slugs unique within one run: the second "Jordan Rivera" becomes jordan-rivera-2."""

    def __init__(self) -> None:
        self._taken: set[str] = set()

    def unique(self, text: str, fallback: str = "item") -> str:
        base = slugify(text, fallback)
        slug, number = base, 2
        while slug in self._taken:
            slug, number = f"{base}-{number}", number + 1
        self._taken.add(slug)
        return slug


def inside(folder: Path, *parts: str) -> Path:
    """``folder/parts...``, refusing any result that would leave ``folder``."""
    root = folder.resolve()
    path = root.joinpath(*parts).resolve()
    if path != root and root not in path.parents:
        raise FollowupError(f"refusing to write outside the output folder: {path}")
    return path


def _temporary_copy(path: Path, data: bytes) -> Path:
    """``data`` written and flushed to disk in a temporary file beside ``path``."""
    temporary, _ = _temporary_file(path, lambda stream: stream.write(data))
    return temporary  # type: ignore[return-value]


class _Hashing:
    """A binary stream that also hashes what goes through it (the manifest's sha256)."""

    def __init__(self, stream: BinaryIO) -> None:
        import hashlib

        self._stream = stream
        self.hash = hashlib.sha256()

    def write(self, data: bytes) -> int:
        self.hash.update(data)
        return self._stream.write(data)


def _temporary_file(path: Path, fill: Callable[[BinaryIO], object]) -> tuple[Path | None, str]:
    """What ``fill`` writes, flushed to disk in a temporary file beside ``path``, and its sha256.

    ``fill`` returns False when it has nothing to write: then nothing is left behind (None).
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    except OSError as error:  # the output folder is a file, read-only, or the disk is full
        raise _cannot_write(path, error) from error
    try:
        with os.fdopen(handle, "wb") as stream:
            hashing = _Hashing(stream)
            if fill(hashing) is False:  # type: ignore[arg-type]
                Path(temporary).unlink()
                return None, ""
            stream.flush()
            os.fsync(stream.fileno())
    except BaseException as error:
        Path(temporary).unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise _cannot_write(path, error) from error
        raise
    return Path(temporary), hashing.hash.hexdigest()


def atomic_stream(path: Path, fill: Callable[[BinaryIO], object], commit: Callable[[str], None] | None = None) -> str | None:
    """Write to ``path`` atomically whatever ``fill(stream)`` writes, without holding it in memory.

    The sha256 of the bytes written, or None when ``fill`` returns False (nothing to write, and
    nothing is). ``commit(sha256)`` runs once the bytes are on disk and before they take the
    name (the manifest journals them there). A crash or a kill leaves either the old file or the
    new one, never half of one.
    """
    temporary, output_hash = _temporary_file(path, fill)
    if temporary is None:
        return None
    try:
        if commit is not None:
            commit(output_hash)
        os.replace(temporary, path)
    except BaseException as error:
        temporary.unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise _cannot_write(path, error) from error
        raise
    return output_hash


def _cannot_write(path: Path, error: OSError) -> FollowupError:
    reason = error.strerror or str(error)
    return FollowupError(f"cannot write here: {reason}; choose another output folder (-o DIR)", path=path)


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` all at once: a temporary file in the same folder, then a rename.

    A crash or a kill leaves either the old file or the new one, never half of one.
    """
    atomic_stream(path, lambda stream: stream.write(data))


def atomic_create(path: Path, data: bytes) -> None:
    """Like ``atomic_write``, but never replaces an existing file (``FileExistsError`` instead)."""
    temporary = _temporary_copy(path, data)
    try:
        os.link(temporary, path)  # fails if path exists: nothing a user made is overwritten
    finally:
        temporary.unlink(missing_ok=True)
