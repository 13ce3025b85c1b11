"""Proofreading the words: spelling, names spelt two ways, honorifics and salutations, generic notes.

A misspelt name costs more than a typo, so names are checked first and a word reported as a
name variant is not reported again as a spelling mistake (``followup.spelling``). Every check
returns ``Finding``s.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Iterable, Iterator

from followup.findings import Finding, warning
from followup.loading import field_path
from followup.model import InterviewFile, Interviewer
from followup.spelling import in_dictionary, spelling, vocabulary

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_PLAIN_HONORIFICS = {"mr", "ms", "mrs", "miss", "mx"}
_HONORIFIC_WORDS = {"mr", "ms", "mrs", "miss", "mx", "dr", "prof", "professor", "sir", "dame", "rev"}
# doctorates as a title shows them; not "MD", which in a title is as often a Managing Director
_DOCTORATE = re.compile(r"\b(?:Ph\.?\s?D|D\.?\s?Phil|Ed\.?\s?D|Dr)\b\.?")
_PROFESSOR = re.compile(r"\bProf(?:essor|\.)?(?=\s|$)", re.IGNORECASE)


def distance(a: str, b: str) -> int:
    """Edit distance counting a swap of two neighbours as one edit ("recieve" -> "receive")."""
    if a == b:
        return 0
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, 1):
        current = [i]
        for j, char_b in enumerate(b, 1):
            cost = 0 if char_a == char_b else 1
            value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and char_a == b[j - 2] and a[i - 2] == char_b:
                value = min(value, previous2[j - 2] + 1)
            current.append(value)
        previous2, previous = previous, current
    return previous[-1]


def _close(word: str, name: str) -> bool:
    """Is ``word`` one edit away from ``name`` (a typo), with ``name`` long enough to tell?"""
    return len(name) >= 4 and word != name and abs(len(word) - len(name)) <= 1 and distance(word, name) == 1


class NearIndex:
    """Finds the keys one edit away from a word in time linear in the word (symmetric deletes)."""

    def __init__(self) -> None:
        self._by_delete: dict[str, set[str]] = {}
        self.values: dict[str, list] = {}

    @staticmethod
    def _deletes(word: str) -> set[str]:
        return {word, *(word[:i] + word[i + 1 :] for i in range(len(word)))}

    def add(self, key: str, value) -> None:
        if len(key) < 4:
            return
        self.values.setdefault(key, []).append(value)
        for variant in self._deletes(key):
            self._by_delete.setdefault(variant, set()).add(key)

    def near(self, word: str) -> list[str]:
        """Keys one edit (insert, delete, replace or swap) away from ``word``, not ``word`` itself."""
        keys = set().union(*(self._by_delete.get(variant, ()) for variant in self._deletes(word)))
        return sorted(key for key in keys if _close(word, key))


def fold(text: str) -> str:
    """Casefolded ASCII for comparing spellings: "Siobhán O'Brien" -> "siobhan obrien"."""
    text = re.sub(r"['’ʼ`]", "", text)
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().casefold()


def _tokens(text: str) -> list[str]:
    return [token for token in re.split(r"[\s\-‐]+", text) if token]


# ---- the people of the file --------------------------------------------------------------------------


def _people(interview: InterviewFile) -> Iterator[tuple[str, tuple, Interviewer | None]]:
    """(name, location of the name, interviewer or None for the candidate)."""
    yield interview.candidate.name, ("candidate", "name"), None
    for index, person in enumerate(interview.interviewers):
        yield person.name, ("interviewers", index, "name"), person


def name_tokens(person_name: str, person: Interviewer | None = None) -> dict[str, str]:
    """Name parts, casefolded -> as written: "Łukasz Müller-Nguyễn" -> łukasz, müller-nguyễn, müller, nguyễn."""
    words = [person_name]
    if person is not None:
        words += [person.given_name or "", person.family_name or ""]
    found = {}
    for word in words:
        for token in word.split():
            token = token.strip(".,;:()\"'")
            for part in [token, *re.split(r"[-‐]", token)]:
                if part:
                    found.setdefault(part.casefold(), part)
    return found


# ---- what the candidate wrote ------------------------------------------------------------------------


def own_texts(interview: InterviewFile) -> Iterator[tuple[tuple, str, Interviewer | None]]:
    """(location, text, interviewer or None) of every text the candidate wrote themselves."""
    message = interview.message
    for index, text in enumerate(message.highlights):
        yield ("message", "highlights", index), text, None
    for key in ("forgot_to_say", "clarify"):
        if getattr(message, key):
            yield ("message", key), getattr(message, key), None
    for index, person in enumerate(interview.interviewers):
        for number, topic in enumerate(person.topics):
            yield ("interviewers", index, "topics", number), topic, person
        if person.note:
            yield ("interviewers", index, "note"), person.note, person


# ---- names -----------------------------------------------------------------------------------------------


def _where(interview: InterviewFile, loc: tuple, person: Interviewer | None) -> dict:
    file, line = interview.locate(*loc)
    return {"file": file, "line": line, "field": field_path(loc), "interviewer": person.name if person else None}


def name_variants(interview: InterviewFile) -> tuple[list[Finding], set[tuple[tuple, str]]]:
    """Names spelt two ways: in the candidate's text, between panel entries, and against email addresses.

    Returns the findings and the (location, word) pairs they cover, so spelling skips them.
    """
    people = [(name, person, name_tokens(name, person)) for name, _, person in _people(interview)]
    index = NearIndex()
    for name, person, tokens in people:
        for token in tokens:
            index.add(token, (name, tokens))
    known = set().union(*(tokens for *_, tokens in people))
    found: list[Finding] = []
    covered: set[tuple[tuple, str]] = set()
    for loc, text, owner in own_texts(interview):
        words = _WORD.findall(text)
        for position, word in enumerate(words):
            word = re.sub(r"['’]s$", "", word)
            lower = word.casefold()
            if not word[:1].isupper() or lower in known or (len(word) > 1 and word.isupper()):
                continue
            neighbours = {w.casefold() for w in words[max(position - 1, 0) : position + 2]} - {lower}
            for match in index.near(lower):
                name, tokens = next(
                    ((name, tokens) for name, tokens in index.values[match] if neighbours & tokens.keys()),
                    index.values[match][0],
                )
                if not (neighbours & tokens.keys()) and in_dictionary(lower):
                    continue  # "Gordon" alone in a note about Jordan may be another person
                found.append(
                    warning(
                        "name-variant",
                        f"\"{word}\" looks like \"{tokens[match]}\" ({name}) spelt another way: check which spelling is right",
                        suggestions=(tokens[match],),
                        **_where(interview, loc, owner),
                    )
                )
                covered.add((loc, lower))
                break
    found += _panel_twins(interview)
    found += _email_spellings(interview)
    return found, covered


def _panel_twins(interview: InterviewFile) -> list[Finding]:
    """Two panel entries whose names differ by one letter: one person entered twice, or a typo."""
    found = []
    index = NearIndex()
    for number, person in enumerate(interview.interviewers):
        key = fold(person.name)
        for twin in index.near(key):
            if not _differ_in_a_word(key, twin):
                continue  # "Person 1" and "Person 2", "Jon Lee" and "Jan Lee": different people
            other = index.values[twin][0]
            first = interview.interviewers[other].name
            found.append(
                warning(
                    "name-variant",
                    f"\"{person.name}\" is nearly the same name as interviewers[{other}] \"{first}\": "
                    "the same person spelt two ways?",
                    suggestions=(first,),
                    **_where(interview, ("interviewers", number, "name"), person),
                )
            )
        index.add(key, number)
    return found


def _differ_in_a_word(one: str, other: str) -> bool:
    """Do two names one edit apart differ inside a word of at least four letters?"""
    words, others = one.split(), other.split()
    if len(words) != len(others):
        return False
    changed = [(a, b) for a, b in zip(words, others) if a != b]
    return len(changed) == 1 and min(len(changed[0][0]), len(changed[0][1])) >= 4 and changed[0][0].isalpha()


def _ascii_spellings(token: str) -> set[str]:
    german = token.translate(str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"}))
    return {fold(token), fold(german)}


def _email_spellings(interview: InterviewFile) -> list[Finding]:
    """An email address that spells the name differently ("jordan.rivera@" for "Jordon Rivera")."""
    found = []
    for index, person in enumerate(interview.interviewers):
        if not person.email:
            continue
        local = [part for part in re.split(r"[._\-+\d]", person.email.split("@")[0].casefold()) if part]
        if len(local) < 2:
            continue  # "jrivera@": initials and nicknames say nothing about spelling
        for token in name_tokens(person.name):
            spellings = _ascii_spellings(token)
            if not token.isascii() or spellings & set(local):
                continue
            near = next((part for part in local for spelling in spellings if _close(part, spelling)), None)
            if near:
                found.append(
                    warning(
                        "name-variant",
                        f"the email address spells \"{token}\" as \"{near}\": check which spelling is right",
                        suggestions=(near,),
                        **_where(interview, ("interviewers", index, "name"), person),
                    )
                )
    return found


def salutations(interview: InterviewFile) -> list[Finding]:
    """given_name and family_name that look like typos of the name they belong to."""
    found = []
    for index, person in enumerate(interview.interviewers):
        parts = [part.casefold() for part in person.name.replace("-", " ").split()]
        for key in ("given_name", "family_name"):
            value = getattr(person, key)
            if not value or value.casefold() in parts or value.casefold() in person.name.casefold():
                continue
            near = next((part for part in parts if len(part) >= 3 and distance(value.casefold(), part) == 1), None)
            if near:
                right = next(part for part in person.name.replace("-", " ").split() if part.casefold() == near)
                found.append(
                    warning(
                        "salutation-mismatch",
                        f"\"{value}\" differs from \"{right}\" in the name \"{person.name}\": the note would say \"Dear {value}\""
                        if key == "given_name"
                        else f"\"{value}\" differs from \"{right}\" in the name \"{person.name}\"",
                        suggestions=(right,),
                        **_where(interview, ("interviewers", index, key), person),
                    )
                )
    return found


# a salutation line, English or German ("Sehr geehrte Frau Dr. Weber,", "Lieber Herr Schmidt,", "Guten Tag
# Kim Bauer,"), and whom it names, on the same line; "Liebe Grüße" is a closing, not a greeting
_GREETING = re.compile(
    r"^(?:Dear|Hi|Hello|Hey|Sehr[ \t]+geehrte[rs]?|Liebe[rs]?|Hallo|Guten[ \t]+(?:Tag|Morgen|Abend))[ \t]+"
    r"(?!(?:Gr[üu](?:ß|ss)e?|Gru(?:ß|ss))\b)([^,\n]{1,80})[,:!]?\s*$",
    re.MULTILINE,
)
# a greeting to no one in particular names no one wrongly
_EVERYONE = {"team", "all", "everyone", "there", "folks", "damen", "herren", "alle", "zusammen", "kolleginnen", "kollegen"}


def greeting(text: str, person: Interviewer, expected: Iterable[str]) -> Finding | None:
    """A "Dear X," line ("Sehr geehrte Frau X,", "Liebe X,", "Guten Tag X,") naming someone else than ``person``.

    Catches a custom template with a name typed in. Honorifics ("Frau Dr.") are not names: the
    line is fine when any word of it is one of the person's names.
    """
    match = _GREETING.search(text)
    if not match:
        return None
    said = match.group(1).strip().rstrip("!:").rstrip()
    words = {token.strip(".").casefold() for token in _tokens(said)}
    if words & (set(name_tokens(person.name, person)) | _EVERYONE):
        return None
    return warning(
        "salutation-mismatch",
        f"the message greets \"{said}\", which is not {person.name}'s name: check the template",
        interviewer=person.name,
        suggestions=tuple(dict.fromkeys(name for name in expected if name))[:3],
    )


def honorifics(interview: InterviewFile) -> list[Finding]:
    """Honorifics that contradict the title or name: "Ms." for a PhD, "Dr." and "PhD" twice, "Dr." in the name."""
    found = []
    for index, person in enumerate(interview.interviewers):
        where = _where(interview, ("interviewers", index, "honorific"), person)
        bare = (person.honorific or "").rstrip(".").casefold()
        title = person.title or ""
        first = person.name.split()[0].rstrip(".").casefold()
        post_nominal = re.search(r",?\s*(?:Ph\.?\s?D|D\.?\s?Phil|M\.?\s?D|Ed\.?\s?D)\.?\s*$", person.name)
        if first in _HONORIFIC_WORDS and not person.given_name and len(person.name.split()) > 1:
            found.append(
                warning(
                    "honorific-conflict",
                    f"the name starts with \"{person.name.split()[0]}\": a warm note would say \"Dear {person.name.split()[0]}\"; "
                    "move it to honorific:",
                    suggestions=(" ".join(person.name.split()[1:]),),
                    **_where(interview, ("interviewers", index, "name"), person),
                )
            )
        if bare in _PLAIN_HONORIFICS and (_DOCTORATE.search(title) or post_nominal):
            found.append(
                warning(
                    "honorific-conflict",
                    f"\"{person.honorific}\" for someone with a doctorate ({(post_nominal or _DOCTORATE.search(title)).group().strip(', ')}): "
                    "address them as Dr.",
                    suggestions=("Dr.",),
                    **where,
                )
            )
        elif bare in _PLAIN_HONORIFICS and _PROFESSOR.search(title):
            found.append(
                warning(
                    "honorific-conflict",
                    f"\"{person.honorific}\" for a professor (title \"{title}\"): address them as Prof. or Dr.",
                    suggestions=("Prof.", "Dr."),
                    **where,
                )
            )
        elif bare == "dr" and post_nominal:
            found.append(
                warning(
                    "honorific-conflict",
                    f"both \"Dr.\" and \"{post_nominal.group().strip(', ')}\": use one, e.g. drop it from the name",
                    suggestions=(person.name[: post_nominal.start()].strip(),),
                    **where,
                )
            )
    return found


def generic_messages(interview: InterviewFile) -> list[Finding]:
    """Interviewers with neither a topic nor a note: their message would say nothing about them."""
    return [
        warning(
            "generic-message",
            "no topics and no note: the message would be generic; add what you discussed with them",
            **_where(interview, ("interviewers", index), person),
        )
        for index, person in enumerate(interview.interviewers)
        if not person.topics and not person.note
    ]


def wording(interview: InterviewFile) -> list[Finding]:
    """Every word check of one file: names first, then spelling of the rest, honorifics, generic notes."""
    found, covered = name_variants(interview)
    known = vocabulary(interview)
    entries = []
    for loc, text, person in own_texts(interview):
        skip = {word for place, word in covered if place == loc}
        file, line = interview.locate(*loc)
        entries.append((file, line, field_path(loc), person.name if person else None, _without(text, skip)))
    found += spelling(entries, known)
    found += salutations(interview)
    found += honorifics(interview)
    found += generic_messages(interview)
    return found


def _without(text: str, words: set[str]) -> str:
    if not words:
        return text
    return " ".join(chunk for chunk in text.split() if re.sub(r"['’]s$", "", chunk.strip(".,;:!?()\"'")).casefold() not in words)
