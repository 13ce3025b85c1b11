"""Wrapping and pagination of letter text: properties that hold for any paragraph lengths."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from followup import fonts
from followup.render.letter_layout import BELOW, Flow, Line, keep_together, paginate, paragraph, wrap


def _paragraph(number: int, count: int, *, last: bool) -> list[Line]:
    lines = [Line(f"p{number}l{line}", "serif", 11, 14.5, space_before=14.5 if line == 0 else 0.0) for line in range(count)]
    for line in range(count - 1):
        if last or line in (0, count - 2):
            lines[line] = Line(lines[line].text, "serif", 11, 14.5, space_before=lines[line].space_before, keep_with_next=True)
    if last:
        lines[-1] = Line(lines[-1].text, "serif", 11, 14.5, space_before=lines[-1].space_before, keep_with_next=True)
    return lines


@settings(max_examples=150, deadline=None)
@given(
    counts=st.lists(st.integers(min_value=1, max_value=14), min_size=1, max_size=8),
    head=st.floats(min_value=72, max_value=500),
)
def test_no_orphans_no_widows_and_the_closing_never_alone(counts, head):
    lines: list[Line] = []
    for number, count in enumerate(counts):
        lines += _paragraph(number, count, last=number == len(counts) - 1)
    closing = keep_together([Line("closing", "serif", 11, 14.5, space_before=14.5), Line("name", "serif", 11, 14.5, space_before=43.5)])
    lines += [closing[0], Line("name", "serif", 11, 14.5, space_before=43.5)]
    flow = Flow(first_previous=792 - head, next_first=792 - 72 - 50, bottom=72)
    pages = paginate(lines, flow)
    placed = [entry.line.text for page in pages for entry in page]
    assert placed == [line.text for line in lines]  # every line, once, in order
    for page in pages:
        assert all(entry.y - BELOW * entry.line.size >= flow.bottom - 1e-6 for entry in page) or len(page) == 1
    last_page = [entry.line.text for entry in pages[-1]]
    last_count = counts[-1]
    # the closing block sits with (all of, or at least two lines of) the last paragraph
    assert last_page[-2:] == ["closing", "name"]
    assert sum(text.startswith(f"p{len(counts) - 1}l") for text in last_page) >= min(2, last_count)
    # a paragraph split across pages leaves at least two lines on each side
    for page, following in zip(pages, pages[1:]):
        tail, head_line = page[-1].line.text if page else None, following[0].line.text
        if tail and tail.startswith("p") and head_line.startswith("p") and tail.split("l")[0] == head_line.split("l")[0]:
            number, split = int(tail[1:].split("l")[0]), int(head_line.split("l")[1])
            assert split >= 2 and counts[number] - split >= 2


@settings(max_examples=100, deadline=None)
@given(text=st.text(alphabet=st.sampled_from(list("abc defg hij 田中優希 Ł ü-")), min_size=1, max_size=300), width=st.floats(min_value=30, max_value=400))
def test_wrapped_lines_fit_and_keep_every_character(text, width):
    lines = wrap(text, "serif", 11, width)
    assert "".join(lines).replace(" ", "") == "".join(text.split())
    for line in lines:
        assert fonts.width(line, "serif", 11) <= width + 1e-6 or len(line) == 1


def test_a_two_line_paragraph_stays_together():
    lines = paragraph("word " * 30, font="serif", size=11, leading=14.5, width=200)
    assert len(lines) > 2 and lines[0].keep_with_next and not lines[1].keep_with_next and lines[-2].keep_with_next
    short = paragraph("word " * 8, font="serif", size=11, leading=14.5, width=40 * 8 / 2)
    assert [line.keep_with_next for line in short] == [True, False]
