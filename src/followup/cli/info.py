"""Listing what followup has: layouts, templates, fonts."""

from __future__ import annotations

import typer

from followup.cli import app


def _table(columns: list[str]):
    from rich.table import Table

    table = Table(show_edge=False, box=None, pad_edge=False, header_style="bold")
    for column in columns:
        table.add_column(column, overflow="fold")
    return table


def _print(table) -> None:
    from rich.console import Console

    Console(highlight=False, soft_wrap=False, width=160).print(table)


@app.command("layouts")
def layouts() -> None:
    """List the card, envelope, label-sheet, window and paper layouts (pass a .toml path to use your own)."""
    from followup.layouts import bundled_layouts

    table = _table(["kind", "name", "size", "description"])
    for layout in bundled_layouts():
        size = layout.size_text
        if layout.kind == "card" and layout.fold != "none":  # type: ignore[attr-defined]
            held = layout.model_copy(update={"fold": "none"}).size_text
            size = f"{held}, folded from {size}"
        table.add_row(layout.kind, layout.name, size, layout.description)  # type: ignore[attr-defined]
    _print(table)


@app.command("templates")
def templates() -> None:
    """List the built-in message templates and the fields your own .j2 templates may use."""
    from followup.resources import templates_dir
    from followup.templating import FIELDS

    table = _table(["product", "template", "language", "first line"])
    for folder in sorted(path for path in templates_dir().iterdir() if path.is_dir()):
        # English beside the product's templates, other languages in a folder each (letter/de/formal.j2)
        found = [("en", template) for template in sorted(folder.glob("*.j2"))]
        found += [(language.name, template) for language in sorted(folder.iterdir()) if language.is_dir() for template in sorted(language.glob("*.j2"))]
        for language, template in found:
            lines = [line for line in template.read_text(encoding="utf-8").splitlines() if line and not line.startswith("{#")]
            table.add_row(folder.name, template.stem, language, (lines[0] if lines else "")[:70])
    _print(table)
    typer.echo("\nFields a template may use:")
    fields = _table(["field", "contains"])
    for name, description in FIELDS.items():
        fields.add_row(name, description)
    _print(fields)


@app.command("fonts")
def fonts() -> None:
    """List the bundled fonts: handwriting for cards, serif for letters, sans for envelopes, and fallbacks."""
    from followup.fonts import font_specs

    table = _table(["name", "role", "family", "description"])
    for spec in font_specs().values():
        table.add_row(spec.key, spec.role, spec.family, spec.description)
    _print(table)
