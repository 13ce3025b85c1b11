"""How people are addressed: honorifics by locale, and salutations by tone."""

from __future__ import annotations

from followup.model import Interviewer
from followup.names import formal_name, full_formal_name, salutation_name


def test_salutations_by_tone_and_locale():
    jordan = Interviewer(name="Jordan Rivera", honorific="Ms.")
    assert salutation_name(jordan, "warm") == "Jordan"
    assert salutation_name(jordan, "formal") == "Ms. Rivera"
    assert salutation_name(jordan, "formal", "en_GB") == "Ms Rivera"
    assert full_formal_name(jordan) == "Ms. Jordan Rivera"
    assert formal_name(Interviewer(name="Sam Lee")) == "Sam Lee"  # no honorific: the full name


def test_explicit_given_and_family_names():
    person = Interviewer(name="Nguyễn Văn An", given_name="An", family_name="Nguyễn", honorific="Mr")
    assert salutation_name(person, "warm") == "An"
    assert salutation_name(person, "formal") == "Mr. Nguyễn"


def test_east_asian_names_keep_the_formal_name_even_when_warm():
    person = Interviewer(name="田中 優希", given_name="優希", family_name="田中", honorific="Ms.")
    assert salutation_name(person, "warm") == "Ms. 田中"
