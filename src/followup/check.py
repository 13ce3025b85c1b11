"""Checks of an interview file beyond its shape: what cannot be drawn is caught before anything is printed."""

from __future__ import annotations

from followup import fonts
from followup.errors import GlyphError
from followup.loading import field_path
from followup.model import InterviewFile

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


def check_drawable(interview: InterviewFile, font_keys=DRAWING_FONTS) -> None:
    """Raise ``GlyphError`` (with file, line and field) for a character no bundled font draws."""
    for loc, text in _texts(interview):
        for key in font_keys:
            try:
                fonts.check(text, key)
            except GlyphError as error:
                file, line = interview.locate(*loc)
                raise GlyphError(error.message, path=file, line=line, field=field_path(loc)) from None
