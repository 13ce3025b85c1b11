"""Envelopes, read back from the PDFs the CLI writes: where the address lands, what it says."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from conftest import PANEL, PHONE
from mail_pdf import MM, Rect, char_rect, ink, lines, pages

IN = 72.0
# envelope sizes (landscape, points) and stamp corners, from print-specs.md 1.1, 1.3, 2.1 and the layouts
SIZES = {
    "us10": (9.5 * IN, 4.125 * IN),
    "us9": (8.875 * IN, 3.875 * IN),
    "a1": (5.125 * IN, 3.625 * IN),
    "a2": (5.75 * IN, 4.375 * IN),
    "a6": (6.5 * IN, 4.75 * IN),
    "a7": (7.25 * IN, 5.25 * IN),
    "a9": (8.75 * IN, 5.75 * IN),
    "dl": (220 * MM, 110 * MM),
    "c5": (229 * MM, 162 * MM),
    "c6": (162 * MM, 114 * MM),
}
# what a reader in each country expects, top to bottom, for mail from the US (the candidate is in Portland)
EXPECTED = [
    ["Ms. Jordan Rivera", "Head of Analytics", "Acme Robotics", "500 Market St", "Floor 3", "San Francisco, CA 94105"],
    ["Dr. Siobhán O'Brien", "Director of Data Science, EMEA", "Acme Robotics Ltd", "10 Finsbury Square", "London",
     "EC2A 1AF", "UNITED KINGDOM"],
    ["Mr. Łukasz Müller-Nguyễn", "Leiter Datenplattform", "Acme Robotics GmbH", "Friedrichstraße 123", "10117 Berlin",
     "GERMANY"],
    ["〒100-0005", "東京都千代田区", "丸の内1-1-1", "Acme Robotics KK", "Robotics Program Manager", "田中 優希 様", "JAPAN"],
]
RETURN = ["Alex Morgan", "1420 NW Lovejoy St", "Apt 5", "Portland, OR 97209"]


def delivery(chars):
    """The delivery address: the largest type on the envelope (the return address is 8-9 pt)."""
    largest = max(round(char["size"], 2) for char in chars)
    return [char for char in chars if round(char["size"], 2) == largest]


def sender(chars):
    largest = max(round(char["size"], 2) for char in chars)
    return [char for char in chars if round(char["size"], 2) < largest]


def envelopes(cli, tmp_path, *args, source=PANEL):
    out = tmp_path / "out"
    result = cli("envelopes", source, "-o", out, "-q", *args)
    assert result.exit_code == 0, result.output
    return out, pages(out / "envelopes.pdf")


def test_panel_text_is_each_countrys_address_exactly(cli, tmp_path):
    out, found = envelopes(cli, tmp_path)
    assert len(found) == 4
    for index, (page, expected) in enumerate(zip(found, EXPECTED)):
        assert lines(delivery(page["chars"])) == expected
        # the return address names the candidate's country only when the mail goes abroad (all but Jordan)
        assert lines(sender(page["chars"])) == RETURN + (["UNITED STATES"] if index else [])
    # each interviewer's own file holds their envelope alone
    own = pages(out / "acme-robotics-gmbh" / "lukasz-muller-nguyen" / "envelope.pdf")
    assert len(own) == 1 and lines(delivery(own[0]["chars"])) == EXPECTED[2]


def test_us10_address_inside_the_usps_ocr_read_area(cli, tmp_path):
    _, found = envelopes(cli, tmp_path, "--size", "us10")
    width, height = SIZES["us10"]
    # Pub 28 A1: 1/2 in from left and right, bottom >= 5/8 in, top <= 2-3/4 in above the bottom edge
    ocr = Rect(0.5 * IN, 0.625 * IN, width - 0.5 * IN, 2.75 * IN)
    barcode = Rect(width - 4.75 * IN, 0, width, 0.625 * IN)
    for page in found:
        assert page["size"] == pytest.approx((width, height), abs=0.01)
        address = ink(delivery(page["chars"]))
        assert address
        for char in address:
            assert ocr.contains(char_rect(char)), char["text"]
        for char in ink(page["chars"]):
            assert not barcode.overlaps(char_rect(char)), char["text"]
        # 10-12 pt sans, never a script font
        assert all(10 <= char["size"] <= 12 and "Caveat" not in char["fontname"] for char in address)


@pytest.mark.parametrize("size", sorted(SIZES))
def test_every_size_keeps_the_stamp_corner_clear(cli, tmp_path, size):
    from followup.layouts import load_layout

    layout = load_layout(size, "envelope")
    stamp = Rect(*layout.stamp_box.as_tuple())
    zone = Rect(*layout.read_zone.as_tuple())
    for extra in ((), ("--handwritten", "--postal-style")):
        _, found = envelopes(cli, tmp_path / "-".join(extra or ("plain",)), "--size", size, *extra)
        assert len(found) == 4
        for page in found:
            assert page["size"] == pytest.approx(SIZES[size], abs=0.01)
            assert page["size"][0] > page["size"][1]  # landscape
            for char in ink(page["chars"]):
                assert not stamp.overlaps(char_rect(char)), (size, char["text"])
            for char in ink(delivery(page["chars"])) if not extra else []:
                assert zone.contains(char_rect(char)), (size, char["text"])
            # return address upper left: left half, upper half
            for char in ink(sender(page["chars"])) if not extra else []:
                assert char["x1"] <= page["size"][0] / 2 and char["y0"] >= page["size"][1] / 2


def test_iso_envelope_centres_the_address_in_the_lower_right(cli, tmp_path):
    _, found = envelopes(cli, tmp_path, "--size", "dl")
    width, height = SIZES["dl"]
    for page in found:
        address = ink(delivery(page["chars"]))
        left, right = min(c["x0"] for c in address), max(c["x1"] for c in address)
        bottom, top = min(c["y0"] for c in address), max(c["y1"] for c in address)
        assert left >= width / 2 - 1 and right <= width - 15 * MM
        assert bottom >= 18 * MM and top <= height - 40 * MM
        # centred in the right half of the zone, within a point
        assert (left - width / 2) == pytest.approx(width - 15 * MM - right, abs=1)


def test_default_size_follows_what_it_carries(cli, tmp_path):
    cases = {
        (): "a2",
        ("--for", "letter"): "us10",
        ("--for", "letter", "--paper", "a4"): "dl",
        ("--for", "letter", "--locale", "de_DE"): "dl",
        ("--card-size", "iso-a6"): "c6",
        ("--card-size", "a7-folded"): "a7",
    }
    for index, (args, size) in enumerate(cases.items()):
        _, found = envelopes(cli, tmp_path / str(index), "-i", "Jordan Rivera", *args)
        assert found[0]["size"] == pytest.approx(SIZES[size], abs=0.01), args


def test_postal_style_is_upper_case_without_punctuation(cli, tmp_path):
    _, found = envelopes(cli, tmp_path, "--postal-style", "--size", "us10")
    assert lines(delivery(found[0]["chars"])) == [
        "MS JORDAN RIVERA", "HEAD OF ANALYTICS", "ACME ROBOTICS", "500 MARKET ST", "FLOOR 3", "SAN FRANCISCO CA  94105"
    ]
    assert lines(delivery(found[1]["chars"]))[0] == "DR SIOBHÁN O'BRIEN"  # a name keeps its apostrophe
    assert lines(sender(found[0]["chars"])) == RETURN  # the return address keeps the candidate's spelling


def test_handwritten_return_address_and_sans_delivery(cli, tmp_path):
    _, found = envelopes(cli, tmp_path, "--handwritten", "--font", "kalam", "-i", "Jordan Rivera")
    chars = found[0]["chars"]
    assert lines([c for c in chars if "Kalam" in c["fontname"]]) == RETURN
    assert lines([c for c in chars if "SourceSans3" in c["fontname"]]) == EXPECTED[0]


def test_same_input_same_bytes(cli, tmp_path):
    first, _ = envelopes(cli, tmp_path / "a")
    second, _ = envelopes(cli, tmp_path / "b")
    assert (first / "envelopes.pdf").read_bytes() == (second / "envelopes.pdf").read_bytes()
    person = ("acme-robotics-ltd", "siobhan-obrien", "envelope.pdf")
    assert first.joinpath(*person).read_bytes() == second.joinpath(*person).read_bytes()


def test_fonts_are_embedded(cli, tmp_path):
    out, _ = envelopes(cli, tmp_path)
    report = subprocess.run(["pdffonts", out / "envelopes.pdf"], capture_output=True, text=True, check=True).stdout
    rows = report.splitlines()[2:]
    assert rows and all(" yes " in row for row in rows)
    assert "Helvetica" not in report


def test_missing_address_fails_that_envelope_only(cli, tmp_path, write):
    text = PANEL.read_text(encoding="utf-8")
    start = text.index("  address:\n    lines: [\"500 Market St\"")
    end = text.index("message:")
    source = write("no-office.yaml", text[:start] + "\n" + text[end:])
    out = tmp_path / "out"
    result = cli("envelopes", source, "-o", out, "-q")
    assert result.exit_code == 1
    assert "failed: envelopes: Jordan Rivera (Acme Robotics): " in result.stderr
    assert "no postal address for Jordan Rivera: add interviewers[0].address or interview.address" in result.stderr
    assert len(pages(out / "envelopes.pdf")) == 3
    assert not (out / "acme-robotics").exists()


def test_candidate_without_address_gets_no_return_address(cli, tmp_path, write):
    text = PHONE.read_text(encoding="utf-8")
    start = text.index("  address:\n    lines: [\"88 Commonwealth")
    end = text.index("interview:")
    source = write("no-home.yaml", text[:start] + "\n" + text[end:])
    out = tmp_path / "out"
    result = cli("envelopes", source, "-o", out, "-q")
    assert result.exit_code == 0
    assert "candidate.address is missing, so the envelopes have no return address" in result.stderr
    found = pages(out / "envelopes.pdf")
    # only the delivery address is on the envelope, and it says UNITED STATES: the sender's country is unknown
    assert lines(found[0]["chars"]) == ["Mr. Marcus Webb", "Senior Technical Recruiter", "Northwind Health",
                                        "200 Clarendon St", "Boston, MA 02116", "UNITED STATES"]


def test_address_too_long_is_a_fit_error_naming_the_interviewer(cli, tmp_path, write):
    long_line = "Building " + "Very Long Wing " * 8
    source = write("long.yaml", PHONE.read_text(encoding="utf-8").replace(
        'lines: ["200 Clarendon St"]', f'lines: ["{long_line}", "200 Clarendon St"]'))
    out = tmp_path / "out"
    result = cli("envelopes", source, "-o", out, "-q", "--size", "a1")
    assert result.exit_code == 1
    assert "failed: envelopes: Marcus Webb (Northwind Health): the address of Marcus Webb (6 lines) does not fit the read area of the a1 envelope even at 10 pt" in result.stderr
    assert not (out / "envelopes.pdf").exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--size", "b4"), "error: no envelope layout called 'b4'; choose one of: a1, a2, a6, a7, a9, c5, c6, dl, us10, us9"),
        (("--sheet", "a4"), "error: --sheet places the envelope for --feed: add --feed center, left or right"),
        (("--font", "kalam"), "error: --font sets the handwriting of the return address: add --handwritten"),
        (("--handwritten", "--font", "comic"), "error: no font called 'comic'"),
        (("--size", "avery-5160"), "error: no envelope layout called 'avery-5160'"),
    ],
)
def test_usage_errors_stop_before_writing(cli, tmp_path, args, message):
    out = tmp_path / "out"
    result = cli("envelopes", PANEL, "-o", out, *args)
    assert result.exit_code == 2
    assert result.stderr.startswith(message)
    assert not out.exists()


@pytest.mark.parametrize("feed", ["center", "left", "right"])
def test_feed_places_the_envelope_on_the_sheet_stamp_end_first(cli, tmp_path, feed):
    _, found = envelopes(cli, tmp_path, "--for", "letter", "--feed", feed, "--sheet", "letter", "-i", "Jordan Rivera")
    sheet_w, sheet_h = 8.5 * IN, 11 * IN
    env_w, env_h = SIZES["us10"]
    x0 = {"center": (sheet_w - env_h) / 2, "left": 0.0, "right": sheet_w - env_h}[feed]
    area = Rect(x0, sheet_h - env_w, x0 + env_h, sheet_h)
    page = found[0]
    assert page["size"] == pytest.approx((sheet_w, sheet_h), abs=0.01)
    turned = [c for c in ink(page["chars"]) if not c["upright"]]
    upright = [c for c in ink(page["chars"]) if c["upright"]]
    assert turned and upright  # the envelope turned a quarter, the instructions upright
    for char in turned:
        assert area.contains(char_rect(char)), char["text"]
    for char in upright:
        assert not area.overlaps(char_rect(char)), char["text"]
    # the stamp corner (1.75 x 1.25 in) turned with the envelope: at the upper left of its area, empty
    stamp = Rect(area.x0, area.y1 - 1.75 * IN, area.x0 + 1.25 * IN, area.y1)
    assert not any(stamp.overlaps(char_rect(char)) for char in ink(page["chars"]))
    # the stamp end at the top: the delivery address sits in the envelope's right (upper) part,
    # its top line (the name) nearest the sheet's left, i.e. the envelope's top edge is on the left
    guide = " ".join(lines([c for c in page["chars"] if c["upright"]]))
    assert "Feed direction: the envelope's stamp end goes in first," in guide
    name = [c for c in turned if c["text"] == "J"][0]
    city = [c for c in turned if c["text"] == "F"][0]
    assert name["x0"] < city["x0"]


def test_feed_sheet_too_small_is_a_usage_error(cli, tmp_path, write):
    largest = (Path(__file__).parent.parent / "layouts" / "envelopes" / "a9.toml").read_text(encoding="utf-8")
    custom = write("flat.toml", largest.replace('name = "a9"', 'name = "flat"').replace('"8.75in"', '"11.5in"'))
    result = cli("envelopes", PANEL, "-o", tmp_path / "out", "--size", custom, "--feed", "center", "--sheet", "letter")
    assert result.exit_code == 2
    assert "error: the envelope does not fit on a letter sheet" in result.stderr


def test_byte_identical_across_processes(tmp_path):
    from conftest import run_followup

    outputs = []
    for name in ("one", "two"):
        result = run_followup("render", PANEL, "-o", tmp_path / name, "-q")
        assert result.returncode == 0, result.stderr
        outputs.append(tmp_path / name)
    for file in ("envelopes.pdf", "labels.pdf"):
        assert (outputs[0] / file).read_bytes() == (outputs[1] / file).read_bytes()


@pytest.mark.parametrize("command", ["envelopes", "labels"])
def test_a_character_no_font_draws_stops_the_run_and_names_the_address(cli, tmp_path, write, command):
    text = PANEL.read_text(encoding="utf-8").replace('lines: ["10 Finsbury Square"]', 'lines: ["10 Finsbury Square \\ue000"]')
    source = write("private-use.yaml", text)
    line = text.splitlines().index('      lines: ["10 Finsbury Square \\ue000"]') + 1  # the line holding the character
    result = cli(command, source, "-o", tmp_path / "out")
    assert result.exit_code == 2
    assert result.stderr.startswith(
        f"error: {source}:{line}: interviewers[1].address.lines[0]: no bundled font can draw '\\ue000' (U+E000, unnamed); "
        "tried Source Sans 3, "  # the fonts envelopes and labels are set in
    )
    assert not (tmp_path / "out").exists()


def test_attention_line_heads_the_block_except_in_a_japanese_script_address(cli, tmp_path):
    _, found = envelopes(cli, tmp_path / "plain", "--attn")
    assert lines(delivery(found[0]["chars"]))[:3] == ["Attn: Ms. Jordan Rivera", "Head of Analytics", "Acme Robotics"]
    assert lines(delivery(found[3]["chars"])) == EXPECTED[3]
    _, found = envelopes(cli, tmp_path / "postal", "--attn", "--postal-style", "--size", "us10")
    assert lines(delivery(found[0]["chars"]))[0] == "ATTN MS JORDAN RIVERA"
