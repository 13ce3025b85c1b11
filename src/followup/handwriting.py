"""Handwriting that does not look stamped: ink colours, and lines drawn glyph by glyph with natural variation.

Each glyph gets its own text matrix (width, tilt, a small rise or fall, spacing), each word its
own height and slant, each line a gentle drift and tilt, all from a random generator seeded per
interviewer, so a re-print is identical. The glyphs stay real text in font runs (``runs``, built
on ``fonts.runs``): the PDF extracts as exactly the words written, names included, with
pdftotext and pdfplumber alike; a word in a stand-in font (a name the hand lacks) is declared
with the hand's descent (``stand_in``) so readers keep it on its line. ``Variation.reach``
bounds how far any glyph can stray, so the fitting can keep it inside the card's safe area.
"""

from __future__ import annotations

import hashlib
import math
import random
import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from followup import fonts
from followup.errors import UsageError

# fountain-pen and ballpoint inks, as they look on white card
INKS = {
    "blue-black": "#1f2a48",
    "black": "#1c1c1f",
    "blue": "#1d3d9c",
}
_HEX = re.compile(r"^#?([0-9a-fA-F]{6})$")
# a text matrix: 1/10000 of a size in the matrix and 1/100 pt in position are finer than any printer
_MATRIX = "%.4f %.4f %.4f %.4f %.2f %.2f Tm"
# characters that join the glyph before them rather than taking a matrix of their own
_JOINERS = {"\u200c", "\u200d", "\u2060"}
_SPACES = re.compile(r"( +)")


def ink(name_or_hex: str) -> tuple[float, float, float]:
    """The RGB (0..1) of a named ink or a ``#RRGGBB`` colour."""
    value = INKS.get(name_or_hex.strip().lower(), name_or_hex.strip())
    match = _HEX.match(value)
    if not match:
        raise UsageError(f"--ink {name_or_hex!r} is not an ink: use {', '.join(INKS)} or a colour like #1f2a48")
    digits = match.group(1)
    return tuple(int(digits[i : i + 2], 16) / 255 for i in (0, 2, 4))  # type: ignore[return-value]


def tint(colour: tuple[float, float, float], strength: float) -> tuple[float, float, float]:
    """``colour`` mixed with white: ``strength`` 1 is the colour, 0 is white."""
    return tuple(1 - (1 - part) * strength for part in colour)  # type: ignore[return-value]


def seed_for(seed: int, name: str) -> int:
    """A stable seed for one person: the same on every run and machine (unlike Python's ``hash``)."""
    digest = hashlib.sha256(f"{seed}\0{unicodedata.normalize('NFC', name)}".encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big")


@dataclass(frozen=True)
class Variation:
    """How much a hand varies. Lengths are fractions of the font size, angles in degrees.

    Per glyph: width, tilt of its baseline, a small rise or fall, and spacing. Per word: height
    and slant. Per line: drift up or down, tilt, and a start a little right of the margin. Height
    and slant are per word, not per glyph, for a reason: pdftotext (poppler) starts a new word
    whenever a glyph's font size (the height of its text matrix) changes or its baseline moves
    more than half a point, and a word broken into pieces copies out with spaces inside it.

    The readers' limits, and the margin kept (measured from the PDFs at 24 pt, the largest card
    size): pdfplumber reads a gap over 3 pt between glyph boxes as a space (pdfminer's layout
    over 0.1 size) and a step over 3 pt in their tops as a new word; the largest in-word gap is
    under 1 pt, the largest step under 0.8 pt. Five times the spacing splits words for pdfplumber
    ("t o"), a 3 degree line slope reorders lines for pdftotext, four times the height splits
    words for pdftotext.
    """

    width: float = 0.04  # each glyph wider or narrower
    tilt: float = 2.0  # each glyph's baseline tilted
    rise: float = 0.03  # each glyph up or down, at most RISE_LIMIT points
    spacing: float = 0.03  # each glyph nearer or further (the offset is pulled back, never accumulates)
    height: float = 0.04  # each word taller or shorter
    slant: float = 3.0  # each word leaning
    drift: float = 0.04  # each line up or down
    slope: float = 0.35  # each line tilted (word by word)
    indent: float = 0.05  # each line starts a little right of the margin, never left

    @property
    def wander(self) -> float:
        """The furthest a glyph can sit from its place along the line, in sizes."""
        return 2 * self.spacing

    def reach(self, size: float, width: float) -> tuple[float, float, float]:
        """How far ink and glyph boxes can stray: (left, right, up-or-down) in points, for a line ``width`` long.

        A glyph box is at most about one size tall and wide: slant moves its top by
        ``tan(slant)`` sizes, tilt its far end by ``sin(tilt)``; scaling grows it by the scale.
        """
        lean = math.tan(math.radians(self.slant)) * (1 + self.height)
        stretch = (1 + self.width) * (1 + self.height) - 1
        left = (self.wander + lean) * size
        right = (self.indent + self.wander + lean + stretch) * size
        turn = math.sin(math.radians(self.tilt)) * (1 + stretch)
        vertical = (self.drift + self.height + turn) * size + RISE_LIMIT + width * math.tan(math.radians(self.slope))
        return left, right, vertical


# poppler joins glyphs into one word only while their baselines stay within half a point
RISE_LIMIT = 0.24  # points

NATURAL = Variation()


def runs(text: str, font: str) -> list[tuple[str, str]]:
    """``text`` as (font name, substring) runs, like ``fonts.runs``, but a word is never split between fonts.

    A word with a character the font lacks ("Nguyễn" in Caveat) is set whole in a font of the
    fallback chain that has every character of it: one glyph in another hand looks like a
    mistake. Of those fonts, the first in the chain is taken, as a ``stand_in`` that PDF readers
    measure like the text font. Spaces stay in the text's own font.
    """
    text = unicodedata.normalize("NFC", text)
    result: list[tuple[str, str]] = []
    for piece in _SPACES.split(text):
        if not piece:
            continue
        pieces = fonts.runs(piece, font)
        if not piece.isspace() and any(name != fonts.register(font) for name, _ in pieces):
            needed = [char for char in piece if not unicodedata.combining(char) and char not in _JOINERS]
            # the first able font only: a font further down the chain is not parsed for nothing
            able = next((key for key in fonts.chain(font)[1:] if all(fonts.has_glyph(key, char) for char in needed)), None)
            if able is not None:
                pieces = [(fonts.register(able), piece)]
            pieces = [(name if name == fonts.register(font) else stand_in(name, font), part) for name, part in pieces]
        for name, part in pieces:
            if result and result[-1][0] == name:
                result[-1] = (name, result[-1][1] + part)
            else:
                result.append((name, part))
    return result


@cache
def stand_in(name: str, font: str) -> str:
    """The registered font ``name``, as a stand-in for ``font``: the same glyphs, declared with ``font``'s descent.

    A PDF reader builds a glyph's box from the font's declared descent, not from its ink
    (pdfminer, under pdfplumber: from descent to descent + size), and pdfplumber groups a line
    by the tops of those boxes within 3 pt. Kalam reaches 0.53 em below its baseline, Droid
    Sans Fallback 0.24: at 11 pt and up a Japanese name's boxes sat over 3 pt higher than the
    rest of the line, and "Dear Ms. 田中," read as "田中, Dear Ms.". Declaring the text font's
    descent (deeper or shallower, it only moves the reader's box, never the ink) gives every
    word of a line the same box, whichever font draws it. In the PDF the stand-in keeps its
    own PostScript name (``pdffonts`` shows which font stands in).
    """
    import copy
    from weakref import WeakKeyDictionary

    from reportlab.pdfbase import pdfmetrics

    original, text = pdfmetrics.getFont(name), pdfmetrics.getFont(fonts.register(font))
    # drawn at ``scale`` times the size, its box is as tall: the descent declared puts its top where
    # the text font's boxes have theirs, (1 + descent) sizes above the baseline
    descent = text.face.descent if fonts.scale(name) == 1 else (1000 + text.face.descent) / fonts.scale(name) - 1000
    if original.face.descent == descent:
        return name
    clone = copy.copy(original)
    clone.fontName = f"{name}~{text.fontName}"
    clone.face = copy.copy(original.face)
    clone.face.descent = descent
    clone.state = WeakKeyDictionary()  # its own subsets in each document
    # ReportLab registers one font per face name: register under a name of its own, then give
    # the face back its PostScript name, the one the PDF carries
    clone.face.name = original.face.name + b"~" + text.face.name
    pdfmetrics.registerFont(clone)
    clone.face.name = original.face.name
    _ORIGINALS[clone.fontName] = name
    return clone.fontName


_ORIGINALS: dict[str, str] = {}  # stand-in -> the font it copies


def extents(name: str) -> tuple[float, float]:
    """(ascent, descent) of the registered font ``name`` in ems, both positive, covering its ink
    and the box a PDF reader gives its glyphs (from the declared descent to one size above it).

    For a stand-in both its own ink (the original's metrics) and its declared descent count.
    """
    from reportlab.pdfbase import pdfmetrics

    faces = [pdfmetrics.getFont(key).face for key in (name, _ORIGINALS.get(name, name))]
    ascent = max(max(face.ascent, 1000 + face.descent) for face in faces) / 1000
    descent = max(-face.descent for face in faces) / 1000
    return ascent * scale(name), descent * scale(name)


def scale(name: str) -> float:
    """How many times the text's size the registered font (or stand-in) ``name`` is drawn at."""
    return fonts.scale(_ORIGINALS.get(name, name))


def width(text: str, font: str, size: float) -> float:
    """The advance width of ``text`` drawn with ``runs``."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return sum(stringWidth(part, name, size * scale(name)) for name, part in runs(text, font))


def clusters(text: str) -> list[str]:
    """``text`` in drawing units: a character with the combining marks and joiners that follow it."""
    result: list[str] = []
    for char in text:
        if result and (unicodedata.combining(char) or char in _JOINERS or 0xFE00 <= ord(char) <= 0xFE0F):
            result[-1] += char
        else:
            result.append(char)
    return result


def draw_line(
    canvas,
    x: float,
    y: float,
    text: str,
    font: str,
    size: float,
    colour: tuple[float, float, float],
    rng: random.Random | None,
    variation: Variation = NATURAL,
) -> None:
    """Draw one line of ``text`` with its baseline starting at (x, y), in ``font`` and its fallbacks.

    With ``rng`` None the line is set plainly (one text object, one string per font run);
    otherwise every glyph is placed with its own matrix drawn from ``rng``.
    """
    from reportlab.pdfbase.pdfmetrics import stringWidth

    text_object = canvas.beginText()
    text_object.setFillColorRGB(*colour)
    if rng is None:
        text_object.setTextOrigin(x, y)
        for name, part in runs(text, font):
            text_object.setFont(name, size * scale(name))
            text_object.textOut(part)
        canvas.drawText(text_object)
        return
    uniform = rng.uniform
    x += uniform(0, variation.indent) * size
    y += uniform(-variation.drift, variation.drift) * size
    slope = math.tan(math.radians(uniform(-variation.slope, variation.slope)))
    tilt = math.radians(variation.tilt)
    rise = min(variation.rise * size, RISE_LIMIT)
    wander, step = variation.wander * size, variation.spacing * size
    advance = offset = 0.0
    previous_stretch = 0.0  # how much wider than its advance the previous glyph was drawn
    word_y = y
    height, lean = 1.0, 0.0
    starting_word = True
    started = False
    operators = text_object._code  # the text object's PDF operators
    for name, part in runs(text, font):
        text_object.setFont(name, size * scale(name))
        for glyph in clusters(part):
            nominal = stringWidth(glyph, name, size * scale(name))
            if glyph.isspace():
                starting_word = True
            elif starting_word:  # a new word: its own height, slant and place on the tilted line
                starting_word = False
                height = 1 + uniform(-variation.height, variation.height)
                lean = height * math.tan(math.radians(uniform(-variation.slant, variation.slant)))
                word_y = y + advance * slope
            # spacing: a small step from where the previous glyph ended, pulled back towards its place
            offset = max(-wander, min(wander, 0.6 * offset + previous_stretch + uniform(-step, step / 2)))
            stretch = height * (1 + uniform(-variation.width, variation.width))
            # a glyph tilts the way its word leans, as a rotation would: PDF readers (pdfminer) take a
            # glyph whose tilt and lean disagree for vertical text and spell its word out letter by letter
            turn = -math.copysign(uniform(0, tilt), lean)
            place_x, place_y = x + advance + offset, word_y + uniform(-rise, rise)
            if not glyph.isspace() or not started:  # a space flows on from the glyph before it
                # the operator written directly: ReportLab's setTextTransform formats numbers 7x slower
                operators.append(_MATRIX % (stretch * math.cos(turn), stretch * math.sin(turn), lean, height, place_x, place_y))
                started = True
            text_object.textOut(glyph)
            previous_stretch = (stretch * math.cos(turn) - 1) * nominal
            advance += nominal
    canvas.drawText(text_object)
