"""What the proofreader found: one ``Finding`` per problem, and the stable JSON report of them.

The JSON report (``followup check --format json``) is an object::

    {"version": 1,
     "summary": {"errors": 1, "warnings": 2},
     "findings": [{"severity": "error" | "warning", "code": "spelling", "message": "...",
                   "file": "interview.yaml" | null, "line": 42 | null,
                   "field": "interviewers[0].note" | null, "interviewer": "Jordan Rivera" | null,
                   "product": "cards" | null, "suggestions": ["receive"]}]}

``version`` changes only when a key is removed or changes meaning; new keys and new codes may
appear within a version. ``code`` is one of ``CODES``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable

from followup.errors import (
    FitError, FollowupError, GlyphError, ImageError, InputError, ItemError, MissingAddressError, TemplateError,
)

REPORT_VERSION = 1
ERROR, WARNING = "error", "warning"

# every code a finding can carry, with its severity and what it means (the documentation of the JSON report)
CODES = {
    "input": (ERROR, "the file does not parse or validate (a missing or malformed field)"),
    "template": (ERROR, "a template does not parse or tries to leave its sandbox"),
    "template-field": (ERROR, "a template uses a field that does not exist"),
    "glyph": (ERROR, "a character that no bundled font can draw"),
    "signature-image": (ERROR, "the signature image cannot be read"),
    "cannot-fit": (ERROR, "a message does not fit its card, label or page even at the smallest size"),
    "missing-address": (ERROR, "a letter, envelope or label for someone without a postal address"),
    "cannot-render": (ERROR, "another reason an item cannot be made"),
    "spelling": (WARNING, "a word of the candidate's own text that is not in the dictionary"),
    "name-variant": (WARNING, "the same person's name spelt two ways in the file"),
    "salutation-mismatch": (WARNING, "the name after \"Dear\" differs from the name on record"),
    "honorific-conflict": (WARNING, "an honorific that contradicts the title or name (Ms. for a PhD)"),
    "near-duplicate": (WARNING, "two interviewers would get nearly the same message"),
    "generic-message": (WARNING, "an interviewer with no topic and no note: their message would be generic"),
    "late": (WARNING, "the interview was more than 24 hours ago and nothing has been rendered yet"),
    "future-date": (WARNING, "the interview date is in the future"),
    "near-fit-limit": (WARNING, "a card message that fills its card: a few more words would not fit"),
    "letter-over-one-page": (WARNING, "a letter that runs onto a second page"),
}
ITEM_CODES = ("cannot-fit", "missing-address", "cannot-render")  # skip one item; the rest can be made


@dataclass(frozen=True)
class Finding:
    """One problem: how bad, which check, where (file, line, field, interviewer, product), what to do."""

    severity: str
    code: str
    message: str
    file: str | None = None
    line: int | None = None
    field: str | None = None
    interviewer: str | None = None
    product: str | None = None
    suggestions: tuple[str, ...] = ()

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    @property
    def item_failure(self) -> bool:
        """An error that skips one item (``render`` makes the others), not one that stops the run."""
        return self.code in ITEM_CODES

    def __str__(self) -> str:
        """``file:line: field: message``, with the parts that are known: the line an error prints."""
        return str(self.as_error())

    def as_error(self) -> FollowupError:
        """This finding as the error ``render`` stops with: the same ``error: file:line: field: message`` line."""
        return FollowupError(self.message, path=self.file, line=self.line, field=self.field)

    def as_dict(self) -> dict[str, Any]:
        return {
            "severity": self.severity,
            "code": self.code,
            "message": self.message,
            "file": self.file,
            "line": self.line,
            "field": self.field,
            "interviewer": self.interviewer,
            "product": self.product,
            "suggestions": list(self.suggestions),
        }


def warning(code: str, message: str, **where: Any) -> Finding:
    return Finding(WARNING, code, message, **where)


def error_code(error: FollowupError) -> str:
    """The finding code of an error raised while loading or preparing."""
    if isinstance(error, FitError):
        return "cannot-fit"
    if isinstance(error, MissingAddressError):
        return "missing-address"
    if isinstance(error, ItemError):
        return "cannot-render"
    if isinstance(error, GlyphError):
        return "glyph"
    if isinstance(error, ImageError):
        return "signature-image"
    if isinstance(error, TemplateError):
        return "template-field" if "unknown field" in error.message else "template"
    if isinstance(error, InputError):
        return "input"
    return "cannot-render"


def from_error(error: FollowupError, **where: Any) -> Finding:
    """An error raised by the core, as a finding keeping its file, line and field."""
    return Finding(
        ERROR, error_code(error), error.message, file=error.path, line=error.line, field=error.field, **where
    )


def ordered(findings: Iterable[Finding]) -> list[Finding]:
    """Grouped by file, errors first, then by line; each distinct finding once."""
    unique = list(dict.fromkeys(findings))
    return sorted(unique, key=lambda f: (f.file or "", f.severity != ERROR, f.line or 0, f.field or "", f.code))


def report(findings: Iterable[Finding]) -> dict[str, Any]:
    """The JSON report (see the module docstring)."""
    findings = list(findings)
    return {
        "version": REPORT_VERSION,
        "summary": {
            "errors": sum(f.is_error for f in findings),
            "warnings": sum(not f.is_error for f in findings),
        },
        "findings": [f.as_dict() for f in findings],
    }
