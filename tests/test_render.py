"""`followup render`: every product for every interviewer, safe re-runs, parallel jobs, kills, batches.

Written so it holds as products join ``PRODUCTS``: expectations come from the registry.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from email import message_from_bytes
from email.policy import default
from pathlib import Path

import pytest

from conftest import PANEL, ROOT

PEOPLE = ["acme-robotics/jordan-rivera", "acme-robotics-ltd/siobhan-obrien",
          "acme-robotics-gmbh/lukasz-muller-nguyen", "acme-robotics-kk/interviewer-7530-4e2d-512a-5e0c"]
FAST = "emails,call-sheets"  # the quick products, for tests about the run rather than the products


def registered():
    """(command, item file, combined file) of every product in the registry."""
    from followup.render import PRODUCTS
    from followup.run import Spec

    products = []
    for name in PRODUCTS:
        renderer = Spec(name).build()
        products.append((name, renderer.item_file, renderer.combined_file))
    return products


def files_in(folder: Path) -> dict[str, bytes]:
    """Every file followup leaves in ``folder`` (not its manifest), by relative path."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.name.startswith(".followup-manifest")
    }


def stamps(folder: Path) -> dict[str, tuple[int, int]]:
    return {p.relative_to(folder).as_posix(): (p.stat().st_ino, p.stat().st_mtime_ns) for p in folder.rglob("*") if p.is_file()}


def panel_text(count: int, note: str = "Thank you for the conversation.") -> str:
    people = "".join(
        f"  - {{name: Person {number:03d}, email: p{number}@acme.example, topics: [\"topic {number}\"], note: \"{note}\"}}\n"
        for number in range(count)
    )
    return (
        "candidate: {name: Alex Morgan, email: alex@example.com}\n"
        "interview: {company: Acme, position: Analyst, date: 2026-11-24,"
        " address: {lines: [500 Market St], city: San Francisco, region: CA, postal_code: '94105'}}\n"
        "message: {highlights: [forecasting in Python]}\n"
        f"interviewers:\n{people}"
    )


def test_the_panel_example_gives_every_file_of_every_registered_product(cli, tmp_path):
    result = cli("render", PANEL, "-o", tmp_path, "--date", "2026-11-25", "--jobs", "1")
    assert result.exit_code == 0, result.output + result.stderr
    written = set(files_in(tmp_path))
    expected = set()
    for name, item_file, combined_file in registered():
        if item_file:
            expected |= {f"{person}/{item_file}" for person in PEOPLE}
        if combined_file:
            expected.add(combined_file)
    assert written == expected
    for name, *_ in registered():
        assert name in result.stdout  # a row of the summary table per product
    assert f"{len(expected)} written: {tmp_path}" in result.stdout
    manifest = json.loads((tmp_path / ".followup-manifest.json").read_text())
    assert set(manifest["files"]) == expected
    assert not (tmp_path / ".followup-manifest.journal").exists()


def test_email_goes_first_and_only_and_send_narrow_what_is_made(cli, write, tmp_path):
    text = panel_text(3).replace("{name: Person 001,", "{name: Person 001, send: [email],")
    interview = write("panel.yaml", text)
    result = cli("render", interview, "-o", tmp_path / "out", "--only", FAST, "--jobs", "1")
    assert result.exit_code == 0, result.stderr
    made = set(files_in(tmp_path / "out"))
    assert "acme/person-001/email.eml" in made and "acme/person-001/call-sheet.pdf" not in made
    assert {"acme/person-000/call-sheet.pdf", "acme/person-002/call-sheet.pdf", "call-sheets.pdf"} <= made
    written_at = {name: (tmp_path / "out" / name).stat().st_mtime_ns for name in made}
    emails = [at for name, at in written_at.items() if name.endswith(".eml")]
    assert max(emails) <= min(at for name, at in written_at.items() if name.endswith(".pdf"))  # every email first
    only = cli("render", interview, "-o", tmp_path / "only", "--only", "email")
    assert only.exit_code == 0
    assert {Path(p).name for p in files_in(tmp_path / "only")} == {"email.eml"}


def test_unknown_product_in_only_is_a_usage_error(cli, tmp_path):
    result = cli("render", PANEL, "-o", tmp_path / "out", "--only", "emails,postcards")
    assert result.exit_code == 2
    assert result.stderr.startswith("error: --only: no product called 'postcards'; choose from: emails, ")
    assert not (tmp_path / "out").exists()


def test_bad_input_stops_before_anything_is_written(cli, write, tmp_path):
    bad = write("bad.yaml", "candidate: {name: Alex}\ninterview: {company: Acme, position: Analyst, date: 2026-11-24}\ninterviewers:\n  - {name: Jo, email: 'jo@'}\n")
    result = cli("render", PANEL, bad, "-o", tmp_path / "out")
    assert result.exit_code == 2
    assert result.stderr == f'error: {bad}:4: interviewers[0].email: not an email address ("jo@"), e.g. "jordan.rivera@acme.example"\n'
    assert not (tmp_path / "out").exists()


def test_a_template_with_an_unknown_field_stops_before_anything_is_written(cli, write, tmp_path):
    template = write("mine.j2", "Subject: Thanks\n\nDear {{ interviewer.nickname }},\n")
    result = cli("render", PANEL, "-o", tmp_path / "out", "--only", FAST, "--template", template)
    assert result.exit_code == 2
    assert "mine.j2:3: unknown field 'nickname'" in result.stderr
    assert not list((tmp_path / "out").rglob("*.*")) if (tmp_path / "out").exists() else True


def test_rerun_skips_what_is_unchanged_and_redoes_only_what_changed(cli, write, tmp_path):
    interview = write("panel.yaml", panel_text(3))
    out = tmp_path / "out"
    assert cli("render", interview, "-o", out, "--only", FAST, "--jobs", "1").exit_code == 0
    before, first = stamps(out), files_in(out)

    again = cli("render", interview, "-o", out, "--only", FAST, "--jobs", "1")
    assert again.exit_code == 0
    assert f"0 written, {len(first)} unchanged (--force renders them again): {out}" in again.stdout
    assert stamps(out) == before  # not one file touched

    write("panel.yaml", panel_text(3).replace("{name: Person 001, email: p1@acme.example, topics: [\"topic 1\"], note: \"Thank you for the conversation.\"}",
                                             "{name: Person 001, email: p1@acme.example, topics: [\"topic 1\"], note: \"A new note.\"}"))
    changed = cli("render", interview, "-o", out, "--only", FAST, "--jobs", "1")
    assert changed.exit_code == 0
    after = stamps(out)
    redone = {name for name in before if name in after and after[name] != before[name]}
    assert redone == {"acme/person-001/email.eml", "acme/person-001/call-sheet.pdf", "call-sheets.pdf", ".followup-manifest.json"}
    assert b"A new note." in (out / "acme/person-001/email.eml").read_bytes()

    forced = cli("render", interview, "-o", out, "--only", FAST, "--force", "--jobs", "1")
    assert forced.exit_code == 0 and f"{len(first)} written" in forced.stdout
    assert all(stamps(out)[name] != after[name] for name in first)


def test_files_a_person_edited_or_added_are_never_overwritten_or_deleted(cli, write, tmp_path):
    interview = write("panel.yaml", panel_text(2))
    out = tmp_path / "out"
    theirs = out / "acme/person-000/email.eml"
    theirs.parent.mkdir(parents=True)
    theirs.write_bytes(b"my own draft")  # there before followup ever ran
    (out / "acme/person-000/notes.txt").write_text("call on Friday")
    first = cli("render", interview, "-o", out, "--only", FAST, "--jobs", "1")
    assert first.exit_code == 0
    assert f"kept: {theirs} (followup did not write it); not replaced: move it away, or pass --overwrite-edited" in first.stderr
    assert theirs.read_bytes() == b"my own draft"
    assert (out / "acme/person-001/email.eml").is_file()

    edited = out / "acme/person-001/call-sheet.pdf"
    edited.write_bytes(edited.read_bytes() + b"\n% annotated by hand\n")
    write("panel.yaml", panel_text(2, note="Another note."))  # every item would now be rendered again
    for flags in ((), ("--force",)):
        rerun = cli("render", interview, "-o", out, "--only", FAST, "--jobs", "1", *flags)
        assert rerun.exit_code == 0
        assert f"kept: {edited} (you changed it since followup wrote it); not replaced" in rerun.stderr
        assert edited.read_bytes().endswith(b"% annotated by hand\n")
        assert theirs.read_bytes() == b"my own draft"
        assert b"Another note." in (out / "acme/person-001/email.eml").read_bytes()
    assert (out / "acme/person-000/notes.txt").read_text() == "call on Friday"

    replaced = cli("render", interview, "-o", out, "--only", FAST, "--jobs", "1", "--overwrite-edited")
    assert replaced.exit_code == 0 and "kept:" not in replaced.stderr
    assert edited.read_bytes().startswith(b"%PDF") and not edited.read_bytes().endswith(b"% annotated by hand\n")
    assert theirs.read_bytes().startswith(b"To: ")
    assert (out / "acme/person-000/notes.txt").read_text() == "call on Friday"


def test_jobs_give_byte_identical_output(cli, write, tmp_path):
    interview = write("panel.yaml", panel_text(9))
    for jobs in ("1", "2"):
        result = cli("render", interview, PANEL, "-o", tmp_path / jobs, "--jobs", jobs, "--date", "2026-11-25")
        assert result.exit_code == 0, result.stderr
    one, two = files_in(tmp_path / "1"), files_in(tmp_path / "2")
    assert len(one) > 20 and one == two

    def recorded(folder):
        data = json.loads((folder / ".followup-manifest.json").read_text())["files"]
        return {name: (entry["input"], entry["output"]) for name, entry in data.items()}

    assert recorded(tmp_path / "1") == recorded(tmp_path / "2")


def test_a_killed_run_leaves_no_partial_file_and_the_next_run_finishes_the_rest(write, tmp_path):
    count = 100
    total = 2 * count + 1  # an email and a call sheet each, and call-sheets.pdf
    interview = write("panel.yaml", panel_text(count))
    out = tmp_path / "out"
    command = [sys.executable, "-m", "followup", "render", str(interview), "-o", str(out), "--only", FAST, "--jobs", "1", "-q"]
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    process = subprocess.Popen(command, env=env, start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    journal = out / ".followup-manifest.journal"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None:
        if journal.is_file() and journal.read_text().count("\n") >= 12:
            break
        time.sleep(0.005)
    assert process.poll() is None, "the run ended before it could be killed"
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()

    done = {name: data for name, data in files_in(out).items() if not name.endswith(".part")}
    assert 11 <= len(done) < total  # the 12th file announced in the journal may not be in place yet
    for name, data in done.items():  # every file there is whole
        if name.endswith(".pdf"):
            assert data.startswith(b"%PDF") and data.rstrip().endswith(b"%%EOF"), name
        else:
            assert message_from_bytes(data, policy=default)["To"] is not None, name
    before = stamps(out)

    result = subprocess.run(command[:-1], env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert f"{total - len(done)} written, {len(done)} unchanged" in result.stdout
    after = files_in(out)
    assert len(after) == total and not [name for name in after if name.endswith(".part")]
    assert all(stamps(out)[name] == before[name] for name in done)  # what was done was not redone
    assert not journal.exists()


def test_several_files_and_a_batch_csv_for_several_candidates(cli, write, tmp_path):
    batch = write(
        "batch.csv",
        "candidate,candidate_email,company,position,date,format,highlights,name,honorific,title,email,topics,note\n"
        "Alex Morgan,alex@example.com,Acme,Analyst,2026-11-24,video,forecasting;dbt,Jordan Rivera,Ms.,Head of Analytics,jordan@acme.example,the Q3 migration,Thanks for the tour.\n"
        ",,Acme,Analyst,2026-11-24,,,Sam Lee,,,sam@acme.example,,\n"
        "Priya Nair,priya@example.com,Acme,Engineer,2026-11-23,,,Jordan Rivera,Ms.,,jordan@acme.example,,\n",
    )
    result = cli("render", batch, "-o", tmp_path / "out", "--only", FAST, "--jobs", "1")
    assert result.exit_code == 2  # the second row leaves the candidate blank: it is not Alex's interview
    assert "batch.csv:3: candidate.name: must not be empty" in result.stderr

    text = batch.read_text().replace("\n,,Acme,Analyst,2026-11-24,,,Sam Lee", "\nAlex Morgan,,Acme,Analyst,2026-11-24,,,Sam Lee")
    write("batch.csv", text)
    result = cli("render", batch, "-o", tmp_path / "out", "--only", FAST, "--jobs", "1")
    assert result.exit_code == 0, result.stderr
    made = set(files_in(tmp_path / "out"))
    assert {"alex-morgan/acme/jordan-rivera/email.eml", "alex-morgan/acme/sam-lee/email.eml",
            "priya-nair/acme/jordan-rivera/email.eml", "priya-nair/acme/jordan-rivera/call-sheet.pdf"} <= made
    alex = message_from_bytes((tmp_path / "out/alex-morgan/acme/jordan-rivera/email.eml").read_bytes(), policy=default)
    assert alex["From"].addresses[0].addr_spec == "alex@example.com" and alex["Subject"].endswith("Analyst interview")
    priya = message_from_bytes((tmp_path / "out/priya-nair/acme/jordan-rivera/email.eml").read_bytes(), policy=default)
    assert str(priya["From"]) == "Priya Nair <priya@example.com>" and "Engineer" in priya["Subject"]

    write("batch.csv", text.replace("Alex Morgan,,Acme,Analyst,2026-11-24,,,Sam Lee", "Alex Morgan,,Acme,Analyst,2026-11-24,phone,,Sam Lee"))
    clash = cli("render", batch, "-o", tmp_path / "clash")
    assert clash.exit_code == 2
    assert clash.stderr.strip() == f'error: {batch}:3: format: "phone" differs from "video" in row 2 of the same interview: leave it blank or write it the same'
    panel_only = write("panel.csv", "name,email\nJordan Rivera,jordan@acme.example\n")
    wrong = cli("render", panel_only, "-o", tmp_path / "wrong")
    assert wrong.exit_code == 2 and "needs a 'candidate' column" in wrong.stderr


def test_render_preview_writes_a_contact_sheet_of_every_item(cli, tmp_path):
    from PIL import Image

    result = cli("render", PANEL, "-o", tmp_path, "--only", FAST, "--preview", "--jobs", "1")
    assert result.exit_code == 0, result.stderr
    items = [name for name in files_in(tmp_path) if name.count("/") == 2]
    assert len(items) == 8
    image = Image.open(tmp_path / "preview.png").convert("RGB")
    assert count_tiles(image) == len(items)
    again = cli("render", PANEL, "-o", tmp_path, "--only", FAST, "--preview", "--jobs", "1")
    assert "preview" in again.stdout and "0 written" in again.stdout


def count_tiles(image) -> int:
    """The white pieces of paper on the contact sheet's grey: bands of rows, then runs of columns in each."""
    width, height = image.size
    pixels = image.load()

    def white(x, y):
        return pixels[x, y] == (255, 255, 255)

    rows = [any(white(x, y) for x in range(0, width, 2)) for y in range(height)]
    count, y = 0, 0
    while y < height:
        if not rows[y]:
            y += 1
            continue
        top = y
        while y < height and rows[y]:
            y += 1
        inside = False
        for x in range(width):
            now = any(white(x, yy) for yy in range(top, y, 3))
            if now and not inside:
                count += 1
            inside = now
    return count


def test_temporary_files_of_a_killed_write_are_removed_and_nothing_else(cli, write, tmp_path):
    interview = write("panel.yaml", panel_text(1))
    folder = tmp_path / "out/acme/person-000"
    folder.mkdir(parents=True)
    leftover = folder / ".email.eml.k2j4_x9q.part"  # what output.atomic_write leaves when killed mid-write
    leftover.write_bytes(b"To: half a mess")
    mine = folder / ".draft.k2j4_x9q.part"  # not a name followup writes
    mine.write_bytes(b"keep me")
    result = cli("render", interview, "-o", tmp_path / "out", "--only", FAST, "-q")
    assert result.exit_code == 0 and result.stdout == "" and result.stderr == ""  # -q, and no progress bar off a terminal
    assert not leftover.exists() and mine.read_bytes() == b"keep me"
    assert (folder / "email.eml").read_bytes().startswith(b"To: Person 000")


def test_the_readme_batch_example_renders(cli, write, tmp_path):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    example = readme.split("```csv\n", 1)[1].split("```", 1)[0]
    batch = write("batch.csv", example)
    result = cli("render", batch, "-o", tmp_path / "out", "--only", "emails", "-q")
    assert result.exit_code == 0, result.stderr
    assert set(files_in(tmp_path / "out")) == {
        "alex-morgan/acme-robotics/jordan-rivera/email.eml",
        "alex-morgan/acme-robotics/sam-lee/email.eml",
        "priya-nair/globex/kim-park/email.eml",
    }


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_product_with_only_a_combined_file_and_unpicklable_prepared_values(cli, write, tmp_path, monkeypatch, jobs):
    from followup import render

    monkeypatch.setitem(render.PRODUCTS, "sheet-only", "products_for_tests")
    interview = write("panel.yaml", panel_text(12).replace("{name: Person 003,", "{name: Person 003, send: [email],"))
    result = cli("render", interview, "-o", tmp_path / "out", "--only", "emails,sheet-only", "--jobs", jobs)
    assert result.exit_code == 0, result.stderr
    names = [f"Person {n:03d}" for n in range(12) if n != 3]  # Person 003 wants only an email
    assert (tmp_path / "out/sheet-only.txt").read_text() == "\n".join(names) + "\n"
    assert len([p for p in files_in(tmp_path / "out") if p.endswith("email.eml")]) == 12
    again = cli("render", interview, "-o", tmp_path / "out", "--only", "emails,sheet-only", "--jobs", jobs)
    assert "0 written, 13 unchanged" in again.stdout


def test_help_loads_no_drawing_library():
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "followup", "render", "--help"],
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")}, capture_output=True, text=True, check=True,
    )
    imported = {line.split("|")[-1].strip().split(".")[0] for line in result.stderr.splitlines() if "|" in line}
    assert "--jobs" in result.stdout
    assert not imported & {"reportlab", "PIL", "pypdfium2", "pdfplumber"}


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_an_input_error_in_a_later_item_stops_the_run_before_anything_is_written(cli, write, tmp_path, jobs):
    text = panel_text(10).replace('{name: Person 007, email: p7@acme.example, topics: ["topic 7"], note: "Thank you for the conversation."}',
                                  '{name: Person 007, email: p7@acme.example, topics: ["topic 7"], note: "Thank you \\ue000."}')
    interview = write("panel.yaml", text)
    # --no-check: the checks before the run would catch it; this is the run's own guard
    result = cli("render", interview, "-o", tmp_path / "out", "--only", FAST, "--no-check", "--jobs", jobs)
    assert result.exit_code == 2
    assert "no bundled font can draw '\\ue000'" in result.stderr
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_the_spool_of_prepared_items_is_gone_after_a_run_and_after_a_stopped_one(cli, write, tmp_path, monkeypatch, jobs):
    import tempfile

    spools = tmp_path / "tmp"
    spools.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(spools))
    seen = []
    original = tempfile.mkstemp

    def watched(*args, **kwargs):
        made = original(*args, **kwargs)
        seen.append(Path(made[1]))
        return made

    monkeypatch.setattr(tempfile, "mkstemp", watched)
    good = write("good.yaml", panel_text(10))
    assert cli("render", good, "-o", tmp_path / "out", "--only", FAST, "--jobs", jobs).exit_code == 0
    bad = write("bad.yaml", panel_text(10).replace("note: \"Thank you for the conversation.\"}\n  - {name: Person 008", "note: \"Thank you \\ue000.\"}\n  - {name: Person 008"))
    assert cli("render", bad, "-o", tmp_path / "bad", "--only", FAST, "--no-check", "--jobs", jobs).exit_code == 2
    assert [path.name for path in seen if path.suffix == ".spool"] and all(path.parent == spools for path in seen if path.suffix == ".spool")
    assert list(spools.iterdir()) == []  # the prepared items were spooled there, and nothing is left


def test_spawned_workers_read_the_spool_by_its_path_and_give_the_same_bytes(cli, write, tmp_path, monkeypatch):
    # where processes cannot fork (macOS, Windows) workers start fresh and open the spool by name
    from followup import run

    interview = write("panel.yaml", panel_text(10))
    assert cli("render", interview, "-o", tmp_path / "one", "--only", FAST, "--jobs", "1").exit_code == 0
    monkeypatch.setattr(run, "FORK", False)
    result = cli("render", interview, "-o", tmp_path / "spawned", "--only", FAST, "--jobs", "2")
    assert result.exit_code == 0, result.stderr
    assert files_in(tmp_path / "spawned") == files_in(tmp_path / "one")


def test_without_pread_the_spool_is_read_by_seeking(cli, write, tmp_path, monkeypatch):
    # Windows has no os.pread; there the run seeks its own descriptor
    interview = write("panel.yaml", panel_text(10))
    assert cli("render", interview, "-o", tmp_path / "pread", "--only", FAST, "--jobs", "1").exit_code == 0
    monkeypatch.delattr(os, "pread")
    result = cli("render", interview, "-o", tmp_path / "seek", "--only", FAST, "--jobs", "1")
    assert result.exit_code == 0, result.stderr
    assert files_in(tmp_path / "seek") == files_in(tmp_path / "pread")
