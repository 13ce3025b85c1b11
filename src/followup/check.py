"""Proofreading before printing: ``proofread(files, ...)`` returns every ``Finding``, never prints.

Errors are what cannot render: a file that does not load, a template field that does not exist,
a character no font has, a message that cannot fit its card, an address a letter needs and does
not have, an unreadable signature image. Product-dependent errors come from each registered
product's own ``prepare`` (``followup.render.PRODUCTS``), so whatever products exist are checked
the way they render. Warnings are what a careful friend would point out: spelling, names spelt
two ways, honorifics, near-duplicate messages, generic notes, lateness, cards near their fit
limit and letters over one page. ``followup.findings`` documents the codes and the JSON report.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import replace
from pathlib import Path
from typing import Any, Sequence

from followup import fonts
from followup.errors import (
    FitError, FollowupError, GlyphError, ImageError, LayoutError, TemplateError, UsageError,
)
from followup.findings import ERROR, Finding, from_error, ordered, warning
from followup.loading import field_path
from followup.model import InterviewFile, Product
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


def glyph_errors(interview: InterviewFile, font_keys=DRAWING_FONTS) -> list[GlyphError]:
    """A ``GlyphError`` (with file, line and field) for each field holding a character no bundled font draws."""
    found = []
    for loc, text in _texts(interview):
        for key in font_keys:
            try:
                fonts.check(text, key)
            except GlyphError as error:
                file, line = interview.locate(*loc)
                found.append(GlyphError(error.message, path=file, line=line, field=field_path(loc)))
                break
    return found


def check_drawable(interview: InterviewFile, font_keys=DRAWING_FONTS) -> None:
    """Raise the first ``GlyphError`` (with file, line and field) for a character no bundled font draws."""
    for error in glyph_errors(interview, font_keys):
        raise error


# ---- images -------------------------------------------------------------------------------------------


def check_image(path: Path, *, file: str | None = None, line: int | None = None, field: str | None = None) -> None:
    """Raise ``ImageError`` unless ``path`` is an image Pillow can read within its decompression-bomb limit."""
    from PIL import Image, UnidentifiedImageError

    where = {"path": file or path, "line": line, "field": field}
    try:
        with Image.open(path) as image:
            size = image.size
            image.verify()  # reads the whole file: truncated or corrupt data fails here
    except Image.DecompressionBombError:
        raise ImageError(
            f'image "{path.name}" is too large to be a signature: use a PNG or JPEG under 20 megapixels', **where
        ) from None
    except UnidentifiedImageError:
        raise ImageError(f'"{path.name}" is not an image: use a PNG or JPEG file', **where) from None
    except (OSError, SyntaxError, ValueError) as error:
        raise ImageError(f'image "{path.name}" cannot be read ({error}): export it again as PNG or JPEG', **where) from None
    if min(size) < 1:
        raise ImageError(f'image "{path.name}" is empty (0 pixels)', **where)


def _signature(interview: InterviewFile) -> list[Finding]:
    path = interview.candidate.signature
    if path is None:
        return []
    file, line = interview.locate("candidate", "signature")
    try:
        check_image(Path(path), file=file, line=line, field="candidate.signature")
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

NEAR_DUPLICATE = 0.90  # messages this similar (difflib ratio) read as one note copied to two people
SPARE_WORDS = 8  # a card with room for fewer extra words than this is near its fit limit
_FILLER = " ".join(["again"] * SPARE_WORDS)


def _pages(prepared: Any, renderer: Any) -> int | None:
    """Pages of a prepared letter: its ``pages`` (a count or the pages) if it has them, else counted in its PDF."""
    pages = getattr(prepared, "pages", None)
    if isinstance(pages, int):
        return pages
    if isinstance(pages, (list, tuple)):
        return len(pages)  # the pages themselves, as the letters product keeps them
    data = renderer.render(prepared)
    if not data.startswith(b"%PDF"):
        return None
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", data))


def _near_fit(renderer: Any, item: Any) -> bool:
    """Would the card fail to fit with ``SPARE_WORDS`` more words in the note?"""
    from followup.render.base import Item

    person = item.person
    longer = person.model_copy(update={"note": f"{person.note} {_FILLER}" if person.note else _FILLER})
    try:
        renderer.prepare(Item(interview=item.interview, person=longer, index=item.index, folder=item.folder))
    except FitError:
        return True
    except FollowupError:
        return False
    return False


def _message_text(prepared: Any) -> str | None:
    """The words of a prepared item, for comparing messages: an email's body or a product's ``text``."""
    for name in ("body", "text", "message"):
        value = getattr(prepared, name, None)
        if isinstance(value, str):
            return value
    return None


def product_findings(
    renderers: Sequence[Any], items: Sequence[Any], reported: dict[int, set[str]] | None = None
) -> tuple[list[Finding], dict[int, str]]:
    """Prepare every item with every product: errors, fit and length warnings, and each item's message text.

    A character no font draws and an unreadable signature are reported once, where they are written,
    not again by each product (``reported``: the codes already reported for each file, by id).
    """
    from followup.run import wants

    reported = reported or {}
    found: list[Finding] = []
    texts: dict[int, str] = {}
    for renderer in renderers:
        for number, item in enumerate(items):
            if not wants(item, renderer):
                continue
            where = {"interviewer": item.person.name, "product": renderer.name}
            try:
                prepared = renderer.prepare(item)
            except (UsageError, LayoutError):
                raise
            except FollowupError as error:
                finding = from_error(error, **where)
                if finding.code in reported.get(id(item.interview), ()):
                    continue  # already reported where it is written
                if finding.file is None:
                    file, line = item.field()
                    finding = replace(finding, file=file or None, line=line or None)
                if isinstance(error, (TemplateError, ImageError)):
                    finding = replace(finding, interviewer=None)  # about the template or image: once, not per item
                found.append(finding)
                continue
            text = _message_text(prepared)
            if text and number not in texts:
                texts[number] = text
            file, line = item.field("note")
            at = {"file": file or None, "line": line or None, "field": f"interviewers[{item.index}]", **where}
            if renderer.product == Product.CARD and _near_fit(renderer, item):
                found.append(
                    warning(
                        "near-fit-limit",
                        f"the card is nearly full: fewer than {SPARE_WORDS} more words would fit; "
                        "a last-minute addition will not",
                        **at,
                    )
                )
            if renderer.product == Product.LETTER:
                pages = _pages(prepared, renderer)
                if pages and pages > 1:
                    found.append(
                        warning(
                            "letter-over-one-page",
                            f"the letter runs to {pages} pages: a thank-you letter reads best on one; shorten the note",
                            **at,
                        )
                    )
    return found, texts


def merge_missing_addresses(findings: Sequence[Finding]) -> list[Finding]:
    """One "no postal address" finding per interviewer, naming every product that needs one."""
    merged: dict[tuple, list[Finding]] = {}
    rest = []
    for finding in findings:
        if finding.code == "missing-address":
            merged.setdefault((finding.file, finding.interviewer), []).append(finding)
        else:
            rest.append(finding)
    for group in merged.values():
        first = group[0]
        products = sorted({finding.product for finding in group if finding.product})
        if len(group) == 1:
            rest.append(first)
            continue
        rest.append(
            replace(
                first,
                message=f"no postal address for {', '.join(products[:-1])} and {products[-1]}: "
                "add an address to this interviewer or to the interview",
                product=None,
            )
        )
    return rest


def near_duplicates(items: Sequence[Any], texts: dict[int, str], threshold: float = NEAR_DUPLICATE) -> list[Finding]:
    """Pairs of interviewers of one file whose messages are at least ``threshold`` alike.

    Alike is difflib's ratio over the messages' words: the share of words in matching runs.

    Every pair is compared for panels up to 60; beyond that, each message is compared with its
    5 neighbours in sorted order, so a 1,000-person panel stays fast.
    """
    found = []
    by_file: dict[int, list[int]] = {}
    for number, item in enumerate(items):
        if number in texts:
            by_file.setdefault(id(item.interview), []).append(number)
    for numbers in by_file.values():
        if len(numbers) <= 60:
            pairs = [(a, b) for i, a in enumerate(numbers) for b in numbers[i + 1 :]]
        else:
            ranked = sorted(numbers, key=lambda n: texts[n])
            pairs = [(a, b) for i, a in enumerate(ranked) for b in ranked[i + 1 : i + 6]]
        words = {number: texts[number].split() for number in numbers}
        reported = set()
        for a, b in pairs:
            first, second = sorted((a, b))
            later = items[second].person
            if second in reported or not (later.topics or later.note):
                continue  # "generic-message" already says what to do about an interviewer with nothing of their own
            matcher = difflib.SequenceMatcher(None, words[first], words[second], autojunk=False)
            if matcher.real_quick_ratio() < threshold or matcher.quick_ratio() < threshold:
                continue
            ratio = matcher.ratio()
            if ratio >= threshold:
                reported.add(second)
                item, other = items[second], items[first]
                file, line = other.interview.locate("interviewers", item.index)
                found.append(
                    warning(
                        "near-duplicate",
                        f"the message is {ratio:.0%} the same as {other.person.name}'s: "
                        "add a topic or a note that is theirs alone",
                        file=file, line=line, field=f"interviewers[{item.index}]", interviewer=item.person.name,
                    )
                )
    return found


def greetings(items: Sequence[Any], texts: dict[int, str], locale: str) -> list[Finding]:
    """Messages whose "Dear ..." line names someone other than their interviewer."""
    from followup.names import formal_name, full_formal_name
    from followup.wording import greeting

    found = []
    for number, text in texts.items():
        person = items[number].person
        finding = greeting(text, person, [person.first_name, formal_name(person, locale), full_formal_name(person, locale), person.name])
        if finding:
            file, line = items[number].field("name")
            found.append(replace(finding, file=file or None, line=line or None, field=f"interviewers[{items[number].index}].name"))
    return found


# ---- templates ---------------------------------------------------------------------------------------


def template_spelling(template: str | None, known: set[str]) -> list[Finding]:
    """Spelling of the literal text of the user's own template (not its fields)."""
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
    return spelling(entries, known)


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
    from followup.spelling import vocabulary
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
        found += own + wording(interview)
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
    found += template_spelling(common.template, known)
    for interview in loaded:
        folders = [item.folder for item in selected if item.interview is interview]
        rendered = _has_output(folders) if out_dir is not None else None
        found += timing(interview, today, rendered)
    return ordered(found)


def has_errors(findings: Sequence[Finding]) -> bool:
    return any(finding.severity == ERROR for finding in findings)
