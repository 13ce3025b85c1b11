"""Checks made by preparing each registered product: what cannot be made, and what reads badly.

Each product's own ``prepare`` decides what fits and what needs an address, so these checks say
exactly what rendering would: ``ItemError`` and other errors become error findings; a card that
would not fit a few more words, a letter over one page, near-duplicate messages and a greeting
that names someone else become warnings.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import replace
from typing import Any, Sequence

from followup.errors import FitError, FollowupError, ImageError, LayoutError, TemplateError, UsageError
from followup.findings import Finding, from_error, warning
from followup.model import Product

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
