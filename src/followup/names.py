"""How a person is addressed: honorifics, formal names and salutations, by tone and locale."""

from __future__ import annotations

from followup.model import Interviewer

# US style writes "Ms." and "Dr."; British style writes "Ms" and "Dr" (print-specs.md 6.3, 6.4)
_NO_PERIOD_LOCALES = ("en_GB", "en_IE", "en_AU", "en_NZ", "en_ZA")


def honorific(person: Interviewer, locale: str = "en_US") -> str | None:
    """The person's honorific as the locale writes it ("Ms." in en_US, "Ms" in en_GB), or None."""
    if not person.honorific:
        return None
    bare = person.honorific.rstrip(".")
    if locale in _NO_PERIOD_LOCALES:
        return bare
    # abbreviations take a period in US style; whole words (Professor, Frau, Herr) do not
    return f"{bare}." if bare in ("Mr", "Ms", "Mrs", "Mx", "Dr", "Prof", "Rev", "Hon") else bare


def formal_name(person: Interviewer, locale: str = "en_US") -> str:
    """"Ms. Rivera" when an honorific is known, else the full name ("Jordan Rivera")."""
    title = honorific(person, locale)
    return f"{title} {person.last_name}" if title else person.name


def full_formal_name(person: Interviewer, locale: str = "en_US") -> str:
    """"Ms. Jordan Rivera": for inside addresses and envelopes."""
    title = honorific(person, locale)
    return f"{title} {person.name}" if title else person.name


def salutation_name(person: Interviewer, tone: str, locale: str = "en_US") -> str:
    """The name after "Dear": the given name for a warm note, the formal name otherwise.

    A name written in Chinese, Japanese or Korean script keeps the formal name even in a warm
    note: a given name alone ("Dear 優希") is far too familiar there.
    """
    if tone == "warm" and not _east_asian(person.name):
        return person.first_name
    return formal_name(person, locale)


def _east_asian(text: str) -> bool:
    import unicodedata

    return any(unicodedata.name(char, "").startswith(("CJK", "HIRAGANA", "KATAKANA", "HANGUL")) for char in text)
