"""Spelling of the candidate's own words, with an English dictionary that ships with the package.

pyspellchecker's English word list, plus the file's own vocabulary (names, companies, titles,
places), a small bundled list of tech words (``words.txt``) and British spellings. Never flagged,
because a dictionary cannot judge them: words with digits or inner capitals (Q3, PyTorch, API),
capitalised words inside a sentence (proper nouns), capitalised words no dictionary word is near
(Fivetran), and words with non-English letters.

A text written in German (two or more German function words: "und", "ich", "nicht"...) is
checked against pyspellchecker's German dictionary as well as the English one (German notes
borrow English tech words), so a German note gets German suggestions, not a flood of
"not in the dictionary". German nouns are capitalised, and capitalised words inside a sentence
are never checked, so long compounds (Bedarfsprognose) are not flagged.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from typing import Iterable, Iterator, Sequence

from followup.findings import Finding, warning
from followup.model import InterviewFile

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
MAX_WORD = 30  # longer "words" are not words (a URL, a hash, random bytes): not spell-checked
# German function words that are not English words: two of them in one text mark it as German
GERMAN_MARKERS = frozenset(
    "und ich wir nicht mit von für über zwischen der den dem des das ein eine einen einem einer ist sind bei auf "
    "im zum zur zu auch sehr dass oder wie ihr ihnen ihren unser unsere unserer gern habe vor nach sich mich mir "
    "uns noch aber seit seitdem diese dieser dieses".split()
)
COMMON = 10_000  # occurrences in pyspellchecker's corpus of a word common enough to suggest ("data": 49,251)


def vocabulary(interview: InterviewFile) -> set[str]:
    """Every word of the file's names, companies, titles and places, casefolded: never a spelling mistake."""
    texts: list[str] = [interview.candidate.name, interview.interview.company, interview.interview.position]
    texts += [interview.interview.location or ""]
    addresses = [interview.candidate.address, interview.interview.address]
    for person in interview.interviewers:
        texts += [person.name, person.given_name or "", person.family_name or "", person.title or "", person.company or ""]
        texts += [person.honorific or "", (person.email or "").split("@")[0]]
        addresses.append(person.address)
    for address in addresses:
        if address:
            texts += [*address.lines, address.city or "", address.region or ""]
    words = set()
    for text in texts:
        for word in _WORD.findall(text):
            words.add(word.replace("’", "'").casefold())
            words.update(part.casefold() for part in re.split(r"['’]", word) if part)
    return words


@cache
def allowed_words() -> frozenset[str]:
    """The bundled allow-list (``words.txt``): tech and hiring words a general dictionary lacks."""
    text = resources.files("followup").joinpath("words.txt").read_text(encoding="utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


@cache
def _dictionary():
    from spellchecker import SpellChecker

    return SpellChecker(language="en", distance=1)


@cache
def _german_dictionary():
    from spellchecker import SpellChecker

    return SpellChecker(language="de", distance=1)


ENGLISH_MARKERS = frozenset("the and of to my was with for on that is you we our your it this have at".split())


def _markers(text: str) -> tuple[int, int]:
    """(German, English) function words in ``text``."""
    words = [word.lower() for word in _WORD.findall(text)]
    return sum(word in GERMAN_MARKERS for word in words), sum(word in ENGLISH_MARKERS for word in words)


def is_german(text: str, file_is_german: bool = False) -> bool:
    """Is ``text`` written in German? Two German function words and fewer English ones, or, in a
    file written mostly in German, at least as many German ones ("Danke für die Zeit.")."""
    german, english = _markers(text)
    return (german >= 2 and german > english) or (file_is_german and german >= english)


@cache
def in_german_dictionary(word: str) -> bool:
    """Is the (lower-case) word in the German dictionary, as written or with Swiss "ss" for "ß" (grossen)?"""
    known = _german_dictionary().known
    return bool(known([word]) or ("ss" in word and known([word.replace("ss", "ß")])))


@cache
def german_suggestions(word: str) -> tuple[str, ...]:
    """Up to three German (or, failing that, English) dictionary words one edit from ``word``."""
    dictionary = _german_dictionary()
    guesses = dictionary.known(dictionary.edit_distance_1(word))
    return tuple(sorted(guesses, key=lambda guess: (-dictionary[guess], guess))[:3]) or suggestions(word)


@cache
def in_dictionary(word: str) -> bool:
    """Is the (lower-case) word in the English dictionary?"""
    return bool(_dictionary().known([word]))


# British spellings a US dictionary lacks: colour, organise, organisation, analyse, catalogue, centre, travelled
_BRITISH = (("our", "or"), ("ise", "ize"), ("ised", "ized"), ("ising", "izing"), ("isation", "ization"),
            ("yse", "yze"), ("ysed", "yzed"), ("ysing", "yzing"), ("ogue", "og"), ("tre", "ter"), ("lled", "led"),
            ("lling", "ling"), ("ours", "ors"), ("ourite", "orite"), ("ourites", "orites"), ("ence", "ense"))


@cache
def _known(word: str) -> bool:
    """In the dictionary, the allow-list, or a British spelling of a dictionary word."""
    if word in allowed_words() or in_dictionary(word):
        return True
    if "'" in word and in_dictionary(re.sub(r"'(s|d|ll|re|ve|m|t)$", "", word)):
        return True
    for british, american in _BRITISH:
        if word.endswith(british) and in_dictionary(word[: -len(british)] + american):
            return True
    return word.replace("our", "or", 1) != word and in_dictionary(word.replace("our", "or", 1))


@cache
def suggestions(word: str) -> tuple[str, ...]:
    """Up to three dictionary words one edit from ``word``, the most common first."""
    dictionary = _dictionary()
    guesses = dictionary.known(dictionary.edit_distance_1(word))
    if "'" not in word:
        guesses = {guess for guess in guesses if "'" not in guess}  # "macroes" -> "macros", not "macro's"
    ranked = sorted(guesses, key=lambda guess: (-dictionary[guess], guess))[:3]
    if not ranked:  # "thankyou" -> "thank you", with two common words (not "five tran")
        ranked = [
            f"{word[:i]} {word[i:]}" for i in range(2, len(word) - 1)
            if dictionary[word[:i]] >= COMMON and dictionary[word[i:]] >= COMMON
        ][:1]
    return tuple(ranked)


def _checkable(chunk: str, starts_sentence: bool, german: bool = False) -> Iterator[str]:
    """The words of one whitespace-separated chunk worth spell-checking.

    Capitalised words inside a sentence are proper nouns (Priya, Kanban, Lisbon): a dictionary
    cannot judge them, and the names of the file are checked against each other instead.
    """
    if any(char.isdigit() for char in chunk) or "@" in chunk or "://" in chunk or "/" in chunk:
        return
    if chunk[:1].isupper() and not starts_sentence and not german:
        return  # (German capitalises every noun: checked, but only flagged when a dictionary word is near)
    whole = chunk.strip(".,;:!?()[]{}\"'“”‘’«»…*_").casefold()
    if re.fullmatch(r"[a-z]+(?:-[a-z]+)+", whole) and (_known(whole) or _known(whole.replace("-", ""))):
        return  # post-mortem, e-commerce: the compound is a word even when a part alone is not
    for part in re.split(r"[-‐–—]+", chunk):
        word = part.strip(".,;:!?()[]{}\"'“”‘’«»…*_").replace("’", "'")
        word = re.sub(r"'s$", "", word)
        letters = word.translate(_UMLAUTS) if german else word
        if len(word) < 2 or len(word) > MAX_WORD or not letters.isascii() or not word.replace("'", "").isalpha():
            continue
        if any(char.isupper() for char in word[1:]):
            continue  # PyTorch, GraphQL, API: product names and acronyms
        yield word


_UMLAUTS = str.maketrans("äöüÄÖÜß", "aouAOUs")


def misspelt(text: str, known: set[str] | frozenset[str], german: bool | None = None) -> Iterator[tuple[str, list[str]]]:
    """(word, suggestions) for each word of ``text`` that neither the dictionary nor ``known`` has."""
    seen = set()
    previous = "."
    german = is_german(text) if german is None else german
    for chunk in text.split():
        starts_sentence = previous[-1:] in ".!?:;\"“"
        previous = chunk
        for word in _checkable(chunk, starts_sentence, german):
            lower = word.lower() if german else word.casefold()  # (casefold writes "ß" as "ss")
            if lower in seen or lower in known or lower.replace("ß", "ss") in known or _known(lower) or (german and in_german_dictionary(lower)):
                continue
            seen.add(lower)
            guesses = list(german_suggestions(lower) if german else suggestions(lower))
            if german and word[0].isupper() and not starts_sentence:
                # a German noun, or a name (Jens, Friedrich): only a long word one letter short or over
                # a dictionary word is a typo ("Gesprch"); "Jens" is not "jene", "Friedrich" not "friedlich"
                guesses = [guess for guess in guesses if abs(len(guess) - len(lower)) == 1] if len(lower) >= 6 else []
            if word[0].isupper():
                if not guesses:
                    continue  # "Fivetran pipelines": a capitalised word nothing is near is a name, not a typo
                guesses = [guess[0].upper() + guess[1:] for guess in guesses]
            yield word, guesses


def _choices(words: Sequence[str]) -> str:
    quoted = [f'"{word}"' for word in words]
    return quoted[0] if len(quoted) == 1 else f"{', '.join(quoted[:-1])} or {quoted[-1]}"


def spelling(
    texts: Iterable[tuple[str | None, int | None, str | None, str | None, str]], known: set[str], german: bool | None = None
) -> list[Finding]:
    """Spelling warnings for (file, line, field, interviewer, text) entries.

    ``german``: the texts' language when it is known (a template for a German locale); by default a
    file whose words are mostly German has its short texts read as German too.
    """
    found = []
    texts = list(texts)
    if german is None:
        in_german, in_english = _markers(" ".join(entry[4] for entry in texts))
        german = in_german > in_english
    file_is_german = german
    for file, line, field, interviewer, text in texts:
        for word, guesses in misspelt(text, known, is_german(text, file_is_german)):
            hint = f": did you mean {_choices(guesses)}?" if guesses else ""
            found.append(
                warning(
                    "spelling", f"\"{word}\" is not in the dictionary{hint}",
                    file=file, line=line, field=field, interviewer=interviewer, suggestions=tuple(guesses),
                )
            )
    return found


def language_mismatches(interview: InterviewFile, locale: str) -> list[Finding]:
    """Own texts written in English for German notes: an English sentence inside a German letter.

    A text is English by its function words (two or more, and more than twice its German ones);
    a short topic ("dbt at scale") says too little and is left alone. (Only this direction: a
    German note is never wrong under an English locale, whose templates may quote it.)
    """
    from followup.loading import field_path
    from followup.names import german
    from followup.wording import own_texts

    if not german(locale):
        return []
    found = []
    for loc, text, person in own_texts(interview):
        in_german, in_english = _markers(text)
        if in_english >= 2 and in_english > 2 * in_german:
            file, line = interview.locate(*loc)
            found.append(
                warning(
                    "language", f"this text is written in English, but --locale {locale} writes the notes in German: write it in German",
                    file=file, line=line, field=field_path(loc), interviewer=person.name if person else None,
                )
            )
    return found
