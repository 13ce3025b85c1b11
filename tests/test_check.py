"""followup check: each check with an input that triggers it and one that does not, through the CLI."""

from __future__ import annotations

import json
import sys
import types

import pytest

from conftest import PANEL, PHONE, TODAY

BASE = """\
candidate:
  name: Alex Morgan
  email: alex.morgan@example.com
interview:
  company: Acme Robotics
  position: Senior Data Analyst
  date: {date}
  address: {{lines: ["500 Market St"], city: San Francisco, region: CA, postal_code: "94105", country: US}}
message:
  highlights: [{highlight}]
interviewers:
{people}
"""
JORDAN = """\
  - name: Jordan Rivera
    honorific: Ms.
    title: Head of Analytics
    email: jordan.rivera@acme.example
    topics: ["the Q3 forecasting migration"]
    note: "Thank you for the tour of the robotics lab and the pick-and-place arms."
"""
SAM = """\
  - name: Sam Lee
    title: Data Engineer
    topics: ["running dbt at scale", "data contracts between teams"]
    note: "I enjoyed comparing notes on testing macros; I will send the article."
"""


def interview_file(write, *, people=JORDAN + SAM, date="2026-11-24", highlight='"five years of forecasting in Python"', name="interview.yaml"):
    return write(name, BASE.format(date=date, people=people.rstrip("\n"), highlight=highlight))


@pytest.fixture
def check(cli, tmp_path):
    """Run ``followup check --format json`` with today fixed; returns (exit status, findings)."""

    def run(*args):
        result = cli("check", "--format", "json", "--date", TODAY.isoformat(), "--out", tmp_path / "out", *args)
        report = json.loads(result.stdout)
        return result.exit_code, report["findings"]

    return run


def codes(findings):
    return [finding["code"] for finding in findings]


def test_the_bundled_examples_have_nothing_to_report(check):
    status, findings = check(PANEL, PHONE)
    assert (status, findings) == (0, [])


def test_json_report_is_versioned_with_summary_and_every_key(check, cli, write, tmp_path):
    path = interview_file(write, people=JORDAN + SAM.replace("the article", "the articel"))
    result = cli("check", "--format", "json", "--date", "2026-11-25", "--out", tmp_path / "out", path)
    report = json.loads(result.stdout)
    assert report["version"] == 1
    assert report["summary"] == {"errors": 0, "warnings": 1}
    assert report["findings"] == [
        {
            "severity": "warning",
            "code": "spelling",
            "message": '"articel" is not in the dictionary: did you mean "article"?',
            "file": str(path),
            "line": 21,
            "field": "interviewers[1].note",
            "interviewer": "Sam Lee",
            "product": None,
            "suggestions": ["article"],
        }
    ]
    assert result.exit_code == 0


def test_text_report_one_line_per_finding_and_strict_exit(cli, write, tmp_path):
    path = interview_file(write, people=JORDAN + SAM.replace("the article", "the articel"))
    args = ("check", "--date", "2026-11-25", "--out", tmp_path / "out", path)
    result = cli(*args)
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        f'warning: {path}:21: interviewers[1].note: "articel" is not in the dictionary: did you mean "article"? '
        "[spelling, Sam Lee]",
        "0 errors, 1 warning",
    ]
    assert cli(*args, "--strict").exit_code == 1
    assert cli(*args, "--quiet").stdout == ""


def test_load_errors_are_error_findings_and_exit_2(cli, check, write, tmp_path):
    path = write("broken.yaml", BASE.format(date="2026-11-24", people="  - title: Engineer", highlight='"x"'))
    status, findings = check(path, PANEL)
    assert status == 2
    assert findings == [
        {
            "severity": "error", "code": "input", "message": 'required, e.g. "name: Jordan Rivera"', "file": str(path),
            "line": 12, "field": "interviewers[0].name", "interviewer": None, "product": None, "suggestions": [],
        }
    ]
    # the text line is the same `error:` line the product commands print
    emails = cli("emails", "--out", tmp_path / "out", path)
    text = cli("check", "--date", "2026-11-25", path)
    assert emails.exit_code == text.exit_code == 2
    assert text.stdout.splitlines()[0] == emails.stderr.strip() + " [input]"


# ---- spelling -------------------------------------------------------------------------------------------


def test_spelling_knows_the_files_names_companies_titles_and_tech_words(check, write):
    note = (
        '"Siobhán said the Acme Robotics Leiter team runs dbt, Kubernetes and PyTorch on AWS; '
        'Jordan\'s Q3 OKRs, the pick-and-place arms and the API roadmap. I didn\'t expect that."'
    )
    people = JORDAN.replace('"Thank you for the tour of the robotics lab and the pick-and-place arms."', note)
    people += "  - name: Siobhán O'Brien\n    title: Leiter Datenplattform\n    topics: [\"model monitoring\"]\n"
    status, findings = check(interview_file(write, people=people))
    assert (status, findings) == (0, [])


def test_spelling_in_highlights_topics_and_notes_with_suggestions(check, write):
    people = JORDAN.replace("forecasting migration", "forcasting migration") + SAM.replace("comparing", "comparring")
    status, findings = check(interview_file(write, people=people, highlight='"five yeers of forecasting"'))
    spelling = [(f["field"], f["message"], f["suggestions"]) for f in findings if f["code"] == "spelling"]
    assert spelling == [
        ("message.highlights[0]", '"yeers" is not in the dictionary: did you mean "years", "beers" or "peers"?',
         ["years", "beers", "peers"]),
        ("interviewers[0].topics[0]", '"forcasting" is not in the dictionary: did you mean "forecasting"?', ["forecasting"]),
        ("interviewers[1].note", '"comparring" is not in the dictionary: did you mean "comparing"?', ["comparing"]),
    ]
    assert status == 0


def test_spelling_accepts_british_spellings_proper_nouns_and_compounds(check, write):
    note = (
        '"I\'m glad we\'d talked: the organisation\'s colour, my favourite way to analyse a catalogue. '
        'Your colleague Priya and the Kanban board in the Lisbon office; a post-mortem, e-commerce and whiteboarding. '
        'Fivetran connectors."'
    )
    people = JORDAN.replace('"Thank you for the tour of the robotics lab and the pick-and-place arms."', note)
    assert check(interview_file(write, people=people + SAM)) == (0, [])


def test_a_run_together_word_suggests_its_two_words(check, write):
    people = JORDAN.replace("Thank you for the tour", "Thankyou for the tour")
    status, findings = check(interview_file(write, people=people + SAM))
    assert [(f["message"], f["suggestions"]) for f in findings] == [
        ('"Thankyou" is not in the dictionary: did you mean "Thank you"?', ["Thank you"])
    ]


def test_spelling_in_a_custom_templates_own_words_not_its_fields(check, write):
    template = write("mine.j2", "Subject: Thank you\n\nDear {{ salutation }},\n\nI realy enjoyed {{ interview.position }}.\n")
    status, findings = check("--product", "emails", "--template", template, interview_file(write))
    assert [(f["file"], f["line"], f["message"]) for f in findings] == [
        (str(template), 5, '"realy" is not in the dictionary: did you mean "really", "real" or "ready"?')
    ]
    clean = write("clean.j2", "Subject: Thank you\n\nDear {{ salutation }},\n\nI really enjoyed {{ interview.position }}.\n")
    assert check("--product", "emails", "--template", clean, interview_file(write)) == (0, [])


# ---- names ---------------------------------------------------------------------------------------------


def test_a_name_spelt_two_ways_in_a_note(check, write):
    people = JORDAN.replace("the pick-and-place arms", "Jordon Rivera's demo") + SAM
    status, findings = check(interview_file(write, people=people))
    assert [(f["code"], f["field"], f["message"], f["suggestions"]) for f in findings] == [
        ("name-variant", "interviewers[0].note",
         '"Jordon" looks like "Jordan" (Jordan Rivera) spelt another way: check which spelling is right', ["Jordan"]),
    ]  # and not reported again as a spelling mistake
    # a real word that differs by a letter from a name, alone, is another person: not flagged
    people = JORDAN.replace("the pick-and-place arms", "what Gordon said") + SAM
    assert check(interview_file(write, people=people)) == (0, [])


def test_two_panel_entries_with_nearly_the_same_name(check, write):
    twin = SAM.replace("Sam Lee", "Jordan Riviera").replace("running dbt", "running Airflow")
    status, findings = check(interview_file(write, people=JORDAN + twin))
    assert [(f["code"], f["field"], f["suggestions"]) for f in findings] == [
        ("name-variant", "interviewers[1].name", ["Jordan Rivera"])
    ]
    assert check(interview_file(write, people=JORDAN + SAM.replace("Sam Lee", "Jordan Ramos"))) == (0, [])


def test_an_email_address_that_spells_the_name_differently(check, write):
    people = JORDAN.replace("name: Jordan Rivera", "name: Jordon Rivera") + SAM
    status, findings = check(interview_file(write, people=people))
    assert [(f["code"], f["message"]) for f in findings] == [
        ("name-variant", 'the email address spells "jordon" as "jordan": check which spelling is right')
    ]


def test_a_given_name_that_differs_from_the_name(check, write):
    people = JORDAN.replace("honorific: Ms.", "honorific: Ms.\n    given_name: Jordon") + SAM
    status, findings = check(interview_file(write, people=people))
    assert [(f["code"], f["field"], f["message"]) for f in findings] == [
        ("salutation-mismatch", "interviewers[0].given_name",
         '"Jordon" differs from "Jordan" in the name "Jordan Rivera": the note would say "Dear Jordon"'),
    ]
    # a chosen short name is not a typo
    people = JORDAN.replace("name: Jordan Rivera", "name: Robert Rivera").replace("jordan.rivera", "robert.rivera")
    people = people.replace("honorific: Ms.", "honorific: Mr.\n    given_name: Bob")
    assert check(interview_file(write, people=people + SAM)) == (0, [])


def test_a_template_that_greets_someone_else(check, write):
    hard_coded = write("hard.j2", "Subject: Thank you\n\nDear Jordan,\n\nThank you, {{ interviewer.note }}\n")
    status, findings = check("--product", "emails", "--template", hard_coded, interview_file(write))
    assert [(f["code"], f["interviewer"], f["message"]) for f in findings] == [
        ("salutation-mismatch", "Sam Lee", 'the message greets "Jordan", which is not Sam Lee\'s name: check the template')
    ]


@pytest.mark.parametrize(
    ("honorific", "title", "name", "message"),
    [
        ("Ms.", "Professor of Statistics", "Jordan Rivera",
         '"Ms." for a professor (title "Professor of Statistics"): address them as Prof. or Dr.'),
        ("Mr.", "Principal Scientist, PhD", "Jordan Rivera", '"Mr." for someone with a doctorate (PhD): address them as Dr.'),
        ("Dr.", "Head of Analytics", "Jordan Rivera, PhD", 'both "Dr." and "PhD": use one, e.g. drop it from the name'),
    ],
)
def test_honorifics_that_contradict_the_title(check, write, honorific, title, name, message):
    people = JORDAN.replace("Ms.", honorific).replace("Head of Analytics", title).replace("name: Jordan Rivera", f'name: "{name}"')
    status, findings = check(interview_file(write, people=people + SAM))
    assert [(f["code"], f["message"]) for f in findings] == [("honorific-conflict", message)]


def test_a_managing_director_is_not_a_doctor(check, write):
    people = JORDAN.replace("Head of Analytics", "MD, Europe").replace("Ms.", "Mr.")
    assert check(interview_file(write, people=people + SAM)) == (0, [])


def test_an_honorific_typed_into_the_name(check, write):
    people = JORDAN.replace("name: Jordan Rivera", "name: Dr. Jordan Rivera").replace("    honorific: Ms.\n", "")
    status, findings = check(interview_file(write, people=people + SAM))
    assert [(f["code"], f["field"], f["suggestions"]) for f in findings] == [
        ("honorific-conflict", "interviewers[0].name", ["Jordan Rivera"])
    ]
    assert check(interview_file(write, people=JORDAN.replace("Ms.", "Dr.") + SAM)) == (0, [])


# ---- personalisation ------------------------------------------------------------------------------------


def test_near_duplicate_messages_show_the_percentage(check, write):
    copy = JORDAN.replace("Jordan Rivera", "Sam Lee").replace("jordan.rivera", "sam.lee")
    status, findings = check(interview_file(write, people=JORDAN + copy))
    assert [(f["code"], f["field"], f["interviewer"], f["message"]) for f in findings] == [
        ("near-duplicate", "interviewers[1]", "Sam Lee",
         "the message is 99% the same as Jordan Rivera's: add a topic or a note that is theirs alone"),
    ]


def test_an_interviewer_with_no_topic_and_no_note(check, write):
    people = JORDAN + "  - name: Sam Lee\n    title: Data Engineer\n"
    status, findings = check(interview_file(write, people=people))
    # only this: that the message would nearly equal Jordan's is what "generic" means
    assert [(f["code"], f["field"], f["line"]) for f in findings] == [("generic-message", "interviewers[1]", 18)]
    only_topic = JORDAN + "  - name: Sam Lee\n    topics: [\"data contracts between teams and running dbt at scale\"]\n"
    assert "generic-message" not in codes(check(interview_file(write, people=only_topic))[1])


# ---- timing ---------------------------------------------------------------------------------------------


def test_late_when_nothing_rendered_and_not_once_rendered(check, cli, write, tmp_path):
    path = interview_file(write, date="2026-11-22")
    status, findings = check(path)
    assert [(f["code"], f["line"], f["message"]) for f in findings] == [
        ("late", 7, "the interview was on 2026-11-22, 3 days ago, and nothing has been rendered yet: "
         "thank-you notes are best sent within 24 hours")
    ]
    assert cli("emails", "--out", tmp_path / "out", path).exit_code == 0
    assert check(path) == (0, [])
    assert check(interview_file(write, date="2026-11-24")) == (0, [])  # yesterday: within 24 hours of today


def test_a_future_date(check, write):
    status, findings = check(interview_file(write, date="2027-11-24"))
    assert [(f["code"], f["field"], f["message"]) for f in findings] == [
        ("future-date", "interview.date", "the interview date 2027-11-24 is after today (2026-11-25): is the year right?")
    ]
    assert check(interview_file(write, date="2026-11-25")) == (0, [])


# ---- what cannot render ---------------------------------------------------------------------------------


def test_a_character_no_font_has(check, write):
    people = JORDAN.replace("name: Jordan Rivera", "name: Jordan Rivera \U0001d11e") + SAM
    status, findings = check(interview_file(write, people=people))
    assert status == 2
    assert [(f["code"], f["line"], f["field"]) for f in findings] == [("glyph", 12, "interviewers[0].name")]
    assert findings[0]["message"].startswith("no bundled font can draw '\U0001d11e' (U+1D11E, MUSICAL SYMBOL G CLEF)")


def test_an_unknown_template_field(check, write):
    template = write("typo.j2", "Subject: Thanks\n\nDear {{ salutation }},\n\n{{ interviewer.nickname }}\n")
    status, findings = check("--product", "emails", "--template", template, interview_file(write))
    assert status == 2
    assert [(f["code"], f["file"], f["line"], f["message"]) for f in findings] == [
        ("template-field", str(template), 5, "unknown field 'nickname'; the fields are listed by `followup templates`")
    ]  # once, not once per interviewer


def test_signature_images(check, write, tmp_path):
    from PIL import Image

    signature = Image.new("L", (120, 40), 255)
    signature.paste(0, (10, 18, 110, 22))  # a stroke of ink
    signature.save(tmp_path / "good.png")
    (tmp_path / "text.png").write_text("not a picture", encoding="utf-8")
    (tmp_path / "cut.png").write_bytes((tmp_path / "good.png").read_bytes()[:60])
    base = interview_file(write).read_text(encoding="utf-8")

    def with_signature(image):
        return write(f"with-{image}.yaml", base.replace("  email: alex", f"  signature: {image}\n  email: alex", 1))

    assert check(with_signature("good.png")) == (0, [])
    status, findings = check(with_signature("text.png"))
    assert status == 2
    assert [(f["code"], f["line"], f["field"], f["message"]) for f in findings] == [
        ("signature-image", 3, "candidate.signature", '"text.png" is not an image: use a PNG or JPEG file')
    ]
    status, findings = check(with_signature("cut.png"))
    assert codes(findings) == ["signature-image"] and "cannot be read" in findings[0]["message"]


def test_a_decompression_bomb_is_refused_and_the_limit_stays_on(check, write, tmp_path):
    import struct
    import zlib

    from PIL import Image

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    # a 2 kB PNG that claims 100,000 x 100,000 pixels
    header = struct.pack(">IIBBBBB", 100_000, 100_000, 8, 0, 0, 0, 0)
    data = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0" * 2000)) + chunk(b"IEND", b"")
    (tmp_path / "bomb.png").write_bytes(data)
    base = interview_file(write).read_text(encoding="utf-8")
    path = write("bomb.yaml", base.replace("  email: alex", "  signature: bomb.png\n  email: alex", 1))
    status, findings = check(path)
    assert status == 2
    assert findings[0]["message"] == (
        'image "bomb.png" is too large to be a signature: use a PNG or JPEG under 10,000 pixels a side and 40 megapixels'
    )
    assert Image.MAX_IMAGE_PIXELS is not None and Image.MAX_IMAGE_PIXELS <= 179_000_000


@pytest.mark.parametrize(
    "kind, message",
    [
        ("blank", 'image "sig.png" has no ink on it (it is blank or all white): scan or photograph the signature again'),
        ("gif", 'image "sig.png" is a GIF file: save the signature as PNG or JPEG'),
        ("wide", 'image "sig.png" is 10,001 x 40 pixels, too large to be a signature: '
                 "use a PNG or JPEG under 10,000 pixels a side and 40 megapixels"),
    ],
)
def test_check_refuses_the_signature_images_the_products_refuse_in_the_same_words(check, cli, write, tmp_path, kind, message):
    # each of these is a readable image that `check` used to pass and `letters` then stopped on
    from PIL import Image

    size = (10_001, 40) if kind == "wide" else (120, 40)
    image = Image.new("L", size, 255)
    if kind != "blank":
        image.paste(0, (10, 18, 110, 22))
    image.save(tmp_path / "sig.png", format="GIF" if kind == "gif" else "PNG")
    base = interview_file(write).read_text(encoding="utf-8")
    path = write("signed.yaml", base.replace("  email: alex", "  signature: sig.png\n  email: alex", 1))
    status, findings = check(path)
    assert status == 2
    assert [(f["code"], f["line"], f["field"], f["message"]) for f in findings] == [("signature-image", 3, "candidate.signature", message)]
    result = cli("letters", path, "-o", tmp_path / "letters")
    assert (result.exit_code, result.stderr) == (2, f"error: {path}:3: candidate.signature: {message}\n")
    assert not (tmp_path / "letters").exists()


# ---- products: a fake card and letter registered like the real ones ---------------------------------------


def _fake_products(monkeypatch):
    """Register a card product that fits 40 words and a letter product whose PDF has a page per 60 words."""
    from followup import pdf
    from followup.errors import FitError, MissingAddressError
    from followup.model import Product
    from followup.render import PRODUCTS

    def words(item):
        return len(" ".join([item.person.note or "", *item.person.topics]).split())

    class Card:
        name, product, item_file, combined_file = "fake-cards", Product.CARD, "card.pdf", None

        def __init__(self, common):
            self.common = common

        def prepare(self, item):
            if words(item) > 40:
                raise FitError(f"the note is {words(item) - 40} words too long for the card", subject=item.person.name,
                               path=item.field("note")[0], line=item.field("note")[1], field=f"interviewers[{item.index}].note")
            return words(item)

    class Letter(Card):
        name, product, item_file = "fake-letters", Product.LETTER, "letter.pdf"

        def prepare(self, item):
            if item.interview.address_of(item.person) is None:
                raise MissingAddressError("no address: add one to the interviewer or the interview", subject=item.person.name)
            return words(item)

        def render(self, count):
            def draw(canvas):
                for _ in range(1 + count // 60):
                    canvas.drawString(72, 72, "letter")
                    canvas.showPage()

            return pdf.render_pdf(draw, pagesize=(612, 792), title="letter", author="test")

    for name, cls in (("fake-cards", Card), ("fake-letters", Letter)):
        module = types.ModuleType(f"fake_{name}")
        module.renderer = lambda common, cls=cls: cls(common)
        monkeypatch.setitem(sys.modules, f"fake_{name}", module)
        monkeypatch.setitem(PRODUCTS, name, f"fake_{name}")


def test_registered_products_report_fit_address_and_length(check, write, monkeypatch):
    _fake_products(monkeypatch)
    assert check("-p", "fake-cards", "-p", "fake-letters", interview_file(write)) == (0, [])
    long_note = " ".join(["word"] * 36)  # fits with 4 words to spare: near the limit
    too_long = " ".join(["word"] * 70)  # over the card, and two pages of letter
    people = JORDAN.replace("Thank you for the tour of the robotics lab and the pick-and-place arms.", long_note)
    people += SAM.replace("I enjoyed comparing notes on testing macros; I will send the article.", too_long)
    text = BASE.format(date="2026-11-24", people=people.rstrip("\n"), highlight='"x"').replace("  address: {", "  where: {")
    text = "\n".join(line for line in text.splitlines() if not line.startswith("  where:"))
    fakes = ("--product", "fake-cards", "--product", "fake-letters")
    status, findings = check(*fakes, write("products.yaml", text))
    assert status == 2
    assert [(f["severity"], f["code"], f["interviewer"], f["product"]) for f in findings if f["code"] != "near-duplicate"] == [
        ("error", "missing-address", "Jordan Rivera", "fake-letters"),
        ("error", "missing-address", "Sam Lee", "fake-letters"),
        ("error", "cannot-fit", "Sam Lee", "fake-cards"),
        ("warning", "near-fit-limit", "Jordan Rivera", "fake-cards"),
    ]
    cannot_fit = next(f for f in findings if f["code"] == "cannot-fit")
    assert (cannot_fit["line"], cannot_fit["message"]) == (20, "the note is 38 words too long for the card")
    status, findings = check(*fakes, write("letters.yaml", BASE.format(date="2026-11-24", people=people.rstrip("\n"), highlight='"x"')))
    assert [(f["code"], f["interviewer"], f["message"]) for f in findings if f["code"] == "letter-over-one-page"] == [
        ("letter-over-one-page", "Sam Lee", "the letter runs to 2 pages: a thank-you letter reads best on one; shorten the note")
    ]


def test_proofread_is_callable_with_loaded_files_and_chosen_products(monkeypatch, tmp_path):
    from followup.check import proofread
    from followup.loading import load_interview

    _fake_products(monkeypatch)
    loaded = load_interview(PANEL)
    findings = proofread([loaded], today=TODAY, products=["emails"], out_dir=None)
    assert findings == []
    findings = proofread([PANEL, tmp_path / "missing.yaml"], today=TODAY, out_dir=None)
    assert [(f.code, f.file, f.message, f.item_failure) for f in findings] == [
        ("input", str(tmp_path / "missing.yaml"), "no such file", False)
    ]
    assert str(findings[0].as_error()) == f"{tmp_path / 'missing.yaml'}: no such file"  # what render would print


# ---- the report's documentation and presentation ---------------------------------------------------------


def test_every_code_is_documented():
    from conftest import ROOT
    from followup.findings import CODES

    documented = (ROOT / "docs" / "check.md").read_text(encoding="utf-8")
    for code, (severity, _) in CODES.items():
        assert f"| `{code}` |" in documented, code


def test_grouped_and_coloured_on_a_terminal(cli, write, tmp_path, monkeypatch):
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.delenv("NO_COLOR", raising=False)
    first = interview_file(write, people=JORDAN + SAM.replace("the article", "the articel"), name="one.yaml")
    second = interview_file(write, people=JORDAN.replace("name: Jordan Rivera", "name: Jordan Rivera \U0001d11e"), name="two.yaml")
    result = cli("check", "--date", "2026-11-25", "--out", tmp_path / "out", first, second)
    assert result.exit_code == 2
    assert "\x1b[" in result.stdout  # colours
    import re

    plain = [re.sub(r"\x1b\[[0-9;]*m", "", line) for line in result.stdout.splitlines()]
    assert plain[0] == str(first)  # a heading per file
    assert plain[1].startswith(f"warning: {first}:21: interviewers[1].note: ")
    assert plain[2] == str(second)
    assert plain[3].startswith(f"error: {second}:12: interviewers[0].name: no bundled font can draw")
    assert plain[-1] == "1 error, 1 warning"


def test_a_bad_format_is_a_usage_error(cli):
    result = cli("check", "--format", "xml", PANEL)
    assert (result.exit_code, result.stderr) == (2, "error: --format 'xml': choose one of text, json\n")


def test_importing_the_proofreader_loads_no_heavy_library():
    import subprocess

    from conftest import ROOT

    code = (
        "import sys, followup.check, followup.findings, followup.wording, followup.spelling, followup.cli; "
        "print(sorted(m for m in ('PIL', 'reportlab', 'spellchecker', 'jinja2') if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env={"PYTHONPATH": str(ROOT / "src")})
    assert result.stdout.strip() == "[]", result.stderr


# ---- the real mail products --------------------------------------------------------------------------------


def test_a_letter_over_one_page_with_the_real_letters_product(check, cli, write, tmp_path):
    from pypdf import PdfReader

    long_note = "I enjoyed our conversation about forecasting, monitoring and how the teams work together. " * 20
    people = JORDAN.replace("Thank you for the tour of the robotics lab and the pick-and-place arms.", long_note.strip()) + SAM
    path = interview_file(write, people=people)
    status, findings = check("--product", "letters", path)
    assert (status, [(f["code"], f["interviewer"], f["product"]) for f in findings]) == (
        0, [("letter-over-one-page", "Jordan Rivera", "letters")]
    )
    assert findings[0]["message"] == "the letter runs to 2 pages: a thank-you letter reads best on one; shorten the note"
    # what check says is what the letters command writes
    assert cli("letters", "--out", tmp_path / "letters", path).exit_code == 0
    pages = {pdf.parent.name: len(PdfReader(pdf).pages) for pdf in (tmp_path / "letters").rglob("letter.pdf")}
    assert pages == {"jordan-rivera": 2, "sam-lee": 1}


def test_no_address_is_one_error_per_interviewer_naming_the_products(check, write):
    text = interview_file(write).read_text(encoding="utf-8")
    path = write("no-address.yaml", "\n".join(line for line in text.splitlines() if not line.startswith("  address:")) + "\n")
    status, findings = check(path)
    assert status == 2
    assert [(f["code"], f["interviewer"], f["product"], f["message"]) for f in findings] == [
        ("missing-address", name, None,
         "no postal address for envelopes, labels and letters: add an address to this interviewer or to the interview")
        for name in ("Jordan Rivera", "Sam Lee")
    ]
    assert check("--product", "emails", path) == (0, [])


def test_an_unknown_product_is_a_usage_error(cli):
    result = cli("check", "--product", "faxes", PANEL)
    assert result.exit_code == 2
    assert result.stderr.startswith("error: no product called 'faxes'; choose from: emails, ")


LONG_WORDS = (
    "Thank you for walking me through how the analytics team works with the robotics engineers; "
    "seeing the pick-and-place arms made the forecasting problem concrete and I keep thinking about it. "
).split() * 5


@pytest.mark.parametrize(("words", "status", "found", "card_written"), [
    (60, 0, [], True),
    (100, 0, [("warning", "near-fit-limit")], True),
    (110, 2, [("error", "cannot-fit")], False),
])
def test_card_fit_with_the_real_cards_product(check, cli, write, tmp_path, words, status, found, card_written):
    note = " ".join(LONG_WORDS[:words])
    people = JORDAN.replace("Thank you for the tour of the robotics lab and the pick-and-place arms.", note) + SAM
    path = interview_file(write, people=people)
    result = check("--product", "cards", path)
    assert (result[0], [(f["severity"], f["code"]) for f in result[1]]) == (status, found)
    assert all(f["interviewer"] == "Jordan Rivera" and f["product"] == "cards" for f in result[1])
    # check's verdict is what the cards command does
    cards = cli("cards", "--out", tmp_path / "cards", "-i", "Jordan Rivera", path)
    assert cards.exit_code == (0 if card_written else 1)
    assert (tmp_path / "cards" / "acme-robotics" / "jordan-rivera" / "card.pdf").is_file() == card_written
