"""Proofreading before printing: ``proofread(files, ...)`` returns every ``Finding``, never prints.

Errors are what cannot render: a file that does not load, a template field that does not exist,
a character no font has, a message that cannot fit its card, an address a letter needs and does
not have, an unreadable signature image. Product-dependent errors come from each registered
product's own ``prepare`` (``followup.render.PRODUCTS``), so whatever products exist are checked
the way they render. Warnings are what a careful friend would point out: spelling, names spelt
two ways, honorifics, near-duplicate messages, generic notes, lateness, cards near their fit
limit and letters over one page. ``followup.findings`` documents the codes and the JSON report;
``followup.product_checks`` holds the checks made through the products.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, Sequence

from followup import fonts
from followup.errors import FollowupError, GlyphError, ImageError, LayoutError, UsageError
from followup.findings import Finding, from_error, ordered, warning
from followup.loading import field_path
from followup.model import InterviewFile
from followup.product_checks import greetings, merge_missing_addresses, near_duplicates, product_findings

# the font of each kind of output whose chain must draw the texts (handwriting for cards,
# serif for letters, sans for envelopes and labels)
DRAWING_FONTS = (fonts.DEFAULT_HANDWRITING, "serif", "sans")


def _texts(interview: InterviewFile):
    """Every text of the file that some product draws, with its field path."""
    candidate = interview.candidate
    yield ("candidate", "name"), candidate.name
    for key in ("email", "phone"):
        if getattr(candidate, key):
            yield ("candidate", key), getattr(candidate, key)
    for key in ("company", "position", "location"):
        value = getattr(interview.interview, key)
        if value:
            yield ("interview", key), value
    for index, text in enumerate(interview.message.highlights):
        yield ("message", "highlights", index), text
    for key in ("forgot_to_say", "clarify"):
        value = getattr(interview.message, key)
        if value:
            yield ("message", key), value
    for owner, address in (("candidate", candidate.address), ("interview", interview.interview.address)):
        if address:
            yield from _address_texts((owner, "address"), address)
    for index, person in enumerate(interview.interviewers):
        base = ("interviewers", index)
        for key in ("name", "honorific", "given_name", "family_name", "title", "company", "note"):
            value = getattr(person, key)
            if value:
                yield (*base, key), value
        for number, topic in enumerate(person.topics):
            yield (*base, "topics", number), topic
        if person.address:
            yield from _address_texts((*base, "address"), person.address)


def _address_texts(base: tuple, address):
    for number, line in enumerate(address.lines):
        yield (*base, "lines", number), line
    for key in ("city", "region", "postal_code"):
        value = getattr(address, key)
        if value:
            yield (*base, key), value


def glyph_error(text: str, font_keys=DRAWING_FONTS) -> GlyphError | None:
    """The ``GlyphError`` for the first character of ``text`` that one of the fonts' chains cannot draw, or None."""
    for key in font_keys:
        try:
            fonts.check(text, key)
        except GlyphError as error:
            return error
    return None


def glyph_errors(interview: InterviewFile, font_keys=DRAWING_FONTS) -> list[GlyphError]:
    """A ``GlyphError`` (with file, line and field) for each field holding a character no bundled font draws."""
    found = []
    for loc, text in _texts(interview):
        error = glyph_error(text, font_keys)
        if error is not None:
            file, line = interview.locate(*loc)
            found.append(GlyphError(error.message, path=file, line=line, field=field_path(loc)))
    return found


def check_drawable(interview: InterviewFile, font_keys=DRAWING_FONTS) -> None:
    """Raise the first ``GlyphError`` (with file, line and field) for a character no bundled font draws."""
    for error in glyph_errors(interview, font_keys):
        raise error


# ---- images -------------------------------------------------------------------------------------------


def _signature(interview: InterviewFile) -> list[Finding]:
    """The signature image as the products will draw it (``images`` holds the one check)."""
    from followup.images import candidate_signature

    try:
        candidate_signature(interview)
    except ImageError as error:
        return [from_error(error)]
    return []


# ---- timing -------------------------------------------------------------------------------------------


def timing(interview: InterviewFile, today: dt.date, rendered: bool | None) -> list[Finding]:
    """A future date; an interview more than 24 hours before today with nothing rendered (``rendered`` False)."""
    date = interview.interview.date
    file, line = interview.locate("interview", "date")
    where = {"file": file, "line": line, "field": "interview.date"}
    if date > today:
        return [warning("future-date", f"the interview date {date} is after today ({today}): is the year right?", **where)]
    days = (today - date).days
    if days >= 2 and rendered is False:
        return [
            warning(
                "late",
                f"the interview was on {date}, {days} days ago, and nothing has been rendered yet: "
                "thank-you notes are best sent within 24 hours",
                **where,
            )
        ]
    return []


def _has_output(folders: Sequence[Path]) -> bool:
    return any(folder.is_dir() and any(path.is_file() for path in folder.iterdir()) for folder in folders)


# ---- products -----------------------------------------------------------------------------------------
# ---- templates ---------------------------------------------------------------------------------------


def template_spelling(template: str | None, known: set[str], locale: str = "en_US") -> list[Finding]:
    """Spelling of the literal text of the user's own template (not its fields), in the locale's language."""
    from followup.spelling import spelling

    if not template or not (template.endswith(".j2") or "/" in template):
        return []
    path = Path(template)
    try:
        source = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return []  # loading the template reports it
    from jinja2 import Environment, TemplateSyntaxError

    entries = []
    try:
        for line, kind, value in Environment().lex(source):
            if kind == "data":
                for offset, text in enumerate(value.split("\n")):
                    entries.append((str(path), line + offset, None, None, text))
    except TemplateSyntaxError:
        return []
    from followup.names import german

    return spelling(entries, known, german=german(locale) or None)  # under other locales: as the words say


# ---- the whole proofread ------------------------------------------------------------------------------


def proofread(
    files: Sequence[str | Path | InterviewFile],
    *,
    today: dt.date,
    interviewers: str | Path | None = None,
    common: Any = None,
    products: Sequence[str] | None = None,
    out_dir: Path | None = Path("out"),
) -> list[Finding]:
    """Every finding for ``files`` (paths, or files ``render`` has already loaded), grouped by file.

    ``common`` is the products' ``Common`` options (template, locale, date); ``products`` the
    names in ``PRODUCTS`` to prepare (default: all registered); ``out_dir`` where rendered files
    would be (``None`` skips the "nothing rendered yet" check). Usage errors (a tone or layout
    that does not exist) are raised, not reported: they are about the command, not the file.
    """
    from followup.loading import load_interview
    from followup.render import PRODUCTS, renderer_module
    from followup.render.base import Common
    from followup.run import items as make_items
    from followup.spelling import language_mismatches, vocabulary
    from followup.wording import wording

    common = common or Common(today=today)
    found: list[Finding] = []
    loaded: list[InterviewFile] = []
    for entry in files:
        if isinstance(entry, InterviewFile):
            loaded.append(entry)
            continue
        try:
            loaded.append(load_interview(entry, interviewers))
        except FollowupError as error:
            if isinstance(error, UsageError):
                raise
            found.append(from_error(error))
    reported: dict[int, set[str]] = {}
    for interview in loaded:
        own = [from_error(error) for error in glyph_errors(interview)] + _signature(interview)
        reported[id(interview)] = {finding.code for finding in own}
        found += own + wording(interview) + language_mismatches(interview, common.locale)
    renderers = []
    unknown = [name for name in products or () if name not in PRODUCTS]
    if unknown:
        raise UsageError(f"no product called {unknown[0]!r}; choose from: {', '.join(PRODUCTS)}")
    for name in PRODUCTS if products is None else products:
        try:
            renderers.append(renderer_module(name).renderer(common))
        except (UsageError, LayoutError):
            raise
        except FollowupError as error:
            found.append(from_error(error, product=name))
    selected = make_items(loaded, (out_dir or Path("out")))
    product_found, texts = product_findings(renderers, selected, reported)
    found += merge_missing_addresses(product_found)
    found += near_duplicates(selected, texts)
    found += greetings(selected, texts, common.locale)
    known = set().union(*(vocabulary(interview) for interview in loaded)) if loaded else set()
    found += template_spelling(common.template, known, common.locale)
    for interview in loaded:
        folders = [item.folder for item in selected if item.interview is interview]
        rendered = _has_output(folders) if out_dir is not None else None
        found += timing(interview, today, rendered)
    return ordered(found)
