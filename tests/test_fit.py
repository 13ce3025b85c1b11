"""Wrapping and size fitting (followup.fit), with a simple monospace measure so the expectations are plain arithmetic."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from followup import fit


def mono(text: str, size: float = 1.0) -> float:
    """Every character, spaces included, is half a size wide."""
    return len(text) * size / 2


def test_wrap_breaks_at_spaces_greedily():
    # 10 characters per line at width 5 (0.5 per character)
    assert fit.wrap("the quick brown fox jumps over it", 5, mono) == ["the quick", "brown fox", "jumps over", "it"]


def test_wrap_keeps_explicit_newlines_and_breaks_an_overlong_word():
    assert fit.wrap("Warmly,\nAlex", 50, mono) == ["Warmly,", "Alex"]
    assert fit.wrap("abcdefghijklmnopqrstuvwxyz", 5, mono) == ["abcdefghij", "klmnopqrst", "uvwxyz"]


words = st.text(alphabet="abcdefgh", min_size=1, max_size=9)


@settings(max_examples=200, deadline=None)
@given(st.lists(words, min_size=1, max_size=40), st.integers(min_value=10, max_value=60))
def test_wrap_never_exceeds_the_width_and_keeps_every_word(text_words, columns):
    width = columns / 2
    lines = fit.wrap(" ".join(text_words), width, mono)
    assert all(mono(line) <= width for line in lines)
    assert " ".join(lines).split() == text_words  # words shorter than a line are never split


def test_largest_finds_the_biggest_size_on_the_grid():
    calls = []

    def fits(size):
        calls.append(size)
        return size <= 13.6

    assert fit.largest(fits, 11, 20, step=0.25) == 13.5
    assert len(calls) <= 8  # binary search, not a walk down from 20


def test_largest_at_the_ends():
    assert fit.largest(lambda size: True, 11, 20) == 20
    assert fit.largest(lambda size: size <= 11, 11, 20) == 11
    assert fit.largest(lambda size: False, 11, 20) is None


def test_words_over_counts_the_words_to_remove():
    assert fit.words_over(lambda kept: kept <= 37, 50) == 13
    assert fit.words_over(lambda kept: True, 50) == 0
    assert fit.words_over(lambda kept: False, 50) == 51  # not even an empty body fits


def test_set_paragraphs_measures_height_from_first_ascender_to_last_descender():
    paragraphs = [
        fit.Paragraph("Dear Jordan,", tag="salutation"),
        fit.Paragraph("one two three four five six", space_before=0.5, tag="body"),
        fit.Paragraph("Warmly,", space_before=1.0, indent=0.25, tag="sign-off"),
    ]
    setting = fit.set_paragraphs(paragraphs, width=6, size=1, leading=1.25, ascent=0.8, descent=0.3, measure=mono)
    assert [line.text for line in setting.lines] == ["Dear Jordan,", "one two", "three four", "five six", "Warmly,"]
    # baselines: 0.8, then +1.25*1.5, +1.25, +1.25, +1.25*2
    assert [round(line.baseline, 4) for line in setting.lines] == [0.8, 2.675, 3.925, 5.175, 7.675]
    assert round(setting.height, 4) == 7.975
    assert setting.lines[-1].x == 1.5  # indented by a quarter of the width
    assert setting.widest <= 6


def test_set_paragraphs_right_alignment_and_fixed_blocks():
    paragraphs = [
        fit.Paragraph("May 1", align="right"),
        fit.Paragraph("", block_lines=2, indent=0.5, tag="signature"),
    ]
    setting = fit.set_paragraphs(paragraphs, width=10, size=1, leading=1.0, ascent=0.8, descent=0.2, measure=mono)
    date, block = setting.lines
    assert date.x + date.width == 10
    assert block.block_height == 2.0 and block.x == 5.0
    # the block starts where the next line's ascenders would (0.8 + 1.0 - 0.8) and is 2 lines tall
    assert block.baseline == 3.0 and setting.height == 3.0


def test_wrap_does_not_leave_one_word_alone_on_a_last_line():
    # greedy: "one two three four" / "five six seven eight" / "nine"
    assert fit.wrap("one two three four five six seven eight nine", 10, mono) == [
        "one two three four",
        "five six seven",
        "eight nine",
    ]
    # but only within a paragraph: a line after a newline is not a runt of the one before
    assert fit.wrap("one two three four\nAlex", 10, mono) == ["one two three four", "Alex"]


@settings(max_examples=60, deadline=None)
@given(st.integers(min_value=3, max_value=30), st.booleans())
def test_wrap_follows_kinsoku_and_keeps_every_character(columns, break_cjk):
    text = "本日はお忙しいところ、面接の機会をいただき、誠にありがとうございました。「データ基盤」の話がとても楽しかったです。"
    lines = fit.wrap(text, columns, len, break_cjk=break_cjk)
    assert "".join(lines) == text and all(len(line) <= columns for line in lines)
    assert not [line for line in lines[1:] if line[0] in fit._NO_START]
    assert not [line for line in lines[:-1] if line[-1] in fit._NO_END]
