"""The one place that finds followup's packaged data: fonts, layouts and templates.

An installed wheel carries ``fonts/`` and ``layouts/`` inside the package as
``followup/_data/``; a source checkout (``pip install -e .``) has them at the top of
the repository, two levels above the package, because hatchling ignores
``force-include`` in editable installs. Both are found through importlib.resources.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

from followup.errors import FollowupError


@cache
def data_dir(name: str) -> Path:
    """The folder of packaged data called ``name`` ("fonts" or "layouts")."""
    package = resources.files("followup")
    candidates: list[Traversable] = [
        package.joinpath("_data", name),
        package.joinpath("..", "..", name),  # source checkout: src/followup/../../name
    ]
    for candidate in candidates:
        if candidate.is_dir():
            return Path(str(candidate)).resolve()
    raise FollowupError(f"followup's {name}/ folder is missing from this installation: reinstall followup")


def templates_dir() -> Path:
    """The folder of built-in Jinja2 templates (a package folder, so always present)."""
    return Path(str(resources.files("followup").joinpath("templates"))).resolve()
