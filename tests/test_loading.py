"""Loading interview files in every accepted format, and the exact errors for bad ones."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from followup.errors import InputError
from followup.loading import load_interview
from tests.conftest import PANEL, PHONE

MINIMAL_YAML = """\
candidate:
  name: Alex Morgan
interview:
  company: Acme Robotics
  position: Senior Data Analyst
  date: 2026-11-24
interviewers:
  - name: Jordan Rivera
"""


def test_bundled_examples_validate():
    panel = load_interview(PANEL)
    assert len(panel.interviewers) >= 4
    names = [person.name for person in panel.interviewers]
    assert "Siobhán O'Brien" in names and "田中 優希" in names and "Łukasz Müller-Nguyễn" in names
    countries = {panel.address_of(person).country for person in panel.interviewers}
    assert countries == {"US", "GB", "DE", "JP"}
    phone = load_interview(PHONE)
    assert phone.interview.format.value == "phone" and len(phone.interviewers) == 1


def test_yaml_toml_json_give_the_same_model(write):
    from_yaml = load_interview(write("a.yaml", MINIMAL_YAML))
    toml_text = """
[candidate]
name = "Alex Morgan"
[interview]
company = "Acme Robotics"
position = "Senior Data Analyst"
date = 2026-11-24
[[interviewers]]
name = "Jordan Rivera"
"""
    from_toml = load_interview(write("a.toml", toml_text))
    json_text = json.dumps(
        {
            "candidate": {"name": "Alex Morgan"},
            "interview": {"company": "Acme Robotics", "position": "Senior Data Analyst", "date": "2026-11-24"},
            "interviewers": [{"name": "Jordan Rivera"}],
        }
    )
    from_json = load_interview(write("a.json", json_text))
    assert from_yaml.model_dump() == from_toml.model_dump() == from_json.model_dump()
    assert from_yaml.interview.date == dt.date(2026, 11, 24)
    assert from_yaml.interview.format.value == "in-person"
    assert from_yaml.interviewers[0].address is None


def test_unicode_names_are_kept_exactly_and_normalised_to_nfc(write):
    decomposed = "Zoe\u0308 Nguye\u0302\u0303n"  # e + combining diaeresis, e + circumflex + tilde
    text = MINIMAL_YAML.replace("Jordan Rivera", decomposed)
    loaded = load_interview(write("a.yaml", text))
    assert loaded.interviewers[0].name == "Zoë Nguyễn"
    for name in ("O'Brien", "AT&T <Labs>", "Łukasz", "田中 優希"):
        assert load_interview(write("b.yaml", MINIMAL_YAML.replace("Jordan Rivera", f'"{name}"'))).interviewers[0].name == name


def test_interviewers_from_csv_with_line_numbers(write):
    write(
        "panel.csv",
        "name,honorific,title,email,address_lines,city,region,postal_code,country,topics,note\n"
        'Jordan Rivera,Ms.,Head of Analytics,jordan@acme.example,500 Market St|Floor 3,San Francisco,CA,94105,US,"forecasting; dbt",Thanks!\n'
        "Siobhán O'Brien,Dr.,Director,,10 Finsbury Square,London,,EC2A 1AF,GB,,\n",
    )
    path = write("a.yaml", MINIMAL_YAML.replace("interviewers:\n  - name: Jordan Rivera\n", "interviewers: panel.csv\n"))
    loaded = load_interview(path)
    first, second = loaded.interviewers
    assert first.topics == ["forecasting", "dbt"] and first.address.lines == ["500 Market St", "Floor 3"]
    assert first.address.postal_code == "94105" and first.note == "Thanks!"
    assert second.name == "Siobhán O'Brien" and second.email is None and second.address.country == "GB"
    assert loaded.locate("interviewers", 1, "name") == (str(path.parent / "panel.csv"), 3)


def test_linkedin_connections_export_is_recognised(write):
    write(
        "Connections.csv",
        "Notes:\n"
        '"When exporting your connection data, you may notice that some of the email addresses are missing."\n'
        "\n"
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        "Jordan,Rivera,https://www.linkedin.com/in/jr,jordan@acme.example,Acme Robotics,Head of Analytics,24 Nov 2026\n",
    )
    path = write("a.yaml", MINIMAL_YAML.replace("interviewers:\n  - name: Jordan Rivera\n", "interviewers: Connections.csv\n"))
    person = load_interview(path).interviewers[0]
    assert (person.name, person.given_name, person.family_name) == ("Jordan Rivera", "Jordan", "Rivera")
    assert (person.company, person.title, person.email) == ("Acme Robotics", "Head of Analytics", "jordan@acme.example")


def test_interviewers_from_vcard_option(write):
    vcf = write(
        "cards.vcf",
        "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Müller;Łukasz;;Dr.;\r\nFN:Dr. Łukasz Müller\r\nORG:Acme Robotics GmbH\r\n"
        "TITLE:Leiter Datenplattform\r\nEMAIL:lukasz@acme.example\r\n"
        "ADR:;;Friedrichstraße 123;Berlin;;10117;Deutschland\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Jordan Rivera\r\nN:Rivera;Jordan;;;\r\nEND:VCARD\r\n",
    )
    loaded = load_interview(write("a.yaml", MINIMAL_YAML), interviewers=vcf)
    first, second = loaded.interviewers
    assert first.name == "Dr. Łukasz Müller" and first.given_name == "Łukasz" and first.family_name == "Müller"
    assert first.honorific == "Dr." and first.company == "Acme Robotics GmbH"
    assert first.address.lines == ["Friedrichstraße 123"] and first.address.country == "DE"
    assert second.name == "Jordan Rivera" and second.address is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (MINIMAL_YAML.replace("  - name: Jordan Rivera\n", "  - title: Head of Analytics\n"),
         'a.yaml:8: interviewers[0].name: required, e.g. "name: Jordan Rivera"'),
        (MINIMAL_YAML.replace("2026-11-24", "24/11/2026"),
         'a.yaml:6: interview.date: not a date ("24/11/2026"): write it as YYYY-MM-DD, e.g. 2026-11-24'),
        (MINIMAL_YAML + "    email: jordan@\n",
         'a.yaml:9: interviewers[0].email: not an email address ("jordan@"), e.g. "jordan.rivera@acme.example"'),
        (MINIMAL_YAML + "    nmae: typo\n",
         "a.yaml:9: interviewers[0].nmae: unknown field (a typo?): remove it or check its spelling"),
        (MINIMAL_YAML.replace("date: 2026-11-24", "date: 2026-11-24\n  format: zoom"),
         "a.yaml:7: interview.format: must be one of 'in-person', 'phone' or 'video' (got \"zoom\")"),
        (MINIMAL_YAML.replace("interviewers:\n  - name: Jordan Rivera\n", "interviewers: []\n"),
         "a.yaml:7: interviewers: must have at least one entry"),
        (MINIMAL_YAML + "    address: {lines: [x], postal_code: 01234}\n",
         'a.yaml:9: interviewers[0].address.postal_code: write the postal code in quotes ("01234") so its leading zeros are kept'),
        (MINIMAL_YAML + "    address: {lines: [x], country: Germany}\n",
         'a.yaml:9: interviewers[0].address.country: not an ISO 3166 country code ("GERMANY"): use two letters, e.g. US, GB, DE, JP'),
        (MINIMAL_YAML + "    address: {lines: [x], country: ZZ}\n",
         'a.yaml:9: interviewers[0].address.country: not an ISO 3166 country code ("ZZ"): use two letters, e.g. US, GB, DE, JP'),
        (MINIMAL_YAML.replace("2026-11-24", "2026-13-01"),
         'a.yaml:6: not a date ("2026-13-01"): month must be in 1..12; write it as YYYY-MM-DD, e.g. 2026-11-24'),
        ("candidate: [\n", "a.yaml:2: not valid YAML: expected the node content, but found '<stream end>'"),
        ("- just\n- a list\n", "a.yaml:1: the file must be a mapping with candidate, interview and interviewers, e.g. candidate: {name: Alex Morgan}"),
        (MINIMAL_YAML.replace("name: Alex Morgan", "name: ''"), "a.yaml:2: candidate.name: must not be empty"),
        (MINIMAL_YAML.replace("candidate:\n  name: Alex Morgan\n", "candidate:\n  name: Alex Morgan\n  name: Alex\n"),
         "a.yaml:3: not valid YAML: a key appears twice in the same mapping"),
    ],
)
def test_yaml_errors_name_file_line_field_and_what_to_do(write, text, expected):
    path = write("a.yaml", text)
    with pytest.raises(InputError) as caught:
        load_interview(path)
    assert str(caught.value) == expected.replace("a.yaml", str(path), 1)


def test_json_and_toml_syntax_errors_give_lines(write):
    with pytest.raises(InputError) as caught:
        load_interview(write("a.json", '{"candidate": {"name": "A"},\n "interview": }'))
    assert str(caught.value).endswith("a.json:2: not valid JSON: Expecting value")
    with pytest.raises(InputError) as caught:
        load_interview(write("a.toml", "[candidate]\nname = \n"))
    assert str(caught.value).endswith("a.toml:2: not valid TOML: Invalid value")


def test_missing_file_wrong_suffix_and_not_utf8(tmp_path, write):
    with pytest.raises(InputError, match=r"nope\.yaml: no such file$"):
        load_interview(tmp_path / "nope.yaml")
    with pytest.raises(InputError, match=r"a\.txt: unknown kind of file '\.txt': an interview file ends in \.yaml, \.toml or \.json$"):
        load_interview(write("a.txt", "x"))
    latin1 = tmp_path / "b.yaml"
    latin1.write_bytes("candidate: {name: Zo\xeb}".encode("latin-1"))
    with pytest.raises(InputError, match=r"b\.yaml:1: not UTF-8 text: save the file as UTF-8$"):
        load_interview(latin1)


def test_yaml_aliases_are_refused(write):
    bomb = 'a: &a ["x", "x"]\nb: &b [*a, *a]\nc: [*b, *b]\n'
    with pytest.raises(InputError, match="YAML aliases"):
        load_interview(write("a.yaml", bomb))


def test_csv_errors_point_at_the_csv_line(write):
    write("panel.csv", "name,tittle\nJordan Rivera,Head\n")
    path = write("a.yaml", MINIMAL_YAML.replace("interviewers:\n  - name: Jordan Rivera\n", "interviewers: panel.csv\n"))
    with pytest.raises(InputError) as caught:
        load_interview(path)
    assert str(caught.value) == (
        f"{path.parent / 'panel.csv'}:1: unknown column 'tittle'; the columns are: name, honorific, title, email, "
        "phone, company, address_lines, city, region, postal_code, country, topics, note"
    )
    write("panel.csv", "name,email\nJordan Rivera,jordan@acme.example\n,nobody@acme.example\n")
    with pytest.raises(InputError) as caught:
        load_interview(path)
    assert str(caught.value) == f"{path.parent / 'panel.csv'}:3: interviewers[1].name: must not be empty"


def test_signature_must_exist(write):
    path = write("a.yaml", MINIMAL_YAML.replace("name: Alex Morgan", "name: Alex Morgan\n  signature: sig.png"))
    with pytest.raises(InputError) as caught:
        load_interview(path)
    assert str(caught.value) == (
        f'{path}:3: candidate.signature: image not found ("sig.png"): give a path relative to the interview file'
    )
