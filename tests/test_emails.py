"""Email drafts: read back with Python's email parser, as a mail client would."""

from __future__ import annotations

from email import message_from_bytes
from email.policy import default
from pathlib import Path

import pytest

from conftest import PANEL, PHONE

FOLDERS = {
    "Jordan Rivera": "acme-robotics/jordan-rivera",
    "Siobhán O'Brien": "acme-robotics-ltd/siobhan-obrien",
    "Łukasz Müller-Nguyễn": "acme-robotics-gmbh/lukasz-muller-nguyen",
    "田中 優希": "acme-robotics-kk/interviewer-7530-4e2d-512a-5e0c",
}


def parse(path: Path):
    return message_from_bytes(path.read_bytes(), policy=default)


def text_of(message, subtype: str) -> str:
    """A body part's text with the wire's CRLF line ends as a reader sees them."""
    return message.get_body((subtype,)).get_content().replace("\r\n", "\n")


@pytest.fixture(scope="module")
def panel_emails(tmp_path_factory):
    from typer.testing import CliRunner

    from followup.cli import app

    out = tmp_path_factory.mktemp("emails")
    result = CliRunner().invoke(app, ["emails", str(PANEL), "-o", str(out), "--date", "2026-11-25"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return out


@pytest.mark.parametrize("name", list(FOLDERS))
def test_headers_name_the_interviewer_the_candidate_and_the_position(panel_emails, name):
    message = parse(panel_emails / FOLDERS[name] / "email.eml")
    assert message["To"].addresses[0].display_name == name
    assert message["From"].addresses[0].display_name == "Alex Morgan"
    assert message["From"].addresses[0].addr_spec == "alex.morgan@example.com"
    assert "Senior Data Analyst" in message["Subject"]
    assert message["X-Unsent"] == "1"
    assert message["MIME-Version"] == "1.0"
    assert message["Date"].datetime.date().isoformat() == "2026-11-25"
    assert not message.defects and not any(message[h].defects for h in ("To", "From", "Subject"))


def test_unicode_names_are_encoded_words_on_the_wire_and_exact_when_parsed(panel_emails):
    raw = (panel_emails / FOLDERS["田中 優希"] / "email.eml").read_bytes()
    assert raw.isascii()  # RFC 5322 headers: non-ASCII travels as RFC 2047 encoded words
    message = parse(panel_emails / FOLDERS["田中 優希"] / "email.eml")
    assert str(message["To"]) == "田中 優希 <yuki.tanaka@acme.example>"
    obrien = parse(panel_emails / FOLDERS["Siobhán O'Brien"] / "email.eml")
    assert obrien["To"].addresses[0].display_name == "Siobhán O'Brien"
    assert obrien["To"].addresses[0].addr_spec == "siobhan.obrien@acme.example"


def test_plain_body_and_html_alternative_carry_the_same_text(panel_emails):
    message = parse(panel_emails / FOLDERS["Siobhán O'Brien"] / "email.eml")
    assert message.get_content_type() == "multipart/alternative"
    plain = text_of(message, "plain")
    html = text_of(message, "html")
    assert plain.startswith("Dear Siobhán,")  # warm tone: the given name
    assert "model monitoring in production" in plain
    assert "Your point about monitoring drift before accuracy has stayed with me." in plain
    assert plain.rstrip().endswith("Alex Morgan\n+1 503 555 0142")
    assert "O&#x27;Brien" not in html and "Dear Siobhán," in html  # escaped where needed, text intact
    assert "<p>Dear Siobhán,</p>" in html


@pytest.mark.parametrize(
    ("tone", "salutation", "subject", "closing"),
    [
        ("warm", "Dear Jordan,", "Thank you, Jordan — Senior Data Analyst interview", "Warm regards,"),
        ("formal", "Dear Ms. Rivera,", "Thank you: Senior Data Analyst interview on November 24, 2026", "Sincerely,"),
        ("brief", "Dear Ms. Rivera,", "Thank you — Senior Data Analyst", "Best regards,"),
    ],
)
def test_tones(cli, tmp_path, tone, salutation, subject, closing):
    result = cli("emails", PANEL, "-o", tmp_path, "--template", tone, "-i", "Jordan Rivera", "--date", "2026-11-25")
    assert result.exit_code == 0, result.output
    message = parse(tmp_path / FOLDERS["Jordan Rivera"] / "email.eml")
    assert message["Subject"] == subject
    plain = text_of(message, "plain")
    assert plain.splitlines()[0] == salutation
    assert closing in plain.splitlines()
    assert [p.name for p in tmp_path.rglob("*.eml")] == ["email.eml"]  # -i: only Jordan


def test_interviewer_without_email_is_an_empty_group_ready_for_the_address(cli, write, tmp_path):
    interview = write(
        "i.yaml",
        "candidate: {name: Alex Morgan}\n"
        "interview: {company: Acme, position: Analyst, date: 2026-11-24}\n"
        "interviewers: [{name: Siobhán O'Brien}]\n",
    )
    result = cli("emails", interview, "-o", tmp_path / "out")
    assert result.exit_code == 0, result.output
    message = parse(tmp_path / "out/acme/siobhan-obrien/email.eml")
    assert message["To"].groups[0].display_name == "Siobhán O'Brien"
    assert message["To"].addresses == ()
    assert message["From"].groups[0].display_name == "Alex Morgan"
    assert not message["To"].defects and not message["From"].defects


def test_same_input_same_bytes(cli, tmp_path):
    for folder in ("a", "b"):
        assert cli("emails", PHONE, "-o", tmp_path / folder, "--date", "2026-11-25").exit_code == 0
    first = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*.eml"))
    assert first
    for relative in first:
        assert (tmp_path / "a" / relative).read_bytes() == (tmp_path / "b" / relative).read_bytes()
