"""Layouts are data: every bundled file loads, and broken user files get plain messages."""

from __future__ import annotations

import pytest

from followup.errors import LayoutError, UsageError
from followup.geometry import inch, length, mm
from followup.layouts import bundled_layouts, bundled_names, load_layout

CLI_NAMES = {
    "card": {"a2-folded", "a2", "a6", "a7-folded", "a7", "a1", "note-3.5x5", "postcard-4x6", "iso-a6", "iso-a5-folded"},
    "envelope": {"us10", "us9", "a1", "a2", "a6", "a7", "a9", "dl", "c5", "c6"},
    "label-sheet": {"avery-5160", "avery-5162", "avery-5163", "avery-l7160", "avery-l7163"},
    "window": {"us10", "us9", "din-a", "din-b"},
    "paper": {"letter", "a4"},
}


def test_every_name_of_cli_md_is_bundled():
    for kind, names in CLI_NAMES.items():
        assert names <= set(bundled_names(kind)), kind
    assert len(bundled_layouts()) >= sum(len(names) for names in CLI_NAMES.values())


@pytest.mark.parametrize(
    ("kind", "name", "size_in"),
    [
        ("card", "a2-folded", (5.5, 8.5)),  # top fold: the flat blank is half letter
        ("card", "a7-folded", (10, 7)),
        ("card", "a1", (4.875, 3.5)),
        ("envelope", "us10", (9.5, 4.125)),
        ("envelope", "a2", (5.75, 4.375)),
    ],
)
def test_sizes_match_the_print_reference(kind, name, size_in):
    width, height = load_layout(name, kind).page_size
    assert (round(width / 72, 3), round(height / 72, 3)) == size_in


def test_metric_sizes():
    assert load_layout("iso-a5-folded", "card").page_size == pytest.approx((mm(297), mm(210)))
    assert load_layout("dl", "envelope").page_size == pytest.approx((mm(220), mm(110)))
    sheet = load_layout("avery-l7160", "label-sheet")
    last = sheet.label_box(20)
    assert last.right == pytest.approx(mm(7.2 + 2 * 66.04 + 63.5)) and last.y == pytest.approx(mm(297 - 15.15 - 7 * 38.1))


def test_units():
    assert length("1in") == 72 and length("25.4mm") == pytest.approx(72) and length("12pt") == 12
    with pytest.raises(ValueError, match="has no unit"):
        length(5)
    assert inch(0.5) == 36


def test_user_layout_file_errors(tmp_path):
    path = tmp_path / "mine.toml"
    path.write_text('kind = "card"\nname = "mine"\ndescription = "x"\nwidth = "5in"\nheight = "3in"\nfold = "none"\n'
                    'bleed = "0.125in"\nsafe = "2in"\nfont_min = "11pt"\nfont_max = "20pt"\nenvelope = "a2"\ncolour = "red"\n')
    with pytest.raises(LayoutError) as caught:
        load_layout(str(path), "card")
    assert str(caught.value) == f"{path}: colour: unknown key (a typo?)"
    path.write_text(path.read_text().replace('colour = "red"\n', ""))
    with pytest.raises(LayoutError) as caught:
        load_layout(str(path), "card")
    assert str(caught.value) == f"{path}: safe margin leaves no room for the message"
    with pytest.raises(UsageError, match="no card layout called 'a3'; choose one of: a1, a2, a2-folded"):
        load_layout("a3", "card")


def test_label_sheet_that_does_not_fit_its_paper(tmp_path):
    path = tmp_path / "big.toml"
    path.write_text('kind = "label-sheet"\nname = "big"\ndescription = "x"\npaper = "letter"\ncolumns = 3\nrows = 10\n'
                    'label_width = "3in"\nlabel_height = "1in"\ntop = "0.5in"\nleft = "0.2in"\npitch_x = "3in"\npitch_y = "1in"\nsafe = "1mm"\n')
    with pytest.raises(LayoutError) as caught:
        load_layout(str(path), "label-sheet")
    assert str(caught.value) == f"{path}: labels are too large to fit on the letter sheet"
