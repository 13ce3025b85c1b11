"""The sandboxed template engine: strict fields, no attribute tricks, no files outside its folder."""

from __future__ import annotations

import pytest

from followup import templating
from followup.errors import TemplateError, UsageError


def test_filters():
    assert templating.join_and([]) == "" and templating.join_and(["a"]) == "a"
    assert templating.join_and(["a", "b", "c"]) == "a, b and c"
    assert templating.lower_first("The Q3 migration") == "the Q3 migration"
    assert templating.lower_first("API design") == "API design"
    assert templating.lower_first("I also mentor") == "I also mentor"


def test_attribute_tricks_are_refused(write):
    path = write("evil.j2", "Subject: x\n\n{{ ''.__class__.__mro__[1].__subclasses__() }}\n")
    template = templating.load("email", str(path))
    with pytest.raises(TemplateError) as caught:
        templating.render(template, {})
    assert str(caught.value).startswith(f"{path}:3: ")
    assert "__class__" in str(caught.value) or "unsafe" in str(caught.value) or "not allowed" in str(caught.value)


def test_templates_cannot_include_files_outside_their_folder(tmp_path, write):
    (tmp_path / "secret.txt").write_text("password")
    path = write("inner/mine.j2", "{% include '../secret.txt' %}\n")
    with pytest.raises(TemplateError) as caught:
        templating.render(templating.load("email", str(path)), {})
    assert "password" not in str(caught.value)
    assert str(caught.value) == f"{path}:1: template includes '../secret.txt', which is not in its folder"


def test_syntax_error_names_the_line(write):
    path = write("bad.j2", "Subject: x\n\n{% if %}\n")
    with pytest.raises(TemplateError) as caught:
        templating.load("email", str(path))
    assert str(caught.value).startswith(f"{path}:3: template syntax: ")


def test_unknown_builtin_template_lists_the_choices():
    with pytest.raises(UsageError) as caught:
        templating.load("email", "cheerful")
    assert str(caught.value) == "no email template called 'cheerful'; choose one of: brief, formal, warm"
