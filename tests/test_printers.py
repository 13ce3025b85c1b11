"""Printer offsets: saved per printer, applied to every page, and the calibration page that measures them."""

from __future__ import annotations

import tomllib

import pytest

from conftest import PANEL
from mail_pdf import MM, ink, lines, pages


@pytest.fixture
def config(tmp_path, monkeypatch):
    """A private config folder (FOLLOWUP_CONFIG_DIR), so no test touches the user's printers."""
    folder = tmp_path / "config"
    monkeypatch.setenv("FOLLOWUP_CONFIG_DIR", str(folder))
    return folder


def positions(path):
    return [[(c["text"], c["x0"], c["y0"]) for c in ink(page["chars"])] for page in pages(path)]


def test_saved_offsets_round_trip(cli, config):
    result = cli("calibrate", "--printer", "office laser", "--x", "1.5", "--y", "-0.5")
    assert result.exit_code == 0
    assert result.stdout == f"saved 'office laser': x = 1.5 mm, y = -0.5 mm in {config / 'printers.toml'}\n"
    assert tomllib.loads((config / "printers.toml").read_text(encoding="utf-8")) == {"office laser": {"x": 1.5, "y": -0.5}}
    # a second printer, and y alone for the first: x is kept
    cli("calibrate", "--printer", "inkjet", "--x", "-2")
    cli("calibrate", "--printer", "office laser", "--y", "0.25")
    saved = tomllib.loads((config / "printers.toml").read_text(encoding="utf-8"))
    assert saved == {"inkjet": {"x": -2.0, "y": 0.0}, "office laser": {"x": 1.5, "y": 0.25}}


@pytest.mark.parametrize("product", ["envelopes", "labels"])
def test_printer_offsets_move_every_page_by_the_measured_mm(cli, tmp_path, config, product):
    cli("calibrate", "--printer", "desk", "--x", "1.5", "--y", "-0.5")
    plain, moved = tmp_path / "plain", tmp_path / "moved"
    assert cli(product, PANEL, "-o", plain, "-q").exit_code == 0
    assert cli(product, PANEL, "-o", moved, "-q", "--printer", "desk").exit_code == 0
    name = f"{product}.pdf" if product == "envelopes" else "labels.pdf"
    before, after = positions(plain / name), positions(moved / name)
    assert len(before) == len(after) and before
    for page_before, page_after in zip(before, after):
        assert [text for text, *_ in page_before] == [text for text, *_ in page_after]
        for (_, x0, y0), (_, x1, y1) in zip(page_before, page_after):
            assert x1 - x0 == pytest.approx(1.5 * MM, abs=0.01)
            assert y1 - y0 == pytest.approx(-0.5 * MM, abs=0.01)


def test_unknown_printer_is_a_usage_error(cli, tmp_path, config):
    cli("calibrate", "--printer", "desk", "--x", "1")
    result = cli("envelopes", PANEL, "-o", tmp_path / "out", "--printer", "attic")
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: no printer called 'attic' in {config / 'printers.toml'}; saved printers: desk.")
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[desk\nx = 1\n", "not valid TOML"),
        ('[desk]\nx = "1mm"\n', "desk.x: must be a number of millimetres"),
        ("[desk]\nx = 1\nz = 2\n", "desk: unknown key 'z': a printer has only x and y (mm)"),
        ("[desk]\nx = 45\n", "desk.x: 45 mm is more than 20 mm"),
    ],
)
def test_a_broken_printers_file_is_named(cli, tmp_path, config, text, message):
    config.mkdir()
    (config / "printers.toml").write_text(text, encoding="utf-8")
    result = cli("labels", PANEL, "-o", tmp_path / "out", "--printer", "desk")
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: {config / 'printers.toml'}: ")
    assert message in result.stderr


def test_a_new_printer_gets_its_calibration_page_without_offsets(cli, tmp_path, config):
    out = tmp_path / "new.pdf"
    result = cli("calibrate", "--printer", "new inkjet", "-o", out)
    assert result.exit_code == 0
    (page,) = pages(out)
    assert "Letter sheet, printed for 'new inkjet' with x = 0 mm, y = 0 mm" in lines(page["chars"])


def test_offsets_out_of_range_or_without_a_printer(cli, config):
    result = cli("calibrate", "--printer", "desk", "--x", "25")
    assert result.exit_code == 2 and result.stderr.startswith("error: --x: 25 mm is more than 20 mm")
    result = cli("calibrate", "--x", "1")
    assert result.exit_code == 2 and result.stderr == "error: --x and --y are saved for a printer: add --printer NAME\n"
    assert not config.exists()


@pytest.mark.parametrize(("sheet", "size"), [("letter", (612, 792)), ("a4", (210 * MM, 297 * MM))])
def test_calibration_page_scales_sit_on_the_centre_lines(cli, tmp_path, config, sheet, size):
    out = tmp_path / "calibration.pdf"
    result = cli("calibrate", "--sheet", sheet, "-o", out)
    assert result.exit_code == 0 and out.is_file()
    (page,) = pages(out)
    assert page["size"] == pytest.approx(size, abs=0.05)
    text = " ".join(lines(page["chars"]))
    assert "Fold the sheet in half, left edge exactly on the right edge" in text
    assert "followup calibrate --printer NAME --x X --y Y" in text
    assert "this bar is 100 mm long when printed at actual size" in text
    # the fold scales: a tick every mm from -12 to +12 mm around each centre line (a crease reads the offset)
    import pdfplumber

    width, height = size
    with pdfplumber.open(out) as pdf:
        segments = pdf.pages[0].lines
    vertical = [seg for seg in segments if abs(seg["x0"] - seg["x1"]) < 0.01 and seg["bottom"] - seg["top"] < 5 * MM]
    horizontal = [seg for seg in segments if abs(seg["top"] - seg["bottom"]) < 0.01 and seg["x1"] - seg["x0"] < 5 * MM]
    for k in range(-12, 13):
        assert any(abs(seg["x0"] - (width / 2 + k * MM)) < 0.01 for seg in vertical), k
        assert any(abs(height - seg["top"] - (height / 2 + k * MM)) < 0.01 for seg in horizontal), k
    # the rulers along the edges: ticks every mm from each edge, 0 to 30 mm
    for k in range(0, 31):
        assert any(abs(seg["x0"] - k * MM) < 0.01 for seg in vertical), k
        assert any(abs(seg["x0"] - (width - k * MM)) < 0.01 for seg in vertical), k
        assert any(abs(seg["top"] - k * MM) < 0.01 for seg in horizontal), k
        assert any(abs(height - seg["top"] - k * MM) < 0.01 for seg in horizontal), k
    # the 100 mm bar
    assert any(abs(seg["x1"] - seg["x0"] - 100 * MM) < 0.01 for seg in segments)


def test_calibration_page_for_a_printer_is_printed_with_its_offsets(cli, tmp_path, config):
    cli("calibrate", "--printer", "desk", "--x", "2", "--y", "1")
    plain, moved = tmp_path / "plain.pdf", tmp_path / "moved.pdf"
    cli("calibrate", "-o", plain)
    cli("calibrate", "--printer", "desk", "-o", moved)
    (before,), (after,) = pages(plain), pages(moved)
    assert "printed for 'desk' with x = 2 mm, y = 1 mm" in " ".join(lines(after["chars"]))
    # the scales (not the changed status line) move by exactly the offsets
    def ticks(page):
        return sorted((c["x0"], c["y0"]) for c in page["chars"] if c["text"] in "+-" and c["size"] == 8)

    for (x0, y0), (x1, y1) in zip(ticks(before), ticks(after)):
        assert (x1 - x0, y1 - y0) == pytest.approx((2 * MM, 1 * MM), abs=0.01)
    assert ticks(before)


def test_config_dir_follows_the_platform_and_the_override(monkeypatch, tmp_path):
    from followup import printers

    assert printers.config_dir({"FOLLOWUP_CONFIG_DIR": "/x/y"}) == printers.Path("/x/y")
    if printers.sys.platform.startswith("linux"):
        assert printers.config_dir({"XDG_CONFIG_HOME": "/home/u/.cfg"}) == printers.Path("/home/u/.cfg/followup")
        monkeypatch.setenv("HOME", str(tmp_path))
        assert printers.config_dir({}) == tmp_path / ".config" / "followup"
