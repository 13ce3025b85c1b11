"""Dates as each locale writes them: "November 25, 2026", "25 November 2026", "25. November 2026"."""

from __future__ import annotations

import datetime as dt

from followup.errors import UsageError


def format_date(value: dt.date, locale: str = "en_US", pattern: str = "long") -> str:
    """``value`` written for ``locale`` (a Babel format name or pattern)."""
    from babel.core import UnknownLocaleError
    from babel.dates import format_date as babel_format

    try:
        return babel_format(value, format=pattern, locale=locale)
    except (UnknownLocaleError, ValueError) as error:
        raise UsageError(f"unknown locale {locale!r}: use a code such as en_US, en_GB or de_DE") from error
