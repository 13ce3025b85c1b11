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
    with pytest.raises(OSError):
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
