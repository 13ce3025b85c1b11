"""Address blocks as each country writes them: the refinements envelopes and labels rely on."""

from __future__ import annotations

from followup.addressing import address_block, addressee
from followup.model import Address, Interviewer

TANAKA = Interviewer(name="田中 優希", honorific="Ms.", title="Robotics Program Manager")


def block(person: Interviewer, address: Address, **options) -> list[str]:
    return address_block(name_lines=addressee(person, address), company="Acme Robotics KK", address=address,
                         sender_country="US", **options)


def test_japanese_script_address_ends_with_the_name_and_sama():
    address = Address(lines=["丸の内1-1-1"], city="千代田区", region="東京都", postal_code="100-0005", country="JP")
    assert block(TANAKA, address) == [
        "〒100-0005", "東京都千代田区", "丸の内1-1-1", "Acme Robotics KK", "Robotics Program Manager", "田中 優希 様", "JAPAN"
    ]


def test_romanised_japanese_address_keeps_western_order_and_the_city():
    address = Address(lines=["1-1-1 Marunouchi"], city="Chiyoda-ku", region="Tokyo", postal_code="100-0005", country="JP")
    assert block(TANAKA, address) == [
        "Ms. 田中 優希", "Robotics Program Manager", "Acme Robotics KK", "1-1-1 Marunouchi, Chiyoda-ku, Tokyo", "100-0005", "JAPAN"
    ]


def test_postal_style_keeps_the_apostrophe_of_a_name():
    person = Interviewer(name="Siobhán O'Brien", honorific="Dr.", title="Director of Data Science, EMEA")
    address = Address(lines=["10 Finsbury Square"], city="London", postal_code="EC2A 1AF", country="GB")
    lines = address_block(name_lines=addressee(person, address), company=None, address=address, sender_country="US",
                          postal_style=True)
    assert lines == ["DR SIOBHÁN O'BRIEN", "DIRECTOR OF DATA SCIENCE EMEA", "10 FINSBURY SQUARE", "LONDON", "EC2A 1AF",
                     "UNITED KINGDOM"]


def test_british_locale_writes_honorifics_without_a_full_stop():
    person = Interviewer(name="Siobhán O'Brien", honorific="Dr.")
    address = Address(lines=["10 Finsbury Square"], city="London", postal_code="EC2A 1AF", country="GB")
    assert addressee(person, address, "en_GB") == ["Dr Siobhán O'Brien"]
