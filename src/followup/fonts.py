"""The bundled fonts, what each can draw, and text split into runs of the font that has each character.

ReportLab draws a character missing from a TrueType font as a blank, silently. Here every
text is split into runs: each character goes to the first font of its fallback chain that
has it, and a character no bundled font has is a ``GlyphError`` naming it. Nothing is ever
drawn in a font that lacks the glyph.
"""

from __future__ import annotations

import tomllib
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from followup.errors import GlyphError, UsageError
from followup.resources import data_dir

# after a font of a role, try these (each role's own fonts first keep the look)
FALLBACKS = {
    # a Korean or Japanese word on a card in a pen hand (NanumPen, Yusei Magic), not in type
    "handwriting": (
        "indie-flower", "kalam", "caveat", "dancing-script", "nanum-pen", "yusei-magic", "dejavu-sans", "droid-fallback", "nanum-gothic",
    ),
    "serif": ("serif", "dejavu-sans", "droid-fallback", "nanum-gothic"),
    "sans": ("sans", "dejavu-sans", "droid-fallback", "nanum-gothic"),
    "fallback": ("dejavu-sans", "droid-fallback", "nanum-gothic"),
}
DEFAULT_HANDWRITING = "caveat"
# characters that never need a glyph of their own: they join the run they sit in
_INVISIBLE = {"\u200b", "\u200c", "\u200d", "\u2060", "\n"}


@dataclass(frozen=True)
class FontSpec:
    """One bundled font (or a user's TTF): its key, file, role and licence."""

    key: str
    family: str
    path: Path
    role: str
    description: str
    license: Path | None = None
    covers: tuple[tuple[int, int], ...] | None = None  # the code points it may draw, if not all it maps
    scale: float = 1.0  # drawn at this many times the text's size, to match the hands' visual size


@cache
def font_specs() -> dict[str, FontSpec]:
    """Every bundled font by key, as listed in ``fonts/fonts.toml``."""
    folder = data_dir("fonts")
    manifest = tomllib.loads((folder / "fonts.toml").read_text(encoding="utf-8"))
    return {
        key: FontSpec(
            key=key,
            family=entry["family"],
            path=folder / entry["file"],
            role=entry["role"],
            description=entry["description"],
            license=folder / entry["license"],
            covers=_ranges(entry["covers"]) if "covers" in entry else None,
            scale=float(entry.get("scale", 1.0)),
        )
        for key, entry in manifest.items()
    }


def _ranges(spans: list[str]) -> tuple[tuple[int, int], ...]:
    """["0020-007E", "AC00"] as ((0x20, 0x7E), (0xAC00, 0xAC00))."""
    return tuple((int(span.partition("-")[0], 16), int(span.partition("-")[2] or span.partition("-")[0], 16)) for span in spans)


@cache
def font_spec(key_or_path: str, role: str | None = None) -> FontSpec:
    """The bundled font ``key``, or a user's .ttf file (treated as ``role``)."""
    specs = font_specs()
    if key_or_path in specs:
        return specs[key_or_path]
    path = Path(key_or_path)
    if path.suffix.lower() in (".ttf", ".otf") or "/" in key_or_path:
        if not path.is_file():
            raise UsageError(f"font file {key_or_path!r} does not exist")
        if path.suffix.lower() != ".ttf":
            raise UsageError(f"font file {key_or_path!r}: only TrueType (.ttf) fonts can be embedded")
        return FontSpec(key=f"user-{path.stem}", family=path.stem, path=path.resolve(), role=role or "handwriting", description="your font")
    choices = ", ".join(key for key, spec in specs.items() if role is None or spec.role == role)
    raise UsageError(f"no font called {key_or_path!r}; choose one of: {choices}, or give a path to a .ttf file")


@cache
def _ttfont(key_or_path: str):
    """The ReportLab TTFont, registered under the font's key (parsed once per process)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFError, TTFont

    spec = font_spec(key_or_path)
    try:
        font = TTFont(spec.key, str(spec.path))
    except (TTFError, OSError, ValueError) as error:
        raise UsageError(f"font {spec.path} cannot be used: {error}") from error
    pdfmetrics.registerFont(font)
    return font


def register(key_or_path: str) -> str:
    """Register the font with ReportLab and return the name to ``setFont`` with."""
    return _ttfont(key_or_path).fontName


def has_glyph(key_or_path: str, char: str) -> bool:
    """Does the font draw ``char``? Its cmap maps the code point to a glyph with an outline (a blank
    glyph only for a space or a format character), within the code points it ``covers``.

    The coverage is checked first, so a font is not parsed for a character it is not meant to draw.
    """
    if not _may_draw(key_or_path, char):
        return False
    code = ord(char)
    face = _ttfont(key_or_path).face
    glyph = face.charToGlyph.get(code)
    if glyph is None:
        return False
    return face.glyphPos[glyph + 1] > face.glyphPos[glyph] or unicodedata.category(char) in ("Zs", "Cf", "Cc")


def _may_draw(key_or_path: str, char: str) -> bool:
    """Is ``char`` among the code points the font covers (all, for most fonts)?"""
    covers = font_spec(key_or_path).covers
    return covers is None or any(low <= ord(char) <= high for low, high in covers)


def scale(name: str) -> float:
    """How many times the text's size the registered font ``name`` is drawn at (1 but for a stand-in
    whose glyphs are small for their em)."""
    spec = font_specs().get(name)
    return spec.scale if spec is not None else 1.0


def chain(key_or_path: str) -> tuple[str, ...]:
    """The font, then the fonts that stand in for characters it lacks."""
    spec = font_spec(key_or_path)
    rest = FALLBACKS.get(spec.role, FALLBACKS["fallback"])
    return (key_or_path, *(key for key in rest if key != spec.key))


@lru_cache(maxsize=1 << 16)
def _font_for(char: str, key_or_path: str) -> str | None:
    """The first font of ``key_or_path``'s chain that draws ``char`` (remembered: texts repeat their letters)."""
    return next((key for key in chain(key_or_path) if has_glyph(key, char)), None)


def runs(text: str, key_or_path: str, *, field: str | None = None) -> list[tuple[str, str]]:
    """Split ``text`` into (font name, substring) runs so every character has a glyph.

    Raises ``GlyphError`` for a character that no font of the chain has.
    """
    text = unicodedata.normalize("NFC", text)
    fonts = chain(key_or_path)
    result: list[tuple[str, str]] = []
    current: str | None = None
    buffer = ""
    for char in text:
        if char in _INVISIBLE or (unicodedata.combining(char) and current is not None):
            buffer += char
            continue
        if char == " " and current is not None and has_glyph(current, " "):
            buffer += char
            continue
        font = _font_for(char, key_or_path)
        if font is None:
            raise GlyphError(
                f"no bundled font can draw {char!r} (U+{ord(char):04X}, {unicodedata.name(char, 'unnamed')}); "
                f"tried {', '.join(font_spec(key).family for key in fonts if _may_draw(key, char))}: remove or replace the character",
                field=field,
            )
        if font != current and buffer:
            result.append((register(current), buffer))  # type: ignore[arg-type]
            buffer = ""
        current = font
        buffer += char
    if buffer:
        result.append((register(current or key_or_path), buffer))
    return result


def check(text: str, key_or_path: str, *, field: str | None = None) -> None:
    """Raise ``GlyphError`` if some character of ``text`` has no font to draw it."""
    runs(text, key_or_path, field=field)


def width(text: str, key_or_path: str, size: float) -> float:
    """The advance width of ``text`` in points, each run measured in its own font."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return sum(stringWidth(part, font, size * scale(font)) for font, part in runs(text, key_or_path))


def draw(canvas, x: float, y: float, text: str, key_or_path: str, size: float, *, field: str | None = None) -> float:
    """Draw ``text`` at (x, y) on its baseline, switching fonts run by run; returns the width drawn."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    start = x
    for font, part in runs(text, key_or_path, field=field):
        scaled = size * scale(font)
        canvas.setFont(font, scaled)
        canvas.drawString(x, y, part)
        x += stringWidth(part, font, scaled)
    return x - start
