"""`followup preview`: PNGs of PDF pages, trimmed to the TrimBox, read back with Pillow."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from conftest import PANEL


def bleed_pdf(path, pages: int = 2) -> None:
    """A 200 x 300 pt page with 9 pt of red bleed around a white trim area marked with a black square."""
    from reportlab.pdfgen.canvas import Canvas

    canvas = Canvas(str(path), pagesize=(218, 318), invariant=1)
    for _ in range(pages):
        canvas.setTrimBox((9, 9, 209, 309))
        canvas.setFillColorRGB(1, 0, 0)
        canvas.rect(0, 0, 218, 318, stroke=0, fill=1)
        canvas.setFillColorRGB(1, 1, 1)
        canvas.rect(9, 9, 200, 300, stroke=0, fill=1)
        canvas.setFillColorRGB(0, 0, 0)
        canvas.rect(9, 289, 20, 20, stroke=0, fill=1)  # top-left corner of the trimmed piece
        canvas.showPage()
    canvas.save()


def test_pages_are_trimmed_to_the_trimbox_at_the_asked_resolution(cli, tmp_path):
    pdf = tmp_path / "card.pdf"
    bleed_pdf(pdf)
    result = cli("preview", pdf, "--dpi", "144")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines() == [f"wrote {tmp_path / 'card-1.png'}", f"wrote {tmp_path / 'card-2.png'}"]
    for number in (1, 2):
        image = Image.open(tmp_path / f"card-{number}.png").convert("RGB")
        assert image.size == (400, 600)  # 200 x 300 pt at 2 px/pt: the bleed is gone
        reds = [color for _, color in image.getcolors(1 << 20) if color[0] > 200 and color[1] < 80]
        assert not reds
        assert image.getpixel((5, 5)) == (0, 0, 0) and image.getpixel((60, 60)) == (255, 255, 255)


def test_a_page_without_trimbox_is_shown_whole(cli, tmp_path):
    assert cli("call-sheets", PANEL, "-o", tmp_path, "-i", "Jordan Rivera").exit_code == 0
    sheet = tmp_path / "acme-robotics/jordan-rivera/call-sheet.pdf"
    assert cli("preview", sheet).exit_code == 0
    assert Image.open(sheet.with_name("call-sheet-1.png")).size == (850, 1100)  # Letter at 100 dpi


def test_same_pdf_same_png_bytes(tmp_path):
    from followup.preview import previews

    pdf = tmp_path / "card.pdf"
    bleed_pdf(pdf, pages=1)
    first, second = previews(pdf, 50), previews(pdf, 50)
    assert first == second and Image.open(io.BytesIO(first[0][1])).format == "PNG"


@pytest.mark.parametrize(("content", "message"), [(None, "no such file"), (b"not a pdf", "not a PDF that can be read")])
def test_missing_or_broken_pdf_is_an_input_error_and_nothing_is_written(cli, tmp_path, content, message):
    good = tmp_path / "good.pdf"
    bleed_pdf(good, pages=1)
    bad = tmp_path / "bad.pdf"
    if content is not None:
        bad.write_bytes(content)
    result = cli("preview", good, bad)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: {bad}: {message}")
    assert not list(tmp_path.glob("*.png"))


def test_dpi_out_of_range_is_a_usage_error(cli, tmp_path):
    pdf = tmp_path / "card.pdf"
    bleed_pdf(pdf, pages=1)
    result = cli("preview", pdf, "--dpi", "5000")
    assert result.exit_code == 2 and "--dpi 5000 is out of range" in result.stderr
