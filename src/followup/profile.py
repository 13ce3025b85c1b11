"""The candidate's own details, remembered between interviews so ``init --interactive`` asks once, ever.

The profile is a small YAML file, ``candidate.yaml``, in the user's config folder: ``$FOLLOWUP_CONFIG_DIR``
when set (tests, portable setups), else the platform's folder (``$XDG_CONFIG_HOME/followup`` or
``~/.config/followup`` on Linux, ``~/Library/Application Support/followup`` on macOS, ``%APPDATA%\\followup``
on Windows).
"""

from __future__ import annotations

import io
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from followup.errors import InputError

PROFILE_NAME = "candidate.yaml"
_HEADER = (
    "followup remembers you here, so `followup init --interactive` asks for your details only once.\n"
    "Edit it freely; delete it to be asked again."
)


def config_dir(environ: Mapping[str, str] | None = None) -> Path:
    """The folder followup keeps its settings in (see the module docstring)."""
    environ = os.environ if environ is None else environ
    override = environ.get("FOLLOWUP_CONFIG_DIR")
    if override:
        return Path(override)
    from click import get_app_dir  # honours XDG_CONFIG_HOME on Linux, the platform folder elsewhere

    return Path(get_app_dir("followup"))


def profile_path(folder: Path) -> Path:
    """Where the profile lives inside the config folder."""
    return folder / PROFILE_NAME


def load_profile(folder: Path) -> dict[str, Any] | None:
    """The remembered candidate as a plain mapping (validated), or None when there is none yet."""
    from pydantic import ValidationError
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError

    from followup.loading import field_path
    from followup.model import Candidate

    path = profile_path(folder)
    if not path.is_file():
        return None
    try:
        data = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
    except (YAMLError, UnicodeDecodeError) as error:
        raise InputError(f"not a readable profile ({error.__class__.__name__}): fix or delete it", path=path) from None
    if not isinstance(data, dict):
        raise InputError("the profile must be a mapping with your name, e.g. name: Alex Morgan", path=path)
    try:
        Candidate.model_validate(data)
    except ValidationError as error:
        first = error.errors(include_url=False)[0]
        message = str(first["msg"]).removeprefix("Value error, ")
        raise InputError(f"{message}: fix or delete the profile", path=path, field=field_path(first["loc"]) or None) from None
    return data


def save_profile(folder: Path, candidate: Mapping[str, Any]) -> Path:
    """Write the candidate's details (name, email, phone, address) to the profile; returns its path."""
    from ruamel.yaml import YAML

    from followup.output import atomic_write

    yaml = YAML(typ="rt")
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    data = _commented(candidate)
    data.yaml_set_start_comment(_HEADER)
    stream = io.StringIO()
    yaml.dump(data, stream)
    path = profile_path(folder)
    atomic_write(path, stream.getvalue().encode("utf-8"))
    return path


def _commented(candidate: Mapping[str, Any]):
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    data = CommentedMap()
    for key in ("name", "email", "phone"):
        if candidate.get(key):
            data[key] = candidate[key]
    address = candidate.get("address")
    if address:
        block = CommentedMap()
        lines = CommentedSeq(address["lines"])
        lines.fa.set_flow_style()
        block["lines"] = lines
        for key in ("city", "region", "postal_code", "country"):
            if address.get(key):
                block[key] = address[key]
        data["address"] = block
    return data
