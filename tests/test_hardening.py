"""Hostile input: templates that try to leave the sandbox, names that try to leave the output
folder, files too large or too clever to parse, images that are not images."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import PHONE

PHONE_TEXT = PHONE.read_text(encoding="utf-8")


def files_under(folder: Path) -> list[Path]:
    """The files a run wrote for people (not its manifest)."""
    from followup.manifest import MANIFEST

    return sorted(path for path in folder.rglob("*") if path.is_file() and path.name != MANIFEST)


# ---- templates --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("{{ ''.__class__.__mro__ }}", "not allowed in a template: access to attribute '__class__' of 'str' object is unsafe."),
        ("{{ cycler.__init__.__globals__ }}", "not allowed in a template: access to attribute '__init__' of 'type' object is unsafe."),
        ("{{ interviewer.name.__class__ }}", "not allowed in a template: access to attribute '__class__' of 'str' object is unsafe."),
        ("{{ message.highlights.append('x') }}", "not allowed in a template: access to attribute 'append' of 'list' object is unsafe."),
        ("{% for i in range(10**9) %}x{% endfor %}",
         "OverflowError: Range too big. The sandbox blocks ranges larger than MAX_RANGE (100000)."),
    ],
)
def test_the_template_sandbox_refuses_escapes_with_a_clear_error(cli, tmp_path, body, message):
    template = tmp_path / "mine.j2"
    template.write_text(f"Subject: Thank you\n\n{body}\n", encoding="utf-8")
    result = cli("emails", "--template", template, "--out", tmp_path / "out", PHONE)
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [f"error: {template}:3: {message}"]
    assert not (tmp_path / "out").exists()


def test_a_template_cannot_include_a_file_outside_its_folder(cli, tmp_path):
    (tmp_path / "secret.txt").write_text("the secret", encoding="utf-8")
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "part.txt").write_text("a part from the same folder", encoding="utf-8")
    template = folder / "mine.j2"
    template.write_text("Subject: Thanks\n\n{% include 'part.txt' %}\n{% include '../secret.txt' %}\n", encoding="utf-8")
    result = cli("emails", "--template", template, "--out", tmp_path / "out", PHONE)
    assert (result.exit_code, result.stderr) == (
        2, f"error: {template}:4: template includes '../secret.txt', which is not in its folder\n"
    )
    template.write_text(f"Subject: Thanks\n\n{{% include '{tmp_path / 'secret.txt'}' %}}\n", encoding="utf-8")
    result = cli("emails", "--template", template, "--out", tmp_path / "out", PHONE)
    assert result.exit_code == 2 and "which is not in its folder" in result.stderr
    template.write_text("Subject: Thanks\n\n{% include 'part.txt' %}\n", encoding="utf-8")
    result = cli("emails", "--template", template, "--out", tmp_path / "out", PHONE)
    assert result.exit_code == 0
    assert "a part from the same folder" in files_under(tmp_path / "out")[0].read_text(encoding="utf-8")


# ---- names that would be paths ------------------------------------------------------------------------------


HOSTILE_NAMES = ["../../x", "/", ".", "..", "/etc/passwd", "~", "*", "-", "\\\\server\\share", "a/../../b", "C:\\x", "x" * 120]


def test_slugs_from_hostile_names_stay_one_plain_component():
    from followup.output import slugify

    for name in [*HOSTILE_NAMES, "", "   ", "'''", "田中", "\u0301", "\ufeff"]:
        slug = slugify(name, "interviewer")
        assert slug and len(slug) <= 80, name
        assert "/" not in slug and "\\" not in slug and "\0" not in slug and slug not in (".", ".."), name
        assert not slug.startswith(("-", ".")), name


def test_no_path_leaves_the_output_folder(cli, tmp_path, write):
    data = {
        "candidate": {"name": "Alex Morgan"},
        "interview": {"company": "../../../company", "position": "/", "date": "2026-11-24"},
        "interviewers": [{"name": name, "topics": [f"topic {index}"]} for index, name in enumerate(HOSTILE_NAMES)],
    }
    path = write("hostile.json", json.dumps(data))
    out = tmp_path / "run" / "out"
    result = cli("emails", "--out", out, path)
    assert result.exit_code == 0, result.stderr
    written = files_under(tmp_path / "run")
    assert len(written) == len(HOSTILE_NAMES)
    assert all(out.resolve() in file.resolve().parents for file in written)
    assert len({file.parent for file in written}) == len(HOSTILE_NAMES)  # each person their own folder
    assert files_under(tmp_path) == sorted([*written, path])  # nothing anywhere else


def test_a_nul_in_a_name_is_a_clear_error(cli, tmp_path, write):
    path = write("nul.json", '{"candidate": {"name": "A\\u0000B"}, "interview": {"company": "C", "position": "P", '
                 '"date": "2026-11-24"}, "interviewers": [{"name": "J"}]}')
    result = cli("emails", "--out", tmp_path / "out", path)
    assert (result.exit_code, result.stderr) == (
        2, f"error: {path}: candidate.name: contains a control character (U+0000): remove it\n"
    )


# ---- size ---------------------------------------------------------------------------------------------------------


def test_a_5_mb_interview_file_fails_cleanly(cli, tmp_path, write):
    head = PHONE_TEXT.split("interviewers:")[0]
    person = '  - name: Person {0}\n    title: Engineer\n    topics: ["topic {0}"]\n'
    body = "".join(person.format(index) for index in range(90_000))
    path = write("huge.yaml", head + "interviewers:\n" + body[: 5 * 1024 * 1024 - len(head) - 20])
    assert 5e6 < path.stat().st_size < 5 * 1024 * 1024
    result = cli("check", path)
    assert (result.exit_code, result.stdout.splitlines()[0]) == (
        2,
        f"error: {path}: too large for an interview file (5119 kB, at most 1024 kB as YAML): "
        "put a large panel in a CSV file (interviewers: panel.csv) [input]",
    )
    path.write_text("x" * (5 * 1024 * 1024 + 1), encoding="utf-8")
    result = cli("emails", "--out", tmp_path / "out", path)
    assert result.stderr == f"error: {path}: file is 5120 kB; an interview file is at most 5 MB\n"


def test_many_small_nodes_fail_before_the_slow_parse(cli, tmp_path, write):
    items = ", ".join(["{name: P}"] * 30_000)
    path = write("flow.yaml", "candidate: {name: A}\ninterview: {company: C, position: P, date: 2026-11-24}\n"
                 f"interviewers: [{items}]\n")
    result = cli("emails", "--out", tmp_path / "out", path)
    assert (result.exit_code, result.stderr) == (
        2,
        f"error: {path}: too large for an interview file (60007 lines and list items, at most 20000): "
        "put a large panel in a CSV file (interviewers: panel.csv)\n",
    )


def test_a_5_mb_json_file_fails_on_its_panel_size(cli, tmp_path, write):
    data = {"candidate": {"name": "A"}, "interview": {"company": "C", "position": "P", "date": "2026-11-24"},
            "interviewers": [{"name": f"Person {index}", "note": "n" * 60} for index in range(50_000)]}
    path = write("huge.json", json.dumps(data))
    assert path.stat().st_size > 4e6
    result = cli("emails", "--out", tmp_path / "out", path)
    assert (result.exit_code, result.stderr) == (2, f"error: {path}: interviewers: is too long (at most 5000 entries)\n")


def test_a_long_scalar_fails_on_its_length(cli, tmp_path, write):
    text = PHONE_TEXT.replace('note: "Thanks', 'note: "' + "word " * 150_000 + 'Thanks')
    path = write("long-note.yaml", text)
    result = cli("emails", "--out", tmp_path / "out", path)
    assert (result.exit_code, result.stderr) == (
        2, f"error: {path}:35: interviewers[0].note: is too long (at most 2000 characters)\n"
    )


def test_a_1000_interviewer_csv_loads_and_checks(cli, tmp_path, write):
    rows = ["name,title,email,topics,note"]
    rows += [f"Person {i},Engineer,person{i}@acme.example,topic {i};roadmap,Thanks for the talk about project {i}." for i in range(1000)]
    panel = write("panel.csv", "\n".join(rows) + "\n")
    result = cli("check", "--interviewers", panel, "--format", "json", "--out", tmp_path / "out", "--date", "2026-11-25", PHONE)
    assert result.exit_code == 0
    report = json.loads(result.stdout)
    # every email prepared; the notes differ only by a number, so the only findings say so
    assert report["summary"]["errors"] == 0
    assert {finding["code"] for finding in report["findings"]} == {"near-duplicate"}
    result = cli("emails", "--interviewers", panel, "-i", "Person 999", "--out", tmp_path / "out", PHONE)
    assert result.exit_code == 0 and len(files_under(tmp_path / "out")) == 1


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("laughs.yaml",
         "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
         "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n",
         "laughs.yaml:2: YAML aliases (*name) are not supported here: write the value out"),
        ("merge.yaml",
         "base: &base {name: Jordan Rivera}\ncandidate: {name: A}\ninterview: {company: C, position: P, date: 2026-11-24}\n"
         "interviewers: [*base]\n",
         "merge.yaml:4: YAML aliases (*name) are not supported here: write the value out"),
        ("deep.yaml", "candidate: " + "[" * 500 + "]" * 500 + "\n", "deep.yaml: not valid YAML: nested too deeply"),
        ("deep.toml", "candidate = " + "[" * 500 + "]" * 500 + "\n", "deep.toml: not valid TOML: nested too deeply"),
        ("deep.json", '{"candidate": ' + "[" * 5000 + "]" * 5000 + "}", "deep.json: not valid JSON: nested too deeply"),
    ],
)
def test_alias_bombs_and_deep_nesting_are_refused(cli, tmp_path, name, text, message):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    result = cli("emails", "--out", tmp_path / "out", path)
    assert (result.exit_code, result.stderr) == (2, f"error: {tmp_path}/{message}\n")


# ---- images --------------------------------------------------------------------------------------------------------


def test_pillow_keeps_its_decompression_bomb_limit():
    import followup.check  # noqa: F401
    import followup.cli  # noqa: F401
    from PIL import Image

    assert Image.MAX_IMAGE_PIXELS == 89_478_485  # Pillow's default: nothing in followup turns it off


# ---- writing ---------------------------------------------------------------------------------------------------


def test_an_output_folder_that_is_a_file_is_a_clear_error(cli, tmp_path):
    blocker = tmp_path / "out"
    blocker.write_text("a file, not a folder", encoding="utf-8")
    result = cli("emails", "--out", blocker, PHONE)
    assert (result.exit_code, result.stderr) == (2, f"error: the output folder {blocker} is a file: choose another with -o DIR\n")
    blocker.unlink()
    blocker.mkdir()
    (blocker / "northwind-health").write_text("a file where the company folder goes", encoding="utf-8")
    result = cli("emails", "--out", blocker, PHONE)
    assert (result.exit_code, result.stderr) == (
        2,
        f"error: {blocker}/northwind-health/marcus-webb/email.eml: cannot write here: Not a directory; "
        "choose another output folder (-o DIR)\n",
    )
    assert not list(tmp_path.rglob("*.part"))


@pytest.mark.parametrize(
    ("failure", "status", "message"),
    [
        (OSError(28, "No space left on device"), 2, "cannot write here: No space left on device; choose another output folder (-o DIR)"),
        (KeyboardInterrupt(), 130, "interrupted: nothing half-written was left behind"),
    ],
)
def test_a_write_that_fails_halfway_leaves_no_part_file(cli, tmp_path, monkeypatch, failure, status, message):
    import followup.output

    def fail(descriptor):
        raise failure

    monkeypatch.setattr(followup.output.os, "fsync", fail)
    result = cli("emails", "--out", tmp_path / "out", PHONE)
    assert result.exit_code == status
    assert message in result.stderr
    assert not list(tmp_path.rglob("*.part")) and not list(tmp_path.rglob("*.eml"))
