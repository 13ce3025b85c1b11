"""Interview files as YAML text that people read and edit: written with comments, edited keeping them.

ruamel.yaml's round trip keeps every comment, key order and quoting of a file it appends to; the
indentation is the one thing it does not remember, so it is measured from the file and checked by
dumping the untouched document back to the very same text first.
"""

from __future__ import annotations

import io
import re
from collections.abc import Mapping, Sequence
from typing import Any

from followup.errors import InputError

# the order keys are written in, whatever order they were gathered in
PERSON_KEYS = (
    "name", "honorific", "given_name", "family_name", "title", "company",
    "email", "phone", "address", "topics", "note", "send",
)
ADDRESS_KEYS = ("lines", "city", "region", "postal_code", "country")
_FLOW_LIMIT = 70
_COMMENT_COLUMN = 40  # a list whose items fit on one line is written [like, this]


def _yaml(mapping: int = 2, sequence: int = 4, offset: int = 2):
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.width = 4096  # never fold a note across lines
    yaml.preserve_quotes = True
    yaml.indent(mapping=mapping, sequence=sequence, offset=offset)
    return yaml


def _dump(yaml, data) -> str:
    stream = io.StringIO()
    yaml.dump(data, stream)
    return stream.getvalue()


def _quoted(text: str):
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString

    return DoubleQuotedScalarString(text)


_INDICATORS = set("?:-,[]{}#&*!|>'\"%@`")


def _list(items: Sequence[str], *, flow: bool = True):
    from ruamel.yaml.comments import CommentedSeq

    # ruamel writes "?0" plain in a flow list and then reads it back as a mapping: quote indicators
    node = CommentedSeq(_quoted(item) if item[:1] in _INDICATORS else item for item in items)
    if flow and sum(len(item) + 4 for item in items) <= _FLOW_LIMIT:
        node.fa.set_flow_style()
    return node


def address_node(address: Mapping[str, Any]):
    """An address as a mapping node, its street lines on one line."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    node = CommentedMap()
    lines = CommentedSeq(_quoted(line) if line[:1] in _INDICATORS else line for line in address.get("lines") or [])  # "?0" too
    lines.fa.set_flow_style()
    node["lines"] = lines
    for key in ADDRESS_KEYS[1:]:
        if address.get(key):
            node[key] = str(address[key])  # postal codes stay text: quotes keep their leading zeros
    return node


def person_node(person: Mapping[str, Any]):
    """One interviewer as a mapping node, keys in the usual order, empty fields left out."""
    from ruamel.yaml.comments import CommentedMap

    node = CommentedMap()
    for key in PERSON_KEYS:
        value = person.get(key)
        if value in (None, "", [], {}):
            continue
        if key == "address":
            node[key] = address_node(value)
        elif key in ("topics", "send"):
            node[key] = _list([str(item) for item in value])
        else:
            node[key] = value
    for key, value in person.items():  # anything else the source gave, after the known keys
        if key not in node and value not in (None, "", [], {}):
            node[key] = value
    return node


def new_file_text(data: Mapping[str, Any], *, file_name: str, written_on: str) -> str:
    """A complete, commented interview file from plain data (candidate, interview, message, interviewers)."""
    from ruamel.yaml.comments import CommentedMap

    document = CommentedMap()
    candidate = CommentedMap()
    for key in ("name", "email", "phone"):
        if data["candidate"].get(key):
            candidate[key] = data["candidate"][key]
    if "phone" in candidate:
        candidate["phone"] = _quoted(candidate["phone"])
    if data["candidate"].get("address"):
        candidate["address"] = address_node(data["candidate"]["address"])
    document["candidate"] = candidate

    source = data["interview"]
    interview = CommentedMap()
    for key in ("company", "position", "date", "time", "format", "round", "location"):
        if source.get(key) not in (None, ""):
            interview[key] = source[key]
    if "time" in interview:
        interview["time"] = _quoted(str(interview["time"]))  # unquoted, YAML 1.1 readers take 10:00 for 600
    if source.get("address"):
        interview["address"] = address_node(source["address"])
    document["interview"] = interview

    message = CommentedMap()
    if data["message"].get("highlights"):
        message["highlights"] = _list(data["message"]["highlights"], flow=False)  # sentences: one per line
    for key in ("forgot_to_say", "clarify"):
        if data["message"].get(key):
            message[key] = data["message"][key]
    if message:
        document["message"] = message

    people = [person_node(person) for person in data["interviewers"]]
    from ruamel.yaml.comments import CommentedSeq

    document["interviewers"] = CommentedSeq(people)

    _comment(document, file_name=file_name, written_on=written_on)
    return _dump(_yaml(), document)


def _comment(document, *, file_name: str, written_on: str) -> None:
    """The comments a person editing the file by hand needs."""
    document.yaml_set_start_comment(
        f"followup interview file, written by `followup init --interactive` on {written_on}.\n"
        "Check the spelling of every name, then:\n"
        f"  followup check {file_name}\n"
        f"  followup plan {file_name}      (what to send to whom, and by when)\n"
        f"  followup render {file_name}"
    )
    document.yaml_set_comment_before_after_key("candidate", after="you, as you sign (remembered in your followup profile)", after_indent=2)
    interview = document["interview"]
    for key, comment in (
        ("date", "YYYY-MM-DD"),
        ("time", "HH:MM, 24-hour clock: when it started"),
        ("format", "in-person | phone | video"),
        ("round", "first | second | final"),
    ):
        if key in interview:
            interview.yaml_add_eol_comment(comment, key, column=_COMMENT_COLUMN)
    if "address" not in interview:
        document.yaml_set_comment_before_after_key(
            "message" if "message" in document else "interviewers",
            before=(
                "where mail to the interviewers goes, unless one has an address of their own (letters, envelopes):\n"
                'address: {lines: ["500 Market St", "Floor 3"], city: San Francisco, region: CA, postal_code: "94105", country: US}'
            ),
            indent=2,
        )
    if "message" in document:
        document.yaml_set_comment_before_after_key("message", before="\nwhat every note may draw on")
    document.yaml_set_comment_before_after_key(
        "interviewers", before="\none entry per person you met; send: [card, email] limits what one person gets"
    )
    people = document["interviewers"]
    for index in range(1, len(people)):
        people.yaml_set_comment_before_after_key(index, before="\n", indent=2)


# ---- appending to a file someone wrote --------------------------------------------------------------


def _indentation(text: str) -> list[tuple[int, int, int]]:
    """Likely (mapping, sequence, offset) indentations of ``text``, the measured one first."""
    mapping = sequence = offset = None
    previous_key_indent: int | None = None
    for line in text.splitlines():
        stripped = line.lstrip(" ")
        if not stripped or stripped.startswith("#"):
            continue
        indent = len(line) - len(stripped)
        if previous_key_indent is not None and indent > previous_key_indent:
            if stripped.startswith("- ") and offset is None:
                offset = indent - previous_key_indent
                after = len(stripped) - len(stripped[1:].lstrip(" "))
                sequence = offset + after
            elif not stripped.startswith("- ") and mapping is None:
                mapping = indent - previous_key_indent
        previous_key_indent = indent if re.match(r"[^\s#][^:]*:\s*(#.*)?$", stripped) else None
        if mapping is not None and offset is not None:
            break
    measured = (mapping or 2, sequence or (mapping or 2) + 2, offset if offset is not None else 2)
    usual = [(2, 4, 2), (2, 2, 0), (4, 4, 2), (4, 6, 4), (4, 4, 0)]
    return [measured, *(option for option in usual if option != measured)]


def load_for_edit(text: str, path) -> tuple[Any, Any, bool]:
    """(yaml, document, faithful): a round-trip loader set to the file's indentation.

    ``faithful`` is True when dumping the untouched document gives back ``text`` byte for byte, so an
    edit changes nothing but what it adds.
    """
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    options = _indentation(text)
    for mapping, sequence, offset in options:
        yaml = _yaml(mapping, sequence, offset)
        try:
            document = yaml.load(text)
        except MarkedYAMLError as error:
            mark = error.problem_mark or error.context_mark
            raise InputError(
                f"not valid YAML: {(error.problem or 'syntax error').strip()}",
                path=path,
                line=(mark.line + 1) if mark else None,
            ) from None
        except YAMLError as error:
            raise InputError(f"not valid YAML: {error}", path=path) from None
        if _dump(yaml, document) == text:
            return yaml, document, True
    yaml = _yaml(*options[0])
    return yaml, yaml.load(text), False


def append_people(document, people: Sequence[Mapping[str, Any]], text: str) -> None:
    """Add interviewers at the end of ``document``'s list, spaced like the ones already in ``text``."""
    entries = document["interviewers"]
    spaced = _blank_lines_between(entries, text)
    for person in people:
        entries.append(person_node(person))
        if spaced and len(entries) > 1:
            entries.yaml_set_comment_before_after_key(len(entries) - 1, before="\n", indent=2)


def _blank_lines_between(entries, text: str) -> bool:
    """Are the entries already in the file separated by blank lines?"""
    lines = text.splitlines()
    starts = [entries.lc.item(index)[0] for index in range(1, len(entries)) if hasattr(entries, "lc")]
    return bool(starts) and all(0 < start <= len(lines) and not lines[start - 1].strip() for start in starts)


def dump(yaml, document) -> str:
    """The document as text, with the loader's settings."""
    return _dump(yaml, document)
