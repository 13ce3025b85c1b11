"""init --interactive (scripted answers, piped and in-process, interrupted), the profile, and add."""

from __future__ import annotations

import datetime as dt
import io
import os
import select
import signal
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from conftest import PANEL, ROOT, run_followup
from followup.capture import describe, run_interview, spell_out
from followup.interview_yaml import new_file_text
from followup.loading import load_interview

PROFILE_ANSWERS = [
    "Alex Morgan",  # your name
    "alex.morgan@example",  # a bad email: asked again
    "alex.morgan@example.com",
    "+1 503 555 0142",
    "1420 NW Lovejoy St",  # street lines...
    "Apt 5",
    "",  # ...end
    "Portland",
    "OR",
    "97209",
    "",  # country: default US
]
INTERVIEW_ANSWERS = [
    "Acme Robotics",
    "Senior Data Analyst",
    "2026-11-24",
    "10:00",
    "video",
    "2",  # round by number: second
    "500 Market St",  # the company's address: street lines...
    "Floor 3",
    "",  # ...end
    "San Francisco",
    "CA",
    "94105",
    "",  # country: default, the candidate's
    # interviewer 1: typed without accents, corrected
    "Lukasz Muller",
    "n",
    "Łukasz Müller-Nguyễn",
    "y",
    "Mr.",
    "Staff Engineer",
    "lukasz@",  # invalid: asked again
    "lukasz.muller@acme.example",
    "the Q3 forecasting migration",
    "robot arms",
    "",
    "Thank you for the tour of the lab.",
    "y",  # another interviewer
    # interviewer 2
    "Jordan Rivera",
    "",  # spelled right (default yes)
    "Ms.",
    "Head of Analytics",
    "",  # no email
    "",  # no topics
    "",  # no note
    "",  # no more interviewers (default no)
    # for every note
    "five years of forecasting in Python",
    "leading a migration to dbt",
    "",
    "I also mentor two junior analysts.",
    "On pipelines: I meant Airflow, not Luigi.",
]


def _answers(lines: list[str]) -> str:
    return "\n".join(lines) + "\n"


@pytest.fixture
def config(tmp_path, monkeypatch):
    """An empty config folder for the profile, for in-process and subprocess runs alike."""
    folder = tmp_path / "config"
    monkeypatch.setenv("FOLLOWUP_CONFIG_DIR", str(folder))
    return folder


@pytest.fixture
def fixed_clock(monkeypatch):
    import followup.cli.capture as module

    now = dt.datetime(2026, 11, 25, 14, 0, tzinfo=dt.timezone.utc)
    monkeypatch.setattr(module, "clock", lambda: now)
    return now


def _invoke(args, input, cwd: Path):
    """Run in-process with ``input`` as stdin, from ``cwd``."""
    from followup.cli import app

    old = Path.cwd()
    os.chdir(cwd)
    try:
        return CliRunner().invoke(app, [str(arg) for arg in args], input=input, catch_exceptions=False)
    finally:
        os.chdir(old)


# ---- piped answers, as a real process ----------------------------------------------------------------


def test_piped_answers_write_a_file_that_loads_and_checks(tmp_path, config, cli):
    result = run_followup("init", "--interactive", cwd=tmp_path, input=_answers(PROFILE_ANSWERS + INTERVIEW_ANSWERS))
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    out = result.stdout
    # the letter-by-letter reading of the corrected name, and the retried emails
    assert "letter by letter: Ł (L with stroke) u k a s z  |  M ü (u with diaeresis) l l e r - N g u y ễ (e with circumflex and tilde) n" in out
    assert 'letter by letter: L u k a s z' not in out  # plain ASCII is only confirmed, not spelled out
    assert out.count('not an email address ("lukasz@")') == 1
    assert out.count('not an email address ("alex.morgan@example")') == 1
    assert "wrote interview.yaml (2 interviewers)" in out

    path = tmp_path / "interview.yaml"
    model = load_interview(path)
    assert model.candidate.name == "Alex Morgan"
    assert model.candidate.email == "alex.morgan@example.com"
    assert model.candidate.address.lines == ["1420 NW Lovejoy St", "Apt 5"]
    assert model.candidate.address.postal_code == "97209"
    assert model.candidate.address.country == "US"
    meeting = model.interview
    assert (meeting.company, meeting.position, meeting.date, meeting.time) == (
        "Acme Robotics", "Senior Data Analyst", dt.date(2026, 11, 24), dt.time(10, 0)
    )
    assert (meeting.format.value, meeting.round.value) == ("video", "second")
    first, second = model.interviewers
    assert first.name == "Łukasz Müller-Nguyễn"
    assert (first.honorific, first.title, first.email) == ("Mr.", "Staff Engineer", "lukasz.muller@acme.example")
    assert first.topics == ["the Q3 forecasting migration", "robot arms"]
    assert first.note == "Thank you for the tour of the lab."
    assert (second.name, second.honorific, second.title, second.email, second.topics, second.note) == (
        "Jordan Rivera", "Ms.", "Head of Analytics", None, [], None
    )
    assert model.message.highlights == ["five years of forecasting in Python", "leading a migration to dbt"]
    assert model.message.forgot_to_say == "I also mentor two junior analysts."
    assert model.message.clarify == "On pipelines: I meant Airflow, not Luigi."

    text = path.read_text(encoding="utf-8")
    assert text.startswith("# followup interview file, written by `followup init --interactive`")
    assert "format: video                         # in-person | phone | video" in text
    assert 'time: "10:00"' in text  # quoted: a YAML 1.1 reader would take 10:00 for 600
    assert cli("check", path).exit_code == 0

    # the candidate is remembered
    remembered = (config / "candidate.yaml").read_text(encoding="utf-8")
    assert "name: Alex Morgan" in remembered and "email: alex.morgan@example.com" in remembered


def test_the_profile_is_asked_once_and_an_existing_file_is_never_overwritten(tmp_path, config):
    first = run_followup("init", "--interactive", cwd=tmp_path, input=_answers(PROFILE_ANSWERS + INTERVIEW_ANSWERS))
    assert first.returncode == 0, first.stderr
    before = (tmp_path / "interview.yaml").read_bytes()

    # the second time: no questions about the candidate, and a new file name
    second = run_followup("init", "--interactive", cwd=tmp_path, input=_answers(INTERVIEW_ANSWERS))
    assert second.returncode == 0, second.stderr
    assert "Your name" not in second.stdout
    assert f"Signing as Alex Morgan (from {config / 'candidate.yaml'})." in second.stdout
    assert "interview.yaml already exists: writing interview-2.yaml instead" in second.stdout
    assert (tmp_path / "interview.yaml").read_bytes() == before
    again = load_interview(tmp_path / "interview-2.yaml")
    assert again.candidate.name == "Alex Morgan" and again.candidate.address.city == "Portland"


def test_in_process_answers_and_the_date_from_the_clock(tmp_path, config, fixed_clock, cli):
    answers = INTERVIEW_ANSWERS.copy()
    answers[2] = ""  # the date: today, from the clock
    answers[3] = ""  # no time
    result = _invoke(["init", "--interactive", "talk.yaml"], _answers(PROFILE_ANSWERS + answers), tmp_path)
    assert result.exit_code == 0, result.output
    assert "Date (YYYY-MM-DD) [2026-11-25]: " in result.stdout
    model = load_interview(tmp_path / "talk.yaml")
    assert model.interview.date == dt.date(2026, 11, 25)
    assert model.interview.time is None
    assert [person.name for person in model.interviewers] == ["Łukasz Müller-Nguyễn", "Jordan Rivera"]
    assert cli("check", tmp_path / "talk.yaml").exit_code == 0


def test_answers_that_end_midway_write_nothing(tmp_path, config):
    answers = PROFILE_ANSWERS + INTERVIEW_ANSWERS[:23]  # stops among the first interviewer's topics
    result = run_followup("init", "--interactive", cwd=tmp_path, input=_answers(answers))
    assert result.returncode == 2
    assert result.stderr == (
        'error: the answers ended at "Topics you talked about", before the interview was complete: '
        "nothing was written\n"
    )
    assert sorted(path.name for path in tmp_path.iterdir()) == []  # no file, no profile, no leftovers


class _InterruptedStdin(io.BytesIO):
    """Standard input that gives its answers, then behaves as if Ctrl-C was pressed."""

    def read(self, size=-1):
        data = super().read(size)
        if size != 0 and not data:
            raise KeyboardInterrupt
        return data

    def read1(self, size=-1):
        data = super().read1(size)
        if size != 0 and not data:
            raise KeyboardInterrupt
        return data


def test_ctrl_c_in_process_writes_nothing(tmp_path, config):
    # click's own runner takes a stream as input (typer's takes text only)
    from click.testing import CliRunner as ClickRunner
    from typer.main import get_command

    from followup.cli import app

    answers = _answers(PROFILE_ANSWERS + INTERVIEW_ANSWERS[:9]).encode()
    old = Path.cwd()
    os.chdir(tmp_path)
    try:
        result = ClickRunner().invoke(get_command(app), ["init", "--interactive"], input=_InterruptedStdin(answers))
    finally:
        os.chdir(old)
    assert result.exit_code == 130
    assert result.stderr == "interrupted: nothing was written\n"
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(sys.platform == "win32", reason="SIGINT to a child process is a POSIX thing")
def test_ctrl_c_in_a_real_process_writes_nothing(tmp_path, config):
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    process = subprocess.Popen(
        [sys.executable, "-m", "followup", "init", "--interactive"],
        cwd=tmp_path, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )
    try:
        process.stdin.write(_answers(PROFILE_ANSWERS + INTERVIEW_ANSWERS[:15]).encode())
        process.stdin.flush()
        seen = b""
        while b"Type the name as it should be" not in seen:  # waiting at the spelling correction
            ready, _, _ = select.select([process.stdout], [], [], 30)
            assert ready, f"no prompt within 30 s; got {seen[-300:]!r}"
            chunk = os.read(process.stdout.fileno(), 4096)
            assert chunk, f"the process ended early: {seen[-300:]!r}"
            seen += chunk
        process.send_signal(signal.SIGINT)
        _, stderr = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 130
    assert stderr.decode().strip().endswith("interrupted: nothing was written")
    assert list(tmp_path.iterdir()) == []


def test_init_without_interactive_writes_the_starter_and_never_overwrites(tmp_path, fixed_clock, cli):
    path = tmp_path / "starter.yaml"
    result = cli("init", path)
    assert result.exit_code == 0
    assert load_interview(path).interview.date == dt.date(2026, 11, 25)
    before = path.read_bytes()
    again = cli("init", path)
    assert again.exit_code == 2
    assert again.stderr == f"error: {path} already exists: choose another name, e.g. followup init interview-2.yaml\n"
    assert path.read_bytes() == before


def test_interactive_needs_a_yaml_name(tmp_path, config, cli):
    result = cli("init", "--interactive", tmp_path / "interview.toml")
    assert result.exit_code == 2
    assert "init --interactive writes YAML" in result.stderr
    assert list(tmp_path.iterdir()) == []


# ---- the questionnaire itself, over a scripted console ------------------------------------------------


class Scripted:
    """A console that answers from a list and records everything said."""

    def __init__(self, answers):
        self.answers = list(answers)
        self.transcript: list[str] = []

    def ask(self, prompt: str) -> str:
        if not self.answers:
            raise EOFError(prompt)
        answer = self.answers.pop(0)
        if answer is KeyboardInterrupt:
            raise KeyboardInterrupt
        self.transcript.append(prompt + answer)
        return answer

    def say(self, text: str = "") -> None:
        self.transcript.append(text)


PROFILE = {"name": "Alex Morgan", "email": "alex.morgan@example.com"}


def test_questionnaire_retries_and_choices():
    console = Scripted([
        "Acme", "Analyst", "24/11/2026", "2026-02-30", "2026-11-24", "25:00", "9.30", "v", "fin", "",
        "Siobhán O'Brien", "y", "", "", "", "", "", "y",
        "siobhán o'brien", "y", "n", "Sam Lee", "y", "", "", "", "", "", "",
        "", "", "",
    ])
    captured = run_interview(console, today=dt.date(2026, 11, 25), profile=PROFILE, glyphs=lambda text: None)
    said = "\n".join(console.transcript)
    assert 'not a date ("24/11/2026"): write it as YYYY-MM-DD, e.g. 2026-11-24: try again' in said
    assert 'no such day ("2026-02-30")' in said
    assert 'not a time ("25:00")' in said
    assert "letter by letter: S i o b h á (a with acute) n  |  O ' B r i e n" in said
    assert "You already added siobhán o'brien. Add them again?" in said
    interview = captured.data["interview"]
    assert (interview["date"], interview["time"], interview["format"], interview["round"]) == (
        dt.date(2026, 11, 24), "09:30", "video", "final"
    )
    assert [person["name"] for person in captured.data["interviewers"]] == ["Siobhán O'Brien", "Sam Lee"]
    assert captured.profile_is_new is False and captured.candidate == PROFILE
    assert captured.data["message"] == {"highlights": []}


def test_questionnaire_refuses_a_character_no_font_draws():
    console = Scripted(["Acme", "Analyst", "", "", "", "", "", "Sam \U00013000", "Sam Lee", "y", "", "", "", "", "", "", "", "", ""])
    captured = run_interview(console, today=dt.date(2026, 11, 25), profile=PROFILE)
    assert any("no bundled font can draw '\U00013000' (U+13000" in line for line in console.transcript)
    assert captured.data["interviewers"][0]["name"] == "Sam Lee"


def test_questionnaire_passes_interrupts_and_end_of_input_through():
    with pytest.raises(KeyboardInterrupt):
        run_interview(Scripted(["Acme", KeyboardInterrupt]), today=dt.date(2026, 11, 25), profile=PROFILE)
    with pytest.raises(EOFError):
        run_interview(Scripted(["Acme"]), today=dt.date(2026, 11, 25), profile=PROFILE)


@pytest.mark.parametrize(
    ("char", "reading"),
    [("Ł", "L with stroke"), ("ü", "u with diaeresis"), ("ß", "sharp s"), ("ẞ", "capital sharp s"),
     ("ı", "dotless i"), ("а", "cyrillic small letter a"), ("山", "CJK ideograph U+5C71"), ("’", "right single quotation mark")],
)
def test_describe_reads_letters_out(char, reading):
    assert describe(char) == reading


def test_spell_out_marks_only_unusual_letters():
    assert spell_out("Zoë Ng") == "Z o ë (e with diaeresis)  |  N g"


# ---- add --------------------------------------------------------------------------------------------------


def _comments(text: str) -> list[str]:
    """Every comment of a YAML text (whole-line and end-of-line), in order."""
    found = []
    for line in text.splitlines():
        if "#" in line:
            found.append(line[line.index("#"):].strip())
    return found


VCARD = """BEGIN:VCARD
VERSION:3.0
N:Kowalska;Zofia;;Dr.;
FN:Zofia Kowalska
ORG:Acme Robotics
TITLE:VP Engineering
EMAIL:zofia.kowalska@acme.example
END:VCARD
"""


def test_add_a_business_card_keeps_comments_and_order(tmp_path, write, cli):
    path = write("interview.yaml", PANEL.read_text(encoding="utf-8"))
    before = path.read_text(encoding="utf-8")
    card = write("card.vcf", VCARD)
    result = cli("add", path, "--vcard", card)
    assert result.exit_code == 0, result.output
    assert result.stdout == f"added to {path}: Zofia Kowalska\n"
    after = path.read_text(encoding="utf-8")
    assert _comments(after) == _comments(before) and len(_comments(before)) >= 2
    assert after.startswith(before)  # everything that was there is there, byte for byte
    assert after[len(before):] == (
        "\n"
        "  - name: Zofia Kowalska\n"
        "    honorific: Dr.\n"
        "    given_name: Zofia\n"
        "    family_name: Kowalska\n"
        "    title: VP Engineering\n"
        "    email: zofia.kowalska@acme.example\n"
    )
    model = load_interview(path)
    assert [person.name for person in model.interviewers][-1] == "Zofia Kowalska"
    assert cli("check", path).exit_code == 0

    # the same card again: skipped, with a warning, and the file is not touched
    again = cli("add", path, "--vcard", card)
    assert again.exit_code == 0
    assert again.stderr == f"warning: skipped Zofia Kowalska: already in {path}\n"
    assert path.read_text(encoding="utf-8") == after


def test_add_by_name_into_a_starter_file(tmp_path, fixed_clock, cli):
    path = tmp_path / "interview.yaml"
    assert cli("init", path).exit_code == 0
    before = path.read_text(encoding="utf-8")
    result = cli(
        "add", path, "--name", "Nguyễn Văn An", "--honorific", "Mr.", "--title", "CTO", "--email", "an@acme.example",
        "--topic", "hiring plans", "--topic", "the roadmap, for 2027", "--note", "Thanks for the coffee.",
    )
    assert result.exit_code == 0, result.output
    after = path.read_text(encoding="utf-8")
    assert _comments(after) == _comments(before)
    person = load_interview(path).interviewers[-1]
    assert (person.name, person.honorific, person.title, person.email) == ("Nguyễn Văn An", "Mr.", "CTO", "an@acme.example")
    assert person.topics == ["hiring plans", "the roadmap, for 2027"]
    assert person.note == "Thanks for the coffee."


def test_add_a_name_already_there_is_refused(tmp_path, write, cli):
    path = write("interview.yaml", PANEL.read_text(encoding="utf-8"))
    before = path.read_bytes()
    result = cli("add", path, "--name", "jordan  RIVERA")
    assert result.exit_code == 2
    assert result.stderr == f"error: Jordan Rivera is already in {path} (line 37): edit that entry instead\n"
    assert path.read_bytes() == before


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--name", "Sam Lee", "--email", "sam@"], 'error: --email: not an email address ("sam@"), e.g. "jordan.rivera@acme.example"\n'),
        (["--name", "Sam \U00013000"], "no bundled font can draw '\U00013000'"),
        (["--title", "CTO"], "error: give exactly one of --vcard FILE, --csv FILE or --name NAME"),
        (["--name", "A", "--csv", "x.csv"], "error: give exactly one of --vcard FILE, --csv FILE or --name NAME (got --csv and --name)\n"),
    ],
)
def test_add_errors_leave_the_file_untouched(tmp_path, write, cli, args, message):
    path = write("interview.yaml", PANEL.read_text(encoding="utf-8"))
    before = path.read_bytes()
    result = cli("add", path, *args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["interview.yaml"]  # no temporary file left


def test_add_from_csv_keeps_an_unusual_indentation(tmp_path, write, cli):
    text = (
        "# four-space file\n"
        "candidate:\n"
        "    name: Alex Morgan   # me\n"
        "interview:\n"
        "    company: Acme Robotics\n"
        "    position: Analyst\n"
        "    date: 2026-11-24\n"
        "interviewers:\n"
        "-   name: Jordan Rivera\n"
        "    topics: [dbt]\n"
        "# the end\n"
    )
    path = write("interview.yaml", text)
    contacts = write(
        "contacts.csv",
        "name,title,email,topics\nJordan Rivera,Head of Analytics,,\nSiobhán O'Brien,Director,siobhan@acme.example,monitoring;A/B tests\n",
    )
    result = cli("add", path, "--csv", contacts)
    assert result.exit_code == 0, result.output
    assert result.stderr == f"warning: skipped Jordan Rivera: already in {path}\n"
    after = path.read_text(encoding="utf-8")
    assert _comments(after) == ["# four-space file", "# me", "# the end"]
    assert "-   name: Siobhán O'Brien\n    title: Director\n" in after
    assert [p.name for p in load_interview(path).interviewers] == ["Jordan Rivera", "Siobhán O'Brien"]
    assert load_interview(path).interviewers[1].topics == ["monitoring", "A/B tests"]


def test_add_reports_a_bad_card_where_it_is(tmp_path, write, cli):
    path = write("interview.yaml", PANEL.read_text(encoding="utf-8"))
    card = write("card.vcf", "BEGIN:VCARD\nVERSION:3.0\nFN:Sam Lee\nEMAIL:sam-at-acme\nEND:VCARD\n")
    result = cli("add", path, "--vcard", card)
    assert result.exit_code == 2
    assert result.stderr == f'error: {card}:1: email: not an email address ("sam-at-acme"), e.g. "jordan.rivera@acme.example"\n'


def test_add_edits_yaml_only(tmp_path, write, cli):
    path = write("interview.json", "{}")
    result = cli("add", path, "--name", "Sam Lee")
    assert result.exit_code == 2
    assert "add edits YAML interview files only" in result.stderr


# ---- the written file round-trips whatever was typed ----------------------------------------------------

_typed = (
    st.text(st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp"), blacklist_characters="\ufeff\x85"), min_size=1, max_size=40)
    .map(lambda text: unicodedata.normalize("NFC", text).strip())
    .filter(bool)
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=_typed, title=_typed, topics=st.lists(_typed, max_size=3), note=_typed, highlight=_typed, company=_typed)
def test_any_typed_text_comes_back_from_the_written_file(tmp_path, name, title, topics, note, highlight, company):
    data = {
        "candidate": {"name": "Alex Morgan", "phone": "0142", "address": {"lines": [name], "postal_code": "01234", "country": "DE"}},
        "interview": {"company": company, "position": title, "date": dt.date(2026, 11, 24), "time": "09:05", "format": "phone", "round": "final"},
        "message": {"highlights": [highlight], "clarify": note},
        "interviewers": [{"name": name, "title": title, "topics": topics, "note": note}, {"name": "Sam Lee"}],
    }
    path = tmp_path / "round-trip.yaml"
    path.write_text(new_file_text(data, file_name=path.name, written_on="2026-11-25"), encoding="utf-8")
    model = load_interview(path)
    person = model.interviewers[0]
    assert (person.name, person.title, person.topics, person.note) == (name, title, topics, note)
    assert (model.interview.company, model.interview.position, model.interview.time) == (company, title, dt.time(9, 5))
    assert model.message.highlights == [highlight] and model.message.clarify == note
    assert model.candidate.phone == "0142" and model.candidate.address.postal_code == "01234"
    assert model.candidate.address.lines == [name]


# ---- the profile and the file name -------------------------------------------------------------------------


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="XDG is the Linux convention")
def test_the_profile_lives_in_the_xdg_config_folder(tmp_path, monkeypatch):
    from followup.profile import config_dir, load_profile, save_profile

    monkeypatch.delenv("FOLLOWUP_CONFIG_DIR", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    assert config_dir() == tmp_path / "xdg" / "followup"
    assert config_dir({"FOLLOWUP_CONFIG_DIR": str(tmp_path / "elsewhere")}) == tmp_path / "elsewhere"
    saved = save_profile(config_dir(), {"name": "Zoë Ng", "address": {"lines": ["1 Main St"], "postal_code": "01234", "country": "US"}})
    assert saved == tmp_path / "xdg" / "followup" / "candidate.yaml"
    assert load_profile(config_dir()) == {"name": "Zoë Ng", "address": {"lines": ["1 Main St"], "postal_code": "01234", "country": "US"}}


def test_a_broken_profile_is_reported_not_ignored(tmp_path, config):
    config.mkdir()
    (config / "candidate.yaml").write_text("name: Alex\nemail: alex@\n", encoding="utf-8")
    result = run_followup("init", "--interactive", cwd=tmp_path, input=_answers(INTERVIEW_ANSWERS))
    assert result.returncode == 2
    assert result.stderr == (
        f'error: {config / "candidate.yaml"}: email: not an email address ("alex@"), '
        'e.g. "jordan.rivera@acme.example": fix or delete the profile\n'
    )
    assert not (tmp_path / "interview.yaml").exists()


def test_on_a_terminal_another_name_is_asked_for(tmp_path):
    from followup.cli.capture import _choose_target

    (tmp_path / "interview.yaml").write_text("taken", encoding="utf-8")
    (tmp_path / "mine.yaml").write_text("taken", encoding="utf-8")
    console = Scripted([str(tmp_path / "mine"), ""])
    chosen = _choose_target(tmp_path / "interview.yaml", console, terminal=True)
    # "mine" became mine.yaml, which exists too: the next suggestion (mine-2.yaml) is taken by default
    assert chosen == tmp_path / "mine-2.yaml"
    assert console.transcript[0] == f"{tmp_path / 'interview.yaml'} already exists. Write to [{tmp_path / 'interview-2.yaml'}]: {tmp_path / 'mine'}"


# ---- on a real terminal (a pseudo-terminal): line editing, the file-name question, Ctrl-C as a key -----


def _controlling_terminal() -> None:
    import fcntl
    import termios

    os.setsid()
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


class _Terminal:
    """A child process on a pseudo-terminal; answers are typed after each prompt appears."""

    def __init__(self, cwd: Path, *args: str) -> None:
        import pty

        self.master, slave = pty.openpty()
        env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "followup", *args], cwd=cwd, env=env, stdin=slave, stdout=slave, stderr=slave,
            preexec_fn=_controlling_terminal,  # so the terminal turns a typed Ctrl-C into SIGINT, as a real one does
        )
        os.close(slave)
        self.seen = b""

    def _wait_for_prompt(self) -> None:
        # the whole prompt, trailing space included: readline writes it once the terminal is set up,
        # and a key typed before then can be lost
        while not self.seen.endswith((b": ", b"- ")):
            ready, _, _ = select.select([self.master], [], [], 30)
            assert ready, f"no prompt within 30 s; got {self.seen[-300:]!r}"
            self.seen += os.read(self.master, 4096)

    def type(self, line: str) -> None:
        self._wait_for_prompt()
        marker = len(self.seen)
        os.write(self.master, line.encode() + b"\n")
        while len(self.seen) == marker or not self.seen.endswith(b"\n") and b"\n" not in self.seen[marker:]:
            ready, _, _ = select.select([self.master], [], [], 30)
            assert ready, "the terminal did not echo the answer"
            self.seen += os.read(self.master, 4096)

    def finish(self, keys: bytes = b"") -> str:
        if keys:
            self._wait_for_prompt()
            os.write(self.master, keys)
        self.process.wait(timeout=60)
        while True:
            ready, _, _ = select.select([self.master], [], [], 0.2)
            if not ready:
                break
            try:
                chunk = os.read(self.master, 4096)
            except OSError:  # the other end is closed
                break
            if not chunk:
                break
            self.seen += chunk
        os.close(self.master)
        return self.seen.decode("utf-8", "replace")


@pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")
def test_on_a_terminal(tmp_path, config):
    (tmp_path / "interview.yaml").write_text("someone else's file", encoding="utf-8")
    terminal = _Terminal(tmp_path, "init", "--interactive")
    terminal.type("")  # interview.yaml exists: take the suggested interview-2.yaml
    for line in PROFILE_ANSWERS + INTERVIEW_ANSWERS:
        terminal.type(line)
    shown = terminal.finish()
    assert terminal.process.returncode == 0, shown
    assert "interview.yaml already exists. Write to [interview-2.yaml]:" in shown
    assert "wrote interview-2.yaml (2 interviewers)" in shown
    assert (tmp_path / "interview.yaml").read_text(encoding="utf-8") == "someone else's file"
    assert load_interview(tmp_path / "interview-2.yaml").interviewers[0].name == "Łukasz Müller-Nguyễn"

    # Ctrl-C typed as a key, mid-way: nothing is written (the profile neither: it was just saved above)
    again = _Terminal(tmp_path, "init", "--interactive", "second.yaml")
    for line in INTERVIEW_ANSWERS[:5]:
        again.type(line)
    shown = again.finish(b"\x03")
    assert again.process.returncode == 130, shown
    assert "interrupted: nothing was written" in shown
    assert not (tmp_path / "second.yaml").exists()
    assert sorted(path.name for path in tmp_path.iterdir()) == ["config", "interview-2.yaml", "interview.yaml"]


def test_add_keeps_windows_line_ends_and_a_byte_order_mark(tmp_path, cli):
    original = PANEL.read_text(encoding="utf-8").replace("\n", "\r\n")
    path = tmp_path / "interview.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + original.encode("utf-8"))
    result = cli("add", path, "--name", "Sam Lee")
    assert result.exit_code == 0 and result.stderr == ""
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf" + original.encode("utf-8"))
    assert data.endswith(b"\r\n\r\n  - name: Sam Lee\r\n")
    assert b"\n" not in data.replace(b"\r\n", b"")
