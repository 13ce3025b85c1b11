"""Interview files in, validated models out: YAML, TOML or JSON, with interviewers from CSV or vCard.

Every error names the file, the line where the format gives one, the field and what to do.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import tomllib
from pathlib import Path
from typing import Any, Iterable

from pydantic import ValidationError

from followup.errors import InputError
from followup.model import InterviewFile

MAX_BYTES = 5 * 1024 * 1024  # an interview file is a few kB; a 5 MB one is a mistake or an attack
# YAML and TOML parse in pure Python at ~100 us a node: more lines and list items than this take
# seconds; a panel that large belongs in a CSV file
MAX_NODES = 20_000
MAX_PARSED_BYTES = 1024 * 1024  # and scan ~1.5 us a character: 1 MB is a second
INTERVIEW_SUFFIXES = (".yaml", ".yml", ".toml", ".json")
PANEL_SUFFIXES = (".csv", ".vcf", ".vcard")

# what to write when a required field is missing
EXAMPLES = {
    "candidate": "candidate: {name: Alex Morgan}",
    "interview": "interview: {company: Acme Robotics, position: Senior Data Analyst, date: 2026-11-24}",
    "interviewers": "interviewers: [{name: Jordan Rivera}]",
    "name": "name: Jordan Rivera",
    "company": "company: Acme Robotics",
    "position": "position: Senior Data Analyst",
    "date": "date: 2026-11-24",
    "lines": 'lines: ["500 Market St"]',
}

Lines = dict[tuple, tuple[str, int]]


def load_interview(path: str | Path, interviewers: str | Path | None = None) -> InterviewFile:
    """Read and validate one interview file; ``interviewers`` (CSV or vCard) replaces its panel."""
    path = Path(path)
    text = _read_text(path)
    suffix = path.suffix.lower()
    if suffix in (".yaml", ".yml", ".toml") and len(text) > MAX_PARSED_BYTES:
        raise InputError(
            f"too large for an interview file ({len(text) // 1024} kB, at most {MAX_PARSED_BYTES // 1024} kB as "
            f"{suffix[1:].upper()}): put a large panel in a CSV file (interviewers: panel.csv)",
            path=path,
        )
    if suffix in (".yaml", ".yml", ".toml"):
        nodes = text.count("\n") + text.count(",") + text.count("[") + text.count("{")
        if nodes > MAX_NODES:
            raise InputError(
                f"too large for an interview file ({nodes} lines and list items, at most {MAX_NODES}): "
                "put a large panel in a CSV file (interviewers: panel.csv)",
                path=path,
            )
    if suffix in (".yaml", ".yml"):
        data, lines = _parse_yaml(text, path)
    elif suffix == ".toml":
        data, lines = _parse_toml(text, path), {}
    elif suffix == ".json":
        data, lines = _parse_json(text, path), {}
    else:
        raise InputError(
            f"unknown kind of file {path.suffix!r}: an interview file ends in .yaml, .toml or .json", path=path
        )
    if data is None:
        raise InputError(
            "the file is empty: fill in candidate, interview and interviewers (`followup init` writes a starter file)",
            path=path,
        )
    if not isinstance(data, dict):
        raise InputError(
            "the file must be a mapping with candidate, interview and interviewers, e.g. " + EXAMPLES["candidate"],
            path=path,
            line=1 if lines else None,
        )
    panel = interviewers if interviewers is not None else data.get("interviewers")
    if isinstance(panel, (str, Path)):
        panel_path = Path(panel) if interviewers is not None else path.parent / str(panel)
        where = (str(path), lines.get(("interviewers",), (str(path), None))[1])
        for key in [key for key in lines if key[:1] == ("interviewers",) and len(key) > 1]:
            del lines[key]  # the panel comes from the other file: its lines, not this file's
        data = {**data, "interviewers": load_panel(panel_path, lines, referred_from=where)}
    candidate = data.get("candidate")
    if isinstance(candidate, dict) and isinstance(candidate.get("signature"), str) and candidate["signature"].strip():
        signature = (path.parent / candidate["signature"].strip()).resolve()
        if not signature.is_file():
            line = lines.get(("candidate", "signature"), (str(path), None))[1]
            raise InputError(
                f'image not found ("{candidate["signature"]}"): give a path relative to the interview file',
                path=path,
                line=line,
                field="candidate.signature",
            )
        data = {**data, "candidate": {**candidate, "signature": signature}}
    return _validate(data, path, lines)


def _read_text(path: Path) -> str:
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise InputError("no such file", path=path) from None
    except OSError as error:
        raise InputError(f"cannot read: {error.strerror}", path=path) from error
    if path.is_dir():
        raise InputError("is a folder, not an interview file", path=path)
    if size > MAX_BYTES:
        raise InputError(f"file is {size // 1024} kB; an interview file is at most {MAX_BYTES // 1024 // 1024} MB", path=path)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise InputError(f"cannot read: {error.strerror}", path=path) from error
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise InputError("not UTF-8 text: save the file as UTF-8", path=path, line=line) from error


def _parse_yaml(text: str, path: Path) -> tuple[Any, Lines]:
    from ruamel.yaml import YAML
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    yaml = YAML(typ="rt")
    try:
        data = yaml.load(text)
        lines: Lines = {(): (str(path), 1)}
        _record_lines(data, (), str(path), lines, seen=set())
    except RecursionError:
        raise InputError("not valid YAML: nested too deeply", path=path) from None
    except ValueError as error:  # ruamel builds dates itself: 2026-13-01 fails in datetime
        line, text = _impossible_date(text)
        raise InputError(
            f'not a date ("{text}"): {error}; write it as YYYY-MM-DD, e.g. 2026-11-24', path=path, line=line
        ) from error
    except MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        problem = (error.problem or error.context or "syntax error").strip()
        if "found duplicate key" in str(error):
            problem = "a key appears twice in the same mapping"
        raise InputError(
            f"not valid YAML: {problem}", path=path, line=(mark.line + 1) if mark else None
        ) from error
    except YAMLError as error:
        raise InputError(f"not valid YAML: {error}", path=path) from error
    return data, lines


def _impossible_date(text: str) -> tuple[int | None, str]:
    """The line and text of the first YAML date-like scalar that is no real date."""
    for number, line in enumerate(text.splitlines(), 1):
        for match in re.finditer(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b", line):
            try:
                dt.date(*(int(part) for part in match.groups()))
            except ValueError:
                return number, match.group(0)
    return None, "?"


def _record_lines(node: Any, loc: tuple, file: str, lines: Lines, seen: set[int]) -> None:
    """Map every key and item of a ruamel node to its line, refusing aliases (they can explode)."""
    if isinstance(node, (dict, list)):
        if id(node) in seen:
            # the line of the key holding the alias; an alias list item's own position is its anchor's
            key = loc if loc and not isinstance(loc[-1], int) else loc[:-1]
            raise InputError(
                "YAML aliases (*name) are not supported here: write the value out",
                path=file,
                line=lines.get(key, lines[()])[1],
            )
        seen.add(id(node))
    if isinstance(node, dict):
        for key in node:
            position = node.lc.key(key) if hasattr(node, "lc") else None
            child = (*loc, key)
            if position:
                lines[child] = (file, position[0] + 1)
            _record_lines(node[key], child, file, lines, seen)
    elif isinstance(node, list):
        for index in range(len(node)):
            position = node.lc.item(index) if hasattr(node, "lc") else None
            child = (*loc, index)
            if position:
                lines[child] = (file, position[0] + 1)
            _record_lines(node[index], child, file, lines, seen)


def _parse_toml(text: str, path: Path) -> Any:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        # Python 3.11's tomllib puts the place only in the text: "Invalid value (at line 2, column 8)"
        match = re.search(r"^(.*) \(at line (\d+), column \d+\)$", str(error))
        message, line = (match.group(1), int(match.group(2))) if match else (str(error), None)
        raise InputError(f"not valid TOML: {message}", path=path, line=line) from error
    except RecursionError:
        raise InputError("not valid TOML: nested too deeply", path=path) from None


def _parse_json(text: str, path: Path) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise InputError(f"not valid JSON: {error.msg}", path=path, line=error.lineno) from error
    except RecursionError as error:
        raise InputError("not valid JSON: nested too deeply", path=path) from error


# ---- interviewers from CSV and vCard ------------------------------------------------------------

CSV_COLUMNS = (
    "name", "honorific", "title", "email", "phone", "company", "address_lines",
    "city", "region", "postal_code", "country", "topics", "note",
)
LINKEDIN_HEADER = ("First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On")


def load_panel(path: Path, lines: Lines, referred_from: tuple[str, int | None] | None = None) -> list[dict]:
    """Interviewers as plain mappings from a CSV or vCard file; records each one's line in ``lines``."""
    if path.suffix.lower() not in PANEL_SUFFIXES:
        raise InputError(
            f"interviewers must be a list, or a .csv or .vcf file (got {path.name!r})",
            path=referred_from[0] if referred_from else path,
            line=referred_from[1] if referred_from else None,
            field="interviewers",
        )
    if not path.is_file():
        raise InputError(
            f'interviewers file not found ("{path}")',
            path=referred_from[0] if referred_from else path,
            line=referred_from[1] if referred_from else None,
            field="interviewers",
        )
    text = _read_text(path)
    if path.suffix.lower() == ".csv":
        people = _panel_from_csv(text, path)
    else:
        people = _panel_from_vcard(text, path)
    if not people:
        raise InputError("no interviewers in this file", path=path)
    for index, (person, line) in enumerate(people):
        lines[("interviewers", index)] = (str(path), line)
    return [person for person, _ in people]


def _panel_from_csv(text: str, path: Path) -> list[tuple[dict, int]]:
    rows = list(_csv_rows(text, path))
    start = next((i for i, (row, _) in enumerate(rows) if tuple(c.strip() for c in row[:7]) == LINKEDIN_HEADER), None)
    if start is not None:
        return [(_linkedin_person(row), line) for row, line in rows[start + 1 :] if any(c.strip() for c in row)]
    if not rows:
        return []
    header = [column.strip().lower() for column in rows[0][0]]
    unknown = [column for column in header if column not in CSV_COLUMNS]
    if unknown:
        raise InputError(
            f"unknown column {unknown[0]!r}; the columns are: {', '.join(CSV_COLUMNS)}", path=path, line=rows[0][1]
        )
    if "name" not in header:
        raise InputError("the header row has no 'name' column", path=path, line=rows[0][1])
    people = []
    for row, line in rows[1:]:
        if not any(cell.strip() for cell in row):
            continue
        if len(row) > len(header):
            raise InputError(f"{len(row)} cells but {len(header)} columns: quote cells that hold commas", path=path, line=line)
        people.append((_csv_person(dict(zip(header, row))), line))
    return people


def _csv_rows(text: str, path: Path) -> Iterable[tuple[list[str], int]]:
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    first_line = 1
    try:
        for row in reader:
            yield row, first_line
            first_line = reader.line_num + 1
    except csv.Error as error:
        if "unexpected end of data" in str(error):  # strict: a quote never closed swallows the rows after it
            raise InputError('a quoted cell is never closed: add the closing "', path=path, line=first_line) from error
        raise InputError(f"not valid CSV: {error}", path=path, line=reader.line_num) from error


def _csv_person(cells: dict[str, str]) -> dict:
    cells = {key: value.strip() for key, value in cells.items() if value and value.strip()}
    person: dict[str, Any] = {
        key: cells[key] for key in ("name", "honorific", "title", "email", "phone", "company", "note") if key in cells
    }
    if "name" not in person:
        person["name"] = ""  # reported as "must not be empty" with the row's line
    if "topics" in cells:
        person["topics"] = [topic.strip() for topic in cells["topics"].split(";") if topic.strip()]
    address_keys = ("address_lines", "city", "region", "postal_code", "country")
    if any(key in cells for key in address_keys):
        address: dict[str, Any] = {
            "lines": [line.strip() for line in cells.get("address_lines", "").split("|") if line.strip()]
        }
        address.update({key: cells[key] for key in address_keys[1:] if key in cells})
        person["address"] = address
    return person


def _linkedin_person(row: list[str]) -> dict:
    first, last, _url, email, company, position = (cell.strip() for cell in (row + [""] * 7)[:6])
    person: dict[str, Any] = {"name": f"{first} {last}".strip()}
    if first and last:
        person.update(given_name=first, family_name=last)
    if email:
        person["email"] = email
    if company:
        person["company"] = company
    if position:
        person["title"] = position
    return person


def _panel_from_vcard(text: str, path: Path) -> list[tuple[dict, int]]:
    import vobject

    starts = [number for number, line in enumerate(text.splitlines(), 1) if line.strip().upper() == "BEGIN:VCARD"]
    people = []
    try:
        for index, card in enumerate(vobject.readComponents(text)):
            line = starts[index] if index < len(starts) else None
            people.append((_vcard_person(card, path, line), line or 1))
    except InputError:
        raise
    except Exception as error:  # vobject raises many kinds for malformed cards
        bad = re.search(r"Failed to parse line: (.+)", str(error))
        if bad:  # vobject's own line numbers are off; find the line it quotes
            number = next((n for n, line in enumerate(text.splitlines(), 1) if line.strip() == bad.group(1).strip()), None)
            raise InputError(
                f'not a valid vCard line ("{bad.group(1).strip()[:60]}"): write it as NAME:value, e.g. FN:Jordan Rivera',
                path=path,
                line=number,
            ) from error
        raise InputError(f"not a valid vCard: {error}", path=path) from error
    return people


def _vcard_person(card: Any, path: Path, line: int | None) -> dict:
    def value(key: str) -> Any:
        entry = getattr(card, key, None) if key in card.contents else None
        return entry.value if entry is not None else None

    person: dict[str, Any] = {}
    name = value("n")
    full = value("fn")
    if name is not None and (name.given or name.family):
        given = " ".join(name.given) if isinstance(name.given, list) else name.given
        family = " ".join(name.family) if isinstance(name.family, list) else name.family
        if given and family:
            person.update(given_name=given, family_name=family)
        prefix = " ".join(name.prefix) if isinstance(name.prefix, list) else name.prefix
        if prefix:
            person["honorific"] = prefix
        full = full or f"{given} {family}".strip()
    person["name"] = full or ""
    for key, field in (("title", "title"), ("email", "email"), ("tel", "phone"), ("note", "note")):
        found = value(key)
        if found:
            person[field] = found
    org = value("org")
    if org:
        person["company"] = org[0] if isinstance(org, list) else org
    adr = value("adr")
    if adr is not None and (adr.street or adr.city):
        street = adr.street if isinstance(adr.street, list) else [adr.street]
        address = {"lines": [part for chunk in street for part in str(chunk).splitlines() if part.strip()]}
        for part, field in ((adr.city, "city"), (adr.region, "region"), (adr.code, "postal_code")):
            if part:
                address[field] = part
        if adr.country:
            address["country"] = country_code(str(adr.country), path=path, line=line)
        person["address"] = address
    return person


def country_code(name: str, *, path: Path, line: int | None) -> str:
    """ISO code for a country written as a code or a name in English or its own language ("Deutschland")."""
    cleaned = name.strip()
    if len(cleaned) == 2 and cleaned.isalpha():
        return cleaned.upper()
    aliases = {"usa": "US", "u.s.a.": "US", "united states of america": "US", "uk": "GB", "england": "GB"}
    if cleaned.lower() in aliases:
        return aliases[cleaned.lower()]
    from babel import Locale

    for language in ("en", "de", "fr", "es", "ja", "it", "pt", "nl"):
        for code, territory in Locale(language).territories.items():
            if len(code) == 2 and territory.lower() == cleaned.lower():
                return code
    raise InputError(f'unknown country "{name}": write its two-letter ISO code, e.g. US, GB, DE', path=path, line=line)


# ---- validation, with errors a person can act on --------------------------------------------------


def _validate(data: dict, path: Path, lines: Lines) -> InterviewFile:
    try:
        model = InterviewFile.model_validate(data)
    except ValidationError as error:
        raise _input_error(error, path, lines) from None
    model._path = path
    model._lines = lines
    return model


def field_path(loc: Iterable[str | int]) -> str:
    """("interviewers", 1, "name") -> "interviewers[1].name"."""
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _input_error(error: ValidationError, path: Path, lines: Lines) -> InputError:
    first = error.errors(include_url=False)[0]
    loc = tuple(part for part in first["loc"] if not (isinstance(part, str) and part.startswith("function-")))
    file, line = str(path), None
    for end in range(len(loc), -1, -1):
        if loc[:end] in lines:
            file, line = lines[loc[:end]]
            break
    message = _message(first, loc)
    others = error.error_count() - 1
    if others:
        message += f" (and {others} more problem{'s' if others > 1 else ''})"
    return InputError(message, path=file, line=line, field=field_path(loc) or None)


def _message(error: dict, loc: tuple) -> str:
    kind = error["type"]
    leaf = next((part for part in reversed(loc) if isinstance(part, str)), "")
    value = error.get("input")
    if kind == "missing":
        example = EXAMPLES.get(leaf)
        return f'required, e.g. "{example}"' if example else "required"
    if kind == "extra_forbidden":
        return "unknown field (a typo?): remove it or check its spelling"
    if kind == "string_unicode":  # a key holding half of a surrogate pair
        return "a field name contains half of a character (a lone UTF-16 surrogate): type the character itself"
    if kind in ("string_type",):
        return f"must be text (got {_shown(value)})"
    if kind in ("list_type",):
        return f"must be a list, e.g. [\"first\", \"second\"] (got {_shown(value)})"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return f"must be a mapping of fields (got {_shown(value)})"
    if kind.startswith("date") or kind.startswith("time"):
        return f"not a {'date' if kind.startswith('date') else 'time'} ({_shown(value)}): write it as " + (
            "YYYY-MM-DD, e.g. 2026-11-24" if kind.startswith("date") else "HH:MM, e.g. 14:30"
        )
    if kind == "enum":
        expected = error.get("ctx", {}).get("expected", "")
        return f"must be one of {expected} (got {_shown(value)})"
    if kind == "too_short":
        return "must have at least one entry" if isinstance(value, list) else "is too short"
    if kind == "too_long":
        limit = error.get("ctx", {}).get("max_length")
        return f"is too long (at most {limit} {'entries' if isinstance(value, list) else 'characters'})"
    if kind == "value_error":
        return str(error["msg"]).removeprefix("Value error, ")
    return str(error["msg"])


def _shown(value: Any) -> str:
    if isinstance(value, str):  # invisible characters shown as escapes: an error stays one line
        shown = "".join(char if char.isprintable() else f"\\u{ord(char):04x}" for char in value[:40])
        return f'"{shown}"'
    if value is None:
        return "nothing"
    if isinstance(value, (dict, list)):
        return "a mapping" if isinstance(value, dict) else "a list"
    return repr(value)[:40]


# ---- a batch: many candidates' interviews in one CSV -----------------------------------------------

_ADDRESS_PARTS = ("address_lines", "city", "region", "postal_code", "country")
BATCH_COLUMNS = {
    "candidate": ("candidate", "candidate_email", "candidate_phone", *(f"candidate_{part}" for part in _ADDRESS_PARTS)),
    "interview": (
        "company", "position", "date", "time", "format", "round", "location",
        *(f"interview_{part}" for part in _ADDRESS_PARTS),
    ),
    "message": ("highlights", "forgot_to_say", "clarify"),
    "interviewer": (
        "name", "honorific", "given_name", "family_name", "title", "interviewer_company", "email", "phone",
        *_ADDRESS_PARTS, "topics", "note", "send",
    ),
}


def load_batch(path: str | Path) -> list[InterviewFile]:
    """A batch CSV (one row per interviewer, with candidate and interview columns) as one model per interview.

    Rows with the same candidate, company, position and date are one interview; its shared
    cells may be repeated or left blank after its first row, but not contradicted.
    """
    path = Path(path)
    rows = [(row, line) for row, line in _csv_rows(_read_text(path), path) if any(cell.strip() for cell in row)]
    if not rows:
        raise InputError("no rows: a batch CSV has a header row, then one row per interviewer", path=path)
    header = [column.strip().lower() for column in rows[0][0]]
    known = [column for group in BATCH_COLUMNS.values() for column in group]
    if "candidate" not in header:
        raise InputError(
            "a CSV given as an interview file is a batch and needs a 'candidate' column (the columns are in the README); "
            "a CSV of interviewers alone goes in `interviewers: panel.csv` or --interviewers",
            path=path, line=rows[0][1],
        )
    unknown = [column for column in header if column not in known]
    if unknown:
        raise InputError(f"unknown column {unknown[0]!r}; the columns are: {', '.join(known)}", path=path, line=rows[0][1])
    shared = BATCH_COLUMNS["candidate"] + BATCH_COLUMNS["interview"] + BATCH_COLUMNS["message"]
    groups: dict[tuple[str, ...], list[tuple[dict[str, str], int]]] = {}
    for row, line in rows[1:]:
        if len(row) > len(header):
            raise InputError(f"{len(row)} cells but {len(header)} columns: quote cells that hold commas", path=path, line=line)
        cells = {column: cell.strip() for column, cell in zip(header, row)}
        key = tuple(cells.get(column, "") for column in ("candidate", "company", "position", "date"))
        group = groups.setdefault(key, [])
        if group:
            first = group[0][0]
            for column in shared:
                if cells.get(column) and first.get(column) and cells[column] != first[column]:
                    raise InputError(
                        f'"{cells[column]}" differs from "{first[column]}" in row {group[0][1]} of the same interview: '
                        "leave it blank or write it the same",
                        path=path, line=line, field=column,
                    )
                if cells.get(column) and not first.get(column):
                    first[column] = cells[column]
        group.append((cells, line))
    return [_batch_interview(group, path) for group in groups.values()]


def _batch_interview(group: list[tuple[dict[str, str], int]], path: Path) -> InterviewFile:
    first, first_line = group[0]

    def pick(*columns: str, prefix: str = "") -> dict[str, Any]:
        return {column.removeprefix(prefix): first[column] for column in columns if first.get(column)}

    def address(prefix: str) -> dict[str, Any] | None:
        parts = {part: first.get(prefix + part, "") for part in _ADDRESS_PARTS}
        if not any(parts.values()):
            return None
        found: dict[str, Any] = {"lines": [line.strip() for line in parts["address_lines"].split("|") if line.strip()]}
        found.update({part: value for part, value in parts.items() if value and part != "address_lines"})
        return found

    candidate = {"name": first.get("candidate", ""), **pick("candidate_email", "candidate_phone", prefix="candidate_")}
    interview = pick(*BATCH_COLUMNS["interview"][:7])
    message: dict[str, Any] = pick("forgot_to_say", "clarify")
    if first.get("highlights"):
        message["highlights"] = [part.strip() for part in first["highlights"].split(";") if part.strip()]
    for owner, prefix in ((candidate, "candidate_"), (interview, "interview_")):
        found = address(prefix)
        if found:
            owner["address"] = found
    people = []
    lines: Lines = {(): (str(path), first_line)}
    for section, value in (("candidate", candidate), ("interview", interview), ("message", message)):
        lines[(section,)] = (str(path), first_line)
        for key in value:
            lines[(section, key)] = (str(path), first_line)
    for index, (cells, line) in enumerate(group):
        panel_cells = {key: value for key, value in cells.items() if key in CSV_COLUMNS and key != "company"}
        if cells.get("interviewer_company"):
            panel_cells["company"] = cells["interviewer_company"]
        person = _csv_person(panel_cells)
        for key in ("given_name", "family_name"):
            if cells.get(key):
                person[key] = cells[key]
        if cells.get("send"):
            person["send"] = [part.strip() for part in cells["send"].split(";") if part.strip()]
        people.append(person)
        lines[("interviewers", index)] = (str(path), line)
    data = {"candidate": candidate, "interview": interview, "message": message, "interviewers": people}
    return _validate(data, path, lines)
