"""Printers: per-printer offsets kept in a small TOML file, the calibration page that measures them,
and envelopes placed on a sheet the way a printer's envelope feed expects.

Offsets are in millimetres: positive ``x`` moves the print right, positive ``y`` moves it up.
They are measured by folding the calibration page in half: the crease crosses the centre
scales at the offset to enter, sign included.
"""

from __future__ import annotations

import json
import os
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Literal

from followup.errors import InputError, UsageError
from followup.geometry import Box, mm

CONFIG_ENV = "FOLLOWUP_CONFIG_DIR"
LIMIT_MM = 20.0  # a larger offset is a misreading, not a printer
Feed = Literal["center", "left", "right"]


@dataclass(frozen=True)
class Offsets:
    """How far to move everything printed, in mm (x right, y up)."""

    x: float = 0.0
    y: float = 0.0

    @property
    def points(self) -> tuple[float, float]:
        return (mm(self.x), mm(self.y))


def config_dir(environ: dict[str, str] | None = None) -> Path:
    """followup's config folder: $FOLLOWUP_CONFIG_DIR, else the platform's user config folder."""
    env = os.environ if environ is None else environ
    if env.get(CONFIG_ENV):
        return Path(env[CONFIG_ENV])
    if sys.platform == "win32" and env.get("APPDATA"):
        return Path(env["APPDATA"]) / "followup"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support" / "followup"
    base = env.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "followup"


def config_path(environ: dict[str, str] | None = None) -> Path:
    """The printers file: ``<config dir>/printers.toml``."""
    return config_dir(environ) / "printers.toml"


def _check_offset(value: object, where: str, path: Path | None = None) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise InputError(f"must be a number of millimetres, e.g. 1.5", path=path, field=where)
    if abs(value) > LIMIT_MM:
        message = f"{value:g} mm is more than {LIMIT_MM:g} mm: measure again (the fold scales read -10 to 10 mm)"
        if path is None:
            raise UsageError(f"{where}: {message}")
        raise InputError(message, path=path, field=where)
    return float(value)


def load_printers(path: Path | None = None) -> dict[str, Offsets]:
    """Every saved printer and its offsets; an empty dict when the file does not exist yet."""
    path = path or config_path()
    if not path.is_file():
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"cannot read the printers file: {error}", path=path) from error
    except tomllib.TOMLDecodeError as error:
        raise InputError(f"not valid TOML: {error}; fix it or delete it and calibrate again", path=path) from error
    printers = {}
    for name, entry in data.items():
        if not isinstance(entry, dict):
            raise InputError("each printer is a table: [\"name\"] with x = ... and y = ...", path=path, field=name)
        unknown = sorted(set(entry) - {"x", "y"})
        if unknown:
            raise InputError(f"unknown key {unknown[0]!r}: a printer has only x and y (mm)", path=path, field=name)
        printers[name] = Offsets(
            _check_offset(entry.get("x", 0.0), f"{name}.x", path), _check_offset(entry.get("y", 0.0), f"{name}.y", path)
        )
    return printers


def printer(name: str | None, path: Path | None = None) -> Offsets:
    """The offsets of printer ``name`` (none when ``name`` is None); an unknown name is a usage error."""
    if name is None:
        return Offsets()
    path = path or config_path()
    printers = load_printers(path)
    if name not in printers:
        known = f"; saved printers: {', '.join(sorted(printers))}" if printers else ""
        raise UsageError(
            f"no printer called {name!r} in {path}{known}. Measure it: followup calibrate --printer {json.dumps(name)}, "
            f"then save with --x and --y"
        )
    return printers[name]


def save_printer(name: str, offsets: Offsets, path: Path | None = None) -> Path:
    """Save (or replace) the offsets of printer ``name``; returns the file written."""
    from followup.output import atomic_write

    if not name.strip() or "\n" in name:
        raise UsageError("--printer needs a name on one line, e.g. --printer office-laser")
    offsets = Offsets(_check_offset(offsets.x, "--x"), _check_offset(offsets.y, "--y"))
    path = path or config_path()
    printers = {**load_printers(path), name: offsets}
    lines = [
        "# followup printer offsets, in mm: positive x moves the print right, positive y moves it up.",
        "# Measure with `followup calibrate`, save with `followup calibrate --printer NAME --x X --y Y`.",
    ]
    for key in sorted(printers):
        lines += ["", f"[{json.dumps(key, ensure_ascii=False)}]", f"x = {printers[key].x:g}", f"y = {printers[key].y:g}"]
    atomic_write(path, ("\n".join(lines) + "\n").encode("utf-8"))
    return path


def shifted(draw: Callable[[object], None], offsets: Offsets) -> Callable[[object], None]:
    """``draw`` with everything moved by the printer's offsets."""
    if offsets == Offsets():
        return draw

    def moved(canvas) -> None:
        canvas.saveState()
        canvas.translate(*offsets.points)
        draw(canvas)
        canvas.restoreState()

    return moved


# ---- envelopes fed on a sheet ------------------------------------------------------------------

GAP = mm(3)  # between the envelope outline's corner marks and the envelope


@dataclass(frozen=True)
class FeedPlacement:
    """An envelope (width x height, landscape) set portrait on a sheet, stamp end first."""

    sheet: tuple[float, float]
    envelope: tuple[float, float]
    feed: Feed

    @property
    def area(self) -> Box:
        """Where the envelope lies on the sheet (portrait: its long side runs down the sheet)."""
        sheet_w, sheet_h = self.sheet
        env_w, env_h = self.envelope
        x = {"left": 0.0, "center": (sheet_w - env_h) / 2, "right": sheet_w - env_h}[self.feed]
        return Box(x, sheet_h - env_w, env_h, env_w)

    def enter(self, canvas) -> None:
        """Make the envelope's own coordinates current: its right (stamp) end at the sheet's top edge."""
        area = self.area
        canvas.translate(area.right, area.y)
        canvas.rotate(90)


def placement(sheet_name: str, envelope_size: tuple[float, float], feed: Feed) -> FeedPlacement:
    """The placement of an envelope on ``sheet_name``; a usage error if it does not fit."""
    from followup.layouts import load_layout

    sheet = load_layout(sheet_name, kind="paper")
    env_w, env_h = envelope_size
    if env_h > sheet.width + 0.01 or env_w > sheet.height + 0.01:
        raise UsageError(f"the envelope does not fit on a {sheet.name} sheet: print it on its own size (drop --feed)")
    return FeedPlacement(sheet.page_size, envelope_size, feed)


def draw_feed_guide(canvas, place: FeedPlacement) -> None:
    """Corner marks just outside the envelope, and beside it a diagram of how to insert it."""
    from followup import fonts

    area = place.area
    sheet_w, _ = place.sheet
    canvas.saveState()
    canvas.setStrokeGray(0.5)
    canvas.setFillGray(0.3)
    canvas.setLineWidth(0.5)
    tick = mm(4)
    for cx, dx in ((area.x, -1), (area.right, 1)):
        if 0 <= cx + dx * (GAP + tick) <= sheet_w:
            canvas.line(cx + dx * GAP, area.y, cx + dx * (GAP + tick), area.y)
        canvas.line(cx, area.y - GAP, cx, area.y - GAP - tick)
    # the diagram goes in the wider strip beside the envelope (or below it if neither is wide enough)
    margin = mm(8)
    strips = [Box(margin, area.y, area.x - 2 * margin, area.height - margin),
              Box(area.right + margin, area.y, sheet_w - area.right - 2 * margin, area.height - margin)]
    strip = max(strips, key=lambda box: box.width)
    if strip.width < mm(35):
        strip = Box(margin, margin, sheet_w - 2 * margin, area.y - GAP - tick - 2 * margin)
    text = [
        "Feed direction: the envelope's stamp end goes in first,",
        "its face (the address side) the side your printer prints on,",
        {"center": "centred between the paper guides.", "left": "against the left paper guide.",
         "right": "against the right paper guide."}[place.feed],
        "Print a plain sheet first and hold it to the envelope to check.",
    ]
    size = 8.0
    words = " ".join(text).split()
    lines, line = [], ""
    for word in words:
        trial = f"{line} {word}".strip()
        if fonts.width(trial, "sans", size) > strip.width and line:
            lines.append(line)
            line = word
        else:
            line = trial
    lines.append(line)
    # a small envelope in the same orientation, its stamp corner filled, and an arrow: feed this way
    scale = min(0.2, (strip.height - len(lines) * 10.5 - mm(20)) / area.height, (strip.width - mm(10)) / area.width)
    icon = Box(strip.x, strip.top - area.height * scale, area.width * scale, area.height * scale)
    canvas.setLineWidth(0.8)
    canvas.rect(icon.x, icon.y, icon.width, icon.height)
    stamp = min(mm(4), icon.width / 3)
    # turned a quarter anticlockwise, the stamp corner (upper right of the face) is at the upper left
    canvas.rect(icon.x + mm(1), icon.top - stamp - mm(1), stamp, stamp, fill=1)
    arrow_x = icon.right + mm(5)
    canvas.line(arrow_x, icon.y, arrow_x, icon.top)
    head = canvas.beginPath()
    head.moveTo(arrow_x - mm(1.8), icon.top - mm(3))
    head.lineTo(arrow_x, icon.top)
    head.lineTo(arrow_x + mm(1.8), icon.top - mm(3))
    canvas.drawPath(head, stroke=1, fill=0)
    y = icon.y - mm(5)
    for line in lines:
        fonts.draw(canvas, strip.x, y, line, "sans", size)
        y -= 10.5
    canvas.restoreState()


# ---- the calibration page ----------------------------------------------------------------------

def calibration_page(sheet_name: str, offsets: Offsets = Offsets(), printer_name: str | None = None) -> bytes:
    """A page with mm rulers along its edges, fold scales through its centre and instructions."""
    from followup.layouts import load_layout
    from followup.pdf import render_pdf

    sheet = load_layout(sheet_name, kind="paper")
    width, height = sheet.page_size

    def draw(canvas) -> None:
        _rulers(canvas, width, height)
        _fold_scales(canvas, width, height)
        _scale_bar(canvas, width / 2 - mm(50), height * 0.28)
        _instructions(canvas, width, height, sheet.name, offsets, printer_name)

    return render_pdf(shifted(draw, offsets), pagesize=(width, height), title="followup printer calibration", author="followup")


def _label(canvas, x: float, y: float, text: str, size: float = 6.5, anchor: str = "middle") -> None:
    from followup import fonts

    shift = {"start": 0.0, "middle": fonts.width(text, "sans", size) / 2, "end": fonts.width(text, "sans", size)}[anchor]
    fonts.draw(canvas, x - shift, y, text, "sans", size)


def _rulers(canvas, width: float, height: float) -> None:
    """Scales running in from the middle of each edge, ticks every mm from the edge, labels every 5."""
    canvas.setLineWidth(0.35)
    length = 30
    for k in range(0, length + 1):
        long = mm(4 if k % 5 == 0 else 2)
        d = mm(k)
        canvas.line(d, height / 2 + mm(20), d, height / 2 + mm(20) + long)  # left edge
        canvas.line(width - d, height / 2 + mm(20), width - d, height / 2 + mm(20) + long)  # right edge
        canvas.line(width / 2 + mm(20), d, width / 2 + mm(20) + long, d)  # bottom edge
        canvas.line(width / 2 + mm(20), height - d, width / 2 + mm(20) + long, height - d)  # top edge
        if k % 5 == 0 and k:
            _label(canvas, d, height / 2 + mm(25), str(k))
            _label(canvas, width - d, height / 2 + mm(25), str(k))
            _label(canvas, width / 2 + mm(25), d - 2.2, str(k), anchor="start")
            _label(canvas, width / 2 + mm(25), height - d - 2.2, str(k), anchor="start")
    _label(canvas, mm(16), height / 2 + mm(30), "mm from the left edge", anchor="middle")
    _label(canvas, width - mm(16), height / 2 + mm(30), "mm from the right edge", anchor="middle")
    _label(canvas, width / 2 + mm(31), mm(31) - 2.2, "mm from the bottom edge", anchor="start")
    _label(canvas, width / 2 + mm(31), height - mm(31) - 2.2, "mm from the top edge", anchor="start")


def _fold_scales(canvas, width: float, height: float) -> None:
    """Scales from -12 to +12 mm across the page's centre lines: a crease crosses them at the offset.

    The crease of the left-on-right fold runs down the whole page, so the x scale sits where it is
    easy to read (below the instructions); likewise the y scale on the left half.
    """
    span = 12
    canvas.setLineWidth(0.4)
    cx, x_row = width / 2, height * 0.56  # the x scale: horizontal, centred on the vertical centre line
    y_col, cy = width * 0.2, height / 2  # the y scale: vertical, centred on the horizontal centre line
    canvas.line(cx - mm(span), x_row, cx + mm(span), x_row)
    canvas.line(y_col, cy - mm(span), y_col, cy + mm(span))
    for k in range(-span, span + 1):
        long = mm(4 if k % 5 == 0 else 2.2)
        canvas.line(cx + mm(k), x_row, cx + mm(k), x_row - long)
        canvas.line(y_col, cy + mm(k), y_col + long, cy + mm(k))
        if k % 5 == 0:
            label = f"{k:+d}" if k else "0"
            _label(canvas, cx + mm(k), x_row - mm(7.5), label, size=8)
            _label(canvas, y_col + mm(6), cy + mm(k) - 2.8, label, size=8, anchor="start")
    _label(canvas, cx, x_row + mm(4), "x scale: fold left edge onto right edge", size=8.5)
    _label(canvas, y_col - mm(3), cy - mm(span + 7), "y scale: fold top edge onto bottom edge", size=8.5, anchor="start")


def _scale_bar(canvas, x: float, y: float) -> None:
    """A 100 mm bar: if it does not measure 100 mm, the printer scaled the page."""
    canvas.setLineWidth(0.6)
    canvas.line(x, y, x + mm(100), y)
    for k in range(0, 101, 10):
        canvas.line(x + mm(k), y, x + mm(k), y + mm(3 if k % 50 == 0 else 1.8))
    _label(canvas, x + mm(50), y - mm(4.5), "this bar is 100 mm long when printed at actual size", size=8)


def _instructions(canvas, width: float, height: float, sheet: str, offsets: Offsets, printer_name: str | None) -> None:
    from followup import fonts

    left, y = mm(40), height - mm(40)
    fonts.draw(canvas, left, y, "Printer calibration", "sans-semibold", 16)
    y -= 20
    done = f"printed for {printer_name!r} with x = {offsets.x:g} mm, y = {offsets.y:g} mm" if printer_name else "printed with no offsets"
    fonts.draw(canvas, left, y, f"{sheet.upper() if len(sheet) == 2 else sheet.title()} sheet, {done}", "sans", 9.5)
    y -= 22
    steps = [
        "1. Print this page at actual size (100 %, no \u201cfit to page\u201d). The bar below should measure 100 mm.",
        "2. Fold the sheet in half, left edge exactly on the right edge; crease it, unfold.",
        "    Where the crease crosses the x scale is x (e.g. -1.5; 0 when the printer is exact).",
        "3. Fold it top edge on bottom edge: where that crease crosses the y scale is y.",
        "4. Save them: followup calibrate --printer NAME --x X --y Y",
        "    (if this page was printed with offsets, add your readings to them).",
        "5. Use them: followup envelopes ... --printer NAME (and labels). Printed again with",
        "    --printer NAME, this page's creases cross both scales at 0.",
        "The scales at the middle of each edge show how close to the edge your printer prints:",
        "the first tick you see is its unprintable margin, and the 10 mm tick should lie 10 mm in.",
    ]
    for step in steps:
        fonts.draw(canvas, left, y, step, "sans", 9.5)
        y -= 13.5
