"""Property tests: random Unicode in every text field and random values in every field, through the
real CLI (``emails`` and ``check``). The outcome is always exit 0 or 1 with valid output, or exit 2
with one clear ``error:`` line; never a traceback (exit 70), never a half-written ``.part`` file."""

from __future__ import annotations

import copy
import email
import json
import os
import tempfile
from email.policy import default as default_policy
from pathlib import Path

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

BASE = {
    "candidate": {
        "name": "Alex Morgan", "email": "alex.morgan@example.com", "phone": "+1 503 555 0142",
        "address": {"lines": ["1420 NW Lovejoy St"], "city": "Portland", "region": "OR", "postal_code": "97209", "country": "US"},
    },
    "interview": {
        "company": "Acme Robotics", "position": "Senior Data Analyst", "date": "2026-11-24", "time": "10:00",
        "format": "in-person", "round": "second", "location": "San Francisco office",
        "address": {"lines": ["500 Market St"], "city": "San Francisco", "region": "CA", "postal_code": "94105", "country": "US"},
    },
    "message": {
        "highlights": ["five years of demand forecasting in Python"],
        "forgot_to_say": "I also mentor two junior analysts.",
        "clarify": "I meant Airflow, not Luigi.",
    },
    "interviewers": [
        {
            "name": "Jordan Rivera", "honorific": "Ms.", "given_name": "Jordan", "family_name": "Rivera",
            "title": "Head of Analytics", "company": "Acme Robotics", "email": "jordan.rivera@acme.example",
            "phone": "+1 415 555 0100", "topics": ["the Q3 forecasting migration"],
            "note": "Thank you for the tour of the robotics lab.", "send": ["email", "card"],
            "address": {"lines": ["10 Finsbury Square"], "city": "London", "postal_code": "EC2A 1AF", "country": "GB"},
        },
        {"name": "Sam Lee", "title": "Data Engineer", "topics": ["running dbt at scale"], "note": "I will send the article."},
    ],
}
ADDRESS = ("lines", 0), ("city",), ("region",), ("postal_code",), ("country",)
PERSON = ("name", "honorific", "given_name", "family_name", "title", "company", "email", "phone", "note")
TEXT_PATHS = [
    ("candidate", "name"), ("candidate", "email"), ("candidate", "phone"),
    *[("candidate", "address", *part) for part in ADDRESS],
    ("interview", "company"), ("interview", "position"), ("interview", "location"),
    *[("interview", "address", *part) for part in ADDRESS],
    ("message", "highlights", 0), ("message", "forgot_to_say"), ("message", "clarify"),
    *[("interviewers", index, key) for index in (0, 1) for key in PERSON],
    ("interviewers", 0, "topics", 0), ("interviewers", 1, "topics", 0),
    *[("interviewers", 0, "address", *part) for part in ADDRESS],
]
ALL_PATHS = [
    *TEXT_PATHS,
    ("candidate",), ("candidate", "address"), ("candidate", "signature"), ("interview",), ("interview", "date"),
    ("interview", "time"), ("interview", "format"), ("interview", "round"), ("interview", "address"),
    ("interview", "address", "lines"), ("message",), ("message", "highlights"), ("interviewers",), ("interviewers", 0),
    ("interviewers", 0, "topics"), ("interviewers", 0, "send"), ("interviewers", 0, "send", 0), ("interviewers", 0, "address"),
]
# every character Hypothesis can make, lone surrogates included (JSON carries them as \ud800 escapes)
ANY_TEXT = st.text(st.characters(blacklist_categories=()), max_size=60)
# text a person might type, in any script: letters, marks, digits, punctuation, symbols, spaces
TYPED_TEXT = st.text(st.characters(whitelist_categories=("L", "M", "N", "P", "S", "Zs")), min_size=1, max_size=60)
ANY_VALUE = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | ANY_TEXT | st.dates().map(str),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(ANY_TEXT, inner, max_size=3),
    max_leaves=6,
)
# 30 examples keep the suite quick; FOLLOWUP_EXAMPLES=1000 for a thorough run
SETTINGS = settings(max_examples=int(os.environ.get("FOLLOWUP_EXAMPLES", "30")), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def with_values(changes: dict) -> dict:
    document = copy.deepcopy(BASE)
    for path, value in changes.items():
        target = document
        for key in path[:-1]:
            if isinstance(target, dict) and isinstance(target.get(key), (dict, list)):
                target = target[key]
            elif isinstance(target, list) and isinstance(key, int) and key < len(target) and isinstance(target[key], (dict, list)):
                target = target[key]
            else:
                break  # an earlier change replaced the parent: this one no longer applies
        else:
            last = path[-1]
            if isinstance(target, dict) or (isinstance(target, list) and isinstance(last, int) and last < len(target)):
                target[last] = value
    return document


def assert_clean_outcome(cli, document: dict, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        path = root / f"interview{suffix}"
        # JSON text is YAML too; lone surrogates travel as escapes
        path.write_text(json.dumps(document, ensure_ascii=True), encoding="utf-8")
        out = root / "out"
        result = cli("emails", "--out", out, "--date", "2026-11-25", path)
        assert result.exit_code in (0, 1, 2), result.stderr
        event(f"emails exit {result.exit_code}")
        if result.exit_code == 2:
            lines = result.stderr.splitlines()
            assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
            assert not out.exists()
        else:
            for draft in out.rglob("*.eml"):
                message = email.message_from_bytes(draft.read_bytes(), policy=default_policy)
                assert message["To"] is not None and message.get_body(("plain",)) is not None
        assert not list(root.rglob("*.part"))
        assert all(root in written.parents for written in root.rglob("*"))
        checked = cli("check", "--format", "json", "--out", out, "--date", "2026-11-25", path)
        assert checked.exit_code in (0, 2), checked.stderr
        event(f"check exit {checked.exit_code}")
        if checked.stderr:  # only a usage-level error goes to stderr
            assert checked.exit_code == 2 and checked.stderr.startswith("error: ")
        else:
            report = json.loads(checked.stdout)
            assert report["version"] == 1
            assert (checked.exit_code == 2) == (report["summary"]["errors"] > 0)
            if result.exit_code == 2:  # what stops emails is an error for check too
                assert checked.exit_code == 2


@SETTINGS
@given(changes=st.dictionaries(st.sampled_from(TEXT_PATHS), TYPED_TEXT | ANY_TEXT, min_size=1, max_size=8), suffix=st.sampled_from([".json", ".yaml"]))
def test_random_unicode_in_every_text_field(cli, changes, suffix):
    assert_clean_outcome(cli, with_values(changes), suffix)


@SETTINGS
@given(changes=st.dictionaries(st.sampled_from(ALL_PATHS), ANY_VALUE, min_size=1, max_size=4), suffix=st.sampled_from([".json", ".yaml"]))
def test_random_values_in_every_field(cli, changes, suffix):
    assert_clean_outcome(cli, with_values(changes), suffix)


@SETTINGS
@given(text=st.text(st.characters(whitelist_categories=("L", "M", "N", "P", "S", "Zs")), min_size=1, max_size=300))
def test_random_unicode_notes_render_or_fail_clearly(cli, text):
    """Notes a person might type in any script: most render as email; check flags what no font draws."""
    document = with_values({("interviewers", 1, "note"): text})
    assert_clean_outcome(cli, document, ".json")
