"""A Korean or Japanese name or note on a card is handwritten too: drawn in NanumPen or Yusei Magic
(pen hands), sized to the card's hand, not in NanumGothic's or Droid Sans Fallback's type. Read from the PDFs the CLI writes: the fonts embedded
(pdffonts), the text with every reader, the ink on a rendered page, and the print products that
keep their typeset fallbacks.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pdfplumber
import pytest

from conftest import PANEL, ROOT, run_followup
from test_card_text import readers
from test_cards import assert_inside_safe_area

DATE = "2026-11-25"
NOTE = "서울 사무실 투어 정말 감사했습니다. Seeing the lab made it concrete."
SOURCE = (
    "candidate:\n  name: Alex Morgan\n  address: {lines: [\"1420 NW Lovejoy St\"], city: Portland, region: OR, postal_code: \"97209\", country: US}\n"
    "interview:\n  company: Acme Robotics\n  position: Analyst\n  date: 2026-11-24\n"
    "  address: {lines: [\"테헤란로 152\"], city: 강남구, region: 서울, postal_code: \"06236\", country: KR}\n"
    f"interviewers:\n  - name: 김민준\n    honorific: Mr.\n    note: \"{NOTE}\"\n"
)
TEMPLATE = "Dear {{ interviewer.name }},\n\n{{ interviewer.note }}\n\nWarmly,\n{{ candidate.name }}\n"
EXPECTED = f"November 25, 2026 Dear 김민준, {NOTE} Warmly, Alex Morgan"
# short enough that no line breaks inside its words (Japanese may break between any two characters)
JAPANESE_NOTE = "東京から、ありがとうございました。 Thank you for joining so early."
JAPANESE = (
    "candidate:\n  name: Alex Morgan\ninterview:\n  company: Acme Robotics\n  position: Analyst\n  date: 2026-11-24\n"
    "  address: {lines: [\"丸の内2-7-2\"], city: 千代田区, region: 東京都, postal_code: \"100-7090\", country: JP}\n"
    f"interviewers:\n  - name: 田中 優希\n    family_name: 田中\n    given_name: 優希\n    honorific: Ms.\n    note: \"{JAPANESE_NOTE}\"\n"
)


def pdffonts(path: Path) -> list[str]:
    """The PostScript names pdffonts lists, each checked embedded and subset."""
    rows = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    assert all(" yes yes " in row for row in rows), rows
    return [row.split()[0].split("+")[-1] for row in rows]


@pytest.fixture
def korean(write):
    return write("interview.yaml", SOURCE), write("card.j2", TEMPLATE)


@pytest.fixture
def japanese(write):
    return write("interview.yaml", JAPANESE), write("card.j2", TEMPLATE)


def cards_in_every_reading(cli, tmp_path, source, template, font):
    """Card and guide PDFs for three seeds in ``font``: each with the fonts pdffonts lists and each reader's text."""
    for seed in range(3):
        out = tmp_path / str(seed)
        result = cli("cards", source, "-o", out, "--date", DATE, "--template", template, "--font", font, "--seed", seed, "--guide")
        assert result.exit_code == 0, result.output
        for name in ("card.pdf", "card-guide.pdf"):
            (path,) = out.glob(f"*/*/{name}")
            yield path, pdffonts(path), readers(path)


HANDS = ["caveat", "kalam", "indie-flower", "dancing-script"]


@pytest.mark.parametrize("font", HANDS)
def test_a_japanese_card_is_drawn_in_yusei_magic_and_reads_back_exactly(cli, tmp_path, japanese, font):
    for path, used, texts in cards_in_every_reading(cli, tmp_path, *japanese, font):
        assert "YuseiMagic-Regular" in used and not {"DroidSansFallback", "NanumGothic", "NanumPen"} & set(used), (path, used)
        for reader, text in texts.items():  # a guide may add notes to the writer around the text
            assert f"November 25, 2026 Dear 田中 優希, {JAPANESE_NOTE} Warmly, Alex Morgan" in text, f"{reader}, {path}: {text!r}"


@pytest.mark.parametrize("font", HANDS)
def test_a_korean_card_is_drawn_in_nanum_pen_and_reads_back_exactly(cli, tmp_path, korean, font):
    for path, used, texts in cards_in_every_reading(cli, tmp_path, *korean, font):
        assert "NanumPen" in used and "NanumGothic" not in used, (path, used)
        for reader, text in texts.items():
            assert EXPECTED in text, f"{reader}, {path}: {text!r}"
        with pdfplumber.open(path) as pdf:
            chars = [char for char in pdf.pages[0].chars if not char["text"].isspace()]
        # every Hangul syllable, and only the words holding Hangul, drawn by the pen
        hangul = {char["text"] for char in chars if "\uac00" <= char["text"] <= "\ud7a3"}
        assert hangul and all("NanumPen" in char["fontname"] for char in chars if char["text"] in hangul)
        assert all(char["text"] in hangul or char["text"] in ",." for char in chars if "NanumPen" in char["fontname"])


@pytest.mark.parametrize("size", ["a7", "a2-folded", "a1"])
def test_the_pens_stay_in_the_safe_area(cli, tmp_path, write, size):
    # drawn larger or smaller than the text, the pens are measured as drawn: at a7 a card is set at its largest
    topics = '    topics: ["the Q3 forecasting migration", "how the analytics team works with robotics engineers"]\n'
    source = write("both.yaml", SOURCE + topics + f"  - name: 田中 優希\n    honorific: Ms.\n    note: \"{JAPANESE_NOTE}\"\n" + topics)
    for seed in range(3):
        out = tmp_path / str(seed)
        result = cli("cards", source, "-o", out, "--date", DATE, "--size", size, "--seed", seed)
        assert result.exit_code == 0, result.output
        assert {"NanumPen", "YuseiMagic-Regular"} <= set(pdffonts(out / "cards.pdf"))
        assert_inside_safe_area(out / "cards.pdf", size)


def test_a_larger_stand_in_keeps_its_words_on_the_line_for_pdfplumber(cli, tmp_path, korean):
    # drawn 1.25 times the size, the pen declares the descent that puts its box tops on the hand's
    # (Kalam's descent is deep, Caveat's shallow); lines told apart by their baselines, set plainly
    source, template = korean
    for font in ("caveat", "kalam"):
        result = cli("cards", source, "-o", tmp_path / font, "--date", DATE, "--template", template, "--font", font, "--no-natural")
        assert result.exit_code == 0, result.output
        with pdfplumber.open(next((tmp_path / font).glob("*/*/card.pdf"))) as pdf:
            chars = [char for char in pdf.pages[0].chars if not char["text"].isspace()]
        text = "".join(char["text"] for char in chars)
        for start in ("Dear", "서울"):
            baseline = chars[text.index(start)]["matrix"][5]
            line = [char for char in chars if abs(char["matrix"][5] - baseline) < 0.01]
            assert {"NanumPen" in char["fontname"] for char in line} == {True, False}, "".join(c["text"] for c in line)
            tops = [char["top"] for char in line]
            assert max(tops) - min(tops) < 3, (font, start, max(tops) - min(tops))


def ink_height(image, x0: float, x1: float, top: float, bottom: float, dpi: int) -> int:
    """The rows with ink between x0 and x1 (points) in the band top..bottom (points from the top)."""
    k = dpi / 72
    band = image.crop((round(x0 * k), round(top * k), round(x1 * k), round(bottom * k)))
    rows = [y for y in range(band.height) if band.crop((0, y, band.width, y + 1)).getextrema()[0] < 128]
    return rows[-1] - rows[0] + 1


@pytest.mark.parametrize("script", ["korean", "japanese"])
def test_the_pen_is_as_large_as_the_hand_on_the_page(cli, tmp_path, request, script):
    # measured in the ink of the rendered page: the name's Hangul or kanji stands about as tall as the
    # hand's capitals (CJK sets its characters a little above the capitals), not two thirds of them
    # (NanumPen at its size) nor a third more (Yusei Magic at its size)
    from PIL import Image

    source, template = request.getfixturevalue(script)
    result = cli("cards", source, "-o", tmp_path / "out", "--date", DATE, "--template", template, "--no-natural")
    assert result.exit_code == 0, result.output
    path = next((tmp_path / "out").glob("*/*/card.pdf"))
    with pdfplumber.open(path) as pdf:
        chars = pdf.pages[0].chars
    text = "".join(char["text"] for char in chars)
    given = "김민준" if script == "korean" else "田中"
    dear, name = chars[text.index("Dear")], [chars[text.index(given) + i] for i in range(len(given))]
    dpi = 300
    subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", "-png", "-singlefile", str(path), str(tmp_path / "page")], check=True)
    image = Image.open(tmp_path / "page.png").convert("L")
    band = (min(c["top"] for c in [dear, *name]) - 6, max(c["bottom"] for c in [dear, *name]) + 6)
    capital = ink_height(image, dear["x0"], dear["x1"], *band, dpi)
    hangul = ink_height(image, name[0]["x0"], name[-1]["x1"], *band, dpi)
    assert 0.95 <= hangul / capital <= 1.3, (hangul, capital)


def test_letters_and_envelopes_keep_their_typeset_hangul(cli, tmp_path, korean):
    source, _ = korean
    result = cli("render", source, "-o", tmp_path / "out", "--only", "cards,letters,envelopes", "--date", DATE)
    assert result.exit_code == 0, result.output
    assert "NanumPen" in pdffonts(tmp_path / "out" / "cards.pdf")
    for name in ("letters.pdf", "envelopes.pdf"):
        used = pdffonts(tmp_path / "out" / name)
        assert "NanumGothic" in used and "NanumPen" not in used, (name, used)
        assert "김민준" in readers(tmp_path / "out" / name)["pdftotext"]


def test_a_japanese_letter_keeps_its_typeset_kanji(cli, tmp_path, japanese):
    source, _ = japanese
    result = cli("render", source, "-o", tmp_path / "out", "--only", "cards,letters", "--date", DATE)
    assert result.exit_code == 0, result.output
    assert "YuseiMagic-Regular" in pdffonts(tmp_path / "out" / "cards.pdf")
    used = pdffonts(tmp_path / "out" / "letters.pdf")
    assert "DroidSansFallback" in used and "YuseiMagic-Regular" not in used, used
    assert "田中 優希" in readers(tmp_path / "out" / "letters.pdf")["pdftotext"]


def test_the_same_korean_card_is_the_same_bytes(korean, tmp_path):
    source, template = korean
    outputs = []
    for run in range(2):
        result = run_followup("cards", source, "-o", tmp_path / str(run), "--date", DATE, "--template", template)
        assert result.returncode == 0, result.stderr
        outputs.append((tmp_path / str(run) / "cards.pdf").read_bytes())
    assert outputs[0] == outputs[1]


def test_a_panel_without_korean_never_parses_the_pen():
    # fonts are parsed when first asked for a glyph: the pen covers only Hangul and the Latin around it
    script = (
        "from typer.testing import CliRunner\nfrom followup.cli import app\nfrom reportlab.pdfbase import pdfmetrics\n"
        f"import tempfile\nresult = CliRunner().invoke(app, ['render', {str(PANEL)!r}, '-o', tempfile.mkdtemp(), '--date', {DATE!r}])\n"
        "assert result.exit_code == 0, result.output\n"
        "print(sorted(name for name in pdfmetrics.getRegisteredFontNames()))\n"
    )
    import os
    import sys

    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "caveat" in done.stdout and "yusei-magic" in done.stdout  # the panel's Japanese name was drawn, by a pen
    assert "nanum-pen" not in done.stdout


def test_followup_fonts_lists_the_pen(cli):
    result = cli("fonts")
    assert result.exit_code == 0, result.output
    assert "nanum-pen" in result.output and "Nanum Pen Script" in result.output
    assert "yusei-magic" in result.output and "Yusei Magic" in result.output


# a long Japanese note, with closing marks and small kana where a naive breaker would start a line
LONG_JAPANESE = ("本日はお忙しいところ、面接の機会をいただき、誠にありがとうございました。"
                 "データ基盤の移行についてのお話は「とても」具体的で、ますます興味を持ちました。"
                 "チームの皆さまにもよろしくお伝えください。")


@pytest.mark.parametrize("size", ["a7", "a2-folded"])
def test_japanese_lines_on_a_card_follow_kinsoku(cli, tmp_path, write, size):
    from followup.fit import _NO_END, _NO_START

    source = write("interview.yaml", JAPANESE.replace(JAPANESE_NOTE, LONG_JAPANESE))
    template = write("card.j2", "{{ interviewer.note }}\n")
    result = cli("cards", source, "-o", tmp_path / "out", "--date", DATE, "--template", template, "--size", size, "--guide")
    assert result.exit_code == 0, result.output
    for name in ("card.pdf", "card-guide.pdf"):
        (path,) = (tmp_path / "out").glob(f"*/*/{name}")
        text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
        lines = [line.strip() for line in text.splitlines() if any("\u3000" <= char <= "\u9fff" for char in line)]
        assert len(lines) >= 3 and "".join(lines) == LONG_JAPANESE, (name, lines)  # every character, in order
        assert not [line for line in lines[1:] if line[0] in _NO_START], (name, lines)  # no line opens with 。、」ょ...
        assert not [line for line in lines[:-1] if line[-1] in _NO_END], (name, lines)  # none ends with 「
