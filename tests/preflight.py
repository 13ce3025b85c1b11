"""Print-shop checks of a PDF, read with tools that are not followup's own code.

qpdf checks the file's structure, poppler's pdffonts the fonts, pdfinfo the page boxes,
pdftotext the text a reader copies out, and pdfplumber the place of every character.
Layouts are read here from the TOML files themselves, with this module's own unit
conversion, so a wrong number in followup's code cannot make its own test pass.
Every check returns a list of problems (empty when the file passes) so a test can show
them all at once.
"""

from __future__ import annotations

import re
import subprocess
import tomllib
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

# points per unit; lengths in layouts/ are strings such as "5.5in", "3mm", "11pt"
UNITS = {"in": 72.0, "mm": 72 / 25.4, "cm": 72 / 2.54, "pt": 1.0}
# how far (pt) a measurement may differ: PDF boxes are written with 2 decimals, mm rounding
TOLERANCE = 0.05
# a character's box may overshoot a limit by this much (pt): less than 0.2 mm on paper
CHAR_TOLERANCE = 0.5
# what a home printer can reach: 0.25 in from each edge is "a safe bet" (print-specs.md 5.3)
PRINTER_MARGIN = 0.25 * 72


def length(text: str | float | int) -> float:
    """A layout length ("0.125in", "3mm", "11pt", or a bare number of points) in points."""
    if isinstance(text, (int, float)):
        return float(text)
    match = re.fullmatch(r"\s*(-?[0-9.]+)\s*(in|mm|cm|pt)\s*", text)
    if not match:
        raise ValueError(f"not a length: {text!r}")
    return float(match[1]) * UNITS[match[2]]


@dataclass(frozen=True)
class Rect:
    """A rectangle in PDF coordinates (origin bottom left)."""

    x0: float
    y0: float
    x1: float
    y1: float

    def inset(self, by: float) -> "Rect":
        return Rect(self.x0 + by, self.y0 + by, self.x1 - by, self.y1 - by)

    def grow(self, by: float) -> "Rect":
        return self.inset(-by)

    def contains(self, other: "Rect", tolerance: float = CHAR_TOLERANCE) -> bool:
        return (
            other.x0 >= self.x0 - tolerance
            and other.y0 >= self.y0 - tolerance
            and other.x1 <= self.x1 + tolerance
            and other.y1 <= self.y1 + tolerance
        )

    def has_point(self, x: float, y: float) -> bool:
        return self.x0 <= x <= self.x1 and self.y0 <= y <= self.y1

    def overlaps(self, other: "Rect", tolerance: float = CHAR_TOLERANCE) -> bool:
        return (
            other.x1 > self.x0 + tolerance
            and other.x0 < self.x1 - tolerance
            and other.y1 > self.y0 + tolerance
            and other.y0 < self.y1 - tolerance
        )

    def close_to(self, other: "Rect", tolerance: float = TOLERANCE) -> bool:
        return all(abs(a - b) <= tolerance for a, b in zip(self.astuple(), other.astuple()))

    def astuple(self) -> tuple[float, float, float, float]:
        return (self.x0, self.y0, self.x1, self.y1)

    def __str__(self) -> str:
        return "[" + " ".join(f"{value:.2f}" for value in self.astuple()) + "]"


# ---------------------------------------------------------------------------------------------
# layouts, read from the TOML files


def layout_names(layouts: Path, folder: str) -> list[str]:
    """The layouts of one kind (a folder of layouts/), by name."""
    return sorted(path.stem for path in (layouts / folder).glob("*.toml"))


def read_layout(layouts: Path, folder: str, name: str) -> dict:
    """One layout file as a dict, with every length converted to points."""
    data = tomllib.loads((layouts / folder / f"{name}.toml").read_text(encoding="utf-8"))
    result = {}
    for key, value in data.items():
        if isinstance(value, str) and re.fullmatch(r"\s*-?[0-9.]+\s*(in|mm|cm|pt)\s*", value):
            result[key] = length(value)
        elif isinstance(value, list) and value and all(isinstance(item, str) for item in value) and key == "folds":
            result[key] = [length(item) for item in value]
        else:
            result[key] = value
    return result


@dataclass(frozen=True)
class Expected:
    """What the pages of one output must look like, from its layout file.

    ``trim``: the finished page; ``media``: the page as written (trim plus bleed);
    ``areas``: where characters may be, each a (zone, safe area) pair: a character whose
    centre lies in the zone must lie inside that zone's safe area; a character in no zone
    is out of bounds; ``first_page`` areas come before them on page 1 only (a letter's window).
    ``forbidden``: areas no character may touch (an envelope's stamp corner, barcode clear zone).
    """

    media: Rect
    trim: Rect
    bleed: Rect
    areas: tuple[tuple[Rect, Rect], ...]
    forbidden: tuple[tuple[str, Rect], ...] = ()
    message_panel: Rect | None = None
    first_page: tuple[tuple[Rect, Rect], ...] = ()


def card(layouts: Path, name: str) -> Expected:
    """A card printed on its own flat blank: page = blank + bleed on every side."""
    spec = read_layout(layouts, "cards", name)
    width, height, bleed, safe = spec["width"], spec["height"], spec.get("bleed", 0.0), spec["safe"]
    fold = spec["fold"]
    flat_w, flat_h = {"side": (2 * width, height), "top": (width, 2 * height)}.get(fold, (width, height))
    media = Rect(0, 0, flat_w + 2 * bleed, flat_h + 2 * bleed)
    trim = media.inset(bleed)
    if fold == "side":  # left and right panels; the message goes on the inside right
        panels = [Rect(trim.x0, trim.y0, trim.x0 + width, trim.y1), Rect(trim.x0 + width, trim.y0, trim.x1, trim.y1)]
        message = panels[1]
    elif fold == "top":  # upper and lower panels; the message goes on the inside lower
        panels = [Rect(trim.x0, trim.y0 + height, trim.x1, trim.y1), Rect(trim.x0, trim.y0, trim.x1, trim.y0 + height)]
        message = panels[1]
    else:
        panels = [trim]
        message = trim
    return Expected(media=media, trim=trim, bleed=media, areas=tuple((panel, panel.inset(safe)) for panel in panels), message_panel=message)


def envelope(layouts: Path, name: str) -> Expected:
    """An envelope, landscape, printed at its own size; the stamp corner kept clear."""
    spec = read_layout(layouts, "envelopes", name)
    page = Rect(0, 0, spec["width"], spec["height"])
    forbidden = [("stamp corner", Rect(page.x1 - spec["stamp_width"], page.y1 - spec["stamp_height"], page.x1, page.y1))]
    if "clear_width" in spec and "clear_height" in spec:  # USPS barcode clear zone, bottom right
        forbidden.append(("barcode clear zone", Rect(page.x1 - spec["clear_width"], 0, page.x1, spec["clear_height"])))
    return Expected(media=page, trim=page, bleed=page, areas=((page, page.inset(spec["margin"])),), forbidden=tuple(forbidden))


def paper(layouts: Path, name: str) -> Rect:
    spec = read_layout(layouts, "paper", name)
    return Rect(0, 0, spec["width"], spec["height"])


def paper_margin(layouts: Path, name: str) -> float:
    return read_layout(layouts, "paper", name)["margin"]


def label_sheet(layouts: Path, name: str) -> Expected:
    """A sheet of labels: every character inside the safe area of the label it is on."""
    spec = read_layout(layouts, "labels", name)
    page = paper(layouts, spec["paper"])
    areas = []
    for row in range(spec["rows"]):
        for column in range(spec["columns"]):
            x0 = spec["left"] + column * spec["pitch_x"]
            y1 = page.y1 - spec["top"] - row * spec["pitch_y"]
            label = Rect(x0, y1 - spec["label_height"], x0 + spec["label_width"], y1)
            areas.append((label, label.inset(spec["safe"])))
    return Expected(media=page, trim=page, bleed=page, areas=tuple(areas))


def window_zone(layouts: Path, name: str) -> tuple[str, Rect]:
    """(paper name, the always-visible address zone) of a window standard, in PDF coordinates."""
    spec = read_layout(layouts, "windows", name)
    page = paper(layouts, spec["paper"])
    top = page.y1 - spec["address_top"]
    zone = Rect(spec["address_left"], top - spec["address_height"], spec["address_left"] + spec["address_width"], top)
    return spec["paper"], zone


def printable(layouts: Path, paper_name: str) -> Expected:
    """A working page with no layout of its own (a call sheet): text where a printer reaches."""
    page = paper(layouts, paper_name)
    return Expected(media=page, trim=page, bleed=page, areas=((page, page.inset(PRINTER_MARGIN)),))


def letter(layouts: Path, paper_name: str, windows: tuple[str, ...] = ()) -> Expected:
    """A letter: text inside the paper's side and bottom margins; above the text, a letterhead
    may use the top margin up to what a printer reaches; on page 1, the recipient's address
    inside the window's always-visible zone."""
    page = paper(layouts, paper_name)
    margin = paper_margin(layouts, paper_name)
    area = Rect(margin, margin, page.x1 - margin, page.y1 - PRINTER_MARGIN)
    zones = tuple((zone, zone) for zone in (window_zone(layouts, name)[1] for name in windows))
    return Expected(media=page, trim=page, bleed=page, areas=((page, area),), first_page=zones)


# ---------------------------------------------------------------------------------------------
# checks with independent readers


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(args, capture_output=True, text=True, timeout=120)


@cache
def qpdf_problems(path: Path) -> tuple[str, ...]:
    """What ``qpdf --check`` finds: its warnings and errors, or a non-zero exit (2 errors, 3 warnings)."""
    done = _run("qpdf", "--check", str(path))
    problems = [line for line in done.stdout.splitlines() if "WARNING" in line.upper()]
    problems += [line for line in done.stderr.splitlines() if line.strip()]
    if done.returncode != 0 and not problems:
        problems.append(f"qpdf --check exited {done.returncode}")
    return tuple(problems)


@dataclass(frozen=True)
class Font:
    name: str
    type: str
    embedded: bool
    subset: bool


@cache
def fonts(path: Path) -> tuple[Font, ...]:
    """The fonts pdffonts lists: a name (a PDF name has no spaces), a type of one or more words,
    an encoding, then emb, sub, uni, object and generation. Read by words from both ends, not
    by the header's columns, which a long font name overflows."""
    done = _run("pdffonts", str(path))
    if done.returncode != 0:
        raise AssertionError(f"pdffonts failed on {path}: {done.stderr.strip()}")
    result = []
    for line in done.stdout.splitlines()[2:]:
        words = line.split()
        if len(words) < 8:
            raise AssertionError(f"pdffonts printed a line this parser does not know: {line!r}")
        result.append(Font(name=words[0], type=" ".join(words[1:-6]), embedded=words[-5] == "yes", subset=words[-4] == "yes"))
    return tuple(result)


def font_problems(path: Path) -> list[str]:
    """Every font embedded and subset (ABCDEF+Name), none Type 3, none an unembedded standard font."""
    found = fonts(path)
    problems = []
    if not found and text(path):
        problems.append("text but no fonts listed")
    for font in found:
        if not font.embedded:
            problems.append(f"font {font.name!r} ({font.type}) is not embedded")
        if not font.subset or not re.match(r"^[A-Z]{6}\+", font.name):
            problems.append(f"font {font.name!r} is not a subset")
        if font.type.startswith("Type 3"):
            problems.append(f"font {font.name!r} is a Type 3 font")
    return problems


@cache
def page_boxes(path: Path) -> list[dict[str, Rect]]:
    """Each page's MediaBox, CropBox, BleedBox, TrimBox and ArtBox as ``pdfinfo -box`` reports them."""
    done = _run("pdfinfo", "-box", "-f", "1", "-l", "100000", str(path))
    if done.returncode != 0:
        raise AssertionError(f"pdfinfo failed on {path}: {done.stderr.strip()}")
    pages: dict[int, dict[str, Rect]] = {}
    for match in re.finditer(r"^Page\s+(\d+)\s+(\w+Box):\s+(\S+)\s+(\S+)\s+(\S+)\s+(\S+)", done.stdout, re.M):
        pages.setdefault(int(match[1]), {})[match[2]] = Rect(*(float(match[i]) for i in range(3, 7)))
    return [pages[number] for number in sorted(pages)]


def box_problems(path: Path, expected: Expected) -> list[str]:
    """Page size = trim (+ bleed), TrimBox and BleedBox where the layout puts them."""
    problems = []
    boxes = page_boxes(path)
    if not boxes:
        return ["no pages"]
    for number, page in enumerate(boxes, 1):
        for box, want in (("MediaBox", expected.media), ("TrimBox", expected.trim), ("BleedBox", expected.bleed)):
            got = page.get(box)
            if got is None or not got.close_to(want):
                problems.append(f"page {number}: {box} {got} but the layout says {want}")
    return problems


def normalise(text: str) -> str:
    """NFC, and every run of white space as one space: how a reader compares copied text."""
    return " ".join(unicodedata.normalize("NFC", text).split())


@cache
def text(path: Path) -> str:
    """The text pdftotext extracts (UTF-8), normalised."""
    done = _run("pdftotext", "-enc", "UTF-8", str(path), "-")
    if done.returncode != 0:
        raise AssertionError(f"pdftotext failed on {path}: {done.stderr.strip()}")
    return normalise(done.stdout)


def missing_strings(path: Path, wanted: list[str]) -> list[str]:
    """The strings (names, address lines) that do not appear exactly in the extracted text."""
    extracted = text(path)
    return [string for string in wanted if normalise(string) not in extracted]


@dataclass(frozen=True)
class Char:
    text: str
    page: int
    box: Rect

    def __str__(self) -> str:
        return f"page {self.page}: {self.text!r} at {self.box}"


_CHARS: dict[Path, tuple[Char, ...]] = {}


def chars(path: Path) -> tuple[Char, ...]:
    """Every character pdfplumber finds, with its box in PDF coordinates (origin bottom left)."""
    if path not in _CHARS:
        _CHARS[path] = read_chars(path)
    return _CHARS[path]


def preload(paths: list[Path], executor) -> None:
    """Read the files with every tool ahead of the checks: pdfplumber in ``executor``'s
    processes (it is pure Python), the poppler and qpdf tools in this thread."""
    missing = [path for path in paths if path not in _CHARS]
    read = executor.map(read_chars, missing) if missing else []
    for path in paths:
        qpdf_problems(path), fonts(path), page_boxes(path), text(path)
    for path, found in zip(missing, read):
        _CHARS[path] = found


def read_chars(path: Path) -> tuple[Char, ...]:
    import pdfplumber

    result = []
    with pdfplumber.open(path) as pdf:
        for number, page in enumerate(pdf.pages, 1):
            for char in page.chars:
                if not char["text"].strip():
                    continue
                result.append(Char(char["text"], number, Rect(char["x0"], char["y0"], char["x1"], char["y1"])))
    return tuple(result)


def placement_problems(path: Path, expected: Expected, limit: int = 8) -> list[str]:
    """Characters outside the safe area of their panel/label/zone, or in a forbidden area."""
    problems = []
    for char in chars(path):
        cx, cy = (char.box.x0 + char.box.x1) / 2, (char.box.y0 + char.box.y1) / 2
        areas = expected.first_page + expected.areas if char.page == 1 else expected.areas
        zone = next(((area, safe) for area, safe in areas if area.has_point(cx, cy)), None)
        if zone is None:
            problems.append(f"{char} lies in no panel/label/zone of the layout")
        elif not zone[1].contains(char.box):
            problems.append(f"{char} outside the safe area {zone[1]}")
        for what, area in expected.forbidden:
            if area.overlaps(char.box):
                problems.append(f"{char} in the {what} {area}")
    if len(problems) > limit:
        problems = problems[:limit] + [f"... and {len(problems) - limit} more"]
    return problems


def _lines(page_chars: list[Char]) -> list[list[Char]]:
    """Characters grouped into lines: a new line where the baseline moves by a third of the size."""
    lines: list[list[Char]] = []
    for char in sorted(page_chars, key=lambda c: c.box.y0):
        size = char.box.y1 - char.box.y0
        if lines and abs(char.box.y0 - lines[-1][0].box.y0) <= size / 3:
            lines[-1].append(char)
        else:
            lines.append([char])
    return lines


def overprint_problems(path: Path, limit: int = 8) -> list[str]:
    """Characters of different lines drawn over each other (text printed on text).

    Two glyph boxes of different lines (baselines apart by more than a third of the size: a
    handwriting's jitter moves less than that) overprint when they share more than a quarter
    of the smaller box.
    """
    problems = []
    pages: dict[int, list[Char]] = {}
    for char in chars(path):
        pages.setdefault(char.page, []).append(char)
    for page_chars in pages.values():
        lines = [(line, min(c.box.y0 for c in line), max(c.box.y1 for c in line)) for line in _lines(page_chars)]
        for i, (line, bottom, top) in enumerate(lines):
            for other, other_bottom, other_top in lines[i + 1:]:
                if other_bottom >= top or other_top <= bottom:
                    continue  # the lines do not meet
                for a in line:
                    for b in other:
                        width = min(a.box.x1, b.box.x1) - max(a.box.x0, b.box.x0)
                        height = min(a.box.y1, b.box.y1) - max(a.box.y0, b.box.y0)
                        if width <= 0 or height <= 0:
                            continue
                        area = min((c.box.x1 - c.box.x0) * (c.box.y1 - c.box.y0) for c in (a, b))
                        if width * height > area / 4:
                            problems.append(f"{a} overprints {b.text!r} at {b.box}")
    if len(problems) > limit:
        problems = problems[:limit] + [f"... and {len(problems) - limit} more"]
    return problems


def find_lines(path: Path, string: str, page_number: int = 1) -> list[Rect]:
    """The boxes where ``string`` is drawn on a page, white space aside, in PDF coordinates.

    Characters are taken in the order they are drawn (the content stream's), not re-sorted by
    position as text extraction does: jittered handwriting then still reads in order.
    """
    target = "".join(unicodedata.normalize("NFC", string).split())
    page_chars = [char for char in chars(path) if char.page == page_number]
    joined, owners = "", []
    for index, char in enumerate(page_chars):
        piece = unicodedata.normalize("NFC", char.text)
        joined += piece
        owners += [index] * len(piece)
    found, start = [], joined.find(target)
    while target and start >= 0:
        boxes = [page_chars[i].box for i in sorted(set(owners[start:start + len(target)]))]
        found.append(Rect(min(b.x0 for b in boxes), min(b.y0 for b in boxes), max(b.x1 for b in boxes), max(b.y1 for b in boxes)))
        start = joined.find(target, start + 1)
    return found
