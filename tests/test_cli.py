"""The command line: help everywhere, exact error lines and exit statuses, nothing written on bad input."""

from __future__ import annotations

import email
import json
import subprocess
import sys
from email import policy

import pytest

from followup import __version__
from tests.conftest import PANEL, PHONE, ROOT, run_followup
from tests.test_loading import MINIMAL_YAML


def _commands():
    import typer.main

    from followup.cli import app

    return typer.main.get_command(app).commands


def test_every_command_and_option_has_help_text():
    commands = _commands()
    for name in ("init", "check", "emails", "render", "layouts", "templates", "fonts"):
        assert name in commands
    for name, command in commands.items():
        assert command.help and len(command.help) > 20, name
        for parameter in command.params:
            if parameter.param_type_name == "option":
                assert parameter.help, f"{name} {parameter.name}"


def test_version(cli):
    result = cli("--version")
    assert result.exit_code == 0 and result.stdout.strip() == f"followup {__version__}"


def test_init_then_check_passes(cli, tmp_path):
    path = tmp_path / "interview.yaml"
    result = cli("init", path)
    assert result.exit_code == 0, result.stderr
    assert "# followup interview file" in path.read_text()
    result = cli("check", path)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip() == "ok: 1 file checked, nothing to report"


def test_init_never_overwrites(cli, tmp_path):
    path = tmp_path / "interview.yaml"
    path.write_text("mine\n")
    result = cli("init", path)
    assert result.exit_code == 2
    assert result.stderr.strip() == f"error: {path} already exists: choose another name, e.g. followup init interview-2.yaml"
    assert path.read_text() == "mine\n"
    assert list(tmp_path.iterdir()) == [path]


def test_check_bundled_examples(cli):
    result = cli("check", "--date", "2026-11-25", PANEL, PHONE)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines() == ["ok: 2 files checked, nothing to report"]


def test_bad_input_one_error_line_exit_2_nothing_written(cli, write, tmp_path):
    good = write("good.yaml", MINIMAL_YAML)
    bad = write("bad.yaml", MINIMAL_YAML.replace("  - name: Jordan Rivera\n", "  - name: Jordan Rivera\n  - title: CTO\n"))
    out = tmp_path / "out"
    result = cli("render", good, bad, "-o", out)
    assert result.exit_code == 2
    assert result.stderr == f'error: {bad}:9: interviewers[1].name: required, e.g. "name: Jordan Rivera"\n'
    assert not out.exists()


def test_unknown_interviewer_is_a_usage_error(cli, tmp_path):
    result = cli("emails", PANEL, "-i", "Nobody Here", "-o", tmp_path)
    assert result.exit_code == 2
    assert result.stderr.startswith("error: no interviewer called 'nobody here'; the panel is: ")


def test_a_character_no_font_has_stops_the_run(cli, write, tmp_path):
    path = write("a.yaml", MINIMAL_YAML.replace("Jordan Rivera", "Jordan \U000f0000 Rivera"))
    result = cli("check", path)
    assert result.exit_code == 2
    assert (
        f"error: {path}:8: interviewers[0].name: no bundled font can draw '\\U000f0000' (U+F0000, unnamed); "
        "tried Caveat, Indie Flower, Kalam, Dancing Script, DejaVu Sans, Droid Sans Fallback, NanumGothic: "
        "remove or replace the character [glyph]"
    ) in result.stdout.splitlines()


def test_no_traceback_without_debug_but_with_it(write, tmp_path):
    path = write("a.yaml", "candidate: [\n")
    plain = run_followup("emails", path)
    assert plain.returncode == 2 and "Traceback" not in plain.stderr and plain.stderr.startswith("error: ")
    checked = run_followup("check", path)  # check reports it as a finding, on stdout
    assert checked.returncode == 2 and "Traceback" not in checked.stderr and checked.stdout.startswith("error: ")
    debug = run_followup("emails", path, "--debug")
    assert debug.returncode != 0 and "InputError" in debug.stderr


def test_help_does_not_import_heavy_libraries():
    code = (
        "import sys, runpy; sys.argv = ['followup', '--help']\n"
        "try:\n    runpy.run_module('followup', run_name='__main__')\nexcept SystemExit:\n    pass\n"
        "heavy = [m for m in ('reportlab', 'PIL', 'pypdfium2', 'pydantic', 'jinja2') if m in sys.modules]\n"
        "print('HEAVY', heavy, file=sys.stderr)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env={"PYTHONPATH": str(ROOT / "src")})
    assert "HEAVY []" in result.stderr, result.stderr


def test_emails_for_the_panel_parse_back_with_exact_names(cli, tmp_path):
    result = cli("emails", PANEL, "-o", tmp_path, "--date", "2026-11-25")
    assert result.exit_code == 0, result.stderr
    files = sorted(tmp_path.glob("*/*/email.eml"))
    assert len(files) == 4
    by_to = {}
    for path in files:
        message = email.message_from_bytes(path.read_bytes(), policy=policy.default)
        by_to[message["To"].addresses[0].display_name] = message
        assert message["From"].addresses[0].display_name == "Alex Morgan"
        assert "Senior Data Analyst" in message["Subject"]
    assert set(by_to) == {"Jordan Rivera", "Siobhán O'Brien", "Łukasz Müller-Nguyễn", "田中 優希"}
    body = by_to["Siobhán O'Brien"].get_body(("plain",)).get_content()
    assert body.startswith("Dear Siobhán,") and "model monitoring in production" in body


def test_user_values_are_escaped_in_html_and_kept_in_text(cli, write, tmp_path):
    path = write("a.yaml", MINIMAL_YAML.replace("Acme Robotics", '"AT&T <Labs>"'))
    assert cli("emails", path, "-o", tmp_path, "--template", "formal").exit_code == 0
    (eml,) = tmp_path.glob("*/*/email.eml")
    message = email.message_from_bytes(eml.read_bytes(), policy=policy.default)
    assert "position at AT&T <Labs>." in message.get_body(("plain",)).get_content()
    assert "AT&amp;T &lt;Labs&gt;" in message.get_body(("html",)).get_content()
    assert eml.parent.parent.name == "at-and-t-labs"


def test_unknown_template_field_names_template_and_line(cli, write, tmp_path):
    template = write("mine.j2", "Subject: Hi\n\nDear {{ salutation }},\n{{ interviewer.nickname }}\n")
    result = cli("emails", write("a.yaml", MINIMAL_YAML), "-o", tmp_path / "out", "--template", template)
    assert result.exit_code == 2
    assert result.stderr == (
        f"error: {template}:4: unknown field 'nickname'; the fields are listed by `followup templates`\n"
    )
    assert not (tmp_path / "out").exists()


def test_same_input_same_bytes(cli, tmp_path):
    for run in ("a", "b"):
        assert cli("emails", PANEL, "-o", tmp_path / run, "--date", "2026-11-25").exit_code == 0
    first = {p.relative_to(tmp_path / "a"): p.read_bytes() for p in (tmp_path / "a").rglob("*.eml")}
    second = {p.relative_to(tmp_path / "b"): p.read_bytes() for p in (tmp_path / "b").rglob("*.eml")}
    assert first == second and len(first) == 4


def test_listing_commands_show_the_bundled_data(cli):
    layouts = cli("layouts")
    assert layouts.exit_code == 0
    for name in ("a2-folded", "iso-a5-folded", "us10", "dl", "avery-5160", "avery-l7163", "din-b", "letter", "a4"):
        assert f" {name} " in layouts.stdout
    fonts = cli("fonts")
    assert fonts.exit_code == 0 and all(k in fonts.stdout for k in ("caveat", "kalam", "indie-flower", "dancing-script"))
    templates = cli("templates")
    assert templates.exit_code == 0 and "warm" in templates.stdout and "join_and" in templates.stdout


def test_templates_lists_each_language_of_each_tone(cli):
    listing = cli("templates")
    assert listing.exit_code == 0
    rows = {tuple(line.split()[:3]) for line in listing.stdout.splitlines()}
    for product in ("letter", "email", "card"):
        for tone in ("formal", "warm", "brief"):
            assert (product, tone, "en") in rows and (product, tone, "de") in rows, (product, tone)
