"""Address blocks by the destination country's rules, keeping every line as the user wrote it."""

from __future__ import annotations

from followup.addressing import address_block
from followup.model import Address


def _block(country, postal_style=False, sender="US", **fields):
    return address_block(
        name_lines=["Ms. Jordan Rivera"], company="Acme", address=Address(country=country, **fields),
        sender_country=sender, postal_style=postal_style,
    )


def test_us_domestic_has_no_country_line():
    lines = _block("US", lines=["500 Market St", "Floor 3"], city="San Francisco", region="CA", postal_code="94105")
    assert lines == ["Ms. Jordan Rivera", "Acme", "500 Market St", "Floor 3", "San Francisco, CA 94105"]


def test_usps_postal_style():
    lines = _block("US", postal_style=True, lines=["500 Market St."], city="San Francisco", region="CA", postal_code="94105-1234")
    assert lines == ["MS JORDAN RIVERA", "ACME", "500 MARKET ST", "SAN FRANCISCO CA  94105-1234"]


def test_german_postcode_before_city_and_country_last_for_international_mail():
    lines = _block("DE", lines=["Friedrichstraße 123"], city="Berlin", postal_code="10117")
    assert lines == ["Ms. Jordan Rivera", "Acme", "Friedrichstraße 123", "10117 Berlin", "GERMANY"]
    assert _block("DE", sender="DE", lines=["Friedrichstraße 123"], city="Berlin", postal_code="10117")[-1] == "10117 Berlin"


def test_uk_keeps_the_users_case():
    lines = _block("GB", lines=["10 Finsbury Square"], city="London", postal_code="EC2A 1AF")
    assert lines[-3:] == ["London", "EC2A 1AF", "UNITED KINGDOM"]


def test_japanese_script_uses_local_order_and_keeps_the_city():
    lines = _block("JP", lines=["丸の内1-1-1"], city="千代田区", region="東京都", postal_code="100-0005")
    assert lines[:3] == ["〒100-0005", "東京都千代田区", "丸の内1-1-1"]
    assert lines[-1] == "JAPAN" and "Ms. Jordan Rivera" in lines


def test_missing_parts_leave_no_stray_separators():
    lines = _block("US", lines=["PO Box 12"], city="Portland")
    assert lines[-1] == "Portland"
