"""Slugs that stay in the output folder, and writes that are never half-done."""

from __future__ import annotations

import os

import pytest

from followup.errors import FollowupError
from followup.output import Slugs, atomic_create, atomic_write, inside, slugify


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Jordan Rivera", "jordan-rivera"),
        ("Siobhán O'Brien", "siobhan-obrien"),
        ("Łukasz Müller-Nguyễn", "lukasz-muller-nguyen"),
        ("AT&T <Labs>", "at-and-t-labs"),
        ("../../x", "x"),
        ("/etc/passwd", "etc-passwd"),
        ("..", "item"),
        ("", "item"),
        ("   ", "item"),
        ("田中 優希", "item-7530-4e2d-512a-5e0c"),
        ("a" * 300, "a" * 60),
        ("NUL\x00byte", "nul-byte"),
    ],
)
def test_slugs_are_ascii_and_never_paths(name, slug):
    result = slugify(name)
    assert result == slug
    assert result.isascii() and "/" not in result and result not in ("", ".", "..")


def test_slugs_are_unique_within_a_run():
    slugs = Slugs()
    assert [slugs.unique(name) for name in ("Jordan Rivera", "Jordan Rivera", "jordan rivera!", "")] == [
        "jordan-rivera", "jordan-rivera-2", "jordan-rivera-3", "item",
    ]


def test_inside_refuses_to_leave_the_folder(tmp_path):
    assert inside(tmp_path, "a", "b.pdf") == tmp_path.resolve() / "a" / "b.pdf"
    with pytest.raises(FollowupError, match="outside the output folder"):
        inside(tmp_path, "..", "x.pdf")
    with pytest.raises(FollowupError):
        inside(tmp_path, "/etc/passwd")


def test_atomic_write_replaces_whole_and_leaves_no_temporary(tmp_path):
    path = tmp_path / "sub" / "card.pdf"
    atomic_write(path, b"first")
    atomic_write(path, b"second")
    assert path.read_bytes() == b"second"
    assert os.listdir(path.parent) == ["card.pdf"]


def test_a_failed_write_keeps_the_old_file_and_no_partial(tmp_path, monkeypatch):
    path = tmp_path / "card.pdf"
    atomic_write(path, b"old")

    def broken_fsync(_fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    with pytest.raises(FollowupError, match="cannot write here: No space left on device"):
        atomic_write(path, b"new and longer")
    assert path.read_bytes() == b"old"
    assert os.listdir(tmp_path) == ["card.pdf"]


def test_atomic_create_never_overwrites(tmp_path):
    path = tmp_path / "interview.yaml"
    atomic_create(path, b"first")
    with pytest.raises(FileExistsError):
        atomic_create(path, b"second")
    assert path.read_bytes() == b"first"
    assert os.listdir(tmp_path) == ["interview.yaml"]


def test_a_streamed_write_that_stops_half_way_leaves_the_old_file_and_no_partial(tmp_path):
    from followup.output import atomic_stream

    path = tmp_path / "cards.pdf"
    path.write_bytes(b"the old file")

    def half(stream):
        stream.write(b"%PDF-1.4 half of a file")
        raise RuntimeError("the drawing failed")

    with pytest.raises(RuntimeError):
        atomic_stream(path, half)
    assert path.read_bytes() == b"the old file" and sorted(p.name for p in tmp_path.iterdir()) == ["cards.pdf"]
    # nothing to write: nothing written, nothing left over
    assert atomic_stream(tmp_path / "none.pdf", lambda stream: False) is None
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cards.pdf"]


def test_a_streamed_write_is_journalled_with_the_hash_of_the_bytes_before_it_takes_its_name(tmp_path, monkeypatch):
    import hashlib
    import json

    from followup.manifest import JOURNAL, Manifest

    manifest = Manifest(tmp_path)
    seen = {}

    def fill(stream):
        stream.write(b"page one\n")
        stream.write(b"page two\n")
        return True

    original = os.replace

    def replace(source, target):  # what the journal holds at the moment the file takes its name
        seen["journal"] = (tmp_path / JOURNAL).read_text()
        seen["named"] = os.path.exists(target)
        return original(source, target)

    monkeypatch.setattr(os, "replace", replace)
    path = manifest.write_stream("cards.pdf", "input-hash", fill)
    monkeypatch.undo()
    record = json.loads(seen["journal"].splitlines()[-1])
    assert record == {"path": "cards.pdf", "input": "input-hash", "output": hashlib.sha256(b"page one\npage two\n").hexdigest()}
    assert seen["named"] is False and path.read_bytes() == b"page one\npage two\n"
    assert manifest.write_stream("empty.pdf", "x", lambda stream: False) is None and not (tmp_path / "empty.pdf").exists()


def test_a_pdf_streamed_to_a_file_is_the_pdf_made_in_memory(tmp_path):
    from followup import fonts
    from followup.pdf import render_pdf

    def draw(canvas):
        for number in range(30):
            fonts.draw(canvas, 72, 72, f"Łukasz Wójcik, page {number}", "caveat", 14)
            canvas.showPage()

    in_memory = render_pdf(draw, pagesize=(400, 300), title="t", author="a")
    with open(tmp_path / "streamed.pdf", "wb") as target:
        assert render_pdf(draw, pagesize=(400, 300), title="t", author="a", target=target) is None
    assert (tmp_path / "streamed.pdf").read_bytes() == in_memory and in_memory.startswith(b"%PDF-")
