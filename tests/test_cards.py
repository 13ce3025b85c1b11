"""``followup cards``: every check reads the PDFs the command writes (pypdf, pdfplumber, poppler).

Expected sizes come from the print specification (shared/reference/print-specs.md), not from
the code: e.g. an A2 folded card is a 5.5 x 8.5 in blank, top fold, message on the lower half.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pdfplumber
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from conftest import PANEL, PHONE, ROOT, run_followup

IN, MM = 72.0, 72 / 25.4
# name -> (flat blank width, height in points, fold, bleed): print-specs.md 1.1-1.3
SIZES = {
    "a1": (4.875 * IN, 3.5 * IN, "none", 0.125 * IN),
    "a2": (5.5 * IN, 4.25 * IN, "none", 0.125 * IN),
    "a2-folded": (5.5 * IN, 8.5 * IN, "top", 0.125 * IN),
    "a6": (6.25 * IN, 4.5 * IN, "none", 0.125 * IN),
    "a7": (7 * IN, 5 * IN, "none", 0.125 * IN),
    "a7-folded": (10 * IN, 7 * IN, "side", 0.125 * IN),
    "iso-a5-folded": (297 * MM, 210 * MM, "side", 3 * MM),
    "iso-a6": (148 * MM, 105 * MM, "none", 3 * MM),
    "note-3.5x5": (5 * IN, 3.5 * IN, "none", 0.125 * IN),
    "postcard-4x6": (6 * IN, 4 * IN, "none", 0.125 * IN),
}
DATE = "2026-11-25"
BLUE_BLACK = (0x1F / 255, 0x2A / 255, 0x48 / 255)


def layout_length(size: str, key: str) -> float:
    """A length from the layout file (the data a user edits), in points."""
    text = tomllib.loads((ROOT / "layouts" / "cards" / f"{size}.toml").read_text())[key]
    value, unit = re.fullmatch(r"([\d.]+)(in|mm|pt)", text).groups()
    return float(value) * {"in": IN, "mm": MM, "pt": 1.0}[unit]


def safe_margin(size: str) -> float:
    return layout_length(size, "safe")


def message_panel(size: str, trim: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
    """Where a person writes, on the page: inside right (side fold), inside lower (top fold), or the face."""
    x0, y0, x1, y1 = trim
    fold = SIZES[size][2]
    if fold == "side":
        return ((x0 + x1) / 2, y0, x1, y1)
    if fold == "top":
        return (x0, y0, x1, (y0 + y1) / 2)
    return trim


def cards(cli, tmp_path: Path, *args, files=(PANEL,)):
    result = cli("cards", *files, "-o", tmp_path / "out", "--date", DATE, *args)
    return result, tmp_path / "out"


def box(page, name: str) -> tuple[float, float, float, float]:
    return tuple(float(value) for value in getattr(page, name))


def words(text: str) -> str:
    return " ".join(text.split())


def pdftotext(path: Path) -> str:
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout


# -- pages and boxes ------------------------------------------------------------------------------


@pytest.mark.parametrize("size", sorted(SIZES))
def test_every_size_has_its_blank_trim_and_bleed_and_keeps_every_glyph_in_the_safe_area(cli, tmp_path, size):
    result, out = cards(cli, tmp_path, "--size", size)
    assert result.exit_code == 0, result.output
    width, height, _, bleed = SIZES[size]
    reader = PdfReader(out / "cards.pdf")
    assert len(reader.pages) == 4  # one page per interviewer of the panel
    for page in reader.pages:
        trim, bleed_box, media = box(page, "trimbox"), box(page, "bleedbox"), box(page, "mediabox")
        assert trim[2] - trim[0] == pytest.approx(width, abs=0.01)
        assert trim[3] - trim[1] == pytest.approx(height, abs=0.01)
        assert bleed_box == pytest.approx((trim[0] - bleed, trim[1] - bleed, trim[2] + bleed, trim[3] + bleed), abs=0.01)
        assert media == pytest.approx(bleed_box, abs=0.01)  # no marks asked for: the page is the bleed box
    assert_inside_safe_area(out / "cards.pdf", size)
    with pdfplumber.open(out / "cards.pdf") as pdf:
        for page in pdf.pages:
            sizes = [char["size"] for char in page.chars]
            # between the layout's font_min and font_max, give or take the natural variation (4 % by 4 %)
            assert layout_length(size, "font_min") * 0.92 <= min(sizes) <= max(sizes) <= layout_length(size, "font_max") * 1.09


def assert_inside_safe_area(path: Path, size: str) -> None:
    """Every glyph box pdfplumber reads lies inside the message panel less the layout's safe margin."""
    margin = safe_margin(size)
    with pdfplumber.open(path) as pdf:
        for page, source in zip(pdf.pages, PdfReader(path).pages):
            x0, y0, x1, y1 = message_panel(size, box(source, "trimbox"))
            safe = (x0 + margin, y0 + margin, x1 - margin, y1 - margin)
            assert len(page.chars) > 200
            for char in page.chars:
                inside = (
                    char["x0"] >= safe[0] - 0.01 and char["x1"] <= safe[2] + 0.01
                    and char["y0"] >= safe[1] - 0.01 and char["y1"] <= safe[3] + 0.01
                )
                assert inside, f"{size}: {char['text']!r} at {char['x0']:.1f},{char['y0']:.1f} leaves the safe area {safe}"


def test_each_interviewer_gets_a_card_and_the_combined_file_has_them_all(cli, tmp_path):
    result, out = cards(cli, tmp_path)
    assert result.exit_code == 0, result.output
    written = sorted(path.relative_to(out).as_posix() for path in out.rglob("*.pdf"))
    assert written == [
        "acme-robotics-gmbh/lukasz-muller-nguyen/card.pdf",
        "acme-robotics-kk/interviewer-7530-4e2d-512a-5e0c/card.pdf",
        "acme-robotics-ltd/siobhan-obrien/card.pdf",
        "acme-robotics/jordan-rivera/card.pdf",
        "cards.pdf",
    ]
    single = words(pdftotext(out / "acme-robotics/jordan-rivera/card.pdf"))
    combined = words(pdftotext(out / "cards.pdf"))
    assert single in combined


def test_marks_grow_the_page_and_stay_outside_the_bleed(cli, tmp_path):
    result, out = cards(cli, tmp_path, "--marks", "-i", "Jordan Rivera")
    assert result.exit_code == 0, result.output
    page = PdfReader(out / "cards.pdf").pages[0]
    trim, bleed, media = box(page, "trimbox"), box(page, "bleedbox"), box(page, "mediabox")
    assert media[2] - media[0] > bleed[2] - bleed[0] + 20
    with pdfplumber.open(out / "cards.pdf") as pdf:
        lines = pdf.pages[0].lines
    assert lines, "no marks drawn"
    for line in lines:
        outside = line["x1"] <= bleed[0] or line["x0"] >= bleed[2] or line["y1"] <= bleed[1] or line["y0"] >= bleed[3]
        assert outside, f"mark {line['x0']:.1f},{line['y0']:.1f}-{line['x1']:.1f},{line['y1']:.1f} inside the bleed"
    # the A2 card folds across the middle of its 8.5 in blank: dashed marks left and right at that height
    fold_y = (trim[1] + trim[3]) / 2
    fold_marks = [line for line in lines if abs(line["y0"] - fold_y) < 0.01 and abs(line["y1"] - fold_y) < 0.01]
    assert len(fold_marks) == 2
    assert {line["x1"] <= trim[0] for line in fold_marks} == {True, False}


# -- the message ----------------------------------------------------------------------------------


def test_text_extracts_exactly_with_natural_variation(cli, tmp_path):
    result, out = cards(cli, tmp_path, "--template", "formal")
    assert result.exit_code == 0, result.output
    for reader in (pdftotext, lambda path: "\n".join(page.extract_text() for page in pdfplumber.open(path).pages)):
        text = words(reader(out / "cards.pdf"))
        assert "Dear Ms. Rivera," in text
        assert "Dear Dr. O'Brien," in text
        assert "Thank you for the tour of the robotics lab; seeing the pick-and-place arms made the forecasting problem concrete." in text
        assert "Your point about monitoring drift before accuracy has stayed with me." in text
        assert text.count("Alex Morgan") == 4
    with pdfplumber.open(out / "cards.pdf") as pdf:
        assert all(char["upright"] for page in pdf.pages for char in page.chars)  # read as lines, not vertical text


def test_a_name_the_handwriting_font_lacks_renders_in_a_fallback_and_extracts_exactly(cli, tmp_path):
    # Caveat has no "ễ": the name must come out whole, drawn in a font that has it
    result, out = cards(cli, tmp_path, "--template", "formal", "-i", "Łukasz Müller-Nguyễn", "-i", "田中 優希")
    assert result.exit_code == 0, result.output
    path = out / "cards.pdf"
    assert "Dear Mr. Müller-Nguyễn," in words(pdftotext(path))
    assert "Dear Ms. 田中," in words(pdftotext(path))
    with pdfplumber.open(path) as pdf:
        text = words(pdf.pages[0].extract_text())
        assert "Dear Mr. Müller-Nguyễn," in text
        chars = pdf.pages[0].chars
        text_of = "".join(char["text"] for char in chars)
        start = text_of.index("Müller-Nguyễn,")
        name_fonts = {char["fontname"] for char in chars[start : start + len("Müller-Nguyễn,")]}
        assert len(name_fonts) == 1 and "Caveat" not in name_fonts.pop()  # the whole word in one stand-in hand
        assert {char["fontname"] for char in chars[:start] if char["text"] in "Dear"} == {"AAAAAA+Caveat-Regular"}
        assert {char["fontname"].split("+")[-1] for char in pdf.pages[1].chars if char["text"] == "田"} == {"YuseiMagic-Regular"}  # a pen hand
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    assert "Helvetica" not in fonts
    assert all(line.split()[-5] == "yes" for line in fonts.splitlines()[2:])  # every font embedded


def test_tones_salutations_and_formats(cli, tmp_path):
    result, out = cards(cli, tmp_path, "--template", "warm")
    text = words(pdftotext(out / "cards.pdf"))
    assert "Dear Jordan," in text and "Dear Siobhán," in text and "Warmly," in text
    assert "to meet you on Tuesday for my second interview" in text  # in person, second round
    assert "Thank you for the tour of the robotics lab" in text
    result, out = cards(cli, tmp_path, "--template", "brief", files=(PHONE,))
    text = words(pdftotext(out / "cards.pdf"))
    assert "Dear Mr. Webb," in text
    assert "Thank you for the call on Tuesday" in text  # a phone screen is not a meeting
    assert "meeting" not in text
    assert "Zoë Lindqvist" in text


def test_two_interviewers_never_get_the_same_card(cli, tmp_path):
    for tone in ("warm", "formal", "brief"):
        result, out = cards(cli, tmp_path / tone, "--template", tone)
        with pdfplumber.open(out / "cards.pdf") as pdf:
            bodies = [words(page.extract_text()).split(",", 2)[-1] for page in pdf.pages]  # after date and salutation
        assert len(set(bodies)) == len(bodies), tone


def test_a_users_own_template(cli, tmp_path, write):
    template = write("mine.j2", "Hello {{ interviewer.first_name }}!\n\nThanks for {{ interviewer.topics[0] }}.\n\nCheers,\n{{ candidate.name }}\n")
    result, out = cards(cli, tmp_path, "--template", template, "-i", "Jordan Rivera")
    assert result.exit_code == 0, result.output
    assert "Hello Jordan! Thanks for the Q3 forecasting migration. Cheers, Alex Morgan" in words(pdftotext(out / "cards.pdf"))


def test_a_template_with_an_unknown_field_stops_everything(cli, tmp_path, write):
    template = write("bad.j2", "Dear {{ interviewer.nickname }},\n")
    result, out = cards(cli, tmp_path, "--template", template)
    assert result.exit_code == 2
    assert "unknown field 'nickname'" in result.stderr
    assert not out.exists()


# -- fit ------------------------------------------------------------------------------------------

OVERLONG = """\
candidate: {{name: Alex Morgan}}
interview: {{company: Acme Robotics, position: Senior Data Analyst, date: 2026-11-24}}
interviewers:
  - name: Jordan Rivera
    note: "Thank you for the tour of the lab."
  - name: Sam Lee
    note: "{note}"
"""


def test_an_overlong_note_fails_for_that_card_only_and_says_by_how_many_words(cli, tmp_path, write):
    note = " ".join(["forecasting"] * 160)
    path = write("long.yaml", OVERLONG.format(note=note))
    result, out = cards(cli, tmp_path, "--size", "a1", files=(path,))
    assert result.exit_code == 1
    match = re.fullmatch(
        rf"failed: cards: Sam Lee \(Acme Robotics\): {re.escape(str(path))}:7: interviewers\[1\]\.note: "
        r"Sam Lee's card is (\d+) words too long for the a1 card even at the smallest size \(11 pt\): "
        r"shorten the note or topics, or choose a larger --size\n",
        result.stderr,
    )
    assert match, result.stderr
    over = int(match.group(1))
    assert 40 < over < 160
    assert not (out / "acme-robotics" / "sam-lee").exists()
    assert (out / "acme-robotics" / "jordan-rivera" / "card.pdf").is_file()
    assert len(PdfReader(out / "cards.pdf").pages) == 1
    # the count is exact: that many words fewer in the note and it fits, one word fewer and it does not
    shorter = write("short.yaml", OVERLONG.format(note=" ".join(["forecasting"] * (160 - over))))
    assert cards(cli, tmp_path / "shorter", "--size", "a1", files=(shorter,))[0].exit_code == 0
    longer = write("longer.yaml", OVERLONG.format(note=" ".join(["forecasting"] * (160 - over + 1))))
    assert cards(cli, tmp_path / "longer", "--size", "a1", files=(longer,))[0].exit_code == 1


def test_a_short_note_is_set_larger_than_a_long_one(cli, tmp_path, write):
    def size_of(path, name, size="a1"):
        result, out = cards(cli, tmp_path / name, "--size", size, "--no-natural", files=(path,))
        with pdfplumber.open(out / "cards.pdf") as pdf:
            return {round(char["size"], 2) for char in pdf.pages[-1].chars}

    (short,) = size_of(write("short.yaml", OVERLONG.format(note="Thanks!")), "short")
    (long,) = size_of(write("long.yaml", OVERLONG.format(note=" ".join(["forecasting"] * 40))), "long")
    assert 11 <= long < short - 3 and short <= 20  # within the layout's font_min and font_max
    (roomy,) = size_of(write("roomy.yaml", OVERLONG.format(note="Thanks!")), "roomy", "iso-a5-folded")
    assert roomy == layout_length("iso-a5-folded", "font_max")


# -- natural variation ----------------------------------------------------------------------------


def test_same_seed_same_bytes_and_another_seed_another_hand(tmp_path):
    def run(seed: str, name: str, *extra: str) -> bytes:
        out = tmp_path / name
        result = run_followup("cards", PANEL, "-o", out, "--date", DATE, "--seed", seed, "-q", *extra)
        assert result.returncode == 0, result.stderr
        return (out / "cards.pdf").read_bytes()

    first, again, other = run("7", "first"), run("7", "again"), run("8", "other")
    plain = run("7", "plain", "--no-natural")
    assert first == again
    assert first != other and first != plain
    texts = {words(pdftotext(tmp_path / name / "cards.pdf")) for name in ("first", "other", "plain")}
    assert len(texts) == 1  # the hand varies, the words do not


def test_natural_variation_moves_glyphs_and_plain_does_not(cli, tmp_path):
    def baselines(*extra):
        result, out = cards(cli, tmp_path / "-".join(extra or ("natural",)), "-i", "Jordan Rivera", *extra)
        with pdfplumber.open(out / "cards.pdf") as pdf:
            chars = [char for char in pdf.pages[0].chars if char["text"].strip()]
        first_line = [char for char in chars if abs(char["top"] - chars[0]["top"]) < 4]
        return {round(char["matrix"][5], 2) for char in first_line}, {round(char["matrix"][1], 3) for char in chars}

    natural_y, natural_turn = baselines()
    plain_y, plain_turn = baselines("--no-natural")
    assert len(plain_y) == 1 and plain_turn == {0.0}
    assert len(natural_y) > 5 and len(natural_turn) > 20


def test_ink_colours(cli, tmp_path):
    def colours(*extra):
        result, out = cards(cli, tmp_path / "-".join(extra or ("default",)), "-i", "Jordan Rivera", *extra)
        assert result.exit_code == 0, result.output
        with pdfplumber.open(out / "cards.pdf") as pdf:
            return {tuple(round(part, 3) for part in char["non_stroking_color"]) for char in pdf.pages[0].chars}

    assert colours() == {tuple(round(part, 3) for part in BLUE_BLACK)}
    assert colours("--ink", "#ff0000") == {(1.0, 0.0, 0.0)}
    result, out = cards(cli, tmp_path / "bad", "--ink", "purple")
    assert result.exit_code == 2
    assert result.stderr == "error: --ink 'purple' is not an ink: use blue-black, black, blue or a colour like #1f2a48\n"


@pytest.mark.parametrize(
    ("font", "family"),
    [("kalam", "Kalam"), ("dancing-script", "DancingScript"), (str(ROOT / "fonts" / "IndieFlower-Regular.ttf"), "IndieFlower")],
)
def test_other_handwriting_fonts_stay_inside_the_safe_area_too(cli, tmp_path, font, family):
    result, out = cards(cli, tmp_path, "--font", font, "--size", "a1", "--seed", "3")
    assert result.exit_code == 0, result.output
    with pdfplumber.open(out / "cards.pdf") as pdf:
        assert family in pdf.pages[0].chars[0]["fontname"].replace(" ", "")
    assert_inside_safe_area(out / "cards.pdf", "a1")


@pytest.mark.parametrize(
    ("option", "message"),
    [
        (("--hand", "huge"), "--hand 'huge': choose one of small, medium, large"),
        (("--guide", "--char-width", "0.1"), "--char-width 0.1 is not a handwriting measure: give millimetres between 1 and 30"),
        (("--font", "comic"), "no font called 'comic'; choose one of: caveat, kalam, indie-flower, dancing-script, or give a path to a .ttf file"),
        (("--size", "a3"), "no card layout called 'a3'; choose one of: a1, a2, a2-folded, a6, a7, a7-folded, iso-a5-folded, iso-a6, note-3.5x5, postcard-4x6"),
        (("--sheet", "legal"), "no paper layout called 'legal'; choose one of: a4, letter"),
    ],
)
def test_options_that_name_nothing_are_usage_errors(cli, tmp_path, option, message):
    result, out = cards(cli, tmp_path, *option)
    assert result.exit_code == 2
    assert result.stderr == f"error: {message}\n"
    assert not out.exists()


# -- sheets ---------------------------------------------------------------------------------------


def cells(page) -> tuple[list[tuple[float, float, float, float]], list[dict]]:
    """The cards on an imposed sheet, found as a user finds them: between the crop marks."""
    marks = [line for line in page.lines if not line.get("dash") and line["stroking_color"] in ((0,), (0, 0, 0), [0], [0, 0, 0], 0)]
    xs = sorted({round(line["x0"], 2) for line in marks if abs(line["x0"] - line["x1"]) < 0.01})
    ys = sorted({round(line["y0"], 2) for line in marks if abs(line["y0"] - line["y1"]) < 0.01})
    found = []
    for left, right in zip(xs, xs[1:]):
        for bottom, top in zip(ys, ys[1:]):
            if any(left < char["x0"] and char["x1"] < right and bottom < char["y0"] and char["y1"] < top for char in page.chars):
                found.append((left, bottom, right, top))
    return found, marks


@pytest.mark.parametrize(("size", "sheet", "per_sheet"), [("a1", "letter", 4), ("note-3.5x5", "letter", 4), ("a7", "letter", 2), ("iso-a6", "a4", 2)])
def test_sheets_impose_cards_with_crop_marks_outside_every_card(cli, tmp_path, size, sheet, per_sheet):
    result, out = cards(cli, tmp_path, "--size", size, "--sheet", sheet)
    assert result.exit_code == 0, result.output
    page_size = {"letter": (8.5 * IN, 11 * IN), "a4": (210 * MM, 297 * MM)}[sheet]
    width, height, _, _ = SIZES[size]
    with pdfplumber.open(out / "cards.pdf") as pdf:
        assert len(pdf.pages) == -(-4 // per_sheet)
        page = pdf.pages[0]
        assert (page.width, page.height) == pytest.approx(page_size, abs=0.01)
        found, marks = cells(page)
        assert len(found) == min(4, per_sheet)
        for left, bottom, right, top in found:
            assert sorted((right - left, top - bottom)) == pytest.approx(sorted((width, height)), abs=0.05)
            assert left >= 18 and bottom >= 18 and right <= page.width - 18 and top <= page.height - 18  # printable
            for line in marks:
                assert (line["x1"] <= left + 0.01 or line["x0"] >= right - 0.01 or line["y1"] <= bottom + 0.01
                        or line["y0"] >= top - 0.01), "a crop mark reaches into a card"
        for char in page.chars:
            assert any(c[0] < char["x0"] and char["x1"] < c[2] and c[1] < char["y0"] and char["y1"] < c[3] for c in found)


def test_a_blank_larger_than_the_sheet_is_a_usage_error(cli, tmp_path):
    result, out = cards(cli, tmp_path, "--size", "iso-a5-folded", "--sheet", "a4")
    assert result.exit_code == 2
    assert result.stderr == (
        "error: the card's flat blank (297 x 210 mm) does not fit on a sheet of a4 paper with room for crop marks: "
        "print it without --sheet, on card stock of its own size\n"
    )
    assert not out.exists()


# -- the copy-by-hand guide -----------------------------------------------------------------------


def guide_lines(path: Path):
    """(rules, text lines) of the first page: ruled y positions, and each text line's chars."""
    with pdfplumber.open(path) as pdf:
        page = pdf.pages[0]
        rules = sorted({round(line["y0"], 2) for line in page.lines if abs(line["y0"] - line["y1"]) < 0.01 and line["x1"] - line["x0"] > 100})
        lines: list[list[dict]] = []
        for char in sorted(page.chars, key=lambda char: (-round(char["y0"]), char["x0"])):
            if lines and abs(lines[-1][0]["y0"] - char["y0"]) < 2:
                lines[-1].append(char)
            else:
                lines.append([char])
        return rules, lines, [words(line) for line in page.extract_text().splitlines()]


def test_the_guide_is_ruled_and_set_for_a_hand(cli, tmp_path):
    result, out = cards(cli, tmp_path, "--size", "a6", "--guide", files=(PHONE,))
    assert result.exit_code == 0, result.output
    path = out / "northwind-health" / "marcus-webb" / "card-guide.pdf"
    assert (out / "cards-guide.pdf").is_file()
    rules, lines, texts = guide_lines(path)
    gaps = [b - a for a, b in zip(rules, rules[1:])]
    assert gaps == pytest.approx([8 * MM] * len(gaps), abs=0.02)  # ruled every 8 mm, the medium hand's pitch
    for line in lines:
        baseline = line[0]["matrix"][5]
        assert any(abs(baseline - rule) < 0.05 for rule in rules), "a text line off its rule"
    body = [line for line in lines if len(line) > 20]
    # the drawn spaces are chars too, so a line's width over its chars is the advance per character, spaces included
    per_char = sum(line[-1]["x1"] - line[0]["x0"] for line in body) / sum(len(line) for line in body)
    assert per_char / MM == pytest.approx(2.7, rel=0.12)
    # the printed card is set by the font's own measures: the same words in fewer, longer lines
    card_texts = [words(line) for line in pdfplumber.open(out / "cards.pdf").pages[0].extract_text().splitlines()]
    assert len(card_texts) < len(texts)
    assert words(" ".join(card_texts)) == words(" ".join(texts))
    # a light ink: a tint of the blue-black
    colour = lines[0][0]["non_stroking_color"]
    assert all(part > ink + 0.3 for part, ink in zip(colour, BLUE_BLACK))


def test_a_larger_hand_takes_more_lines_and_an_explicit_pitch_is_used(cli, tmp_path):
    counts = {}
    for hand in ("small", "large"):
        result, out = cards(cli, tmp_path / hand, "--size", "iso-a5-folded", "--guide", "--hand", hand, files=(PHONE,))
        assert result.exit_code == 0, result.output
        rules, lines, texts = guide_lines(out / "cards-guide.pdf")
        counts[hand] = len(texts)
    assert counts["large"] > counts["small"]
    result, out = cards(cli, tmp_path / "pitch", "--size", "iso-a5-folded", "--guide", "--line-pitch", "10", files=(PHONE,))
    rules, _, _ = guide_lines(out / "cards-guide.pdf")
    assert [b - a for a, b in zip(rules, rules[1:])] == pytest.approx([10 * MM] * (len(rules) - 1), abs=0.02)


# (a guide too long for its card: tests/test_card_text.py)


# -- signature, layouts, render -------------------------------------------------------------------


def test_a_signature_image_takes_the_place_of_the_name(cli, tmp_path, write):
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (600, 200), "white")
    ImageDraw.Draw(image).line([(20, 150), (200, 40), (380, 160), (580, 60)], fill=(20, 30, 70), width=8)
    image.save(tmp_path / "signature.png")
    path = write("signed.yaml", OVERLONG.format(note="Thanks!").replace("{name: Alex Morgan}", "{name: Alex Morgan, signature: signature.png}"))
    result, out = cards(cli, tmp_path, "--size", "a6", files=(path,))
    assert result.exit_code == 0, result.output
    with pdfplumber.open(out / "cards.pdf") as pdf:
        page = pdf.pages[0]
        assert "Alex Morgan" not in page.extract_text()
        (picture,) = page.images
        margin = safe_margin("a6")
        trim = box(PdfReader(out / "cards.pdf").pages[0], "trimbox")
        assert picture["x0"] >= trim[0] + margin and picture["x1"] <= trim[2] - margin
        # drawn as ink: trimmed to the strokes (not the 3:1 scan with its white paper) over a transparency mask
        ink = Image.eval(image.convert("L"), lambda value: 255 if value < 128 else 0).getbbox()
        ink_aspect = (ink[2] - ink[0]) / (ink[3] - ink[1])
        drawn_aspect = picture["width"] / picture["height"]
        assert picture["y0"] >= trim[1] + margin and 3.3 < drawn_aspect <= ink_aspect  # a thin margin kept round the ink
        assert "SMask" in picture["stream"].attrs
        warmly = next(char for char in page.chars if char["text"] == "W")
        assert picture["y1"] < warmly["matrix"][5]  # below the closing's baseline, where the name would be
        assert picture["x0"] == pytest.approx(warmly["x0"], abs=6)


def test_a_signature_that_is_not_an_image_stops_everything(cli, tmp_path, write):
    (tmp_path / "signature.png").write_text("not an image")
    path = write("signed.yaml", OVERLONG.format(note="Thanks!").replace("{name: Alex Morgan}", "{name: Alex Morgan, signature: signature.png}"))
    result, out = cards(cli, tmp_path, files=(path,))
    assert result.exit_code == 2
    assert result.stderr == f'error: {path}:1: candidate.signature: "signature.png" is not an image: use a PNG or JPEG file\n'
    assert not out.exists()


def test_a_users_own_card_layout(cli, tmp_path, write):
    layout = write(
        "square.toml",
        'kind = "card"\nname = "square"\ndescription = "5 in square, side fold"\nwidth = "5in"\nheight = "5in"\n'
        'fold = "side"\npanel = "inside-left"\nbleed = "0.125in"\nsafe = "0.5in"\nfont_min = "10pt"\nfont_max = "18pt"\nenvelope = "a7"\n',
    )
    result, out = cards(cli, tmp_path, "--size", layout, "-i", "Jordan Rivera")
    assert result.exit_code == 0, result.output
    page = PdfReader(out / "cards.pdf").pages[0]
    trim = box(page, "trimbox")
    assert (trim[2] - trim[0], trim[3] - trim[1]) == pytest.approx((10 * IN, 5 * IN))
    with pdfplumber.open(out / "cards.pdf") as pdf:
        assert all(char["x1"] <= trim[0] + 4.5 * IN for char in pdf.pages[0].chars)  # the left panel, as asked
    bad = write("bad.toml", layout.read_text().replace('panel = "inside-left"', 'panel = "inside-lower"'))
    result, out = cards(cli, tmp_path / "bad", "--size", bad)
    assert result.exit_code == 2
    assert result.stderr == f"error: {bad}: panel: a card with fold = 'side' takes its message on: inside-right, inside-left\n"


def test_render_makes_cards_with_the_defaults(cli, tmp_path):
    result = cli("render", PANEL, "-o", tmp_path / "out", "--date", DATE, "-q")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / "cards.pdf").is_file()
    assert (tmp_path / "out" / "acme-robotics" / "jordan-rivera" / "card.pdf").is_file()
    assert (tmp_path / "out" / "acme-robotics" / "jordan-rivera" / "email.eml").is_file()


def test_help_does_not_load_reportlab():
    result = run_followup("cards", "--help")
    assert result.returncode == 0
    assert "--guide" in result.stdout and "--natural / --no-natural" in result.stdout
    probe = subprocess.run(
        [sys.executable, "-c", "import sys, followup.cli, followup.render.card; print(any(m.startswith(('reportlab', 'PIL')) for m in sys.modules))"],
        capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
    )
    assert probe.stdout.strip() == "False", probe.stderr


# -- names are sacred: any name in the scripts the fonts cover extracts exactly -------------------

# one script per name part, as names are written: Latin (with Vietnamese), Greek, Cyrillic, Han and kana
SCRIPTS = (
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
    "àáâãäåæçèéêëìíîïñòóôõöøùúûüýÿßÆØÅĀāĂăĄąĆćČčĎďĐđĘęĚěĞğİıŁłŃńŇňŐőŒœŘřŚśŞşŠšŢţŤťŰűŸŹźŻżŽž"
    "ạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹƠơƯư",
    "ΑΒΓΔΕΖΗΘΙΚΛΜΝΞΟΠΡΣΤΥΦΧΨΩαβγδεζηθικλμνξοπρστυφχψω",
    "АБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯабвгдежзийклмнопрстуфхцчшщъыьэюя",
    "田中優希山本佐藤鈴木高橋渡辺伊藤さくらひなたアオイ",  # (no Hangul: no bundled font draws it)
)
name_part = st.sampled_from(SCRIPTS).flatmap(lambda letters: st.text(alphabet=letters, min_size=1, max_size=12))


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    given_name=name_part,
    family=name_part,
    seed=st.integers(min_value=0, max_value=2**31),
)
def test_any_name_renders_and_extracts_exactly(tmp_path, given_name, family, seed):
    import datetime as dt

    from followup.model import InterviewFile
    from followup.render import card
    from followup.render.base import Common, Item

    interview = InterviewFile.model_validate({
        "candidate": {"name": f"{family} {given_name}"},
        "interview": {"company": "Acme", "position": "Analyst", "date": "2026-11-24"},
        "interviewers": [{"name": f"{given_name} {family}", "given_name": given_name, "family_name": family, "honorific": "Dr."}],
    })
    renderer = card.renderer(Common(template="formal", today=dt.date(2026, 11, 25), seed=seed), size="a1")
    item = Item(interview=interview, person=interview.interviewers[0], index=0, folder=tmp_path)
    path = tmp_path / "card.pdf"
    path.write_bytes(renderer.render(renderer.prepare(item)))
    with pdfplumber.open(path) as pdf:
        text = words(pdf.pages[0].extract_text())
    assert f"Dear Dr. {family}," in text
    assert text.endswith(f"With best regards, {family} {given_name}")
    if len(family) > 1 or len(given_name) > 1:  # poppler runs two one-letter words together ("B A" -> "BA")
        text = words(pdftotext(path))
        assert f"Dear Dr. {family}," in text
        assert text.endswith(f"With best regards, {family} {given_name}")
