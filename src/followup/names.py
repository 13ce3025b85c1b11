"""How a person is addressed: honorifics, formal names and salutations, by tone and locale."""

from __future__ import annotations

from followup.model import Interviewer

# US style writes "Ms." and "Dr."; British style writes "Ms" and "Dr" (print-specs.md 6.3, 6.4)
_NO_PERIOD_LOCALES = ("en_GB", "en_IE", "en_AU", "en_NZ", "en_ZA")


def honorific(person: Interviewer, locale: str = "en_US") -> str | None:
    """The person's honorific as the locale writes it ("Ms." in en_US, "Ms" in en_GB, "Frau Dr." in de), or None."""
    if not person.honorific:
        return None
    if german(locale):
        return " ".join(part for part in german_honorific(person) if part) or None
    bare = person.honorific.rstrip(".")
    if locale in _NO_PERIOD_LOCALES:
        return bare
    # abbreviations take a period in US style; whole words (Professor, Frau, Herr) do not
    return f"{bare}." if bare in ("Mr", "Ms", "Mrs", "Mx", "Dr", "Prof", "Rev", "Hon") else bare


def german(locale: str) -> bool:
    """Is ``locale`` German (de, de_DE, de_AT, de_CH...)?"""
    return locale == "de" or locale.startswith(("de_", "de-"))


# German letters say "Herr"/"Frau" and keep academic titles (Dr., Prof.) after them, before the
# name: "Sehr geehrte Frau Dr. Weber" (Duden; DIN 5008 puts academic degrees before the name).
_GERMAN_GENDER = {"mr": "Herr", "herr": "Herr", "hr": "Herr", "ms": "Frau", "mrs": "Frau", "miss": "Frau", "frau": "Frau", "fr": "Frau"}
_GERMAN_ACADEMIC = {"dr": "Dr.", "prof": "Prof."}
_NO_GERMAN = {"mx"}  # no German form: the salutation becomes gender-neutral


def german_honorific(person: Interviewer) -> tuple[str | None, str]:
    """("Herr" | "Frau" | None, the academic titles) from the honorific: "Ms. Dr." -> ("Frau", "Dr.")."""
    gender, titles = None, []
    for word in (person.honorific or "").split():
        bare = word.rstrip(".").casefold()
        if bare in _GERMAN_GENDER:
            gender = _GERMAN_GENDER[bare]
        elif bare in _GERMAN_ACADEMIC:
            titles.append(_GERMAN_ACADEMIC[bare])
        elif bare not in _NO_GERMAN:
            titles.append(word)  # "Professor", "Dr. med." as the file writes them
    return gender, " ".join(titles)


def german_salutation(person: Interviewer, tone: str) -> str:
    """The German salutation line without its comma.

    "Sehr geehrte Frau Dr. Weber", "Sehr geehrter Herr Prof. Dr. Schmidt"; a warm note stays
    with "Sie" and the family name ("Liebe Frau Weber"): after one interview a careful German
    writer does not switch to first names. Without "Herr" or "Frau" (no honorific, "Dr." alone,
    "Mx.") the writer cannot choose between "geehrte" and "geehrter", and the gender-neutral
    form DIN 5008 shows is "Guten Tag" with the full name ("Guten Tag Dr. Siobhán O'Brien"),
    never "Sehr geehrte Damen und Herren", which is for a letter to no one in particular.
    """
    gender, titles = german_honorific(person)
    if gender is None:
        return " ".join(part for part in ("Guten Tag", titles, person.first_name, person.last_name) if part)
    male = gender == "Herr"
    if tone == "warm":
        opening = "Lieber" if male else "Liebe"
    else:
        opening = "Sehr geehrter" if male else "Sehr geehrte"
    return " ".join(part for part in (opening, gender, titles, person.last_name) if part)


def address_name(person: Interviewer, locale: str = "en_US") -> str:
    """The name line of an inside address: "Ms. Jordan Rivera"; in German "Herrn Dr. Łukasz Müller" (accusative, DIN 5008)."""
    if german(locale):
        gender, titles = german_honorific(person)
        gender = "Herrn" if gender == "Herr" else gender
        return " ".join(part for part in (gender, titles, person.name) if part)
    return full_formal_name(person, locale)


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
    note: a given name alone ("Dear 優希") is far too familiar there, as it is in German.
    """
    if tone == "warm" and not german(locale) and not _east_asian(person.name):
        return person.first_name
    return formal_name(person, locale)


def _east_asian(text: str) -> bool:
    import unicodedata

    return any(unicodedata.name(char, "").startswith(("CJK", "HIRAGANA", "KATAKANA", "HANGUL")) for char in text)
