"""Glyph coverage and fallback: every character drawn by a font that has it, and extracted exactly."""

from __future__ import annotations

import subprocess

import pdfplumber
import pytest

from followup import fonts
from followup.errors import GlyphError
from followup.pdf import render_pdf

from tests.conftest import ROOT


def _cmaps_by_postscript_name():
    """Each bundled TTF's character map, read with fontTools (not followup's code), by PostScript name."""
    from fontTools.ttLib import TTFont

    maps = {}
    for path in (ROOT / "fonts").glob("*.ttf"):
        font = TTFont(path, lazy=True)
        maps[font["name"].getDebugName(6)] = set(font.getBestCmap())
    return maps


NAMES = [
    "Zoë Lindqvist", "Łukasz Müller-Nguyễn", "Siobhán O'Brien", "AT&T <Labs>", "田中 優希", "김민준",
    "Αλέξης Παπαδόπουλος", "Дмитрий Иванов",
]


def _draw_names(path, key):
    def draw(canvas):
        y = 700
        for name in NAMES:
            fonts.draw(canvas, 72, y, name, key, 14)
            y -= 30

    path.write_bytes(render_pdf(draw, pagesize=(612, 792), title="t", author="a"))


def test_every_bundled_font_is_listed_and_loads():
    specs = fonts.font_specs()
    assert sum(spec.role == "handwriting" for spec in specs.values()) >= 4
    for key, spec in specs.items():
        assert spec.path.is_file() and spec.license.is_file(), key
        assert fonts.has_glyph(key, "A") or key == "droid-fallback"


def test_caveat_lacks_a_vietnamese_letter_and_the_fallback_draws_it():
    assert not fonts.has_glyph("caveat", "ễ")
    runs = fonts.runs("Nguyễn", "caveat")
    assert [text for _, text in runs] == ["Nguy", "ễ", "n"]
    assert runs[0][0] == "caveat" and runs[1][0] != "caveat" and fonts.has_glyph(runs[1][0], "ễ")


def test_combining_marks_stay_with_their_letter():
    runs = fonts.runs("Zoe\u0308", "serif")  # normalised to NFC first
    assert "".join(text for _, text in runs) == "Zoë"


def test_no_font_has_it_is_an_error_naming_character_and_fonts():
    with pytest.raises(GlyphError) as caught:
        fonts.check("A\U000f0000", "sans", field="interviewers[0].name")
    message = str(caught.value)
    assert message.startswith("interviewers[0].name: no bundled font can draw '\\U000f0000' (U+F0000")
    assert "Source Sans 3, DejaVu Sans, Droid Sans Fallback, NanumGothic" in message


@pytest.mark.parametrize("key", ["caveat", "kalam", "indie-flower", "dancing-script", "serif", "sans"])
def test_names_extract_exactly_and_every_font_is_embedded(tmp_path, key):
    path = tmp_path / "names.pdf"
    _draw_names(path, key)
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    assert lines == NAMES
    cmaps = _cmaps_by_postscript_name()
    with pdfplumber.open(path) as pdf:
        used = {char["fontname"].split("+")[-1] for char in pdf.pages[0].chars}
        # each character's font must have its glyph: no blank boxes
        for char in pdf.pages[0].chars:
            postscript = char["fontname"].split("+")[-1]
            assert ord(char["text"]) in cmaps[postscript], (postscript, char["text"])
    primary = {"caveat": "Caveat-Regular", "kalam": "Kalam-Regular", "indie-flower": "IndieFlower-Regular",
               "dancing-script": "DancingScript-Regular", "serif": "SourceSerif4-Regular", "sans": "SourceSans3-Regular"}
    hand = fonts.font_spec(key).role == "handwriting"  # a hand's Japanese and Hangul in pens, print's in type
    han, hangul = ("YuseiMagic-Regular", "NanumPen") if hand else ("DroidSansFallback", "NanumGothic")
    assert primary[key] in used and han in used and hangul in used  # CJK: Han, then Hangul
    report = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    rows = report.splitlines()[2:]
    assert rows and all(" yes yes " in row for row in rows), report  # embedded and subset
    assert "Helvetica" not in report


def test_width_sums_runs(tmp_path):
    assert fonts.width("", "caveat", 12) == 0
    assert fonts.width("Nguyễn", "caveat", 12) > fonts.width("Nguyn", "caveat", 12)


def test_a_korean_name_renders_in_every_print_product(cli, write, tmp_path):
    from tests.test_loading import MINIMAL_YAML

    text = MINIMAL_YAML.replace("  - name: Jordan Rivera\n", "  - name: 김민준\n    family_name: 김\n    given_name: 민준\n    honorific: Mr.\n")
    text = text.replace("date: 2026-11-24\n", 'date: 2026-11-24\n  address: {lines: ["테헤란로 152"], city: 강남구, region: 서울, postal_code: "06236", country: KR}\n')
    path = write("a.yaml", text)
    result = cli("render", path, "-o", tmp_path / "out", "--only", "cards,letters,envelopes,call-sheets", "--date", "2026-11-25")
    assert result.exit_code == 0, result.stderr
    for name in ("cards.pdf", "letters.pdf", "envelopes.pdf", "call-sheets.pdf"):
        extracted = subprocess.run(["pdftotext", str(tmp_path / "out" / name), "-"], capture_output=True, text=True, check=True).stdout
        assert "김" in extracted, name  # the card says "Dear Mr. 김", the others the whole name
        if name in ("letters.pdf", "envelopes.pdf"):
            assert "김민준" in extracted and "테헤란로 152" in extracted, name
        fonts_used = subprocess.run(["pdffonts", str(tmp_path / "out" / name)], capture_output=True, text=True, check=True).stdout
        hangul = "NanumPen" if name == "cards.pdf" else "NanumGothic"  # the card in a pen hand, print in type
        assert hangul in fonts_used and ("NanumGothic" in fonts_used) == (hangul == "NanumGothic"), name
