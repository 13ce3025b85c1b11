"""Address labels, read back from labels.pdf: every character inside its label, on every sheet."""

from __future__ import annotations

import math

import pytest

from conftest import PANEL, PHONE
from mail_pdf import MM, Rect, char_rect, ink, lines, pages

IN = 72.0
# Avery geometry from print-specs.md 4.1 (LibreOffice Labels.xcu / Avery templates), not from the layout files:
# columns, rows, label width, height, top, left, pitch x, pitch y (points), the sheet, the safe inset
SHEETS = {
    "avery-5160": (3, 10, 2.625 * IN, 1 * IN, 0.5 * IN, 0.1875 * IN, 2.75 * IN, 1 * IN, (8.5 * IN, 11 * IN), IN / 16),
    "avery-5162": (2, 7, 4 * IN, 1.3333 * IN, 0.8333 * IN, 0.15625 * IN, 4.1875 * IN, 1.3333 * IN, (8.5 * IN, 11 * IN), IN / 16),
    "avery-5163": (2, 5, 4 * IN, 2 * IN, 0.5 * IN, 0.15625 * IN, 4.1875 * IN, 2 * IN, (8.5 * IN, 11 * IN), IN / 16),
    "avery-l7160": (3, 7, 63.5 * MM, 38.1 * MM, 15.15 * MM, 7.2 * MM, 66.04 * MM, 38.1 * MM, (210 * MM, 297 * MM), 2 * MM),
    "avery-l7163": (2, 7, 99.06 * MM, 38.1 * MM, 15.15 * MM, 4.67 * MM, 101.6 * MM, 38.1 * MM, (210 * MM, 297 * MM), 2 * MM),
}
COUNTRIES = [  # (city, region, postal code, country) for generated panels
    ("Chicago", "IL", "60601", "US"),
    ("Manchester", None, "M1 1AE", "GB"),
    ("München", None, "80331", "DE"),
    ("千代田区", "東京都", "100-0005", "JP"),
    ("Toronto", "ON", "M5V 2T6", "CA"),
]


def labels(sheet: str) -> list[Rect]:
    """Every label of one sheet, row by row, in PDF coordinates."""
    columns, rows, width, height, top, left, pitch_x, pitch_y, (_, page_h), _ = SHEETS[sheet]
    return [
        Rect(left + col * pitch_x, page_h - top - row * pitch_y - height, left + col * pitch_x + width, page_h - top - row * pitch_y)
        for row in range(rows)
        for col in range(columns)
    ]


def panel(write, count: int) -> str:
    """An interview file with ``count`` interviewers spread over five countries, names in many scripts."""
    names = ["Jordan Rivera", "Siobhán O'Brien", "Łukasz Müller-Nguyễn", "田中 優希", "Zoë Lindqvist", "Ngozi Okonkwo-Adébáyọ̀"]
    people = []
    for index in range(count):
        city, region, code, country = COUNTRIES[index % len(COUNTRIES)]
        street = "丸の内1-1-1" if country == "JP" else f"{100 + index} Harbour Street"
        people.append(
            f"  - name: \"{names[index % len(names)]} {index}\"\n"
            f"    title: Senior Engineering Manager, Platform\n"
            f"    address:\n      lines: [\"{street}\", \"Suite {index}\"]\n      city: {city}\n"
            + (f"      region: {region}\n" if region else "")
            + f"      postal_code: \"{code}\"\n      country: {country}\n"
        )
    head = PANEL.read_text(encoding="utf-8").split("interviewers:")[0]
    return write(f"panel-{count}.yaml", head + "interviewers:\n" + "".join(people))


def run_labels(cli, tmp_path, source, *args):
    out = tmp_path / "out"
    result = cli("labels", source, "-o", out, "-q", *args)
    assert result.exit_code == 0, result.output
    return out, pages(out / "labels.pdf")


def placed(found, sheet):
    """{(page, label index): [chars]} for every character, asserting each lies inside its label's safe area."""
    *_, paper, safe = SHEETS[sheet]
    boxes = labels(sheet)
    filled: dict[tuple[int, int], list[dict]] = {}
    for page_index, page in enumerate(found):
        assert page["size"] == pytest.approx(paper, abs=0.05)
        for char in ink(page["chars"]):
            rect = char_rect(char)
            middle = ((rect.x0 + rect.x1) / 2, (rect.y0 + rect.y1) / 2)
            home = [i for i, box in enumerate(boxes) if box.holds_point(*middle)]
            assert home, f"{char['text']!r} at {middle} is on no label"
            box = boxes[home[0]]
            assert Rect(box.x0 + safe, box.y0 + safe, box.x1 - safe, box.y1 - safe).contains(rect), (sheet, char["text"])
            filled.setdefault((page_index, home[0]), []).append(char)
    return filled


@pytest.mark.parametrize("sheet", sorted(SHEETS))
@pytest.mark.parametrize(("count", "skip"), [(1, 0), (31, 0), (31, 5)])
def test_every_character_inside_its_label(cli, tmp_path, write, sheet, count, skip):
    source = panel(write, count)
    _, found = run_labels(cli, tmp_path, source, "--sheet", sheet, "--skip", str(skip))
    per_sheet = SHEETS[sheet][0] * SHEETS[sheet][1]
    assert len(found) == math.ceil((skip + count) / per_sheet)
    filled = placed(found, sheet)
    # the labels used are exactly the `count` after the `skip` first ones, in order
    used = sorted(page * per_sheet + index for page, index in filled)
    assert used == list(range(skip, skip + count))
    sizes = {round(c["size"], 2) for page in found for c in page["chars"]}
    assert len(sizes) == 1 and 7 <= sizes.pop() <= 11  # one size for the run, readable


def test_panel_labels_read_exactly(cli, tmp_path):
    _, found = run_labels(cli, tmp_path, PANEL, "--sheet", "avery-5163")
    assert len(placed(found, "avery-5163")) == 4
    # every character in each label's box, spaces included
    boxes = labels("avery-5163")
    full = [lines([c for c in found[0]["chars"] if boxes[i].holds_point(c["x0"] + 0.1, (c["y0"] + c["y1"]) / 2)]) for i in range(4)]
    assert full == [
        ["Ms. Jordan Rivera", "Head of Analytics", "Acme Robotics", "500 Market St", "Floor 3", "San Francisco, CA 94105"],
        ["Dr. Siobhán O'Brien", "Director of Data Science, EMEA", "Acme Robotics Ltd", "10 Finsbury Square", "London",
         "EC2A 1AF", "UNITED KINGDOM"],
        ["Mr. Łukasz Müller-Nguyễn", "Leiter Datenplattform", "Acme Robotics GmbH", "Friedrichstraße 123",
         "10117 Berlin", "GERMANY"],
        ["〒100-0005", "東京都千代田区", "丸の内1-1-1", "Acme Robotics KK", "Robotics Program Manager", "田中 優希 様", "JAPAN"],
    ]


def test_copies_and_return_labels_pair_up(cli, tmp_path):
    _, found = run_labels(cli, tmp_path, PANEL, "--copies", "2", "--return", "--sheet", "avery-l7160", "--skip", "3")
    filled = placed(found, "avery-l7160")
    assert len(filled) == 4 * (2 + 2)
    boxes = labels("avery-l7160")
    per_sheet = len(boxes)

    def text(slot):
        page, index = divmod(slot, per_sheet)
        return lines([c for c in found[page]["chars"] if boxes[index].holds_point(c["x0"] + 0.1, (c["y0"] + c["y1"]) / 2)])

    first = [text(slot) for slot in range(3, 7)]
    assert first[0] == first[1] and first[0][0] == "Ms. Jordan Rivera"
    assert first[2] == first[3] == ["Alex Morgan", "1420 NW Lovejoy St", "Apt 5", "Portland, OR 97209"]
    # the return label for mail abroad carries the candidate's country
    assert text(9) == ["Alex Morgan", "1420 NW Lovejoy St", "Apt 5", "Portland, OR 97209", "UNITED STATES"]
    assert len(found) == 1  # 3 skipped + 16 labels: 19 of the 21 on one L7160 sheet


def test_only_the_combined_file_is_written_and_it_is_repeatable(cli, tmp_path):
    first, _ = run_labels(cli, tmp_path / "a", PANEL)
    second, _ = run_labels(cli, tmp_path / "b", PANEL)
    assert sorted(path.name for path in first.iterdir() if path.name != ".followup-manifest.json") == ["labels.pdf"]
    assert (first / "labels.pdf").read_bytes() == (second / "labels.pdf").read_bytes()


def test_default_sheet_follows_the_paper(cli, tmp_path):
    for index, (args, size) in enumerate([((), (8.5 * IN, 11 * IN)), (("--paper", "a4"), (210 * MM, 297 * MM)),
                                          (("--locale", "en_GB"), (210 * MM, 297 * MM))]):
        _, found = run_labels(cli, tmp_path / str(index), PANEL, *args)
        assert found[0]["size"] == pytest.approx(size, abs=0.05)
    placed(found, "avery-l7160")


def test_an_address_that_cannot_fit_names_the_interviewer(cli, tmp_path, write):
    long_line = "Engineering Building, Very Long Wing, Department of Examples"
    text = PANEL.read_text(encoding="utf-8").replace('lines: ["10 Finsbury Square"]', f'lines: ["{long_line} 10 Finsbury Square"]')
    source = write("long.yaml", text)
    out = tmp_path / "out"
    result = cli("labels", source, "-o", out, "-q")
    assert result.exit_code == 1
    assert result.stderr.startswith(
        "failed: labels: Siobhán O'Brien (Acme Robotics Ltd): the address of Siobhán O'Brien (7 lines) "
        "does not fit a label of avery-5160 at 7 pt, even without the job title: choose a larger --sheet"
    )
    assert len(placed(pages(out / "labels.pdf"), "avery-5160")) == 3


def test_missing_address_skips_that_label(cli, tmp_path, write):
    text = PHONE.read_text(encoding="utf-8")
    start = text.index("  address:\n    lines: [\"200 Clarendon")
    source = write("no-office.yaml", text[:start] + text[text.index("message:"):])
    out = tmp_path / "out"
    result = cli("labels", source, "-o", out, "-q")
    assert result.exit_code == 1
    assert "failed: labels: Marcus Webb (Northwind Health): " in result.stderr
    assert not (out / "labels.pdf").exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--skip", "30"), "error: --skip 30: avery-5160 has 30 labels a sheet; skip 0 to 29"),
        (("--skip", "-1"), "error: --skip -1: avery-5160 has 30 labels a sheet; skip 0 to 29"),
        (("--copies", "0"), "error: --copies 0: give 1 to 100"),
        (("--paper", "a4", "--sheet", "avery-5160"), "error: --sheet avery-5160 is printed on letter paper, not a4"),
        (("--sheet", "avery-9999"), "error: no label-sheet layout called 'avery-9999'"),
    ],
)
def test_usage_errors(cli, tmp_path, args, message):
    out = tmp_path / "out"
    result = cli("labels", PANEL, "-o", out, *args)
    assert result.exit_code == 2
    assert result.stderr.startswith(message)
    assert not out.exists()


def test_return_labels_need_the_candidates_address(cli, tmp_path, write):
    text = PHONE.read_text(encoding="utf-8")
    start = text.index("  address:\n    lines: [\"88 Commonwealth")
    source = write("no-home.yaml", text[:start] + text[text.index("interview:"):])
    out = tmp_path / "out"
    result = cli("labels", source, "-o", out, "--return")
    assert result.exit_code == 2
    assert result.stderr == f"error: {source}:2: candidate: --return needs the candidate's address: add candidate.address\n"
    assert not out.exists()
