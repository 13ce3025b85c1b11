"""The bad-input corpus: one input per case in tests/cases/bad/, its expected line and status beside it.

``NAME.expect`` holds a comment saying what is wrong, ``args:`` (the command, with ``{input}`` for
the case file), ``status:`` and the exact ``error:`` line the user sees (stderr for the product
commands, stdout for ``check``). ``{here}`` stands for the case folder (template paths are shown
resolved). Files starting with ``_`` are helpers the cases share. Every case must also be an error
for ``followup check`` (exit 2): what stops a render is caught by the proofreader too.
"""

from __future__ import annotations

import json

import pytest

from conftest import CASES

BAD = CASES / "bad"
EXPECTS = sorted(BAD.glob("*.expect"))


def read_expect(path):
    fields, line = {}, None
    for text in path.read_text(encoding="utf-8").splitlines():
        if text.startswith("#") or not text.strip():
            continue
        key, _, value = text.partition(": ")
        if key in ("args", "status"):
            fields[key] = value
        else:
            line = text
    name = path.name.removesuffix(".expect")
    args = [arg.replace("{input}", name) for arg in fields["args"].split()]
    return args, int(fields["status"]), line.replace("{here}", str(BAD)).replace("{input}", name)


def test_the_corpus_has_at_least_40_cases_each_with_its_input():
    assert len(EXPECTS) >= 40
    for path in EXPECTS:
        assert (BAD / path.name.removesuffix(".expect")).is_file(), path.name
    inputs = [path for path in BAD.iterdir() if path.suffix != ".expect" and not path.name.startswith("_")]
    assert sorted(path.name for path in inputs) == sorted(path.name.removesuffix(".expect") for path in EXPECTS)


@pytest.mark.parametrize("expect", EXPECTS, ids=[path.name.removesuffix(".expect") for path in EXPECTS])
def test_bad_input(cli, monkeypatch, tmp_path, expect):
    args, status, line = read_expect(expect)
    monkeypatch.chdir(BAD)
    out = tmp_path / "out"
    result = cli(*args, "--out", out)
    shown = result.stdout if args[0] == "check" else result.stderr
    assert result.exit_code == status
    assert line in shown.splitlines()
    assert "Traceback" not in result.stdout + result.stderr and "internal error" not in result.stderr
    assert not out.exists()  # nothing written, not even a folder
    # the proofreader reports the same problem as an error
    proofread = cli("check", "--format", "json", *args[1:], "--out", out)
    assert proofread.exit_code == 2
    findings = json.loads(proofread.stdout)["findings"]
    said = {"error: " + as_text(finding) for finding in findings if finding["severity"] == "error"}
    assert line.removesuffix(f" [{line.rpartition(' [')[2]}") in said if args[0] == "check" else line in said


def as_text(finding):
    """A JSON finding as the text report writes it (without the [code] tag)."""
    where = f"{finding['file']}:{finding['line']}" if finding["line"] else finding["file"]
    return ": ".join(part for part in (where, finding["field"], finding["message"]) if part)
