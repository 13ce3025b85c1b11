"""The interview questionnaire of ``followup init --interactive``: questions in, plain interview data out.

It talks only to a ``Console`` (ask a line, say a line), so a terminal, a file of answers piped to stdin
and a test's scripted list all drive it the same way. Every answer is checked with the same validators
the interview file is loaded with, so a bad email is asked again now rather than reported later.
End of input raises ``EOFError`` and Ctrl-C ``KeyboardInterrupt``; the caller writes nothing then.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, Protocol, TextIO, get_args, get_origin

FORMATS = ("in-person", "phone", "video")
ROUNDS = ("first", "second", "final")
YES = {"y", "yes"}
NO = {"n", "no"}


class Console(Protocol):
    """Where questions go and answers come from."""

    def ask(self, prompt: str) -> str:
        """One answer line, without its line end; ``EOFError`` when the answers run out."""

    def say(self, text: str = "") -> None:
        """One line for the person answering."""


class StreamConsole:
    """A console over text streams: a terminal (with line editing) or piped answers, one per line."""

    def __init__(self, stdin: TextIO, stdout: TextIO, *, terminal: bool) -> None:
        self.stdin, self.stdout, self.terminal = stdin, stdout, terminal
        self.last_prompt = ""

    def say(self, text: str = "") -> None:
        self.stdout.write(text + "\n")
        self.stdout.flush()

    def ask(self, prompt: str) -> str:
        self.last_prompt = re.sub(r"\s*(\[[^\]]*\]|\(Enter to skip\))", "", prompt).strip().rstrip(":").strip()
        if self.terminal:
            try:
                import readline  # noqa: F401  (arrow keys and backspace in input())
            except ImportError:
                pass
            return input(prompt)
        self.stdout.write(prompt)
        self.stdout.flush()
        line = self.stdin.readline()
        if not line:
            self.stdout.write("\n")
            raise EOFError(self.last_prompt)
        line = line.rstrip("\r\n")
        self.stdout.write(line + "\n")  # piped answers are not echoed by a terminal: keep the transcript readable
        return line


@dataclass(frozen=True)
class Capture:
    """What the questionnaire gathered: the interview file's data and the candidate to remember."""

    data: dict[str, Any]
    candidate: dict[str, Any]
    profile_is_new: bool


# ---- checking answers with the model's own validators -------------------------------------------------


def _validator(model: type, field: str) -> Callable[[str], Any]:
    """A function that validates one value as ``model.field`` would, raising ValueError with its message."""
    from typing import Annotated

    from pydantic import TypeAdapter, ValidationError

    info = model.model_fields[field]
    annotation = Annotated[(info.annotation, *info.metadata)] if info.metadata else info.annotation
    if get_origin(info.annotation) is list:  # a list field: check one item, as it is typed in
        annotation = get_args(info.annotation)[0]
    adapter = TypeAdapter(annotation)

    def validate(value: str) -> Any:
        try:
            return adapter.validate_python(value)
        except ValidationError as error:
            first = error.errors(include_url=False)[0]
            if first["type"] == "string_too_long":
                raise ValueError(f"too long (at most {first['ctx']['max_length']} characters)") from None
            raise ValueError(str(first["msg"]).removeprefix("Value error, ")) from None

    return validate


def drawable(text: str) -> None:
    """Raise ValueError when no bundled font can draw a character of ``text`` (``followup check`` would fail)."""
    from followup.check import glyph_error

    error = glyph_error(text)
    if error is not None:
        raise ValueError(error.message)


def _both(validate: Callable[[str], Any], glyphs: Callable[[str], None]) -> Callable[[str], Any]:
    """The model's check, then the fonts' (what ``followup check`` would say)."""

    def check(value: str) -> Any:
        result = validate(value)
        glyphs(value)
        return result

    return check


def _date(value: str) -> dt.date:
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise ValueError(f'not a date ("{value}"): write it as YYYY-MM-DD, e.g. 2026-11-24')
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ValueError(f'no such day ("{value}")') from None


def _time(value: str) -> str:
    match = re.fullmatch(r"(\d{1,2})[:.h](\d{2})", value)
    if not match or int(match[1]) > 23 or int(match[2]) > 59:
        raise ValueError(f'not a time ("{value}"): write it as HH:MM on a 24-hour clock, e.g. 14:30')
    return f"{int(match[1]):02d}:{match[2]}"


# ---- asking ---------------------------------------------------------------------------------------------


def _clean(answer: str) -> str:
    return unicodedata.normalize("NFC", answer.replace("\ufeff", "")).strip()


def ask(
    console: Console,
    label: str,
    *,
    default: str | None = None,
    required: bool = False,
    check: Callable[[str], Any] | None = None,
) -> Any:
    """Ask until the answer passes ``check``; an empty answer gives ``default`` (or None when optional)."""
    shown = f" [{default}]" if default else ("" if required else " (Enter to skip)")
    while True:
        answer = _clean(console.ask(f"{label}{shown}: "))
        if not answer:
            if default:
                answer = default
            elif required:
                console.say("  needed: please type it")
                continue
            else:
                return None
        if check is None:
            return answer
        try:
            return check(answer)
        except ValueError as error:
            console.say(f"  {error}: try again{'' if required or default else ', or press Enter to skip'}")


def confirm(console: Console, label: str, *, default: bool) -> bool:
    """A yes/no question."""
    hint = "Y/n" if default else "y/N"
    while True:
        answer = _clean(console.ask(f"{label} [{hint}]: ")).lower()
        if not answer:
            return default
        if answer in YES:
            return True
        if answer in NO:
            return False
        console.say("  please answer y or n")


def choose(console: Console, label: str, choices: Iterable[str], *, default: str) -> str:
    """One of ``choices``, by name, number or unambiguous beginning."""
    choices = tuple(choices)
    listed = ", ".join(f"{number} {choice}" for number, choice in enumerate(choices, 1))
    while True:
        answer = _clean(console.ask(f"{label} ({listed}) [{default}]: ")).lower()
        if not answer:
            return default
        if answer.isdigit() and 1 <= int(answer) <= len(choices):
            return choices[int(answer) - 1]
        matches = [choice for choice in choices if choice.startswith(answer) or choice.replace("-", "") == answer]
        if len(matches) == 1:
            return matches[0]
        console.say(f"  choose one of: {', '.join(choices)}")


def ask_list(console: Console, label: str, *, check: Callable[[str], Any] | None = None, limit: int = 20) -> list[str]:
    """Several answers, one per line, until an empty line."""
    console.say(f"{label} (one per line; an empty line ends):")
    items: list[str] = []
    while len(items) < limit:
        try:
            answer = _clean(console.ask("  - "))
        except EOFError:
            raise EOFError(label) from None
        if not answer:
            break
        if check is not None:
            try:
                check(answer)
            except ValueError as error:
                console.say(f"  {error}: type it again")
                continue
        items.append(answer)
    return items


# ---- names, letter by letter -------------------------------------------------------------------------------

_LATIN = re.compile(r"LATIN (CAPITAL|SMALL) LETTER (.+?)(?: WITH (.+))?$")


def describe(char: str) -> str:
    """A character as a person would read it out: "Ł" -> "L with stroke", "ß" -> "sharp s"."""
    name = unicodedata.name(char, "")
    match = _LATIN.match(name)
    if match:
        case, letter, marks = match.groups()
        if len(letter) == 1:
            base = letter if case == "CAPITAL" else letter.lower()
            return f"{base} with {marks.lower()}" if marks else base
        spelled = letter.lower() if case == "SMALL" else f"capital {letter.lower()}"
        return f"{spelled} with {marks.lower()}" if marks else spelled
    if name.startswith("CJK UNIFIED IDEOGRAPH"):
        return f"CJK ideograph U+{ord(char):04X}"
    if not name:
        return f"U+{ord(char):04X}"
    return name.lower()


def needs_spelling(name: str) -> bool:
    """Does the name hold letters a reader could mistake or a keyboard could swap (anything beyond ASCII)?"""
    return not name.isascii()


def spell_out(name: str) -> str:
    """The name letter by letter, every non-ASCII character described: "Ł (L with stroke) u k a s z"."""
    words = []
    for word in name.split(" "):
        letters = [char if char.isascii() else f"{char} ({describe(char)})" for char in word]
        words.append(" ".join(letters))
    return "  |  ".join(words)


def ask_name(console: Console, label: str, *, check: Callable[[str], Any]) -> str:
    """A name, read back (letter by letter when it has accents or unusual letters) until confirmed."""
    name = ask(console, label, required=True, check=check)
    while True:
        if needs_spelling(name):
            console.say(f"  letter by letter: {spell_out(name)}")
        if confirm(console, f'  Is "{name}" spelled exactly right?', default=True):
            return name
        name = ask(console, "  Type the name as it should be", required=True, check=check)


# ---- the questionnaire -------------------------------------------------------------------------------------


# what can be sent to someone whose postal address is not known yet
NO_ADDRESS_PRODUCTS = ("email", "card", "call-sheet")


def ask_address(console: Console, label: str, text_of, *, default_country: str) -> dict[str, Any] | None:
    """Street lines (an empty line ends them; none at all skips), then city, region, postal code, country."""
    from followup.model import Address

    lines = ask_list(console, label, check=text_of(Address, "lines"), limit=6)
    if not lines:
        return None
    address: dict[str, Any] = {"lines": lines}
    for field, prompt in (("city", "City"), ("region", "State, province or county"), ("postal_code", "Postal code")):
        value = ask(console, prompt, check=text_of(Address, field))
        if value:
            address[field] = value
    address["country"] = ask(console, "Country (ISO code)", default=default_country, check=_validator(Address, "country"))
    return address


def run_interview(
    console: Console,
    *,
    today: dt.date,
    profile: dict[str, Any] | None,
    profile_place: str = "your followup profile",
    glyphs: Callable[[str], None] = drawable,
) -> Capture:
    """Ask everything an interview file needs, checking each answer; returns the gathered data."""
    from followup.model import Candidate, Interview, Message

    def text_of(model: type, field: str) -> Callable[[str], Any]:
        return _both(_validator(model, field), glyphs)

    if profile:
        candidate = dict(profile)
        console.say(f"Signing as {candidate['name']} (from {profile_place}).")
        profile_is_new = False
    else:
        console.say(f"About you (asked once; remembered in {profile_place}):")
        candidate = {"name": ask(console, "Your name, as you sign it", required=True, check=text_of(Candidate, "name"))}
        for field, label in (("email", "Your email"), ("phone", "Your phone")):
            value = ask(console, label, check=_validator(Candidate, field))
            if value:
                candidate[field] = value
        address = ask_address(console, "Your postal address for letters, street lines only", text_of, default_country="US")
        if address:
            candidate["address"] = address
        profile_is_new = True

    console.say("")
    console.say("The interview:")
    interview: dict[str, Any] = {
        "company": ask(console, "Company", required=True, check=text_of(Interview, "company")),
        "position": ask(console, "Position", required=True, check=text_of(Interview, "position")),
        "date": ask(console, "Date (YYYY-MM-DD)", default=today.isoformat(), check=_date),
    }
    time = ask(console, "Time it started (HH:MM)", check=_time)
    if time:
        interview["time"] = time
    interview["format"] = choose(console, "Format", FORMATS, default=FORMATS[0])
    interview["round"] = choose(console, "Round", ROUNDS, default=ROUNDS[0])
    own_country = (candidate.get("address") or {}).get("country", "US")
    company_address = ask_address(
        console, "The company's postal address for letters and envelopes, street lines only (empty: none yet)",
        text_of, default_country=own_country,
    )
    if company_address:
        interview["address"] = company_address

    people: list[dict[str, Any]] = []
    while True:
        console.say("")
        console.say(f"Interviewer {len(people) + 1}:")
        person = _ask_person(console, people, text_of)
        if not company_address:
            # without a postal address only these can be made; the file says so, and `check` accepts it
            person["send"] = list(NO_ADDRESS_PRODUCTS)
        people.append(person)
        if not confirm(console, "Another interviewer?", default=False):
            break

    console.say("")
    console.say("For every note:")
    message: dict[str, Any] = {
        "highlights": ask_list(console, "Highlights: what you want them to remember about you", check=text_of(Message, "highlights"))
    }
    for field, label in (("forgot_to_say", "Something you forgot to say"), ("clarify", "Something you want to clarify")):
        value = ask(console, label, check=text_of(Message, field))
        if value:
            message[field] = value

    data = {"candidate": candidate, "interview": interview, "message": message, "interviewers": people}
    return Capture(data=data, candidate=candidate, profile_is_new=profile_is_new)


def _ask_person(console: Console, people: list[dict[str, Any]], text_of) -> dict[str, Any]:
    from followup.model import Interviewer

    taken = {person["name"].casefold() for person in people}
    while True:
        name = ask_name(console, "Name", check=text_of(Interviewer, "name"))
        if name.casefold() not in taken or confirm(console, f"  You already added {name}. Add them again?", default=False):
            break
    person: dict[str, Any] = {"name": name}
    for field, label in (("honorific", "Honorific (Mr., Ms., Mx., Dr., ...)"), ("title", "Title")):
        value = ask(console, label, check=text_of(Interviewer, field))
        if value:
            person[field] = value
    email = ask(console, "Email", check=_validator(Interviewer, "email"))
    if email:
        person["email"] = email
    topics = ask_list(console, "Topics you talked about", check=text_of(Interviewer, "topics"))
    if topics:
        person["topics"] = topics
    note = ask(console, "A personal note for them", check=text_of(Interviewer, "note"))
    if note:
        person["note"] = note
    return person
