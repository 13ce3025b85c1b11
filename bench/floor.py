"""The floor of the stack: bare ReportLab drawing the same strings, at the same places, in the same fonts.

``extract`` reads followup's own PDFs back with pdfplumber (each character's font, size and
origin) and groups them into the runs a program would draw; ``python bench/floor.py SPEC OUT``
then draws those runs with nothing else (no templates, no fitting, no checks, no boxes, no
lines) into one PDF per file followup wrote, with the same page sizes and the same
compression. Timing that process next to followup's says what everything but drawing costs.
"""

from __future__ import annotations

import json
import sys
from functools import cache
from pathlib import Path

FONTS = Path(__file__).resolve().parent.parent / "fonts"


def _same_run(previous: dict, char: dict) -> bool:
    """Does ``char`` continue ``previous`` on one line, in one font, with no gap or turn?"""
    a, b, c, d, _, f = char["matrix"]
    pa, pb, pc, pd, _, pf = previous["matrix"]
    return (
        char["fontname"] == previous["fontname"]
        and abs(char["size"] - previous["size"]) < 0.01
        and (a, b, c, d) == (pa, pb, pc, pd)
        and abs(f - pf) < 0.01
        and abs(char["x0"] - previous["x1"]) < 0.02 * char["size"]
    )


def extract(paths: list[Path]) -> list[dict]:
    """For each PDF: its name and, per page, the size and the runs [font, size, a, b, c, d, x, y, text]
    (a-d: the text matrix, not 1 0 0 1 where a glyph is turned or slanted)."""
    if len(paths) < 8:
        return [_extract_one(path) for path in paths]
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor() as pool:  # pdfplumber is pure Python: one file per core
        return list(pool.map(_extract_one, paths, chunksize=16))


@cache
def _width(font: str, text: str) -> float:
    """The advance of ``text`` at size 1 in the bundled font called ``font`` (0 if unknown)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    path = font_files().get(font)
    if path is None:
        return 0.0
    if font not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(font, path))
    return pdfmetrics.stringWidth(text, font, 1)


def _font_size(char: dict, font: str) -> float:
    """The size the font was set at (Tf): the advance over the glyph's width at size 1.

    pdfplumber's ``size`` is the glyph box's height, which a slanted or scaled text matrix
    changes glyph by glyph; followup sets one size per line and varies the matrix."""
    width = _width(font, char["text"])
    return char["adv"] / width if width > 0 else char["size"]


def _extract_one(path: Path) -> dict:
    import pdfplumber

    pages = []
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            runs: list[list] = []
            previous = None
            for char in page.chars:
                font = char["fontname"].split("+", 1)[-1]
                if previous is not None and _same_run(previous, char):
                    runs[-1][-1] += char["text"]
                else:
                    a, b, c, d, x, y = (round(value, 5) for value in char["matrix"])
                    runs.append([font, round(_font_size(char, font), 2), a, b, c, d, x, y, char["text"]])
                previous = char
            pages.append({"size": [float(page.width), float(page.height)], "runs": runs})
    return {"name": path.name, "pages": pages}


MATRIX = "%.5f %.5f %.5f %.5f %.3f %.3f Tm"


@cache
def font_files() -> dict[str, str]:
    """PostScript name -> the bundled TTF that has it (found before timing: the floor only draws)."""
    from reportlab.pdfbase.ttfonts import TTFontFile

    return {TTFontFile(str(path)).name.decode(): str(path) for path in sorted(FONTS.glob("*.ttf"))}


def spec(paths: list[Path]) -> dict:
    """What the bare script draws: the files' runs, and the font files their fonts come from."""
    files = extract(paths)
    available = font_files()
    used = sorted({run[0] for file in files for page in file["pages"] for run in page["runs"]})
    unknown = [name for name in used if name not in available]
    if unknown:
        raise SystemExit(f"fonts not in fonts/: {unknown}")
    return {"fonts": {name: available[name] for name in used}, "files": files}


def draw(spec: dict, out: Path) -> int:
    """Draw every file of the spec into ``out``; returns the number of pages."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen.canvas import Canvas

    for name, path in spec["fonts"].items():
        pdfmetrics.registerFont(TTFont(name, path))
    initial = next(iter(spec["fonts"]), "Helvetica")
    pages = 0
    out.mkdir(parents=True, exist_ok=True)
    for index, file in enumerate(spec["files"]):
        size = file["pages"][0]["size"] if file["pages"] else [612, 792]
        canvas = Canvas(str(out / f"{index:06d}-{file['name']}"), pagesize=size, invariant=1, pageCompression=1, initialFontName=initial)
        for page in file["pages"]:
            canvas.setPageSize(page["size"])
            text = canvas.beginText()  # one text object per page, the font set only when it changes
            operators = text._code  # the matrix written directly: ReportLab's number formatting is slow
            current = None
            for font, points, a, b, c, d, x, y, string in page["runs"]:
                if (font, points) != current:
                    text.setFont(font, points)
                    current = (font, points)
                operators.append(MATRIX % (a, b, c, d, x, y))
                text.textOut(string)
            canvas.drawText(text)
            canvas.showPage()
            pages += 1
        canvas.save()
    return pages


def main(argv: list[str]) -> None:
    """``floor.py SPEC.json OUT``: draw the spec; print the counts and the seconds spent reading the
    spec (bench plumbing, not a cost of drawing: run.py takes it off the floor's time)."""
    import time

    start = time.perf_counter()
    data = json.loads(Path(argv[0]).read_text(encoding="utf-8"))
    loaded = time.perf_counter() - start
    pages = draw(data, Path(argv[1]))
    print(json.dumps({"files": len(data["files"]), "pages": pages, "load_s": loaded}))


if __name__ == "__main__":
    main(sys.argv[1:])
