"""German notes (de_DE, de_AT, de_CH): letters, emails and cards read back from the files the CLI writes.

DIN 5008 as a German reader expects it (docs/german.md): "Sehr geehrte Frau Dr. Weber," with the
text starting in lower case, the subject bold without "Betreff", "Mit freundlichen Grüßen" without a
comma, the sender's town before the date, "Herrn" in the address, and "ss" for "ß" in Switzerland.
"""

from __future__ import annotations

import email
from email import policy
from functools import cache
from pathlib import Path

import pdfplumber
import pytest
from typer.testing import CliRunner

from conftest import EXAMPLES, PANEL

GERMAN = EXAMPLES / "german-interview.yaml"
DATE = "2026-11-25"
MM = 72 / 25.4
PEOPLE = {  # folder: (inside address name line, formal salutation, warm salutation)
    "anna-weber": ("Frau Dr. Anna Weber", "Sehr geehrte Frau Dr. Weber,", "Liebe Frau Dr. Weber,"),
    "thomas-schmidt": ("Herrn Prof. Dr. Thomas Schmidt", "Sehr geehrter Herr Prof. Dr. Schmidt,", "Lieber Herr Prof. Dr. Schmidt,"),
    # no honorific: no "Herr" or "Frau" to choose "geehrte" or "geehrter" by, so the neutral form
    "kim-bauer": ("Kim Bauer", "Guten Tag Kim Bauer,", "Guten Tag Kim Bauer,"),
}


def invoke(*args):
    from followup.cli import app

    return CliRunner().invoke(app, [str(arg) for arg in args], catch_exceptions=False)


@cache
def rendered(command: str, out: str, *options: str, source: Path = GERMAN) -> Path:
    result = invoke(command, source, "-o", out, "--date", DATE, "--quiet", *options)
    assert result.exit_code == 0, result.output
    return Path(out)


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    return tmp_path_factory.mktemp("german")


def page_lines(path: Path, number: int = 0) -> tuple[list[dict], object]:
    pdf = pdfplumber.open(path)
    page = pdf.pages[number]
    return page.extract_text_lines(layout=False, strip=True, return_chars=True), page


def texts(lines: list[dict]) -> list[str]:
    return [line["text"] for line in lines]


def line(lines: list[dict], text: str) -> dict:
    found = [entry for entry in lines if entry["text"] == text]
    assert found, f"{text!r} not among {texts(lines)}"
    return found[0]


# -- letters ------------------------------------------------------------------------------------


@pytest.mark.parametrize("window", ["din-a", "din-b", "none"])
def test_a_german_letter_follows_din_5008(base, window):
    out = rendered("letters", str(base / f"letters-{window}"), "--locale", "de_DE", "--window", window)
    for folder, (address, salutation, _) in PEOPLE.items():
        lines, page = page_lines(out / "nordlicht-analytik-gmbh" / folder / "letter.pdf")
        said = texts(lines)
        assert (round(page.width, 2), round(page.height, 2)) == (595.28, 841.89)  # A4
        assert address in said and "Leopoldstraße 28" in said and "80802 München" in said
        # the subject: bold, without the word "Betreff", no full stop
        subject = line(lines, "Unser Gespräch am 24. November 2026 zur Position Senior Data Analyst")
        assert all("Semibold" in char["fontname"] for char in subject["chars"] if not char["text"].isspace())
        assert not any(text.startswith(("Betreff", "Subject", "Re:")) for text in said)
        # the salutation ends in a comma and the text goes on in lower case
        greeting = said.index(salutation)
        assert said[greeting + 1].startswith("vielen Dank für das Gespräch am 24. November 2026 über die Position")
        # two blank lines between subject and salutation (DIN 5008): about three leadings apart
        leading = line(lines, said[greeting + 2])["top"] - line(lines, said[greeting + 1])["top"]
        assert line(lines, salutation)["top"] - subject["top"] == pytest.approx(3 * leading, abs=1.5)
        # the closing has no comma; the typed name under it
        assert "Mit freundlichen Grüßen" in said and "Mit freundlichen Grüßen," not in said
        assert said[said.index("Mit freundlichen Grüßen") + 1] == "Jana Krüger"
        # the sender's town before the date, flush right
        date = line(lines, "Berlin, 25. November 2026")
        assert date["x1"] == pytest.approx(page.width - 25 * MM, abs=1.0)  # A4's 25 mm right margin
        # no English left in the letter's own words
        assert not any(word in " ".join(said) for word in ("Dear", "Sincerely", "Thank you", "Page "))


def test_a_german_letter_under_a_window_puts_herrn_in_the_window(base):
    out = rendered("letters", str(base / "letters-din-b"), "--locale", "de_DE", "--window", "din-b")
    lines, page = page_lines(out / "nordlicht-analytik-gmbh/thomas-schmidt/letter.pdf")
    name = line(lines, "Herrn Prof. Dr. Thomas Schmidt")
    # inside the DIN 5008 form B address zone (45 mm from the top, 20 mm from the left, 85 x 45 mm)
    assert 45 * MM <= name["top"] <= 90 * MM and 20 * MM <= name["x0"] <= 105 * MM
    # the date under the address field, right of it
    date = line(lines, "Berlin, 25. November 2026")
    assert date["top"] > 90 * MM and date["x0"] > 105 * MM


def test_the_panel_example_in_german(base):
    out = rendered("letters", str(base / "panel"), "--locale", "de_DE", source=PANEL)
    lines, _ = page_lines(out / "acme-robotics-gmbh/lukasz-muller-nguyen/letter.pdf")
    said = texts(lines)
    assert "Herrn Łukasz Müller-Nguyễn" in said  # "Mr." in the file, "Herrn" in the address
    assert "Sehr geehrter Herr Müller-Nguyễn," in said and "Mit freundlichen Grüßen" in said
    assert "Portland, 25. November 2026" in said  # the candidate lives in Portland
    # "Dr." says nothing about "Herr" or "Frau": the gender-neutral salutation, academic title kept
    lines, _ = page_lines(out / "acme-robotics-ltd/siobhan-obrien/letter.pdf")
    assert "Guten Tag Dr. Siobhán O'Brien," in texts(lines) and "Dr. Siobhán O'Brien" in texts(lines)


@pytest.mark.parametrize(
    "locale, closing, date",
    [
        ("de_AT", "Mit freundlichen Grüßen", "Berlin, 5. Jänner 2027"),  # Austrian month names
        ("de_CH", "Mit freundlichen Grüssen", "Berlin, 5. Januar 2027"),
    ],
)
def test_austrian_and_swiss_letters(base, locale, closing, date):
    out = base / f"letters-{locale}"
    result = invoke("letters", GERMAN, "-o", out, "--date", "2027-01-05", "--locale", locale, "-i", "Anna Weber", "--quiet")
    assert result.exit_code == 0, result.output
    lines, _ = page_lines(out / "letters.pdf")
    said = texts(lines)
    assert closing in said and date in said and "Sehr geehrte Frau Dr. Weber," in said
    whole = " ".join(said)
    if locale == "de_CH":
        # the template's own words write "ss"; names, addresses and the file's own texts stay as written
        assert "ß" not in whole.replace("Leopoldstraße", "").replace("großen Maßstab", "")
        assert "Leopoldstraße 28" in said and "großen Maßstab" in whole
    else:
        assert "Grüßen" in whole


def test_tones_of_german_letters(base):
    out = rendered("letters", str(base / "warm"), "--locale", "de_DE", "--template", "warm")
    for folder, (_, _, warm) in PEOPLE.items():
        lines, _ = page_lines(out / "nordlicht-analytik-gmbh" / folder / "letter.pdf")
        said = texts(lines)
        assert warm in said and "Herzliche Grüße" in said
        assert said[said.index(warm) + 1].startswith("ganz herzlichen Dank")
    out = rendered("letters", str(base / "brief"), "--locale", "de_DE", "--template", "brief", "-i", "Anna Weber")
    lines, _ = page_lines(out / "letters.pdf")
    assert "Unser Gespräch zur Position Senior Data Analyst" in texts(lines) and "Mit freundlichen Grüßen" in texts(lines)


def test_a_users_own_german_template_may_say_betreff(tmp_path, write):
    template = write(
        "mein-brief.j2",
        "Betreff: Danke für das Gespräch am {{ interview.date }}\n\n{{ greeting }},\n\n"
        "herzlichen Dank für das Gespräch.\n\n{{ letter.closing }}\n",
    )
    result = invoke("letters", GERMAN, "-o", tmp_path / "out", "--template", template, "--locale", "de_DE", "--date", DATE,
                    "-i", "Thomas Schmidt")
    assert result.exit_code == 0, result.output
    said = texts(page_lines(tmp_path / "out/letters.pdf")[0])
    assert "Danke für das Gespräch am 24. November 2026" in said
    assert "Sehr geehrter Herr Prof. Dr. Schmidt," in said and "Mit freundlichen Grüßen" in said


def test_a_built_in_tone_without_a_german_version_is_a_usage_error(tmp_path, monkeypatch):
    import shutil

    from followup import templating
    from followup.resources import templates_dir

    copy = tmp_path / "templates"
    shutil.copytree(templates_dir(), copy)
    (copy / "letter/cheerful.j2").write_text("Dear {{ salutation }},\n\nThanks!\n\n{{ letter.closing }}\n", encoding="utf-8")
    monkeypatch.setattr(templating, "templates_dir", lambda: copy)
    result = invoke("letters", GERMAN, "-o", tmp_path / "out", "--template", "cheerful", "--locale", "de_DE")
    assert result.exit_code == 2
    assert result.stderr.startswith("error: the letter template 'cheerful' has no German version (there are: brief, formal, warm)")
    assert not (tmp_path / "out").exists()
    # in English it is there
    result = invoke("letters", GERMAN, "-o", tmp_path / "en", "--template", "cheerful", "--locale", "en_GB", "--quiet")
    assert result.exit_code == 0, result.output


# -- emails and cards ---------------------------------------------------------------------------


def read_eml(path: Path):
    message = email.message_from_bytes(path.read_bytes(), policy=policy.default)
    return message["Subject"], message.get_body(("plain",)).get_content().replace("\r\n", "\n")  # SMTP line ends


@pytest.mark.parametrize(
    "tone, subject, greeting, closing",
    [
        ("formal", "Vielen Dank für das Gespräch am 24. November 2026 – Senior Data Analyst", "Sehr geehrte Frau Dr. Weber,", "Mit freundlichen Grüßen"),
        ("warm", "Vielen Dank für das Gespräch am Dienstag – Senior Data Analyst", "Liebe Frau Dr. Weber,", "Herzliche Grüße"),
        ("brief", "Vielen Dank – Senior Data Analyst", "Sehr geehrte Frau Dr. Weber,", "Beste Grüße"),
    ],
)
def test_german_email_drafts(base, tone, subject, greeting, closing):
    out = rendered("emails", str(base / f"emails-{tone}"), "--locale", "de_DE", "--template", tone)
    said_subject, body = read_eml(out / "nordlicht-analytik-gmbh/anna-weber/email.eml")
    assert said_subject == subject
    paragraphs = body.strip().split("\n\n")
    assert paragraphs[0] == greeting
    assert paragraphs[1][0].islower()  # the text goes on in lower case after the comma
    assert paragraphs[-1].splitlines()[:2] == [closing, "Jana Krüger"]
    assert "Dear" not in body and "Thank" not in body


@pytest.mark.parametrize("tone, greeting, closing", [("warm", "Liebe Frau Dr. Weber,", "Herzliche Grüße"), ("formal", "Sehr geehrte Frau Dr. Weber,", "Mit freundlichen Grüßen"), ("brief", "Sehr geehrte Frau Dr. Weber,", "Viele Grüße")])
def test_german_cards(base, tone, greeting, closing):
    import subprocess

    out = rendered("cards", str(base / f"cards-{tone}"), "--locale", "de_DE", "--template", tone, "-i", "Anna Weber")
    text = subprocess.run(["pdftotext", "-layout", out / "nordlicht-analytik-gmbh/anna-weber/card.pdf", "-"], capture_output=True, text=True, check=True).stdout
    rows = [row.strip() for row in text.splitlines() if row.strip()]
    assert greeting in rows and closing in rows and "Jana Krüger" in rows
    assert rows[rows.index(greeting) + 1][0].islower()
    assert "24. November 2026" in text or "Dienstag" in text


# -- spelling -----------------------------------------------------------------------------------


def test_a_german_note_is_proofread_in_german(cli, write):
    result = cli("check", GERMAN, "--locale", "de_DE", "--date", DATE)
    assert "[spelling" not in result.stdout + result.stderr  # not one German word taken for an English typo
    source = write("tippfehler.yaml", GERMAN.read_text(encoding="utf-8").replace(
        "Ich betreue zwei Nachwuchsanalystinnen", "Ich betreue zwei Nachwuchsanalystinnen sehr gerne, das Gesprch war schoen, und"
    ))
    result = cli("check", source, "--locale", "de_DE", "--date", DATE)
    found = [row for row in (result.stdout + result.stderr).splitlines() if "[spelling" in row]
    assert len(found) == 2, found
    assert '"Gesprch" is not in the dictionary: did you mean "Gespräch"?' in found[0] + found[1]
    assert '"schoen" is not in the dictionary' in found[0] + found[1]


def test_german_envelopes_say_herrn_as_the_letter_does(base):
    import subprocess

    out = base / "envelopes"
    result = invoke("envelopes", GERMAN, "-o", out, "--locale", "de_DE", "--quiet")  # (an envelope carries no date)
    assert result.exit_code == 0, result.output
    text = subprocess.run(["pdftotext", out / "envelopes.pdf", "-"], capture_output=True, text=True, check=True).stdout
    rows = [row.strip() for row in text.splitlines()]
    assert "Herrn Prof. Dr. Thomas Schmidt" in rows and "Frau Dr. Anna Weber" in rows and "Kim Bauer" in rows


def test_names_and_short_texts_in_a_german_file_are_not_typos(cli, write):
    source = write("namen.yaml", GERMAN.read_text(encoding="utf-8").replace(
        'forgot_to_say: "Ich betreue zwei Nachwuchsanalystinnen und würde das gern weiterhin tun."',
        # names mid-sentence are one letter from German words (Jens/jene, Friedrich/friedlich): not typos
        'forgot_to_say: "Ich habe mit Jens und Friedrich über Priya und das Team von Luigi gesprochen, und das Gesprch war gut."',
    ).replace('topics: ["den Ablauf des weiteren Verfahrens"]', 'note: "Danke für die Zeit."'))
    result = cli("check", source, "--locale", "de_DE", "--date", DATE)
    found = [row for row in (result.stdout + result.stderr).splitlines() if "[spelling" in row]
    assert len(found) == 1 and '"Gesprch" is not in the dictionary: did you mean "Gespräch"?' in found[0], found


@pytest.mark.parametrize(
    "honorific, formal, warm, address",
    [
        ("Mrs.", "Sehr geehrte Frau Weber", "Liebe Frau Weber", "Frau Anna Weber"),
        ("Herr", "Sehr geehrter Herr Weber", "Lieber Herr Weber", "Herrn Anna Weber"),
        ("Ms. Dr.", "Sehr geehrte Frau Dr. Weber", "Liebe Frau Dr. Weber", "Frau Dr. Anna Weber"),
        ("Frau Professor", "Sehr geehrte Frau Professor Weber", "Liebe Frau Professor Weber", "Frau Professor Anna Weber"),
        ("Mx.", "Guten Tag Anna Weber", "Guten Tag Anna Weber", "Anna Weber"),
        (None, "Guten Tag Anna Weber", "Guten Tag Anna Weber", "Anna Weber"),
    ],
)
def test_german_salutations_from_honorifics(honorific, formal, warm, address):
    from followup.model import Interviewer
    from followup.names import address_name, full_formal_name, german_salutation

    person = Interviewer(name="Anna Weber", honorific=honorific)
    assert german_salutation(person, "formal") == german_salutation(person, "brief") == formal
    assert german_salutation(person, "warm") == warm
    assert address_name(person, "de_AT") == address
    assert address_name(person, "en_US") == full_formal_name(person, "en_US")  # English addresses as before


def test_the_pdf_says_brief_an(base):
    from pypdf import PdfReader

    out = rendered("letters", str(base / "letters-din-b"), "--locale", "de_DE", "--window", "din-b")
    assert PdfReader(out / "nordlicht-analytik-gmbh/anna-weber/letter.pdf").metadata.title == "Brief an Frau Dr. Anna Weber"


def test_check_warns_of_english_texts_in_german_notes(cli):
    result = cli("check", PANEL, "--locale", "de_DE", "--date", DATE)
    rows = [row for row in (result.stdout + result.stderr).splitlines() if "[language" in row]
    # the panel example's notes are English sentences: each is named, with what to do
    assert any("interviewers[2].note: this text is written in English, but --locale de_DE writes the notes in German" in row for row in rows)
    assert all("write it in German" in row for row in rows) and len(rows) >= 4
    # the German example is German throughout; in English the check stays quiet about language
    assert "[language" not in cli("check", GERMAN, "--locale", "de_DE", "--date", DATE).stdout
    assert "[language" not in cli("check", PANEL, "--locale", "en_US", "--date", DATE).stdout


def test_render_proofreads_in_the_locale_it_writes(cli, tmp_path):
    # render proofreads first with its own --locale: English notes in a German run are named before writing
    result = cli("render", PANEL, "-o", tmp_path / "out", "--locale", "de_DE", "--date", DATE, "--only", "emails")
    assert result.exit_code == 0
    assert "warning: " in result.stderr and "interviewers[2].note: this text is written in English, but --locale de_DE" in result.stderr
    english = cli("render", PANEL, "-o", tmp_path / "en", "--locale", "en_US", "--date", DATE, "--only", "emails")
    assert english.exit_code == 0 and "written in English" not in english.stderr


def test_a_users_german_template_is_proofread_in_german(cli, write):
    # short lines, no function words to tell the language by: the locale says it
    template = write("danke.j2", "Betreff: Herzlichen Dank\n\n{{ greeting }},\n\nherzlichen Dank!\n\nLiebe Grüße\n{{ candidate.name }}\n")
    result = cli("check", GERMAN, "--locale", "de_DE", "--date", DATE, "--template", template, "--format", "json")
    import json

    findings = [f for f in json.loads(result.stdout)["findings"] if f["code"] == "spelling" and f.get("file") == str(template)]
    assert findings == []  # "Herzlichen", "Liebe", "Grüße" are German words, not English typos
    typo = write("typo.j2", "Betreff: Danke\n\n{{ greeting }},\n\nherzlichen Dank für das Gesprch.\n\n{{ candidate.name }}\n")
    result = cli("check", GERMAN, "--locale", "de_DE", "--date", DATE, "--template", typo, "--format", "json")
    words = [f["message"] for f in json.loads(result.stdout)["findings"] if f["code"] == "spelling" and f.get("file") == str(typo)]
    assert len(words) == 1 and '"Gesprch"' in words[0] and "Gespräch" in words[0]
