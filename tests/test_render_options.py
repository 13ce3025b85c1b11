"""`render` passes each product its own options: card stock, paper, window, label sheet, guides."""

from __future__ import annotations

import subprocess

import pytest
from pypdf import PdfReader

from tests.conftest import PANEL


def _size_in(path, page=0):
    box = PdfReader(path).pages[page].trimbox
    return (round(float(box.width) / 72, 3), round(float(box.height) / 72, 3))


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    from typer.testing import CliRunner

    from followup.cli import app

    out = tmp_path_factory.mktemp("render")
    result = CliRunner().invoke(
        app,
        ["render", str(PANEL), "-o", str(out), "--date", "2026-11-25", "--guide", "--card-size", "a7-folded",
         "--paper", "a4", "--window", "din-b", "--label-sheet", "avery-l7163", "--jobs", "1", "-q"],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.stderr
    return out


def test_cards_and_their_envelopes_follow_the_card_size(rendered):
    assert _size_in(rendered / "cards.pdf") == (10.0, 7.0)  # A7 folded: a 10 x 7 in blank
    assert _size_in(rendered / "envelopes.pdf") == (7.25, 5.25)  # the A7 envelope it goes in
    assert (rendered / "cards-guide.pdf").is_file()
    assert len(list(rendered.glob("*/*/card-guide.pdf"))) == 4


def test_letters_and_labels_follow_paper_and_window(rendered):
    letters = PdfReader(rendered / "letters.pdf")
    assert round(float(letters.pages[0].mediabox.width)) == 595 and round(float(letters.pages[0].mediabox.height)) == 842
    text = subprocess.run(["pdftotext", str(rendered / "letters.pdf"), "-"], capture_output=True, text=True, check=True).stdout
    assert "Alex Morgan · 1420 NW Lovejoy St" in text  # the DIN return line above the window address
    labels = PdfReader(rendered / "labels.pdf")
    assert round(float(labels.pages[0].mediabox.width)) == 595


def test_a_bad_product_option_is_a_usage_error_before_anything_is_written(cli, tmp_path):
    result = cli("render", PANEL, "-o", tmp_path / "out", "--card-size", "nope")
    assert result.exit_code == 2
    assert result.stderr.startswith("error: no card layout called 'nope'; choose one of: a1, a2, a2-folded")
    assert not (tmp_path / "out").exists()


def test_render_proofreads_first_warnings_print_and_never_block(cli, write, tmp_path):
    from tests.test_loading import MINIMAL_YAML

    path = write("a.yaml", MINIMAL_YAML + '    note: "Thank you for the tuor of the lab."\n')
    result = cli("render", path, "-o", tmp_path / "out", "--only", "emails", "--date", "2026-11-25")
    assert result.exit_code == 0, result.stderr
    assert "warning: " in result.stderr and '"tuor"' in result.stderr
    assert (tmp_path / "out").is_dir()
    quiet = cli("render", path, "-o", tmp_path / "out2", "--only", "emails", "--date", "2026-11-25", "--no-check")
    assert quiet.exit_code == 0 and "tuor" not in quiet.stderr
