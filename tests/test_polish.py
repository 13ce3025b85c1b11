"""Small things the user sees: one-line errors for bad choices, the return-address warning, German greetings."""

from __future__ import annotations

import json
import subprocess

import pytest

from conftest import EXAMPLES, PANEL, PHONE, run_followup

GERMAN = EXAMPLES / "german-interview.yaml"

# -- options with a fixed set of values: one `error:` line, exit 2, nothing written ----------------------

# (command and its arguments before --out, the line on stderr); every option that takes one of a few words
BAD_CHOICES = [
    (("envelopes", PANEL, "--for", "box"), "error: --for 'box': choose one of card, letter"),
    (("envelopes", PANEL, "--for=box"), "error: --for 'box': choose one of card, letter"),
    (("envelopes", PANEL, "--for", "Card"), "error: --for 'Card': choose one of card, letter"),
    (("envelopes", PANEL, "--feed", "up"), "error: --feed 'up': choose one of center, left, right"),
    (("envelopes", PANEL, "--feed", "left", "--sheet", "legal"), "error: --sheet 'legal': choose one of letter, a4"),
    (("check", PANEL, "--format", "xml"), "error: --format 'xml': choose one of text, json"),
    # checked by the library, in its words: already one line
    (("envelopes", PANEL, "--paper", "legal"), "error: no paper called 'legal'; choose one of: letter, a4"),
    (("labels", PANEL, "--paper", "legal"), "error: no paper called 'legal'; choose one of: letter, a4"),
    (("letters", PANEL, "--paper", "legal"), "error: no paper called 'legal'; choose one of: letter, a4"),
    (("letters", PANEL, "--style", "indented"), "error: no letter style called 'indented'; choose one of: full-block, modified-block"),
    (("letters", PANEL, "--window", "c5"), "error: no window called 'c5'; choose one of: none, us10, us9, din-a, din-b"),
    (("cards", PANEL, "--guide", "--hand", "nope"), "error: --hand 'nope': choose one of small, medium, large"),
    (("render", PANEL, "--hand", "nope"), "error: --hand 'nope': choose one of small, medium, large"),
    (("render", PANEL, "--window", "c5"), "error: no window called 'c5'; choose one of: none, us10, us9, din-a, din-b"),
    (("render", PANEL, "--style", "indented"), "error: no letter style called 'indented'; choose one of: full-block, modified-block"),
    (("render", PANEL, "--paper", "legal"), "error: no paper called 'legal'; choose one of: letter, a4"),
    (("render", PANEL, "--only", "postcards"),
     "error: --only: no product called 'postcards'; choose from: emails, cards, letters, envelopes, labels, call-sheets"),
]


def _id(value) -> str:
    return " ".join(getattr(part, "name", str(part)) for part in value) if isinstance(value, tuple) else "-"


@pytest.mark.parametrize(("args", "line"), BAD_CHOICES, ids=_id)
def test_a_bad_choice_is_one_error_line(cli, tmp_path, args, line):
    out = tmp_path / "out"
    result = cli(*args, "--out", out)
    assert (result.exit_code, result.stderr, result.stdout) == (2, line + "\n", "")
    assert not out.exists()


def test_a_bad_calibration_sheet_is_one_error_line(cli, tmp_path):
    page = tmp_path / "out" / "calibration.pdf"
    result = cli("calibrate", "--sheet", "legal", "--out", page)
    assert (result.exit_code, result.stderr, result.stdout) == (2, "error: --sheet 'legal': choose one of letter, a4\n", "")
    assert not page.parent.exists()


def test_the_real_program_says_it_in_one_line(tmp_path):
    out = tmp_path / "out"
    done = run_followup("envelopes", PANEL, "--for", "box", "--out", out)
    assert (done.returncode, done.stderr, done.stdout) == (2, "error: --for 'box': choose one of card, letter\n", "")
    assert not out.exists()


def test_good_choices_still_work(cli, tmp_path):
    out = tmp_path / "out"
    result = cli("envelopes", PHONE, "--for", "letter", "--feed", "left", "--sheet", "a4", "--out", out, "-q")
    assert result.exit_code == 0, result.stderr
    info = subprocess.run(["pdfinfo", out / "envelopes.pdf"], capture_output=True, text=True, check=True).stdout
    assert "595.276 x 841.89 pts (A4)" in info  # the envelope placed on an A4 sheet for the side-feeding printer


def test_other_usage_errors_keep_clicks_message(cli, tmp_path):
    result = cli("envelopes", PANEL, "--bogus")
    assert result.exit_code == 2 and "No such option: --bogus" in result.stderr
    result = cli("envelopes")
    assert result.exit_code == 2 and "Missing argument 'FILE...'" in result.stderr


# -- the return-address warning ---------------------------------------------------------------------------------

WARNING = (
    "warning: {path}: candidate.address is missing, so the envelopes have no return address "
    "(the post office cannot return them): add it to print one\n"
)


def without_home(write, source=PHONE, name="no-home.yaml", replace=("", "")):
    """The example without the candidate's address (and with ``replace`` applied)."""
    text = source.read_text(encoding="utf-8")
    start = text.index("candidate:")
    start = text.index("  address:\n", start)
    end = text.index("\ninterview:") + 1
    return write(name, (text[:start] + "\n" + text[end:]).replace(*replace))


def pdf_text(path) -> str:
    return subprocess.run(["pdftotext", "-layout", path, "-"], capture_output=True, text=True, check=True).stdout


def test_render_warns_once_when_its_envelopes_have_no_return_address(cli, tmp_path, write):
    source = without_home(write, PANEL)  # four interviewers: one warning, for the file
    out = tmp_path / "out"
    result = cli("render", source, "--only", "envelopes,labels", "--out", out, "--quiet", "--jobs", "1")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == WARNING.format(path=source)
    # the words `envelopes` uses, exactly
    alone = cli("envelopes", source, "--out", tmp_path / "alone", "--quiet")
    assert alone.stderr == result.stderr
    # and it is true: the envelopes carry the delivery address only
    text = pdf_text(out / "envelopes.pdf")
    assert "Jordan Rivera" in text and "Alex Morgan" not in text and "Lovejoy" not in text


def test_render_without_envelopes_does_not_warn(cli, tmp_path, write):
    source = without_home(write)
    result = cli("render", source, "--only", "emails,labels", "--out", tmp_path / "out", "--quiet", "--jobs", "1")
    assert (result.exit_code, result.stderr) == (0, "")


def test_render_with_a_file_that_has_a_return_address_does_not_warn(cli, tmp_path):
    result = cli("render", PHONE, "--only", "envelopes", "--out", tmp_path / "out", "--quiet", "--jobs", "1")
    assert (result.exit_code, result.stderr) == (0, "")


def test_no_warning_when_no_one_is_sent_an_envelope(cli, tmp_path, write):
    # Marcus Webb is sent an email and a letter only (send:): no envelope, so nothing to warn about
    source = without_home(write, replace=("  - name: Marcus Webb\n", "  - name: Marcus Webb\n    send: [email, letter]\n"))
    out = tmp_path / "out"
    result = cli("render", source, "--only", "emails,envelopes", "--out", out, "--quiet", "--jobs", "1")
    assert (result.exit_code, result.stderr) == (0, "")
    assert (out / "northwind-health/marcus-webb/email.eml").is_file()
    assert not list(out.rglob("envelope*.pdf"))
    result = cli("envelopes", source, "--out", tmp_path / "alone", "--quiet")
    assert (result.exit_code, result.stderr) == (0, "")


def test_the_warning_follows_the_chosen_interviewers_send(cli, tmp_path, write):
    # on the panel only Jordan Rivera is sent an envelope: choosing her warns, choosing Sam Lee does not
    text = PANEL.read_text(encoding="utf-8")
    people = text[text.index("interviewers:"):]
    names = [line.split("name: ", 1)[1] for line in people.splitlines() if line.startswith("  - name: ")]
    assert names[0] == "Jordan Rivera" and len(names) == 4
    source = without_home(write, PANEL)
    edited = source.read_text(encoding="utf-8")
    for name in names[1:]:
        edited = edited.replace(f"  - name: {name}\n", f"  - name: {name}\n    send: [email]\n")
    source.write_text(edited, encoding="utf-8")
    result = cli("render", source, "--only", "envelopes", "-i", "Jordan Rivera", "--out", tmp_path / "one", "--quiet", "--jobs", "1")
    assert (result.exit_code, result.stderr) == (0, WARNING.format(path=source))
    result = cli("render", source, "--only", "envelopes", "-i", names[1], "--out", tmp_path / "other", "--quiet", "--jobs", "1")
    assert (result.exit_code, result.stderr) == (0, "")


# -- German greetings that name the wrong person ---------------------------------------------------------------


def german_check(cli, tmp_path, write, greeting: str, closing: str = "Mit freundlichen Grüßen"):
    """``followup check`` of the German example with an email template of our own: the salutation-mismatch findings."""
    template = write(
        "mein-dank.j2",
        f"Betreff: Vielen Dank für das Gespräch\n\n{greeting}\n\nherzlichen Dank für Ihre Zeit am {{{{ interview.date }}}}.\n\n"
        f"{closing}\n{{{{ candidate.name }}}}\n",
    )
    result = cli("check", GERMAN, "--locale", "de_DE", "--template", template, "--product", "emails", "--date", "2026-11-24",
                 "--format", "json", "--out", tmp_path / "out")
    assert result.exit_code == 0, result.stderr
    findings = json.loads(result.stdout)["findings"]
    return [(f["interviewer"], f["field"], f["message"]) for f in findings if f["code"] == "salutation-mismatch"]


def mismatch(person: str, index: int, said: str):
    return (person, f"interviewers[{index}].name", f"the message greets \"{said}\", which is not {person}'s name: check the template")


PANEL_DE = ["Anna Weber", "Thomas Schmidt", "Kim Bauer"]


@pytest.mark.parametrize(
    ("greeting", "said"),
    [
        ("Sehr geehrte Frau Dr. Schulz,", "Frau Dr. Schulz"),
        ("Sehr geehrter Herr Prof. Dr. Vogel,", "Herr Prof. Dr. Vogel"),
        ("Liebe Frau Schulz,", "Frau Schulz"),
        ("Lieber Herr Vogel,", "Herr Vogel"),
        ("Guten Tag Eva Schulz,", "Eva Schulz"),
        ("Hallo Eva!", "Eva"),
    ],
)
def test_a_german_template_that_greets_someone_else(cli, tmp_path, write, greeting, said):
    assert german_check(cli, tmp_path, write, greeting) == [mismatch(person, index, said) for index, person in enumerate(PANEL_DE)]


def test_a_german_greeting_typed_in_is_right_for_the_one_it_names(cli, tmp_path, write):
    found = german_check(cli, tmp_path, write, "Sehr geehrte Frau Dr. Weber,")
    assert found == [mismatch("Thomas Schmidt", 1, "Frau Dr. Weber"), mismatch("Kim Bauer", 2, "Frau Dr. Weber")]


@pytest.mark.parametrize(
    ("greeting", "closing"),
    [
        ("{{ greeting }},", "Mit freundlichen Grüßen"),  # "Sehr geehrte Frau Dr. Weber", "Guten Tag Kim Bauer", ...
        ("Sehr geehrte Damen und Herren,", "Mit freundlichen Grüßen"),  # to no one in particular
        ("Guten Tag,", "Liebe Grüße"),  # a closing, not a greeting
        ("Hallo zusammen,", "Liebe Grüße,"),
        ("Guten Tag", "Viele Grüße"),  # a greeting alone on its line: the next line is not whom it greets
    ],
)
def test_german_greetings_that_name_no_one_wrongly(cli, tmp_path, write, greeting, closing):
    assert german_check(cli, tmp_path, write, greeting, closing) == []


def test_an_english_greeting_with_an_exclamation_mark(cli, tmp_path, write):
    template = write("hi.j2", "Subject: Thank you\n\nHi Jordan!\n\nThank you for your time.\n\nBest,\n{{ candidate.name }}\n")
    result = cli("check", PANEL, "--template", template, "--product", "emails", "--date", "2026-11-24", "--format", "json",
                 "--out", tmp_path / "out")
    found = [(f["interviewer"], f["message"]) for f in json.loads(result.stdout)["findings"] if f["code"] == "salutation-mismatch"]
    # "Jordan!" is Jordan: only the other three are greeted wrongly, and the name is quoted without the "!"
    assert [person for person, _ in found] == ["Siobhán O'Brien", "Łukasz Müller-Nguyễn", "田中 優希"]
    assert {message.split(",")[0] for _, message in found} == {'the message greets "Jordan"'}


def test_the_built_in_german_greetings_are_not_taken_for_mismatches(cli, tmp_path):
    for tone in ("formal", "warm", "brief"):
        result = cli("check", GERMAN, "--locale", "de_DE", "--template", tone, "--date", "2026-11-24", "--format", "json",
                     "--out", tmp_path / "out")
        assert result.exit_code == 0, result.stderr
        assert [f for f in json.loads(result.stdout)["findings"] if f["code"] == "salutation-mismatch"] == []


def test_a_letter_template_that_greets_someone_else_is_caught_without_emails(cli, tmp_path, write):
    # only letters proofread: the letter's own merged text is read, not the email's
    template = write("letter.j2", "Subject: Thank you\n\nDear Jordan,\n\nThank you for your time on {{ interview.date }}.\n\nSincerely,\n")
    result = cli("check", PANEL, "--template", template, "--product", "letters", "--date", "2026-11-24", "--format", "json",
                 "--out", tmp_path / "out")
    assert result.exit_code == 0, result.stderr
    found = [f["interviewer"] for f in json.loads(result.stdout)["findings"] if f["code"] == "salutation-mismatch"]
    assert found == ["Siobhán O'Brien", "Łukasz Müller-Nguyễn", "田中 優希"]


def test_a_card_template_that_greets_someone_else_is_caught_without_emails(cli, tmp_path, write):
    template = write("card.j2", "Dear Jordan,\n\nThank you for the conversation on {{ interview.date }}.\n\nWarmly,\n{{ candidate.name }}\n")
    result = cli("check", PANEL, "--template", template, "--product", "cards", "--date", "2026-11-24", "--format", "json",
                 "--out", tmp_path / "out")
    assert result.exit_code == 0, result.stderr
    found = [f["interviewer"] for f in json.loads(result.stdout)["findings"] if f["code"] == "salutation-mismatch"]
    assert found == ["Siobhán O'Brien", "Łukasz Müller-Nguyễn", "田中 優希"]
