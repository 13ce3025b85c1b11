"""A product that only has a combined file and whose prepared values cannot be pickled, like a label sheet might."""

from __future__ import annotations

from followup.model import Product


class SheetOnly:
    name = "sheet-only"
    product = Product.LABEL
    item_file = None
    combined_file = "sheet-only.txt"

    def __init__(self, common) -> None:
        self.common = common

    def prepare(self, item):
        name = item.person.name
        return lambda: name  # a closure: pickle refuses it, so the runner prepares again in the parent

    def render(self, prepared) -> bytes:
        return prepared().encode()

    def combine(self, prepared, target) -> bool:
        target.write("\n".join(value() for value in prepared).encode() + b"\n")
        return True


def renderer(common, **options):
    return SheetOnly(common)
