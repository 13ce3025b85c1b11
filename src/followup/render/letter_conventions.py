"""A letter's conventions by locale and the paper it is printed on.

US business letters close the salutation with a colon ("Dear Ms. Rivera:"); British and German
ones with a comma, and British honorifics take no full stop (print-specs.md 6.3); German ones
follow DIN 5008 (docs/german.md). The paper follows the window envelope when there is one, else
the locale's country.
"""

from __future__ import annotations

from dataclasses import dataclass

from followup.errors import UsageError

STYLES = ("full-block", "modified-block")
WINDOWS = ("none", "us10", "us9", "din-a", "din-b")
PAPERS = ("letter", "a4")
LETTER_TERRITORIES = ("US", "CA", "MX")  # where US Letter is the office paper
BRITISH_TERRITORIES = ("GB", "IE", "AU", "NZ", "ZA")


@dataclass(frozen=True)
class Conventions:
    """How a locale writes the parts of a letter around the body."""

    punctuation: str  # after the salutation: "Dear Ms. Rivera:" (US) or "Dear Ms Rivera," (UK)
    closings: dict[str, str]  # by tone
    subject_prefix: str
    page: str


def conventions(locale: str) -> Conventions:
    """The letter conventions of ``locale``: US business style, British style, or German (DIN 5008)."""
    from babel import Locale
    from babel.core import UnknownLocaleError

    try:
        parsed = Locale.parse(locale)
    except (UnknownLocaleError, ValueError):
        raise UsageError(f"unknown locale {locale!r}: use a code such as en_US, en_GB or de_DE") from None
    if parsed.language == "en" and parsed.territory not in BRITISH_TERRITORIES:
        return Conventions(":", {"formal": "Sincerely,", "warm": "Warm regards,", "brief": "Sincerely,"}, "Re: ", "Page {number}")
    british = {"formal": "Yours sincerely,", "warm": "Kind regards,", "brief": "Yours sincerely,"}
    if parsed.language == "de":
        # DIN 5008: the salutation ends in a comma, the subject is set bold without "Betreff:", and
        # the closing has no punctuation; Swiss German writes "ss" for "ß" ("Grüssen")
        closings = {"formal": "Mit freundlichen Grüßen", "warm": "Herzliche Grüße", "brief": "Mit freundlichen Grüßen"}
        if parsed.territory == "CH":
            closings = {tone: closing.replace("ß", "ss") for tone, closing in closings.items()}
        return Conventions(",", closings, "", "Seite {number}")
    return Conventions(",", british, "Re: ", "Page {number}")


def english_locale(locale: str) -> str:
    """The locale the built-in (English) templates write dates in: English as used in the locale's country.

    ``de_DE`` gives ``en_DE`` ("24 November 2026" in the body, while the date line reads
    "25. November 2026"), so an English sentence never carries a German date.
    """
    from babel import Locale
    from babel.core import UnknownLocaleError

    parsed = Locale.parse(locale)
    if parsed.language == "en":
        return locale
    try:
        return str(Locale.parse(f"en_{parsed.territory}")) if parsed.territory else "en_001"
    except (UnknownLocaleError, ValueError):
        return "en_001"  # international English: day month year


def territory(locale: str) -> str | None:
    """The country of ``locale`` ("US" for en_US), or None."""
    from babel import Locale

    return Locale.parse(locale).territory


def paper_for(locale: str, window: str, paper: str | None) -> str:
    """The paper: the window's if it has one (a contradicting ``--paper`` is a usage error), else the locale's."""
    if window != "none":
        from followup.layouts import load_layout

        implied = load_layout(window, kind="window").paper  # type: ignore[attr-defined]
        if paper is not None and paper != implied:
            raise UsageError(f"--window {window} is made for {implied} paper, not --paper {paper}: drop --paper or choose another window")
        return implied
    if paper is not None:
        if paper not in PAPERS and not paper.endswith(".toml"):
            raise UsageError(f"no paper called {paper!r}; choose one of: {', '.join(PAPERS)}")
        return paper
    return "letter" if territory(locale) in LETTER_TERRITORIES else "a4"
