"""Call sheets, read back from the PDFs the CLI writes."""

from __future__ import annotations

import subprocess

import pdfplumber
import pytest

from conftest import PANEL

MM = 72 / 25.4
SHEETS = {
    "Jordan Rivera": "acme-robotics/jordan-rivera",
    "Siobhán O'Brien": "acme-robotics-ltd/siobhan-obrien",
    "Łukasz Müller-Nguyễn": "acme-robotics-gmbh/lukasz-muller-nguyen",
    "田中 優希": "acme-robotics-kk/interviewer-7530-4e2d-512a-5e0c",
}


@pytest.fixture(scope="module")
def sheets(tmp_path_factory):
    from typer.testing import CliRunner

    from followup.cli import app

    out = tmp_path_factory.mktemp("sheets")
    result = CliRunner().invoke(app, ["call-sheets", str(PANEL), "-o", str(out), "--date", "2026-11-25"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return out


def pdftotext(path, page: int | None = None) -> str:
    """The text as poppler reads it (it joins runs of different fonts on one baseline into one line)."""
    pages = ["-f", str(page), "-l", str(page)] if page else []
    return subprocess.run(["pdftotext", "-layout", *pages, str(path), "-"], capture_output=True, text=True, check=True).stdout


def lines_of(path, page: int | None = None) -> list[str]:
    """Non-blank lines, runs of spaces (columns in the layout) read as one space."""
    return [" ".join(line.split()) for line in pdftotext(path, page).splitlines() if line.strip()]


@pytest.mark.parametrize("name", list(SHEETS))
def test_one_page_that_opens_with_the_full_name_position_and_date(sheets, name):
    path = sheets / SHEETS[name] / "call-sheet.pdf"
    with pdfplumber.open(path) as pdf:
        assert len(pdf.pages) == 1
        page = pdf.pages[0]
        assert (round(page.width), round(page.height)) == (612, 792)  # en_US: Letter
        words = page.extract_words()
        # every character inside the 18 mm margins
        for char in page.chars:
            assert 18 * MM - 0.5 <= char["x0"] and char["x1"] <= page.width - 18 * MM + 0.5
            assert 18 * MM - 0.5 <= char["top"] and char["bottom"] <= page.height - 18 * MM + 0.5
    lines = lines_of(path)
    assert lines[0] == "Call sheet · Senior Data Analyst · Acme Robotics"
    assert lines[1].split(" ", 1)[1] == name  # after the honorific, the name exactly as written
    assert "Position Senior Data Analyst, Acme Robotics" in lines
    assert "Met Tuesday, November 24, 2026, 10:00, in person, second round, San Francisco office" in lines
    for heading in ("How to open", "Points to make", "Questions to ask", "Notes"):
        assert heading in lines
    assert "this is Alex Morgan. We met on Tuesday, November 24, 2026 at 10:00" in " ".join(lines)
    assert any(word["text"] == "Notes" for word in words)


def test_points_topics_and_questions_come_from_the_file(sheets):
    with pdfplumber.open(sheets / SHEETS["Siobhán O'Brien"] / "call-sheet.pdf") as pdf:
        assert len(pdf.pages) == 1
    text = " ".join(lines_of(sheets / SHEETS["Siobhán O'Brien"] / "call-sheet.pdf"))
    assert "• Five years of demand forecasting in Python" in text
    assert "What I did not get to say: I also mentor two junior analysts" in text
    assert "To clarify: When we discussed pipelines, I meant Airflow, not Luigi" in text
    assert "• Model monitoring in production" in text  # their topics
    assert "• The London team's A/B testing platform" in text
    assert "Since we spoke, how has model monitoring in production been going?" in text
    assert "Dr. Siobhán O'Brien" in text and "Director of Data Science, EMEA, Acme Robotics Ltd" in text


def test_notes_space_is_ruled_below_the_notes_heading(sheets):
    with pdfplumber.open(sheets / SHEETS["Jordan Rivera"] / "call-sheet.pdf") as pdf:
        page = pdf.pages[0]
        notes = next(word for word in page.extract_words() if word["text"] == "Notes")
        ruled = sorted(line["top"] for line in page.lines if line["top"] > notes["bottom"] and abs(line["top"] - line["bottom"]) < 0.1)
        assert len(ruled) >= 4
        pitches = {round(b - a, 1) for a, b in zip(ruled, ruled[1:])}
        assert pitches == {round(8 * MM, 1)}  # 8 mm: a hand writes on it
        assert page.height - ruled[-1] >= 18 * MM - 0.5


def test_fonts_are_source_sans_with_a_fallback_for_cjk_all_embedded(sheets):
    report = subprocess.run(["pdffonts", sheets / SHEETS["田中 優希"] / "call-sheet.pdf"], capture_output=True, text=True, check=True).stdout
    rows = [line.split() for line in report.splitlines()[2:]]
    names = {row[0].split("+")[-1] for row in rows}
    assert names == {"SourceSans3-Regular", "SourceSans3-Semibold", "DroidSansFallback"}
    assert all(row[-5] == "yes" and row[-4] == "yes" for row in rows)  # embedded, subset


def test_combined_file_has_one_page_per_interviewer_in_panel_order(sheets):
    path = sheets / "call-sheets.pdf"
    with pdfplumber.open(path) as pdf:
        count = len(pdf.pages)
    names = [lines_of(path, number)[1] for number in range(1, count + 1)]
    assert names == ["Ms. Jordan Rivera", "Dr. Siobhán O'Brien", "Mr. Łukasz Müller-Nguyễn", "Ms. 田中 優希"]


def test_a4_outside_letter_countries(cli, tmp_path):
    assert cli("call-sheets", PANEL, "-o", tmp_path, "--locale", "en_GB", "-i", "Jordan Rivera").exit_code == 0
    with pdfplumber.open(tmp_path / SHEETS["Jordan Rivera"] / "call-sheet.pdf") as pdf:
        assert (round(pdf.pages[0].width), round(pdf.pages[0].height)) == (595, 842)
        assert "Ms Jordan Rivera" in pdf.pages[0].extract_text()  # British style: no period


def test_a_sheet_that_cannot_fit_fails_alone_and_the_email_is_still_written(cli, write, tmp_path):
    topics = ", ".join(f'"topic {n}: ' + "a long discussion of forecasting " * 8 + '"' for n in range(20))
    interview = write(
        "i.yaml",
        "candidate: {name: Alex Morgan, email: alex@example.com}\n"
        "interview: {company: Acme, position: Analyst, date: 2026-11-24}\n"
        "interviewers:\n"
        f"  - {{name: Jordan Rivera, email: jordan@acme.example, topics: [{topics}]}}\n"
        "  - {name: Sam Lee, email: sam@acme.example}\n",
    )
    result = cli("render", interview, "-o", tmp_path / "out", "--only", "emails,call-sheets", "--jobs", "1")
    assert result.exit_code == 1
    assert "failed: call-sheets: Jordan Rivera (Acme): the call sheet does not fit one page" in result.stderr
    assert (tmp_path / "out/acme/jordan-rivera/email.eml").is_file()
    assert not (tmp_path / "out/acme/jordan-rivera/call-sheet.pdf").exists()
    with pdfplumber.open(tmp_path / "out/call-sheets.pdf") as pdf:
        assert len(pdf.pages) == 1 and "Sam Lee" in pdf.pages[0].extract_text()
