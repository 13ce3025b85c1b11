"""Wrapping and size fitting: set paragraphs in a box at the largest size that fits, or say how much is too much.

Shared by every product that must fit text into a fixed space (cards, labels, letters). The
caller supplies a ``measure(text, size) -> width`` (so fallback fonts are measured in their
own metrics) and the vertical extents of its fonts; this module knows nothing of PDF.
"""

from __future__ import annotations

import re

from dataclasses import dataclass
from typing import Callable, Literal, Sequence

Measure = Callable[[str, float], float]  # (text, size in points) -> advance width in points


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of a message and how it sits: alignment, space above, indent, or a fixed block.

    ``space_before`` is in lines (multiples of the leading). ``indent`` is a fraction of the box
    width where the paragraph's lines start (a sign-off set to the right). ``block_lines`` > 0
    makes this a fixed-height block (e.g. a signature image) of that many lines, holding no text.
    ``tag`` lets the caller recognise the paragraph's lines later ("salutation", "signature").
    """

    text: str
    align: Literal["left", "right"] = "left"
    space_before: float = 0.0
    indent: float = 0.0
    block_lines: float = 0.0
    tag: str = ""


@dataclass(frozen=True)
class Line:
    """One set line: its text, left edge (from the box's left) and baseline (down from the box's top)."""

    text: str
    x: float
    baseline: float
    width: float
    tag: str = ""
    block_height: float = 0.0  # > 0 for a fixed block: its height, ending at ``baseline``


@dataclass(frozen=True)
class Setting:
    """Paragraphs set at one size: the lines and the height they take from the first ascender to the last descender."""

    size: float
    leading: float
    lines: tuple[Line, ...]
    height: float
    widest: float  # the widest line, for checking against the box


# a line may break at spaces, and between any two Chinese, Japanese or Korean characters
_CJK = "\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef"
_TOKENS = re.compile(rf"[{_CJK}]|[^\s{_CJK}]+|\s+")
# kinsoku (JIS X 4051): characters a line may not start with (closing marks, small kana, the
# prolonged sound mark) and may not end with (opening brackets); the break moves back instead
_NO_START = frozenset("、。，．・：；？！ー…‥）」』】〕〉》〙〗〟’”ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶ々〻ゝゞヽヾ")
_NO_END = frozenset("（「『【〔〈《〘〖〝‘“")


def _breakable(before: str, after: str) -> bool:
    """May a line end with ``before`` and the next begin with ``after``?"""
    return not (after[:1] in _NO_START or before[-1:] in _NO_END)


def wrap(
    text: str, width: float, measure: Callable[[str], float], *, runts: bool = True, break_cjk: bool = False
) -> list[str]:
    """Break ``text`` into lines no wider than ``width`` (greedy, as a hand writes): the one line breaker
    of cards, letters and call sheets.

    Lines break at spaces (and, with ``break_cjk``, between CJK characters, as CJK text sets); a
    single word wider than the line is broken between characters rather than allowed to run out of
    the box. Explicit newlines start new lines. With ``runts`` (the default) a paragraph does not
    end on one lonely word.
    """
    lines: list[str] = []
    for source in text.split("\n"):
        start = len(lines)
        current = ""
        tokens = _TOKENS.findall(" ".join(source.split())) if break_cjk else re.findall(r"\S+|\s+", source.strip())
        last = 0  # where the last token of ``current`` starts
        for token in tokens:
            if token.isspace():
                current += " " if current else ""
                continue
            if current and measure(current + token) > width:
                carry = ""
                if not current[-1].isspace() and not _breakable(current, token) and last > 0:
                    carry, current = current[last:], current[:last]  # "田中。" is not cut before "。": "中" goes down with it
                    while len(current) > 1 and not current[-1].isspace() and not _breakable(current, carry):
                        carry, current = current[-1] + carry, current[:-1]  # "「デー": the bracket goes down too
                lines.append(current.rstrip())
                current = carry
            last = len(current)
            current += token
            while measure(current) > width and len(current) > 1:
                cut = len(current) - 1
                while cut > 1 and (measure(current[:cut]) > width or not _breakable(current[:cut], current[cut:])):
                    cut -= 1
                lines.append(current[:cut])
                current = current[cut:]
                last = 0
        lines.append(current.rstrip())
        if runts:
            lines[start:] = _no_runt(lines[start:], width, measure)
    return lines


def _no_runt(lines: list[str], width: float, measure: Callable[[str], float]) -> list[str]:
    """Keep a paragraph from ending on one lonely word: bring down the last word of the line above when it fits."""
    if len(lines) < 2 or " " in lines[-1]:
        return lines
    above = lines[-2].split(" ")
    candidate = f"{above[-1]} {lines[-1]}"
    if len(above) < 3 or measure(candidate) > width:
        return lines
    return [*lines[:-2], " ".join(above[:-1]), candidate]


def set_paragraphs(
    paragraphs: Sequence[Paragraph],
    *,
    width: float,
    size: float,
    leading: float,
    ascent: float,
    descent: float,
    measure: Measure,
) -> Setting:
    """Set ``paragraphs`` in a column ``width`` wide at ``size`` with ``leading`` between baselines.

    ``ascent`` and ``descent`` (positive, as fractions of the size) are how far the fonts reach
    above and below a baseline: the height runs from the first line's top to the last line's bottom.
    """
    lines: list[Line] = []
    baseline: float | None = None  # of the last text line, or the bottom of the last block
    bottom = 0.0
    widest = 0.0
    for paragraph in paragraphs:
        if paragraph.block_lines > 0:
            height = paragraph.block_lines * leading
            # the block starts where the next line's ascenders would
            top = 0.0 if baseline is None else baseline + leading * (1 + paragraph.space_before) - ascent * size
            x = paragraph.indent * width
            baseline = bottom = top + height
            lines.append(Line("", x, baseline, width - x, paragraph.tag, block_height=height))
            continue
        left = paragraph.indent * width
        column = width - left
        for number, text in enumerate(wrap(paragraph.text, column, lambda part: measure(part, size))):
            if baseline is None:
                baseline = ascent * size
            else:
                baseline += leading * (1 + (paragraph.space_before if number == 0 else 0))
            line_width = measure(text, size)
            x = left + (column - line_width if paragraph.align == "right" else 0)
            widest = max(widest, x + line_width)
            lines.append(Line(text, x, baseline, line_width, paragraph.tag))
            bottom = baseline + descent * size
    height = bottom if lines else 0.0
    return Setting(size=size, leading=leading, lines=tuple(lines), height=height, widest=widest)


def largest(fits: Callable[[float], bool], smallest: float, biggest: float, step: float = 0.25) -> float | None:
    """The largest size on the grid ``smallest + k*step`` (up to ``biggest``) for which ``fits`` holds.

    ``fits`` must be monotone (true at some size means true at every smaller one); None when it
    does not hold even at ``smallest``. Binary search: about log2((biggest-smallest)/step) calls.
    """
    if not fits(smallest):
        return None
    low, high = 0, int((biggest - smallest) / step + 1e-9)
    if fits(smallest + high * step):
        return smallest + high * step
    while high - low > 1:  # fits(low) and not fits(high)
        middle = (low + high) // 2
        if fits(smallest + middle * step):
            low = middle
        else:
            high = middle
    return smallest + low * step


def words_over(fits_with: Callable[[int], bool], total: int) -> int:
    """How many of ``total`` words must go (from the end) before ``fits_with(kept)`` holds.

    Returns ``total + 1`` when even keeping no words does not fit.
    """
    if fits_with(total):
        return 0
    if not fits_with(0):
        return total + 1
    low, high = 0, total  # fits_with(low) and not fits_with(high)
    while high - low > 1:
        middle = (low + high) // 2
        if fits_with(middle):
            low = middle
        else:
            high = middle
    return total - low
