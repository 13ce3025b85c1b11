"""Layouts are data: card stock, envelopes, label sheets, letter windows and paper.

Each layout is one TOML file in ``layouts/`` (or a user's own file passed as a path),
validated when it is loaded: unknown keys and impossible geometry are errors. Lengths
carry units in the files and are points here (see ``followup.geometry``).
"""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path
from typing import Annotated, Literal, Union

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, TypeAdapter, ValidationError, model_validator
from pydantic import ValidationInfo, field_validator

from followup.errors import LayoutError, UsageError
from followup.geometry import Box, length
from followup.resources import data_dir

Length = Annotated[float, BeforeValidator(length)]


class _Layout(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(pattern=r"^[a-z0-9][a-z0-9.\-]*$")
    description: str
    path: Path | None = None  # set by the loader

    @property
    def size_text(self) -> str:
        """The size as a person says it, e.g. "5.5 x 4.25 in" or "110 x 220 mm"."""
        w, h = self.page_size  # type: ignore[attr-defined]
        if self.metric:  # type: ignore[attr-defined]
            return f"{round(w / 72 * 25.4, 1):g} x {round(h / 72 * 25.4, 1):g} mm"
        return f"{w / 72:g} x {h / 72:g} in"


class Paper(_Layout):
    """A sheet for letters and imposition: US Letter or A4."""

    kind: Literal["paper"]
    width: Length
    height: Length
    margin: Length
    metric: bool = False

    @property
    def page_size(self) -> tuple[float, float]:
        return (self.width, self.height)


class Card(_Layout):
    """A card as it is held (``width`` x ``height``), and how its flat blank folds.

    ``fold = "side"``: the flat blank is twice as wide, the message goes on the inside
    right panel; ``"top"``: twice as tall, the message on the inside lower panel;
    ``"none"``: a flat card, message on its face. ``panel`` names the panel that takes the
    message when it is not the usual one for the fold.
    """

    kind: Literal["card"]
    width: Length
    height: Length
    fold: Literal["none", "side", "top"]
    panel: Literal["face", "inside-right", "inside-left", "inside-lower", "inside-upper"] | None = None
    bleed: Length
    safe: Length
    font_min: Length
    font_max: Length
    envelope: str
    metric: bool = False

    @model_validator(mode="after")
    def _possible(self) -> "Card":
        if self.width <= 0 or self.height <= 0:
            raise ValueError("width and height must be positive")
        if 2 * self.safe >= min(self.width, self.height):
            raise ValueError("safe margin leaves no room for the message")
        if not 0 < self.font_min <= self.font_max:
            raise ValueError("font_min must be positive and no larger than font_max")
        return self

    @field_validator("panel")
    @classmethod
    def _panel_of_fold(cls, panel: str | None, info: ValidationInfo) -> str | None:
        fold = info.data.get("fold")
        if panel is not None and fold in _PANELS and panel not in _PANELS[fold]:
            raise ValueError(f"a card with fold = {fold!r} takes its message on: {', '.join(_PANELS[fold])}")
        return panel

    @property
    def message_side(self) -> str:
        """The panel that takes the message: "face", "inside-right", "inside-lower"..."""
        return self.panel or _PANELS[self.fold][0]

    @property
    def page_size(self) -> tuple[float, float]:
        """The flat blank that goes through the printer (the trim size of the page)."""
        if self.fold == "side":
            return (2 * self.width, self.height)
        if self.fold == "top":
            return (self.width, 2 * self.height)
        return (self.width, self.height)

    @property
    def message_panel(self) -> Box:
        """The panel a person writes on, in the coordinates of the flat blank."""
        if self.message_side == "inside-right":
            return Box(self.width, 0, self.width, self.height)
        if self.message_side == "inside-upper":
            return Box(0, self.height, self.width, self.height)
        return Box(0, 0, self.width, self.height)

    @property
    def fold_line(self) -> tuple[float, float, float, float] | None:
        """The fold as a segment (x0, y0, x1, y1) on the flat blank, or None."""
        w, h = self.page_size
        if self.fold == "side":
            return (self.width, 0, self.width, h)
        if self.fold == "top":
            return (0, self.height, w, self.height)
        return None


# fold -> the panels that may take the message, the usual one first
_PANELS = {"none": ("face",), "side": ("inside-right", "inside-left"), "top": ("inside-lower", "inside-upper")}


class Envelope(_Layout):
    """An envelope, landscape (``width`` is the long side), and the zones the post office reads."""

    kind: Literal["envelope"]
    width: Length
    height: Length
    postal: Literal["usps", "iso"]
    carries: list[str]
    margin: Length  # return address inset from the top left
    stamp_width: Length
    stamp_height: Length
    # where the sorting machine reads the delivery address, from the edges (read_top: the
    # highest the address may reach, measured up from the bottom edge)
    read_left: Length
    read_right: Length
    read_bottom: Length
    read_top: Length
    # the barcode clear zone in the lower right that the post office prints on (0 if none)
    clear_width: Length = 0.0
    clear_height: Length = 0.0
    metric: bool = False

    @model_validator(mode="after")
    def _possible(self) -> "Envelope":
        if self.width <= self.height:
            raise ValueError("width must be the long side: envelopes are laid out landscape")
        if self.stamp_width >= self.width / 2 or self.stamp_height >= self.height / 2:
            raise ValueError("the stamp corner takes more than half the envelope")
        if self.read_left + self.read_right >= self.width / 2:
            raise ValueError("read_left and read_right leave less than half the width for the address")
        if not self.read_bottom < self.read_top <= self.height:
            raise ValueError("read_top must lie above read_bottom and on the envelope")
        return self

    @property
    def read_zone(self) -> Box:
        """Where the delivery address may go: the read area, above the barcode clear zone, below the stamp corner."""
        bottom = max(self.read_bottom, self.clear_height if self.clear_width else 0.0)
        top = min(self.read_top, self.height - self.stamp_height - 9.0)  # 1/8 in below the stamp
        return Box(self.read_left, bottom, self.width - self.read_left - self.read_right, top - bottom)

    @property
    def page_size(self) -> tuple[float, float]:
        return (self.width, self.height)

    @property
    def stamp_box(self) -> Box:
        """The upper-right corner kept clear for postage."""
        return Box(self.width - self.stamp_width, self.height - self.stamp_height, self.stamp_width, self.stamp_height)


class LabelSheet(_Layout):
    """A sheet of address labels: ``label(col, row)`` starts at ``left + col*pitch_x``, ``top + row*pitch_y``."""

    kind: Literal["label-sheet"]
    paper: str
    columns: int = Field(gt=0)
    rows: int = Field(gt=0)
    label_width: Length
    label_height: Length
    top: Length
    left: Length
    pitch_x: Length
    pitch_y: Length
    safe: Length
    metric: bool = False

    @model_validator(mode="after")
    def _possible(self) -> "LabelSheet":
        if self.pitch_x < self.label_width or self.pitch_y < self.label_height:
            raise ValueError("labels overlap: pitch is smaller than the label")
        paper = load_layout(self.paper, kind="paper")
        right = self.left + (self.columns - 1) * self.pitch_x + self.label_width
        bottom = self.top + (self.rows - 1) * self.pitch_y + self.label_height
        if right > paper.width + 0.5 or bottom > paper.height + 0.5:
            raise ValueError(f"labels are too large to fit on the {paper.name} sheet")
        return self

    @property
    def per_sheet(self) -> int:
        return self.columns * self.rows

    @property
    def page_size(self) -> tuple[float, float]:
        return load_layout(self.paper, kind="paper").page_size

    def label_box(self, index: int) -> Box:
        """The box of label ``index`` (0-based, row by row) on its sheet, in PDF coordinates."""
        index %= self.per_sheet
        row, col = divmod(index, self.columns)
        _, page_height = self.page_size
        x = self.left + col * self.pitch_x
        y = page_height - self.top - row * self.pitch_y - self.label_height
        return Box(x, y, self.label_width, self.label_height)


class Window(_Layout):
    """Where a window envelope shows a folded letter: the address zone, folds and marks.

    Positions are measured from the top left of the page, as the standards give them.
    ``address_*`` is the zone that stays visible whatever the play of the letter.
    """

    kind: Literal["window"]
    paper: str
    envelope: str
    folds: list[Length]
    address_left: Length
    address_top: Length
    address_width: Length
    address_height: Length
    return_height: Length = 0.0  # a return line at the top of the zone (DIN), 0 if none
    notes_height: Length = 0.0  # below the return line, kept for postal notes (DIN "Vermerkzone")
    address_indent: Length = 0.0  # the address text starts this far inside the zone
    punch_mark: Length | None = None
    metric: bool = False

    @model_validator(mode="after")
    def _possible(self) -> "Window":
        paper = load_layout(self.paper, kind="paper")
        if self.address_left + self.address_width > paper.width or self.address_top + self.address_height > paper.height:
            raise ValueError(f"the address zone runs off the {paper.name} page")
        if self.return_height + self.notes_height >= self.address_height:
            raise ValueError("the return line and notes zone leave no room for the address")
        if self.address_indent * 2 >= self.address_width:
            raise ValueError("address_indent leaves no room for the address")
        if any(not 0 < fold < paper.height for fold in self.folds):
            raise ValueError("every fold must lie on the page")
        return self

    @property
    def page_size(self) -> tuple[float, float]:
        return load_layout(self.paper, kind="paper").page_size

    @property
    def address_box(self) -> Box:
        """The always-visible address zone in PDF coordinates."""
        _, page_height = self.page_size
        return Box(
            self.address_left,
            page_height - self.address_top - self.address_height,
            self.address_width,
            self.address_height,
        )

    @property
    def return_box(self) -> Box | None:
        """The strip at the top of the zone for the sender's return line, or None."""
        if not self.return_height:
            return None
        box = self.address_box
        return Box(box.x, box.top - self.return_height, box.width, self.return_height)

    @property
    def recipient_box(self) -> Box:
        """The part of the zone the recipient's address is set in (below the return line and notes)."""
        box = self.address_box
        return Box(box.x, box.y, box.width, box.height - self.return_height - self.notes_height)


AnyLayout = Annotated[Union[Paper, Card, Envelope, LabelSheet, Window], Field(discriminator="kind")]
_ADAPTER: TypeAdapter = TypeAdapter(AnyLayout)
# kind -> the folder of layouts/ that holds that kind, in the order `followup layouts` lists them
FOLDERS = {"card": "cards", "envelope": "envelopes", "label-sheet": "labels", "window": "windows", "paper": "paper"}
Kind = Literal["card", "envelope", "label-sheet", "window", "paper"]


def _parse(path: Path) -> _Layout:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise LayoutError(f"cannot read layout: {error}", path=path) from error
    except tomllib.TOMLDecodeError as error:
        raise LayoutError(f"not valid TOML: {error}", path=path) from error
    if not isinstance(data.get("kind"), str) or data["kind"] not in FOLDERS:
        raise LayoutError(f"kind must be one of: {', '.join(FOLDERS)}", path=path, field="kind")
    try:
        return _ADAPTER.validate_python({**data, "path": path})
    except ValidationError as error:
        first = error.errors()[0]
        field = ".".join(str(part) for part in first["loc"][1:]) or None
        message = first["msg"].removeprefix("Value error, ")
        if first["type"] == "extra_forbidden":
            message = "unknown key (a typo?)"
        elif first["type"] == "missing":
            message = "required"
        raise LayoutError(message, path=path, field=field) from error


def bundled_names(kind: Kind) -> list[str]:
    """The names of the bundled layouts of ``kind``, sorted."""
    return sorted(path.stem for path in (data_dir("layouts") / FOLDERS[kind]).glob("*.toml"))


def bundled_layouts() -> list[_Layout]:
    """Every layout that ships with followup, by kind then name."""
    return [load_layout(name, kind) for kind in FOLDERS for name in bundled_names(kind)]  # type: ignore[arg-type]


@cache
def load_layout(name_or_path: str, kind: Kind) -> _Layout:
    """The ``kind`` layout called ``name_or_path``: a bundled name, or a path to a user's .toml file."""
    if name_or_path.endswith(".toml") or "/" in name_or_path or "\\" in name_or_path:
        path = Path(name_or_path)
        if not path.is_file():
            raise UsageError(f"layout file {name_or_path!r} does not exist")
    else:
        path = data_dir("layouts") / FOLDERS[kind] / f"{name_or_path}.toml"
        if not path.is_file():
            choices = ", ".join(bundled_names(kind))
            raise UsageError(f"no {kind} layout called {name_or_path!r}; choose one of: {choices}")
    layout = _parse(path)
    if layout.kind != kind:  # type: ignore[attr-defined]
        raise UsageError(f"{name_or_path!r} is a {layout.kind} layout, not a {kind}")  # type: ignore[attr-defined]
    return layout
