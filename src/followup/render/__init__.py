"""One module per product. ``PRODUCTS`` maps a product's command name to the module that renders it.

Each module exposes ``renderer(common, **options) -> Renderer`` (see ``followup.render.base``); modules are
imported only when their product runs, so ``followup --help`` stays light.
"""

from __future__ import annotations

import importlib

# command name -> module; the order is the order `render` makes them (email first: it is the fastest thanks)
PRODUCTS = {
    "emails": "followup.render.email",
    "cards": "followup.render.card",
    "letters": "followup.render.letter",
    "envelopes": "followup.render.envelope",
    "labels": "followup.render.labels",
    "call-sheets": "followup.render.call_sheet",
}


# made only when asked for (`render --guide`), after the product they accompany
EXTRAS = {
    "card-guides": "followup.render.card_guide",
}


def renderer_module(name: str):
    """The module that renders product ``name``."""
    return importlib.import_module(PRODUCTS.get(name) or EXTRAS[name])
