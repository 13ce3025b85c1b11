"""`followup letters`: read back from the PDFs the command writes (pdfplumber), never from the code's numbers."""

from __future__ import annotations

import unicodedata
from functools import cache
from pathlib import Path

import pdfplumber
import pytest
from typer.testing import CliRunner

from conftest import CASES, PANEL

MM = 72 / 25.4
INCH = 72.0
DATE = "2026-11-25"
# every interviewer of the panel example, as their name must read on the letter
PANEL_NAMES = {
    "acme-robotics/jordan-rivera": ("Ms. Jordan Rivera", "Dear Ms. Rivera:"),
    "acme-robotics-ltd/siobhan-obrien": ("Dr. Siobhán O'Brien", "Dear Dr. O'Brien:"),
    "acme-robotics-gmbh/lukasz-muller-nguyen": ("Mr. Łukasz Müller-Nguyễn", "Dear Mr. Müller-Nguyễn:"),
    "acme-robotics-kk/interviewer-7530-4e2d-512a-5e0c": ("Ms. 田中 優希", "Dear Ms. 田中:"),
}
# where each window's address zone is, from print-specs.md (top, left, bottom, right of the page, in points)
ZONES = {
    "us10": (2.5 * INCH, 0.875 * INCH, 3.1667 * INCH, 4.375 * INCH),
    "us9": (2.25 * INCH, 0.875 * INCH, 3.25 * INCH, 5.0 * INCH),
    "din-a": (27 * MM, 20 * MM, 72 * MM, 105 * MM),
    "din-b": (45 * MM, 20 * MM, 90 * MM, 105 * MM),
}
FOLDS = {"us10": [3.6667 * INCH, 7.3333 * INCH], "us9": [3.75 * INCH, 7.375 * INCH], "din-a": [87 * MM, 192 * MM], "din-b": [105 * MM, 210 * MM]}


def invoke(*args):
    from followup.cli import app

    return CliRunner().invoke(app, [str(arg) for arg in args], catch_exceptions=False)


@cache
def rendered(out: str, *options: str, source: Path = PANEL) -> Path:
    """Render letters once per set of options (cached for the whole session)."""
    result = invoke("letters", source, "-o", out, "--date", DATE, "--quiet", *options)
    assert result.exit_code == 0, result.output
    return Path(out)


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    return tmp_path_factory.mktemp("letters")


def text_lines(page) -> list[dict]:
    return page.extract_text_lines(layout=False, strip=True, return_chars=True)


def find(lines, text, *, last=False) -> dict:
    matches = [line for line in lines if line["text"] == text]
    assert matches, f"{text!r} not among {[line['text'] for line in lines]}"
    return matches[-1] if last else matches[0]


def starting(lines, prefix) -> dict:
    matches = [line for line in lines if line["text"].startswith(prefix)]
    assert matches, f"no line starts with {prefix!r} among {[line['text'] for line in lines]}"
    return matches[0]


# -- the files ------------------------------------------------------------------------------------


def test_one_letter_per_interviewer_and_a_combined_file(base):
    out = rendered(str(base / "default"))
    pages = 0
    for folder in PANEL_NAMES:
        with pdfplumber.open(out / folder / "letter.pdf") as pdf:
            assert len(pdf.pages) == 1, folder  # the panel letters each fit one page
            pages += len(pdf.pages)
    with pdfplumber.open(out / "letters.pdf") as pdf:
        assert len(pdf.pages) == pages
        firsts = [text_lines(page)[0]["text"] for page in pdf.pages]
    assert firsts == ["Alex Morgan"] * 4


def test_same_input_gives_the_same_bytes(base):
    first = rendered(str(base / "same-1"), "--window", "din-b", "--template", "warm")
    second = rendered(str(base / "same-2"), "--window", "din-b", "--template", "warm")
    files = sorted(path.relative_to(first) for path in first.rglob("*.pdf"))
    assert len(files) == 5
    for name in files:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name


def test_renderer_works_with_defaults():
    from followup.render import PRODUCTS, renderer_module
    from followup.render.base import Common

    renderer = renderer_module("letters").renderer(Common())
    assert PRODUCTS["letters"] == "followup.render.letter"
    assert (renderer.name, renderer.item_file, renderer.combined_file) == ("letters", "letter.pdf", "letters.pdf")
    assert renderer.paper.name == "letter" and renderer.window is None


# -- the letter's parts, in order -------------------------------------------------------------------


@pytest.mark.parametrize("folder", sorted(PANEL_NAMES))
def test_full_block_order_and_left_edges(base, folder):
    name, salutation = PANEL_NAMES[folder]
    with pdfplumber.open(rendered(str(base / "default")) / folder / "letter.pdf") as pdf:
        page = pdf.pages[0]
        lines = text_lines(page)
    parts = [
        find(lines, "Alex Morgan"),
        find(lines, "November 25, 2026"),
        find(lines, name),
        starting(lines, "Re: Senior Data Analyst interview"),
        find(lines, salutation),
        starting(lines, "Thank you for meeting with me on November 24, 2026"),
        find(lines, "Sincerely,"),
        find(lines, "Alex Morgan", last=True),
        find(lines, "alex.morgan@example.com · +1 503 555 0142"),
    ]
    tops = [line["top"] for line in parts]
    assert tops == sorted(tops) and len(set(tops)) == len(tops)
    # full block: every part starts at the one-inch margin
    assert {round(line["x0"], 1) for line in parts} == {72.0}
    # the date half an inch or more below the letterhead, two to eight blank lines above the address
    # (three by the book, two to fit one page, more to set a short letter lower on its page)
    assert 0.5 * INCH <= parts[1]["top"] - parts[0]["bottom"] <= 0.5 * INCH + 0.625 * INCH + 0.5
    first_address_line = lines[lines.index(parts[1]) + 1]  # a Japanese address starts with the postcode
    assert 3 * 14.5 - 0.5 <= first_address_line["top"] - parts[1]["top"] <= 9 * 14.5
    # room to sign: three blank lines between the closing and the typed name
    assert parts[7]["top"] - parts[6]["top"] == pytest.approx(4 * 14.5, abs=0.6)
    # nothing within the one-inch side and bottom margins
    assert all(72 - 0.5 <= char["x0"] and char["x1"] <= page.width - 72 + 0.5 for char in page.chars)
    assert max(char["bottom"] for char in page.chars) <= page.height - 72


def test_names_extract_exactly_as_written(base):
    out = rendered(str(base / "default"))
    for folder, (name, salutation) in PANEL_NAMES.items():
        with pdfplumber.open(out / folder / "letter.pdf") as pdf:
            texts = [line["text"] for line in text_lines(pdf.pages[0])]
        for expected in (name, salutation):
            found = [text for text in texts if text == expected]
            assert found and unicodedata.is_normalized("NFC", found[0]), (folder, expected, texts)


def test_inside_address_follows_each_country(base):
    out = rendered(str(base / "default"))
    with pdfplumber.open(out / "acme-robotics-ltd/siobhan-obrien/letter.pdf") as pdf:
        texts = [line["text"] for line in text_lines(pdf.pages[0])]
    start = texts.index("Dr. Siobhán O'Brien")
    assert texts[start : start + 7] == [
        "Dr. Siobhán O'Brien", "Director of Data Science, EMEA", "Acme Robotics Ltd", "10 Finsbury Square", "London", "EC2A 1AF", "UNITED KINGDOM",
    ]
    with pdfplumber.open(out / "acme-robotics/jordan-rivera/letter.pdf") as pdf:
        texts = [line["text"] for line in text_lines(pdf.pages[0])]
    start = texts.index("Ms. Jordan Rivera")
    # domestic mail: no country line
    assert texts[start : start + 7] == [
        "Ms. Jordan Rivera", "Head of Analytics", "Acme Robotics", "500 Market St", "Floor 3", "San Francisco, CA 94105", texts[start + 6],
    ]
    assert texts[start + 6].startswith("Re: ")


def test_modified_block_sets_date_and_closing_from_the_centre(base):
    out = rendered(str(base / "modified"), "--style", "modified-block", "-i", "Jordan Rivera")
    with pdfplumber.open(out / "acme-robotics/jordan-rivera/letter.pdf") as pdf:
        page = pdf.pages[0]
        lines = text_lines(page)
    centre = page.width / 2
    for text in ("November 25, 2026", "Sincerely,"):
        assert find(lines, text)["x0"] == pytest.approx(centre, abs=0.5)
    assert find(lines, "Alex Morgan", last=True)["x0"] == pytest.approx(centre, abs=0.5)
    for text in ("Ms. Jordan Rivera", "Dear Ms. Rivera:"):
        assert find(lines, text)["x0"] == pytest.approx(72, abs=0.5)
    # the letterhead is centred
    head = find(lines, "Alex Morgan")
    assert (head["x0"] + head["x1"]) / 2 == pytest.approx(centre, abs=0.5)


# -- locales and paper ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "locale, date, in_text, salutation, closing, size",
    [
        ("en_US", "November 25, 2026", "November 24, 2026", "Dear Dr. O'Brien:", "Sincerely,", (612, 792)),
        ("en_GB", "25 November 2026", "24 November 2026", "Dear Dr O'Brien,", "Yours sincerely,", (595.28, 841.89)),
        # de_DE writes German letters: tests/test_letters_de.py
    ],
)
def test_locale_dates_salutations_and_paper(base, locale, date, in_text, salutation, closing, size):
    out = rendered(str(base / f"locale-{locale}"), "--locale", locale, "-i", "Siobhán O'Brien")
    with pdfplumber.open(out / "acme-robotics-ltd/siobhan-obrien/letter.pdf") as pdf:
        page = pdf.pages[0]
        texts = [line["text"] for line in text_lines(page)]
    assert (round(page.width, 2), round(page.height, 2)) == size
    assert date in texts and salutation in texts and closing in texts
    assert f"Thank you for meeting with me on {in_text} at the San Francisco office" in " ".join(texts)


@pytest.mark.parametrize("locale, size", [("en_CA", (612, 792)), ("es_MX", (612, 792)), ("fr_FR", (595.28, 841.89)), ("en_AU", (595.28, 841.89))])
def test_paper_follows_the_locales_country(base, locale, size):
    out = rendered(str(base / f"paper-{locale}"), "--locale", locale, "-i", "Jordan Rivera")
    with pdfplumber.open(out / "letters.pdf") as pdf:
        assert (round(pdf.pages[0].width, 2), round(pdf.pages[0].height, 2)) == size


def test_paper_option_overrides_the_locale(base):
    out = rendered(str(base / "gb-letter"), "--locale", "en_GB", "--paper", "letter", "-i", "Jordan Rivera")
    with pdfplumber.open(out / "letters.pdf") as pdf:
        assert (pdf.pages[0].width, pdf.pages[0].height) == (612, 792)


@pytest.mark.parametrize("window, paper", [("us10", "a4"), ("din-a", "letter")])
def test_a_window_and_a_contradicting_paper_is_a_usage_error(tmp_path, window, paper):
    result = invoke("letters", PANEL, "-o", tmp_path / "out", "--window", window, "--paper", paper)
    assert result.exit_code == 2
    assert "error: --window" in result.stderr and f"--paper {paper}" in result.stderr
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    "option, message",
    [
        (["--style", "indented"], "no letter style called 'indented'; choose one of: full-block, modified-block"),
        (["--window", "c5"], "no window called 'c5'; choose one of: none, us10, us9, din-a, din-b"),
        (["--paper", "legal"], "no paper called 'legal'; choose one of: letter, a4"),
        (["--locale", "xx_YY"], "unknown locale 'xx_YY'"),
        (["--template", "cheerful"], "no letter template called 'cheerful'; choose one of: brief, formal, warm"),
    ],
)
def test_bad_options_stop_before_anything_is_written(tmp_path, option, message):
    result = invoke("letters", PANEL, "-o", tmp_path / "out", *option)
    assert result.exit_code == 2
    assert result.stderr.startswith("error: ") and message in result.stderr
    assert not (tmp_path / "out").exists()


# -- the text ---------------------------------------------------------------------------------------


def test_tones_and_interviewers_give_different_letters(base):
    bodies = {}
    for tone in ("formal", "warm", "brief"):
        out = rendered(str(base / f"tone-{tone}"), "--template", tone)
        for folder in ("acme-robotics/jordan-rivera", "acme-robotics-gmbh/lukasz-muller-nguyen"):
            with pdfplumber.open(out / folder / "letter.pdf") as pdf:
                bodies[tone, folder] = " ".join(line["text"] for line in text_lines(pdf.pages[0]))
    assert len(set(bodies.values())) == 6
    warm = bodies["warm", "acme-robotics/jordan-rivera"]
    assert "Dear Jordan," in warm and "Warm regards," in warm
    formal = bodies["formal", "acme-robotics/jordan-rivera"]
    # what was discussed with this interviewer, the highlights, what was forgotten, the clarification
    for text in ("the Q3 forecasting migration", "tour of the robotics lab", "five years of demand forecasting in Python",
                 "I also mentor two junior analysts", "I meant Airflow, not Luigi", "the next steps"):
        assert text in formal, text
    assert "data contracts between teams" in bodies["formal", "acme-robotics-gmbh/lukasz-muller-nguyen"]
    assert "data contracts" not in formal
    assert len(bodies["brief", "acme-robotics/jordan-rivera"]) < len(formal) * 0.75


def test_a_short_letter_is_set_lower_on_its_page(base):
    tops = {}
    for tone in ("formal", "brief"):
        with pdfplumber.open(rendered(str(base / f"tone-{tone}"), "--template", tone) / "acme-robotics/jordan-rivera/letter.pdf") as pdf:
            page = pdf.pages[0]
            lines = text_lines(page)
            tops[tone] = (find(lines, "November 25, 2026")["top"], page.height - lines[-1]["bottom"])
    assert tops["brief"][0] > tops["formal"][0] + 0.25 * INCH  # the date comes lower
    assert tops["brief"][1] > 72  # and the letter still ends above the bottom margin


def test_no_subject_drops_the_subject_line(base):
    out = rendered(str(base / "no-subject"), "--no-subject", "-i", "Jordan Rivera")
    with pdfplumber.open(out / "letters.pdf") as pdf:
        texts = [line["text"] for line in text_lines(pdf.pages[0])]
    assert not any(text.startswith("Re:") for text in texts)
    assert texts.index("San Francisco, CA 94105") + 1 == texts.index("Dear Ms. Rivera:")


def test_markup_characters_print_as_written(tmp_path):
    result = invoke("letters", CASES / "letters/markup.yaml", "-o", tmp_path, "--date", DATE)
    assert result.exit_code == 0, result.output
    (pdf_path,) = [path for path in tmp_path.rglob("letter.pdf")]
    with pdfplumber.open(pdf_path) as pdf:
        texts = [line["text"] for line in text_lines(pdf.pages[0])]
    joined = " ".join(texts)
    assert "Mx. Pat O'Neil <PM>" in texts and "AT&T <Labs>" in texts and "Dear Mx. <PM>:" in texts
    assert "Analyst <Data & Forecasting>" in joined and "the <b>bold</b> & the &amp; plan" in joined


def test_a_user_template_without_a_closing_is_an_input_error(tmp_path, write):
    template = write("mine.j2", "Subject: Hello\n\nDear {{ salutation }}:\n")
    result = invoke("letters", PANEL, "-o", tmp_path / "out", "--template", template)
    assert result.exit_code == 2
    assert "a letter template gives the salutation, at least one body paragraph and the closing" in result.stderr
    assert not (tmp_path / "out").exists()


# -- more than one page -----------------------------------------------------------------------------


def test_a_long_letter_continues_with_a_header_and_keeps_the_closing_with_text(base):
    out = rendered(str(base / "long"), source=CASES / "letters/long.yaml")
    with pdfplumber.open(out / "acme-robotics/jordan-rivera/letter.pdf") as pdf:
        assert len(pdf.pages) == 2
        first, second = (text_lines(page) for page in pdf.pages)
        width = pdf.pages[1].width
    assert "Page 2" not in [line["text"] for line in first]
    # the header: recipient at the left margin, page number centred, date at the right margin, on one line
    header = second[0]
    assert header["text"] == "Ms. Jordan Rivera Page 2 November 25, 2026"
    assert header["top"] >= 72 - 1
    chars = header["chars"]
    assert chars[0]["x0"] == pytest.approx(72, abs=0.5) and chars[-1]["x1"] == pytest.approx(width - 72, abs=0.5)
    page_word = [char for char in chars if char["text"] in "Page 2" and width / 3 < char["x0"] < 2 * width / 3]
    assert (page_word[0]["x0"] + page_word[-1]["x1"]) / 2 == pytest.approx(width / 2, abs=0.5)
    texts = [line["text"] for line in second]
    closing = texts.index("Sincerely,")
    # at least two lines of the last paragraph come before the closing on its page
    body = texts[1:closing]
    assert len(body) >= 2 and body[-1].endswith(".")
    assert texts[closing + 1 :] == ["Alex Morgan", "alex.morgan@example.com · +1 503 555 0142"]
    # two blank lines between the header and the text
    assert second[1]["top"] - header["bottom"] >= 2 * 14.5 - 1


# -- window envelopes -------------------------------------------------------------------------------


def _band(page, lines):
    """Characters between the letterhead rule and the subject line, except the date: the address and return line."""
    rule = min((line for line in page.lines if line["x0"] < 100 and line["x1"] > 300), key=lambda line: line["top"])
    subject = starting(lines, "Re: ")
    date = find(lines, "November 25, 2026")
    chars = [char for char in page.chars if rule["top"] < char["top"] and char["bottom"] < subject["top"]]
    return [char for char in chars if char["x0"] < page.width / 2 and not date["top"] <= char["top"] <= date["bottom"]]


@pytest.mark.parametrize("window", sorted(ZONES))
def test_every_address_character_lies_in_the_window(base, window):
    out = rendered(str(base / f"window-{window}"), "--window", window)
    top, left, bottom, right = ZONES[window]
    for folder, (name, _) in PANEL_NAMES.items():
        with pdfplumber.open(out / folder / "letter.pdf") as pdf:
            page = pdf.pages[0]
            lines = text_lines(page)
            chars = _band(page, lines)
            text = "".join(char["text"] for char in chars)
            for char in chars:
                assert top <= char["top"] and char["bottom"] <= bottom, (window, folder, char["text"], char["top"], char["bottom"])
                assert left <= char["x0"] and char["x1"] <= right, (window, folder, char["text"], char["x0"], char["x1"])
            # the name and the country line (international mail) are among them; no other text strays into the zone
            assert name.replace(" ", "") in text.replace(" ", "")
            if "jordan" not in folder:
                assert ("UNITED KINGDOM" if "obrien" in folder else "GERMANY" if "lukasz" in folder else "JAPAN") in text
            inside = [char for char in page.chars if top <= char["top"] <= bottom and left <= char["x0"] <= right]
            assert len(inside) == len(chars)
            # USPS and DIN: at least 8 pt
            assert min(char["size"] for char in chars) >= 6 if window.startswith("din") else min(char["size"] for char in chars) >= 8


@pytest.mark.parametrize("window", ["din-a", "din-b"])
def test_din_return_line_sits_in_the_top_of_the_field(base, window):
    out = rendered(str(base / f"window-{window}"), "--window", window)
    top = ZONES[window][0]
    with pdfplumber.open(out / "acme-robotics-gmbh/lukasz-muller-nguyen/letter.pdf") as pdf:
        page = pdf.pages[0]
        lines = text_lines(page)
    returned = starting(lines, "Alex Morgan · 1420 NW Lovejoy St")
    assert top <= returned["top"] and returned["bottom"] <= top + 5 * MM
    # the address proper starts below the 17.7 mm of return line and notes zone, filled from the top
    name = find(lines, "Mr. Łukasz Müller-Nguyễn")
    assert top + 17.7 * MM <= name["top"] <= top + 17.7 * MM + 3 * MM
    # DIN: the date flush right below the field
    date = find(lines, "November 25, 2026")
    assert date["x1"] == pytest.approx(page.width - 25 * MM, abs=0.5) and date["top"] > ZONES[window][2]


@pytest.mark.parametrize("window", sorted(ZONES))
def test_fold_and_punch_marks_at_the_left_edge(base, window):
    out = rendered(str(base / f"window-{window}"), "--window", window)
    with pdfplumber.open(out / "acme-robotics/jordan-rivera/letter.pdf") as pdf:
        lines = pdf.pages[0].lines
    marks = sorted(line["top"] for line in lines if line["x1"] < 15 * MM and abs(line["top"] - line["bottom"]) < 0.1)
    expected = sorted(FOLDS[window] + ([148.5 * MM] if window.startswith("din") else []))
    assert marks == pytest.approx(expected, abs=0.1)


def test_us_window_keeps_the_letter_order(base):
    out = rendered(str(base / "window-us10"), "--window", "us10")
    with pdfplumber.open(out / "acme-robotics/jordan-rivera/letter.pdf") as pdf:
        lines = text_lines(pdf.pages[0])
    tops = [find(lines, text)["top"] for text in ("Alex Morgan", "November 25, 2026", "Ms. Jordan Rivera", "Dear Ms. Rivera:", "Sincerely,")]
    assert tops == sorted(tops)


def test_an_address_too_long_for_the_window_fails_that_letter(tmp_path):
    result = invoke("letters", CASES / "letters/crowded-address.yaml", "-o", tmp_path, "--window", "us10")
    assert result.exit_code == 1
    assert "failed: letters: Jordan Rivera" in result.stderr
    assert "does not fit the us10 window (0.67 in tall) even at 8 pt" in result.stderr
    assert not list(tmp_path.rglob("*.pdf"))
    # the same address fits the taller DIN field
    assert invoke("letters", CASES / "letters/crowded-address.yaml", "-o", tmp_path, "--window", "din-b").exit_code == 0


def test_an_interviewer_without_address_is_skipped_and_the_others_written(tmp_path):
    result = invoke("letters", CASES / "letters/no-address.yaml", "-o", tmp_path, "--date", DATE)
    assert result.exit_code == 1
    assert "failed: letters: Sam Lee (Acme Robotics):" in result.stderr
    assert "no postal address for a letter" in result.stderr
    assert (tmp_path / "acme-robotics/jordan-rivera/letter.pdf").is_file()
    assert not (tmp_path / "acme-robotics/sam-lee").exists()
    with pdfplumber.open(tmp_path / "letters.pdf") as pdf:
        assert len(pdf.pages) == 1


# -- the signature image ----------------------------------------------------------------------------


def _signed_panel(folder: Path, image_name: str) -> Path:
    """The panel example with ``candidate.signature: <image_name>``, in ``folder``."""
    text = PANEL.read_text(encoding="utf-8")
    text = text.replace('  phone: "+1 503 555 0142"\n', f'  phone: "+1 503 555 0142"\n  signature: {image_name}\n', 1)
    path = folder / "panel.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("image_name", ["signature.png", "signature.jpg"])
def test_the_signature_image_is_drawn_between_closing_and_typed_name(tmp_path, image_name):
    from pypdf import PdfReader
    from test_images import signature_image

    signature_image().save(tmp_path / image_name)
    source = _signed_panel(tmp_path, image_name)
    result = invoke("letters", source, "-o", tmp_path / "out", "--date", DATE, "-i", "Jordan Rivera")
    assert result.exit_code == 0, result.output
    pdf_path = tmp_path / "out/acme-robotics/jordan-rivera/letter.pdf"
    with pdfplumber.open(pdf_path) as pdf:
        page = pdf.pages[0]
        lines = text_lines(page)
        (image,) = page.images
    closing, typed = find(lines, "Sincerely,"), find(lines, "Alex Morgan", last=True)
    assert closing["bottom"] <= image["top"] and image["bottom"] <= typed["top"]
    assert image["x0"] == pytest.approx(72, abs=0.5) and image["width"] <= 2.6 * INCH + 0.5
    assert image["height"] >= 30  # it fills the signature space, not a thumbnail
    # the paper around the ink is transparent: the image carries a soft mask
    xobjects = PdfReader(pdf_path).pages[0]["/Resources"]["/XObject"]
    (stream,) = [xobject.get_object() for xobject in xobjects.values()]
    assert "/SMask" in stream


@pytest.mark.parametrize(
    "content, message",
    [
        (b"not an image at all\n", '"signature.png" is not an image: use a PNG or JPEG file'),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, '"signature.png" is not an image: use a PNG or JPEG file'),
        ("huge", 'image "signature.png" is 15,000 x 200 pixels, too large to be a signature'),
    ],
)
def test_a_bad_signature_image_stops_the_run(tmp_path, content, message):
    from test_images import png_header

    path = tmp_path / "signature.png"
    path.write_bytes(png_header(15_000, 200) if content == "huge" else content)
    source = _signed_panel(tmp_path, "signature.png")
    result = invoke("letters", source, "-o", tmp_path / "out")
    assert result.exit_code == 2
    line = PANEL.read_text(encoding="utf-8").splitlines().index('  phone: "+1 503 555 0142"') + 2
    assert result.stderr.startswith(f"error: {source}:{line}: candidate.signature: ")  # the message names the image
    assert message in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists()


def test_a_missing_signature_image_stops_the_run(tmp_path):
    source = _signed_panel(tmp_path, "nowhere.png")
    result = invoke("letters", source, "-o", tmp_path / "out")
    assert result.exit_code == 2 and "candidate.signature" in result.stderr and "image not found" in result.stderr
    assert not (tmp_path / "out").exists()


def test_a_users_own_template_writes_dates_in_the_locales_language(tmp_path, write):
    template = write(
        "brief-de.j2",
        "Subject: Ihr Gespräch am {{ interview.date }}\n\nSehr geehrte{{ 'r' if interviewer.honorific == 'Mr.' else '' }} "
        "{{ interviewer.formal_name }},\n\nvielen Dank für das Gespräch am {{ interview.date }}.\n\nMit freundlichen Grüßen\n",
    )
    result = invoke("letters", PANEL, "-o", tmp_path / "out", "--template", template, "--locale", "de_DE", "--date", DATE,
                    "-i", "Łukasz Müller-Nguyễn", "--window", "din-b")
    assert result.exit_code == 0, result.output
    with pdfplumber.open(tmp_path / "out/letters.pdf") as pdf:
        texts = [line["text"] for line in text_lines(pdf.pages[0])]
    assert "Ihr Gespräch am 24. November 2026" in texts  # DIN 5008: no "Re:" before the subject
    # formal_name speaks German in a German locale ("Herr", not "Mr."); the date line starts with the sender's town
    assert "Sehr geehrter Herr Müller-Nguyễn," in texts and "vielen Dank für das Gespräch am 24. November 2026." in texts
    assert "Mit freundlichen Grüßen" in texts and "Portland, 25. November 2026" in texts


def test_the_command_runs_as_a_process_and_its_help_stays_light(tmp_path):
    import subprocess
    import sys

    from conftest import ROOT, run_followup

    result = run_followup("letters", PANEL, "-o", tmp_path / "out", "--date", DATE, "--window", "din-a", "--locale", "de_DE")
    assert result.returncode == 0, result.stderr
    assert "5 written: " in result.stdout
    probe = "import sys, followup.cli; print(sorted(m for m in sys.modules if m.split('.')[0] in ('reportlab', 'PIL')))"
    loaded = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env={"PYTHONPATH": str(ROOT / "src")}, check=True)
    assert loaded.stdout.strip() == "[]"


def test_a_users_window_layout_is_checked_when_loaded(tmp_path, write):
    layout = write(
        "my-window.toml",
        'kind = "window"\nname = "my-window"\ndescription = "mine"\npaper = "letter"\nenvelope = "us10"\n'
        'folds = ["3.6667in", "7.3333in"]\naddress_left = "6in"\naddress_top = "2.5in"\naddress_width = "3.5in"\naddress_height = "1in"\n',
    )
    result = invoke("letters", PANEL, "-o", tmp_path / "out", "--window", layout)
    assert result.exit_code == 2
    assert result.stderr == f"error: {layout}: the address zone runs off the letter page\n"
    assert not (tmp_path / "out").exists()


def test_overlong_lines_wrap_inside_the_margins(tmp_path, write):
    text = (CASES / "letters/no-address.yaml").read_text(encoding="utf-8")
    long_line = "Building 7, Research Campus North, Attention of the Talent Acquisition Team and the Office of the Chief Data Officer"
    text = text.replace('lines: ["500 Market St"]', f'lines: ["{long_line}"]').replace("  - name: Sam Lee\n", "")
    source = write("long-lines.yaml", text.replace("  name: Alex Morgan\n", "  name: Alex Morgan\n  email: alex.morgan.with.a.very.long.address@example.com\n  phone: \"+1 503 555 0142 extension 1234567\"\n"))
    result = invoke("letters", source, "-o", tmp_path / "out", "--date", DATE)
    assert result.exit_code == 0, result.output
    with pdfplumber.open(tmp_path / "out/letters.pdf") as pdf:
        page = pdf.pages[0]
        assert all(72 - 0.5 <= char["x0"] and char["x1"] <= page.width - 72 + 0.5 for char in page.chars)
        text = " ".join(line["text"] for line in text_lines(page))
    assert long_line in text
