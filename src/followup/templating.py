"""Sandboxed Jinja2: templates are user content, so they get no attributes, no files, no blanks.

Built-in templates live in ``followup/templates/<product>/<tone>.j2``; a product with a
``<language>/`` folder (``letter/de/formal.j2``) has its own wording for that language, picked
by the locale (de_DE, de_AT, de_CH), and Swiss German templates write "ss" for "ß". A user's own ``.j2``
file may include only files from its own folder. An unknown field is an error naming the
field and the template line (StrictUndefined), never an empty gap in a thank-you note.
"""

from __future__ import annotations

import datetime as dt
import re
import traceback
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from followup.errors import TemplateError, UsageError
from followup.model import InterviewFile, Interviewer
from followup.names import formal_name, full_formal_name, german, german_salutation, salutation_name
from followup.resources import templates_dir

TONES = ("warm", "formal", "brief")
# the fields a template may use, for `followup templates`
FIELDS = {
    "candidate": "name, email, phone, address",
    "interview": "company, position, date, weekday, time, format (in-person|phone|video), round (first|second|final), location",
    "message": "highlights (list), forgot_to_say, clarify",
    "interviewer": "name, first_name, last_name, honorific, formal_name, full_formal_name, title, company, email, topics (list), note",
    "salutation": 'the name after "Dear" for this tone ("Jordan" warm, "Ms. Rivera" formal; German: "Frau Rivera")',
    "greeting": 'the whole salutation without its comma ("Dear Ms. Rivera"; German: "Sehr geehrte Frau Rivera")',
    "date": "the date the note carries (--date), as text for the locale",
    "tone": "warm, formal or brief",
    "letter": 'letters only: punctuation (after the salutation: ":" US, "," UK and DE), closing ("Sincerely,", "Yours sincerely,", "Mit freundlichen Grüßen")',
    "filters": "join_and (a, b and c), lower_first, date(format)",
}


@dataclass(frozen=True)
class Template:
    """A loaded template: where it came from and its compiled form."""

    name: str
    path: Path
    compiled: Any


def join_and(items: Any, word: str = "and") -> str:
    """["a", "b", "c"] -> "a, b and c"."""
    items = [str(item) for item in items]
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {word} {items[-1]}"


def lower_first(text: Any) -> str:
    """"The Q3 migration" -> "the Q3 migration", leaving acronyms ("API design") alone."""
    text = str(text)
    first_word = re.split(r"[\s']", text, maxsplit=1)[0]
    if first_word == "I" or len(text) < 2 or not text[0].isupper() or not text[1].islower():
        return text  # "I ...", acronyms ("API design") and single letters stay as written
    return text[0].lower() + text[1:]


MAX_PRODUCT = 100_000  # the longest text or list a template may make with * (a note is 2,000 characters)


@cache
def _sandbox():
    """The sandbox, with * and ** bounded: a template cannot build a gigabyte or a billion-digit number."""
    from jinja2.exceptions import SecurityError
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    class Sandbox(ImmutableSandboxedEnvironment):
        intercepted_binops = frozenset(["*", "**"])

        def call_binop(self, context, operator, left, right):
            if operator == "**" and isinstance(right, (int, float)) and abs(right) > 100 and left not in (0, 1, -1):
                raise SecurityError(f"{left} ** {right} is too large a number")
            if operator == "*":
                for sequence, count in ((left, right), (right, left)):
                    if isinstance(sequence, (str, list, tuple)) and isinstance(count, int) and len(sequence) * count > MAX_PRODUCT:
                        raise SecurityError(f"repeating a text or list {count} times makes more than {MAX_PRODUCT} items")
            return super().call_binop(context, operator, left, right)

    return Sandbox


def _swiss_loader(folder: Path):
    """A loader that reads a German template as Swiss German writes it: "ss" for "ß" in the template's own words.

    Only the template's text changes: names and the file's fields are merged later, as written.
    """
    from jinja2 import FileSystemLoader

    class SwissLoader(FileSystemLoader):
        def get_source(self, environment, template):
            source, filename, uptodate = super().get_source(environment, template)
            return source.replace("ß", "ss"), filename, uptodate

    return SwissLoader(str(folder))


@cache
def _environment(folder: Path, swiss: bool = False):
    from jinja2 import FileSystemLoader, StrictUndefined

    environment = _sandbox()(
        loader=_swiss_loader(folder) if swiss else FileSystemLoader(str(folder)),
        undefined=StrictUndefined,
        autoescape=False,  # plain text: each renderer escapes for its own markup
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    environment.filters["join_and"] = join_and
    environment.filters["lower_first"] = lower_first
    return environment


def builtin_names(product: str) -> list[str]:
    """The built-in template names for ``product`` ("card", "letter", "email"...)."""
    return sorted(path.stem for path in (templates_dir() / product).glob("*.j2"))


LANGUAGES = {"de": "German"}  # the languages with built-in templates of their own, besides English


def language(locale: str) -> str | None:
    """The language folder of the built-in templates for ``locale`` ("de" for de_CH), or None for English."""
    return "de" if german(locale) else None


def swiss(locale: str) -> bool:
    """Swiss German (de_CH): "ss" where Germany and Austria write "ß"."""
    return locale.replace("-", "_").startswith("de_CH")


def load(product: str, name_or_path: str, locale: str = "en_US") -> Template:
    """The built-in template ``name`` for ``product`` in the locale's language, or a user's ``.j2`` file.

    A product with templates in the locale's language (``letter/de/``) must have the tone there
    too: a German letter never falls back to English wording without saying so.
    """
    from jinja2 import TemplateNotFound, TemplateSyntaxError

    folder_language, swiss_text = language(locale), False
    if name_or_path.endswith(".j2") or "/" in name_or_path:
        path = Path(name_or_path).resolve()
        if not path.is_file():
            raise UsageError(f"template file {name_or_path!r} does not exist")
        folder, file_name = path.parent, path.name
    else:
        folder, file_name = templates_dir() / product, f"{name_or_path}.j2"
        path = folder / file_name
        if not path.is_file():
            choices = ", ".join(builtin_names(product))
            raise UsageError(f"no {product} template called {name_or_path!r}; choose one of: {choices}")
        translated = folder / folder_language if folder_language else None
        if translated is not None and translated.is_dir():
            folder, path, swiss_text = translated, translated / file_name, swiss(locale)
            if not path.is_file():
                name = LANGUAGES[folder_language]  # type: ignore[index]
                choices = ", ".join(sorted(entry.stem for entry in translated.glob("*.j2")))
                raise UsageError(
                    f"the {product} template {name_or_path!r} has no {name} version (there are: {choices}); "
                    f"write your own .j2 file in {name}, or use an English locale such as en_{locale[3:5] or 'DE'} for an English note"
                )
    try:
        compiled = _environment(folder, swiss_text).get_template(file_name)
    except TemplateSyntaxError as error:
        raise TemplateError(f"template syntax: {error.message}", path=path, line=error.lineno) from error
    except TemplateNotFound as error:
        raise TemplateError(f"template includes {error.name!r}, which is not in its folder", path=path) from error
    return Template(name=path.stem, path=path, compiled=compiled)


def render(template: Template, context: dict[str, Any]) -> str:
    """Merge ``context`` into ``template``; unknown fields and sandbox escapes are ``TemplateError``."""
    from jinja2 import TemplateError as JinjaError
    from jinja2 import TemplateNotFound, UndefinedError
    from jinja2.exceptions import SecurityError

    try:
        text = template.compiled.render(context)
    except UndefinedError as error:
        raise TemplateError(_undefined(error), path=template.path, line=_line(error, template)) from error
    except SecurityError as error:
        raise TemplateError(
            f"not allowed in a template: {error}", path=template.path, line=_line(error, template)
        ) from error
    except TemplateNotFound as error:
        raise TemplateError(
            f"template includes {error.name!r}, which is not in its folder", path=template.path, line=_line(error, template)
        ) from error
    except JinjaError as error:
        raise TemplateError(str(error), path=template.path, line=_line(error, template)) from error
    except (TypeError, ValueError, ArithmeticError, AttributeError, IndexError, KeyError, RecursionError) as error:
        raise TemplateError(f"{type(error).__name__}: {error}", path=template.path, line=_line(error, template)) from error
    return tidy(text)


def _undefined(error: Exception) -> str:
    message = str(error)
    match = re.search(r"'([^']+)' is undefined", message) or re.search(r"has no attribute '([^']+)'", message)
    if match:
        return f"unknown field {match.group(1)!r}; the fields are listed by `followup templates`"
    return message


def _line(error: BaseException, template: Template) -> int | None:
    line = None
    for frame in traceback.extract_tb(error.__traceback__):
        if frame.filename == str(template.path) or frame.filename == template.compiled.filename:
            line = frame.lineno
    return line


def tidy(text: str) -> str:
    """Collapse the blank lines and stray spaces that conditional blocks leave behind."""
    lines = [re.sub(r"[ \t]+", " ", line).strip() for line in text.splitlines()]
    text = "\n".join(lines)
    text = re.sub(r"\n{3,}", "\n\n", text)
    text = re.sub(r" +([,.;:!?])", r"\1", text)
    return text.strip()


def context(interview: InterviewFile, person: Interviewer, *, tone: str, locale: str, today: dt.date) -> dict[str, Any]:
    """Everything a template may use for one interviewer's note (see ``FIELDS``)."""
    from followup.dates import format_date

    candidate = interview.candidate
    meeting = interview.interview
    return {
        "candidate": {
            "name": candidate.name,
            "email": candidate.email,
            "phone": candidate.phone,
            "address": candidate.address,
        },
        "interview": {
            "company": meeting.company,
            "position": meeting.position,
            "date": format_date(meeting.date, locale),
            "weekday": format_date(meeting.date, locale, "EEEE"),
            "time": meeting.time.strftime("%H:%M") if meeting.time else None,
            "format": meeting.format.value,
            "round": meeting.round.value,
            "location": meeting.location,
        },
        "message": {
            "highlights": list(interview.message.highlights),
            "forgot_to_say": interview.message.forgot_to_say,
            "clarify": interview.message.clarify,
        },
        "interviewer": {
            "name": person.name,
            "first_name": person.first_name,
            "last_name": person.last_name,
            "honorific": person.honorific,
            "formal_name": formal_name(person, locale),
            "full_formal_name": full_formal_name(person, locale),
            "title": person.title,
            "company": interview.company_of(person),
            "email": person.email,
            "topics": list(person.topics),
            "note": person.note,
        },
        "salutation": salutation_name(person, tone, locale),
        "greeting": german_salutation(person, tone) if german(locale) else f"Dear {salutation_name(person, tone, locale)}",
        "date": format_date(today, locale),
        "tone": tone,
    }
