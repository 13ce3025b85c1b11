"""The options CLI.md gives every product command, run through the CLI and read back from the files."""

from __future__ import annotations

import subprocess

import pytest

from conftest import PHONE

# CLI.md: "Options shared by the product commands" (--jobs is `render`'s alone)
SHARED = ("--out", "-o", "--interviewer", "-i", "--template", "--locale", "--date", "--seed", "--quiet", "--debug")
WRITES = {
    "cards": "northwind-health/marcus-webb/card.pdf",
    "letters": "northwind-health/marcus-webb/letter.pdf",
    "envelopes": "northwind-health/marcus-webb/envelope.pdf",
    "labels": "labels.pdf",
    "emails": "northwind-health/marcus-webb/email.eml",
    "call-sheets": "northwind-health/marcus-webb/call-sheet.pdf",
    "render": "northwind-health/marcus-webb/email.eml",
}


def text_of(path) -> str:
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout


@pytest.mark.parametrize("command", list(WRITES))
def test_every_product_command_takes_every_shared_option(cli, tmp_path, command):
    help_text = cli(command, "--help").stdout
    assert [option for option in SHARED if option not in help_text] == []
    out = tmp_path / "out"
    only = ("--only", "emails") if command == "render" else ()
    result = cli(
        command, PHONE, *only, "--out", out, "--interviewer", "Marcus Webb", "--template", "formal",
        "--locale", "en_US", "--date", "2026-11-25", "--seed", "7", "--quiet",
    )
    assert result.exit_code == 0, result.output
    assert (out / WRITES[command]).is_file()


@pytest.mark.parametrize(
    "command, options, file",
    [
        ("envelopes", ("--template", "formal", "--date", "2026-01-02", "--seed", "7"), "envelopes.pdf"),
        ("envelopes", ("--handwritten", "--seed", "7"), "envelopes.pdf"),
        ("labels", ("--template", "formal", "--date", "2026-01-02", "--seed", "7"), "labels.pdf"),
        ("letters", ("--seed", "7"), "letters.pdf"),
        ("call-sheets", ("--seed", "7"), "call-sheets.pdf"),
        ("emails", ("--seed", "7"), "northwind-health/marcus-webb/email.eml"),
    ],
)
def test_options_said_to_change_nothing_change_nothing(cli, tmp_path, command, options, file):
    plain = () if "--handwritten" not in options else ("--handwritten",)
    first = cli(command, PHONE, "-o", tmp_path / "plain", "-q", "--date", "2026-11-25", *plain)
    second = cli(command, PHONE, "-o", tmp_path / "given", "-q", *(("--date", "2026-11-25") if "--date" not in options else ()), *options)
    assert (first.exit_code, second.exit_code) == (0, 0), first.output + second.output
    assert (tmp_path / "plain" / file).read_bytes() == (tmp_path / "given" / file).read_bytes()
    help_text = " ".join(cli(command, "--help").stdout.split())
    assert "--seed N" in help_text and "changes nothing (taken so one script can pass it to every command)" in help_text


@pytest.mark.parametrize("command", ["envelopes", "labels"])
def test_the_help_says_envelopes_and_labels_print_no_date(cli, command):
    help_text = " ".join(cli(command, "--help").stdout.split())
    assert "print no date, so it changes nothing" in help_text


@pytest.mark.parametrize("command", ["envelopes", "labels"])
def test_a_date_that_is_not_a_date_stops_envelopes_and_labels_too(cli, tmp_path, command):
    result = cli(command, PHONE, "-o", tmp_path / "out", "--date", "25/11/2026")
    assert result.exit_code == 2
    assert result.stderr == "error: --date '25/11/2026' is not a date: write it as YYYY-MM-DD, e.g. 2026-11-25\n"
    assert not (tmp_path / "out").exists()


def test_call_sheets_take_a_tone_as_render_gives_it_to_them(cli, tmp_path):
    sheets = {}
    for name, args in {
        "warm": ("call-sheets",),
        "formal": ("call-sheets", "--template", "formal"),
        "render": ("render", "--only", "call-sheets", "--template", "formal"),
    }.items():
        result = cli(*args, PHONE, "-o", tmp_path / name, "-q", "--date", "2026-11-25")
        assert result.exit_code == 0, result.output
        sheets[name] = tmp_path / name / "call-sheets.pdf"
    assert "Hi Marcus, this is Zoë Lindqvist." in " ".join(text_of(sheets["warm"]).split())
    assert "Hello Mr. Webb, this is Zoë Lindqvist." in " ".join(text_of(sheets["formal"]).split())
    assert sheets["formal"].read_bytes() == sheets["render"].read_bytes()


def test_call_sheets_refuse_a_template_that_is_neither_a_tone_nor_a_sheet(cli, tmp_path):
    result = cli("call-sheets", PHONE, "-o", tmp_path / "out", "--template", "chatty")
    assert result.exit_code == 2
    assert result.stderr == (
        "error: --template 'chatty': choose a tone (warm, formal, brief), the built-in sheet (default) "
        "or your own call-sheet .j2 file\n"
    )
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("command", ["cards", "letters", "envelopes", "labels", "emails", "call-sheets"])
def test_the_options_the_summary_tells_you_to_pass_are_taken(cli, tmp_path, command):
    out = tmp_path / "out"
    path = out / WRITES[command]
    assert cli(command, PHONE, "-o", out, "-q", "--date", "2026-11-25").exit_code == 0
    made = path.read_bytes()
    again = cli(command, PHONE, "-o", out, "--date", "2026-11-25")
    assert again.exit_code == 0 and "unchanged (--force renders them again)" in again.stdout
    forced = cli(command, PHONE, "-o", out, "--date", "2026-11-25", "--force")
    summary = forced.stdout.strip().splitlines()[-1]
    assert forced.exit_code == 0 and " written: " in summary and "unchanged" not in summary
    path.write_bytes(made + b"\n% my edit\n")
    kept = cli(command, PHONE, "-o", out, "-q", "--date", "2026-11-25")
    assert f"kept: {path} (you changed it since followup wrote it); not replaced: move it away, or pass --overwrite-edited" in kept.stderr
    replaced = cli(command, PHONE, "-o", out, "-q", "--date", "2026-11-25", "--overwrite-edited")
    assert replaced.exit_code == 0 and "kept:" not in replaced.stderr
    assert path.read_bytes() == made


@pytest.mark.parametrize("command", ["envelopes", "labels", "letters", "render"])
def test_a_paper_that_does_not_exist_is_the_same_error_line_for_every_command(cli, tmp_path, command):
    result = cli(command, PHONE, "-o", tmp_path / "out", "--paper", "legal")
    assert result.exit_code == 2
    assert result.stderr == "error: no paper called 'legal'; choose one of: letter, a4\n"
    assert not (tmp_path / "out").exists()
