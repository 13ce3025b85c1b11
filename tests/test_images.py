"""Signature images: trimmed to the ink, paper made transparent, and clear errors for bad files."""

from __future__ import annotations

import io
import struct
import zlib

import pytest
from PIL import Image, ImageDraw

from followup.errors import ImageError
from followup.images import load_signature

INK = (20, 30, 110)


def signature_image(mode: str = "RGB", size=(900, 400), paper=(255, 255, 255)) -> Image.Image:
    """A blue scrawl on (near-)white paper, with 100+ px of paper around it."""
    image = Image.new(mode, size, paper if mode != "L" else 250)
    draw = ImageDraw.Draw(image)
    points = [(150, 260), (220, 130), (280, 300), (400, 150), (520, 270), (640, 140), (720, 240)]
    draw.line(points, fill=INK if mode != "L" else 20, width=9)
    return image


def save(image: Image.Image, path, **options):
    image.save(path, **options)
    return path


def png_header(width: int, height: int) -> bytes:
    """A PNG whose header claims ``width`` x ``height`` pixels (the pixels themselves are never needed)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00" * 16)) + chunk(b"IEND", b"")


def opened(signature) -> Image.Image:
    image = Image.open(io.BytesIO(signature.png))
    image.load()
    return image


@pytest.mark.parametrize("name, options", [("sig.png", {}), ("sig.jpg", {"quality": 80}), ("sig-grey.png", {})])
def test_trimmed_to_the_ink_with_clear_paper(tmp_path, name, options):
    image = signature_image("L" if "grey" in name else "RGB")
    signature = load_signature(save(image, tmp_path / name, **options))
    result = opened(signature)
    assert result.mode == "RGBA" and (result.width, result.height) == (signature.width, signature.height)
    # the scrawl spans about 580 x 180 px; 100+ px of paper around it are gone, a few px of air kept
    assert 580 <= result.width <= 620 and 170 <= result.height <= 200
    alpha = result.getchannel("A")
    assert alpha.getpixel((0, 0)) == 0 and alpha.getpixel((result.width - 1, result.height - 1)) == 0
    assert alpha.getextrema() == (0, 255)  # clear paper, solid ink
    # the ink keeps its colour
    solid = [result.getpixel((x, y)) for x in range(result.width) for y in range(0, result.height, 3) if result.getpixel((x, y))[3] == 255]
    assert solid and all(abs(pixel[0] - (20 if "grey" in name else INK[0])) <= 40 for pixel in solid[:50])


@pytest.mark.parametrize("mode", ["CMYK", "P", "LA", "I;16"])
def test_other_pixel_formats_of_png_and_jpeg(tmp_path, mode):
    image = signature_image()
    if mode == "I;16":  # a 16-bit greyscale scan
        image = Image.frombytes("I;16", image.size, bytes(byte for value in image.convert("L").tobytes() for byte in (value, value)))
    else:
        image = image.convert(mode)
    path = save(image, tmp_path / ("sig.jpg" if mode == "CMYK" else "sig.png"))
    signature = load_signature(path)
    assert 580 <= signature.width <= 620 and 170 <= signature.height <= 200
    assert opened(signature).getchannel("A").getextrema() == (0, 255)


def test_near_white_paper_becomes_transparent(tmp_path):
    signature = load_signature(save(signature_image(paper=(240, 238, 232)), tmp_path / "cream.png"))
    alpha = opened(signature).getchannel("A")
    assert alpha.getpixel((0, 0)) == 0 and alpha.getextrema()[1] == 255


def test_an_already_transparent_png_keeps_its_transparency(tmp_path):
    image = signature_image("RGBA", paper=(255, 255, 255, 0))
    signature = load_signature(save(image, tmp_path / "clear.png"))
    assert opened(signature).getchannel("A").getpixel((0, 0)) == 0


def test_large_scans_are_reduced_and_results_are_repeatable(tmp_path):
    big = signature_image(size=(900, 400)).resize((4500, 2000))
    path = save(big, tmp_path / "scan.png")
    first, second = load_signature(path), load_signature(path)
    assert max(first.width, first.height) == 1200
    assert first.png == second.png
    width, height = first.fit(144, 43.5)
    assert width <= 144 + 1e-9 and height <= 43.5 + 1e-9 and (width == pytest.approx(144) or height == pytest.approx(43.5))
    assert width / height == pytest.approx(first.aspect)


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("notes.png", b"this is a text file, not a picture\n", '"notes.png" is not an image: use a PNG or JPEG file'),
        ("logo.gif", None, 'image "logo.gif" is a GIF file: save the signature as PNG or JPEG'),
        ("cut.png", "truncated", 'image "cut.png" cannot be read ('),
        (
            "huge.png", png_header(12_000, 300),
            'image "huge.png" is 12,000 x 300 pixels, too large to be a signature: '
            "use a PNG or JPEG under 10,000 pixels a side and 40 megapixels",
        ),
        (  # Pillow's own decompression-bomb limit stops it before its size is known
            "bomb.png", png_header(20_000, 20_000),
            'image "bomb.png" is too large to be a signature: use a PNG or JPEG under 10,000 pixels a side and 40 megapixels',
        ),
        ("blank.png", "blank", 'image "blank.png" has no ink on it (it is blank or all white)'),
    ],
)
def test_bad_images_are_clear_errors(tmp_path, name, content, message):
    path = tmp_path / name
    if content is None:
        signature_image().save(path, format="GIF")
    elif content == "truncated":
        data = io.BytesIO()
        signature_image().save(data, format="PNG")
        path.write_bytes(data.getvalue()[:500])
    elif content == "blank":
        Image.new("RGB", (300, 100), "white").save(path)
    else:
        path.write_bytes(content)
    with pytest.raises(ImageError) as caught:
        load_signature(path)
    assert str(caught.value).startswith(f"{path}: ")
    assert message in str(caught.value)


def test_a_missing_image_is_a_clear_error(tmp_path):
    with pytest.raises(ImageError, match=r'image not found \("nowhere.png"\)'):
        load_signature(tmp_path / "nowhere.png")
