"""Print preflight: every product, every layout in layouts/, checked as a print shop checks a file.

Each case renders both bundled examples (five interviewers in five countries) through the
real command line, and the checks share that output: qpdf finds nothing wrong, every font is
an embedded subset, the page boxes are those of the layout (read here from its TOML file),
every character sits in the safe area of its panel, label or window and none in an
envelope's stamp corner, no text is printed over other text, the names and address lines
extract exactly as the input spells them, and a second run in another process (another hash
seed; for `render`, --jobs 1 after --jobs 2) gives the same bytes.

The products come from the command-line contract; a product whose command is not in
``followup --help`` yet is reported as skipped (visible with -ra), never dropped silently.
"""

from __future__ import annotations

import email
import email.policy
import multiprocessing
import os
import re
import subprocess
import sys
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import pytest

import preflight as pf
from conftest import PANEL, PHONE, ROOT

LAYOUTS = ROOT / "layouts"
EXAMPLES = (PANEL, PHONE)
DATE = "2026-11-25"
# the defaults CLI.md gives for a label sheet on each paper
DEFAULT_SHEET = {"letter": "avery-5160", "a4": "avery-l7160"}
HEAVY = ("reportlab", "PIL", "pypdfium2")


def _env(hash_seed: str) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT / "src"), "PYTHONHASHSEED": hash_seed}


@cache
def commands() -> frozenset[str]:
    """The commands ``followup --help`` lists."""
    done = subprocess.run(
        [sys.executable, "-m", "followup", "--help"], env=_env("0"), capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    listing = done.stdout.split("Commands:", 1)[1]
    return frozenset(re.findall(r"^\s{2}([a-z][a-z-]*)\s", listing, re.M))


# ---------------------------------------------------------------------------------------------
# the input, read here with a YAML parser, not followup's loader


@dataclass(frozen=True)
class Person:
    """One interviewer as the input spells them, with the address their post goes to."""

    name: str
    greeting_names: tuple[str, ...]  # a card's salutation uses one of these
    recipient: tuple[str, ...]  # name, company, address lines, city, region, postal code
    sender: tuple[str, ...]  # the candidate: name, address lines, city, postal code


def _address(address: dict) -> list[str]:
    lines = [str(line) for line in address.get("lines", [])]
    return lines + [str(address[key]) for key in ("city", "region", "postal_code") if address.get(key)]


@cache
def people() -> tuple[Person, ...]:
    from ruamel.yaml import YAML

    result = []
    for path in EXAMPLES:
        data = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
        candidate, interview = data["candidate"], data["interview"]
        sender = (candidate["name"], *_address(candidate["address"]))
        for person in data["interviewers"]:
            words = person["name"].split()
            greeting = (person.get("given_name") or words[0], person.get("family_name") or words[-1])
            company = person.get("company") or interview["company"]
            address = person.get("address") or interview["address"]
            result.append(Person(person["name"], greeting, (person["name"], company, *_address(address)), sender))
    return tuple(result)


# what each product's item file must contain, per interviewer: tuples are alternatives
def wanted(product: str, person: Person) -> list[tuple[str, ...]]:
    sender_name = person.sender[0]
    if product == "cards":  # the salutation names them; the card is signed by the candidate
        return [person.greeting_names, (sender_name,)]
    if product == "letters":
        return [(line,) for line in person.recipient] + [(sender_name,)]
    if product == "envelopes":
        return [(line,) for line in person.recipient + person.sender]
    if product == "labels":
        return [(line,) for line in person.recipient]
    if product == "call-sheets":
        return [(person.name,)]
    raise ValueError(product)


def missing(text: str, wants: list[tuple[str, ...]]) -> list[str]:
    return [" or ".join(repr(a) for a in alternatives) for alternatives in wants if not any(pf.normalise(a) in text for a in alternatives)]


# ---------------------------------------------------------------------------------------------
# the cases: one per product and layout


@dataclass(frozen=True)
class Case:
    product: str  # the command
    variant: str  # names the case: the layout it renders, and how
    options: tuple[str, ...]
    layout: str = ""  # the layout file its pages follow ("" for the variant; sheets follow their paper)

    @property
    def id(self) -> str:
        return f"{self.product}-{self.variant}"


# the per-interviewer file and the combined print file of each print product (CLI.md "Files")
FILES = {
    "cards": ("card.pdf", "cards.pdf"),
    "letters": ("letter.pdf", "letters.pdf"),
    "envelopes": ("envelope.pdf", "envelopes.pdf"),
    "labels": (None, "labels.pdf"),
    "call-sheets": ("call-sheet.pdf", None),
}


GUIDES = ("card-guide.pdf", "cards-guide.pdf")  # cards --guide: the copy-by-hand guide


def files_of(case: Case, product: str) -> list[tuple[str | None, str | None]]:
    """(item file, combined file) pairs a product writes in this case."""
    return [FILES[product]] + ([GUIDES] if product == "cards" and "--guide" in case.options else [])


def all_cases() -> list[Case]:
    cases = [Case("cards", name, ("--size", name)) for name in pf.layout_names(LAYOUTS, "cards")]
    # the guide at handwriting size needs a short note on a roomy card: the brief tone on A7 folded
    cases += [Case("cards", "guide-a7-folded", ("--size", "a7-folded", "--guide", "--template", "brief"), "a7-folded")]
    cases += [Case("cards", f"sheet-{paper}", ("--sheet", paper), paper) for paper in pf.layout_names(LAYOUTS, "paper")]
    cases += [Case("letters", name, ("--paper", name)) for name in pf.layout_names(LAYOUTS, "paper")]
    cases += [Case("letters", f"window-{name}", ("--window", name)) for name in pf.layout_names(LAYOUTS, "windows")]
    cases += [Case("envelopes", name, ("--size", name)) for name in pf.layout_names(LAYOUTS, "envelopes")]
    cases += [Case("labels", name, ("--sheet", name)) for name in pf.layout_names(LAYOUTS, "labels")]
    cases += [Case("call-sheets", "default", ()), Case("render", "default", ())]
    return cases


@cache
def takes(command: str, option: str) -> bool:
    """Does ``followup COMMAND --help`` list the option (--date: it prints a date, fixed here)?"""
    done = subprocess.run(
        [sys.executable, "-m", "followup", command, "--help"], env=_env("0"), capture_output=True, text=True, timeout=60
    )
    return option in done.stdout


def params(select=lambda case: True) -> list:
    result = []
    for case in filter(select, all_cases()):
        marks = []
        if case.product not in commands():
            marks.append(pytest.mark.skip(reason=f"`followup {case.product}` is not a command yet (not in --help)"))
        result.append(pytest.param(case, id=case.id, marks=marks))
    return result


# ---------------------------------------------------------------------------------------------
# rendering: every case twice, in separate processes with different hash seeds, in parallel


@dataclass
class Rendered:
    case: Case
    out: Path  # the first run's output folder
    again: Path  # the second run's
    status: int
    stderr: str
    status_again: int = 0
    files: list[Path] = field(default_factory=list)


def _render(case: Case, base: Path, readers) -> Rendered:
    date = ("--date", DATE) if takes(case.product, "--date") else ()
    jobs = takes(case.product, "--jobs")

    def run(seed: str, *extra: str) -> subprocess.CompletedProcess:
        out = base / "out"  # both runs write to the same path, so nothing may differ by it
        return subprocess.run(
            [sys.executable, "-m", "followup", case.product, *map(str, EXAMPLES), "-o", str(out), "--quiet", *date, *case.options, *extra],
            env=_env(seed), capture_output=True, text=True, timeout=600,
        )

    first = run("0", *(("--jobs", "2") if jobs else ()))
    if (base / "out").exists():
        (base / "out").rename(base / "first")
    else:
        (base / "first").mkdir()
    second = run("1", *(("--jobs", "1") if jobs else ()))
    if not (base / "out").exists():
        (base / "out").mkdir()
    out, again = base / "first", base / "out"
    files = sorted(path for path in out.rglob("*") if path.is_file())
    pf.preload([path for path in files if path.suffix == ".pdf"], readers)
    return Rendered(case, out, again, first.returncode, first.stderr + second.stderr, second.returncode, files)


class Renders:
    """Starts the renders of every selected case at the first request, hands each out when done.

    Renders run in threads (each waits on its processes); reading the files back with
    pdfplumber runs in worker processes, so both cores work while the tests check."""

    def __init__(self, base: Path, cases: list[Case]):
        self.base = base
        self.cases = cases
        self.pool: ThreadPoolExecutor | None = None
        self.readers: ProcessPoolExecutor | None = None
        self.futures: dict[Case, Future] = {}

    def __getitem__(self, case: Case) -> Rendered:
        if self.pool is None:
            workers = os.cpu_count() or 2
            self.pool = ThreadPoolExecutor(max_workers=workers)
            self.readers = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"))
            for index, each in enumerate(self.cases):
                folder = self.base / f"{index:02d}-{each.id}"
                folder.mkdir()
                self.futures[each] = self.pool.submit(_render, each, folder, self.readers)
        return self.futures[case].result()

    def close(self):
        if self.pool:
            self.pool.shutdown(wait=True, cancel_futures=True)
        if self.readers:
            self.readers.shutdown(wait=True, cancel_futures=True)


@pytest.fixture(scope="session")
def renders(request, tmp_path_factory):
    """The renders of the cases the collected tests ask for (all of them, or those -k selects)."""
    selected = set()
    for item in request.session.items:
        callspec = getattr(item, "callspec", None)
        if callspec is not None and "case" in callspec.params:
            selected.add(callspec.params["case"])
    runnable = [case for case in all_cases() if case in selected and case.product in commands()]
    runnable.sort(key=lambda case: case.product != "render")  # the longest run first
    renders = Renders(tmp_path_factory.mktemp("preflight"), runnable)
    yield renders
    renders.close()


def ok(rendered: Rendered) -> Rendered:
    """The run succeeded: the bundled examples fit every bundled layout (issue 3, 4, 5)."""
    assert rendered.status == 0, f"exit {rendered.status}:\n{rendered.stderr}"
    assert rendered.status_again == 0, f"second run: exit {rendered.status_again}:\n{rendered.stderr}"
    return rendered


def products_in(case: Case) -> list[str]:
    if case.product == "render":
        return [product for product in FILES if product in commands()]
    return [case.product]


def pdfs(rendered: Rendered) -> list[tuple[str, Path]]:
    """(product, file) for every PDF the case must have written."""
    result = []
    for product in products_in(rendered.case):
        for item, combined in files_of(rendered.case, product):
            result += [(product, path) for path in rendered.files if path.name in (item, combined)]
    return result


@cache
def _page_size(path: Path) -> tuple[float, float]:
    media = pf.page_boxes(path)[0]["MediaBox"]
    return (round(media.x1 - media.x0, 1), round(media.y1 - media.y0, 1))


def expected(case: Case, product: str, path: Path) -> pf.Expected:
    """The layout a file must follow: the case's own, or (for `render`) the one its page size names."""
    if product == "cards" and case.variant.startswith("sheet-"):  # imposed n-up: where a printer reaches
        candidates = [pf.printable(LAYOUTS, case.layout)]
    elif product == "cards":
        names = [case.layout or case.variant] if case.product == "cards" else pf.layout_names(LAYOUTS, "cards")
        candidates = [pf.card(LAYOUTS, name) for name in names]
    elif product == "envelopes":
        names = [case.variant] if case.product == "envelopes" else pf.layout_names(LAYOUTS, "envelopes")
        candidates = [pf.envelope(LAYOUTS, name) for name in names]
    elif product == "labels":
        names = [case.variant] if case.product == "labels" else list(DEFAULT_SHEET.values())
        candidates = [pf.label_sheet(LAYOUTS, name) for name in names]
    elif product == "letters" and case.variant.startswith("window-"):
        window = case.variant.removeprefix("window-")
        paper, _ = pf.window_zone(LAYOUTS, window)
        candidates = [pf.letter(LAYOUTS, paper, (window,))]
    elif product == "letters" and case.product == "letters":
        candidates = [pf.letter(LAYOUTS, case.variant)]
    elif product == "call-sheets":
        candidates = [pf.printable(LAYOUTS, paper) for paper in pf.layout_names(LAYOUTS, "paper")]
    else:  # letters from `render`: its default, no window, on either paper
        candidates = [pf.letter(LAYOUTS, paper) for paper in pf.layout_names(LAYOUTS, "paper")]
    width, height = _page_size(path)
    for candidate in candidates:
        if abs(candidate.media.x1 - width) <= 0.1 and abs(candidate.media.y1 - height) <= 0.1:
            return candidate
    sizes = ", ".join(f"{c.media.x1:.1f} x {c.media.y1:.1f}" for c in candidates)
    pytest.fail(f"{path.name}: page is {width} x {height} pt; the layout says {sizes}")


# ---------------------------------------------------------------------------------------------
# the checks


def problems_of(rendered: Rendered, check, *, layout: bool = True) -> dict[str, list[str]]:
    """``check(path, expected layout)`` (or ``check(path)``) on every PDF of a case: the files with problems."""
    problems = {}
    for product, path in pdfs(rendered):
        found = check(path, expected(rendered.case, product, path)) if layout else check(path)
        if found:
            problems[path.relative_to(rendered.out).as_posix()] = found
    return problems


@pytest.mark.parametrize("case", params())
def test_writes_every_file(renders, case):
    rendered = ok(renders[case])
    names = [path.relative_to(rendered.out).as_posix() for path in rendered.files]
    count = len(people())
    for product in products_in(case):
        for item, combined in files_of(case, product):
            if item:
                assert sum(name.endswith("/" + item) for name in names) == count, f"{item} for each of {count} interviewers: {names}"
            if combined:
                assert combined in names, f"{combined} in the output folder: {names}"
    if case.product == "render":
        assert sum(name.endswith("/email.eml") for name in names) == count, names


@pytest.mark.parametrize("case", params())
def test_qpdf_finds_no_problem(renders, case):
    problems = problems_of(ok(renders[case]), pf.qpdf_problems, layout=False)
    assert not problems, problems


@pytest.mark.parametrize("case", params())
def test_fonts_embedded_subset_no_type3(renders, case):
    problems = problems_of(ok(renders[case]), pf.font_problems, layout=False)
    assert not problems, problems


@pytest.mark.parametrize("case", params())
def test_page_size_and_boxes_are_the_layouts(renders, case):
    problems = problems_of(ok(renders[case]), pf.box_problems)
    assert not problems, problems


@pytest.mark.parametrize("case", params())
def test_every_character_in_its_safe_area(renders, case):
    problems = problems_of(ok(renders[case]), pf.placement_problems)
    assert not problems, problems


@pytest.mark.parametrize("case", params())
def test_no_text_overprints_text(renders, case):
    problems = problems_of(ok(renders[case]), pf.overprint_problems, layout=False)
    assert not problems, problems


@pytest.mark.parametrize("case", params())
def test_names_and_addresses_extract_exactly(renders, case):
    rendered = ok(renders[case])
    problems = {}
    for product in products_in(case):
        for item, combined in files_of(case, product):
            items = {path: pf.text(path) for path in rendered.files if path.name == item}
            for person in people():
                wants = wanted(product, person)
                if items:  # the interviewer's own file is the one that misses least
                    best = min(items, key=lambda path: len(missing(items[path], wants)))
                    if missing(items[best], wants):
                        problems[f"{item}: {person.name}"] = missing(items[best], wants)
                if combined:
                    lost = missing(pf.text(rendered.out / combined), wants)
                    if lost:
                        problems[f"{combined}: {person.name}"] = lost
    assert not problems, problems


@pytest.mark.parametrize("case", params(lambda case: case.product == "render"))
def test_email_drafts_address_each_interviewer(renders, case):
    rendered = ok(renders[case])
    recipients = []
    for path in rendered.files:
        if path.name == "email.eml":
            message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
            recipients.append(pf.normalise(str(message["To"])))
    for person in people():
        assert any(pf.normalise(person.name) in to for to in recipients), (person.name, recipients)


@pytest.mark.parametrize("case", params())
def test_second_run_gives_the_same_bytes(renders, case):
    rendered = ok(renders[case])
    first = {path.relative_to(rendered.out): path.read_bytes() for path in rendered.files if path.suffix in (".pdf", ".eml", ".png")}
    second = {
        path.relative_to(rendered.again): path.read_bytes()
        for path in rendered.again.rglob("*")
        if path.is_file() and path.suffix in (".pdf", ".eml", ".png")
    }
    assert sorted(first) == sorted(second)
    differ = [str(name) for name in first if first[name] != second[name]]
    assert not differ, f"differ between two runs: {differ}"


@pytest.mark.parametrize("case", params(lambda case: case.product == "cards" and not case.variant.startswith("sheet-")))
def test_card_message_on_the_writing_panel(renders, case):
    """The message lands on the panel a person writes on: inside right (side fold), inside lower (top fold)."""
    rendered = ok(renders[case])
    layout = pf.card(LAYOUTS, case.layout or case.variant)
    for path in rendered.files:
        if path.name not in ("card.pdf", GUIDES[0]):
            continue
        names = {person.sender[0] for person in people()}
        boxes = [box for name in names for box in pf.find_lines(path, name)]
        assert boxes, f"{path}: the candidate's signature is not on page 1"
        for box in boxes:
            assert layout.message_panel.contains(box), f"{path}: signature at {box}, not on the writing panel {layout.message_panel}"


@pytest.mark.parametrize("case", params(lambda case: case.product == "letters" and case.variant.startswith("window-")))
def test_letter_address_shows_through_the_window(renders, case):
    """Every line of the recipient's address lies in the window's always-visible zone, on page 1."""
    rendered = ok(renders[case])
    _, zone = pf.window_zone(LAYOUTS, case.variant.removeprefix("window-"))
    problems = []
    for path in rendered.files:
        if path.name != "letter.pdf":
            continue
        text = pf.text(path)
        person = next(p for p in people() if pf.normalise(p.name) in text)
        for line in person.recipient:
            boxes = pf.find_lines(path, line)
            if not any(zone.contains(box) for box in boxes):
                problems.append(f"{path.parent.name}: {line!r} at {[str(b) for b in boxes]}, window zone {zone}")
    assert not problems, problems


# ---------------------------------------------------------------------------------------------
# start-up: the help of every command loads no heavy library


@pytest.mark.parametrize("command", [None, *sorted(commands())])
def test_help_does_not_import_heavy_libraries(command):
    args = [sys.executable, "-X", "importtime", "-m", "followup", *([command] if command else []), "--help"]
    done = subprocess.run(args, env=_env("0"), capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr[-2000:]
    imported = {line.rsplit("|", 1)[1].strip() for line in done.stderr.splitlines() if line.startswith("import time:") and "|" in line}
    assert "followup" in {name.split(".")[0] for name in imported}, "importtime listed no followup module"
    heavy = sorted(name for name in imported if name.split(".")[0] in HEAVY)
    assert not heavy, f"`followup {command or ''} --help` imports {heavy[:5]}"


# ---------------------------------------------------------------------------------------------
# the checks themselves catch what they must (files drawn here with bare ReportLab)


def _pdf(path: Path, size, draw) -> Path:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen.canvas import Canvas

    pdfmetrics.registerFont(TTFont("PreflightSans", str(ROOT / "fonts" / "DejaVuSans.ttf")))
    canvas = Canvas(str(path), pagesize=size, invariant=1, initialFontName="PreflightSans")
    draw(canvas)
    canvas.save()
    return path


def test_checks_catch_an_unembedded_standard_font(tmp_path):
    def draw(canvas):
        canvas.setFont("Helvetica", 12)
        canvas.drawString(72, 72, "Jordan Rivera")

    problems = pf.font_problems(_pdf(tmp_path / "helvetica.pdf", (612, 792), draw))
    assert any("'Helvetica'" in problem and "not embedded" in problem for problem in problems), problems


def test_checks_pass_a_card_with_its_boxes_and_catch_text_past_the_safe_margin(tmp_path):
    layout = pf.card(LAYOUTS, "a2-folded")  # 5.5 x 8.5 in flat, 0.125 in bleed, 0.375 in safe
    bleed = 9.0

    def draw(canvas, x):
        canvas.setTrimBox((bleed, bleed, bleed + 396, bleed + 612))
        canvas.setBleedBox((0, 0, 414, 630))
        canvas.setFont("PreflightSans", 12)
        canvas.drawString(x, 100, "Thank you")

    inside = _pdf(tmp_path / "inside.pdf", (414, 630), lambda canvas: draw(canvas, bleed + 30))
    assert pf.box_problems(inside, layout) == []
    assert pf.placement_problems(inside, layout) == []
    assert pf.qpdf_problems(inside) == ()
    outside = _pdf(tmp_path / "outside.pdf", (414, 630), lambda canvas: draw(canvas, bleed + 10))  # 10 pt < 27 pt safe
    assert any("outside the safe area" in problem for problem in pf.placement_problems(outside, layout))
    upper = _pdf(tmp_path / "upper.pdf", (414, 630), lambda canvas: canvas.drawString(bleed + 30, 500, "Thank you"))
    assert pf.find_lines(upper, "Thank you") and not layout.message_panel.contains(pf.find_lines(upper, "Thank you")[0])
    unboxed = _pdf(tmp_path / "unboxed.pdf", (396, 612), lambda canvas: canvas.drawString(40, 40, "Thank you"))
    assert any("MediaBox" in problem for problem in pf.box_problems(unboxed, layout))
    assert any("TrimBox" in problem for problem in pf.box_problems(unboxed, layout))


def test_checks_catch_text_in_the_stamp_corner(tmp_path):
    layout = pf.envelope(LAYOUTS, "us10")  # 684 x 297 pt, stamp corner 126 x 90 pt

    def draw(canvas):
        canvas.setFont("PreflightSans", 10)
        canvas.drawString(600, 260, "POSTAGE")

    problems = pf.placement_problems(_pdf(tmp_path / "stamp.pdf", (684, 297), draw), layout)
    assert any("stamp corner" in problem for problem in problems), problems


def test_checks_catch_text_printed_over_text(tmp_path):
    def draw(canvas, second_line_y):
        canvas.setFont("PreflightSans", 10)
        canvas.drawString(72, 700, "200 Clarendon St")
        canvas.drawString(80, second_line_y, "November 25, 2026")

    apart = _pdf(tmp_path / "apart.pdf", (612, 792), lambda canvas: draw(canvas, 688))  # 12 pt leading
    assert pf.overprint_problems(apart) == []
    over = _pdf(tmp_path / "over.pdf", (612, 792), lambda canvas: draw(canvas, 696))
    assert any("overprints" in problem for problem in pf.overprint_problems(over))


def test_checks_read_text_as_a_reader_copies_it(tmp_path):
    def draw(canvas):
        canvas.setFont("PreflightSans", 10)
        canvas.drawString(72, 700, "Łukasz Müller-Nguye\u0302\u0303n")  # decomposed: NFC makes it equal
        canvas.drawString(72, 680, "10 Finsbury  Square")

    path = _pdf(tmp_path / "text.pdf", (612, 792), draw)
    assert pf.missing_strings(path, ["Łukasz Müller-Nguyễn", "10 Finsbury Square", "Berlin"]) == ["Berlin"]
